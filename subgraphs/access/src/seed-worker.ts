import { parentPort } from 'node:worker_threads';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { demoBatches } from './seed.js';

/*
 * Generates regions' demo histories on a thread of its own, so the servers on the main thread keep
 * answering. A region's inputs start its history; each request then makes and hands out one batch,
 * so the history is never held whole.
 */
let batches: ReturnType<typeof demoBatches> | undefined;
parentPort?.on('message', (message: 'next' | { code: RegionCode; inputs: DemoInputs }) => {
  if (message === 'next') parentPort?.postMessage(batches?.next().value ?? null);
  else batches = demoBatches(message.code, message.inputs);
});

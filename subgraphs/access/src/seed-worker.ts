import { parentPort, workerData } from 'node:worker_threads';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { demoBatches } from './seed.js';

/*
 * Generates one region's demo history on its own thread, so the servers on the main thread keep
 * answering. Makes and hands out one batch per request, so the history is never held whole.
 */
const { code, options } = (workerData as { data: { code: RegionCode; options: DemoInputs } }).data;
const batches = demoBatches(code, options);
parentPort?.on('message', () => {
  parentPort?.postMessage(batches.next().value ?? null);
});

import { parentPort, workerData } from 'node:worker_threads';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { demoBatches } from './seed.js';

/*
 * Generates one region's demo history on its own thread, so the servers on the main thread keep
 * answering. Hands out one batch per request, so the history is never held twice.
 */
const { code, options } = workerData as { code: RegionCode; options: DemoInputs };
const batches = demoBatches(code, options);
let next = 0;
parentPort?.on('message', () => {
  parentPort?.postMessage(batches[next] ?? null);
  next++;
});

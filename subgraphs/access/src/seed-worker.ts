import { parentPort, workerData } from 'node:worker_threads';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { demoBatches } from './seed.js';

/*
 * Generates one region's demo history on its own thread, so the servers on the main thread keep
 * answering. Hands out one batch per request, so the history is never held twice.
 */
const { code, options } = workerData as { code: RegionCode; options: DemoOptions };
const batches = demoBatches(code, options);
let next = 0;
parentPort?.on('message', () => {
  parentPort?.postMessage(batches[next] ?? null);
  next++;
});

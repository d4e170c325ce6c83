import { Worker } from 'node:worker_threads';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { AccessRecord } from './import/records.js';

// The worker is TypeScript; it loads tsx itself, whether or not this process was started with it.
const BOOT = `
  const { workerData } = require('node:worker_threads');
  import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.file); });
`;

/**
 * A region's demo history as named batches, generated on a worker thread one batch ahead of the
 * import, so generating never holds up the event loop the servers answer on.
 */
export async function* batchesOffThread(code: RegionCode, options: DemoOptions): AsyncGenerator<[string, AccessRecord[]]> {
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { code, options, tsx: import.meta.resolve('tsx/esm/api'), file: import.meta.resolve('./seed-worker.ts') },
  });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (exitCode) => reject(new Error(`the demo generator for ${code} stopped (exit code ${exitCode})`)));
  });
  const next = () => {
    const answer = new Promise<[string, AccessRecord[]] | null>((resolve) => worker.once('message', resolve));
    worker.postMessage('next');
    return Promise.race([answer, failed]);
  };
  try {
    for (let batch = await next(); batch; batch = await next()) yield batch;
  } finally {
    failed.catch(() => {});
    await worker.terminate();
  }
}

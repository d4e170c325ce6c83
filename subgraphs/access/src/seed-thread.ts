import { typeScriptWorker } from '@youth-care/lib/ts-worker';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { AccessRecord } from './import/records.js';

type Batch = [string, AccessRecord[]];

/**
 * A region's demo history as named batches, generated on a worker thread one batch ahead of the
 * import, so generating never holds up the event loop the servers answer on.
 *
 * The thread stopping fails the batch being waited for. Not by racing each batch against one
 * promise of the thread's end: every race leaves a reaction on that promise until it settles,
 * and each would keep its batch, so a region's whole history would stay in memory while it loads.
 */
export async function* batchesOffThread(code: RegionCode, options: DemoInputs): AsyncGenerator<Batch> {
  const worker = typeScriptWorker(import.meta.resolve('./seed-worker.ts'), { code, options });
  let waiting: { resolve: (batch: Batch | null) => void; reject: (error: Error) => void } | undefined;
  let stopped: Error | undefined;
  const stop = (error: Error) => {
    stopped ??= error;
    waiting?.reject(stopped);
  };
  worker.on('message', (batch: Batch | null) => waiting?.resolve(batch));
  worker.once('error', stop);
  worker.once('exit', (exitCode) => stop(new Error(`the demo generator for ${code} stopped (exit code ${exitCode})`)));
  const next = () =>
    new Promise<Batch | null>((resolve, reject) => {
      if (stopped) return reject(stopped);
      waiting = { resolve, reject };
      worker.postMessage('next');
    });
  try {
    for (let batch = await next(); batch; batch = await next()) yield batch;
  } finally {
    await worker.terminate();
  }
}

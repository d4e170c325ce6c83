import { typeScriptWorker } from '@youth-care/lib/ts-worker';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { AccessRecord } from './import/records.js';

/**
 * A region's demo history as named batches, generated on a worker thread one batch ahead of the
 * import, so generating never holds up the event loop the servers answer on.
 */
export async function* batchesOffThread(code: RegionCode, options: DemoInputs): AsyncGenerator<[string, AccessRecord[]]> {
  const worker = typeScriptWorker(import.meta.resolve('./seed-worker.ts'), { code, options });
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

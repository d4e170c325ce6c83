import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '@youth-care/lib/ts-worker';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { AccessRecord } from './import/records.js';

type Batch = [string, AccessRecord[]];

/**
 * Regions' demo histories as named batches, generated on a worker thread one batch ahead of the
 * import, so generating never holds up the event loop the servers answer on. One thread serves the
 * regions one after another: starting a thread, with TypeScript and the generator's modules in
 * it, costs more CPU than generating a small region's history.
 */
export class DemoGenerator {
  #worker: { thread: Worker; failed: Promise<never> } | undefined;

  async *batches(code: RegionCode, inputs: DemoInputs): AsyncGenerator<Batch> {
    const { thread, failed } = (this.#worker ??= this.#start());
    const next = () => {
      const answer = new Promise<Batch | null>((resolve) => thread.once('message', resolve));
      thread.postMessage('next');
      return Promise.race([answer, failed]);
    };
    thread.postMessage({ code, inputs });
    let upcoming = next();
    let finished = false;
    try {
      for (let batch = await upcoming; batch; batch = await upcoming) {
        upcoming = next();
        yield batch;
      }
      finished = true;
    } finally {
      // Left part-way, a batch is still on its way: the next region starts on a thread of its own.
      if (!finished) {
        upcoming.catch(() => {});
        await this.close();
      }
    }
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.thread.terminate();
  }

  #start(): { thread: Worker; failed: Promise<never> } {
    const thread = typeScriptWorker(import.meta.resolve('./seed-worker.ts'), undefined);
    const failed = new Promise<never>((_, reject) => {
      thread.once('error', reject);
      thread.once('exit', (exitCode) => reject(new Error(`the demo generator stopped (exit code ${exitCode})`)));
    });
    failed.catch(() => {
      if (this.#worker?.thread === thread) this.#worker = undefined;
    });
    return { thread, failed };
  }
}

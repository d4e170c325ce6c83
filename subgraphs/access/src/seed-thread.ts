import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '@youth-care/lib/ts-worker';
import type { DemoInputs } from './db/demo-load-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { AccessRecord } from './import/records.js';

type Batch = [string, AccessRecord[]];

/** The generator's thread, and its next batch as a promise. */
interface Thread {
  readonly thread: Worker;
  next(): Promise<Batch | null>;
}

/**
 * Regions' demo histories as named batches, generated on a worker thread one batch ahead of the
 * import, so generating never holds up the event loop the servers answer on. One thread serves the
 * regions one after another: starting a thread, with TypeScript and the generator's modules in
 * it, costs more CPU than generating a small region's history.
 */
export class DemoGenerator {
  #worker: Thread | undefined;

  async *batches(code: RegionCode, inputs: DemoInputs): AsyncGenerator<Batch> {
    const worker = (this.#worker ??= this.#start());
    worker.thread.postMessage({ code, inputs });
    let upcoming = worker.next();
    let finished = false;
    try {
      for (let batch = await upcoming; batch; batch = await upcoming) {
        upcoming = worker.next();
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

  /**
   * The thread stopping fails the batches asked for and not yet answered. Not by racing each
   * batch against one promise of the thread's end: every race leaves a reaction on that promise
   * until it settles, and each would keep its batch, so every history the thread made would stay
   * in memory as long as it runs.
   */
  #start(): Thread {
    const thread = typeScriptWorker(import.meta.resolve('./seed-worker.ts'), undefined);
    const waiting: { resolve: (batch: Batch | null) => void; reject: (error: Error) => void }[] = [];
    let stopped: Error | undefined;
    const stop = (error: Error) => {
      stopped ??= error;
      for (const request of waiting.splice(0)) request.reject(stopped);
      if (this.#worker?.thread === thread) this.#worker = undefined;
    };
    // The thread answers in the order it was asked.
    thread.on('message', (batch: Batch | null) => waiting.shift()?.resolve(batch));
    thread.once('error', stop);
    thread.once('exit', (exitCode) => stop(new Error(`the demo generator stopped (exit code ${exitCode})`)));
    const next = () =>
      new Promise<Batch | null>((resolve, reject) => {
        if (stopped) return reject(stopped);
        waiting.push({ resolve, reject });
        thread.postMessage('next');
      });
    return { thread, next };
  }
}

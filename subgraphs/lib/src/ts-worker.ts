import { Worker } from 'node:worker_threads';

// The worker's file is TypeScript; the thread bundles and runs it (see run-typescript.mjs), whatever runs this process.
const BOOT = `
  const { workerData } = require('node:worker_threads');
  import(workerData.runner).then((runner) => runner.importTypeScript(workerData.file));
`;

/**
 * The young generation of a worker's heap, in MB. V8 sizes it for throughput, up to some 50 MB
 * per thread; the threads here work in the background of a process whose memory counts (the
 * embedded database's, the demo generator's), and garbage they make is collected sooner.
 */
const YOUNG_GENERATION_MB = 8;

/** A worker thread running the TypeScript module at `file` (a file: URL), which reads `data` as `workerData.data`. */
export function typeScriptWorker(file: string, data: unknown): Worker {
  return new Worker(BOOT, {
    eval: true,
    workerData: { data, runner: new URL('./run-typescript.mjs', import.meta.url).href, file },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
}

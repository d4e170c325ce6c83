import { Worker } from 'node:worker_threads';

// The worker's file is TypeScript; it loads tsx itself, whether or not this process was started with it.
const BOOT = `
  const { workerData } = require('node:worker_threads');
  import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.file); });
`;

/** A worker thread running the TypeScript module at `file` (a file: URL), which reads `data` as `workerData.data`. */
export function typeScriptWorker(file: string, data: unknown): Worker {
  return new Worker(BOOT, { eval: true, workerData: { data, tsx: import.meta.resolve('tsx/esm/api'), file } });
}

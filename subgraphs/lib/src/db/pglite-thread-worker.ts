import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { ThreadAnswer, ThreadError, ThreadOptions, ThreadRequest } from './pglite-thread.js';

/*
 * The embedded database's thread (see PgliteThread): opens PGlite and runs the statements the
 * servers' thread sends, each answered with its id.
 */
const { dataDir, startParams, withImage } = (workerData as { data: ThreadOptions }).data;

/**
 * The image as PGlite reads it (its arrayBuffer()), handing its bytes out once: PGlite keeps the
 * options it was opened with for as long as it runs, and a Blob in them would keep the whole
 * image (some 40 MB for a new database) in memory with it.
 */
function readOnce(image: ArrayBuffer): Blob {
  let bytes: ArrayBuffer | undefined = image;
  const arrayBuffer = async () => {
    const read = bytes;
    bytes = undefined;
    if (!read) throw new Error('the image was read before');
    return read;
  };
  return { type: 'application/x-tar', size: image.byteLength, arrayBuffer } as unknown as Blob;
}

const image = withImage ? readOnce(await new Promise<ArrayBuffer>((resolve) => parentPort?.once('message', (m: { image: ArrayBuffer }) => resolve(m.image)))) : undefined;
const pg = new PGlite({ dataDir, startParams, ...(image ? { loadDataDir: image } : {}) });

/** Open transactions by id: the statements sent for each, and how it ends. */
const transactions = new Map<number, { tx: Transaction; end: (commit: boolean) => Promise<void> }>();
let nextTransaction = 0;
const ROLLED_BACK = Symbol('rolled back');

function begin(): Promise<number> {
  return new Promise((started, failed) => {
    const id = nextTransaction++;
    let finish!: (commit: boolean) => void;
    const done = pg
      .transaction(
        (tx) =>
          new Promise<void>((resolve, reject) => {
            finish = (commit) => (commit ? resolve() : reject(ROLLED_BACK));
            transactions.set(id, { tx, end: (commit) => (finish(commit), done) });
            started(id);
          }),
      )
      .catch((error: unknown) => {
        if (error !== ROLLED_BACK) throw error;
      })
      .finally(() => transactions.delete(id));
    // A BEGIN that fails never reaches the callback.
    done.catch(failed);
  });
}

function inTransaction(id: number): Transaction {
  const open = transactions.get(id);
  if (!open) throw new Error(`transaction ${id} is not open`);
  return open.tx;
}

async function run(request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const parsers = Object.fromEntries(request.textTypes.map((type) => [type, (text: string) => text]));
      const target = request.tx === undefined ? pg : inTransaction(request.tx);
      return target.query(request.text, request.params, { ...(request.rowMode ? { rowMode: request.rowMode } : {}), parsers });
    }
    case 'exec':
      return (request.tx === undefined ? pg : inTransaction(request.tx)).exec(request.text);
    case 'begin':
      return begin();
    case 'end': {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      return open.end(request.commit);
    }
    case 'close':
      return pg.close();
  }
}

function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}

parentPort?.on('message', ({ id, request }: { id: number; request: ThreadRequest }) => {
  run(request).then(
    (value) => parentPort?.postMessage({ id, value } satisfies ThreadAnswer),
    (error: unknown) => parentPort?.postMessage({ id, error: threadError(error) } satisfies ThreadAnswer),
  );
});

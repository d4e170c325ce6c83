import type { Worker } from 'node:worker_threads';
import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { typeScriptWorker } from '../ts-worker.js';

/** How the embedded database is opened; see DatabaseHub. */
export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly startParams: string[];
  readonly loadDataDir?: Blob;
}

/** What the thread is started with; the image, if any, follows as the first message. */
export interface ThreadOptions {
  readonly dataDir: string;
  readonly startParams: string[];
  readonly withImage: boolean;
}

/** A request to the database thread; `tx` names the open transaction a statement belongs to. */
export type ThreadRequest =
  | { op: 'query'; text: string; params: unknown[]; rowMode: 'array' | 'object' | undefined; textTypes: number[]; tx?: number }
  | { op: 'exec'; text: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

/** An error as it crosses threads: its message and its own plain fields (a database error's code, detail, ...). */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly fields: Record<string, string | number | boolean>;
}

export type ThreadAnswer = { id: number; value: unknown } | { id: number; error: ThreadError };

/** The statements a transaction runs, as drizzle calls them. */
type TransactionClient = Pick<Transaction, 'query' | 'exec' | 'rollback' | 'closed'>;

/**
 * The embedded database on a thread of its own. PGlite runs Postgres inside the calling thread,
 * so on the thread the servers answer on every statement (a demo import's write, a checkpoint)
 * holds up every request until it is done. Here the servers only wait for their own statements:
 * PGlite still runs one statement or transaction at a time, but the event loop stays free.
 *
 * It offers what drizzle and the hub use: query, exec and transaction. Result parsers cannot
 * cross threads; the only ones taken are those that keep a type's text as it is (drizzle's, for
 * dates and intervals), named by type.
 */
export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Settles once the image to start from (a file-backed Blob cannot cross threads) is on its way. */
  readonly #imageSent: Promise<void>;
  #next = 0;
  #stopped: Error | undefined;

  constructor({ loadDataDir, ...options }: EmbeddedOptions) {
    this.#worker = typeScriptWorker(import.meta.resolve('./pglite-thread-worker.ts'), { ...options, withImage: loadDataDir !== undefined });
    this.#imageSent = loadDataDir
      ? loadDataDir.arrayBuffer().then((image) => this.#worker.postMessage({ image }, [image]))
      : Promise.resolve();
    this.#worker.on('message', (answer: ThreadAnswer) => {
      const call = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      if ('error' in answer) call?.reject(Object.assign(new Error(answer.error.message), answer.error.fields, { name: answer.error.name }));
      else call?.resolve(answer.value);
    });
    const stop = (error: Error) => {
      this.#stopped ??= error;
      for (const call of this.#pending.values()) call.reject(this.#stopped);
      this.#pending.clear();
    };
    this.#worker.on('error', stop);
    this.#worker.on('exit', (code) => stop(new Error(`the embedded database thread stopped (exit code ${code})`)));
  }

  query<T>(text: string, params: unknown[] = [], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    const textTypes = Object.entries(options?.parsers ?? {}).map(([type, parse]) => {
      if (parse('text as is', Number(type)) !== 'text as is') throw new Error(`the embedded database thread takes no parser for type ${type} but text as is`);
      return Number(type);
    });
    return this.#send({ op: 'query', text, params, rowMode: options?.rowMode, textTypes, ...(tx === undefined ? {} : { tx }) }) as Promise<Results<T>>;
  }

  exec(text: string, _options?: QueryOptions, tx?: number): Promise<Results[]> {
    return this.#send({ op: 'exec', text, ...(tx === undefined ? {} : { tx }) }) as Promise<Results[]>;
  }

  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws, as PGlite's own does. */
  async transaction<T>(work: (tx: TransactionClient) => Promise<T>): Promise<T> {
    const tx = (await this.#send({ op: 'begin' })) as number;
    let closed = false;
    const end = (commit: boolean) => {
      closed = true;
      return this.#send({ op: 'end', tx, commit });
    };
    const client: TransactionClient = {
      query: <R>(text: string, params?: unknown[], options?: QueryOptions) => this.query<R>(text, params, options, tx),
      exec: (text: string, options?: QueryOptions) => this.exec(text, options, tx),
      rollback: async () => {
        await end(false);
      },
      get closed() {
        return closed;
      },
    };
    try {
      const result = await work(client);
      if (!closed) await end(true);
      return result;
    } catch (error) {
      if (!closed) await end(false).catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {
    if (!this.#stopped) await this.#send({ op: 'close' }).catch(() => {});
    await this.#worker.terminate();
  }

  /** As drizzle's PGlite driver takes it: the calls it makes are the ones above. */
  asPglite(): PGlite {
    return this as unknown as PGlite;
  }

  async #send(request: ThreadRequest): Promise<unknown> {
    await this.#imageSent;
    if (this.#stopped) throw this.#stopped;
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, request });
    });
  }
}

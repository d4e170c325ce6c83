import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm';
import postgres from 'postgres';
import { whenQuiet } from '../activity.js';
import type { DatabaseConfig } from '../config.js';
import { watchPglite, watchPostgres, type StatementLabels } from '../observability/sql.js';
import { track } from './cancellation.js';
import { emptyClusterImage, emptyClusterTar } from './empty-cluster.js';
import { ImageFS, writeImage } from './image-fs.js';
import { PgliteThread } from './pglite-thread.js';

/**
 * Cancels a postgres.js query. Its own cancel() drops the promise of the cancel request, which
 * rejects when the server cannot be reached, and an unhandled rejection ends the process; so the
 * query's canceller is called here and its failure ignored (the statement dies with its connection).
 */
function cancelQuietly(query: object): void {
  const internal = query as unknown as { canceller: ((q: unknown) => Promise<void> | void) | null };
  const canceller = internal.canceller;
  internal.canceller = null;
  Promise.resolve(canceller?.(query)).catch(() => {});
}

/** postgres.js waits up to 20 s before it reconnects after repeated failures; a region that returns should answer within a second. */
const reconnectDelaySeconds = (retries: number) => Math.min(0.05 * 2 ** retries, 1);

/** The client drizzle sends its statements through, each tracked so a timed-out read can cancel it. */
function cancellableStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'unsafe') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<postgres.Sql['unsafe']>) => {
        const query = target.unsafe(...args);
        return track(query, () => cancelQuietly(query));
      };
    },
  });
}

/**
 * The embedded database writes back inline: a checkpoint holds every statement until it is done
 * (and, unless the database has a thread of its own, the event loop the servers answer on). Small
 * WAL and buffer sizes keep each checkpoint short, the data folder small (a checkpoint keeps up to
 * max_wal_size of WAL) and the process's memory low.
 */
const EMBEDDED_SETTINGS = ['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB', '-c', 'shared_buffers=32MB'];
/**
 * A single-user Postgres has no checkpointer and checkpoints only when it shuts down, so its WAL
 * would grow with every write until then. While statements come, the hub checkpoints this often.
 */
const EMBEDDED_CHECKPOINT_MS = 15_000;

/** The one database type repositories see, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT>;

/**
 * Owns every database connection of the process: the embedded PGlite instance (one for all
 * regions and subgraphs, since each costs hundreds of MB) and one postgres.js pool per server
 * URL. Counts every SQL statement sent, so tests and benchmarks can show that the number of
 * statements per request does not grow with the answer. Each region's source gets a handle of its
 * own over the shared connection, which times and traces its statements under its name.
 */
export class DatabaseHub {
  #statements = 0;
  #closed = false;
  #embedded: { client: PGlite; db: Database; checkpoints: NodeJS.Timeout } | undefined;
  readonly #servers = new Map<string, { client: postgres.Sql; db: Database }>();
  readonly #regions = new Map<string, Database>();
  readonly #logger: Logger = { logQuery: () => void this.#statements++ };

  /**
   * `embeddedImage`: a dump (PGlite's dumpDataDir) the embedded database starts from instead of
   * its data directory, so test files each get their own in-memory copy of data prepared once.
   * Without one, a new embedded database starts from the image of an empty one (see empty-cluster.ts).
   * `embeddedThread`: the embedded database runs on a thread of its own (see PgliteThread), as
   * servers that load data while they answer need.
   */
  constructor(
    private readonly config: DatabaseConfig,
    private readonly embeddedImage?: Blob,
    private readonly options: { embeddedThread?: boolean } = {},
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get statementCount(): number {
    return this.#statements;
  }

  /** The database behind a region: its own server URL if it has one, else the embedded one. */
  forUrl(url: string | undefined): Database {
    return url === undefined ? this.embedded() : this.server(url);
  }

  /** A region's (or the national source's) database, its statements measured and traced under its labels. */
  forRegion(service: string, region: string, url: string | undefined): Database {
    const key = `${service}/${region}/${url ?? 'embedded'}`;
    let db = this.#regions.get(key);
    if (!db) {
      const labels: StatementLabels = { service, region };
      db =
        url === undefined
          ? (drizzlePglite({ client: watchPglite(this.embeddedClient(), labels), logger: this.#logger }) as unknown as Database)
          : (drizzlePostgres({ client: watchPostgres(cancellableStatements(this.serverClient(url)), labels), logger: this.#logger }) as unknown as Database);
      this.#regions.set(key, db);
    }
    return db;
  }

  embedded(): Database {
    if (!this.#embedded) {
      const dir = this.config.embeddedDataDir;
      const inMemory = dir.includes('://');
      if (!inMemory) {
        mkdirSync(dir, { recursive: true });
        const empty = this.embeddedImage ? undefined : emptyClusterTar(dir);
        if (empty) writeImage(empty, dir);
      }
      const image = inMemory ? (this.embeddedImage ?? emptyClusterImage(dir)) : this.embeddedImage;
      const options = {
        dataDir: dir,
        startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
        ...(image ? { loadDataDir: image } : {}),
      };
      // A thread is sent its options, and a file system object cannot be sent: it loads the image itself.
      const client = this.options.embeddedThread
        ? new PgliteThread(options).asPglite()
        : inMemory && image
          ? new PGlite({ startParams: options.startParams, fs: new ImageFS(image) })
          : new PGlite(options);
      let checkpointed = this.#statements;
      const checkpoints = setInterval(() => {
        if (this.#statements === checkpointed) return;
        checkpointed = this.#statements;
        // Between requests, as a checkpoint holds the database while it writes. A failed one
        // leaves only more WAL behind; the next one tries again.
        void whenQuiet()
          .then(() => this.checkpoint())
          .catch(() => {});
      }, EMBEDDED_CHECKPOINT_MS);
      checkpoints.unref();
      this.#embedded = { client, db: drizzlePglite({ client, logger: this.#logger }) as unknown as Database, checkpoints };
    }
    return this.#embedded.db;
  }

  private embeddedClient(): PGlite {
    this.embedded();
    return this.#embedded!.client;
  }

  private serverClient(url: string): postgres.Sql {
    this.server(url);
    return this.#servers.get(url)!.client;
  }

  private server(url: string): Database {
    let entry = this.#servers.get(url);
    if (!entry) {
      const client = postgres(url, {
        max: this.config.poolSize,
        connect_timeout: this.config.connectTimeoutSeconds,
        backoff: reconnectDelaySeconds,
        onnotice: () => {},
      });
      entry = { client, db: drizzlePostgres({ client: cancellableStatements(client), logger: this.#logger }) as unknown as Database };
      this.#servers.set(url, entry);
    }
    return entry.db;
  }

  /**
   * Writes the embedded database's WAL back now: the timer checkpoints only while statements come,
   * so without this a finished load would leave up to max_wal_size of WAL in the data folder.
   */
  async checkpoint(): Promise<void> {
    await this.#embedded?.client.exec('CHECKPOINT');
  }

  async close(): Promise<void> {
    this.#closed = true;
    const closing: Promise<unknown>[] = [...this.#servers.values()].map((s) => s.client.end({ timeout: 5 }));
    if (this.#embedded) {
      clearInterval(this.#embedded.checkpoints);
      closing.push(this.#embedded.client.close());
    }
    this.#servers.clear();
    this.#regions.clear();
    this.#embedded = undefined;
    await Promise.allSettled(closing);
  }
}

import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './cluster.js';

const run = promisify(execFile);

/**
 * A PostgreSQL server of its own, made for one run of a benchmark and removed after it, so the
 * benchmark can stop and start it without touching a server anyone else uses. Debian's binaries
 * (PG_BIN, default /usr/lib/postgresql/15/bin); as root, they run as the `postgres` user, since
 * PostgreSQL refuses to run as root. Trust authentication, on 127.0.0.1 and a free port.
 */
export interface OwnServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** `pg_ctl stop -m fast`: connections are ended, the server shuts down cleanly. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`. */
  restart(): Promise<void>;
  /** Stops it if it runs, and deletes its data. */
  remove(): Promise<void>;
}

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function startOwnServer(label: string): Promise<OwnServer> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), `yc-${label}-`));
  if (asRoot) {
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    chownSync(dir, await id('-u'), await id('-g'));
  }
  const data = join(dir, 'data');
  const bin = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]) : run(join(BIN, tool), args);
  const port = await freePort();
  // The socket lives in the server's own folder: the system's socket folder belongs to the system server.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]) => bin('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  let running = false;

  await bin('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '--no-instructions', '-E', 'UTF8', '--locale=C']);
  const server: OwnServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await ctl('-m', 'fast', 'stop');
      running = false;
    },
    start: async () => {
      await ctl('-o', options, 'start');
      running = true;
    },
    restart: async () => {
      await ctl('-m', 'fast', '-o', options, 'restart');
      running = true;
    },
    remove: async () => {
      if (running) await ctl('-m', 'immediate', 'stop').catch(() => {});
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.remove();
    throw error;
  }
  return server;
}

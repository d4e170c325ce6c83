import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import postgres from 'postgres';
import { REPO } from '../support/process.js';

/**
 * The production shape on one machine, for the soak and chaos scripts: every subgraph and the
 * gateway as its own process, on a fresh database made on the given PostgreSQL server (and JZ43's
 * on a server of its own, when given one), dropped at the end.
 */
export const SERVICES = ['registry', 'procurement', 'access', 'monitoring', 'gateway'] as const;
export type Service = (typeof SERVICES)[number];

export interface ClusterOptions {
  /** The server every region and the national data live on. */
  readonly serverUrl: string;
  /** JZ43's own server; on serverUrl when left out. */
  readonly regionServerUrl?: string;
  /** DEMO_SCALE of the demo data the services fill the new databases with. */
  readonly scale: string;
  /** More settings for every service. */
  readonly env?: Record<string, string>;
}

export interface Cluster {
  readonly gatewayUrl: string;
  /** Starts every service in turn, each once its /health answers. */
  startAll(): Promise<void>;
  /** Resident memory of each running service, in MB. */
  rss(): Record<Service, number>;
  kill(service: Service): Promise<void>;
  start(service: Service): Promise<void>;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output().slice(-2000)}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`${url} did not answer:\n${output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The cluster's databases, made; its services not started yet (see startAll), so a caller can stop it part-way. */
export async function createCluster({ serverUrl, regionServerUrl, scale, env: settings = {} }: ClusterOptions): Promise<Cluster> {
  const name = `yc_bench_${process.pid}_${Date.now().toString(36)}`;
  const admins = [...new Set([serverUrl, regionServerUrl ?? serverUrl])].map((url) => postgres(url, { max: 1, onnotice: () => {} }));
  for (const admin of admins) await admin.unsafe(`CREATE DATABASE "${name}"`);
  const database = (url: string) => {
    const at = new URL(url);
    at.pathname = `/${name}`;
    return at.toString();
  };
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const))) as Record<Service, number>;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: database(serverUrl),
    ...(regionServerUrl ? { REGION_JZ43_DATABASE_URL: database(regionServerUrl) } : {}),
    DEMO_SCALE: scale,
    DATABASE_CONNECT_TIMEOUT_S: '2',
    LOG_LEVEL: 'warn',
    ...settings,
    ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_PORT`, String(ports[s])])),
    ...Object.fromEntries(SERVICES.filter((s) => s !== 'gateway').map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s]}/graphql`])),
  };
  const children = new Map<Service, ChildProcess>();
  const start = async (service: Service) => {
    const entry = service === 'gateway' ? 'gateway/src/index.ts' : `subgraphs/${service}/src/index.ts`;
    const child = spawn(process.execPath, ['subgraphs/lib/src/run-typescript.mjs', entry], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000)));
    child.stderr?.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-20_000)));
    children.set(service, child);
    await waitForHealth(`http://127.0.0.1:${ports[service]}/health`, child, () => out);
  };
  const stopChild = async (service: Service, signal: NodeJS.Signals) => {
    const child = children.get(service);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    // A service that does not finish shutting down within 15 s is killed.
    const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(late);
  };
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    startAll: async () => {
      for (const service of SERVICES) await start(service);
    },
    rss: () =>
      Object.fromEntries(
        SERVICES.map((s) => {
          const pid = children.get(s)?.pid;
          const line = pid ? /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] : undefined;
          return [s, line ? Number(line) / 1024 : 0];
        }),
      ) as Record<Service, number>,
    kill: (service) => stopChild(service, 'SIGKILL'),
    start,
    async stop() {
      for (const service of [...SERVICES].reverse()) await stopChild(service, 'SIGTERM');
      for (const admin of admins) {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

/** A cluster with every service started; one that fails to start is stopped again. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const cluster = await createCluster(options);
  try {
    await cluster.startAll();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

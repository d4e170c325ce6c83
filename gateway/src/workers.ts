import cluster from 'node:cluster';
import type { Log } from '@youth-care/lib/errors';
import { runUntilSignal } from '@youth-care/lib/lifecycle';

/**
 * GATEWAY_WORKERS: the primary forks that many gateway processes, which share the port
 * (node:cluster hands out connections in turn), and replaces one that dies.
 */
export function runWorkers(count: number, log: Log): void {
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log(`gateway worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  runUntilSignal(log, async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.kill('SIGTERM');
          }),
      ),
    );
  });
}

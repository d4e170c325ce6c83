import { loadConfig, type SubgraphName } from './config.js';
import { DatabaseHub } from './db/database.js';
import { runUntilSignal } from './lifecycle.js';
import { createLog } from './log.js';
import { serveMetrics } from './observability/metrics-endpoint.js';
import { startTracing } from './observability/tracing.js';
import type { Subgraph, SubgraphDeps } from './subgraph.js';

/**
 * A subgraph as its own process (the production shape, one container each): migrate, load demo
 * data if asked, listen on the subgraph's port, stop cleanly on a signal.
 */
export async function runStandalone(name: SubgraphName, create: (deps: SubgraphDeps) => Subgraph): Promise<void> {
  const config = loadConfig();
  const tracing = startTracing(name);
  const log = createLog(name, config.log);
  const hub = new DatabaseHub(config.database);
  const subgraph = create({ config, hub, log });
  await subgraph.prepare(config.demo.seed ? config.demo : undefined);
  if (config.demo.seed) await subgraph.loadDemo(config.demo);
  const running = await subgraph.listen(config.ports[name], config.host);
  const metrics = await serveMetrics(config.metrics, config.host);
  log(`${name} subgraph listening on ${running.url}${metrics ? `, metrics on port ${metrics.port}` : ''}`);
  runUntilSignal(log, async () => {
    await running.stop();
    await metrics?.stop();
    await hub.close();
    await tracing?.shutdown();
  });
}

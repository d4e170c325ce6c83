import cluster from 'node:cluster';
import { loadConfig } from '@youth-care/lib/config';
import { runUntilSignal } from '@youth-care/lib/lifecycle';
import { createLog } from '@youth-care/lib/log';
import { serveMetrics } from '@youth-care/lib/observability/metrics-endpoint';
import { startTracing } from '@youth-care/lib/observability/tracing';
import { createGateway } from './gateway.js';
import { loadPerformanceConfig } from './performance-config.js';
import { runWorkers } from './workers.js';

const config = loadConfig();
const performance = loadPerformanceConfig();
const log = createLog('gateway', config.log);
if (performance.workers > 1 && cluster.isPrimary) {
  runWorkers(performance.workers, log);
} else {
  const tracing = startTracing('gateway');
  const gateway = await createGateway({ config, log, performance });
  const running = await gateway.listen(config.ports.gateway, config.host);
  const metrics = await serveMetrics(config.metrics, config.host);
  log(`gateway listening on ${running.url}${metrics ? `, metrics on port ${metrics.port}` : ''}`);
  runUntilSignal(log, async () => {
    await running.stop();
    await metrics?.stop();
    await tracing?.shutdown();
  });
}

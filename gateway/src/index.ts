import { loadConfig } from '@youth-care/lib/config';
import { runUntilSignal } from '@youth-care/lib/lifecycle';
import { createLog } from '@youth-care/lib/log';
import { serveMetrics } from '@youth-care/lib/observability/metrics-endpoint';
import { startTracing } from '@youth-care/lib/observability/tracing';
import { createGateway } from './gateway.js';

const config = loadConfig();
const tracing = startTracing('gateway');
const log = createLog('gateway', config.log);
const gateway = await createGateway({ config, log });
const running = await gateway.listen(config.ports.gateway, config.host);
const metrics = await serveMetrics(config.metrics, config.host);
log(`gateway listening on ${running.url}${metrics ? `, metrics on port ${metrics.port}` : ''}`);
runUntilSignal(log, async () => {
  await running.stop();
  await metrics?.stop();
  await tracing?.shutdown();
});

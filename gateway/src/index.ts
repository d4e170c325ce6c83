import cluster from 'node:cluster';
import { loadConfig } from '@youth-care/lib/config';
import { runUntilSignal } from '@youth-care/lib/lifecycle';
import { createLog } from '@youth-care/lib/log';
import { createGateway } from './gateway.js';
import { loadPerformanceConfig } from './performance-config.js';
import { runWorkers } from './workers.js';

const config = loadConfig();
const performance = loadPerformanceConfig();
const log = createLog('gateway', config.log);
if (performance.workers > 1 && cluster.isPrimary) {
  runWorkers(performance.workers, log);
} else {
  const gateway = await createGateway({ config, log, performance });
  const running = await gateway.listen(config.ports.gateway, config.host);
  log(`gateway listening on ${running.url}`);
  runUntilSignal(log, () => running.stop());
}

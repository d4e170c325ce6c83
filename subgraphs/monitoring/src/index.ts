import { loadConfig } from '../../lib/src/config.js';
import { DatabaseHub } from '../../lib/src/db/database.js';
import { runUntilSignal } from '../../lib/src/lifecycle.js';
import { createLog } from '../../lib/src/log.js';
import { createMonitoringSubgraph } from './server.js';

const config = loadConfig();
const log = createLog('monitoring');
const hub = new DatabaseHub(config.database);
const subgraph = createMonitoringSubgraph({ config, hub, log });
await subgraph.prepare(config.demo.seed ? config.demo : undefined);
const running = await subgraph.listen(config.ports.monitoring, config.host);
log(`monitoring subgraph listening on ${running.url}`);
runUntilSignal(log, async () => {
  await running.stop();
  await hub.close();
});

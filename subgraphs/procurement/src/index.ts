import { loadConfig } from '../../lib/src/config.js';
import { DatabaseHub } from '../../lib/src/db/database.js';
import { runUntilSignal } from '../../lib/src/lifecycle.js';
import { createLog } from '../../lib/src/log.js';
import { createProcurementSubgraph } from './server.js';

const config = loadConfig();
const log = createLog('procurement');
const hub = new DatabaseHub(config.database);
const subgraph = createProcurementSubgraph({ config, hub, log });
await subgraph.prepare(config.demo.seed ? config.demo : undefined);
if (config.demo.seed) await subgraph.loadDemo(config.demo);
const running = await subgraph.listen(config.ports.procurement, config.host);
log(`procurement subgraph listening on ${running.url}`);
runUntilSignal(log, async () => {
  await running.stop();
  await hub.close();
});

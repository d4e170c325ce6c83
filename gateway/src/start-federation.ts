import { rm } from 'node:fs/promises';
import { loadConfig } from '../../subgraphs/lib/src/config.js';
import { DatabaseHub } from '../../subgraphs/lib/src/db/database.js';
import { runUntilSignal } from '../../subgraphs/lib/src/lifecycle.js';
import { createLog } from '../../subgraphs/lib/src/log.js';

/**
 * `npm start`: the whole federation in one process, the gateway and every subgraph on its own
 * port, sharing one embedded database (or the servers named by DATABASE_URL). `--reset` throws
 * the embedded data away first, so the demo data is generated anew.
 */
const started = Date.now();
const step = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);

const config = loadConfig();
const log = createLog('federation');
if (process.argv.includes('--reset') && !config.database.embeddedDataDir.startsWith('memory://')) {
  await rm(config.database.embeddedDataDir, { recursive: true, force: true });
  step(`removed ${config.database.embeddedDataDir}`);
}
// The GraphQL engines take seconds to load; let them load while the database opens.
const modules = Promise.all([
  import('../../subgraphs/procurement/src/server.js'),
  import('../../subgraphs/procurement/src/seed.js'),
  import('./gateway.js'),
]);
const hub = new DatabaseHub(config.database);
const embedded = config.regions.filter((r) => !config.database.regionUrls[r]);
step(
  embedded.length > 0
    ? `opening the embedded database in ${config.database.embeddedDataDir} for ${embedded.join(', ')}`
    : 'using the PostgreSQL servers from the environment',
);

if (embedded.length > 0) await hub.embedded().execute('SELECT 1');
const [{ createProcurementSubgraph }, { seedDemoData }, { createGateway }] = await modules;
const procurement = createProcurementSubgraph({ config, hub, log: createLog('procurement') });
const migrated = await procurement.sources.migrateAll();
step(`procurement: ${migrated.ready.length} regions ready${migrated.failed.length ? `, unavailable: ${migrated.failed.join(', ')}` : ''}`);
if (config.demo.seed) {
  await seedDemoData(procurement.sources, config.demo, createLog('procurement'));
  step('procurement: demo data in place');
}
const procurementServer = await procurement.listen(config.ports.procurement, config.host);
step(`procurement subgraph on ${procurementServer.url}`);

const gateway = await createGateway({ config, log, subgraphUrls: { procurement: procurementServer.url } });
const gatewayServer = await gateway.listen(config.ports.gateway, config.host);
step('gateway ready');

console.log(`
Youth-care federation is running at ${gatewayServer.url}

Try:
  curl -s ${gatewayServer.url} -H 'content-type: application/json' \\
    -d '{"query":"{ region(code: \\"JZ34\\") { name waitingTimeSummary { providersReporting shareOverNorm } } }"}'

Ctrl-C stops everything.`);

runUntilSignal(log, async () => {
  await gatewayServer.stop();
  await procurementServer.stop();
  await hub.close();
});

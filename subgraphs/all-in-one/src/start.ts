import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { commandLine } from '@youth-care/lib/cli';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import type { RunningServer } from '@youth-care/lib/http';
import type { Subgraph } from '@youth-care/lib/subgraph';
import { runUntilSignal } from '@youth-care/lib/lifecycle';
import { createLog } from '@youth-care/lib/log';
import { serveMetrics } from '@youth-care/lib/observability/metrics-endpoint';
import { startTracing } from '@youth-care/lib/observability/tracing';

/**
 * `npm start`: the whole federation in one process, the gateway and every subgraph on its own
 * port, sharing one embedded database (or the servers named by DATABASE_URL). `--reset` throws
 * the embedded data away first, so the demo data is generated anew.
 */
const started = Date.now();
const step = (text: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);

// V8 lets a heap grow to several times what it holds before it collects, for speed; the demo
// load makes garbage at a pace that would take hundreds of MB so. Sized for memory instead, each
// heap (the servers', the database's, the demo generator's) stays near what it holds.
setFlagsFromString('--optimize-for-size');

const reset = commandLine({ options: { reset: { type: 'boolean' } } }, 'usage: npm start [-- --reset]').values.reset === true;
const config = loadConfig();
const tracing = startTracing('youth-care-federation');
const log = createLog('federation', config.log);
if (reset && !config.database.embeddedDataDir.includes('://')) {
  await rm(config.database.embeddedDataDir, { recursive: true, force: true });
  step(`removed ${config.database.embeddedDataDir}`);
}
// The web app is bundled first, so the first person to open the page need not wait for it, and
// while the process is small: the bundler's child process takes some 170 MB while it builds.
await (await import('../../../gateway/src/web/bundle.js')).webAssets();
step('web app bundled');
const hub = new DatabaseHub(config.database, undefined, { embeddedThread: true });
// Whatever has started stops on Ctrl-C, also when it comes before everything is up.
const servers: RunningServer[] = [];
runUntilSignal(log, async () => {
  for (const server of servers.reverse()) await server.stop();
  await hub.close();
  await tracing?.shutdown();
});
const embedded = config.regions.filter((r) => !config.database.regionUrls[r]);
step(
  embedded.length > 0
    ? `opening the embedded database in ${config.database.embeddedDataDir} for ${embedded.join(', ')}`
    : 'using the PostgreSQL servers from the environment',
);
// The GraphQL engines take seconds to load; they load while the database opens, unless it is
// new: a new one is unpacked from the image of an empty one (see empty-cluster.ts), some 100 MB
// for a moment, which should not come on top of theirs.
const created = embedded.length > 0 && !config.database.embeddedDataDir.includes('://') && !existsSync(join(config.database.embeddedDataDir, 'PG_VERSION'));
const opened = embedded.length > 0 ? hub.embedded().execute('SELECT 1') : Promise.resolve();
if (created) await opened;
const modules = Promise.all([import('./members.js'), import('../../../gateway/src/gateway.js'), import('../../../gateway/src/auth/mint.js')]);
await opened;
const [{ MEMBERS }, { createGateway }, { exampleViewers, mintToken }] = await modules;

const urls: Record<string, string> = {};
const subgraphs: Subgraph[] = [];
for (const member of MEMBERS) {
  const subgraph = member.create({ config, hub, log: createLog(member.name, config.log) });
  subgraphs.push(subgraph);
  const { ready, failed } = await subgraph.prepare(config.demo.seed ? config.demo : undefined);
  const server = await subgraph.listen(config.ports[member.name], config.host);
  servers.push(server);
  urls[member.name] = server.url;
  step(`${member.name}: ${ready.length} regions ready${failed.length ? `, unavailable: ${failed.join(', ')}` : ''}, on ${server.url}`);
}

const gateway = await createGateway({ config, log, subgraphUrls: urls });
const gatewayServer = await gateway.listen(config.ports.gateway, config.host);
servers.push(gatewayServer);
step('gateway ready');
const metrics = await serveMetrics(config.metrics, config.host);
if (metrics) {
  servers.push(metrics);
  step(`metrics of every service on port ${metrics.port}`);
}

// Tokens only where this process can sign them: with the HS256 secret of local use.
const tokens = config.auth.hs256Secret
  ? await Promise.all(exampleViewers(config.demo.scale).map(async (viewer) => `  ${viewer.role.padEnd(16)} ${await mintToken(config.auth, viewer)}`))
  : [];

const webUrl = gatewayServer.url.replace(/graphql$/, '');
console.log(`
Youth-care federation is running at ${gatewayServer.url}

Open ${webUrl} in a browser: the regional dashboard, the provider portal and the learning circle
(pick a demo role at the top), and the GraphQL IDE at ${webUrl}graphiql.

Try:
  curl -s ${gatewayServer.url} -H 'content-type: application/json' \\
    -d '{"query":"{ region(code: \\"JZ34\\") { name waitingTimeSummary { providersReporting { value suppressed } shareOverNorm } } }"}'
${
  tokens.length > 0
    ? `
Example tokens (8 hours; add -H 'authorization: Bearer <token>'; more with npm run token).
The README's examples start with "# as: <role>": the token of that role below.
${tokens.join('\n')}
`
    : ''
}
Ctrl-C stops everything.`);

// Referral histories take a while to generate; the federation serves meanwhile, and each
// region's figures appear as it completes. A restart finds them in place and skips this.
if (config.demo.seed) {
  for (const subgraph of subgraphs) await subgraph.loadDemo(config.demo);
  await hub.checkpoint();
  step('all demo data in place');
}

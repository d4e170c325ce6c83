import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import type { RunningServer } from '@youth-care/lib/http';
import { runUntilSignal } from '@youth-care/lib/lifecycle';
import { MEMBERS } from '../../../subgraphs/all-in-one/src/members.js';

/**
 * The three subgraphs of the gateway benchmark, in a process of their own so that the gateways'
 * CPU is measured apart: on DATABASE_URL with the full demo data (loaded on the first run, kept
 * for the next). Prints `{"subgraphs": {name: url}}` once every region's data is in place.
 */
const config = loadConfig();
const hub = new DatabaseHub(config.database);
const servers: RunningServer[] = [];
const quiet = () => {};
runUntilSignal(quiet, async () => {
  for (const server of servers) await server.stop();
  await hub.close();
});
const urls: Record<string, string> = {};
for (const member of MEMBERS) {
  const subgraph = member.create({ config, hub, log: quiet });
  await subgraph.prepare(config.demo);
  await subgraph.loadDemo(config.demo);
  process.stderr.write(`${member.name}: demo data in place\n`);
  const server = await subgraph.listen(0, '127.0.0.1');
  servers.push(server);
  urls[member.name] = server.url;
}
console.log(JSON.stringify({ subgraphs: urls }));

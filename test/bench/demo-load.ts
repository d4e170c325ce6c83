import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { createAccessSubgraph } from '../../subgraphs/access/src/server.js';

/**
 * `npm run bench:demo-load`: the access demo history loaded into a new in-memory embedded
 * database, as a first start and the test suite's prepared data load it: wall time, the process's
 * CPU time (the generator's thread included) and SQL statements, at `DEMO_SCALE` (0.02 unless
 * set), up to `DEMO_UNTIL` (2026-06-01 unless set), `BENCH_RUNS` times (2 unless set; the first
 * also compiles the database's WebAssembly).
 */
const scale = Number(process.env.DEMO_SCALE ?? 0.02);
const demo = { scale, until: process.env.DEMO_UNTIL ?? '2026-06-01' };
const runs = Number(process.env.BENCH_RUNS ?? 2);

for (let run = 1; run <= runs; run++) {
  const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://', DEMO_SCALE: String(scale) });
  const hub = new DatabaseHub(config.database);
  const access = createAccessSubgraph({ config, hub, log: () => {} });
  await access.prepare(demo);
  const cpu = process.cpuUsage();
  const began = performance.now();
  const statements = hub.statementCount;
  await access.loadDemo(demo);
  const used = process.cpuUsage(cpu);
  console.log(
    `run ${run}, scale ${scale}: ${((performance.now() - began) / 1000).toFixed(1)} s, ` +
      `CPU ${((used.user + used.system) / 1e6).toFixed(1)} s, ${hub.statementCount - statements} statements`,
  );
  await hub.close();
}

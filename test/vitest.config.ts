import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from './support/sequencer.js';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for Apollo; without this, vitest would hand project files
    // the ESM build, and the two copies refuse each other's schemas.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('../node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts', 'subgraphs/**/test/**/*.test.ts', 'gateway/test/**/*.test.ts'],
    // Every file starts its own embedded Postgres (a few seconds each). Three at a time on two cores:
    // several files spend seconds waiting on timeouts and child processes, and a third file fills that wait.
    // Against a server, its own processes take that slack, and under the extra load regions answered far
    // enough apart for sibling fields to start separate batches (test/statements.test.ts then counts more).
    maxWorkers: process.env.TEST_DATABASE_URL ? 2 : 3,
    // Each worker loads Apollo, the gateway and PGlite once for all its files, not once per file:
    // no module keeps state between files (each file opens its own database and servers).
    isolate: false,
    // Worker threads of one process rather than a process each: the suite is bound by CPU on two
    // cores, and threads took a little less of it (254-266 s of CPU and 138-145 s wall, against
    // 270-277 s and 146-151 s with forks, on one machine within the hour).
    pool: 'threads',
    sequence: { sequencer: LongestFirst },
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

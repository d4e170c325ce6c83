import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from './support/federation.js';

const LOCKED = `{ region(code: "JZ21") { contracts { id } } }`;
const UNLOCKED = `{ region(code: "JZ21") { waitingTimeNorms { validFrom } } }`;

// A lock and a backend to wait on it need a PostgreSQL server; the embedded database has neither.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a region read that outlives the region timeout', () => {
  let fed: Federation;
  let admin: postgres.Sql;

  beforeAll(async () => {
    fed = await startFederation({ label: 'cancel', scale: 0.02, env: { REGION_TIMEOUT_MS: '500', DATABASE_POOL_SIZE: '2', REGION_FAILURE_THRESHOLD: '1000' } });
    admin = postgres(fed.database.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await fed?.stop();
  });

  const waitingOnLocks = async () => {
    const [row] = await admin`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    return row!.n as number;
  };

  it('is cancelled in PostgreSQL, so no backend waits on the lock and the pool serves the next request', async () => {
    const holder = await admin.reserve();
    try {
      await holder`BEGIN`;
      await holder.unsafe('LOCK TABLE procurement_jz21.contract IN ACCESS EXCLUSIVE MODE');
      // Three times the pool: without cancelling, every connection would be stuck behind the lock.
      const answers = await Promise.all(Array.from({ length: 6 }, () => fed.query(LOCKED)));
      for (const answer of answers) {
        expect(answer.data?.region?.contracts).toBeNull();
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'REGION_UNAVAILABLE', region: 'JZ21' });
      }
      let waiting = await waitingOnLocks();
      for (let i = 0; i < 20 && waiting > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        waiting = await waitingOnLocks();
      }
      expect(waiting).toBe(0);
      // The lock is still held, yet the region answers what does not need the locked table.
      const other = await fed.query(UNLOCKED);
      expect(other.errors).toBeUndefined();
      expect(other.data?.region?.waitingTimeNorms.length).toBeGreaterThan(0);
    } finally {
      await holder`ROLLBACK`;
      holder.release();
    }
    const after = await fed.query(LOCKED);
    expect(after.errors).toBeUndefined();
    expect(after.data?.region?.contracts.length).toBeGreaterThan(0);
  });
});

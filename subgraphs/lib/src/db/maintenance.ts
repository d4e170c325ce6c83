import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { whenQuiet } from '../activity.js';
import type { Database } from './database.js';

/**
 * VACUUM ANALYZE after a bulk load: fresh planner statistics, and a visibility map that lets
 * counts run on the index alone. A server's autovacuum would get there in time; the embedded
 * database has none, so loads call this when they finish.
 */
export async function refreshStatistics(db: Database, tables: readonly PgTable[]): Promise<void> {
  for (const table of tables) {
    // Each table's vacuum holds the embedded database for a while: not while a request waits.
    await whenQuiet();
    await db.execute(sql`VACUUM ANALYZE ${table}`);
  }
}

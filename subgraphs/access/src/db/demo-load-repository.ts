import { eq, sql } from 'drizzle-orm';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import type { AccessTables } from './schema.js';

type Source = RegionSource<AccessTables>;

/** What a region's demo history is generated from; the same inputs give the same history. */
export interface DemoInputs {
  readonly seed: string;
  readonly scale: number;
  /** The last day of the history. */
  readonly endsOn: string;
}

export interface DemoLoad extends DemoInputs {
  readonly complete: boolean;
}

/** The region's recorded demo load, if one was ever started. */
export async function recordedDemoLoad(src: Source): Promise<DemoLoad | undefined> {
  const [row] = await src.db.select().from(src.tables.demoLoad).where(eq(src.tables.demoLoad.id, 1));
  return row ? { seed: row.seed, scale: row.scale, endsOn: row.endsOn, complete: row.completedAt !== null } : undefined;
}

/**
 * Records the inputs of a demo load about to start, unless the region already holds referrals
 * (real ones, or a demo load from before inputs were recorded): those are left alone. True when
 * the load may go ahead.
 */
export async function startDemoLoad(src: Source, inputs: DemoInputs): Promise<boolean> {
  return src.db.transaction(async (tx) => {
    const [held] = await tx.select({ id: src.tables.trajectory.id }).from(src.tables.trajectory).limit(1);
    if (held) return false;
    await tx.insert(src.tables.demoLoad).values({ id: 1, ...inputs });
    return true;
  });
}

export async function completeDemoLoad(src: Source): Promise<void> {
  await src.db.update(src.tables.demoLoad).set({ completedAt: sql`now()` }).where(eq(src.tables.demoLoad.id, 1));
}

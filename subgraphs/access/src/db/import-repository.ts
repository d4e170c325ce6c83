import { eq, sql } from 'drizzle-orm';
import { inList } from '@youth-care/lib/db/in-list';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { COUNTED, keepReferralYears, medianOfStarts } from './referral-year-repository.js';
import type { AccessTables, ROUTES } from './schema.js';

/** SQL of the import: what a batch needs to know of the region's data, and writing a batch. */
type Source = RegionSource<AccessTables>;

export interface TrajectoryRow {
  id: string;
  clientPseudonym: string;
  birthYear: number;
  municipality: string;
  referrerType: string;
  productCategory: string;
  productCode: string;
  providerAgb: string;
  crisis: boolean;
  residential: boolean;
  route: (typeof ROUTES)[number];
  requestedOn: string;
  allocatedOn: string | null;
  startedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
}

/** An allocation as the table holds it: the table declares the shape, the import fills it. */
export type NewAllocation = AccessTables['allocation']['$inferSelect'];

export interface NewDeclaration {
  trajectoryId: string;
  month: string;
  productCode: string;
  productCategory: string;
  volume: number;
  unit: string;
  amountEuros: string;
  bridgingCare: boolean;
}

export interface NewPlan {
  id: string;
  kind: 'FAMILY_PLAN' | 'PERSPECTIVE_PLAN' | 'FUTURE_PLAN' | 'SUPPORT_PLAN';
  familyPseudonym: string;
  trajectoryId: string | null;
  coordinator: string;
  startedOn: string;
  goals: { position: number; description: string; attainment: 'ACHIEVED' | 'PARTLY_ACHIEVED' | 'NOT_ACHIEVED' | 'OPEN' }[];
}

export interface ExistingState {
  trajectories: TrajectoryRow[];
  allocations: NewAllocation[];
  declarations: { trajectoryId: string; month: string; productCode: string; volume: number }[];
  plans: NewPlan[];
  familyCoordinators: { familyPseudonym: string; coordinator: string }[];
}

export interface ImportChanges {
  /** New trajectories and those a batch moved on (allocated, started, ended), in full. */
  trajectories: TrajectoryRow[];
  allocations: NewAllocation[];
  declarations: NewDeclaration[];
  plans: NewPlan[];
}

export async function batchImported(src: Source, hash: string): Promise<boolean> {
  const b = src.tables.importBatch;
  return (await src.db.select({ hash: b.hash }).from(b).where(eq(b.hash, hash))).length > 0;
}

/**
 * What the region holds of the trajectories, plans and families a batch names. Of the
 * declarations only those a batch's declarations must be checked against: the same month, and
 * all months of an allocation whose volume counts in total.
 */
export async function existingState(
  src: Source,
  trajectoryIds: readonly string[],
  planIds: readonly string[],
  familyPseudonyms: readonly string[],
  declarationKeys: readonly { trajectoryId: string; productCode: string; month: string }[],
): Promise<ExistingState> {
  const t = src.tables;
  const ids = [...trajectoryIds];
  const [trajectories, allocations, declarations, plans, goals, families] = await Promise.all([
    ids.length ? src.db.select().from(t.trajectory).where(inList(t.trajectory.id, ids)) : [],
    ids.length ? src.db.select().from(t.allocation).where(inList(t.allocation.trajectoryId, ids)) : [],
    declarationKeys.length
      ? src.db.execute(sql`
          SELECT DISTINCT d.trajectory_id AS "trajectoryId", d.month::text AS month, d.product_code AS "productCode", d.volume
          FROM ${t.declaration} d
          JOIN jsonb_to_recordset(${JSON.stringify(declarationKeys)}::jsonb) AS k("trajectoryId" text, "productCode" varchar, month date)
            ON d.trajectory_id = k."trajectoryId" AND d.product_code = k."productCode"
          WHERE d.month = k.month OR EXISTS (
            SELECT 1 FROM ${t.allocation} a WHERE a.trajectory_id = d.trajectory_id AND a.product_code = d.product_code AND a.frequency = '6')`)
      : [],
    planIds.length ? src.db.select().from(t.plan).where(inList(t.plan.id, planIds)) : [],
    planIds.length ? src.db.select().from(t.planGoal).where(inList(t.planGoal.planId, planIds)) : [],
    familyPseudonyms.length
      ? src.db
          .selectDistinct({ familyPseudonym: t.plan.familyPseudonym, coordinator: t.plan.coordinator })
          .from(t.plan)
          .where(inList(t.plan.familyPseudonym, familyPseudonyms))
      : [],
  ]);
  return {
    trajectories,
    allocations,
    declarations: rowsOf<ExistingState['declarations'][number]>(declarations),
    plans: plans.map((p) => ({
      ...p,
      goals: goals
        .filter((g) => g.planId === p.id)
        .sort((a, b) => a.position - b.position)
        .map(({ position, description, attainment }) => ({ position, description, attainment })),
    })),
    familyCoordinators: families,
  };
}

const CHUNK = 10_000;

/** Rows go in as one JSON parameter per chunk, unpacked by Postgres: fast on PGlite and servers. */
function chunks<T>(rows: readonly T[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(JSON.stringify(rows.slice(i, i + CHUNK)));
  return out;
}

/** Writes a checked batch in one transaction: all of it, or nothing. */
export async function writeBatch(src: Source, changes: ImportChanges, hash: string, records: number): Promise<void> {
  const t = src.tables;
  await src.db.transaction(async (tx) => {
    // The referral figures per year move with the trajectories, in the same statement; the medians once at the end.
    const startYears = new Set<number>();
    for (const chunk of chunks(changes.trajectories)) {
      const written = await tx.execute(sql`
        WITH x AS (SELECT * FROM jsonb_to_recordset(${chunk}::jsonb) AS x(id text, "clientPseudonym" varchar, "birthYear" smallint,
          municipality varchar, "referrerType" varchar, "productCategory" varchar, "productCode" varchar, "providerAgb" varchar,
          crisis boolean, residential boolean, route text, "requestedOn" date, "allocatedOn" date, "startedOn" date, "endedOn" date,
          "endReason" varchar)),
        before AS (SELECT ${COUNTED} FROM ${t.trajectory} WHERE id IN (SELECT id FROM x)),
        written AS (
          INSERT INTO ${t.trajectory} (id, client_pseudonym, birth_year, municipality, referrer_type, product_category, product_code,
            provider_agb, crisis, residential, route, requested_on, allocated_on, started_on, ended_on, end_reason)
          SELECT id, "clientPseudonym", "birthYear", municipality, "referrerType", "productCategory", "productCode",
            "providerAgb", crisis, residential, route, "requestedOn", "allocatedOn", "startedOn", "endedOn", "endReason"
          FROM x
          ON CONFLICT (id) DO UPDATE SET allocated_on = EXCLUDED.allocated_on, started_on = EXCLUDED.started_on,
            ended_on = EXCLUDED.ended_on, end_reason = EXCLUDED.end_reason
          RETURNING ${COUNTED}),
        ${keepReferralYears(t)}`);
      for (const { year } of rowsOf<{ year: number }>(written)) startYears.add(year);
    }
    if (startYears.size > 0) await tx.execute(medianOfStarts(t, [...startYears]));
    for (const chunk of chunks(changes.allocations)) {
      await tx.execute(sql`
        INSERT INTO ${t.allocation} (id, trajectory_id, allocated_on, product_code, volume, unit, frequency, valid_from, valid_until, financing_variant)
        SELECT id, "trajectoryId", "allocatedOn", "productCode", volume, unit, frequency, "validFrom", "validUntil", "financingVariant"
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x(id text, "trajectoryId" text, "allocatedOn" date, "productCode" varchar,
          volume int, unit varchar, frequency varchar, "validFrom" date, "validUntil" date, "financingVariant" text)`);
    }
    for (const chunk of chunks(changes.declarations)) {
      await tx.execute(sql`
        INSERT INTO ${t.declaration} (trajectory_id, month, product_code, product_category, volume, unit, amount_euros, bridging_care)
        SELECT "trajectoryId", month, "productCode", "productCategory", volume, unit, "amountEuros", "bridgingCare"
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x("trajectoryId" text, month date, "productCode" varchar, "productCategory" varchar,
          volume int, unit varchar, "amountEuros" numeric, "bridgingCare" boolean)`);
    }
    for (const chunk of chunks(changes.declarations)) {
      await tx.execute(sql`
        INSERT INTO ${t.spendingMonth} (month, product_category, euros, volume, bridging_care_euros)
        SELECT month, "productCategory", sum("amountEuros"), sum(volume), coalesce(sum("amountEuros") FILTER (WHERE "bridgingCare"), 0)
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x(month date, "productCategory" varchar, volume int, "amountEuros" numeric, "bridgingCare" boolean)
        GROUP BY month, "productCategory"
        ON CONFLICT (month, product_category) DO UPDATE SET euros = ${t.spendingMonth}.euros + EXCLUDED.euros,
          volume = ${t.spendingMonth}.volume + EXCLUDED.volume,
          bridging_care_euros = ${t.spendingMonth}.bridging_care_euros + EXCLUDED.bridging_care_euros`);
    }
    for (const chunk of chunks(changes.plans)) {
      await tx.execute(sql`
        INSERT INTO ${t.plan} (id, kind, family_pseudonym, trajectory_id, coordinator, started_on)
        SELECT id, kind, "familyPseudonym", "trajectoryId", coordinator, "startedOn"
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x(id text, kind text, "familyPseudonym" varchar, "trajectoryId" text,
          coordinator text, "startedOn" date)`);
    }
    const goals = changes.plans.flatMap((p) => p.goals.map((g) => ({ planId: p.id, ...g })));
    for (const chunk of chunks(goals)) {
      await tx.execute(sql`
        INSERT INTO ${t.planGoal} (plan_id, position, description, attainment)
        SELECT "planId", position, description, attainment
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x("planId" text, position smallint, description text, attainment text)`);
    }
    await tx.insert(t.importBatch).values({ hash, records });
  });
}

/** Rows per table, for reports and tests. */
export async function tableCounts(src: Source): Promise<Record<string, number>> {
  const t = src.tables;
  const result = await src.db.execute(sql`SELECT
    (SELECT count(*) FROM ${t.trajectory})::int AS trajectories, (SELECT count(*) FROM ${t.allocation})::int AS allocations,
    (SELECT count(*) FROM ${t.declaration})::int AS declarations, (SELECT count(*) FROM ${t.plan})::int AS plans,
    (SELECT count(*) FROM ${t.planGoal})::int AS goals`);
  return rowsOf<Record<string, number>>(result)[0] ?? {};
}

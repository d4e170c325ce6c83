import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
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

/** The rows of `table` (aliased `alias`) that `where` keeps, as a JSON array of objects keyed and valued as drizzle's select gives them. */
function jsonRows(table: PgTable, alias: string, where: SQL): SQL {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => `${alias}."${column.name}" AS "${key}"`);
  return sql`(SELECT coalesce(json_agg(r), '[]') FROM (SELECT ${sql.raw(columns.join(', '))} FROM ${table} ${sql.raw(alias)} WHERE ${where}) r)`;
}

/**
 * What the region holds of the trajectories, plans and families a batch names. Of the
 * declarations only those a batch's declarations must be checked against: the same month, and
 * all months of an allocation whose volume counts in total. One statement, its rows returned as
 * JSON: a batch's fixed cost is mostly statements, and decoding rows field by field costs more
 * than parsing one JSON text.
 */
export async function existingState(
  src: Source,
  trajectoryIds: readonly string[],
  planIds: readonly string[],
  familyPseudonyms: readonly string[],
  declarationKeys: readonly { trajectoryId: string; productCode: string; month: string }[],
): Promise<ExistingState> {
  const t = src.tables;
  const [row] = rowsOf<ExistingState>(
    await src.db.execute(sql`
      WITH ids AS (SELECT value AS id FROM jsonb_array_elements_text(${JSON.stringify(trajectoryIds)}::jsonb)),
        keys AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(declarationKeys)}::jsonb) AS k("trajectoryId" text, "productCode" varchar, month date)),
        plan_ids AS (SELECT value AS id FROM jsonb_array_elements_text(${JSON.stringify(planIds)}::jsonb))
      SELECT
        ${jsonRows(t.trajectory, 't', sql`t.id IN (SELECT id FROM ids)`)} AS trajectories,
        ${jsonRows(t.allocation, 'a', sql`a.trajectory_id IN (SELECT id FROM ids)`)} AS allocations,
        (SELECT coalesce(json_agg(json_build_object('trajectoryId', d.trajectory_id, 'month', d.month, 'productCode', d.product_code, 'volume', d.volume)), '[]')
          FROM (SELECT d.trajectory_id, d.month, d.product_code, d.volume
              FROM keys k JOIN ${t.declaration} d ON d.trajectory_id = k."trajectoryId" AND d.month = k.month AND d.product_code = k."productCode"
            UNION
            SELECT d.trajectory_id, d.month, d.product_code, d.volume
              FROM keys k JOIN ${t.allocation} a ON a.trajectory_id = k."trajectoryId" AND a.product_code = k."productCode" AND a.frequency = '6'
              JOIN ${t.declaration} d ON d.trajectory_id = a.trajectory_id AND d.product_code = a.product_code) d) AS declarations,
        (SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'familyPseudonym', p.family_pseudonym, 'trajectoryId', p.trajectory_id,
            'coordinator', p.coordinator, 'startedOn', p.started_on,
            'goals', (SELECT coalesce(json_agg(json_build_object('position', g.position, 'description', g.description, 'attainment', g.attainment)
              ORDER BY g.position), '[]') FROM ${t.planGoal} g WHERE g.plan_id = p.id))), '[]')
          FROM ${t.plan} p WHERE p.id IN (SELECT id FROM plan_ids)) AS plans,
        (SELECT coalesce(json_agg(json_build_object('familyPseudonym', f.family_pseudonym, 'coordinator', f.coordinator)), '[]')
          FROM (SELECT DISTINCT family_pseudonym, coordinator FROM ${t.plan}
            WHERE family_pseudonym IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(familyPseudonyms)}::jsonb))) f) AS "familyCoordinators"`),
  );
  return row!;
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

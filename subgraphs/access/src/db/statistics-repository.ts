import { sql } from 'drizzle-orm';
import { amongYears, inList } from '@youth-care/lib/db/in-list';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { regionQuery, type RegionQuery } from '@youth-care/lib/db/region-query';
import { END_ACCORDING_TO_PLAN, END_BY_CLIENT } from '@youth-care/lib/codes/ijw';
import type { AccessTables } from './schema.js';

/**
 * The access statistics, each one SQL statement over one region's rows: counting, medians and
 * shares happen in Postgres, and only the aggregated rows come back.
 */
type Source = RegionSource<AccessTables>;

export interface Period {
  readonly from: string;
  readonly to: string;
}

async function rows<T>(src: Source, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await src.db.execute(query));
}

export interface SpendingRow {
  productCategory: string;
  /** Null on the row that sums the year so far. */
  month: string | null;
  euros: number;
  volumeDeclared: number;
  bridgingCareEuros: number;
}

/** Declared euros per product category and month of a year, and per category for the year so far. */
export function spending(src: Source, year: number): Promise<SpendingRow[]> {
  const m = src.tables.spendingMonth;
  return rows(src, sql`
    SELECT product_category AS "productCategory", month::text AS month, sum(euros)::float8 AS euros,
      sum(volume)::int AS "volumeDeclared", sum(bridging_care_euros)::float8 AS "bridgingCareEuros"
    FROM ${m}
    WHERE month >= ${`${year}-01-01`}::date AND month <= ${`${year}-12-01`}::date
    GROUP BY GROUPING SETS ((product_category, month), (product_category))
    ORDER BY product_category, month NULLS LAST`);
}

export interface ReferralCountRow {
  referrerType: string;
  productCategory: string;
  /** Null on the rows that sum the whole period: the referral flows. */
  month: string | null;
  referrals: number;
}

/** Referrals requested in the period by referrer type × product category × month, and over the period. */
export function referralCounts(src: Source, period: Period): Promise<ReferralCountRow[]> {
  const t = src.tables.trajectory;
  return rows(src, sql`
    SELECT referrer_type AS "referrerType", product_category AS "productCategory",
      date_trunc('month', requested_on)::date::text AS month, count(*)::int AS referrals
    FROM ${t}
    WHERE requested_on BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY GROUPING SETS ((referrer_type, product_category, date_trunc('month', requested_on)), (referrer_type, product_category))
    ORDER BY 1, 2, 3 NULLS LAST`);
}

export interface LeadTimeRow {
  trajectories: number;
  /** Trajectories whose lead time runs from a request (JW315), and those from the allocation (the municipal route). */
  fromRequest: number;
  fromAllocation: number;
  requestToAllocationMedian: number | null;
  requestToAllocationP90: number | null;
  allocationToStartMedian: number | null;
  allocationToStartP90: number | null;
  requestToStartMedian: number | null;
  requestToStartP90: number | null;
}

/**
 * Request to allocation only where there was a request; to start from the request where there
 * was one and from the allocation otherwise (on the municipal route requested_on holds the
 * allocation's date).
 */
const LEAD_TIMES = sql`
  count(*)::int AS trajectories,
  count(*) FILTER (WHERE route = 'REQUEST')::int AS "fromRequest",
  count(*) FILTER (WHERE route = 'MUNICIPAL')::int AS "fromAllocation",
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY allocated_on - requested_on) FILTER (WHERE route = 'REQUEST'))::float8 AS "requestToAllocationMedian",
  (percentile_cont(0.9) WITHIN GROUP (ORDER BY allocated_on - requested_on) FILTER (WHERE route = 'REQUEST'))::float8 AS "requestToAllocationP90",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY started_on - allocated_on)::float8 AS "allocationToStartMedian",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY started_on - allocated_on)::float8 AS "allocationToStartP90",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY started_on - requested_on)::float8 AS "requestToStartMedian",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY started_on - requested_on)::float8 AS "requestToStartP90"`;

/** Days from request to allocation to start, for regular (not crisis) care started in the period. */
export async function leadTimes(src: Source, period: Period): Promise<LeadTimeRow> {
  const t = src.tables.trajectory;
  const [row] = await rows<LeadTimeRow>(src, sql`
    SELECT ${LEAD_TIMES} FROM ${t}
    WHERE NOT crisis AND started_on BETWEEN ${period.from}::date AND ${period.to}::date`);
  return row!;
}

export interface OutcomeRow {
  ended: number;
  endedByClient: number;
  endedAccordingToPlan: number;
  averageDurationDays: number | null;
  /** Care that ended according to plan in the period shifted back a year, so the year after it has passed. */
  followedUp: number;
  returnedWithinYear: number;
}

/**
 * Outcomes of care that ended in the period: dropout (indicator 1: ended one-sidedly by the
 * client) and average duration; and repeat use (indicator 3.2): of the care that ended
 * according to plan a year before the period, the part followed by a new request within twelve
 * months, so that every case has had its full year by the period's end.
 */
export async function outcomes(src: Source, period: Period): Promise<OutcomeRow> {
  const t = src.tables.trajectory;
  const inPeriod = sql`ended_on >= ${period.from}::date`;
  const yearBefore = sql`end_reason = ${END_ACCORDING_TO_PLAN} AND ended_on <= ${period.to}::date - 365`;
  const [row] = await rows<OutcomeRow>(src, sql`
    SELECT count(*) FILTER (WHERE ${inPeriod})::int AS ended,
      count(*) FILTER (WHERE ${inPeriod} AND end_reason = ${END_BY_CLIENT})::int AS "endedByClient",
      count(*) FILTER (WHERE ${inPeriod} AND end_reason = ${END_ACCORDING_TO_PLAN})::int AS "endedAccordingToPlan",
      (avg(ended_on - started_on) FILTER (WHERE ${inPeriod}))::float8 AS "averageDurationDays",
      count(*) FILTER (WHERE ${yearBefore})::int AS "followedUp",
      count(*) FILTER (WHERE ${yearBefore} AND EXISTS (
        SELECT 1 FROM ${t} later
        WHERE later.client_pseudonym = ended.client_pseudonym
          AND later.requested_on > ended.ended_on AND later.requested_on <= ended.ended_on + 365))::int AS "returnedWithinYear"
    FROM ${t} ended
    WHERE ended_on BETWEEN ${period.from}::date - 365 AND ${period.to}::date`);
  return row!;
}

export interface PlanCoverageRow {
  residentialInCare: number;
  residentialWithPerspectivePlan: number;
  seventeenInCare: number;
  seventeenWithFuturePlan: number;
}

/** On a day: residential placements with a perspective plan, 17-year-olds in care with a future plan. */
export async function planCoverage(src: Source, on: string): Promise<PlanCoverageRow> {
  const { trajectory: t, plan: p } = src.tables;
  const [row] = await rows<PlanCoverageRow>(src, sql`
    WITH in_care AS MATERIALIZED (
      SELECT id, client_pseudonym, residential, birth_year FROM ${t}
      WHERE started_on <= ${on}::date AND (ended_on IS NULL OR ended_on >= ${on}::date)
    ), perspective AS (
      SELECT DISTINCT trajectory_id FROM ${p} WHERE kind = 'PERSPECTIVE_PLAN' AND started_on <= ${on}::date
    ), future AS (
      SELECT DISTINCT own.client_pseudonym FROM ${p} JOIN ${t} own ON own.id = ${p}.trajectory_id
      WHERE ${p}.kind = 'FUTURE_PLAN' AND ${p}.started_on <= ${on}::date
    ), seventeen AS (
      SELECT DISTINCT client_pseudonym FROM in_care WHERE ${Number(on.slice(0, 4))} - birth_year = 17
    )
    SELECT
      (SELECT count(*) FROM in_care WHERE residential)::int AS "residentialInCare",
      (SELECT count(*) FROM in_care c JOIN perspective ON perspective.trajectory_id = c.id WHERE c.residential)::int
        AS "residentialWithPerspectivePlan",
      (SELECT count(*) FROM seventeen)::int AS "seventeenInCare",
      (SELECT count(*) FROM seventeen JOIN future USING (client_pseudonym))::int AS "seventeenWithFuturePlan"`);
  return row!;
}

export interface ProviderReferralRow {
  providerAgb: string;
  referrerType: string;
  productCategory: string;
  referrals: number;
}

/** Referrals the providers received in the period, by referrer type and product category. */
export function providerReferrals(src: Source, agbCodes: readonly string[], period: Period): Promise<ProviderReferralRow[]> {
  const t = src.tables.trajectory;
  return rows(src, sql`
    SELECT provider_agb AS "providerAgb", referrer_type AS "referrerType", product_category AS "productCategory", count(*)::int AS referrals
    FROM ${t}
    WHERE ${inList(t.providerAgb, agbCodes)}
      AND requested_on BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}

export type ProviderLeadTimeRow = LeadTimeRow & { providerAgb: string };

/** Each provider's days from request to allocation to start, for care started in the period. */
export function providerLeadTimes(src: Source, agbCodes: readonly string[], period: Period): Promise<ProviderLeadTimeRow[]> {
  const t = src.tables.trajectory;
  return rows(src, sql`
    SELECT provider_agb AS "providerAgb", ${LEAD_TIMES} FROM ${t}
    WHERE ${inList(t.providerAgb, agbCodes)}
      AND NOT crisis AND started_on BETWEEN ${period.from}::date AND ${period.to}::date
    GROUP BY provider_agb`);
}

export interface YearRow {
  year: number;
  requested: number;
  ended: number;
  endedByClient: number;
  endedAccordingToPlan: number;
  averageDurationDays: number | null;
  requestToStartMedian: number | null;
  startedRegular: number;
}

/**
 * Per calendar year: the referral figures a learning circle compares, before small-number
 * protection, as the import keeps them, in the order of `years`; a year without any is all zeros. How many young people
 * were in care comes from CBS (monitoring), not from here.
 */
export function yearFigures(src: Source, years: readonly number[]): RegionQuery<YearRow> {
  const f = src.tables.referralYear;
  const statement = sql`
    SELECT year, requested, ended, ended_by_client AS "endedByClient", ended_according_to_plan AS "endedAccordingToPlan",
      (duration_days::numeric / nullif(durations, 0))::float8 AS "averageDurationDays",
      request_to_start_median AS "requestToStartMedian", started_regular AS "startedRegular"
    FROM ${f} WHERE ${amongYears(f.year, years)}`;
  const none = { requested: 0, ended: 0, endedByClient: 0, endedAccordingToPlan: 0, averageDurationDays: null, requestToStartMedian: null, startedRegular: 0 };
  return regionQuery(statement, (raw) => {
    const kept = raw as unknown as YearRow[];
    return years.map((year) => kept.find((row) => row.year === year) ?? { year, ...none });
  });
}

import { sql, type SQL } from 'drizzle-orm';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { regionQuery, runQuery, type RegionQuery } from '@youth-care/lib/db/region-query';
import type { OutcomeRecord } from '../reports/outcomes.js';
import type { SatisfactionRecord } from '../reports/satisfaction.js';
import type { MonitoringTables } from './schema.js';

/** The only place monitoring speaks SQL to a region's source. Every function is one statement, or one transaction. */
type Source = RegionSource<MonitoringTables>;
type Stored<R> = Omit<R, 'region'> & { source: 'IMPORT' | 'DEMO' };

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export const OUTCOME_INDICATORS = ['dropout', 'usefulness', 'continuesWithoutHelp', 'noRepeatUse', 'problemsReduced', 'goalsReached'] as const;
export type OutcomeIndicator = (typeof OUTCOME_INDICATORS)[number];
const OUTCOME_COLUMNS: Record<OutcomeIndicator, string> = {
  dropout: 'dropout',
  usefulness: 'usefulness',
  continuesWithoutHelp: 'continues_without_help',
  noRepeatUse: 'no_repeat_use',
  problemsReduced: 'problems_reduced',
  goalsReached: 'goals_reached',
};

async function counted(src: Source, statement: ReturnType<typeof sql>, total: number): Promise<WriteCounts> {
  const row = rowsOf<{ inserted: number; updated: number }>(await src.db.execute(statement))[0];
  const inserted = row?.inserted ?? 0;
  const updated = row?.updated ?? 0;
  return { inserted, updated, unchanged: total - inserted - updated };
}

/** A second result for the same year (and provider) replaces the first; the same file twice changes nothing. */
export async function upsertSatisfaction(src: Source, records: readonly Stored<SatisfactionRecord>[]): Promise<WriteCounts> {
  const t = src.tables.satisfactionSurvey;
  return counted(
    src,
    sql`
    WITH written AS (
      INSERT INTO ${t} AS cur (year, provider_agb, respondents, accessibility, quality, effect, overall_grade, source)
      SELECT year, "providerAgb", respondents, accessibility, quality, effect, "overallGrade", source
      FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(year int, "providerAgb" varchar, respondents int,
        accessibility float8, quality float8, effect float8, "overallGrade" float8, source text)
      ON CONFLICT ON CONSTRAINT satisfaction_survey_once DO UPDATE SET respondents = excluded.respondents, accessibility = excluded.accessibility,
        quality = excluded.quality, effect = excluded.effect, overall_grade = excluded.overall_grade, source = excluded.source
      WHERE (cur.respondents, cur.accessibility, cur.quality, cur.effect, cur.overall_grade, cur.source)
        IS DISTINCT FROM (excluded.respondents, excluded.accessibility, excluded.quality, excluded.effect, excluded.overall_grade, excluded.source)
      RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`,
    records.length,
  );
}

export async function upsertOutcomes(src: Source, records: readonly Stored<OutcomeRecord>[]): Promise<WriteCounts> {
  const t = src.tables.outcomeReport;
  const columns = sql.raw(OUTCOME_INDICATORS.map((i) => OUTCOME_COLUMNS[i]).join(', '));
  const fields = sql.raw(OUTCOME_INDICATORS.map((i) => `"${i}"`).join(', '));
  const typed = sql.raw(OUTCOME_INDICATORS.map((i) => `"${i}" float8`).join(', '));
  const set = sql.raw(OUTCOME_INDICATORS.map((i) => `${OUTCOME_COLUMNS[i]} = excluded.${OUTCOME_COLUMNS[i]}`).join(', '));
  const current = sql.raw(OUTCOME_INDICATORS.map((i) => `cur.${OUTCOME_COLUMNS[i]}`).join(', '));
  const incoming = sql.raw(OUTCOME_INDICATORS.map((i) => `excluded.${OUTCOME_COLUMNS[i]}`).join(', '));
  return counted(
    src,
    sql`
    WITH written AS (
      INSERT INTO ${t} AS cur (year, provider_agb, trajectories, ${columns}, source)
      SELECT year, "providerAgb", trajectories, ${fields}, source
      FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(year int, "providerAgb" varchar, trajectories int, ${typed}, source text)
      ON CONFLICT ON CONSTRAINT outcome_report_once DO UPDATE SET trajectories = excluded.trajectories, ${set}, source = excluded.source
      WHERE (cur.trajectories, ${current}, cur.source) IS DISTINCT FROM (excluded.trajectories, ${incoming}, excluded.source)
      RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`,
    records.length,
  );
}

/** Which kinds of report the region holds; each kind is imported in a transaction of its own. */
export async function heldReports(src: Source): Promise<{ satisfaction: boolean; outcomes: boolean }> {
  const { satisfactionSurvey: s, outcomeReport: o } = src.tables;
  const result = await src.db.execute(sql`SELECT EXISTS (SELECT 1 FROM ${s}) AS satisfaction, EXISTS (SELECT 1 FROM ${o}) AS outcomes`);
  return rowsOf<{ satisfaction: boolean; outcomes: boolean }>(result)[0] ?? { satisfaction: false, outcomes: false };
}

export interface SatisfactionRow {
  year: number;
  /** Null for the region's result. */
  providerAgb: string | null;
  /** True when the region reported no region-wide result: the respondent-weighted mean over its providers. */
  fromProviders: boolean;
  respondents: number;
  accessibility: number;
  quality: number;
  effect: number;
  overallGrade: number | null;
}

const SATISFACTION_FIELDS = sql`respondents, accessibility, quality, effect, overall_grade AS "overallGrade"`;

/**
 * Per year: the region-wide result, or where there is none the respondent-weighted mean over the
 * providers' results. One pass over the year's rows: a learning circle asks this of many regions
 * in one statement, where every region's part is planned.
 */
export function regionSatisfaction(src: Source, years: readonly number[]): RegionQuery<SatisfactionRow> {
  const s = src.tables.satisfactionSurvey;
  const hasWide = sql`bool_or(provider_agb IS NULL)`;
  const wideOr = (column: string, fromProviders: SQL) => sql`CASE WHEN ${hasWide} THEN max(${sql.identifier(column)}) FILTER (WHERE provider_agb IS NULL) ELSE ${fromProviders} END`;
  const weighted = (column: string, over = sql`sum(respondents)`) => sql`(sum(${sql.identifier(column)} * respondents) / nullif(${over}, 0))::float8`;
  return regionQuery(sql`
    SELECT year, NULL AS "providerAgb", NOT ${hasWide} AS "fromProviders",
      ${wideOr('respondents', sql`sum(respondents)::int`)} AS respondents,
      ${wideOr('accessibility', weighted('accessibility'))} AS accessibility,
      ${wideOr('quality', weighted('quality'))} AS quality,
      ${wideOr('effect', weighted('effect'))} AS effect,
      ${wideOr('overall_grade', weighted('overall_grade', sql`sum(respondents) FILTER (WHERE overall_grade IS NOT NULL)`))} AS "overallGrade"
    FROM ${s} WHERE year = ANY(${sql.param([...years])}::int[])
    GROUP BY year`);
}

export async function providerSatisfaction(src: Source, agbCodes: readonly string[], years: readonly number[] | null): Promise<SatisfactionRow[]> {
  const s = src.tables.satisfactionSurvey;
  const result = await src.db.execute(sql`
    SELECT year, provider_agb AS "providerAgb", false AS "fromProviders", ${SATISFACTION_FIELDS}
    FROM ${s}
    WHERE provider_agb = ANY(${sql.param([...agbCodes])}::text[]) AND (${years === null} OR year = ANY(${sql.param(years ?? [])}::int[]))
    ORDER BY provider_agb, year`);
  return rowsOf<SatisfactionRow>(result);
}

export interface OutcomeRow {
  year: number;
  /** Null on the region's total over its providers. */
  providerAgb: string | null;
  providersReporting: number;
  trajectories: number;
  /** Per indicator: the trajectories it covers (those of providers reporting it) and how many of them meet it. */
  parts: Record<OutcomeIndicator, { met: number | null; of: number }>;
}

type FlatOutcomeRow = Omit<OutcomeRow, 'parts'> & Record<string, number | null>;

function unflatten(row: FlatOutcomeRow): OutcomeRow {
  const parts = Object.fromEntries(
    OUTCOME_INDICATORS.map((i) => [i, { met: row[`${i}Met`] ?? null, of: row[`${i}Of`] ?? 0 }]),
  ) as OutcomeRow['parts'];
  return { year: row.year, providerAgb: row.providerAgb, providersReporting: row.providersReporting, trajectories: row.trajectories, parts };
}

/** Outcome sums per year, over the whole region (`byProvider` false) or per provider. */
function outcomeSums(src: Source, where: ReturnType<typeof sql>, byProvider: boolean): RegionQuery<OutcomeRow> {
  const o = src.tables.outcomeReport;
  const sums = sql.raw(
    OUTCOME_INDICATORS.map((i) => {
      const c = OUTCOME_COLUMNS[i];
      return `sum(${c} * trajectories)::float8 AS "${i}Met", (coalesce(sum(trajectories) FILTER (WHERE ${c} IS NOT NULL), 0))::int AS "${i}Of"`;
    }).join(',\n      '),
  );
  const provider = byProvider ? sql`provider_agb` : sql`NULL::varchar`;
  const statement = sql`
    SELECT year, ${provider} AS "providerAgb", count(*)::int AS "providersReporting", sum(trajectories)::int AS trajectories,
      ${sums}
    FROM ${o}
    WHERE ${where}
    GROUP BY year${byProvider ? sql`, provider_agb` : sql``}
    ORDER BY year${byProvider ? sql`, provider_agb` : sql``}`;
  return regionQuery(statement, (raw) => (raw as FlatOutcomeRow[]).map(unflatten));
}

export function regionOutcomes(src: Source, years: readonly number[]): RegionQuery<OutcomeRow> {
  return outcomeSums(src, sql`year = ANY(${sql.param([...years])}::int[])`, false);
}

/** Per provider and year; every provider of the region when `agbCodes` is null. */
export function providerOutcomes(src: Source, agbCodes: readonly string[] | null, years: readonly number[] | null): Promise<OutcomeRow[]> {
  return runQuery(src.db, outcomeSums(
    src,
    sql`(${agbCodes === null} OR provider_agb = ANY(${sql.param(agbCodes ?? [])}::text[]))
      AND (${years === null} OR year = ANY(${sql.param(years ?? [])}::int[]))`,
    true,
  ));
}

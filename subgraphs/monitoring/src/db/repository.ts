import { sql, type SQL } from 'drizzle-orm';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import type { Database } from '@youth-care/lib/db/database';
import { amongYears } from '@youth-care/lib/db/in-list';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { regionQuery, runQuery, type RegionQuery } from '@youth-care/lib/db/region-query';
import type { OutcomeRecord } from '../reports/outcomes.js';
import type { SatisfactionRecord } from '../reports/satisfaction.js';
import { FIGURE_KINDS, type MonitoringTables } from './schema.js';

type FigureKind = (typeof FIGURE_KINDS)[number];

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

async function counted(db: Database, statement: ReturnType<typeof sql>, total: number): Promise<WriteCounts> {
  const row = rowsOf<{ inserted: number; updated: number }>(await db.execute(statement))[0];
  const inserted = row?.inserted ?? 0;
  const updated = row?.updated ?? 0;
  return { inserted, updated, unchanged: total - inserted - updated };
}

/** A second result for the same year (and provider) replaces the first; the same file twice changes nothing. */
export async function upsertSatisfaction(src: Source, records: readonly Stored<SatisfactionRecord>[]): Promise<WriteCounts> {
  const t = src.tables.satisfactionSurvey;
  return writeAndKeep(src, 'satisfaction', records, (db) => counted(
    db,
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
  ));
}

export async function upsertOutcomes(src: Source, records: readonly Stored<OutcomeRecord>[]): Promise<WriteCounts> {
  const t = src.tables.outcomeReport;
  const columns = sql.raw(OUTCOME_INDICATORS.map((i) => OUTCOME_COLUMNS[i]).join(', '));
  const fields = sql.raw(OUTCOME_INDICATORS.map((i) => `"${i}"`).join(', '));
  const typed = sql.raw(OUTCOME_INDICATORS.map((i) => `"${i}" float8`).join(', '));
  const set = sql.raw(OUTCOME_INDICATORS.map((i) => `${OUTCOME_COLUMNS[i]} = excluded.${OUTCOME_COLUMNS[i]}`).join(', '));
  const current = sql.raw(OUTCOME_INDICATORS.map((i) => `cur.${OUTCOME_COLUMNS[i]}`).join(', '));
  const incoming = sql.raw(OUTCOME_INDICATORS.map((i) => `excluded.${OUTCOME_COLUMNS[i]}`).join(', '));
  return writeAndKeep(src, 'outcomes', records, (db) => counted(
    db,
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
  ));
}

/** Writes reports and, in the same transaction, the region's figures for their years. */
function writeAndKeep(src: Source, kind: FigureKind, records: readonly { year: number }[], write: (db: Database) => Promise<WriteCounts>): Promise<WriteCounts> {
  return src.db.transaction(async (tx) => {
    const counts = await write(tx);
    await keepFigures(tx, src, kind, [...new Set(records.map((r) => r.year))]);
    return counts;
  });
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
 * providers' results; from the figures kept as reports are written (see keepFigures).
 */
export function regionSatisfaction(src: Source, years: readonly number[]): RegionQuery<SatisfactionRow> {
  return keptFigures(src, 'satisfaction', years, (figures) => figures as unknown as SatisfactionRow);
}

/** regionSatisfaction's figures from the survey rows `where` picks, in one pass over each year's rows. */
function satisfactionFigures(src: Source, where: SQL): SQL {
  const s = src.tables.satisfactionSurvey;
  const hasWide = sql`bool_or(provider_agb IS NULL)`;
  const wideOr = (column: string, fromProviders: SQL) => sql`CASE WHEN ${hasWide} THEN max(${sql.identifier(column)}) FILTER (WHERE provider_agb IS NULL) ELSE ${fromProviders} END`;
  const weighted = (column: string, over = sql`sum(respondents)`) => sql`(sum(${sql.identifier(column)} * respondents) / nullif(${over}, 0))::float8`;
  return sql`
    SELECT year, NULL AS "providerAgb", NOT ${hasWide} AS "fromProviders",
      ${wideOr('respondents', sql`sum(respondents)::int`)} AS respondents,
      ${wideOr('accessibility', weighted('accessibility'))} AS accessibility,
      ${wideOr('quality', weighted('quality'))} AS quality,
      ${wideOr('effect', weighted('effect'))} AS effect,
      ${wideOr('overall_grade', weighted('overall_grade', sql`sum(respondents) FILTER (WHERE overall_grade IS NOT NULL)`))} AS "overallGrade"
    FROM ${s} WHERE ${where}
    GROUP BY year`;
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
function outcomeSums(src: Source, where: SQL, byProvider: boolean): SQL {
  const o = src.tables.outcomeReport;
  const sums = sql.raw(
    OUTCOME_INDICATORS.map((i) => {
      const c = OUTCOME_COLUMNS[i];
      return `sum(${c} * trajectories)::float8 AS "${i}Met", (coalesce(sum(trajectories) FILTER (WHERE ${c} IS NOT NULL), 0))::int AS "${i}Of"`;
    }).join(',\n      '),
  );
  const provider = byProvider ? sql`provider_agb` : sql`NULL::varchar`;
  return sql`
    SELECT year, ${provider} AS "providerAgb", count(*)::int AS "providersReporting", sum(trajectories)::int AS trajectories,
      ${sums}
    FROM ${o}
    WHERE ${where}
    GROUP BY year${byProvider ? sql`, provider_agb` : sql``}
    ORDER BY year${byProvider ? sql`, provider_agb` : sql``}`;
}

/** Outcome sums per year over the region's providers, from the figures kept as reports are written. */
export function regionOutcomes(src: Source, years: readonly number[]): RegionQuery<OutcomeRow> {
  return keptFigures(src, 'outcomes', years, (figures) => unflatten(figures as unknown as FlatOutcomeRow));
}

/** Per provider and year; every provider of the region when `agbCodes` is null. */
export function providerOutcomes(src: Source, agbCodes: readonly string[] | null, years: readonly number[] | null): Promise<OutcomeRow[]> {
  const where = sql`(${agbCodes === null} OR provider_agb = ANY(${sql.param(agbCodes ?? [])}::text[]))
      AND (${years === null} OR year = ANY(${sql.param(years ?? [])}::int[]))`;
  return runQuery(src.db, regionQuery(outcomeSums(src, where, true), (raw) => (raw as FlatOutcomeRow[]).map(unflatten)));
}

const FIGURES: Record<FigureKind, (src: Source, where: SQL) => SQL> = {
  satisfaction: satisfactionFigures,
  outcomes: (src, where) => outcomeSums(src, where, false),
};

function keptFigures<Row>(src: Source, kind: FigureKind, years: readonly number[], shape: (figures: Record<string, unknown>) => Row): RegionQuery<Row> {
  const f = src.tables.regionFigures;
  return regionQuery(sql`SELECT ${f.figures} AS figures FROM ${f} WHERE ${f.kind} = ${kind} AND ${amongYears(f.year, years)}`, (raw) =>
    raw.map((row) => shape(row.figures as Record<string, unknown>)),
  );
}

/** Keeps the region's figures of a kind for `years` (every year when null) as its reports now give them. */
async function keepFigures(db: Database, src: Source, kind: FigureKind, years: readonly number[] | null, onlyIfNoneKept = false): Promise<void> {
  const f = src.tables.regionFigures;
  const where = years === null ? sql`true` : sql`year = ANY(${sql.param([...years])}::int[])`;
  await db.execute(sql`
    INSERT INTO ${f} (kind, year, figures)
    SELECT ${kind}, figures.year, to_jsonb(figures) FROM (${FIGURES[kind](src, where)}) AS figures
    ${onlyIfNoneKept ? sql`WHERE NOT EXISTS (SELECT 1 FROM ${f} WHERE kind = ${kind})` : sql``}
    ON CONFLICT (kind, year) DO UPDATE SET figures = excluded.figures`);
}

/** A region whose reports came before region_figures did gets its figures kept, once, at start. */
export async function keepFiguresOnce(src: Source): Promise<void> {
  for (const kind of FIGURE_KINDS) await keepFigures(src.db, src, kind, null, true);
}

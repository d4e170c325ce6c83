import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  integer,
  jsonb,
  pgSchema,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
  varchar,
  type PgColumn,
  type PgTableFn,
} from 'drizzle-orm/pg-core';

/** Each region's copy of these tables lives in its own schema, `<BASE_SCHEMA>_<region code>`. */
export const BASE_SCHEMA = 'monitoring';

export const REPORT_SOURCES = ['IMPORT', 'DEMO'] as const;
export const FIGURE_KINDS = ['satisfaction', 'outcomes'] as const;

const share = (column: PgColumn) => sql`(${column} IS NULL OR ${column} BETWEEN 0 AND 1)`;

/** A region's client-experience survey results and providers' outcome reports, in the given schema. */
export function monitoringTables<S extends string | undefined>(table: PgTableFn<S>) {
  const satisfactionSurvey = table(
    'satisfaction_survey',
    {
      id: serial('id').primaryKey(),
      year: integer('year').notNull(),
      /** Null: the region-wide result. */
      providerAgb: varchar('provider_agb', { length: 8 }),
      respondents: integer('respondents').notNull(),
      /** Shares (0 to 1) of respondents agreeing. */
      accessibility: doublePrecision('accessibility').notNull(),
      quality: doublePrecision('quality').notNull(),
      effect: doublePrecision('effect').notNull(),
      /** 1 to 10, where the survey asks for one. */
      overallGrade: doublePrecision('overall_grade'),
      source: text('source', { enum: REPORT_SOURCES }).notNull(),
    },
    (t) => [
      // One region-wide result (null provider) per year, and one per provider.
      unique('satisfaction_survey_once').on(t.year, t.providerAgb).nullsNotDistinct(),
      check('satisfaction_survey_respondents_check', sql`${t.respondents} >= 0`),
      check('satisfaction_survey_shares_check', sql`${share(t.accessibility)} AND ${share(t.quality)} AND ${share(t.effect)}`),
      check('satisfaction_survey_grade_check', sql`${t.overallGrade} IS NULL OR ${t.overallGrade} BETWEEN 1 AND 10`),
    ],
  );

  const outcomeReport = table(
    'outcome_report',
    {
      id: serial('id').primaryKey(),
      year: integer('year').notNull(),
      providerAgb: varchar('provider_agb', { length: 8 }).notNull(),
      /** Trajectories ended in the year that the indicators are computed over. */
      trajectories: integer('trajectories').notNull(),
      /** NJi indicator 1: share of trajectories ended one-sidedly (uitval). */
      dropout: doublePrecision('dropout'),
      /** 2: share of clients satisfied with the usefulness of the help. */
      usefulness: doublePrecision('usefulness'),
      /** 3.1: share that can continue without help. */
      continuesWithoutHelp: doublePrecision('continues_without_help'),
      /** 3.2: share without a new start of care afterwards (herhaald beroep). */
      noRepeatUse: doublePrecision('no_repeat_use'),
      /** 3.3: share whose problems were reduced. */
      problemsReduced: doublePrecision('problems_reduced'),
      /** 3.4: share that reached the agreed goals. */
      goalsReached: doublePrecision('goals_reached'),
      source: text('source', { enum: REPORT_SOURCES }).notNull(),
    },
    (t) => [
      unique('outcome_report_once').on(t.year, t.providerAgb),
      check('outcome_report_trajectories_check', sql`${t.trajectories} >= 0`),
      check(
        'outcome_report_shares_check',
        sql`${share(t.dropout)} AND ${share(t.usefulness)} AND ${share(t.continuesWithoutHelp)} AND ${share(t.noRepeatUse)} AND ${share(t.problemsReduced)} AND ${share(t.goalsReached)}`,
      ),
    ],
  );

  /**
   * The region's satisfaction and outcome figures per year (see regionSatisfaction and
   * regionOutcomes), kept as reports are written: a learning circle compares them across every
   * region at once.
   */
  const regionFigures = table(
    'region_figures',
    {
      kind: text('kind', { enum: FIGURE_KINDS }).notNull(),
      year: integer('year').notNull(),
      figures: jsonb('figures').notNull(),
    },
    (t) => [primaryKey({ columns: [t.kind, t.year] })],
  );

  return { satisfactionSurvey, outcomeReport, regionFigures };
}

export type MonitoringTables = ReturnType<typeof monitoringTables<string>>;

export const tablesIn = (schema: string): MonitoringTables => monitoringTables(pgSchema(schema).table);

/**
 * What drizzle-kit reads to write migrations: the tables in no schema, so the migrations name
 * none and each region's are applied under its own search_path.
 */
export const { satisfactionSurvey, outcomeReport, regionFigures } = monitoringTables(pgTable);

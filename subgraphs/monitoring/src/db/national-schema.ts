import { sql } from 'drizzle-orm';
import { check, doublePrecision, integer, pgSchema, pgTable, primaryKey, text, timestamp, type PgTableFn } from 'drizzle-orm/pg-core';

/** National open data has one copy, shared by every region, in this schema. */
export const NATIONAL_SCHEMA = 'monitoring_national';

/** CBS's status of a figure; a later status replaces an earlier one for the same cell. */
export const FIGURE_STATUSES = ['PROVISIONAL', 'REVISED_PROVISIONAL', 'FINAL'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

/** CBS StatLine tables as OData v4 serves them: metadata, code lists and observations in long form. */
export function nationalTables<S extends string | undefined>(table: PgTableFn<S>) {
  const cbsTable = table('cbs_table', {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description'),
    /** CBS's own modification stamp of the table version imported. */
    modified: text('modified'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  });

  const cbsMeasure = table(
    'cbs_measure',
    {
      tableId: text('table_id').notNull(),
      code: text('code').notNull(),
      title: text('title').notNull(),
      unit: text('unit'),
      decimals: integer('decimals'),
    },
    (t) => [primaryKey({ columns: [t.tableId, t.code] })],
  );

  /** Codes of every dimension (RegioS, Perioden, SoortJeugdzorg, ...); periods carry CBS's status. */
  const cbsCode = table(
    'cbs_code',
    {
      tableId: text('table_id').notNull(),
      dimension: text('dimension').notNull(),
      code: text('code').notNull(),
      title: text('title').notNull(),
      status: text('status', { enum: FIGURE_STATUSES }),
    },
    (t) => [primaryKey({ columns: [t.tableId, t.dimension, t.code] })],
  );

  const cbsObservation = table(
    'cbs_observation',
    {
      tableId: text('table_id').notNull(),
      measure: text('measure').notNull(),
      /** The dimensions other than region and period, as "Dimension=Code" joined by ";" in name order; "" when none. */
      dims: text('dims').notNull(),
      period: text('period').notNull(),
      /** The RegioS code: GM.... municipality, JZ.. youth-care region, NL01 the country. */
      area: text('area').notNull(),
      /** Null when CBS publishes no figure ("." or a marker): never a zero. */
      value: doublePrecision('value'),
      /** Why there is no figure: CBS's ValueAttribute (Secret, Unknown, Impossible, ...) or "." from StringValue. */
      marker: text('marker'),
      status: text('status', { enum: FIGURE_STATUSES }).notNull(),
      cbsId: integer('cbs_id').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.tableId, t.measure, t.dims, t.period, t.area] }),
      check('cbs_observation_value_check', sql`(${t.value} IS NULL) = (${t.marker} IS NOT NULL)`),
    ],
  );

  return { cbsTable, cbsMeasure, cbsCode, cbsObservation };
}

export type NationalTables = ReturnType<typeof nationalTables<string>>;

export const nationalTablesIn = (schema: string): NationalTables => nationalTables(pgSchema(schema).table);

/** What drizzle-kit reads to write migrations: the tables in no schema, so the migrations name none. */
export const { cbsTable, cbsMeasure, cbsCode, cbsObservation } = nationalTables(pgTable);

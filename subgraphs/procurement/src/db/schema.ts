import { sql } from 'drizzle-orm';
import { FINANCING_VARIANTS } from '@youth-care/lib/codes/ijw';
import {
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgSchema,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  varchar,
  type PgTableFn,
} from 'drizzle-orm/pg-core';

/** Each region's copy of these tables lives in its own schema, `<BASE_SCHEMA>_<region code>`. */
export const BASE_SCHEMA = 'procurement';

export const CONTRACT_FORMS = ['OPEN_HOUSE', 'TENDER', 'SUBSIDY'] as const;
export const WAITING_TIME_SOURCES = ['PROVIDER_PORTAL', 'DEMO'] as const;

/** The procurement tables of one region, in the given Postgres schema. */
export function procurementTables<S extends string | undefined>(table: PgTableFn<S>) {
  const provider = table('provider', {
    agbCode: varchar('agb_code', { length: 8 }).primaryKey(),
    name: text('name').notNull(),
    demoData: boolean('demo_data').notNull().default(false),
  });

  const contract = table(
    'contract',
    {
      id: text('id').primaryKey(),
      providerAgb: varchar('provider_agb', { length: 8 })
        .notNull()
        .references(() => provider.agbCode),
      form: text('form', { enum: CONTRACT_FORMS }).notNull(),
      financingVariant: text('financing_variant', { enum: FINANCING_VARIANTS }).notNull(),
      lots: text('lots').array().notNull(),
      productCategories: varchar('product_categories', { length: 2 }).array().notNull(),
      startsOn: date('starts_on', { mode: 'string' }).notNull(),
      endsOn: date('ends_on', { mode: 'string' }),
      budgetCeilingEuros: numeric('budget_ceiling_euros', { precision: 14, scale: 2 }),
    },
    (t) => [
      index('contract_provider_idx').on(t.providerAgb),
      check('contract_period_check', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
    ],
  );

  const waitingTimeNorm = table('waiting_time_norm', {
    id: serial('id').primaryKey(),
    /** Null: the region's default for every product category without a norm of its own. */
    productCategory: varchar('product_category', { length: 2 }),
    registrationToIntakeWeeks: doublePrecision('registration_to_intake_weeks').notNull(),
    intakeToTreatmentWeeks: doublePrecision('intake_to_treatment_weeks').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
  });

  const waitingTimeReport = table(
    'waiting_time_report',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      providerAgb: varchar('provider_agb', { length: 8 })
        .notNull()
        .references(() => provider.agbCode),
      productCategory: varchar('product_category', { length: 2 }).notNull(),
      reportedOn: date('reported_on', { mode: 'string' }).notNull(),
      registrationToIntakeWeeks: doublePrecision('registration_to_intake_weeks').notNull(),
      intakeToTreatmentWeeks: doublePrecision('intake_to_treatment_weeks').notNull(),
      waitingCount: integer('waiting_count').notNull(),
      bridgingCareOffered: boolean('bridging_care_offered'),
      source: text('source', { enum: WAITING_TIME_SOURCES }).notNull(),
      receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      unique('waiting_time_report_once_per_day').on(t.providerAgb, t.productCategory, t.reportedOn),
      index('waiting_time_report_category_idx').on(t.productCategory, t.reportedOn),
      check('waiting_time_report_weeks_check', sql`${t.registrationToIntakeWeeks} >= 0 AND ${t.intakeToTreatmentWeeks} >= 0`),
    ],
  );

  /**
   * A region's waiting times per calendar year over all its reports (see yearlyWaitingTimes), kept
   * as each report is written: a learning circle compares them across every region at once.
   */
  const waitingTimeYear = table('waiting_time_year', {
    year: smallint('year').primaryKey(),
    providersReporting: integer('providers_reporting').notNull(),
    providersOverNorm: integer('providers_over_norm').notNull(),
    medianTotalWeeks: doublePrecision('median_total_weeks'),
    waiting: integer('waiting').notNull(),
  });

  return { provider, contract, waitingTimeNorm, waitingTimeReport, waitingTimeYear };
}

export type ProcurementTables = ReturnType<typeof procurementTables<string>>;

export const tablesIn = (schema: string): ProcurementTables => procurementTables(pgSchema(schema).table);

/**
 * What drizzle-kit reads to write migrations: the tables in no schema, so the migrations name
 * none and each region's are applied under its own search_path.
 */
export const { provider, contract, waitingTimeNorm, waitingTimeReport, waitingTimeYear } = procurementTables(pgTable);

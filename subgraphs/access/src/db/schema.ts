import { sql } from 'drizzle-orm';
import { FINANCING_VARIANTS } from '@youth-care/lib/codes/ijw';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgSchema,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
  type PgTableFn,
} from 'drizzle-orm/pg-core';

/** Each region's copy of these tables lives in its own schema, `<BASE_SCHEMA>_<region code>`. */
export const BASE_SCHEMA = 'access';

/**
 * How a trajectory came to its allocation: after a provider's request (JW315), or allocated
 * straight away on referral by the municipality's own access team (COD327 01), without a JW315.
 */
export const ROUTES = ['REQUEST', 'MUNICIPAL'] as const;

export const PLAN_KINDS = ['FAMILY_PLAN', 'PERSPECTIVE_PLAN', 'FUTURE_PLAN', 'SUPPORT_PLAN'] as const;
export const GOAL_ATTAINMENT = ['ACHIEVED', 'PARTLY_ACHIEVED', 'NOT_ACHIEVED', 'OPEN'] as const;

/**
 * The access tables of one region. A trajectory is one young person's route through the iJw
 * messages: request (JW315), allocation (JW301), start (JW305), end (JW307), with declarations
 * (JW323). No BSN is stored: the client is a pseudonym keyed to this region.
 */
export function accessTables<S extends string | undefined>(table: PgTableFn<S>) {
  const trajectory = table(
    'trajectory',
    {
      id: text('id').primaryKey(),
      clientPseudonym: varchar('client_pseudonym', { length: 32 }).notNull(),
      birthYear: smallint('birth_year').notNull(),
      municipality: varchar('municipality', { length: 6 }).notNull(),
      referrerType: varchar('referrer_type', { length: 2 }).notNull(),
      productCategory: varchar('product_category', { length: 2 }).notNull(),
      productCode: varchar('product_code', { length: 5 }).notNull(),
      providerAgb: varchar('provider_agb', { length: 8 }).notNull(),
      crisis: boolean('crisis').notNull(),
      residential: boolean('residential').notNull(),
      route: text('route', { enum: ROUTES }).notNull().default('REQUEST'),
      /** The request's date; on the municipal route, the allocation's: the day the young person was referred. */
      requestedOn: date('requested_on', { mode: 'string' }).notNull(),
      allocatedOn: date('allocated_on', { mode: 'string' }),
      startedOn: date('started_on', { mode: 'string' }),
      endedOn: date('ended_on', { mode: 'string' }),
      endReason: varchar('end_reason', { length: 2 }),
    },
    (t) => [
      index('trajectory_requested_idx').on(t.requestedOn),
      index('trajectory_provider_idx').on(t.providerAgb, t.requestedOn),
      index('trajectory_client_idx').on(t.clientPseudonym, t.requestedOn),
      index('trajectory_ended_idx').on(t.endedOn),
      index('trajectory_started_idx').on(t.startedOn),
      check('trajectory_order_check', sql`(${t.endedOn} IS NULL OR ${t.startedOn} <= ${t.endedOn})`),
    ],
  );

  const allocation = table(
    'allocation',
    {
      id: text('id').primaryKey(),
      trajectoryId: text('trajectory_id')
        .notNull()
        .references(() => trajectory.id),
      allocatedOn: date('allocated_on', { mode: 'string' }).notNull(),
      productCode: varchar('product_code', { length: 5 }).notNull(),
      volume: integer('volume').notNull(),
      unit: varchar('unit', { length: 2 }).notNull(),
      frequency: varchar('frequency', { length: 1 }).notNull(),
      validFrom: date('valid_from', { mode: 'string' }).notNull(),
      validUntil: date('valid_until', { mode: 'string' }),
      financingVariant: text('financing_variant', { enum: FINANCING_VARIANTS }).notNull(),
    },
    (t) => [index('allocation_trajectory_idx').on(t.trajectoryId)],
  );

  const declaration = table(
    'declaration',
    {
      trajectoryId: text('trajectory_id')
        .notNull()
        .references(() => trajectory.id),
      month: date('month', { mode: 'string' }).notNull(),
      productCode: varchar('product_code', { length: 5 }).notNull(),
      productCategory: varchar('product_category', { length: 2 }).notNull(),
      volume: integer('volume').notNull(),
      unit: varchar('unit', { length: 2 }).notNull(),
      amountEuros: numeric('amount_euros', { precision: 12, scale: 2 }).notNull(),
      bridgingCare: boolean('bridging_care').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.trajectoryId, t.month, t.productCode] }),
    ],
  );

  const plan = table(
    'plan',
    {
      id: text('id').primaryKey(),
      kind: text('kind', { enum: PLAN_KINDS }).notNull(),
      familyPseudonym: varchar('family_pseudonym', { length: 32 }).notNull(),
      trajectoryId: text('trajectory_id').references(() => trajectory.id),
      coordinator: text('coordinator').notNull(),
      startedOn: date('started_on', { mode: 'string' }).notNull(),
    },
    (t) => [index('plan_trajectory_idx').on(t.trajectoryId), index('plan_family_idx').on(t.familyPseudonym)],
  );

  const planGoal = table(
    'plan_goal',
    {
      planId: text('plan_id')
        .notNull()
        .references(() => plan.id),
      position: smallint('position').notNull(),
      description: text('description').notNull(),
      attainment: text('attainment', { enum: GOAL_ATTAINMENT }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.planId, t.position] })],
  );

  /**
   * Declared euros per month and product category, kept up to date by the import (declarations
   * are only ever added), so a dashboard's spending figures need not sum every declaration.
   */
  const spendingMonth = table(
    'spending_month',
    {
      month: date('month', { mode: 'string' }).notNull(),
      productCategory: varchar('product_category', { length: 2 }).notNull(),
      euros: numeric('euros', { precision: 14, scale: 2 }).notNull(),
      volume: integer('volume').notNull(),
      bridgingCareEuros: numeric('bridging_care_euros', { precision: 14, scale: 2 }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.month, t.productCategory] })],
  );

  /**
   * The referral figures a learning circle compares, per calendar year, kept by the import from
   * each trajectory's row before and after a batch: comparing many regions then reads one row per
   * region and year instead of scanning its trajectories. Durations are kept as a sum and a count,
   * so the average comes out as avg() over the rows would give it.
   */
  const referralYear = table('referral_year', {
    year: smallint('year').primaryKey(),
    requested: integer('requested').notNull().default(0),
    ended: integer('ended').notNull().default(0),
    endedByClient: integer('ended_by_client').notNull().default(0),
    endedAccordingToPlan: integer('ended_according_to_plan').notNull().default(0),
    /** Days from start to end summed over the ended care that had started, and how many that was. */
    durationDays: bigint('duration_days', { mode: 'number' }).notNull().default(0),
    durations: integer('durations').notNull().default(0),
    /** Regular (not crisis) care started in the year, and its median days from request to start (from referral_wait). */
    startedRegular: integer('started_regular').notNull().default(0),
    requestToStartMedian: doublePrecision('request_to_start_median'),
  });

  /**
   * Regular care started per year, counted by its days from request to start: what the year's
   * median is worked out from, exactly as percentile_cont over the rows would give it.
   */
  const referralWait = table(
    'referral_wait',
    {
      year: smallint('year').notNull(),
      days: integer('days').notNull(),
      started: integer('started').notNull(),
    },
    (t) => [primaryKey({ columns: [t.year, t.days] })],
  );

  /** Every batch imported, by the hash of its content, so the same batch twice changes nothing. */
  const importBatch = table('import_batch', {
    hash: varchar('hash', { length: 64 }).primaryKey(),
    records: integer('records').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  });

  /**
   * What the region's demo history was generated from, written before its first batch: a load
   * cut short resumes with the same history, whatever the day or the DEMO_SCALE of the restart.
   */
  const demoLoad = table(
    'demo_load',
    {
      id: smallint('id').primaryKey().default(1),
      seed: text('seed').notNull(),
      scale: doublePrecision('scale').notNull(),
      endsOn: date('ends_on', { mode: 'string' }).notNull(),
      completedAt: timestamp('completed_at', { withTimezone: true }),
    },
    (t) => [check('demo_load_single_row', sql`${t.id} = 1`)],
  );

  /** Who read client-level data of the region: kept next to the data it speaks of. */
  const auditLog = table(
    'audit_log',
    {
      id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
      at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
      subject: text('subject').notNull(),
      role: varchar('role', { length: 20 }).notNull(),
      what: text('what').notNull(),
      recordIds: text('record_ids').array().notNull(),
    },
    (t) => [index('audit_log_at_idx').on(t.at)],
  );

  /**
   * The region's youth-care budget per year and product category, as its budget plan states it
   * (e.g. Noordoost-Brabant's "financieel kader": Jeugdzorgplus, LTA, ZIN ...); `line` is the plan's
   * own name for the budget line. An import replaces a year's budget whole.
   */
  const budget = table(
    'budget',
    {
      year: smallint('year').notNull(),
      productCategory: varchar('product_category', { length: 2 }).notNull(),
      line: text('line').notNull(),
      euros: numeric('euros', { precision: 14, scale: 2 }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.year, t.productCategory, t.line] })],
  );

  return { trajectory, allocation, declaration, spendingMonth, referralYear, referralWait, plan, planGoal, importBatch, demoLoad, auditLog, budget };
}

export type AccessTables = ReturnType<typeof accessTables<string>>;

export const tablesIn = (schema: string): AccessTables => accessTables(pgSchema(schema).table);

/**
 * What drizzle-kit reads to write migrations: the tables in no schema, so the migrations name
 * none and each region's are applied under its own search_path.
 */
export const { trajectory, allocation, declaration, spendingMonth, referralYear, referralWait, plan, planGoal, importBatch, demoLoad, auditLog, budget } =
  accessTables(pgTable);

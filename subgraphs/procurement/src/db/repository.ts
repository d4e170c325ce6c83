import { and, arrayContains, asc, desc, eq, gte, isNull, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { amongYears, inList } from '@youth-care/lib/db/in-list';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { regionQuery, type RegionQuery } from '@youth-care/lib/db/region-query';
import type { Database } from '@youth-care/lib/db/database';
import type { ProcurementTables } from './schema.js';

/** The only place procurement speaks SQL. Every function is one statement against one region. */
type Source = RegionSource<ProcurementTables>;

/** The treeknorm: what a region's waiting time is held to when it has agreed no norm of its own. */
export const DEFAULT_NORM = { registrationToIntakeWeeks: 4, intakeToTreatmentWeeks: 10 } as const;

export interface ProviderRow {
  agbCode: string;
  name: string;
  demoData: boolean;
}

export interface ContractRow {
  id: string;
  providerAgb: string;
  form: 'OPEN_HOUSE' | 'TENDER' | 'SUBSIDY';
  financingVariant: 'INSPANNINGSGERICHT' | 'OUTPUTGERICHT' | 'TAAKGERICHT';
  lots: string[];
  productCategories: string[];
  startsOn: string;
  endsOn: string | null;
  budgetCeilingEuros: string | null;
}

export interface NormRow {
  productCategory: string | null;
  registrationToIntakeWeeks: number;
  intakeToTreatmentWeeks: number;
  validFrom: string;
}

export interface NewReport {
  providerAgb: string;
  productCategory: string;
  reportedOn: string;
  registrationToIntakeWeeks: number;
  intakeToTreatmentWeeks: number;
  waitingCount: number;
  bridgingCareOffered: boolean | null;
  source: 'PROVIDER_PORTAL' | 'DEMO';
}

export interface ReportRow extends NewReport, HeldNorm {
  id: number;
}

export interface CategorySummaryRow extends HeldNorm {
  /** Null on the row that sums every product category. */
  productCategory: string | null;
  providersReporting: number;
  providersOverNorm: number;
  medianTotalWeeks: number;
  medianRegistrationToIntakeWeeks: number;
  medianIntakeToTreatmentWeeks: number;
  worstTotalWeeks: number;
  worstProviderAgb: string;
  totalWaiting: number;
}

export interface ContractFilter {
  productCategory?: string | undefined;
  form?: ContractRow['form'] | undefined;
  activeOn?: string | undefined;
}

export interface ReportFilter {
  productCategories?: readonly string[] | undefined;
  latestOnly: boolean;
  /** Reports dated after this day are not yet current and are left out. */
  until: string;
}

export async function providersByAgb(src: Source, agbCodes: readonly string[]): Promise<ProviderRow[]> {
  const p = src.tables.provider;
  return src.db.select().from(p).where(inList(p.agbCode, agbCodes));
}

/** Which of the providers hold a contract in the region, of any period. */
export async function providersUnderContract(src: Source, agbCodes: readonly string[]): Promise<string[]> {
  const c = src.tables.contract;
  const rows = await src.db.selectDistinct({ agbCode: c.providerAgb }).from(c).where(inList(c.providerAgb, agbCodes));
  return rows.map((r) => r.agbCode);
}

/** Providers holding any contract in the region, or one covering the product category. */
export async function contractedProviders(src: Source, productCategory: string | undefined): Promise<ProviderRow[]> {
  const { provider: p, contract: c } = src.tables;
  const covering = productCategory ? arrayContains(c.productCategories, [productCategory]) : undefined;
  return src.db
    .selectDistinct({ agbCode: p.agbCode, name: p.name, demoData: p.demoData })
    .from(p)
    .innerJoin(c, and(eq(c.providerAgb, p.agbCode), covering))
    .orderBy(asc(p.name), asc(p.agbCode));
}

/**
 * Contract reads take the provider the caller is limited to (null: every provider), so a
 * provider's view is narrowed in SQL too, not only by the resolvers above.
 */
const heldBy = (src: Source, onlyProvider: string | null) => (onlyProvider === null ? undefined : eq(src.tables.contract.providerAgb, onlyProvider));

export async function contractsByIds(src: Source, ids: readonly string[], onlyProvider: string | null): Promise<ContractRow[]> {
  const c = src.tables.contract;
  return src.db.select().from(c).where(and(inList(c.id, ids), heldBy(src, onlyProvider)));
}

export async function contractsByProviders(src: Source, agbCodes: readonly string[], onlyProvider: string | null): Promise<ContractRow[]> {
  const c = src.tables.contract;
  return src.db
    .select()
    .from(c)
    .where(and(inList(c.providerAgb, agbCodes), heldBy(src, onlyProvider)))
    .orderBy(asc(c.startsOn), asc(c.id));
}

export async function contractsInRegion(src: Source, filter: ContractFilter, onlyProvider: string | null): Promise<ContractRow[]> {
  const c = src.tables.contract;
  const conditions: (SQL | undefined)[] = [
    heldBy(src, onlyProvider),
    filter.productCategory ? arrayContains(c.productCategories, [filter.productCategory]) : undefined,
    filter.form ? eq(c.form, filter.form) : undefined,
    filter.activeOn ? and(lte(c.startsOn, filter.activeOn), or(isNull(c.endsOn), gte(c.endsOn, filter.activeOn))) : undefined,
  ];
  return src.db
    .select()
    .from(c)
    .where(and(...conditions))
    .orderBy(asc(c.startsOn), asc(c.id));
}

/** The provider's contracts in the region that cover the product category on the day. */
export async function coveringContracts(src: Source, agbCode: string, productCategory: string, on: string): Promise<ContractRow[]> {
  const c = src.tables.contract;
  return src.db
    .select()
    .from(c)
    .where(
      and(
        eq(c.providerAgb, agbCode),
        arrayContains(c.productCategories, [productCategory]),
        lte(c.startsOn, on),
        or(isNull(c.endsOn), gte(c.endsOn, on)),
      ),
    );
}

export async function norms(src: Source): Promise<NormRow[]> {
  const n = src.tables.waitingTimeNorm;
  return src.db
    .select({
      productCategory: n.productCategory,
      registrationToIntakeWeeks: n.registrationToIntakeWeeks,
      intakeToTreatmentWeeks: n.intakeToTreatmentWeeks,
      validFrom: n.validFrom,
    })
    .from(n)
    .orderBy(asc(n.productCategory), desc(n.validFrom));
}

/** The norm a waiting time was held to, as the statements return it; null columns mean DEFAULT_NORM. */
export interface HeldNorm {
  /** Null for the region's default norm (and for the treeknorm). */
  normProductCategory: string | null;
  normRegistrationToIntakeWeeks: number | null;
  normIntakeToTreatmentWeeks: number | null;
  normValidFrom: string | null;
}

/**
 * The one rule for which norm holds: the category's own if the region agreed one, else the
 * region's default, whichever was set last on or before the day; no row means DEFAULT_NORM.
 * Every statement that judges a waiting time joins this laterally.
 */
function normInForce(src: Source, productCategory: SQLWrapper, day: SQLWrapper) {
  const n = src.tables.waitingTimeNorm;
  return src.db
    .select({
      normProductCategory: n.productCategory,
      normIntake: n.registrationToIntakeWeeks,
      normTreatment: n.intakeToTreatmentWeeks,
      normValidFrom: n.validFrom,
    })
    .from(n)
    .where(and(or(eq(n.productCategory, productCategory), isNull(n.productCategory)), lte(n.validFrom, day)))
    .orderBy(sql`${n.productCategory} IS NULL`, desc(n.validFrom))
    .limit(1)
    .as('norm');
}

type Norm = ReturnType<typeof normInForce>;

/** Whether a report runs over the norm in force, DEFAULT_NORM where the region set none. */
function overNorm(src: Source, norm: Norm, intake: SQLWrapper = src.tables.waitingTimeReport.registrationToIntakeWeeks,
  treatment: SQLWrapper = src.tables.waitingTimeReport.intakeToTreatmentWeeks) {
  return sql<boolean>`(${intake} > coalesce(${norm.normIntake}, ${DEFAULT_NORM.registrationToIntakeWeeks})
    OR ${treatment} > coalesce(${norm.normTreatment}, ${DEFAULT_NORM.intakeToTreatmentWeeks}))`;
}

/** The norm in force for each report on its own day. */
function normAtReport(src: Source): Norm {
  const r = src.tables.waitingTimeReport;
  return normInForce(src, r.productCategory, r.reportedOn);
}

function reportFields(src: Source, norm: Norm) {
  const r = src.tables.waitingTimeReport;
  return {
    id: r.id,
    providerAgb: r.providerAgb,
    productCategory: r.productCategory,
    reportedOn: r.reportedOn,
    registrationToIntakeWeeks: r.registrationToIntakeWeeks,
    intakeToTreatmentWeeks: r.intakeToTreatmentWeeks,
    waitingCount: r.waitingCount,
    bridgingCareOffered: r.bridgingCareOffered,
    source: r.source,
    normProductCategory: norm.normProductCategory,
    normRegistrationToIntakeWeeks: norm.normIntake,
    normIntakeToTreatmentWeeks: norm.normTreatment,
    normValidFrom: norm.normValidFrom,
  };
}

export async function reportsByIds(src: Source, ids: readonly number[]): Promise<ReportRow[]> {
  const r = src.tables.waitingTimeReport;
  const norm = normAtReport(src);
  return src.db
    .select(reportFields(src, norm))
    .from(r)
    .leftJoinLateral(norm, sql`true`)
    .where(inList(r.id, ids));
}

/**
 * Waiting-time reports of the given providers (every provider when `agbCodes` is undefined);
 * with `latestOnly`, the newest report per provider and product category.
 */
export async function reports(src: Source, agbCodes: readonly string[] | undefined, filter: ReportFilter): Promise<ReportRow[]> {
  const r = src.tables.waitingTimeReport;
  const where = and(
    agbCodes ? inList(r.providerAgb, agbCodes) : undefined,
    filter.productCategories ? inList(r.productCategory, filter.productCategories) : undefined,
    lte(r.reportedOn, filter.until),
  );
  const norm = normAtReport(src);
  if (filter.latestOnly) {
    return src.db
      .selectDistinctOn([r.providerAgb, r.productCategory], reportFields(src, norm))
      .from(r)
      .leftJoinLateral(norm, sql`true`)
      .where(where)
      .orderBy(r.providerAgb, r.productCategory, desc(r.reportedOn));
  }
  return src.db
    .select(reportFields(src, norm))
    .from(r)
    .leftJoinLateral(norm, sql`true`)
    .where(where)
    .orderBy(r.providerAgb, r.productCategory, desc(r.reportedOn));
}

/**
 * Median and worst waiting time per product category over each provider's latest report, how
 * many providers are over their norm, and the category's norm on `until`; the row with a null
 * category covers all categories.
 */
export async function waitingTimeSummary(src: Source, until: string): Promise<CategorySummaryRow[]> {
  const r = src.tables.waitingTimeReport;
  const norm = normAtReport(src);
  const latest = src.db
      .selectDistinctOn([r.providerAgb, r.productCategory], {
        providerAgb: sql<string>`${r.providerAgb}`.as('provider_agb'),
        productCategory: sql<string>`${r.productCategory}`.as('product_category'),
        intake: sql<number>`${r.registrationToIntakeWeeks}`.as('intake'),
        treatment: sql<number>`${r.intakeToTreatmentWeeks}`.as('treatment'),
        waiting: sql<number>`${r.waitingCount}`.as('waiting'),
        over: overNorm(src, norm).as('over'),
      })
      .from(r)
      .leftJoinLateral(norm, sql`true`)
      .where(lte(r.reportedOn, until))
      .orderBy(r.providerAgb, r.productCategory, desc(r.reportedOn));
  const categoryNorm = normInForce(src, sql`summary."productCategory"`, sql`${until}::date`);
  const result = await src.db.execute(sql`
    WITH latest AS (${latest}), summary AS (
    SELECT product_category AS "productCategory",
      count(DISTINCT provider_agb)::int AS "providersReporting",
      count(DISTINCT provider_agb) FILTER (WHERE over)::int AS "providersOverNorm",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY intake + treatment)::float8 AS "medianTotalWeeks",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY intake)::float8 AS "medianRegistrationToIntakeWeeks",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY treatment)::float8 AS "medianIntakeToTreatmentWeeks",
      max(intake + treatment)::float8 AS "worstTotalWeeks",
      (array_agg(provider_agb ORDER BY intake + treatment DESC, provider_agb))[1] AS "worstProviderAgb",
      sum(waiting)::int AS "totalWaiting"
    FROM latest
    GROUP BY GROUPING SETS ((product_category), ()))
    SELECT summary.*, ${categoryNorm.normProductCategory} AS "normProductCategory", ${categoryNorm.normIntake} AS "normRegistrationToIntakeWeeks",
      ${categoryNorm.normTreatment} AS "normIntakeToTreatmentWeeks", ${categoryNorm.normValidFrom} AS "normValidFrom"
    FROM summary LEFT JOIN LATERAL ${categoryNorm} ON true
    ORDER BY summary."productCategory" NULLS FIRST`);
  return rowsOf<CategorySummaryRow>(result);
}

/** A provider's report for a day; a second report for the same day corrects the first. */
export async function upsertReport(src: Source, report: NewReport): Promise<number> {
  const r = src.tables.waitingTimeReport;
  return src.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(r)
      .values(report)
      .onConflictDoUpdate({
        target: [r.providerAgb, r.productCategory, r.reportedOn],
        set: {
          registrationToIntakeWeeks: report.registrationToIntakeWeeks,
          intakeToTreatmentWeeks: report.intakeToTreatmentWeeks,
          waitingCount: report.waitingCount,
          bridgingCareOffered: report.bridgingCareOffered,
          source: report.source,
          receivedAt: sql`now()`,
        },
      })
      .returning({ id: r.id });
    if (!row) throw new Error('insert returned no row');
    await keepYears(tx, src, [Number(report.reportedOn.slice(0, 4))]);
    return row.id;
  });
}

export interface RegionDataset {
  providers: ProviderRow[];
  contracts: ContractRow[];
  norms: NormRow[];
  reports: NewReport[];
}

export async function hasProviders(src: Source): Promise<boolean> {
  const rows = await src.db.select({ agbCode: src.tables.provider.agbCode }).from(src.tables.provider).limit(1);
  return rows.length > 0;
}

/**
 * Loads a whole dataset in one transaction. The many waiting-time reports go in as one JSON
 * parameter per chunk, unpacked by Postgres: several times faster than thousands of bound
 * parameters, on PGlite and on a server alike.
 */
export async function insertDataset(src: Source, data: RegionDataset): Promise<void> {
  const t = src.tables;
  await src.db.transaction(async (tx) => {
    if (data.providers.length > 0) await tx.insert(t.provider).values(data.providers);
    if (data.contracts.length > 0) await tx.insert(t.contract).values(data.contracts);
    if (data.norms.length > 0) await tx.insert(t.waitingTimeNorm).values(data.norms);
    for (let i = 0; i < data.reports.length; i += 10_000) {
      const chunk = JSON.stringify(data.reports.slice(i, i + 10_000));
      await tx.execute(sql`
        INSERT INTO ${t.waitingTimeReport} (provider_agb, product_category, reported_on, registration_to_intake_weeks,
          intake_to_treatment_weeks, waiting_count, bridging_care_offered, source)
        SELECT "providerAgb", "productCategory", "reportedOn", "registrationToIntakeWeeks",
          "intakeToTreatmentWeeks", "waitingCount", "bridgingCareOffered", "source"
        FROM jsonb_to_recordset(${chunk}::jsonb) AS x("providerAgb" varchar, "productCategory" varchar, "reportedOn" date,
          "registrationToIntakeWeeks" float8, "intakeToTreatmentWeeks" float8, "waitingCount" int, "bridgingCareOffered" boolean, "source" text)`);
    }
    await keepYears(tx, src, null);
  });
}

export interface YearWaitingRow {
  year: number;
  providersReporting: number;
  providersOverNorm: number;
  medianTotalWeeks: number | null;
  waiting: number;
}

/**
 * Per calendar year, over each provider's last report per product category in that year (up to
 * `until` for the year in progress): providers reporting, providers over the norm, the median
 * total wait and the young people waiting. What a learning circle compares, before protection;
 * a year without reports is all zeros. Only the last reports are held against their norm: a
 * learning circle asks this of every region, so the statement is kept lean.
 */
export function yearlyWaitingTimes(src: Source, years: readonly number[], until: string): RegionQuery<YearWaitingRow> {
  const { waitingTimeReport: r, waitingTimeYear: y } = src.tables;
  // A year that ended by `until` has all its reports in, so its kept figures are the ones to give.
  const ended = years.filter((year) => `${year}-12-31` <= until);
  const running = years.filter((year) => !ended.includes(year));
  const parts: SQL[] = [];
  if (ended.length > 0 || running.length === 0) {
    parts.push(sql`SELECT ${y.year}::int AS year, ${y.providersReporting} AS "providersReporting", ${y.providersOverNorm} AS "providersOverNorm",
      ${y.medianTotalWeeks} AS "medianTotalWeeks", ${y.waiting} AS waiting FROM ${y} WHERE ${amongYears(y.year, ended)}`);
  }
  if (running.length > 0) parts.push(sql`SELECT * FROM (${yearFigures(src, sql`(${inYears(r, running)}) AND ${r.reportedOn} <= ${until}::date`)}) AS running`);
  return regionQuery(sql.join(parts, sql` UNION ALL `), (raw) => {
    const rows = raw as unknown as YearWaitingRow[];
    return years.map((year) => rows.find((row) => row.year === year) ?? { year, providersReporting: 0, providersOverNorm: 0, medianTotalWeeks: null, waiting: 0 });
  });
}

const inYears = (r: ProcurementTables['waitingTimeReport'], years: readonly number[]) =>
  sql.join(years.map((year) => sql`${r.reportedOn} BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`), sql` OR `);

/** The figures per year of the reports `where` picks, in waiting_time_year's column order. */
function yearFigures(src: Source, where: SQL): SQL {
  const r = src.tables.waitingTimeReport;
  const year = sql`date_part('year', ${r.reportedOn})`;
  const norm = normInForce(src, sql`latest.product_category`, sql`latest.reported_on`);
  return sql`
    WITH latest AS (
      SELECT DISTINCT ON (${r.providerAgb}, ${r.productCategory}, ${year})
        ${year}::int AS year, ${r.providerAgb} AS provider_agb, ${r.productCategory} AS product_category,
        ${r.reportedOn} AS reported_on, ${r.registrationToIntakeWeeks} AS intake, ${r.intakeToTreatmentWeeks} AS treatment,
        ${r.waitingCount} AS waiting_count
      FROM ${r}
      WHERE ${where}
      ORDER BY ${r.providerAgb}, ${r.productCategory}, ${year}, ${r.reportedOn} DESC
    )
    SELECT latest.year,
      count(DISTINCT latest.provider_agb)::int AS "providersReporting",
      count(DISTINCT latest.provider_agb) FILTER (WHERE ${overNorm(src, norm, sql`latest.intake`, sql`latest.treatment`)})::int AS "providersOverNorm",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY latest.intake + latest.treatment))::float8 AS "medianTotalWeeks",
      sum(latest.waiting_count)::int AS waiting
    FROM latest LEFT JOIN LATERAL ${norm} ON true
    GROUP BY latest.year`;
}

/** Keeps the figures of `years` (of every year with reports when null) as the reports now give them. */
async function keepYears(db: Database, src: Source, years: readonly number[] | null, onlyIfNoneKept = false): Promise<void> {
  const { waitingTimeReport: r, waitingTimeYear: y } = src.tables;
  await db.execute(sql`
    INSERT INTO ${y} (year, providers_reporting, providers_over_norm, median_total_weeks, waiting)
    SELECT * FROM (${yearFigures(src, years === null ? sql`true` : inYears(r, years))}) AS figures
    ${onlyIfNoneKept ? sql`WHERE NOT EXISTS (SELECT 1 FROM ${y})` : sql``}
    ON CONFLICT (year) DO UPDATE SET providers_reporting = excluded.providers_reporting, providers_over_norm = excluded.providers_over_norm,
      median_total_weeks = excluded.median_total_weeks, waiting = excluded.waiting`);
}

/**
 * A region whose reports came before waiting_time_year did gets its years kept, once, at start.
 * Planning the statement that keeps them costs more than the rest of a region's start: a cheap
 * question first tells whether there is anything to keep.
 */
export async function keepYearsOnce(src: Source): Promise<void> {
  const { waitingTimeReport: r, waitingTimeYear: y } = src.tables;
  const [state] = rowsOf<{ due: boolean }>(await src.db.execute(sql`SELECT NOT EXISTS (SELECT 1 FROM ${y}) AND EXISTS (SELECT 1 FROM ${r}) AS due`));
  if (state?.due) await keepYears(src.db, src, null, true);
}

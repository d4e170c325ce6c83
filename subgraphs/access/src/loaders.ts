import type { RegionSource } from '@youth-care/lib/db/region-sources';
import type { InRegion } from '@youth-care/lib/ids';
import { regionLoader, regionValueLoader, type RegionLoaderScope } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { auditEntries } from './db/audit-repository.js';
import * as clients from './db/client-repository.js';
import type { AccessTables } from './db/schema.js';
import * as stats from './db/statistics-repository.js';
import type { AllocationModel, DeclarationModel, GoalModel, PlanModel, ReferralModel } from './models.js';

type Source = RegionSource<AccessTables>;

export interface LocalKey {
  readonly region: RegionCode;
  readonly localId: string;
}
export interface PeriodKey {
  readonly region: RegionCode;
  readonly period: stats.Period;
}
export interface ProviderPeriodKey {
  readonly agbCode: string;
  /** Null: every served region. */
  readonly region: RegionCode | null;
  readonly period: stats.Period;
}
export interface PageKey<F> {
  readonly region: RegionCode;
  readonly filter: F;
  readonly first: number;
  readonly after: string | undefined;
}

const tag =
  <K, Row>(read: (src: Source, keys: readonly K[]) => Promise<Row[]>) =>
  async (src: Source, keys: readonly K[]): Promise<InRegion<Row>[]> =>
    (await read(src, keys)).map((row) => ({ ...row, region: src.code }));

const json = (value: unknown) => JSON.stringify(value);

/** The per-request loaders of access; each batch is one statement per region. */
export function createLoaders(scope: RegionLoaderScope<AccessTables>) {
  const served = scope.sources.regions;
  const byTrajectory = <Row extends { trajectoryId: string | null }>(read: (src: Source, ids: readonly string[]) => Promise<Row[]>) =>
    regionLoader<AccessTables, LocalKey, Row, Row[]>(scope, {
      access: 'client',
      id: (k) => `${k.region}|${k.localId}`,
      regions: (k) => [k.region],
      read: (src, keys) => read(src, keys.map((k) => k.localId)),
      rowMatch: (row) => row.trajectoryId ?? '',
      keyMatch: (k) => k.localId,
      combine: (rows) => rows,
    });
  const providerRows = <Row extends { providerAgb: string }>(
    read: (src: Source, agbCodes: readonly string[], period: stats.Period) => Promise<Row[]>,
  ) =>
    regionLoader<AccessTables, ProviderPeriodKey, InRegion<Row>, InRegion<Row>[]>(scope, {
      access: 'aggregate',
      id: (k) => `${k.agbCode}|${k.region ?? '*'}|${json(k.period)}`,
      regions: (k) => (k.region ? [k.region] : served),
      shape: (k) => json(k.period),
      read: tag((src, keys) => read(src, keys.map((k) => k.agbCode), keys[0]!.period)),
      rowMatch: (row) => row.providerAgb,
      keyMatch: (k) => k.agbCode,
      combine: (rows) => rows,
    });

  return {
    referral: regionLoader<AccessTables, LocalKey, ReferralModel, ReferralModel | null>(scope, {
      access: 'client',
      id: (k) => `${k.region}|${k.localId}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => clients.trajectoriesByIds(src, keys.map((k) => k.localId))),
      rowMatch: (row) => row.id,
      keyMatch: (k) => k.localId,
      combine: (rows) => rows[0] ?? null,
    }),
    plan: regionLoader<AccessTables, LocalKey, PlanModel, PlanModel | null>(scope, {
      access: 'client',
      id: (k) => `${k.region}|${k.localId}`,
      regions: (k) => [k.region],
      read: tag((src, keys) => clients.plansByIds(src, keys.map((k) => k.localId))),
      rowMatch: (row) => row.id,
      keyMatch: (k) => k.localId,
      combine: (rows) => rows[0] ?? null,
    }),
    allocations: byTrajectory<AllocationModel>(clients.allocationsOf),
    declarations: byTrajectory<DeclarationModel>(clients.declarationsOf),
    trajectoryPlans: byTrajectory<PlanModel>(tag(clients.plansOfTrajectories)),
    goals: regionLoader<AccessTables, LocalKey, GoalModel, GoalModel[]>(scope, {
      access: 'client',
      id: (k) => `${k.region}|${k.localId}`,
      regions: (k) => [k.region],
      read: (src, keys) => clients.goalsOf(src, keys.map((k) => k.localId)),
      rowMatch: (row) => row.planId,
      keyMatch: (k) => k.localId,
      combine: (rows) => rows,
    }),
    referralPage: regionValueLoader(scope, 'client', (k: PageKey<clients.ReferralFilter>) => json(k), async (src, k) =>
      (await clients.referralPage(src, k.filter, k.first, k.after)).map((row): ReferralModel => ({ ...row, region: src.code })),
    ),
    referralTotal: regionValueLoader(scope, 'client', (k: { region: RegionCode; filter: clients.ReferralFilter }) => json(k), (src, k) =>
      clients.referralTotal(src, k.filter),
    ),
    planPage: regionValueLoader(scope, 'client', (k: PageKey<clients.PlanFilter>) => json(k), async (src, k) =>
      (await clients.planPage(src, k.filter, k.first, k.after)).map((row): PlanModel => ({ ...row, region: src.code })),
    ),
    planTotal: regionValueLoader(scope, 'client', (k: { region: RegionCode; filter: clients.PlanFilter }) => json(k), (src, k) =>
      clients.planTotal(src, k.filter),
    ),
    spending: regionValueLoader(scope, 'dashboard', (k: { region: RegionCode; year: number }) => json(k), (src, k) => stats.spending(src, k.year)),
    referralCounts: regionValueLoader(scope, 'dashboard', (k: PeriodKey) => json(k), (src, k) => stats.referralCounts(src, k.period)),
    leadTimes: regionValueLoader(scope, 'dashboard', (k: PeriodKey) => json(k), (src, k) => stats.leadTimes(src, k.period)),
    outcomes: regionValueLoader(scope, 'dashboard', (k: PeriodKey) => json(k), (src, k) => stats.outcomes(src, k.period)),
    planCoverage: regionValueLoader(scope, 'dashboard', (k: { region: RegionCode; on: string }) => json(k), (src, k) => stats.planCoverage(src, k.on)),
    yearFigures: regionValueLoader(scope, 'comparison', (k: { region: RegionCode; years: number[] }) => json(k), (src, k) => stats.yearFigures(src, k.years)),
    auditLog: regionValueLoader(scope, 'audit', (k: { region: RegionCode; from: string | undefined; first: number }) => json(k), async (src, k) =>
      (await auditEntries(src, k.from, k.first)).map((row) => ({ ...row, region: src.code })),
    ),
    providerReferrals: providerRows(stats.providerReferrals),
    providerLeadTimes: providerRows(stats.providerLeadTimes),
  };
}

export type AccessLoaders = ReturnType<typeof createLoaders>;

import { regionLoaders, tagged, type LocalKey, type ProviderKey } from '@youth-care/lib/loaders';
import type { RegionLoaderScope } from '@youth-care/lib/region-loader';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { auditEntries } from './db/audit-repository.js';
import * as budgets from './db/budget-repository.js';
import * as clients from './db/client-repository.js';
import type { AccessTables } from './db/schema.js';
import * as stats from './db/statistics-repository.js';

export type { LocalKey };

export interface PeriodKey {
  readonly region: RegionCode;
  readonly period: stats.Period;
}
export interface ProviderPeriodKey extends ProviderKey {
  readonly period: stats.Period;
}
export interface PageKey<F> {
  readonly region: RegionCode;
  readonly filter: F;
  readonly first: number;
  readonly after: string | undefined;
}

/** The per-request loaders of access; each batch is one statement per region. */
export function createLoaders(scope: RegionLoaderScope<AccessTables>) {
  const load = regionLoaders(scope);
  const ofTrajectory = (k: LocalKey) => k.localId;

  return {
    referral: load.oneById('client', tagged(clients.trajectoriesByIds)),
    plan: load.oneById('client', tagged(clients.plansByIds)),
    allocations: load.rowsByKey('client', ofTrajectory, 'trajectoryId', clients.allocationsOf),
    declarations: load.rowsByKey('client', ofTrajectory, 'trajectoryId', clients.declarationsOf),
    trajectoryPlans: load.rowsByKey('client', ofTrajectory, 'trajectoryId', tagged(clients.plansOfTrajectories)),
    goals: load.rowsByKey('client', (plan: LocalKey) => plan.localId, 'planId', clients.goalsOf),
    referralPage: load.perRegion('client', tagged((src, k: PageKey<clients.ReferralFilter>) => clients.referralPage(src, k.filter, k.first, k.after))),
    referralTotal: load.perRegion('client', (src, k: { region: RegionCode; filter: clients.ReferralFilter }) => clients.referralTotal(src, k.filter)),
    planPage: load.perRegion('client', tagged((src, k: PageKey<clients.PlanFilter>) => clients.planPage(src, k.filter, k.first, k.after))),
    planTotal: load.perRegion('client', (src, k: { region: RegionCode; filter: clients.PlanFilter }) => clients.planTotal(src, k.filter)),
    spending: load.perRegion('dashboard', (src, k: { region: RegionCode; year: number }) => stats.spending(src, k.year)),
    spendingVsBudget: load.perRegion('dashboard', (src, k: { region: RegionCode; year: number }) => budgets.spendingVsBudget(src, k.year)),
    referralCounts: load.perRegion('dashboard', (src, k: PeriodKey) => stats.referralCounts(src, k.period)),
    leadTimes: load.perRegion('dashboard', (src, k: PeriodKey) => stats.leadTimes(src, k.period)),
    outcomes: load.perRegion('dashboard', (src, k: PeriodKey) => stats.outcomes(src, k.period)),
    planCoverage: load.perRegion('dashboard', (src, k: { region: RegionCode; on: string }) => stats.planCoverage(src, k.on)),
    yearFigures: load.figuresOfRegion('comparison', (src, k: { region: RegionCode; years: number[] }) => stats.yearFigures(src, k.years)),
    auditLog: load.perRegion('audit', tagged((src, k: { region: RegionCode; from: string | undefined; first: number }) => auditEntries(src, k.from, k.first))),
    providerReferrals: load.providerRows('aggregate', tagged((src, agbCodes: string[], k: ProviderPeriodKey) => stats.providerReferrals(src, agbCodes, k.period))),
    providerLeadTimes: load.providerRows('aggregate', tagged((src, agbCodes: string[], k: ProviderPeriodKey) => stats.providerLeadTimes(src, agbCodes, k.period))),
  };
}

export type AccessLoaders = ReturnType<typeof createLoaders>;

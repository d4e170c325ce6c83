import { and, asc, eq, gt, isNull, lte, or, gte, sql, type SQL } from 'drizzle-orm';
import { inList } from '@youth-care/lib/db/in-list';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import type { AccessTables } from './schema.js';

/** Client-level reads: individual referrals and plans, for the region's own analysts only. */
type Source = RegionSource<AccessTables>;

export interface ReferralFilter {
  referrerType?: string | undefined;
  productCategory?: string | undefined;
  providerAgb?: string | undefined;
  /** Only trajectories in care on this day. */
  activeOn?: string | undefined;
}

function referralWhere(src: Source, filter: ReferralFilter): SQL | undefined {
  const t = src.tables.trajectory;
  return and(
    filter.referrerType ? eq(t.referrerType, filter.referrerType) : undefined,
    filter.productCategory ? eq(t.productCategory, filter.productCategory) : undefined,
    filter.providerAgb ? eq(t.providerAgb, filter.providerAgb) : undefined,
    filter.activeOn ? and(lte(t.startedOn, filter.activeOn), or(isNull(t.endedOn), gte(t.endedOn, filter.activeOn))) : undefined,
  );
}

/** One page of trajectories in id order after `afterId`, one more than asked to tell if more follow. */
export function referralPage(src: Source, filter: ReferralFilter, first: number, afterId: string | undefined) {
  const t = src.tables.trajectory;
  return src.db
    .select()
    .from(t)
    .where(and(referralWhere(src, filter), afterId ? gt(t.id, afterId) : undefined))
    .orderBy(asc(t.id))
    .limit(first + 1);
}

export async function referralTotal(src: Source, filter: ReferralFilter): Promise<number> {
  const t = src.tables.trajectory;
  const [row] = await src.db.select({ n: sql<number>`count(*)::int` }).from(t).where(referralWhere(src, filter));
  return row?.n ?? 0;
}

export function trajectoriesByIds(src: Source, ids: readonly string[]) {
  const t = src.tables.trajectory;
  return src.db.select().from(t).where(inList(t.id, ids));
}

export function allocationsOf(src: Source, trajectoryIds: readonly string[]) {
  const a = src.tables.allocation;
  return src.db.select().from(a).where(inList(a.trajectoryId, trajectoryIds)).orderBy(asc(a.allocatedOn), asc(a.id));
}

export function declarationsOf(src: Source, trajectoryIds: readonly string[]) {
  const d = src.tables.declaration;
  return src.db.select().from(d).where(inList(d.trajectoryId, trajectoryIds)).orderBy(asc(d.month), asc(d.productCode));
}

export interface PlanFilter {
  kind?: 'FAMILY_PLAN' | 'PERSPECTIVE_PLAN' | 'FUTURE_PLAN' | 'SUPPORT_PLAN' | undefined;
}

export function planPage(src: Source, filter: PlanFilter, first: number, afterId: string | undefined) {
  const p = src.tables.plan;
  return src.db
    .select()
    .from(p)
    .where(and(filter.kind ? eq(p.kind, filter.kind) : undefined, afterId ? gt(p.id, afterId) : undefined))
    .orderBy(asc(p.id))
    .limit(first + 1);
}

export async function planTotal(src: Source, filter: PlanFilter): Promise<number> {
  const p = src.tables.plan;
  const [row] = await src.db
    .select({ n: sql<number>`count(*)::int` })
    .from(p)
    .where(filter.kind ? eq(p.kind, filter.kind) : undefined);
  return row?.n ?? 0;
}

export function plansByIds(src: Source, ids: readonly string[]) {
  const p = src.tables.plan;
  return src.db.select().from(p).where(inList(p.id, ids));
}

export function plansOfTrajectories(src: Source, trajectoryIds: readonly string[]) {
  const p = src.tables.plan;
  return src.db.select().from(p).where(inList(p.trajectoryId, trajectoryIds)).orderBy(asc(p.startedOn), asc(p.id));
}

export function goalsOf(src: Source, planIds: readonly string[]) {
  const g = src.tables.planGoal;
  return src.db.select().from(g).where(inList(g.planId, planIds)).orderBy(asc(g.planId), asc(g.position));
}

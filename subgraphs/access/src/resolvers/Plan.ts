import { globalId } from '@youth-care/lib/ids';
import type { AccessContext } from '../context.js';
import type { PlanResolvers } from '../generated/graphql.js';
import { loadClientRecord } from './client-level.js';

/** One plan by its global id, recorded in the audit log under `what` when it is read. */
export const loadPlan = (id: string, ctx: AccessContext, what: string) => loadClientRecord(id, ctx, what, ctx.loaders.plan);

export const Plan: PlanResolvers = {
  __resolveReference: (ref, ctx) => loadPlan(ref.id, ctx, 'Plan'),
  id: (p) => globalId(p.region, p.id),
  region: (p) => ({ code: p.region }),
  referral: (p, _, ctx) => (p.trajectoryId ? ctx.loaders.referral.load({ region: p.region, localId: p.trajectoryId }) : null),
  goals: (p, _, ctx) => ctx.loaders.goals.load({ region: p.region, localId: p.id }),
};

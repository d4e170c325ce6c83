import { globalId } from '@youth-care/lib/ids';
import type { AccessContext } from '../context.js';
import type { PlanModel } from '../models.js';
import { loadClientRecord } from './client-level.js';

/** One plan by its global id, recorded in the audit log under `what` when it is read. */
export const loadPlan = (id: string, ctx: AccessContext, what: string) => loadClientRecord(id, ctx, what, ctx.loaders.plan);

export const Plan = {
  __resolveReference: (ref: { id: string }, ctx: AccessContext) => loadPlan(ref.id, ctx, 'Plan'),
  id: (p: PlanModel) => globalId(p.region, p.id),
  region: (p: PlanModel) => ({ code: p.region }),
  referral: (p: PlanModel, _: unknown, ctx: AccessContext) =>
    p.trajectoryId ? ctx.loaders.referral.load({ region: p.region, localId: p.trajectoryId }) : null,
  goals: (p: PlanModel, _: unknown, ctx: AccessContext) => ctx.loaders.goals.load({ region: p.region, localId: p.id }),
};

import { globalId, parseGlobalId } from '../../../lib/src/ids.js';
import { isRegionCode } from '../../../lib/src/regions/registry.js';
import type { AccessContext } from '../context.js';
import type { PlanModel } from '../models.js';

/** One plan by its global id, recorded in the audit log under `what` when it is read. */
export async function loadPlan(id: string, ctx: AccessContext, what: string): Promise<PlanModel | null> {
  const parsed = parseGlobalId(id);
  if (!parsed || !isRegionCode(parsed.region) || !ctx.served.includes(parsed.region)) return null;
  const plan = await ctx.loaders.plan.load({ region: parsed.region, localId: parsed.localId });
  if (plan) ctx.audit.record(parsed.region, what, [id]);
  return plan;
}

export const Plan = {
  __resolveReference: (ref: { id: string }, ctx: AccessContext) => loadPlan(ref.id, ctx, 'Plan'),
  id: (p: PlanModel) => globalId(p.region, p.id),
  region: (p: PlanModel) => ({ code: p.region }),
  referral: (p: PlanModel, _: unknown, ctx: AccessContext) =>
    p.trajectoryId ? ctx.loaders.referral.load({ region: p.region, localId: p.trajectoryId }) : null,
  goals: (p: PlanModel, _: unknown, ctx: AccessContext) => ctx.loaders.goals.load({ region: p.region, localId: p.id }),
};

import { globalId, parseGlobalId } from '../../../lib/src/ids.js';
import { isRegionCode } from '../../../lib/src/regions/registry.js';
import type { AccessContext } from '../context.js';
import type { PlanModel } from '../models.js';

export function loadPlan(id: string, ctx: AccessContext): Promise<PlanModel | null> | null {
  const parsed = parseGlobalId(id);
  if (!parsed || !isRegionCode(parsed.region) || !ctx.served.includes(parsed.region)) return null;
  return ctx.loaders.plan.load({ region: parsed.region, localId: parsed.localId });
}

export const Plan = {
  __resolveReference: (ref: { id: string }, ctx: AccessContext) => loadPlan(ref.id, ctx),
  id: (p: PlanModel) => globalId(p.region, p.id),
  region: (p: PlanModel) => ({ code: p.region }),
  referral: (p: PlanModel, _: unknown, ctx: AccessContext) =>
    p.trajectoryId ? ctx.loaders.referral.load({ region: p.region, localId: p.trajectoryId }) : null,
  goals: (p: PlanModel, _: unknown, ctx: AccessContext) => ctx.loaders.goals.load({ region: p.region, localId: p.id }),
};

import { globalId } from '@youth-care/lib/ids';
import { category, endReason, frequency, referrerType, unit } from '../codes.js';
import type { AccessContext } from '../context.js';
import type { AllocationModel, DeclarationModel, ReferralModel } from '../models.js';
import { loadClientRecord } from './client-level.js';

/** One referral by its global id, recorded in the audit log under `what` when it is read. */
export const loadReferral = (id: string, ctx: AccessContext, what: string) => loadClientRecord(id, ctx, what, ctx.loaders.referral);

const key = (r: ReferralModel) => ({ region: r.region, localId: r.id });

export const Referral = {
  __resolveReference: (ref: { id: string }, ctx: AccessContext) => loadReferral(ref.id, ctx, 'Referral'),
  id: (r: ReferralModel) => globalId(r.region, r.id),
  region: (r: ReferralModel) => ({ code: r.region }),
  municipality: (r: ReferralModel) => ({ code: r.municipality }),
  referrerType: (r: ReferralModel) => referrerType(r.referrerType),
  productCategory: (r: ReferralModel) => category(r.productCategory),
  provider: (r: ReferralModel) => ({ agbCode: r.providerAgb }),
  endReason: (r: ReferralModel) => (r.endReason ? endReason(r.endReason) : null),
  status: (r: ReferralModel) => (r.endedOn ? 'ENDED' : r.startedOn ? 'IN_CARE' : r.allocatedOn ? 'ALLOCATED' : 'REQUESTED'),
  allocations: (r: ReferralModel, _: unknown, ctx: AccessContext) => ctx.loaders.allocations.load(key(r)),
  declarations: (r: ReferralModel, _: unknown, ctx: AccessContext) => ctx.loaders.declarations.load(key(r)),
  plans: (r: ReferralModel, _: unknown, ctx: AccessContext) => ctx.loaders.trajectoryPlans.load(key(r)),
};

export const Allocation = {
  unit: (a: AllocationModel) => unit(a.unit),
  frequency: (a: AllocationModel) => frequency(a.frequency),
};

export const Declaration = {
  unit: (d: DeclarationModel) => unit(d.unit),
  amountEuros: (d: DeclarationModel) => Number(d.amountEuros),
};

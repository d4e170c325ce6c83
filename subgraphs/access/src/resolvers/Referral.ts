import { globalId } from '@youth-care/lib/ids';
import { category, endReason, referrerType } from '../codes.js';
import type { AccessContext } from '../context.js';
import type { ReferralResolvers } from '../generated/graphql.js';
import type { ReferralModel } from '../models.js';
import { loadClientRecord } from './client-level.js';

/** One referral by its global id, recorded in the audit log under `what` when it is read. */
export const loadReferral = (id: string, ctx: AccessContext, what: string) => loadClientRecord(id, ctx, what, ctx.loaders.referral);

const key = (r: ReferralModel) => ({ region: r.region, localId: r.id });

export const Referral: ReferralResolvers = {
  __resolveReference: (ref, ctx) => loadReferral(ref.id, ctx, 'Referral'),
  id: (r) => globalId(r.region, r.id),
  region: (r) => ({ code: r.region }),
  municipality: (r) => ({ code: r.municipality }),
  referrerType: (r) => referrerType(r.referrerType),
  productCategory: (r) => category(r.productCategory),
  provider: (r) => ({ agbCode: r.providerAgb }),
  endReason: (r) => (r.endReason ? endReason(r.endReason) : null),
  status: (r) => (r.endedOn ? 'ENDED' : r.startedOn ? 'IN_CARE' : r.allocatedOn ? 'ALLOCATED' : 'REQUESTED'),
  allocations: (r, _, ctx) => ctx.loaders.allocations.load(key(r)),
  declarations: (r, _, ctx) => ctx.loaders.declarations.load(key(r)),
  plans: (r, _, ctx) => ctx.loaders.trajectoryPlans.load(key(r)),
};

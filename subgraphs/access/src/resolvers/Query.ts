import { requireAccess } from '@youth-care/lib/auth/policy';
import { END_REASONS, REFERRER_TYPES } from '@youth-care/lib/codes/ijw';
import { badInput } from '@youth-care/lib/errors';
import { productCategories, servedMunicipality, servedRegion, servedRegionRef, servedRegions } from '@youth-care/lib/regions/resolvers';
import type { QueryResolvers } from '../generated/graphql.js';
import { loadPlan } from './Plan.js';
import { loadReferral } from './Referral.js';

const MAX_AUDIT_ENTRIES = 1000;

/** Query in access: the registry's root fields, code lists, single referrals and plans, and the audit log. */
export const Query: QueryResolvers = {
  regions: (_, args, ctx) => servedRegions(ctx.served, args.codes),
  region: (_, args, ctx) => servedRegionRef(ctx.served, args.code.toUpperCase()),
  municipality: (_, args, ctx) => servedMunicipality(ctx.served, args.code),
  productCategories,
  referrerTypes: () => [...REFERRER_TYPES],
  endReasons: () => [...END_REASONS],
  referral: (_, args, ctx) => loadReferral(args.id, ctx, 'Query.referral'),
  plan: (_, args, ctx) => loadPlan(args.id, ctx, 'Query.plan'),
  auditLog: (_, args, ctx) => {
    const region = servedRegion(ctx.served, args.region, 'region');
    requireAccess(ctx.viewer, 'audit', region);
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_AUDIT_ENTRIES) {
      throw badInput('first', `first must lie between 1 and ${MAX_AUDIT_ENTRIES}`);
    }
    return ctx.loaders.auditLog.load({ region, from: args.from ?? undefined, first: args.first });
  },
};

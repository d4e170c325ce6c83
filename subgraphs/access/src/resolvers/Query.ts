import { requireAccess } from '@youth-care/lib/auth/policy';
import { END_REASONS, REFERRER_TYPES } from '@youth-care/lib/codes/ijw';
import { badInput } from '@youth-care/lib/errors';
import { servedRegion } from '@youth-care/lib/regions/resolvers';
import type { AccessContext } from '../context.js';
import { loadPlan } from './Plan.js';
import { loadReferral } from './Referral.js';

const MAX_AUDIT_ENTRIES = 1000;

export const Query = {
  referrerTypes: () => REFERRER_TYPES,
  endReasons: () => END_REASONS,
  referral: (_: unknown, args: { id: string }, ctx: AccessContext) => loadReferral(args.id, ctx, 'Query.referral'),
  plan: (_: unknown, args: { id: string }, ctx: AccessContext) => loadPlan(args.id, ctx, 'Query.plan'),
  auditLog: (_: unknown, args: { region: string; from?: string | null; first: number }, ctx: AccessContext) => {
    const region = servedRegion(ctx.served, args.region, 'region');
    requireAccess(ctx.viewer, 'audit', region);
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_AUDIT_ENTRIES) {
      throw badInput('first', `first must lie between 1 and ${MAX_AUDIT_ENTRIES}`);
    }
    return ctx.loaders.auditLog.load({ region, from: args.from ?? undefined, first: args.first });
  },
};

interface AuditRow {
  at: Date;
  region: string;
  recordIds: string[];
}

export const AuditEntry = {
  at: (e: AuditRow) => e.at.toISOString(),
  region: (e: AuditRow) => ({ code: e.region }),
  records: (e: AuditRow) => e.recordIds.length,
};

import { END_REASONS, REFERRER_TYPES } from '../../../lib/src/codes/ijw.js';
import type { AccessContext } from '../context.js';
import { loadPlan } from './Plan.js';
import { loadReferral } from './Referral.js';

export const Query = {
  referrerTypes: () => REFERRER_TYPES,
  endReasons: () => END_REASONS,
  referral: (_: unknown, args: { id: string }, ctx: AccessContext) => loadReferral(args.id, ctx),
  plan: (_: unknown, args: { id: string }, ctx: AccessContext) => loadPlan(args.id, ctx),
};

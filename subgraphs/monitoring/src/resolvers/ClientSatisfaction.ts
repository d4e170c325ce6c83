import { protectCount, protectShare } from '@youth-care/lib/small-numbers';
import type { ClientSatisfactionResolvers } from '../generated/graphql.js';
import type { SatisfactionModel } from '../models.js';
import { NOT_REPORTED } from './not-reported.js';

/** A share of respondents as it leaves the region: from the rounded count agreeing and the rounded respondents. */
const shareOfRespondents = (share: number, s: SatisfactionModel) => protectShare(Math.round(share * s.respondents), s.respondents);

export const ClientSatisfaction: ClientSatisfactionResolvers = {
  region: (s) => ({ code: s.region }),
  provider: (s) => (s.providerAgb ? { agbCode: s.providerAgb } : null),
  respondents: (s) => protectCount(s.respondents),
  accessibility: (s) => shareOfRespondents(s.accessibility, s),
  quality: (s) => shareOfRespondents(s.quality, s),
  effect: (s) => shareOfRespondents(s.effect, s),
  overallGrade: (s) => {
    if (s.overallGrade === null) return NOT_REPORTED;
    if (protectCount(s.respondents).suppressed) return { value: null, suppressed: true };
    return { value: Math.round(s.overallGrade * 10) / 10, suppressed: false };
  },
};

import { protectCount, protectShare, type Protected } from '@youth-care/lib/small-numbers';
import { OUTCOME_INDICATORS, type OutcomeIndicator } from '../db/repository.js';
import type { OutcomeModel, SatisfactionModel } from '../models.js';

const NOT_REPORTED: Protected<number> = { value: null, suppressed: false };

/** A share of respondents as it leaves the region: from the rounded count agreeing and the rounded respondents. */
const shareOfRespondents = (share: number, s: SatisfactionModel) => protectShare(Math.round(share * s.respondents), s.respondents);

export const ClientSatisfaction = {
  region: (s: SatisfactionModel) => ({ code: s.region }),
  provider: (s: SatisfactionModel) => (s.providerAgb ? { agbCode: s.providerAgb } : null),
  respondents: (s: SatisfactionModel) => protectCount(s.respondents),
  accessibility: (s: SatisfactionModel) => shareOfRespondents(s.accessibility, s),
  quality: (s: SatisfactionModel) => shareOfRespondents(s.quality, s),
  effect: (s: SatisfactionModel) => shareOfRespondents(s.effect, s),
  overallGrade: (s: SatisfactionModel): Protected<number> => {
    if (s.overallGrade === null) return NOT_REPORTED;
    if (protectCount(s.respondents).suppressed) return { value: null, suppressed: true };
    return { value: Math.round(s.overallGrade * 10) / 10, suppressed: false };
  },
};

const outcome = (indicator: OutcomeIndicator) => (o: OutcomeModel) => {
  const { met, of } = o.parts[indicator];
  // No provider reported the indicator: nothing to show. Reported over too few trajectories: suppressed.
  return met === null ? NOT_REPORTED : protectShare(Math.round(met), of);
};

export const OutcomeIndicators = {
  region: (o: OutcomeModel) => ({ code: o.region }),
  provider: (o: OutcomeModel) => (o.providerAgb ? { agbCode: o.providerAgb } : null),
  trajectories: (o: OutcomeModel) => protectCount(o.trajectories),
  ...(Object.fromEntries(OUTCOME_INDICATORS.map((i) => [i, outcome(i)])) as Record<OutcomeIndicator, (o: OutcomeModel) => Protected<number>>),
};

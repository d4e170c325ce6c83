import { protectCount, protectShare } from '@youth-care/lib/small-numbers';
import type { OutcomeIndicator } from '../db/repository.js';
import type { OutcomeIndicatorsResolvers } from '../generated/graphql.js';
import type { OutcomeModel } from '../models.js';
import { NOT_REPORTED } from './not-reported.js';

const outcome = (indicator: OutcomeIndicator) => (o: OutcomeModel) => {
  const { met, of } = o.parts[indicator];
  // No provider reported the indicator: nothing to show. Reported over too few trajectories: suppressed.
  return met === null ? NOT_REPORTED : protectShare(Math.round(met), of);
};

export const OutcomeIndicators: OutcomeIndicatorsResolvers = {
  region: (o) => ({ code: o.region }),
  provider: (o) => (o.providerAgb ? { agbCode: o.providerAgb } : null),
  trajectories: (o) => protectCount(o.trajectories),
  dropout: outcome('dropout'),
  usefulness: outcome('usefulness'),
  continuesWithoutHelp: outcome('continuesWithoutHelp'),
  noRepeatUse: outcome('noRepeatUse'),
  problemsReduced: outcome('problemsReduced'),
  goalsReached: outcome('goalsReached'),
};

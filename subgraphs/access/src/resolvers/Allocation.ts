import { frequency, unit } from '../codes.js';
import type { AllocationResolvers } from '../generated/graphql.js';

export const Allocation: AllocationResolvers = {
  unit: (a) => unit(a.unit),
  frequency: (a) => frequency(a.frequency),
};

import { DateScalar } from '@youth-care/lib/scalars';
import type { Resolvers } from '../generated/graphql.js';
import { AccessStatistics } from './AccessStatistics.js';
import { Allocation } from './Allocation.js';
import { AuditEntry } from './AuditEntry.js';
import { Declaration } from './Declaration.js';
import { Plan } from './Plan.js';
import { Provider } from './Provider.js';
import { Query } from './Query.js';
import { Referral } from './Referral.js';
import { Region } from './Region.js';
import { RegionClientLevel } from './RegionClientLevel.js';
import { SpendingVsBudget } from './SpendingVsBudget.js';

/** Access's resolvers: one file per GraphQL type, named after it. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Region,
  AccessStatistics,
  RegionClientLevel,
  Provider,
  Referral,
  Allocation,
  Declaration,
  Plan,
  AuditEntry,
  SpendingVsBudget,
};

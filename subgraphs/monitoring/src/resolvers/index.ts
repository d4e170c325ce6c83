import { DateScalar } from '@youth-care/lib/scalars';
import type { Resolvers } from '../generated/graphql.js';
import { ClientSatisfaction } from './ClientSatisfaction.js';
import { Indicator } from './Indicator.js';
import { IndicatorValue } from './IndicatorValue.js';
import { MonitoringComparison } from './MonitoringComparison.js';
import { Municipality } from './Municipality.js';
import { OutcomeIndicators } from './OutcomeIndicators.js';
import { Provider } from './Provider.js';
import { Query } from './Query.js';
import { Region } from './Region.js';
import { RegionValue } from './RegionValue.js';
import { SpendingVsBudget } from './SpendingVsBudget.js';

/** Monitoring's resolvers: one file per GraphQL type, named after it. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Region,
  Municipality,
  Provider,
  Indicator,
  IndicatorValue,
  RegionValue,
  ClientSatisfaction,
  OutcomeIndicators,
  MonitoringComparison,
  SpendingVsBudget,
};

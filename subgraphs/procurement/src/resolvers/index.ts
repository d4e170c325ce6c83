import { DateScalar } from '@youth-care/lib/scalars';
import type { Resolvers } from '../generated/graphql.js';
import { CategoryWaitingTime } from './CategoryWaitingTime.js';
import { Contract } from './Contract.js';
import { Municipality } from './Municipality.js';
import { Mutation } from './Mutation.js';
import { Provider } from './Provider.js';
import { Query } from './Query.js';
import { Region } from './Region.js';
import { WaitingTimeNorm } from './WaitingTimeNorm.js';
import { WaitingTimeReport } from './WaitingTimeReport.js';

/** Procurement's resolvers: one file per GraphQL type, named after it. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Region,
  Municipality,
  Provider,
  Contract,
  WaitingTimeReport,
  WaitingTimeNorm,
  CategoryWaitingTime,
};

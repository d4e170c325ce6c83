import { DateScalar } from '@youth-care/lib/scalars';
import type { Resolvers } from '../generated/graphql.js';
import { Municipality } from './Municipality.js';
import { Query } from './Query.js';
import { Region } from './Region.js';

/** The registry's resolvers: one file per GraphQL type, named after it. */
export const resolvers: Resolvers = { Date: DateScalar, Query, Region, Municipality };

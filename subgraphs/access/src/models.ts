import type { InRegion } from '@youth-care/lib/ids';
import type { TrajectoryRow } from './db/import-repository.js';
import type { AccessTables } from './db/schema.js';

export type ReferralModel = InRegion<TrajectoryRow>;
export type PlanModel = InRegion<AccessTables['plan']['$inferSelect']>;
export type AllocationModel = AccessTables['allocation']['$inferSelect'];
export type DeclarationModel = AccessTables['declaration']['$inferSelect'];
export type GoalModel = AccessTables['planGoal']['$inferSelect'];

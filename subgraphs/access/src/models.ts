import type { InRegion } from '@youth-care/lib/ids';
import type { TrajectoryRow } from './db/import-repository.js';
import type { AccessTables } from './db/schema.js';
import type { Period } from './db/statistics-repository.js';
import type { RegionCode } from '@youth-care/lib/regions/registry';

export type ReferralModel = InRegion<TrajectoryRow>;
export type PlanModel = InRegion<AccessTables['plan']['$inferSelect']>;
export type AllocationModel = AccessTables['allocation']['$inferSelect'];
export type DeclarationModel = AccessTables['declaration']['$inferSelect'];
export type GoalModel = AccessTables['planGoal']['$inferSelect'];
export interface ProviderRef {
  readonly agbCode: string;
}
export interface StatisticsModel {
  readonly region: RegionCode;
  readonly period: Period;
}
export interface ClientLevelModel {
  readonly region: RegionCode;
}
export type AuditEntryModel = InRegion<AccessTables['auditLog']['$inferSelect']>;

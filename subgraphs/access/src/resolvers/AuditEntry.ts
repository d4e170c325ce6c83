import type { AuditEntryResolvers } from '../generated/graphql.js';

export const AuditEntry: AuditEntryResolvers = {
  at: (e) => e.at.toISOString(),
  region: (e) => ({ code: e.region }),
  records: (e) => e.recordIds.length,
};

import { and, desc, gte } from 'drizzle-orm';
import type { AuditEntry } from '@youth-care/lib/auth/audit';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import type { AccessTables } from './schema.js';

type Source = RegionSource<AccessTables>;

/** The request's client-level reads of this region, in one statement. */
export async function writeAuditEntries(src: Source, entries: readonly AuditEntry[]): Promise<void> {
  await src.db.insert(src.tables.auditLog).values(
    entries.map((e) => ({ at: e.at, subject: e.subject, role: e.role, what: e.what, recordIds: [...e.records] })),
  );
}

export function auditEntries(src: Source, from: string | undefined, first: number) {
  const a = src.tables.auditLog;
  return src.db
    .select()
    .from(a)
    .where(and(from ? gte(a.at, new Date(`${from}T00:00:00Z`)) : undefined))
    .orderBy(desc(a.at), desc(a.id))
    .limit(first);
}

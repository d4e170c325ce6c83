import type DataLoader from 'dataloader';
import { cursorOf, globalId, parseServedId } from '@youth-care/lib/ids';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { AccessContext } from '../context.js';
import type { LocalKey } from '../loaders.js';

/**
 * Client-level reads all end here, so none of them misses the audit log: each records the
 * records it hands out under `what`, the field they were read through.
 */
export async function loadClientRecord<M>(
  id: string,
  ctx: AccessContext,
  what: string,
  loader: DataLoader<LocalKey, M | null, string>,
): Promise<M | null> {
  const parsed = parseServedId(id, ctx.served);
  if (!parsed) return null;
  const record = await loader.load(parsed);
  if (record) ctx.audit.record(parsed.region, what, [id]);
  return record;
}

/** A page of one more row than asked (to tell if more follow) as a connection, its records audited. */
export function auditedPage<M extends { id: string }>(ctx: AccessContext, region: RegionCode, what: string, rows: M[], totalCount: number, first: number) {
  const nodes = rows.slice(0, first);
  ctx.audit.record(region, what, nodes.map((n) => globalId(region, n.id)));
  const last = nodes.at(-1);
  return { nodes, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? cursorOf(last.id) : null } };
}

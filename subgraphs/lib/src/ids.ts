import type { RegionCode } from './regions/registry.js';

/** A row as read from one region's source, tagged with that region. */
export type InRegion<Row> = Row & { readonly region: RegionCode };

/** Ids are local to a region's source; the graph's ids name the region too: `JZ21:T-0001`. */
export function globalId(region: RegionCode, localId: string | number): string {
  return `${region}:${localId}`;
}

export function parseGlobalId(id: string): { region: string; localId: string } | undefined {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { region: id.slice(0, at), localId: id.slice(at + 1) };
}

/** Opaque page cursors: the last local id of a page. */
export const cursorOf = (localId: string) => Buffer.from(localId, 'utf8').toString('base64url');
export const afterCursor = (cursor: string | null | undefined) => (cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined);

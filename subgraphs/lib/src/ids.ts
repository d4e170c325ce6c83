import type { RegionCode } from './regions/registry.js';

/** A row as read from one region's source, tagged with that region. */
export type InRegion<Row> = Row & { readonly region: RegionCode };

/** Ids are local to a region's source; the graph's ids name the region too: `JZ21:T-0001`. */
export function globalId(region: RegionCode, localId: string | number): string {
  return `${region}:${localId}`;
}

/** A graph id's region and local id; undefined when it is malformed or names a region not served here. */
export function parseServedId(id: string, served: readonly RegionCode[]): { region: RegionCode; localId: string } | undefined {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return undefined;
  const region = served.find((code) => code === id.slice(0, at));
  return region ? { region, localId: id.slice(at + 1) } : undefined;
}

/** Opaque page cursors: the last local id of a page. */
export const cursorOf = (localId: string) => Buffer.from(localId, 'utf8').toString('base64url');
export const afterCursor = (cursor: string | null | undefined) => (cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined);

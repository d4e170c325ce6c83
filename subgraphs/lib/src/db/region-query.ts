import { sql, type SQL } from 'drizzle-orm';
import type { RegionCode } from '../regions/registry.js';
import type { Database } from './database.js';
import { rowsOf } from './migrate.js';

type RawRow = Record<string, unknown>;

/**
 * A read of one region as a statement not yet sent, with what makes the read's rows of the
 * statement's: regions that share a database can then answer it together, in one statement.
 */
export interface RegionQuery<Row> {
  readonly statement: SQL;
  readonly rows: (raw: RawRow[]) => Row[];
}

export function regionQuery<Row>(statement: SQL, rows: (raw: RawRow[]) => Row[] = (raw) => raw as Row[]): RegionQuery<Row> {
  return { statement, rows };
}

/** One region's query on its own. */
export async function runQuery<Row>(db: Database, query: RegionQuery<Row>): Promise<Row[]> {
  return query.rows(rowsOf<RawRow>(await db.execute(query.statement)));
}

/** Names each raw row's region; no table of the project has a column by this name. */
const REGION = 'region_of_row';

/**
 * Several regions' queries, on the database they share, as one statement: each region's part reads
 * its own schema, and its rows come back under its code. One statement instead of one per region
 * spares each region a round trip and a statement's fixed cost, which is most of a small read's.
 */
export async function runTogether<Row>(db: Database, parts: readonly { code: RegionCode; query: RegionQuery<Row> }[]): Promise<Map<RegionCode, Row[]>> {
  const union = sql.join(
    parts.map(({ code, query }) => sql`(SELECT ${code}::text AS ${sql.identifier(REGION)}, part.* FROM (${query.statement}) AS part)`),
    sql` UNION ALL `,
  );
  const byRegion = new Map<string, RawRow[]>(parts.map(({ code }) => [code, []]));
  for (const { [REGION]: code, ...row } of rowsOf<RawRow>(await db.execute(union))) byRegion.get(code as string)!.push(row);
  return new Map(parts.map(({ code, query }) => [code, query.rows(byRegion.get(code)!)]));
}

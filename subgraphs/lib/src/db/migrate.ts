import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './database.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies drizzle-kit's committed migrations to one region's schema. The migrations name no
 * schema; each runs with `search_path` set to the region's own ("procurement_jz21"), so every
 * region gets its copy of the subgraph's tables from the same statements. `SET LOCAL` ends with
 * the transaction: the embedded database is one connection shared by every region, and a
 * session-wide setting would leak into their queries. One transaction under an advisory lock, so
 * two processes starting together do not both migrate, and a failure leaves nothing.
 */
export async function migrateSchema(db: Database, folder: string, baseSchema: string, schema: string): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const migrations = await Promise.all(
    [...journal.entries]
      .sort((a, b) => a.idx - b.idx)
      .map(async (e) => ({ tag: e.tag, statements: statementsOf(e.tag, await readFile(join(folder, `${e.tag}.sql`), 'utf8'), baseSchema) })),
  );
  const quoted = sql.identifier(schema);
  // A start on migrated data, the usual case, needs only to see every tag applied: two statements
  // instead of the locked transaction's seven. The table is looked up first, so that a schema not
  // migrated yet does not count as a failed statement.
  const [log] = rowsOf<{ present: boolean }>(await db.execute(sql`SELECT to_regclass(${`"${schema}"."__migrations"`}) IS NOT NULL AS present`));
  if (log?.present) {
    const applied = new Set(rowsOf<{ tag: string }>(await db.execute(sql`SELECT tag FROM ${quoted}."__migrations"`)).map((r) => r.tag));
    if (migrations.every((m) => applied.has(m.tag))) return [];
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`migrate:${schema}`}))`);
    await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await tx.execute(sql`SET LOCAL search_path TO ${quoted}`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS "__migrations" (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set(rowsOf<{ tag: string }>(await tx.execute(sql`SELECT tag FROM "__migrations"`)).map((r) => r.tag));
    const ran: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.tag)) continue;
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`INSERT INTO "__migrations" (tag) VALUES (${m.tag})`);
      ran.push(m.tag);
    }
    return ran;
  });
}

/**
 * A migration's statements. One that names a schema would write outside the region's own, so it
 * is refused before anything runs: `npm run db:generate` writes them unqualified.
 */
function statementsOf(tag: string, text: string, baseSchema: string): string[] {
  const statements = text.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
  for (const named of [baseSchema, 'public']) {
    if (statements.some((s) => s.includes(`"${named}".`))) {
      throw new Error(`migration ${tag} names the schema "${named}"; migrations must name no schema (regenerate with npm run db:generate)`);
    }
  }
  return statements;
}

/** postgres.js answers raw statements with an array of rows, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

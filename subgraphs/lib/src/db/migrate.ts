import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './database.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies drizzle-kit's committed migrations to one region's schema. drizzle-kit writes them for
 * the subgraph's base schema (e.g. "procurement"); each region gets its own copy
 * ("procurement_jz21"), so the quoted schema name is swapped. One transaction under an advisory
 * lock, so two processes starting together do not both migrate, and a failure leaves nothing.
 */
export async function migrateSchema(db: Database, folder: string, baseSchema: string, schema: string): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const migrations = await Promise.all(
    [...journal.entries]
      .sort((a, b) => a.idx - b.idx)
      .map(async (e) => ({ tag: e.tag, text: await readFile(join(folder, `${e.tag}.sql`), 'utf8') })),
  );
  const quotedBase = `"${baseSchema}"`;
  const quoted = `"${schema}"`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`migrate:${schema}`}))`);
    await tx.execute(sql.raw(`CREATE SCHEMA IF NOT EXISTS ${quoted}`));
    await tx.execute(
      sql.raw(`CREATE TABLE IF NOT EXISTS ${quoted}."__migrations" (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`),
    );
    const done = await tx.execute(sql.raw(`SELECT tag FROM ${quoted}."__migrations"`));
    const applied = new Set(rowsOf<{ tag: string }>(done).map((r) => r.tag));
    const ran: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.tag)) continue;
      for (const statement of m.text.split('--> statement-breakpoint')) {
        const text = statement.replaceAll(`CREATE SCHEMA ${quotedBase};`, '').replaceAll(quotedBase, quoted).trim();
        if (text) await tx.execute(sql.raw(text));
      }
      await tx.execute(sql`INSERT INTO ${sql.raw(quoted)}."__migrations" (tag) VALUES (${m.tag})`);
      ran.push(m.tag);
    }
    return ran;
  });
}

/** postgres.js answers raw statements with an array of rows, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

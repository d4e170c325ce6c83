import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { badArguments, commandLine } from '../cli.js';
import { importTypeScript } from '../run-typescript.mjs';

/**
 * `npm run db:generate`: drizzle-kit writes a migration for each changed drizzle config given.
 * The tables are declared in no schema, yet drizzle-kit still names "public" in foreign keys;
 * that is taken out of the written files, so every committed migration names no schema and
 * applies under a region's own search_path (migrateSchema refuses one that names a schema).
 */
const USAGE = 'usage: generate-migrations.ts <drizzle.config.ts> [...]';
const configs = commandLine({ options: {}, allowPositionals: true }, USAGE).positionals;
if (configs.length === 0) badArguments('name at least one drizzle config', USAGE);

for (const config of configs) {
  const { default: settings } = (await importTypeScript(resolve(config))) as { default: { out: string } };
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', config], { stdio: 'inherit' });
  for (const file of readdirSync(settings.out).filter((f) => f.endsWith('.sql'))) {
    const path = join(settings.out, file);
    const text = readFileSync(path, 'utf8');
    const unqualified = text.replaceAll('"public".', '');
    if (unqualified !== text) writeFileSync(path, unqualified);
  }
}

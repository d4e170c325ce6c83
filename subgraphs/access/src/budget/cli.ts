import { readFile } from 'node:fs/promises';
import { badArguments, commandLine, runImport } from '@youth-care/lib/cli';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { createLog } from '@youth-care/lib/log';
import { currentYear } from '@youth-care/lib/years';
import { accessSources } from '../sources.js';
import { importBudgetCsv } from './import.js';
import { BUDGET_COLUMNS } from './records.js';

/**
 * `npm run import:budget -- budget.csv`: a region's youth-care budget per year and product
 * category (see records.ts for the columns). The whole file is checked first; then each year it
 * names is replaced in its region. With the embedded database, stop `npm start` first.
 */
const USAGE = `usage: npm run import:budget -- <file.csv>\n  columns: ${BUDGET_COLUMNS.join(', ')} (comma or semicolon separated; 4.387.470,50 with semicolons)`;

const euros = (n: number) => `€${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

async function main(): Promise<number> {
  const { positionals } = commandLine({ options: {}, allowPositionals: true }, USAGE);
  if (positionals.length !== 1) return badArguments('name one file', USAGE);
  const file = positionals[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    console.error(`cannot read ${file}`);
    return 2;
  }
  const config = loadConfig();
  const hub = new DatabaseHub(config.database);
  try {
    const sources = accessSources({ config, hub, log: createLog('import', config.log) });
    const { failed } = await sources.migrateAll();
    if (failed.length > 0) {
      console.error(`the database of ${failed.join(', ')} cannot be reached`);
      return 1;
    }
    console.log(`checking ${file}…`);
    const report = await importBudgetCsv(sources, text, currentYear(), (w) =>
      console.log(`${w.region}: budget ${w.years.join(', ')} replaced: ${w.lines} lines, ${euros(w.euros)} in all (${w.removed} earlier lines removed)`),
    );
    if (report.status === 'REJECTED') {
      console.log(`rejected: ${report.problems.length} problems; nothing was written`);
      for (const p of report.problems) console.log(`  ${p}`);
      return 1;
    }
    return 0;
  } finally {
    await hub.close();
  }
}

runImport(main);

import { readFile } from 'node:fs/promises';
import { badArguments, commandLine, runImport } from '@youth-care/lib/cli';
import { loadConfig, pseudonymKey } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { refreshStatistics } from '@youth-care/lib/db/maintenance';
import { createLog } from '@youth-care/lib/log';
import { isRegionCode, regionInfo } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { accessSources } from '../sources.js';
import { importJsonLines, type ImportReport } from './importer.js';

/**
 * `npm run import:referrals -- --region JZ21 batch.jsonl`: reads a region's iJw message records
 * (JSON Lines) into that region's source. A batch with any bad record is rejected whole and every
 * bad record is listed; the same batch twice changes nothing. With the embedded database, stop
 * `npm start` first: one process at a time can open it.
 */
const USAGE = 'usage: npm run import:referrals -- --region <JZ code> <file.jsonl>';

function argsOf(): { region: string; file: string } {
  const { values, positionals } = commandLine({ options: { region: { type: 'string' } }, allowPositionals: true }, USAGE);
  if (!values.region) return badArguments('--region is missing', USAGE);
  if (positionals.length !== 1) return badArguments('name one file', USAGE);
  return { region: values.region.toUpperCase(), file: positionals[0]! };
}

function print(report: ImportReport): void {
  const { written } = report;
  switch (report.status) {
    case 'IMPORTED':
      console.log(`imported ${report.records} records into ${report.region}: ${written.trajectories} trajectories, ` +
        `${written.allocations} allocations, ${written.declarations} declarations, ${written.plans} plans`);
      break;
    case 'ALREADY_IMPORTED':
      console.log(`this batch was imported into ${report.region} before; nothing changed`);
      break;
    case 'REJECTED':
      console.log(`rejected: ${report.problems.length} of ${report.records} records have problems; nothing was written`);
      for (const p of report.problems) {
        const what = [p.message, p.trajectory].filter(Boolean).join(' ');
        console.log(`  line ${p.line}${what ? ` (${what})` : ''}: ${p.problems.join('; ')}`);
      }
  }
}

async function main(): Promise<number> {
  const args = argsOf();
  if (!isRegionCode(args.region)) {
    console.error(`unknown region ${args.region}; ${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch {
    console.error(`cannot read ${args.file}`);
    return 2;
  }
  const config = loadConfig({ ...process.env, REGIONS: args.region });
  const hub = new DatabaseHub(config.database);
  try {
    const sources = accessSources({ config, hub, log: createLog('import', config.log) });
    const { failed } = await sources.migrateAll();
    if (failed.length > 0) {
      console.error(`the database of region ${args.region} cannot be reached`);
      return 1;
    }
    console.log(`checking ${args.file} for ${args.region}…`);
    const source = await sources.source(args.region);
    const report = await importJsonLines(
      {
        source,
        region: regionInfo(args.region),
        pseudonymKey: pseudonymKey(config, args.region),
        today: todayInNetherlands(),
      },
      text,
    );
    print(report);
    if (report.status === 'IMPORTED') await refreshStatistics(source.db, Object.values(source.tables));
    return report.status === 'REJECTED' ? 1 : 0;
  } finally {
    await hub.close();
  }
}

runImport(main);

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importCbsFolder } from '../cbs/import.js';
import { monitoringSources } from '../server.js';
import { runImport } from './run.js';

/** A table's folder, or a folder of table folders (such as the shipped fixture). */
function tableFolders(folder: string): string[] {
  if (existsSync(join(folder, 'Properties.json')) || !existsSync(folder)) return [folder];
  const inner = readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(folder, d.name, 'Properties.json')));
  return inner.length > 0 ? inner.map((d) => join(folder, d.name)) : [folder];
}

await runImport(
  'usage: npm run import:cbs -- <folder> [<folder> ...]\n' +
    '  each folder holds one CBS table as https://odata4.cbs.nl/CBS/<table>/ serves it:\n' +
    '  Properties.json, MeasureCodes.json, <Dimension>Codes.json (RegioS, Perioden, ...) and Observations.json',
  1,
  async (args, deps, say) => {
    const { national } = monitoringSources(deps);
    for (const folder of args.flatMap(tableFolders)) await importCbsFolder(national, folder, say);
  },
);

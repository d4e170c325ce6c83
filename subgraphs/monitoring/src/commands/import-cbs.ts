import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importCbsFolder } from '../cbs/import.js';
import { isCbsFolder } from '../cbs/odata.js';
import { monitoringSources } from '../sources.js';
import { runImport } from './run.js';

/** A table's folder, or a folder of table folders (such as the shipped fixture). */
function tableFolders(folder: string): string[] {
  if (isCbsFolder(folder) || !existsSync(folder)) return [folder];
  const inner = readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory() && isCbsFolder(join(folder, d.name)));
  return inner.length > 0 ? inner.map((d) => join(folder, d.name)) : [folder];
}

await runImport(
  'usage: npm run import:cbs -- <folder> [<folder> ...]\n' +
    '  each folder holds one CBS table as CBS serves it, as npm run fetch:cbs writes it:\n' +
    '  OData v4: Properties.json, MeasureCodes.json, <Dimension>Codes.json (RegioS, Perioden, ...) and Observations.json\n' +
    '  OData v3 (cbsodata): TableInfos.json, DataProperties.json, <Dimension>.json and TypedDataSet.json',
  1,
  async (args, deps, say) => {
    const { national } = monitoringSources(deps);
    for (const folder of args.flatMap(tableFolders)) await importCbsFolder(national, folder, say);
  },
);

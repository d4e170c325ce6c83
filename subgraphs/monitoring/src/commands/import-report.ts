import { contractRegister } from '../../../procurement/src/contract-register.js';
import { ImportRejected } from '../reports/rejected.js';
import { importReportFile } from '../reports/import.js';
import { REGION_CODES } from '@youth-care/lib/regions/registry';
import { currentYear } from '@youth-care/lib/years';
import { OUTCOMES } from '../reports/outcomes.js';
import { columnList } from '../reports/records.js';
import { SATISFACTION } from '../reports/satisfaction.js';
import { monitoringSources } from '../sources.js';
import { runImport } from './run.js';

const context = { served: REGION_CODES, thisYear: currentYear() };

/** `import-report.ts satisfaction|outcomes <file> ...`; the npm scripts name the kind. */
await runImport(
  'usage: npm run import:satisfaction -- <file.csv|file.json> [...]\n' +
    `  columns: ${columnList(SATISFACTION, context)}\n` +
    'usage: npm run import:outcomes -- <file.csv|file.json> [...]\n' +
    `  columns: ${columnList(OUTCOMES, context)}\n` +
    '  percentages from 0 to 100; columns marked ? may be left empty',
  2,
  async ([kind, ...files], deps, say) => {
    if (kind !== 'satisfaction' && kind !== 'outcomes') throw new ImportRejected(String(kind), ['the first argument must be satisfaction or outcomes']);
    const { regions } = monitoringSources(deps);
    const contracted = contractRegister(deps);
    for (const file of files) await importReportFile(kind, regions, file, say, contracted);
  },
);

import { badArguments, commandLine } from '@youth-care/lib/cli';
import { CBS_ODATA4, FetchFailed, fetchCbsTable } from '../cbs/fetch.js';

/**
 * `npm run fetch:cbs -- 85099NED --periods 2023,2024`: downloads a table from CBS's OData v4
 * service into the folder `npm run import:cbs` reads. Exits 1 when CBS refuses or cannot be
 * reached after the retries, 2 on bad arguments.
 */
const USAGE =
  `usage: npm run fetch:cbs -- <table> [--periods 2023,2024HJ01] [--out .data/cbs] [--base-url ${CBS_ODATA4}] [--attempts 5] [--retry-delay-ms 1000]; ` +
  'then npm run import:cbs -- <out>/<table>';

const { values, positionals } = commandLine(
  {
    allowPositionals: true,
    options: {
      periods: { type: 'string', default: '' },
      out: { type: 'string', default: '.data/cbs' },
      'base-url': { type: 'string', default: CBS_ODATA4 },
      attempts: { type: 'string', default: '5' },
      'retry-delay-ms': { type: 'string', default: '1000' },
    },
  },
  USAGE,
);
if (positionals.length !== 1) badArguments('name one CBS table, e.g. 85099NED', USAGE);
const attempts = Number(values.attempts);
const retryDelayMs = Number(values['retry-delay-ms']);
if (!Number.isInteger(attempts) || attempts < 1) badArguments('--attempts must be a whole number of at least 1', USAGE);
if (!Number.isFinite(retryDelayMs) || retryDelayMs < 0) badArguments('--retry-delay-ms must be a number of milliseconds', USAGE);

try {
  await fetchCbsTable(
    {
      table: positionals[0]!,
      periods: values.periods.split(',').map((p) => p.trim().toUpperCase()).filter(Boolean),
      out: values.out,
      baseUrl: values['base-url'],
      attempts,
      retryDelayMs,
    },
    (line) => console.log(line),
  );
} catch (error) {
  console.error(`fetch failed: ${(error as Error).message}`);
  process.exit(error instanceof FetchFailed ? 1 : 2);
}

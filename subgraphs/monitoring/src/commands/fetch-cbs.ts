import { parseArgs } from 'node:util';
import { CBS_ODATA4, FetchFailed, fetchCbsTable } from '../cbs/fetch.js';

/**
 * `npm run fetch:cbs -- 85099NED --periods 2023,2024`: downloads a table from CBS's OData v4
 * service into the folder `npm run import:cbs` reads. Exits 1 when CBS refuses or cannot be
 * reached after the retries, 2 on wrong arguments.
 */
const USAGE =
  'usage: npm run fetch:cbs -- <table> [--periods 2023,2024HJ01] [--out .data/cbs] [--base-url ' + CBS_ODATA4 + '] [--attempts 5] [--retry-delay-ms 1000]\n' +
  '  writes <out>/<table>/ (default .data/cbs/<table>/); then: npm run import:cbs -- <out>/<table>';

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      periods: { type: 'string', default: '' },
      out: { type: 'string', default: '.data/cbs' },
      'base-url': { type: 'string', default: CBS_ODATA4 },
      attempts: { type: 'string', default: '5' },
      'retry-delay-ms': { type: 'string', default: '1000' },
      help: { type: 'boolean', default: false },
    },
  });
  const attempts = Number(values.attempts);
  const retryDelayMs = Number(values['retry-delay-ms']);
  if (values.help || positionals.length !== 1 || !Number.isInteger(attempts) || attempts < 1 || !Number.isFinite(retryDelayMs) || retryDelayMs < 0) return null;
  return {
    table: positionals[0]!,
    periods: values.periods.split(',').map((p) => p.trim().toUpperCase()).filter(Boolean),
    out: values.out,
    baseUrl: values['base-url'],
    attempts,
    retryDelayMs,
  };
}

let parsed: ReturnType<typeof options>;
try {
  parsed = options();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!parsed) {
  console.error(USAGE);
  process.exit(process.argv.includes('--help') ? 0 : 2);
}
try {
  await fetchCbsTable(parsed, (line) => console.log(line));
} catch (error) {
  console.error(error instanceof FetchFailed ? `fetch failed: ${error.message}` : `fetch failed: ${(error as Error).message}`);
  process.exit(1);
}

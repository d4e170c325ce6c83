import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isObject, text, type Json } from './json.js';
import { parsePeriod } from './periods.js';

/** CBS's OData v4 service; each table lives at <base>/<table>/. */
export const CBS_ODATA4 = 'https://odata4.cbs.nl/CBS';

export interface FetchOptions {
  readonly table: string;
  /** Years (2023) or CBS period codes (2023HJ01); every period of the table when empty. */
  readonly periods: readonly string[];
  /** The folder the table's folder is written into. */
  readonly out: string;
  readonly baseUrl?: string;
  /** Tries per request before giving up, and the first wait between them (doubled each time). */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

export interface FetchResult {
  readonly folder: string;
  readonly observations: number;
  readonly requests: number;
  readonly retries: number;
}

export class FetchFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchFailed';
  }
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Client {
  requests = 0;
  retries = 0;
  constructor(
    private readonly attempts: number,
    private readonly delayMs: number,
    private readonly say: (line: string) => void,
  ) {}

  /** One JSON document, retried with backoff on network errors, timeouts and CBS's 429 and 5xx answers. */
  async json(url: string): Promise<Json> {
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      let problem: string;
      try {
        const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
        if (response.ok) {
          const body = (await response.json()) as unknown;
          if (!isObject(body)) throw new FetchFailed(`${url}: the answer is not a JSON object`);
          return body;
        }
        problem = `HTTP ${response.status}`;
        if (!RETRY_STATUSES.has(response.status)) throw new FetchFailed(`${url}: ${problem}`);
      } catch (error) {
        if (error instanceof FetchFailed) throw error;
        problem = error instanceof Error ? error.message : String(error);
      }
      if (attempt >= this.attempts) throw new FetchFailed(`${url}: ${problem}, given up after ${attempt} tries`);
      const wait = this.delayMs * 2 ** (attempt - 1);
      this.retries++;
      this.say(`  ${problem}; trying again in ${wait} ms (${attempt} of ${this.attempts - 1} retries)`);
      await sleep(wait);
    }
  }

  /** Every row of an entity set, following @odata.nextLink from page to page. */
  async all(url: string, label: string): Promise<Json[]> {
    const rows: Json[] = [];
    let next: string | null = url;
    for (let page = 1; next; page++) {
      const body = await this.json(next);
      if (!Array.isArray(body.value)) throw new FetchFailed(`${next}: expected an OData answer { "value": [ ... ] }`);
      rows.push(...(body.value as Json[]));
      next = text(body['@odata.nextLink']);
      if (page > 1 || next) this.say(`  ${label}: page ${page}, ${rows.length} rows`);
    }
    return rows;
  }
}

/** The periods asked for, by year or by code, among the table's own. */
function choosePeriods(codes: Json[], wanted: readonly string[]): Json[] {
  if (wanted.length === 0) return codes;
  const chosen = codes.filter((c) => {
    const code = String(c.Identifier).trim();
    return wanted.includes(code) || wanted.includes(String(parsePeriod(code)?.year));
  });
  if (chosen.length === 0) {
    throw new FetchFailed(`none of the periods ${wanted.join(', ')} is in the table; it has ${codes.map((c) => String(c.Identifier)).join(', ')}`);
  }
  return chosen;
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Downloads one table from CBS's OData v4 service into <out>/<table>/, the folder `import:cbs`
 * reads: Properties, MeasureCodes, each dimension's codes and the observations of the chosen
 * periods. Written to a temporary folder first and moved into place when complete, so a failed
 * download leaves nothing half-written.
 */
export async function fetchCbsTable(options: FetchOptions, say: (line: string) => void): Promise<FetchResult> {
  const table = options.table.trim();
  if (!/^[0-9A-Za-z]{5,12}$/.test(table)) throw new FetchFailed(`${JSON.stringify(options.table)} is not a CBS table identifier such as 85099NED`);
  for (const p of options.periods) {
    if (!/^\d{4}$/.test(p) && !parsePeriod(p)) throw new FetchFailed(`--periods: "${p}" is neither a year (2023) nor a CBS period code (2023HJ01)`);
  }
  const base = `${(options.baseUrl ?? CBS_ODATA4).replace(/\/+$/, '')}/${table}`;
  const client = new Client(options.attempts ?? 5, options.retryDelayMs ?? 1_000, say);
  const files: Record<string, unknown> = {};

  say(`${table}: reading the table's description from ${base}`);
  const properties = await client.json(`${base}/Properties`);
  files.Properties = properties;
  files.MeasureCodes = { value: await client.all(`${base}/MeasureCodes`, 'MeasureCodes') };
  const dimensions = (await client.all(`${base}/Dimensions`, 'Dimensions')).map((d) => String(d.Identifier));
  if (!dimensions.includes('Perioden')) throw new FetchFailed(`${table} has no Perioden dimension (it has ${dimensions.join(', ')})`);
  let periods: Json[] = [];
  for (const dimension of dimensions) {
    let codes = await client.all(`${base}/${dimension}Codes`, `${dimension}Codes`);
    if (dimension === 'Perioden') codes = periods = choosePeriods(codes, options.periods);
    files[`${dimension}Codes`] = { value: codes };
  }
  const filter = options.periods.length === 0 ? '' : `?$filter=${encodeURIComponent(periods.map((p) => `Perioden eq ${quote(String(p.Identifier))}`).join(' or '))}`;
  say(`${table}: ${dimensions.length} dimensions, ${periods.length} periods (${periods.map((p) => String(p.Identifier)).join(', ')}); downloading observations`);
  const observations = await client.all(`${base}/Observations${filter}`, 'Observations');
  files.Observations = { value: observations };

  const folder = join(options.out, table);
  await mkdir(options.out, { recursive: true });
  const staging = await mkdtemp(join(dirname(folder), `.${table}-`));
  try {
    for (const [name, body] of Object.entries(files)) await writeFile(join(staging, `${name}.json`), JSON.stringify(body));
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  say(`${table}: ${observations.length} observations written to ${folder} (${client.requests} requests, ${client.retries} retried)`);
  return { folder, observations: observations.length, requests: client.requests, retries: client.retries };
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, pseudonymKey } from '@youth-care/lib/config';
import { DatabaseHub, type Database } from '@youth-care/lib/db/database';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { regionDemoProviders } from '@youth-care/lib/demo/providers';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { currentYear } from '@youth-care/lib/years';
import { importBudgetCsv } from '../subgraphs/access/src/budget/import.js';
import { importJsonLines } from '../subgraphs/access/src/import/importer.js';
import { createAccessSubgraph } from '../subgraphs/access/src/server.js';
import { importCbsFolder } from '../subgraphs/monitoring/src/cbs/import.js';
import { importReportFile } from '../subgraphs/monitoring/src/reports/import.js';
import { monitoringSources } from '../subgraphs/monitoring/src/sources.js';
import { contractRegister } from '../subgraphs/procurement/src/contract-register.js';
import { createProcurementSubgraph } from '../subgraphs/procurement/src/server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { bareImage, unpackImage } from './support/prepared-data.js';
import { REPO } from './support/process.js';

/**
 * Every import command, run as its own process, is stopped part-way (kill -9, SIGTERM, Ctrl-C;
 * before it writes, inside its transaction, between two regions) and run again a day later. What
 * a stopped run leaves is, for every unit an import writes at once, either nothing or all of it;
 * after the second run the rows are those of a clean import.
 */
const REGIONS = 'JZ43,JZ21';
const DEMO = { scale: 0.02 };
const quiet = () => {};
const dir = mkdtempSync(join(tmpdir(), 'import-resume-'));
const databases: TestDatabase[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const database of databases) await database.drop();
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A batch large enough that checking it takes a while: requests, allocations, starts and a declaration each. */
function referralBatch(trajectories: number): string {
  const lines: object[] = [];
  for (let i = 0; i < trajectories; i++) {
    const t = `R${i}`;
    lines.push(
      { message: 'JW315', trajectory: t, client: `BSN-${100000000 + i}`, birthYear: 2012, municipality: 'GM0988', referrerType: '02',
        productCategory: '45', productCode: '45A01', requestedOn: '2025-01-10', crisis: false, residential: false, provider: '99100000' },
      { message: 'JW301', trajectory: t, allocation: `${t}-A1`, allocatedOn: '2025-01-20', productCode: '45A01', volume: 2, unit: '04',
        frequency: '2', validFrom: '2025-01-20', validUntil: null, financingVariant: 'INSPANNINGSGERICHT' },
      { message: 'JW305', trajectory: t, startedOn: '2025-02-03' },
      { message: 'JW323', trajectory: t, month: '2025-02', productCode: '45A01', volume: 8, unit: '04', amountEuros: 656, bridgingCare: i % 2 === 0 },
    );
  }
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

const AGB = regionDemoProviders('JZ43', DEMO.scale)[0]!.agbCode;
const FILES = {
  referrals: file('referrals.jsonl', referralBatch(600)),
  budget: file('budget.csv', ['region,year,line,product_category,budget_euros',
    ...['JZ43', 'JZ21'].flatMap((region) => [2024, 2025].flatMap((year) => ['43', '45', '54'].map((c) => `${region},${year},Kader ${c},${c},${100000 + Number(c)}`)))].join('\n')),
  cbs: join(REPO, 'subgraphs/monitoring/fixtures/cbs/85097NED'),
  satisfaction: file('satisfaction.csv', 'region,year,provider_agb,respondents,accessibility_pct,quality_pct,effect_pct,overall_grade\n' +
    'JZ43,2024,,212,78.5,81,70.2,7.4\nJZ43,2024,' + AGB + ',12,70,80,75,\nJZ21,2024,,150,80.5,82,71,7.6\n'),
  outcomes: file('outcomes.csv', 'region,year,provider_agb,trajectories,dropout_pct,usefulness_pct,continues_without_help_pct,no_repeat_use_pct,problems_reduced_pct,goals_reached_pct\n' +
    `JZ43,2024,${AGB},120,10,85,70,80,75,\nJZ21,2024,${AGB},40,,,,,,\n`),
};

/** The subgraphs' sources over one store: what the commands write, and where. */
function open(env: Record<string, string>, image?: Blob) {
  const config = loadConfig({ ...env, REGIONS });
  const hub = new DatabaseHub(config.database, image);
  const deps: SubgraphDeps = { config, hub, log: quiet };
  const access = createAccessSubgraph(deps);
  const monitoring = monitoringSources(deps);
  return { config, hub, deps, access, monitoring };
}
type Store = ReturnType<typeof open>;

/** Tables an import writes together (in one transaction): a stopped run leaves each unit whole or untouched. */
async function unitsOf(store: Store): Promise<Record<string, PgTable[]>> {
  const access = async (code: 'JZ43' | 'JZ21') => (await store.access.sources.source(code)).tables;
  const monitoring = async (code: 'JZ43' | 'JZ21') => (await store.monitoring.regions.source(code)).tables;
  const a43 = await access('JZ43');
  const national = (await store.monitoring.national.source()).tables;
  return {
    'referrals JZ43': [a43.trajectory, a43.allocation, a43.declaration, a43.spendingMonth, a43.referralYear, a43.referralWait, a43.plan, a43.planGoal,
      a43.importBatch],
    'budget JZ43': [a43.budget],
    'budget JZ21': [(await access('JZ21')).budget],
    'cbs 85097NED': [national.cbsTable, national.cbsMeasure, national.cbsCode, national.cbsObservation],
    'satisfaction JZ43': [(await monitoring('JZ43')).satisfactionSurvey],
    'satisfaction JZ21': [(await monitoring('JZ21')).satisfactionSurvey],
    'outcomes JZ43': [(await monitoring('JZ43')).outcomeReport],
    'outcomes JZ21': [(await monitoring('JZ21')).outcomeReport],
  };
}

/**
 * Each table's rows and a digest of their values, leaving out what differs between two equal
 * imports: timestamps, and ids drawn from a sequence (an aborted transaction still draws).
 */
async function tableState(db: Database, table: PgTable): Promise<string> {
  const { schema, name } = getTableConfig(table);
  const columns = rowsOf<{ column_name: string }>(
    await db.execute(sql`SELECT column_name FROM information_schema.columns WHERE table_schema = ${schema} AND table_name = ${name}
      AND data_type NOT LIKE 'timestamp%' AND coalesce(column_default, '') NOT LIKE 'nextval%' AND is_identity = 'NO' ORDER BY column_name`),
  ).map((c) => `"${c.column_name}"`);
  const [row] = rowsOf<{ rows: number; digest: string }>(
    await db.execute(sql.raw(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS digest
      FROM (SELECT ROW(${columns.join(', ')})::text AS r FROM "${schema}"."${name}") x`)),
  );
  return `${row!.rows} rows ${row!.digest}`;
}

async function stateOf(store: Store): Promise<Record<string, string[]>> {
  const db = (await store.access.sources.source('JZ43')).db;
  const state: Record<string, string[]> = {};
  for (const [unit, tables] of Object.entries(await unitsOf(store))) state[unit] = await Promise.all(tables.map((t) => tableState(db, t)));
  return state;
}

/** Opens (migrating, as a start does) the sources the commands write. */
async function ready(store: Store): Promise<void> {
  await store.access.sources.migrateAll();
  await store.monitoring.regions.migrateAll();
  await store.monitoring.national.prepare();
}

/** Readies a new store and gives procurement its contracts: an outcome report must name a contracted provider. */
async function prepare(store: Store): Promise<void> {
  await ready(store);
  await createProcurementSubgraph(store.deps).prepare(DEMO);
}

/** What each command does, in process, as a clean import. */
async function importClean(store: Store): Promise<void> {
  const source = await store.access.sources.source('JZ43');
  const context = { source, region: regionInfo('JZ43'), pseudonymKey: pseudonymKey(store.config, 'JZ43'), today: todayInNetherlands() };
  expect((await importJsonLines(context, readFileSync(FILES.referrals, 'utf8'))).status).toBe('IMPORTED');
  expect((await importBudgetCsv(store.access.sources, readFileSync(FILES.budget, 'utf8'), currentYear())).status).toBe('IMPORTED');
  await importCbsFolder(store.monitoring.national, FILES.cbs, quiet);
  const contracted = contractRegister(store.deps);
  await importReportFile('satisfaction', store.monitoring.regions, FILES.satisfaction, quiet, contracted);
  await importReportFile('outcomes', store.monitoring.regions, FILES.outcomes, quiet, contracted);
}

interface Stop {
  readonly script: string;
  readonly args: string[];
  /** Stopped once its output holds this. */
  readonly after: string;
  readonly signal: NodeJS.Signals;
  /** Whether the command may, on a slow day, have finished before the signal arrives: a stop between two quick writes. */
  readonly mayFinish?: boolean;
}

const STOPS: Stop[] = [
  // While it checks the batch, before anything is written.
  { script: 'import:referrals', args: ['--region', 'JZ43', FILES.referrals], after: 'checking', signal: 'SIGKILL' },
  // Between the two regions' transactions.
  { script: 'import:budget', args: [FILES.budget], after: 'JZ43: budget', signal: 'SIGTERM', mayFinish: true },
  // Inside the table's transaction: 5,000 of 13,545 observations written.
  { script: 'import:cbs', args: [FILES.cbs], after: 'written 5000 of', signal: 'SIGINT' },
  { script: 'import:satisfaction', args: [FILES.satisfaction], after: 'JZ43: ', signal: 'SIGKILL', mayFinish: true },
  // After the check, as the writing begins.
  { script: 'import:outcomes', args: [FILES.outcomes], after: 'rows checked', signal: 'SIGTERM', mayFinish: true },
];

const RUNNER = 'subgraphs/lib/src/run-typescript.mjs';

/** The npm script's command after its runner, run with node directly (as npm would) so the signal reaches the importer itself. */
function commandOf(script: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts[script]!.split(' ');
  expect(words.slice(0, 2), `${script} runs its TypeScript with node and the runner`).toEqual(['node', RUNNER]);
  return words.slice(2);
}

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/**
 * Runs an import command; with `stop`, sends its signal once the output holds `stop.after`. With
 * --liftoff-only: for the few hundred rows these runs write, optimising the embedded database's
 * WebAssembly costs more CPU than it saves.
 */
function run(script: string, args: string[], env: Record<string, string>, stop?: Stop): Promise<Ended> {
  const child = spawn(process.execPath, ['--liftoff-only', RUNNER, '--import', 'test/support/shift-clock.ts', ...commandOf(script), ...args], {
    cwd: REPO,
    env: { ...process.env, ...env, REGIONS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    if (stop && output.includes(stop.after) && child.exitCode === null && !child.killed) child.kill(stop.signal);
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, output })));
}

/** Two stores equal at the start: one for the clean import in process, one the commands write. */
async function stores(): Promise<{ clean: Store; stoppedEnv: Record<string, string>; before: Record<string, string[]> }> {
  if (process.env.TEST_DATABASE_URL) {
    const [cleanDb, stoppedDb] = [await createTestDatabase('import_resume_clean'), await createTestDatabase('import_resume_stopped')];
    databases.push(cleanDb, stoppedDb);
    const clean = open(cleanDb.env);
    await prepare(clean);
    const before = await stateOf(clean);
    const stopped = open(stoppedDb.env);
    await prepare(stopped);
    await stopped.hub.close();
    return { clean, stoppedEnv: stoppedDb.env, before };
  }
  // The embedded database: prepared in memory, then written out as the data folder the commands open.
  const clean = open({ EMBEDDED_DATA_DIR: 'memory://' }, await bareImage());
  await prepare(clean);
  const before = await stateOf(clean);
  const client = (clean.hub.embedded() as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const data = join(dir, 'pglite');
  await unpackImage(await client.dumpDataDir('none'), data);
  return { clean, stoppedEnv: { EMBEDDED_DATA_DIR: data }, before };
}

async function stateAt(env: Record<string, string>): Promise<Record<string, string[]>> {
  const store = open(env);
  try {
    await ready(store);
    return await stateOf(store);
  } finally {
    await store.hub.close();
  }
}

describe('an import stopped part-way', () => {
  it('leaves each unit whole or untouched, and the next run, a day later, ends with the rows of a clean import', async () => {
    const { clean, stoppedEnv, before } = await stores();
    await importClean(clean);
    const after = await stateOf(clean);
    await clean.hub.close();

    for (const stop of STOPS) {
      const ended = await run(stop.script, stop.args, stoppedEnv, stop);
      const ends = stop.mayFinish ? [stop.signal, 0] : [stop.signal];
      expect(ends, `${stop.script} was still running when stopped:\n${ended.output}`).toContain(ended.signal ?? ended.code);
    }
    const stopped = await stateAt(stoppedEnv);
    for (const unit of Object.keys(before)) {
      expect([before[unit], after[unit]], `${unit} is half-written`).toContainEqual(stopped[unit]);
    }
    expect(stopped['referrals JZ43'], 'the referral import was stopped before it wrote').toEqual(before['referrals JZ43']);
    expect(stopped['cbs 85097NED'], 'the CBS import was stopped inside its transaction').toEqual(before['cbs 85097NED']);

    for (const stop of STOPS) {
      const ended = await run(stop.script, stop.args, { ...stoppedEnv, TEST_CLOCK_SHIFT_DAYS: '1' });
      expect(ended.code, ended.output).toBe(0);
    }
    expect(await stateAt(stoppedEnv)).toEqual(after);
  }, 240_000);
});

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FigureStatus } from '../db/national-schema.js';
import { ImportRejected, Problems } from '../reports/rejected.js';
import { parsePeriod } from './periods.js';

/**
 * One CBS StatLine table as OData v4 serves it (https://odata4.cbs.nl/CBS/<table>/), saved as a
 * folder of JSON files: Properties.json, MeasureCodes.json, one <Dimension>Codes.json per
 * dimension (RegioS and Perioden at least) and Observations.json, each as CBS sends it.
 */
export interface CbsTableData {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly modified: string | null;
  readonly measures: readonly { code: string; title: string; unit: string | null; decimals: number | null }[];
  readonly codes: readonly { dimension: string; code: string; title: string; status: FigureStatus | null }[];
  readonly observations: readonly CbsObservation[];
}

export interface CbsObservation {
  readonly cbsId: number;
  readonly measure: string;
  readonly dims: string;
  readonly period: string;
  readonly area: string;
  /** Null when CBS publishes no figure; `marker` then says why. */
  readonly value: number | null;
  readonly marker: string | null;
  readonly status: FigureStatus;
}

/** CBS's period statuses, in Dutch and English tables. */
const STATUSES: Readonly<Record<string, FigureStatus>> = {
  definitief: 'FINAL',
  definite: 'FINAL',
  final: 'FINAL',
  'nader voorlopig': 'REVISED_PROVISIONAL',
  'revised provisional': 'REVISED_PROVISIONAL',
  voorlopig: 'PROVISIONAL',
  provisional: 'PROVISIONAL',
};

const OBSERVATION_FIELDS = new Set(['Id', 'Measure', 'Value', 'ValueAttribute', 'StringValue']);
/** A ValueAttribute of "None" marks an ordinary figure; any other (Secret, Unknown, Impossible, ...) marks none. */
const NO_MARKER = 'None';
const SECRET_STRING = '.';

type Json = Record<string, unknown>;

async function readJson(folder: string, file: string, problems: Problems): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(folder, file), 'utf8');
  } catch {
    problems.add(`${file}: missing`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.add(`${file}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The `value` array OData wraps every entity set in. */
function entities(body: unknown, file: string, problems: Problems): Json[] {
  if (body === undefined) return [];
  if (!isObject(body) || !Array.isArray(body.value)) {
    problems.add(`${file}: expected an OData answer { "value": [ ... ] }`);
    return [];
  }
  if (typeof body['@odata.nextLink'] === 'string') {
    problems.add(`${file}: holds one page of several (@odata.nextLink); save every page into one "value" list`);
  }
  const rows: Json[] = [];
  body.value.forEach((row, i) => {
    if (isObject(row)) rows.push(row);
    else problems.add(`${file}: entry ${i} is not an object`);
  });
  return rows;
}

function codeList(rows: Json[], file: string, problems: Problems): Map<string, Json> {
  const codes = new Map<string, Json>();
  rows.forEach((row, i) => {
    const code = text(row.Identifier);
    if (!code) return problems.add(`${file}: entry ${i} has no Identifier`);
    if (codes.has(code)) return problems.add(`${file}: code ${code} appears twice`);
    if (!text(row.Title)) problems.add(`${file}: code ${code} has no Title`);
    codes.set(code, row);
  });
  return codes;
}

/** Reads and checks a whole table; any problem rejects all of it, naming every problem found. */
export async function readCbsFolder(folder: string): Promise<CbsTableData> {
  const problems = new Problems();
  let files: string[];
  try {
    files = await readdir(folder);
  } catch {
    throw new ImportRejected(folder, ['not a readable folder']);
  }

  const properties = await readJson(folder, 'Properties.json', problems);
  const id = isObject(properties) ? text(properties.Identifier) : null;
  const title = isObject(properties) ? text(properties.Title) : null;
  if (properties !== undefined && (!id || !title)) problems.add('Properties.json: needs the table Identifier and Title');

  const measures = codeList(entities(await readJson(folder, 'MeasureCodes.json', problems), 'MeasureCodes.json', problems), 'MeasureCodes.json', problems);

  const dimensionNames = files
    .map((f) => /^(.+)Codes\.json$/.exec(f)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'Measure')
    .sort();
  for (const required of ['RegioS', 'Perioden']) {
    if (!dimensionNames.includes(required)) problems.add(`${required}Codes.json: missing (every table this import reads is by region and period)`);
  }
  const dimensions = new Map<string, Map<string, Json>>();
  for (const name of dimensionNames) {
    const file = `${name}Codes.json`;
    dimensions.set(name, codeList(entities(await readJson(folder, file, problems), file, problems), file, problems));
  }

  const periodStatus = new Map<string, FigureStatus>();
  for (const [code, row] of dimensions.get('Perioden') ?? []) {
    if (!parsePeriod(code)) problems.add(`PeriodenCodes.json: ${code} is not a CBS period code such as 2023JJ00 or 2023HJ01`);
    const status = STATUSES[String(row.Status ?? '').trim().toLowerCase()];
    if (!status) problems.add(`PeriodenCodes.json: period ${code} has Status ${JSON.stringify(row.Status ?? null)}; expected Definitief, Nader voorlopig or Voorlopig`);
    else periodStatus.set(code, status);
  }

  const others = dimensionNames.filter((d) => d !== 'RegioS' && d !== 'Perioden');
  const observations: CbsObservation[] = [];
  const cells = new Set<string>();
  const rows = entities(await readJson(folder, 'Observations.json', problems), 'Observations.json', problems);
  rows.forEach((row, i) => {
    const where = `Observations.json: entry ${i}${row.Id !== undefined ? ` (Id ${String(row.Id)})` : ''}`;
    const before = problems.list.length;
    if (!Number.isInteger(row.Id)) problems.add(`${where}: Id must be a whole number`);
    for (const key of Object.keys(row)) {
      if (!OBSERVATION_FIELDS.has(key) && !dimensions.has(key)) problems.add(`${where}: unknown column ${key} (no ${key}Codes.json)`);
    }
    const measure = text(row.Measure);
    if (!measure || !measures.has(measure)) problems.add(`${where}: Measure ${JSON.stringify(row.Measure)} is not in MeasureCodes.json`);
    for (const [name, codes] of dimensions) {
      if (typeof row[name] !== 'string' || !codes.has(row[name])) problems.add(`${where}: ${name} ${JSON.stringify(row[name])} is not in ${name}Codes.json`);
    }
    const value = row.Value;
    if (value !== null && value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      problems.add(`${where}: Value must be a number or null, got ${JSON.stringify(value)}`);
    }
    const attribute = row.ValueAttribute ?? NO_MARKER;
    if (typeof attribute !== 'string') problems.add(`${where}: ValueAttribute must be a string`);
    if (problems.list.length > before) return;

    const dims = others.map((d) => `${d}=${String(row[d])}`).join(';');
    const period = String(row.Perioden);
    const area = String(row.RegioS);
    const cell = `${measure}|${dims}|${period}|${area}`;
    if (cells.has(cell)) return problems.add(`${where}: a second figure for ${measure} ${area} ${period}${dims ? ` ${dims}` : ''}`);
    cells.add(cell);
    const marker =
      row.StringValue === SECRET_STRING ? SECRET_STRING : attribute !== NO_MARKER ? String(attribute) : typeof value === 'number' ? null : 'Missing';
    observations.push({
      cbsId: row.Id as number,
      measure: measure as string,
      dims,
      period,
      area,
      value: marker === null ? (value as number) : null,
      marker,
      status: periodStatus.get(period) ?? 'PROVISIONAL',
    });
  });
  if (rows.length === 0 && problems.list.length === 0) problems.add('Observations.json: holds no observations');
  problems.throwIfAny(folder);

  return {
    id: id as string,
    title: title as string,
    description: isObject(properties) ? text(properties.Description) : null,
    modified: isObject(properties) ? text(properties.Modified) : null,
    measures: [...measures].map(([code, row]) => ({
      code,
      title: String(row.Title),
      unit: text(row.Unit),
      decimals: Number.isInteger(row.Decimals) ? (row.Decimals as number) : null,
    })),
    codes: [...dimensions].flatMap(([dimension, codes]) =>
      [...codes].map(([code, row]) => ({ dimension, code, title: String(row.Title), status: dimension === 'Perioden' ? (periodStatus.get(code) ?? null) : null })),
    ),
    observations,
  };
}

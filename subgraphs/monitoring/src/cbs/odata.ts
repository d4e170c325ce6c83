import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FigureStatus } from '../db/national-schema.js';
import { ImportRejected, Problems } from '../reports/rejected.js';
import { parsePeriod } from './periods.js';
import type { RawCbsTable } from './raw.js';
import { readV3, V3_MARKER_FILE } from './read-v3.js';
import { readV4, V4_MARKER_FILE } from './read-v4.js';
import { matchCode, tableSpec, type CbsCodeSpec, type CbsTableSpec } from './tables.js';

/** One CBS table, checked, with its codes matched to those monitoring reads, ready to store. */
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

/** Which service a saved folder comes from: v4 (Observations.json) or v3 (TypedDataSet.json). */
export const isCbsFolder = (folder: string): boolean => existsSync(join(folder, V4_MARKER_FILE)) || existsSync(join(folder, V3_MARKER_FILE));

const listed = (codes: Iterable<[string, { title: string }]>) => [...codes].map(([code, c]) => `${code} "${c.title}"`).join(', ') || 'nothing';
const expected = (spec: CbsCodeSpec) => `"${spec.title}" (${[spec.key, ...(spec.also ?? [])].join(' or ')})`;

/** Maps a file's codes onto the spec's: by identifier, then title. Unknown codes keep their own identifier. */
function codeMap(specs: readonly CbsCodeSpec[], codes: ReadonlyMap<string, { title: string }>, what: string, problems: Problems): Map<string, string> {
  const map = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const [identifier, { title }] of codes) {
    const spec = matchCode(specs, identifier, title);
    const key = spec?.key ?? identifier;
    const other = taken.get(key);
    if (other !== undefined) problems.add(`${what}: ${other} and ${identifier} both stand for ${key}`);
    taken.set(key, identifier);
    map.set(identifier, key);
  }
  for (const spec of specs) {
    if (!taken.has(spec.key)) problems.add(`${what}: expected ${expected(spec)}; the file holds ${listed(codes)}`);
  }
  return map;
}

function checkAgainstSpec(raw: RawCbsTable, spec: CbsTableSpec | undefined, problems: Problems) {
  const measureCodes = new Map(raw.measures.map((m) => [m.identifier, m]));
  const measures = codeMap(spec?.measures ?? [], measureCodes, `${raw.id} measures`, problems);
  const members = new Map<string, Map<string, string>>();
  for (const [name, codes] of raw.dimensions) {
    const wanted = spec?.dimensions.find((d) => d.name === name)?.members ?? [];
    members.set(name, name === 'RegioS' || name === 'Perioden' ? new Map([...codes.keys()].map((c) => [c, c])) : codeMap(wanted, codes, `${raw.id} ${name}`, problems));
  }
  for (const required of ['RegioS', 'Perioden', ...(spec?.dimensions.map((d) => d.name) ?? [])]) {
    if (!raw.dimensions.has(required)) {
      problems.add(`${raw.id}: expected dimension ${required}; the file has ${[...raw.dimensions.keys()].join(', ') || 'none'} (every table this import reads is by region and period)`);
    }
  }
  return { measures, members };
}

/** Reads and checks a whole table in either shape; any problem rejects all of it, naming every problem found. */
export async function readCbsFolder(folder: string): Promise<CbsTableData> {
  const problems = new Problems();
  try {
    await readdir(folder);
  } catch {
    throw new ImportRejected(folder, ['not a readable folder']);
  }
  const v3 = !existsSync(join(folder, V4_MARKER_FILE)) && existsSync(join(folder, V3_MARKER_FILE));
  const raw = v3 ? await readV3(folder, problems) : await readV4(folder, problems);
  const spec = tableSpec(raw.id);
  const { measures, members } = checkAgainstSpec(raw, spec, problems);

  const periodStatus = new Map<string, FigureStatus>();
  for (const [code, row] of raw.dimensions.get('Perioden') ?? []) {
    if (!parsePeriod(code)) problems.add(`Perioden: ${code} is not a CBS period code such as 2023JJ00 or 2023HJ01`);
    const status = STATUSES[String(row.status ?? '').trim().toLowerCase()];
    if (!status) problems.add(`Perioden: period ${code} has Status ${JSON.stringify(row.status ?? null)}; expected Definitief, Nader voorlopig or Voorlopig`);
    else periodStatus.set(code, status);
  }

  const others = [...raw.dimensions.keys()].filter((d) => d !== 'RegioS' && d !== 'Perioden').sort();
  const observations: CbsObservation[] = [];
  const cells = new Set<string>();
  for (const o of raw.observations) {
    const before = problems.list.length;
    const measure = measures.get(o.measure);
    if (measure === undefined) problems.add(`${o.where}: Measure ${JSON.stringify(o.measure)} is not in the table's measures`);
    for (const [name, codes] of raw.dimensions) {
      if (!codes.has(o.members[name] ?? '')) problems.add(`${o.where}: ${name} ${JSON.stringify(o.members[name])} is not in the ${name} codes`);
    }
    if (problems.list.length > before) continue;
    const dims = others.map((d) => `${d}=${members.get(d)!.get(o.members[d]!)}`).join(';');
    const period = o.members.Perioden!;
    const area = o.members.RegioS!;
    const key = `${measure}|${dims}|${period}|${area}`;
    if (cells.has(key)) {
      problems.add(`${o.where}: a second figure for ${measure} ${area} ${period}${dims ? ` ${dims}` : ''}`);
      continue;
    }
    cells.add(key);
    observations.push({ cbsId: o.cbsId, measure: measure!, dims, period, area, value: o.value, marker: o.marker, status: periodStatus.get(period) ?? 'PROVISIONAL' });
  }
  if (raw.observations.length === 0 && problems.list.length === 0) problems.add(`${v3 ? V3_MARKER_FILE : V4_MARKER_FILE}: holds no observations`);
  problems.throwIfAny(folder);

  return {
    id: raw.id,
    title: raw.title,
    description: raw.description,
    modified: raw.modified,
    measures: raw.measures.map((m) => ({ code: measures.get(m.identifier)!, title: m.title, unit: m.unit, decimals: m.decimals })),
    codes: [...raw.dimensions].flatMap(([dimension, codes]) =>
      [...codes].map(([code, row]) => ({
        dimension,
        code: members.get(dimension)!.get(code)!,
        title: row.title,
        status: dimension === 'Perioden' ? (periodStatus.get(code) ?? null) : null,
      })),
    ),
    observations,
  };
}

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { REGION_CODES, type RegionCode } from '@youth-care/lib/regions/registry';
import { FIRST_YEAR, isFigureYear } from '@youth-care/lib/years';
import { parseCsv } from './csv.js';
import { ImportRejected, Problems } from './rejected.js';

/**
 * Report files (client satisfaction, provider outcomes) as CSV or JSON, one row per region, year
 * and (optionally) provider. Both forms carry the same column names; percentages are 0 to 100.
 * A file is checked whole: one bad row rejects all of it, with every problem listed.
 */
export type FieldKind = 'region' | 'year' | 'agb' | 'count' | 'percent' | 'grade';

export interface Field {
  readonly column: string;
  readonly key: string;
  readonly kind: FieldKind;
  readonly required: boolean;
}

export type Raw = Record<string, unknown>;
export type Value = string | number | null;

const MAX_COUNT = 1_000_000;

export interface SourceRow {
  /** "line 3" or "entry 2", for messages. */
  readonly where: string;
  readonly raw: Raw;
}

/** Rows of a CSV or JSON file, by its extension. */
export async function readReportFile(path: string): Promise<SourceRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ImportRejected(path, ['cannot be read']);
  }
  const kind = extname(path).toLowerCase();
  if (kind === '.json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new ImportRejected(path, [`not valid JSON (${(error as Error).message})`]);
    }
    if (!Array.isArray(body)) throw new ImportRejected(path, ['expected a JSON array of rows']);
    return body.map((raw, i) => ({ where: `entry ${i}`, raw: (typeof raw === 'object' && raw !== null ? raw : { '': raw }) as Raw }));
  }
  if (kind === '.csv') {
    const table = parseCsv(text);
    return table.rows.map(({ line, cells }) => ({
      where: `line ${line}`,
      raw: Object.fromEntries(
        table.header.map((h, i) => {
          const cell = (cells[i] ?? '').trim();
          return [h, table.decimalComma ? cell.replace(/^(-?\d+),(\d+)$/, '$1.$2') : cell];
        }),
      ),
    }));
  }
  throw new ImportRejected(path, ['must be a .csv or .json file']);
}

function parseValue(field: Field, raw: unknown, served: readonly RegionCode[], thisYear: number): { value: Value } | { problem: string } {
  const empty = raw === undefined || raw === null || raw === '';
  if (empty) return field.required ? { problem: `${field.column} is required` } : { value: null };
  const asText = String(raw).trim();
  const asNumber = typeof raw === 'number' ? raw : asText === '' ? NaN : Number(asText);
  switch (field.kind) {
    case 'region': {
      const code = asText.toUpperCase();
      if (!(REGION_CODES as readonly string[]).includes(code)) return { problem: `${field.column} "${asText}" is not a known youth-care region (${REGION_CODES.join(', ')})` };
      if (!served.includes(code as RegionCode)) return { problem: `${field.column} ${code} is not served here (REGIONS: ${served.join(', ')})` };
      return { value: code };
    }
    case 'year':
      return isFigureYear(asNumber, thisYear)
        ? { value: asNumber }
        : { problem: `${field.column} must be a year from ${FIRST_YEAR} to ${thisYear}, got "${asText}"` };
    case 'agb':
      return /^\d{8}$/.test(asText) ? { value: asText } : { problem: `${field.column} must be an AGB code of 8 digits, got "${asText}"` };
    case 'count':
      return Number.isInteger(asNumber) && asNumber >= 0 && asNumber <= MAX_COUNT
        ? { value: asNumber }
        : { problem: `${field.column} must be a whole number from 0 to ${MAX_COUNT}, got "${asText}"` };
    case 'percent':
      return Number.isFinite(asNumber) && asNumber >= 0 && asNumber <= 100
        ? { value: Math.round(asNumber * 10) / 1000 }
        : { problem: `${field.column} must be a percentage from 0 to 100, got "${asText}"` };
    case 'grade':
      return Number.isFinite(asNumber) && asNumber >= 1 && asNumber <= 10
        ? { value: Math.round(asNumber * 10) / 10 }
        : { problem: `${field.column} must be a grade from 1 to 10, got "${asText}"` };
  }
}

/**
 * Checks every row against the fields; returns the records keyed by field key, or throws
 * ImportRejected naming every problem. `identity` lists the keys that may occur once per file.
 */
export function validateRows(
  label: string,
  rows: readonly SourceRow[],
  fields: readonly Field[],
  identity: readonly string[],
  served: readonly RegionCode[],
  thisYear: number,
): Record<string, Value>[] {
  const problems = new Problems();
  if (rows.length === 0) problems.add('holds no rows');
  const known = new Set(fields.map((f) => f.column));
  const unknown = new Map<string, string>();
  const missing = new Set<string>();
  const records: Record<string, Value>[] = [];
  const seen = new Map<string, string>();
  for (const { where, raw } of rows) {
    const before = problems.list.length;
    for (const column of Object.keys(raw)) if (!known.has(column) && !unknown.has(column)) unknown.set(column, where);
    const record: Record<string, Value> = {};
    for (const field of fields) {
      if (field.required && !(field.column in raw)) {
        missing.add(field.column);
        continue;
      }
      const parsed = parseValue(field, raw[field.column], served, thisYear);
      if ('problem' in parsed) problems.add(`${where}: ${parsed.problem}`);
      else record[field.key] = parsed.value;
    }
    if (problems.list.length > before || missing.size > 0) continue;
    const id = identity.map((k) => String(record[k] ?? '-')).join(' ');
    const first = seen.get(id);
    if (first) problems.add(`${where}: a second row for ${id} (first at ${first})`);
    seen.set(id, where);
    records.push(record);
  }
  problems.list.unshift(
    ...[...unknown].map(([column, where]) => `unknown column "${column}" (${where}); the columns are ${[...known].join(', ')}`),
    ...[...missing].map((column) => `column ${column} is missing`),
  );
  problems.throwIfAny(label);
  return records;
}

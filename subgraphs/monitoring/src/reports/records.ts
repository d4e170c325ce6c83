import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import { isRegionCode, type RegionCode } from '@youth-care/lib/regions/registry';
import { FIRST_YEAR, isFigureYear } from '@youth-care/lib/years';
import { parseCsv } from '@youth-care/lib/csv';
import { ImportRejected, Problems } from './rejected.js';

/**
 * Report files (client satisfaction, provider outcomes) as CSV or JSON, one row per region, year
 * and (optionally) provider. Both forms carry the same column names; percentages are 0 to 100.
 * A file is checked whole: one bad row rejects all of it, with every problem listed. Each report
 * declares its columns as zod cells; its record type is inferred from them.
 */
export type Raw = Record<string, unknown>;

/** What a region or year cell is checked against: the regions served, the year in progress. */
export interface RowContext {
  readonly served: readonly RegionCode[];
  readonly thisYear: number;
}

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

type Checked<T> = { value: T } | { problem: string };

/**
 * One cell: empty (missing, null or "") is null where the column is optional and a problem where
 * it is required; anything else is checked as text and, for numbers, as a number too.
 */
function cell<T>(check: (text: string, number: number) => Checked<T>, optional: true): z.ZodType<T | null, unknown>;
function cell<T>(check: (text: string, number: number) => Checked<T>, optional?: false): z.ZodType<T, unknown>;
function cell<T>(check: (text: string, number: number) => Checked<T>, optional = false): z.ZodType<T | null, unknown> {
  return z.unknown().transform((raw, ctx) => {
    if (raw === undefined || raw === null || raw === '') {
      if (optional) return null;
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const text = String(raw).trim();
    const checked = check(text, typeof raw === 'number' ? raw : text === '' ? NaN : Number(text));
    if ('value' in checked) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.problem });
    return z.NEVER;
  });
}

export const regionCell = (served: readonly RegionCode[]) =>
  cell<RegionCode>((text) => {
    const code = text.toUpperCase();
    if (!isRegionCode(code)) return { problem: `"${text}" is not a known youth-care region code (JZ and two digits)` };
    if (!served.includes(code)) return { problem: `${code} is not served here (REGIONS: ${served.join(', ')})` };
    return { value: code };
  });

export const yearCell = (thisYear: number) =>
  cell<number>((text, n) => (isFigureYear(n, thisYear) ? { value: n } : { problem: `must be a year from ${FIRST_YEAR} to ${thisYear}, got "${text}"` }));

const agb = (text: string): Checked<string> => (/^\d{8}$/.test(text) ? { value: text } : { problem: `must be an AGB code of 8 digits, got "${text}"` });
const count = (text: string, n: number): Checked<number> =>
  Number.isInteger(n) && n >= 0 && n <= MAX_COUNT ? { value: n } : { problem: `must be a whole number from 0 to ${MAX_COUNT}, got "${text}"` };
/** Stored as a share from 0 to 1, to three decimals. */
const percent = (text: string, n: number): Checked<number> =>
  Number.isFinite(n) && n >= 0 && n <= 100 ? { value: Math.round(n * 10) / 1000 } : { problem: `must be a percentage from 0 to 100, got "${text}"` };
const grade = (text: string, n: number): Checked<number> =>
  Number.isFinite(n) && n >= 1 && n <= 10 ? { value: Math.round(n * 10) / 10 } : { problem: `must be a grade from 1 to 10, got "${text}"` };

export const agbCell = () => cell(agb);
export const optionalAgbCell = () => cell(agb, true);
export const countCell = () => cell(count);
export const percentCell = () => cell(percent);
export const optionalPercentCell = () => cell(percent, true);
export const optionalGradeCell = () => cell(grade, true);

type Columns = Record<string, z.ZodType<unknown, unknown>>;

/** A report's columns (keyed by column name) and how a checked row becomes its record. */
export interface Report<S extends Columns, R> {
  readonly columns: (context: RowContext) => S;
  readonly toRecord: (row: z.output<z.ZodObject<S>>) => R;
}

/** The columns of a report, `?` marking those that may be left empty, for usage lines. */
export function columnList(report: { columns: (context: RowContext) => Columns }, context: RowContext): string {
  return Object.entries(report.columns(context))
    .map(([column, schema]) => `${column}${schema.safeParse(undefined).success ? '?' : ''}`)
    .join(',');
}

/**
 * Checks every row against the report's columns; returns the records, or throws ImportRejected
 * naming every problem. `identity` picks what may occur once per file.
 */
export function validateRows<S extends Columns, R>(
  label: string,
  rows: readonly SourceRow[],
  report: Report<S, R>,
  identity: (record: R) => readonly (string | number | null)[],
  context: RowContext,
): R[] {
  const shape = report.columns(context);
  const columns = Object.keys(shape);
  const required = columns.filter((column) => !shape[column]!.safeParse(undefined).success);
  const object = z.object(shape);
  const problems = new Problems();
  if (rows.length === 0) problems.add('holds no rows');
  const unknown = new Map<string, string>();
  const missing = new Set<string>();
  const records: R[] = [];
  const seen = new Map<string, string>();
  for (const { where, raw } of rows) {
    for (const column of Object.keys(raw)) if (!columns.includes(column) && !unknown.has(column)) unknown.set(column, where);
    const absent = required.filter((column) => !(column in raw));
    for (const column of absent) missing.add(column);
    // Every column as a key, so an absent optional one reads as empty.
    const parsed = object.safeParse(Object.fromEntries(columns.map((column) => [column, raw[column]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0]);
        if (!absent.includes(column)) problems.add(`${where}: ${column} ${issue.message}`);
      }
      continue;
    }
    if (missing.size > 0) continue;
    const record = report.toRecord(parsed.data);
    const id = identity(record).map((k) => String(k ?? '-')).join(' ');
    const first = seen.get(id);
    if (first) problems.add(`${where}: a second row for ${id} (first at ${first})`);
    seen.set(id, where);
    records.push(record);
  }
  problems.list.unshift(
    ...[...unknown].map(([column, where]) => `unknown column "${column}" (${where}); the columns are ${columns.join(', ')}`),
    ...[...missing].map((column) => `column ${column} is missing`),
  );
  problems.throwIfAny(label);
  return records;
}

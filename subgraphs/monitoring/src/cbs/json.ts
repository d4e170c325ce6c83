import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problems } from '../reports/rejected.js';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** A saved file as JSON; a missing file or broken JSON is a problem, and then undefined. */
export async function readJson(folder: string, file: string, problems: Problems): Promise<unknown> {
  let body: string;
  try {
    body = await readFile(join(folder, file), 'utf8');
  } catch {
    problems.add(`${file}: missing`);
    return undefined;
  }
  try {
    return JSON.parse(body.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    problems.add(`${file}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * The rows of an entity set: OData wraps them as { "value": [...] }; clients such as cbsodata
 * save the bare list. A file holding one page of several is refused, since rows would be missing.
 */
export function entities(body: unknown, file: string, problems: Problems): Json[] {
  if (body === undefined) return [];
  const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.value) ? body.value : undefined;
  if (!list) {
    problems.add(`${file}: expected an OData answer { "value": [ ... ] }`);
    return [];
  }
  if (isObject(body) && (typeof body['@odata.nextLink'] === 'string' || typeof body['odata.nextLink'] === 'string')) {
    problems.add(`${file}: holds one page of several (@odata.nextLink); save every page into one "value" list (npm run fetch:cbs does)`);
  }
  const rows: Json[] = [];
  list.forEach((row: unknown, i: number) => {
    if (isObject(row)) rows.push(row);
    else problems.add(`${file}: entry ${i} is not an object`);
  });
  return rows;
}

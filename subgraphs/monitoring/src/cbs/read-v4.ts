import { readdir } from 'node:fs/promises';
import type { Problems } from '../reports/rejected.js';
import { entities, isObject, readJson, text, type Json } from './json.js';
import type { RawCbsTable, RawCode, RawObservation } from './raw.js';
import { SECRET_STRING } from './raw.js';

/**
 * A table as the OData v4 service (https://odata4.cbs.nl/CBS/<table>/) serves it, saved as a
 * folder: Properties.json, MeasureCodes.json (Identifier, Title, Unit, Decimals, ...), one
 * <Dimension>Codes.json (Identifier, Title, ...) per dimension, and Observations.json in long form
 * (Id, Measure, ValueAttribute, Value, StringValue and one column per dimension).
 */
export const V4_MARKER_FILE = 'Observations.json';

const OBSERVATION_FIELDS = new Set(['Id', 'Measure', 'Value', 'ValueAttribute', 'StringValue']);
/** A ValueAttribute of "None" marks an ordinary figure; any other (Secret, Unknown, Impossible, ...) marks none. */
const NO_MARKER = 'None';

function codeList(rows: Json[], file: string, problems: Problems): Map<string, RawCode> {
  const codes = new Map<string, RawCode>();
  rows.forEach((row, i) => {
    const code = text(row.Identifier)?.trim();
    if (!code) return problems.add(`${file}: entry ${i} has no Identifier`);
    if (codes.has(code)) return problems.add(`${file}: code ${code} appears twice`);
    const title = text(row.Title);
    if (!title) problems.add(`${file}: code ${code} has no Title`);
    codes.set(code, { title: title ?? '', status: row.Status });
  });
  return codes;
}

export async function readV4(folder: string, problems: Problems): Promise<RawCbsTable> {
  const files = await readdir(folder);
  const properties = await readJson(folder, 'Properties.json', problems);
  const id = isObject(properties) ? text(properties.Identifier) : null;
  const title = isObject(properties) ? text(properties.Title) : null;
  if (properties !== undefined && (!id || !title)) problems.add('Properties.json: needs the table Identifier and Title');

  const measureRows = entities(await readJson(folder, 'MeasureCodes.json', problems), 'MeasureCodes.json', problems);
  const measures = [...codeList(measureRows, 'MeasureCodes.json', problems)].map(([identifier, code]) => {
    const row = measureRows.find((r) => String(r.Identifier).trim() === identifier)!;
    return { identifier, title: code.title, unit: text(row.Unit), decimals: Number.isInteger(row.Decimals) ? (row.Decimals as number) : null };
  });

  const names = files
    .map((f) => /^(.+)Codes\.json$/.exec(f)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'Measure')
    .sort();
  const dimensions = new Map<string, Map<string, RawCode>>();
  for (const name of names) {
    const file = `${name}Codes.json`;
    dimensions.set(name, codeList(entities(await readJson(folder, file, problems), file, problems), file, problems));
  }

  const observations: RawObservation[] = [];
  entities(await readJson(folder, 'Observations.json', problems), 'Observations.json', problems).forEach((row, i) => {
    const where = `Observations.json: entry ${i}${row.Id !== undefined ? ` (Id ${String(row.Id)})` : ''}`;
    const before = problems.list.length;
    if (!Number.isInteger(row.Id)) problems.add(`${where}: Id must be a whole number`);
    for (const key of Object.keys(row)) {
      if (!OBSERVATION_FIELDS.has(key) && !dimensions.has(key)) problems.add(`${where}: unknown column ${key} (no ${key}Codes.json)`);
    }
    const value = row.Value;
    if (value !== null && value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      problems.add(`${where}: Value must be a number or null, got ${JSON.stringify(value)}`);
    }
    const attribute = row.ValueAttribute ?? NO_MARKER;
    if (typeof attribute !== 'string') problems.add(`${where}: ValueAttribute must be a string`);
    if (problems.list.length > before) return;
    const members: Record<string, string> = {};
    for (const name of dimensions.keys()) members[name] = typeof row[name] === 'string' ? (row[name] as string).trim() : String(row[name]);
    const marker =
      row.StringValue === SECRET_STRING ? SECRET_STRING : attribute !== NO_MARKER ? String(attribute) : typeof value === 'number' ? null : 'Missing';
    observations.push({
      cbsId: row.Id as number,
      where,
      measure: typeof row.Measure === 'string' ? row.Measure.trim() : JSON.stringify(row.Measure),
      members,
      value: marker === null ? (value as number) : null,
      marker,
    });
  });

  return {
    id: id ?? '',
    title: title ?? '',
    description: isObject(properties) ? text(properties.Description) : null,
    modified: isObject(properties) ? text(properties.Modified) : null,
    measures,
    dimensions,
    observations,
  };
}

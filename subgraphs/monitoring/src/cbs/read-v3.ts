import type { Problems } from '../reports/rejected.js';
import { entities, readJson, text, type Json } from './json.js';
import type { RawCbsTable, RawCode, RawMeasure, RawObservation } from './raw.js';
import { SECRET_STRING } from './raw.js';

/**
 * A table as the older OData v3 service (https://opendata.cbs.nl/ODataApi/odata/<table>/) serves
 * it, and as the cbsodata client and most existing scripts save it: TableInfos.json,
 * DataProperties.json (the dimensions and topics, each with Key, Type and Title),
 * TypedDataSet.json (one row per cell of the dimensions, one column per topic) and one
 * <Dimension>.json code list (Key, Title, ...) per dimension. v3 pads codes with spaces
 * ("GM0855  "); they are trimmed.
 */
export const V3_MARKER_FILE = 'TypedDataSet.json';

const DIMENSION_TYPES = new Set(['Dimension', 'GeoDimension', 'GeoDetail', 'TimeDimension']);

export async function readV3(folder: string, problems: Problems): Promise<RawCbsTable> {
  const info = entities(await readJson(folder, 'TableInfos.json', problems), 'TableInfos.json', problems)[0];
  const id = text(info?.Identifier);
  const title = text(info?.Title);
  if (!id || !title) problems.add('TableInfos.json: needs the table Identifier and Title');

  const properties = entities(await readJson(folder, 'DataProperties.json', problems), 'DataProperties.json', problems);
  const dimensionKeys = properties.filter((p) => DIMENSION_TYPES.has(String(p.Type))).map((p) => String(p.Key));
  const measures: RawMeasure[] = properties
    .filter((p) => p.Type === 'Topic')
    .map((p) => ({
      identifier: String(p.Key),
      title: text(p.Title) ?? String(p.Key),
      unit: text(p.Unit),
      decimals: Number.isInteger(p.Decimals) ? (p.Decimals as number) : null,
    }));
  if (properties.length > 0 && measures.length === 0) problems.add('DataProperties.json: lists no Topic (measure)');

  const dimensions = new Map<string, Map<string, RawCode>>();
  for (const key of dimensionKeys) {
    const file = `${key}.json`;
    const codes = new Map<string, RawCode>();
    entities(await readJson(folder, file, problems), file, problems).forEach((row: Json, i) => {
      const code = text(row.Key)?.trim();
      if (!code) return problems.add(`${file}: entry ${i} has no Key`);
      if (codes.has(code)) return problems.add(`${file}: code ${code} appears twice`);
      codes.set(code, { title: text(row.Title) ?? '', status: row.Status });
    });
    dimensions.set(key, codes);
  }

  const observations: RawObservation[] = [];
  entities(await readJson(folder, V3_MARKER_FILE, problems), V3_MARKER_FILE, problems).forEach((row, i) => {
    const where = `${V3_MARKER_FILE}: entry ${i}${row.ID !== undefined ? ` (ID ${String(row.ID)})` : ''}`;
    if (!Number.isInteger(row.ID)) return problems.add(`${where}: ID must be a whole number`);
    const members: Record<string, string> = {};
    for (const key of dimensionKeys) members[key] = typeof row[key] === 'string' ? (row[key] as string).trim() : String(row[key]);
    for (const measure of measures) {
      const value = row[measure.identifier];
      const figure = typeof value === 'string' && value.trim() !== SECRET_STRING && value.trim() !== '' ? Number(value) : value;
      if (figure !== null && figure !== undefined && typeof figure !== 'string' && (typeof figure !== 'number' || !Number.isFinite(figure))) {
        problems.add(`${where}: ${measure.identifier} must be a number or null, got ${JSON.stringify(value)}`);
        continue;
      }
      const known = typeof figure === 'number' && Number.isFinite(figure);
      // The typed data set has null where the untyped one has "." (unknown or secret).
      observations.push({
        cbsId: (row.ID as number) * measures.length + measures.indexOf(measure),
        where,
        measure: measure.identifier,
        members,
        value: known ? (figure as number) : null,
        marker: known ? null : SECRET_STRING,
      });
    }
  });

  return {
    id: id ?? '',
    title: title ?? '',
    description: text(info?.ShortDescription) ?? text(info?.Summary),
    modified: text(info?.Modified),
    measures,
    dimensions,
    observations,
  };
}

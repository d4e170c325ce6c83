import { eq, sql, type SQL } from 'drizzle-orm';
import type { NationalHandle } from '@youth-care/lib/db/national-source';
import { rowsOf } from '@youth-care/lib/db/migrate';
import type { CbsTableData } from '../cbs/odata.js';
import type { NationalTables } from './national-schema.js';

/** The only place monitoring speaks SQL to the national source. */
type Source = NationalHandle<NationalTables>;

/** A later status outranks an earlier one. */
const rank = (status: SQL | string) =>
  sql`(CASE ${typeof status === 'string' ? sql.raw(status) : status} WHEN 'FINAL' THEN 3 WHEN 'REVISED_PROVISIONAL' THEN 2 ELSE 1 END)`;

const CHUNK = 5_000;

export interface ImportCounts {
  inserted: number;
  updated: number;
  /** Cells left as they were because the stored figure has a later status. */
  keptLaterStatus: number;
  unchanged: number;
  codesChanged: number;
}

export async function hasTable(src: Source, id: string): Promise<boolean> {
  const t = src.tables.cbsTable;
  const rows = await src.db.select({ id: t.id }).from(t).where(eq(t.id, id)).limit(1);
  return rows.length > 0;
}

/**
 * Writes a whole table in one transaction. Figures only change where the file differs from what
 * is stored, and never back to an earlier status; the same files twice change nothing.
 */
export async function importTable(src: Source, data: CbsTableData, progress: (done: number) => void): Promise<ImportCounts> {
  const t = src.tables;
  return src.db.transaction(async (tx) => {
    const changedCodes = async (statement: SQL) => rowsOf<{ n: number }>(await tx.execute(statement))[0]?.n ?? 0;
    let codesChanged = await changedCodes(sql`
      WITH written AS (
        INSERT INTO ${t.cbsTable} AS cur (id, title, description, modified)
        VALUES (${data.id}, ${data.title}, ${data.description}, ${data.modified})
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, modified = excluded.modified, imported_at = now()
        WHERE (cur.title, cur.description, cur.modified) IS DISTINCT FROM (excluded.title, excluded.description, excluded.modified)
        RETURNING 1)
      SELECT count(*)::int AS n FROM written`);
    codesChanged += await changedCodes(sql`
      WITH written AS (
        INSERT INTO ${t.cbsMeasure} AS cur (table_id, code, title, unit, decimals)
        SELECT ${data.id}, code, title, unit, decimals FROM jsonb_to_recordset(${JSON.stringify(data.measures)}::jsonb)
          AS x(code text, title text, unit text, decimals int)
        ON CONFLICT (table_id, code) DO UPDATE SET title = excluded.title, unit = excluded.unit, decimals = excluded.decimals
        WHERE (cur.title, cur.unit, cur.decimals) IS DISTINCT FROM (excluded.title, excluded.unit, excluded.decimals)
        RETURNING 1)
      SELECT count(*)::int AS n FROM written`);
    codesChanged += await changedCodes(sql`
      WITH written AS (
        INSERT INTO ${t.cbsCode} AS cur (table_id, dimension, code, title, status)
        SELECT ${data.id}, dimension, code, title, status FROM jsonb_to_recordset(${JSON.stringify(data.codes)}::jsonb)
          AS x(dimension text, code text, title text, status text)
        ON CONFLICT (table_id, dimension, code) DO UPDATE SET title = excluded.title, status = excluded.status
        WHERE (cur.title, cur.status) IS DISTINCT FROM (excluded.title, excluded.status)
          AND ${rank('excluded.status')} >= ${rank('cur.status')}
        RETURNING 1)
      SELECT count(*)::int AS n FROM written`);

    const counts: ImportCounts = { inserted: 0, updated: 0, keptLaterStatus: 0, unchanged: 0, codesChanged };
    for (let i = 0; i < data.observations.length; i += CHUNK) {
      const chunk = data.observations.slice(i, i + CHUNK);
      const result = await tx.execute(sql`
        WITH incoming AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
            AS x(measure text, dims text, period text, area text, value float8, marker text, status text, "cbsId" int)),
        later AS (
          SELECT count(*)::int AS n FROM incoming i JOIN ${t.cbsObservation} o
            ON o.table_id = ${data.id} AND o.measure = i.measure AND o.dims = i.dims AND o.period = i.period AND o.area = i.area
          WHERE ${rank(sql`o.status`)} > ${rank(sql`i.status`)}),
        written AS (
          INSERT INTO ${t.cbsObservation} AS cur (table_id, measure, dims, period, area, value, marker, status, cbs_id)
          SELECT ${data.id}, measure, dims, period, area, value, marker, status, "cbsId" FROM incoming
          ON CONFLICT (table_id, measure, dims, period, area) DO UPDATE
            SET value = excluded.value, marker = excluded.marker, status = excluded.status, cbs_id = excluded.cbs_id
          WHERE ${rank('excluded.status')} >= ${rank('cur.status')}
            AND (cur.value, cur.marker, cur.status) IS DISTINCT FROM (excluded.value, excluded.marker, excluded.status)
          RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
          (SELECT n FROM later) AS later
        FROM written`);
      const row = rowsOf<{ inserted: number; updated: number; later: number }>(result)[0];
      const inserted = row?.inserted ?? 0;
      const updated = row?.updated ?? 0;
      const later = row?.later ?? 0;
      counts.inserted += inserted;
      counts.updated += updated;
      counts.keptLaterStatus += later;
      counts.unchanged += chunk.length - inserted - updated - later;
      progress(Math.min(i + CHUNK, data.observations.length));
    }
    return counts;
  });
}

export interface CbsTableRow {
  id: string;
  title: string;
  modified: string | null;
  observations: number;
  periods: { code: string; title: string; status: string | null }[];
}

/** Every imported table with its observation count and periods. */
export async function tables(src: Source): Promise<CbsTableRow[]> {
  const { cbsTable: t, cbsObservation: o, cbsCode: c } = src.tables;
  const result = await src.db.execute(sql`
    SELECT t.id, t.title, t.modified,
      (SELECT count(*)::int FROM ${o} o WHERE o.table_id = t.id) AS observations,
      coalesce((SELECT json_agg(json_build_object('code', c.code, 'title', c.title, 'status', c.status) ORDER BY c.code)
        FROM ${c} c WHERE c.table_id = t.id AND c.dimension = 'Perioden'), '[]') AS periods
    FROM ${t} t
    ORDER BY t.id`);
  return rowsOf<CbsTableRow>(result);
}

/** An area (a region, a municipality or NL01) and one CBS area summed into it, for the days it counts. */
export interface AreaMember {
  area: string;
  member: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** One indicator in one period: a measure (and the measures it is weighed against or published relative as) in one cell of the other dimensions. */
export interface WantedFigure {
  indicator: string;
  tableId: string;
  measure: string;
  dims: string;
  weightMeasure: string | null;
  relativeMeasure: string | null;
  period: string;
  startsOn: string;
}

/** An area whose own CBS row (JZ.., GM...., NL01) stands for it in a period, where CBS has one. */
export interface OwnRow {
  area: string;
  period: string;
}

export interface AggregateRow {
  area: string;
  indicator: string;
  period: string;
  /** Members the area had on the period's first day, and how many of them have a row. */
  expected: number;
  present: number;
  /** Members whose figure (or weight) CBS did not publish. */
  withoutFigure: number;
  /** The members without a row or without a figure, by code. */
  incompleteMembers: string[];
  total: number | null;
  weight: number | null;
  weighted: number | null;
  /** The least final status among the figures summed: 1 provisional, 2 revised provisional, 3 final. */
  statusRank: number | null;
  /** The area's own row, where it may stand for the area: present, its figure, weight, status and CBS's relative figure. */
  ownPresent: boolean | null;
  ownValue: number | null;
  ownWeight: number | null;
  ownStatusRank: number | null;
  ownRelative: number | null;
}

/**
 * Each indicator for each area and period, in one statement for all of them: the area's own row
 * where it may stand for the area, and the sum over the area's members as they were on the
 * period's first day (means weighted by their weight measure).
 */
export async function aggregate(src: Source, members: readonly AreaMember[], wanted: readonly WantedFigure[], own: readonly OwnRow[]): Promise<AggregateRow[]> {
  const o = src.tables.cbsObservation;
  const cellOf = (alias: string, measure: string, area: string) =>
    sql`${sql.raw(alias)}.table_id = w."tableId" AND ${sql.raw(alias)}.measure = w.${sql.raw(measure)} AND ${sql.raw(alias)}.dims = w.dims
      AND ${sql.raw(alias)}.period = w.period AND ${sql.raw(alias)}.area = ${sql.raw(area)}`;
  const result = await src.db.execute(sql`
    WITH members AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(members)}::jsonb)
        AS m(area text, member text, "validFrom" date, "validUntil" date)),
    wanted AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb)
        AS w(indicator text, "tableId" text, measure text, dims text, "weightMeasure" text, "relativeMeasure" text, period text, "startsOn" date)),
    own AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(own)}::jsonb) AS x(area text, period text)),
    cells AS (
      SELECT m.area, m.member, w.indicator, w.period, f.value, f.status, f.area IS NOT NULL AS present,
        CASE WHEN w."weightMeasure" IS NULL THEN NULL ELSE g.value END AS weight,
        w."weightMeasure" IS NOT NULL AND g.value IS NULL AS "weightMissing"
      FROM wanted w
      JOIN members m ON (m."validFrom" IS NULL OR m."validFrom" <= w."startsOn") AND (m."validUntil" IS NULL OR w."startsOn" <= m."validUntil")
      LEFT JOIN ${o} f ON ${cellOf('f', 'measure', 'm.member')}
      LEFT JOIN ${o} g ON ${cellOf('g', '"weightMeasure"', 'm.member')}),
    summed AS (
      SELECT area, indicator, period,
        count(*)::int AS expected,
        count(*) FILTER (WHERE present)::int AS present,
        count(*) FILTER (WHERE value IS NULL OR "weightMissing")::int AS "withoutFigure",
        coalesce(array_agg(member ORDER BY member) FILTER (WHERE value IS NULL OR "weightMissing"), '{}') AS "incompleteMembers",
        sum(value)::float8 AS total,
        sum(weight)::float8 AS weight,
        sum(value * weight)::float8 AS weighted,
        (min(${rank(sql`status`)}) FILTER (WHERE present))::int AS "statusRank"
      FROM cells
      GROUP BY area, indicator, period),
    own_cells AS (
      SELECT x.area, w.indicator, w.period, f.area IS NOT NULL AS "ownPresent", f.value AS "ownValue",
        CASE WHEN w."weightMeasure" IS NULL THEN NULL ELSE g.value END AS "ownWeight",
        (CASE WHEN f.area IS NULL THEN NULL ELSE ${rank(sql`f.status`)} END)::int AS "ownStatusRank", r.value AS "ownRelative"
      FROM own x
      JOIN wanted w ON w.period = x.period
      LEFT JOIN ${o} f ON ${cellOf('f', 'measure', 'x.area')}
      LEFT JOIN ${o} g ON ${cellOf('g', '"weightMeasure"', 'x.area')}
      LEFT JOIN ${o} r ON ${cellOf('r', '"relativeMeasure"', 'x.area')})
    SELECT s.*, c."ownPresent", c."ownValue", c."ownWeight", c."ownStatusRank", c."ownRelative"
    FROM summed s LEFT JOIN own_cells c ON c.area = s.area AND c.indicator = s.indicator AND c.period = s.period`);
  return rowsOf<AggregateRow>(result);
}

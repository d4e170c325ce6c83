import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** The SQL type to cast list members to; serial types are not types of values. */
function valueType(column: PgColumn): string {
  const type = column.getSQLType();
  if (type === 'bigserial') return 'bigint';
  if (type === 'serial') return 'integer';
  return type;
}

/**
 * `column IN (…)` with the whole list as one JSON parameter, so a batch of any size is one
 * statement (Postgres allows at most 65,535 bound parameters) and the statement text does not
 * change with the batch's size.
 */
export function inList(column: PgColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value::${sql.raw(valueType(column))} FROM jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * `column = ANY(…)` for a few years: a plain filter, quicker to plan than inList's sub-select,
 * which counts where one statement holds the parts of many regions (see runTogether).
 */
export function amongYears(column: PgColumn, years: readonly number[]): SQL {
  return sql`${column} = ANY(${sql.param([...years])}::int[])`;
}

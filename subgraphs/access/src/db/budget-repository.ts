import { sql } from 'drizzle-orm';
import type { RegionSource } from '@youth-care/lib/db/region-sources';
import { rowsOf } from '@youth-care/lib/db/migrate';
import type { AccessTables } from './schema.js';

type Source = RegionSource<AccessTables>;

export interface BudgetLine {
  year: number;
  productCategory: string;
  line: string;
  euros: number;
}

/** Replaces the budget of every year the rows name, in one transaction: a budget file states a year's budget whole. */
export async function replaceBudgets(src: Source, rows: readonly BudgetLine[]): Promise<{ years: number[]; lines: number; removed: number }> {
  const b = src.tables.budget;
  const years = [...new Set(rows.map((r) => r.year))].sort();
  return src.db.transaction(async (tx) => {
    const removed = rowsOf<{ n: number }>(
      await tx.execute(sql`WITH gone AS (DELETE FROM ${b} WHERE year = ANY(${`{${years.join(',')}}`}::int[]) RETURNING 1) SELECT count(*)::int AS n FROM gone`),
    )[0]!.n;
    await tx.execute(sql`
      INSERT INTO ${b} (year, product_category, line, euros)
      SELECT year, "productCategory", line, euros FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(year smallint, "productCategory" varchar, line text, euros numeric)`);
    return { years, lines: rows.length, removed };
  });
}

export interface SpendingVsBudgetRow {
  productCategory: string;
  budgetEuros: number | null;
  budgetLines: string[];
  declaredEuros: number;
}

export interface SpendingYearRow {
  /** The last month with declarations in the year: the year to date runs through it. */
  throughMonth: string | null;
  /** Young people with at least one declaration in the year. */
  youngPeopleInCare: number;
}

/** Budget and declared euros per product category for a year, and the year's extent, in one statement. */
export async function spendingVsBudget(src: Source, year: number): Promise<{ categories: SpendingVsBudgetRow[]; year: SpendingYearRow }> {
  const { budget: b, spendingMonth: m, declaration: d, trajectory: t } = src.tables;
  const from = `${year}-01-01`;
  const to = `${year}-12-01`;
  const [row] = rowsOf<{ categories: SpendingVsBudgetRow[] | null; throughMonth: string | null; youngPeopleInCare: number }>(
    await src.db.execute(sql`
      WITH budgeted AS (
        SELECT product_category, sum(euros)::float8 AS euros, array_agg(DISTINCT line ORDER BY line) AS lines FROM ${b} WHERE year = ${year} GROUP BY product_category),
      declared AS (
        SELECT product_category, sum(euros)::float8 AS euros FROM ${m} WHERE month BETWEEN ${from}::date AND ${to}::date GROUP BY product_category)
      SELECT
        (SELECT json_agg(json_build_object('productCategory', c.product_category, 'budgetEuros', bu.euros, 'budgetLines', coalesce(bu.lines, '{}'),
            'declaredEuros', coalesce(de.euros, 0)) ORDER BY c.product_category)
          FROM (SELECT product_category FROM budgeted UNION SELECT product_category FROM declared) c
          LEFT JOIN budgeted bu USING (product_category) LEFT JOIN declared de USING (product_category)) AS categories,
        (SELECT max(month)::text FROM ${m} WHERE month BETWEEN ${from}::date AND ${to}::date) AS "throughMonth",
        (SELECT count(DISTINCT t.client_pseudonym)::int FROM ${d} d JOIN ${t} t ON t.id = d.trajectory_id
          WHERE d.month BETWEEN ${from}::date AND ${to}::date) AS "youngPeopleInCare"`),
  );
  return { categories: row?.categories ?? [], year: { throughMonth: row?.throughMonth ?? null, youngPeopleInCare: row?.youngPeopleInCare ?? 0 } };
}

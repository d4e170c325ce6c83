import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '@youth-care/lib/codes/product-categories';
import { parseCsv } from '@youth-care/lib/csv';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import { FIRST_YEAR } from '@youth-care/lib/years';

/**
 * A region's youth-care budget as a spreadsheet exports it, modelled on the "financieel kader" of
 * Noordoost-Brabant's implementation plan: one row per budget line and product category,
 *
 *   region;year;line;product_category;budget_euros
 *   JZ33;2020;Jeugdzorgplus;43;4.387.470
 *   JZ33;2020;Gecertificeerde instellingen;48;12.582.812
 *
 * comma or semicolon separated; with semicolons amounts may be written the Dutch way (4.387.470,50).
 * A line that spans several product categories is split over them in as many rows.
 */
export const BUDGET_COLUMNS = ['region', 'year', 'line', 'product_category', 'budget_euros'] as const;

export interface BudgetRow {
  readonly region: RegionCode;
  readonly year: number;
  readonly line: string;
  readonly productCategory: string;
  readonly euros: number;
}

/** "4.387.470,50" (Dutch, in a semicolon file), "4387470.50" or "€ 4 387 470" as a number of euros. */
function amount(text: string, decimalComma: boolean): number {
  const bare = text.replace(/[€\s]/g, '');
  return Number(decimalComma ? bare.replace(/\./g, '').replace(',', '.') : bare.replace(/,/g, ''));
}

const row = (served: readonly RegionCode[], thisYear: number) =>
  z.object({
    region: z
      .string()
      .transform((r) => r.trim().toUpperCase())
      .refine((r): r is RegionCode => (served as readonly string[]).includes(r), { error: (i) => `region ${JSON.stringify(i.input)} is not served here (${served.join(', ')})` }),
    year: z.coerce
      .number({ error: `year must be a year from ${FIRST_YEAR} to ${thisYear + 1}` })
      .int({ error: `year must be a year from ${FIRST_YEAR} to ${thisYear + 1}` })
      .min(FIRST_YEAR, { error: `year must be a year from ${FIRST_YEAR} to ${thisYear + 1}` })
      .max(thisYear + 1, { error: `year must be a year from ${FIRST_YEAR} to ${thisYear + 1}` }),
    line: z.string().trim().min(1, { error: 'line must name the budget line' }).max(200, { error: 'line must name the budget line' }),
    productCategory: z
      .string()
      .trim()
      .refine((c) => PRODUCT_CATEGORIES.some((p) => p.code === c), { error: (i) => `product_category ${JSON.stringify(i.input)} is not in code list JZ020` }),
    euros: z
      .number({ error: 'budget_euros must be an amount in euros with at most two decimals' })
      .refine((e) => Number.isFinite(e) && e >= 0 && e < 1e12 && Math.abs(Math.round(e * 100) - e * 100) < 1e-6, { error: 'budget_euros must be an amount in euros with at most two decimals' }),
  });

/** Every row checked; the rows, or every problem found with its line. */
export function readBudgetCsv(text: string, served: readonly RegionCode[], thisYear: number): { rows: BudgetRow[]; problems: string[] } {
  const table = parseCsv(text);
  const problems: string[] = [];
  if (table.header.length === 0 || table.rows.length === 0) return { rows: [], problems: ['the file holds no rows'] };
  for (const column of BUDGET_COLUMNS) if (!table.header.includes(column)) problems.push(`column ${column} is missing; the columns are ${BUDGET_COLUMNS.join(', ')}`);
  for (const column of table.header) if (!(BUDGET_COLUMNS as readonly string[]).includes(column)) problems.push(`unknown column "${column}"; the columns are ${BUDGET_COLUMNS.join(', ')}`);
  if (problems.length > 0) return { rows: [], problems };
  const schema = row(served, thisYear);
  const rows: BudgetRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const cell = (column: string) => cells[table.header.indexOf(column)] ?? '';
    const parsed = schema.safeParse({
      region: cell('region'),
      year: cell('year').trim(),
      line: cell('line'),
      productCategory: cell('product_category'),
      euros: amount(cell('budget_euros'), table.decimalComma),
    });
    if (!parsed.success) {
      problems.push(...[...new Set(parsed.error.issues.map((i) => i.message))].map((m) => `line ${line}: ${m}`));
      continue;
    }
    const key = `${parsed.data.region} ${parsed.data.year} ${parsed.data.line} ${parsed.data.productCategory}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`line ${line}: a second row for ${key} (first on line ${first})`);
    seen.set(key, line);
    rows.push(parsed.data);
  }
  return { rows: problems.length > 0 ? [] : rows, problems };
}

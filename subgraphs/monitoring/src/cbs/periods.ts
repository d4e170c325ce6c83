/**
 * CBS period codes: the year, a two-letter kind and a number, e.g. 2023JJ00 (the year 2023),
 * 2023HJ01 (its first half), 2023KW03 (third quarter), 2023MM11 (November).
 */
export interface CbsPeriod {
  readonly code: string;
  readonly year: number;
  /** First day of the period: the municipal boundaries of that day count for region sums. */
  readonly startsOn: string;
  readonly endsOn: string;
}

const MONTHS_PER: Record<string, number> = { JJ: 12, HJ: 6, KW: 3, MM: 1 };
const MAX_NUMBER: Record<string, number> = { JJ: 0, HJ: 2, KW: 4, MM: 12 };

export function parsePeriod(code: string): CbsPeriod | undefined {
  const match = /^(\d{4})(JJ|HJ|KW|MM)(\d{2})$/.exec(code);
  if (!match) return undefined;
  const [, yearText, kind, numberText] = match as unknown as [string, string, string, string];
  const year = Number(yearText);
  const number = Number(numberText);
  const max = MAX_NUMBER[kind] ?? 0;
  if (kind === 'JJ' ? number !== 0 : number < 1 || number > max) return undefined;
  const month = kind === 'JJ' ? 1 : (number - 1) * (MONTHS_PER[kind] ?? 1) + 1;
  const last = month + (MONTHS_PER[kind] ?? 1) - 1;
  const endsOn = new Date(Date.UTC(year, last, 0)).toISOString().slice(0, 10);
  return { code, year, startsOn: `${yearText}-${String(month).padStart(2, '0')}-01`, endsOn };
}

export const yearPeriod = (year: number): string => `${year}JJ00`;

import { addDays, addMonths } from '@youth-care/lib/dates';
import { badInput } from '@youth-care/lib/errors';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import type { Period } from './db/statistics-repository.js';

const MAX_YEARS = 10;

/** A period from client arguments: the last twelve months up to today when left out. */
export function periodOf(args: { from?: string | null; to?: string | null }): Period {
  const to = args.to ?? todayInNetherlands();
  const from = args.from ?? addDays(addMonths(to, -12), 1);
  if (from > to) throw badInput('from', `from (${from}) lies after to (${to})`);
  if (from < addMonths(to, -12 * MAX_YEARS)) throw badInput('from', `a period spans at most ${MAX_YEARS} years`);
  return { from, to };
}

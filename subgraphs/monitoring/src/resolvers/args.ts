import { badInput } from '@youth-care/lib/errors';
import { parsePeriod } from '../cbs/periods.js';

const MAX_PERIODS = 40;

/** CBS period codes, checked, without repeats. */
export function checkPeriods(periods: readonly string[], field = 'periods'): string[] {
  if (periods.length === 0) throw badInput(field, `${field} must name at least one CBS period, e.g. 2023JJ00`);
  if (periods.length > MAX_PERIODS) throw badInput(field, `${field} may name at most ${MAX_PERIODS} periods`);
  return [
    ...new Set(
      periods.map((p) => {
        const code = p.trim().toUpperCase();
        if (!parsePeriod(code)) throw badInput(field, `${field}: "${p}" is not a CBS period code such as 2023JJ00 (year), 2023HJ01 (half year), 2023KW02, 2023MM05`);
        return code;
      }),
    ),
  ];
}

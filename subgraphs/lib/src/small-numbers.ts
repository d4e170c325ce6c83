/**
 * The small-number rule, as CBS applies it: a count that leaves its region (in a comparison
 * between regions, to a learning circle, to a provider, to the public) is rounded to a multiple
 * of 5, and a count under 5 is suppressed, since it could identify a child. Anything computed
 * from a suppressed count is suppressed too. Rates and shares are computed from the rounded
 * count, so the exact count cannot be worked back from a rate and a published population.
 */
export const ROUNDING_BASE = 5;
export const SUPPRESSION_THRESHOLD = 5;

export interface Protected<T> {
  /** Null when suppressed. */
  readonly value: T | null;
  readonly suppressed: boolean;
}

export type ProtectedCount = Protected<number>;

const suppressed = <T>(): Protected<T> => ({ value: null, suppressed: true });

export function protectCount(count: number | null | undefined): ProtectedCount {
  if (count === null || count === undefined || count < SUPPRESSION_THRESHOLD) return suppressed();
  return { value: Math.round(count / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false };
}

/** A rate per `per` (1,000 young people by default), from the protected count. */
export function protectRate(count: number | null | undefined, population: number | null | undefined, per = 1000): Protected<number> {
  const protectedCount = protectCount(count);
  if (protectedCount.value === null || !population) return suppressed();
  return { value: Math.round(((protectedCount.value * per) / population) * 10) / 10, suppressed: false };
}

/** A share (0 to 1) of two counts, from the protected counts; suppressed when either count is. */
export function protectShare(part: number | null | undefined, whole: number | null | undefined): Protected<number> {
  const p = protectCount(part);
  const w = protectCount(whole);
  if (p.value === null || w.value === null) return suppressed();
  return { value: Math.round((p.value / w.value) * 1000) / 1000, suppressed: false };
}

const exact = (count: number | null | undefined): ProtectedCount =>
  count === null || count === undefined ? suppressed() : { value: count, suppressed: false };

/** How counts are shown to one caller: exact inside their region, under the rule above outside it. */
export interface Disclosure {
  count(count: number | null | undefined): ProtectedCount;
  /** A figure (a median, a mean) that rests on `cases`: suppressed when those would be. */
  figure(value: number | null | undefined, cases: number | null | undefined): Protected<number>;
}

export const PROTECTED: Disclosure = {
  count: protectCount,
  figure: (value, cases) =>
    value === null || value === undefined || protectCount(cases).suppressed ? suppressed() : { value: Math.round(value * 10) / 10, suppressed: false },
};

export const EXACT: Disclosure = {
  count: exact,
  figure: (value) => (value === null || value === undefined ? suppressed() : { value: Math.round(value * 10) / 10, suppressed: false }),
};

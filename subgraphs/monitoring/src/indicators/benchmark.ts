import type { Protected } from '@youth-care/lib/small-numbers';
import type { RegionCode } from '@youth-care/lib/regions/registry';

export interface RegionFigure {
  readonly region: RegionCode;
  readonly value: Protected<number>;
}

export interface BenchmarkModel {
  readonly national: Protected<number>;
  readonly regions: RegionFigure[];
  readonly median: Protected<number>;
  readonly rank: number | null;
  readonly ranked: number;
}

/** Compares on the protected values only, so no exact count can be worked back from a rank or median. */
export function benchmark(own: RegionCode, compared: readonly RegionFigure[], national: Protected<number>): BenchmarkModel {
  const valued = compared.flatMap((c) => (c.value.value === null ? [] : [{ figure: c, value: c.value.value }]));
  const regions = [...valued].sort((a, b) => b.value - a.value || a.figure.region.localeCompare(b.figure.region)).map((v) => v.figure);
  regions.push(...compared.filter((c) => c.value.value === null));
  const sorted = valued.map((c) => c.value).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? { value: null, suppressed: compared.some((c) => c.value.suppressed) }
      : { value: Math.round((sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2) * 1000) / 1000, suppressed: false };
  const mine = compared.find((c) => c.region === own)?.value.value ?? null;
  const rank = mine === null ? null : 1 + valued.filter((c) => c.value > mine).length;
  return { national, regions, median, rank, ranked: valued.length };
}

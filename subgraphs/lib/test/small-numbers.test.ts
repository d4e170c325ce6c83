import { describe, expect, it } from 'vitest';
import { protectCount, protectRate, protectShare } from '../src/small-numbers.js';

describe('small numbers', () => {
  it.each([
    [0, null, true],
    [4, null, true],
    [5, 5, false],
    [7, 5, false],
    [8, 10, false],
    [12, 10, false],
    [13, 15, false],
    [1234, 1235, false],
  ])('count %i leaves the region as %j (suppressed: %s)', (count, value, isSuppressed) => {
    expect(protectCount(count)).toEqual({ value, suppressed: isSuppressed });
  });

  it('suppresses a rate built on a suppressed count, and computes others from the rounded count', () => {
    expect(protectRate(4, 10_000)).toEqual({ value: null, suppressed: true });
    expect(protectRate(7, 10_000)).toEqual({ value: 0.5, suppressed: false });
    expect(protectRate(null, 10_000)).toEqual({ value: null, suppressed: true });
  });

  it('suppresses a share when its part or its whole is suppressed', () => {
    expect(protectShare(3, 100)).toEqual({ value: null, suppressed: true });
    expect(protectShare(10, 3)).toEqual({ value: null, suppressed: true });
    expect(protectShare(7, 20)).toEqual({ value: 0.25, suppressed: false });
  });
});

/**
 * Loaded with `node --import` by tests: moves this process's clock TEST_CLOCK_SHIFT_DAYS days on,
 * as a restart on a later day sees it.
 */
const shiftMs = Number(process.env.TEST_CLOCK_SHIFT_DAYS ?? 0) * 86_400_000;
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + shiftMs);
    else super(...(args as ConstructorParameters<DateConstructor>));
  }

  static override now(): number {
    return RealDate.now() + shiftMs;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;

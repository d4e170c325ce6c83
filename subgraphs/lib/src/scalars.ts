import { GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode, PublicError } from './errors.js';

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** A date from the caller: one that is not a calendar date is the caller's mistake. */
export function parseDate(value: unknown): string {
  if (isCalendarDate(value)) return value;
  throw new PublicError(`Date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`, ErrorCode.BAD_USER_INPUT);
}

/** A date from our own store: one that is not a calendar date is a fault of ours, masked and logged. */
function serializeDate(value: unknown): string {
  if (isCalendarDate(value)) return value;
  throw new Error(`stored value ${JSON.stringify(value)} is not a calendar date`);
}

/** A calendar date without time or zone, as YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: serializeDate,
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return parseDate(undefined);
    return parseDate(ast.value);
  },
});

/**
 * Made once: building a formatter with a time zone costs a fifth of a millisecond, and every
 * region of a comparison checks its years against today (checkYears), so a new one per call was
 * a cost per region of each request.
 */
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** The last day found, by the minute it was asked in: formatting in a time zone is slow, and resolvers ask per region. */
let lastDay: { minute: number; day: string } | undefined;

/** Today's date in the Netherlands, where every region in the federation is. */
export function todayInNetherlands(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastDay?.minute !== minute) lastDay = { minute, day: DUTCH_DATE.format(now) };
  return lastDay.day;
}

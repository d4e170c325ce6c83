import { sql, type SQL } from 'drizzle-orm';
import { inList } from '@youth-care/lib/db/in-list';
import { END_ACCORDING_TO_PLAN, END_BY_CLIENT } from '@youth-care/lib/codes/ijw';
import type { AccessTables } from './schema.js';

/** The trajectory columns the referral figures per year depend on. */
export const COUNTED = sql.raw('requested_on, crisis, started_on, ended_on, end_reason');

/**
 * The end of a statement whose CTEs `before` and `written` hold the trajectories of a chunk as
 * stored before it and as written by it (both with the COUNTED columns): it takes each old row
 * out of the referral figures per year and puts each new one in. A row counts where its dates
 * fall; a trajectory moved on (started, ended) thus leaves one count and enters another. It
 * answers the years whose starts changed, for medianOfStarts.
 */
export function keepReferralYears(t: AccessTables): SQL {
  return sql`
    moved AS (SELECT 1 AS sign, * FROM written UNION ALL SELECT -1, * FROM before),
    years AS (
      INSERT INTO ${t.referralYear} AS f (year, requested, ended, ended_by_client, ended_according_to_plan, duration_days, durations)
      SELECT e.year, sum(e.requested), sum(e.ended), sum(e.by_client), sum(e.to_plan), sum(e.days), sum(e.durations)
      FROM moved CROSS JOIN LATERAL (VALUES
        (extract(year FROM requested_on)::int, sign, 0, 0, 0, 0, 0),
        (extract(year FROM ended_on)::int, 0, sign, CASE WHEN end_reason = ${END_BY_CLIENT} THEN sign ELSE 0 END,
          CASE WHEN end_reason = ${END_ACCORDING_TO_PLAN} THEN sign ELSE 0 END, coalesce(sign * (ended_on - started_on), 0),
          CASE WHEN started_on IS NULL THEN 0 ELSE sign END)
      ) AS e(year, requested, ended, by_client, to_plan, days, durations)
      WHERE e.year IS NOT NULL
      GROUP BY e.year
      ON CONFLICT (year) DO UPDATE SET requested = f.requested + EXCLUDED.requested, ended = f.ended + EXCLUDED.ended,
        ended_by_client = f.ended_by_client + EXCLUDED.ended_by_client,
        ended_according_to_plan = f.ended_according_to_plan + EXCLUDED.ended_according_to_plan,
        duration_days = f.duration_days + EXCLUDED.duration_days, durations = f.durations + EXCLUDED.durations),
    starts AS (
      INSERT INTO ${t.referralWait} AS w (year, days, started)
      SELECT extract(year FROM started_on)::int, started_on - requested_on, sum(sign) FROM moved
      WHERE NOT crisis AND started_on IS NOT NULL
      GROUP BY 1, 2
      ON CONFLICT (year, days) DO UPDATE SET started = w.started + EXCLUDED.started
      RETURNING year)
    SELECT DISTINCT year FROM starts`;
}

/**
 * Works out the regular starts and their median days from request to start again for the years
 * given, from the counts per day: percentile_cont(0.5) takes the middle value, or halfway
 * between the two middle ones, and so does this.
 */
export function medianOfStarts(t: AccessTables, years: readonly number[]): SQL {
  return sql`
    WITH counted AS (
      SELECT year, days, sum(started) OVER (PARTITION BY year ORDER BY days) AS upto, sum(started) OVER (PARTITION BY year) AS n
      FROM ${t.referralWait} WHERE ${inList(t.referralWait.year, years)} AND started > 0
    ), middle AS (
      SELECT year, n, 0.5 * (n - 1) AS at, min(days) FILTER (WHERE upto > floor(0.5 * (n - 1))) AS lower,
        min(days) FILTER (WHERE upto > ceil(0.5 * (n - 1))) AS upper
      FROM counted GROUP BY year, n
    )
    INSERT INTO ${t.referralYear} AS f (year, started_regular, request_to_start_median)
    SELECT y.year, coalesce(m.n, 0), m.lower::float8 + (m.upper::float8 - m.lower::float8) * (m.at - floor(m.at))::float8
    FROM (SELECT value::int AS year FROM jsonb_array_elements_text(${JSON.stringify(years)}::jsonb)) AS y LEFT JOIN middle m ON m.year = y.year
    ON CONFLICT (year) DO UPDATE SET started_regular = EXCLUDED.started_regular, request_to_start_median = EXCLUDED.request_to_start_median`;
}

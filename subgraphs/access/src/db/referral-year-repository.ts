import { sql, type SQL } from 'drizzle-orm';
import { END_ACCORDING_TO_PLAN, END_BY_CLIENT } from '@youth-care/lib/codes/ijw';
import type { AccessTables } from './schema.js';

/** The trajectory columns the referral figures per year depend on. */
export const COUNTED = sql.raw('requested_on, crisis, started_on, ended_on, end_reason');

/**
 * The end of a statement whose CTEs `before` and `written` hold the trajectories of a chunk as
 * stored before it and as written by it (both with the COUNTED columns): it takes each old row
 * out of the referral figures per year and puts each new one in. A row counts where its dates
 * fall; a trajectory moved on (started, ended) thus leaves one count and enters another.
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
        duration_days = f.duration_days + EXCLUDED.duration_days, durations = f.durations + EXCLUDED.durations)
    INSERT INTO ${t.referralWait} AS w (year, days, started)
    SELECT extract(year FROM started_on)::int, started_on - requested_on, sum(sign) FROM moved
    WHERE NOT crisis AND started_on IS NOT NULL
    GROUP BY 1, 2
    ON CONFLICT (year, days) DO UPDATE SET started = w.started + EXCLUDED.started`;
}

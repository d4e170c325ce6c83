CREATE TABLE "referral_wait" (
	"year" smallint NOT NULL,
	"days" integer NOT NULL,
	"started" integer NOT NULL,
	CONSTRAINT "referral_wait_year_days_pk" PRIMARY KEY("year","days")
);
--> statement-breakpoint
CREATE TABLE "referral_year" (
	"year" smallint PRIMARY KEY NOT NULL,
	"requested" integer DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	"ended_by_client" integer DEFAULT 0 NOT NULL,
	"ended_according_to_plan" integer DEFAULT 0 NOT NULL,
	"duration_days" bigint DEFAULT 0 NOT NULL,
	"durations" integer DEFAULT 0 NOT NULL,
	"started_regular" integer DEFAULT 0 NOT NULL,
	"request_to_start_median" double precision
);
--> statement-breakpoint
WITH requested AS (
	SELECT extract(year FROM "requested_on")::int AS "year", count(*)::int AS "requested" FROM "trajectory" GROUP BY 1
), ended AS (
	SELECT extract(year FROM "ended_on")::int AS "year", count(*)::int AS "ended",
		count(*) FILTER (WHERE "end_reason" = '32')::int AS "ended_by_client",
		count(*) FILTER (WHERE "end_reason" = '31')::int AS "ended_according_to_plan",
		coalesce(sum("ended_on" - "started_on"), 0) AS "duration_days", count("started_on")::int AS "durations"
	FROM "trajectory" WHERE "ended_on" IS NOT NULL GROUP BY 1
), started AS (
	SELECT extract(year FROM "started_on")::int AS "year", count(*)::int AS "started_regular",
		percentile_cont(0.5) WITHIN GROUP (ORDER BY "started_on" - "requested_on") AS "request_to_start_median"
	FROM "trajectory" WHERE NOT "crisis" AND "started_on" IS NOT NULL GROUP BY 1
)
INSERT INTO "referral_year" ("year", "requested", "ended", "ended_by_client", "ended_according_to_plan", "duration_days", "durations",
	"started_regular", "request_to_start_median")
SELECT "year", coalesce("requested", 0), coalesce("ended", 0), coalesce("ended_by_client", 0), coalesce("ended_according_to_plan", 0),
	coalesce("duration_days", 0), coalesce("durations", 0), coalesce("started_regular", 0), "request_to_start_median"
FROM requested FULL JOIN ended USING ("year") FULL JOIN started USING ("year");
--> statement-breakpoint
INSERT INTO "referral_wait" ("year", "days", "started")
SELECT extract(year FROM "started_on")::int, "started_on" - "requested_on", count(*)::int
FROM "trajectory" WHERE NOT "crisis" AND "started_on" IS NOT NULL GROUP BY 1, 2;

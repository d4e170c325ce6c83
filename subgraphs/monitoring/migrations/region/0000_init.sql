CREATE TABLE "outcome_report" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"provider_agb" varchar(8) NOT NULL,
	"trajectories" integer NOT NULL,
	"dropout" double precision,
	"usefulness" double precision,
	"continues_without_help" double precision,
	"no_repeat_use" double precision,
	"problems_reduced" double precision,
	"goals_reached" double precision,
	"source" text NOT NULL,
	CONSTRAINT "outcome_report_once" UNIQUE("year","provider_agb"),
	CONSTRAINT "outcome_report_trajectories_check" CHECK ("outcome_report"."trajectories" >= 0),
	CONSTRAINT "outcome_report_shares_check" CHECK (("outcome_report"."dropout" IS NULL OR "outcome_report"."dropout" BETWEEN 0 AND 1) AND ("outcome_report"."usefulness" IS NULL OR "outcome_report"."usefulness" BETWEEN 0 AND 1) AND ("outcome_report"."continues_without_help" IS NULL OR "outcome_report"."continues_without_help" BETWEEN 0 AND 1) AND ("outcome_report"."no_repeat_use" IS NULL OR "outcome_report"."no_repeat_use" BETWEEN 0 AND 1) AND ("outcome_report"."problems_reduced" IS NULL OR "outcome_report"."problems_reduced" BETWEEN 0 AND 1) AND ("outcome_report"."goals_reached" IS NULL OR "outcome_report"."goals_reached" BETWEEN 0 AND 1))
);
--> statement-breakpoint
CREATE TABLE "satisfaction_survey" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"provider_agb" varchar(8),
	"respondents" integer NOT NULL,
	"accessibility" double precision NOT NULL,
	"quality" double precision NOT NULL,
	"effect" double precision NOT NULL,
	"overall_grade" double precision,
	"source" text NOT NULL,
	CONSTRAINT "satisfaction_survey_once" UNIQUE NULLS NOT DISTINCT("year","provider_agb"),
	CONSTRAINT "satisfaction_survey_respondents_check" CHECK ("satisfaction_survey"."respondents" >= 0),
	CONSTRAINT "satisfaction_survey_shares_check" CHECK (("satisfaction_survey"."accessibility" IS NULL OR "satisfaction_survey"."accessibility" BETWEEN 0 AND 1) AND ("satisfaction_survey"."quality" IS NULL OR "satisfaction_survey"."quality" BETWEEN 0 AND 1) AND ("satisfaction_survey"."effect" IS NULL OR "satisfaction_survey"."effect" BETWEEN 0 AND 1)),
	CONSTRAINT "satisfaction_survey_grade_check" CHECK ("satisfaction_survey"."overall_grade" IS NULL OR "satisfaction_survey"."overall_grade" BETWEEN 1 AND 10)
);

CREATE TABLE "waiting_time_year" (
	"year" smallint PRIMARY KEY NOT NULL,
	"providers_reporting" integer NOT NULL,
	"providers_over_norm" integer NOT NULL,
	"median_total_weeks" double precision,
	"waiting" integer NOT NULL
);

CREATE TABLE "region_figures" (
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "region_figures_kind_year_pk" PRIMARY KEY("kind","year")
);

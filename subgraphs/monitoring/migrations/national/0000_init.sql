CREATE TABLE "cbs_code" (
	"table_id" text NOT NULL,
	"dimension" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"status" text,
	CONSTRAINT "cbs_code_table_id_dimension_code_pk" PRIMARY KEY("table_id","dimension","code")
);
--> statement-breakpoint
CREATE TABLE "cbs_measure" (
	"table_id" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"unit" text,
	"decimals" integer,
	CONSTRAINT "cbs_measure_table_id_code_pk" PRIMARY KEY("table_id","code")
);
--> statement-breakpoint
CREATE TABLE "cbs_observation" (
	"table_id" text NOT NULL,
	"measure" text NOT NULL,
	"dims" text NOT NULL,
	"period" text NOT NULL,
	"area" text NOT NULL,
	"value" double precision,
	"marker" text,
	"status" text NOT NULL,
	"cbs_id" integer NOT NULL,
	CONSTRAINT "cbs_observation_table_id_measure_dims_period_area_pk" PRIMARY KEY("table_id","measure","dims","period","area"),
	CONSTRAINT "cbs_observation_value_check" CHECK (("cbs_observation"."value" IS NULL) = ("cbs_observation"."marker" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "cbs_table" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"modified" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE "demo_load" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"seed" text NOT NULL,
	"scale" double precision NOT NULL,
	"ends_on" date NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "demo_load_single_row" CHECK ("demo_load"."id" = 1)
);

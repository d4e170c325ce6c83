CREATE TABLE "contract" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_agb" varchar(8) NOT NULL,
	"form" text NOT NULL,
	"financing_variant" text NOT NULL,
	"lots" text[] NOT NULL,
	"product_categories" varchar(2)[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"budget_ceiling_euros" numeric(14, 2),
	CONSTRAINT "contract_period_check" CHECK ("contract"."ends_on" IS NULL OR "contract"."ends_on" >= "contract"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "provider" (
	"agb_code" varchar(8) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"demo_data" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waiting_time_norm" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_category" varchar(2),
	"registration_to_intake_weeks" double precision NOT NULL,
	"intake_to_treatment_weeks" double precision NOT NULL,
	"valid_from" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waiting_time_report" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider_agb" varchar(8) NOT NULL,
	"product_category" varchar(2) NOT NULL,
	"reported_on" date NOT NULL,
	"registration_to_intake_weeks" double precision NOT NULL,
	"intake_to_treatment_weeks" double precision NOT NULL,
	"waiting_count" integer NOT NULL,
	"bridging_care_offered" boolean,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waiting_time_report_once_per_day" UNIQUE("provider_agb","product_category","reported_on"),
	CONSTRAINT "waiting_time_report_weeks_check" CHECK ("waiting_time_report"."registration_to_intake_weeks" >= 0 AND "waiting_time_report"."intake_to_treatment_weeks" >= 0)
);
--> statement-breakpoint
ALTER TABLE "contract" ADD CONSTRAINT "contract_provider_agb_provider_agb_code_fk" FOREIGN KEY ("provider_agb") REFERENCES "provider"("agb_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_time_report" ADD CONSTRAINT "waiting_time_report_provider_agb_provider_agb_code_fk" FOREIGN KEY ("provider_agb") REFERENCES "provider"("agb_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_provider_idx" ON "contract" USING btree ("provider_agb");--> statement-breakpoint
CREATE INDEX "waiting_time_report_category_idx" ON "waiting_time_report" USING btree ("product_category","reported_on");
CREATE TABLE "allocation" (
	"id" text PRIMARY KEY NOT NULL,
	"trajectory_id" text NOT NULL,
	"allocated_on" date NOT NULL,
	"product_code" varchar(5) NOT NULL,
	"volume" integer NOT NULL,
	"unit" varchar(2) NOT NULL,
	"frequency" varchar(1) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"financing_variant" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration" (
	"trajectory_id" text NOT NULL,
	"month" date NOT NULL,
	"product_code" varchar(5) NOT NULL,
	"product_category" varchar(2) NOT NULL,
	"volume" integer NOT NULL,
	"unit" varchar(2) NOT NULL,
	"amount_euros" numeric(12, 2) NOT NULL,
	"bridging_care" boolean NOT NULL,
	CONSTRAINT "declaration_trajectory_id_month_product_code_pk" PRIMARY KEY("trajectory_id","month","product_code")
);
--> statement-breakpoint
CREATE TABLE "import_batch" (
	"hash" varchar(64) PRIMARY KEY NOT NULL,
	"records" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"family_pseudonym" varchar(32) NOT NULL,
	"trajectory_id" text,
	"coordinator" text NOT NULL,
	"started_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_goal" (
	"plan_id" text NOT NULL,
	"position" smallint NOT NULL,
	"description" text NOT NULL,
	"attainment" text NOT NULL,
	CONSTRAINT "plan_goal_plan_id_position_pk" PRIMARY KEY("plan_id","position")
);
--> statement-breakpoint
CREATE TABLE "spending_month" (
	"month" date NOT NULL,
	"product_category" varchar(2) NOT NULL,
	"euros" numeric(14, 2) NOT NULL,
	"volume" integer NOT NULL,
	"bridging_care_euros" numeric(14, 2) NOT NULL,
	CONSTRAINT "spending_month_month_product_category_pk" PRIMARY KEY("month","product_category")
);
--> statement-breakpoint
CREATE TABLE "trajectory" (
	"id" text PRIMARY KEY NOT NULL,
	"client_pseudonym" varchar(32) NOT NULL,
	"birth_year" smallint NOT NULL,
	"municipality" varchar(6) NOT NULL,
	"referrer_type" varchar(2) NOT NULL,
	"product_category" varchar(2) NOT NULL,
	"product_code" varchar(5) NOT NULL,
	"provider_agb" varchar(8) NOT NULL,
	"crisis" boolean NOT NULL,
	"residential" boolean NOT NULL,
	"requested_on" date NOT NULL,
	"allocated_on" date,
	"started_on" date,
	"ended_on" date,
	"end_reason" varchar(2),
	CONSTRAINT "trajectory_order_check" CHECK (("trajectory"."ended_on" IS NULL OR "trajectory"."started_on" <= "trajectory"."ended_on"))
);
--> statement-breakpoint
ALTER TABLE "allocation" ADD CONSTRAINT "allocation_trajectory_id_trajectory_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration" ADD CONSTRAINT "declaration_trajectory_id_trajectory_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_trajectory_id_trajectory_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "trajectory"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal" ADD CONSTRAINT "plan_goal_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_trajectory_idx" ON "allocation" USING btree ("trajectory_id");--> statement-breakpoint
CREATE INDEX "plan_trajectory_idx" ON "plan" USING btree ("trajectory_id");--> statement-breakpoint
CREATE INDEX "plan_family_idx" ON "plan" USING btree ("family_pseudonym");--> statement-breakpoint
CREATE INDEX "trajectory_requested_idx" ON "trajectory" USING btree ("requested_on");--> statement-breakpoint
CREATE INDEX "trajectory_provider_idx" ON "trajectory" USING btree ("provider_agb","requested_on");--> statement-breakpoint
CREATE INDEX "trajectory_client_idx" ON "trajectory" USING btree ("client_pseudonym","requested_on");--> statement-breakpoint
CREATE INDEX "trajectory_ended_idx" ON "trajectory" USING btree ("ended_on");--> statement-breakpoint
CREATE INDEX "trajectory_started_idx" ON "trajectory" USING btree ("started_on");
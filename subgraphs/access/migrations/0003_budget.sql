CREATE TABLE "budget" (
	"year" smallint NOT NULL,
	"product_category" varchar(2) NOT NULL,
	"line" text NOT NULL,
	"euros" numeric(14, 2) NOT NULL,
	CONSTRAINT "budget_year_product_category_line_pk" PRIMARY KEY("year","product_category","line")
);

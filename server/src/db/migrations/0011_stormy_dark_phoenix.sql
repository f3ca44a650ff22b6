ALTER TABLE "checkouts" ADD COLUMN "dispute_debt" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_payments" ADD COLUMN "dispute_won" boolean DEFAULT false NOT NULL;
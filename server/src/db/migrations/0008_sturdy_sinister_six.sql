-- Refunds and disputes by payment intent, kept until the completion that credits the payment (services/payments.ts). No backfill: checkouts.credits_reversed already holds what was applied, and a reversal only ever applies what exceeds it.
CREATE TABLE "stripe_payments" (
	"payment_intent_id" text PRIMARY KEY NOT NULL,
	"charge_cents" integer DEFAULT 0 NOT NULL,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"disputed" boolean DEFAULT false NOT NULL,
	"last_event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);

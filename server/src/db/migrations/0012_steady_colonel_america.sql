ALTER TABLE "jobs" ADD COLUMN "provider_request" jsonb;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "interruptions" integer DEFAULT 0 NOT NULL;
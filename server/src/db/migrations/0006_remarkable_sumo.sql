ALTER TABLE "tracks" ADD COLUMN "cover_256_key" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "cover_512_key" text;
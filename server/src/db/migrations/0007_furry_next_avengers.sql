ALTER TABLE "tracks" ADD COLUMN "resolved_style" text;--> statement-breakpoint
-- Tracks finished before the column: the asked style, else the style the local engine's plan records (hosted models' plans have none).
UPDATE "tracks" SET "resolved_style" = coalesce("style", "plan"->>'style') WHERE "status" = 'COMPLETE';

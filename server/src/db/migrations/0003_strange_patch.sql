CREATE TABLE "track_visuals" (
	"track_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"style" text,
	"svg_key" text,
	"png_key" text,
	"png_2048_key" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "track_visuals_track_id_version_pk" PRIMARY KEY("track_id","version")
);
--> statement-breakpoint
ALTER TABLE "track_visuals" ADD CONSTRAINT "track_visuals_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;
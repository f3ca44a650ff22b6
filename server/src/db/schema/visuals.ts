import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tracks } from './tracks.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Every cover version of a track (DESIGN.md §4 "Cover art"): version n+1 is reserved as PENDING
 * (the primary key makes two regenerations race for it, never share it), drawn, stored under
 * `cover-*-v{n}` keys and marked COMPLETE; then the track points at it. Earlier versions stay here
 * and in storage, downloadable by number.
 */
export const trackVisuals = pgTable(
  'track_visuals',
  {
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: ['PENDING', 'COMPLETE', 'FAILED'] })
      .notNull()
      .default('PENDING'),
    /** Which of the generator's visual styles it was drawn in (ridges, sunset, …). */
    style: text('style'),
    svgKey: text('svg_key'),
    pngKey: text('png_key'),
    png2048Key: text('png_2048_key'),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.version] })],
);

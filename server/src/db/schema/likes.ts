import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { tracks } from './tracks.ts';

/**
 * Who likes which track: one row per (track, person). Counts are read from here (no counter on the
 * track to drift when an account or a track is deleted: both cascade).
 */
export const trackLikes = pgTable(
  'track_likes',
  {
    trackId: uuid('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.userId] }), index('track_likes_user_idx').on(t.userId)],
);

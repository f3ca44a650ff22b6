import { boolean, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

export interface PaletteJson {
  primary_hue: number;
  secondary_hue: number;
  luminance_base: number;
  saturation: number;
}
export interface GeometryJson {
  stroke_width_base: number;
  rotation_base: number;
  gradient_angle: number;
  shape_count: number;
}

export const series = pgTable(
  'series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 0 for the default series; palettes of further series derive from (seed, number). */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    palette: jsonb('palette').$type<PaletteJson>().notNull(),
    geometry: jsonb('geometry').$type<GeometryJson>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('series_user_slug_uq').on(t.userId, t.slug),
    uniqueIndex('series_user_number_uq').on(t.userId, t.number),
  ],
);

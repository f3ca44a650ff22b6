import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';

// The style system (DESIGN.md §4 "Style", "Unlocks", "Cover art").

export const Palette = z.strictObject({
  primary_hue: z.number().int().min(0).max(359),
  secondary_hue: z.number().int().min(0).max(359),
  luminance_base: z.number().min(0).max(1),
  saturation: z.number().min(0).max(1),
});
export type Palette = z.infer<typeof Palette>;

/** Sane ranges: what the cover generator can draw well (derived values: stroke 8–23, shape_count 6). */
export const Geometry = z.strictObject({
  stroke_width_base: z.number().int().min(1).max(48),
  rotation_base: z.number().int().min(0).max(359),
  gradient_angle: z.number().int().min(0).max(359),
  shape_count: z.number().int().min(1).max(24),
});
export type Geometry = z.infer<typeof Geometry>;

export const Series = z.object({
  id: Uuid,
  title: z.string(),
  slug: z.string(),
  is_default: z.boolean(),
  /** 0 for the default series; the derivation number of the others. */
  number: z.number().int(),
  palette: Palette,
  geometry: Geometry,
  track_count: z.number().int(),
  created_at: IsoDate,
});
export type Series = z.infer<typeof Series>;
export const SeriesList = z.object({ items: z.array(Series) });

/** Lower-case words joined by single hyphens, unique per user. */
export const SeriesSlug = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug: lower-case letters and digits joined by single hyphens');
const SeriesTitle = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine(
    (s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127),
    'title must not contain control characters',
  );

/** Palette and geometry may be given in part: what is missing is derived from the style seed. */
export const CreateSeriesBody = z.strictObject({
  title: SeriesTitle,
  slug: SeriesSlug.optional(),
  palette: Palette.partial().optional(),
  geometry: Geometry.partial().optional(),
});
export type CreateSeriesBody = z.infer<typeof CreateSeriesBody>;

export const PatchSeriesBody = z
  .strictObject({
    title: SeriesTitle.optional(),
    slug: SeriesSlug.optional(),
    palette: Palette.partial().optional(),
    geometry: Geometry.partial().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type PatchSeriesBody = z.infer<typeof PatchSeriesBody>;

export const STYLE_UNLOCKS = [
  'silk_lines',
  'soft_glow',
  'midnight_bloom',
  'geometric',
  'halftone',
  'aurora',
] as const;
export const StyleUnlock = z.enum(STYLE_UNLOCKS);
export type StyleUnlock = z.infer<typeof StyleUnlock>;

export const UnlockStatus = z.object({
  id: StyleUnlock,
  title: z.string(),
  /** What earns it, in words. */
  rule: z.string(),
  /** What it changes on covers. */
  effect: z.string(),
  unlocked: z.boolean(),
  /** Progress towards it: completed tracks (or qualifying tracks) so far and needed. */
  progress: z.object({ current: z.number().int(), target: z.number().int() }),
  /** How many more qualifying tracks it needs (0 when unlocked). */
  remaining: z.number().int(),
});
export type UnlockStatus = z.infer<typeof UnlockStatus>;

export const UnlocksResponse = z.object({
  unlocked: z.array(StyleUnlock),
  items: z.array(UnlockStatus),
  /** The locked unlock nearest to being earned, or null when everything is unlocked. */
  next: UnlockStatus.nullable(),
  completed_tracks: z.number().int(),
});
export type UnlocksResponse = z.infer<typeof UnlocksResponse>;

/** POST /api/tracks/:id/visuals → 202: version n+1 is being drawn (audio untouched). */
export const RegenerateVisualsResponse = z.object({
  track_id: Uuid,
  visual_version: z.number().int(),
  status: z.enum(['PENDING', 'COMPLETE', 'FAILED']),
  /** The cover-art job drawing it (GET /api/jobs/:id, its events). */
  job_id: Uuid,
});
export type RegenerateVisualsResponse = z.infer<typeof RegenerateVisualsResponse>;

import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';

export const Palette = z.object({
  primary_hue: z.number().int().min(0).max(359),
  secondary_hue: z.number().int().min(0).max(359),
  luminance_base: z.number().min(0).max(1),
  saturation: z.number().min(0).max(1),
});
export const Geometry = z.object({
  stroke_width_base: z.number().int().min(1).max(64),
  rotation_base: z.number().int().min(0).max(359),
  gradient_angle: z.number().int().min(0).max(359),
  shape_count: z.number().int().min(1).max(64),
});
export const Series = z.object({
  id: Uuid,
  title: z.string(),
  slug: z.string(),
  is_default: z.boolean(),
  palette: Palette,
  geometry: Geometry,
  created_at: IsoDate,
});
export const SeriesList = z.object({ items: z.array(Series) });

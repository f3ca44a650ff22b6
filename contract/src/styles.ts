import { z } from 'zod';
import { Genre } from './common.ts';
import { STYLE_ID_MAX, STYLE_ID_PATTERN } from './constants.ts';

/**
 * The shape of a style id ("bossa-nova"). Which ids exist is the engine's vocabulary, checked by
 * the server (GET /api/styles lists them), so the list is written once, in the engine.
 */
export const StyleId = z
  .string()
  .max(STYLE_ID_MAX)
  .regex(STYLE_ID_PATTERN, 'a style id: lower-case words joined by "-", as listed by GET /api/styles');

/** One entry of the engine's style vocabulary, for the web app's presets (`GET /api/styles`). */
export const StyleInfo = z.object({
  id: z.string().describe('stable identifier, e.g. "bossa-nova"'),
  name: z.string(),
  genre: Genre.describe("the published genre to send as a track's `genre` with this style"),
  meter: z.enum(['4/4', '3/4', '2/4', '6/8', '12/8']),
  bpm_range: z.tuple([z.number().int(), z.number().int()]).describe('felt beats per minute'),
  half_time: z.boolean(),
  drums: z.boolean(),
  exclusive_ensemble: z.boolean().describe("exactly the style's players (string quartet, solo piano…)"),
  examples: z.array(z.string()).min(1).describe('prompts that select this style'),
});
export type StyleInfo = z.infer<typeof StyleInfo>;
export const StyleList = z.object({ items: z.array(StyleInfo) });

import { z } from 'zod';

/**
 * Example tracks for the landing page (`GET /api/examples`): the newest public tracks, with
 * a few fixed demos (rendered once by the local engine) filling the places public tracks do not.
 */
export const ExampleSlug = z
  .string()
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a demo id as listed by GET /api/examples');

export const ExampleTrack = z.object({
  id: z.string().describe('the public track id, or the demo id'),
  kind: z.enum(['public', 'demo']),
  title: z.string(),
  prompt: z.string(),
  /** Genre, key, tempo when known. */
  genre: z.string().nullable(),
  duration_s: z.number().int(),
  seed: z.number().int(),
  /** Same-origin URL of the MP3 (a demo not rendered yet is rendered when it is first asked for). */
  audio_url: z.string(),
  cover_url: z.string().nullable(),
  /** Same-origin URLs of the cover at smaller widths (narrowest first) for an <img srcset>; may be empty. */
  cover_thumbs: z.array(z.object({ width: z.number().int(), url: z.string() })),
  /** For demos: already rendered and stored (playing starts at once). Public tracks are always ready. */
  ready: z.boolean(),
  /** Public tracks: their share page. */
  share_url: z.string().nullable(),
});
export type ExampleTrack = z.infer<typeof ExampleTrack>;
export const ExampleList = z.object({ items: z.array(ExampleTrack) });
export type ExampleList = z.infer<typeof ExampleList>;
export const ExampleParams = z.object({ id: ExampleSlug });

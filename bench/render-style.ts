// The 20 s style render every style diagnostic listens to (bench/style-listen.ts, style-edges.ts,
// stem-listen.ts, key-listen.ts): the style's neutral prompt (its name), its genre, one seed, and
// optionally a tempo (the edge sweeps) or words before the name ("slow"); one definition so the
// four read the same render.
import { STYLES, type StyleDef, stylePrompt } from '../engine/src/compose/styles.ts';
import { generateTrack } from '../engine/src/generate.ts';
import type { GeneratedTrack, GenerateParams } from '../engine/src/index.ts';

export const STYLE_RENDER_SEC = 20;

export interface StyleRenderOptions {
  /** An asked tempo (the `bpm` field). */
  bpm?: number;
  /** Words before the style's name in the prompt, e.g. "slow" (tempo and mood words). */
  words?: string;
  generate?: (p: GenerateParams) => Promise<GeneratedTrack>;
}

export function renderStyle(
  style: StyleDef,
  seed: number,
  { bpm, words, generate = generateTrack }: StyleRenderOptions = {},
): Promise<GeneratedTrack> {
  return generate({
    prompt: stylePrompt(style, words),
    durationSec: STYLE_RENDER_SEC,
    seed,
    genre: style.genre,
    ...(bpm ? { bpm } : {}),
  });
}

/** The style of a command-line id, or an error naming the usage. */
export function styleById(id: string | undefined, usage: string): StyleDef {
  const style = STYLES.find((s) => s.id === id);
  if (!style) throw new Error(`unknown style ${id ?? '(none)'}; usage: ${usage}`);
  return style;
}

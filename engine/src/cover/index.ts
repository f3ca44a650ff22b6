// Cover art: series palette/geometry + unlocks + the music → a designed SVG sleeve → PNG.
export { moodFromMusic } from './mood.ts';
export { COVER_FONT_FILES, COVER_SIZES, type CoverSize, coverPng, selfContainedSvg } from './png.ts';
export { coverLayers, coverStyleFor, coverSvg, MAX_COVER_LAYERS } from './svg.ts';
export * from './types.ts';

import { coverPng, selfContainedSvg } from './png.ts';
import { coverSvg } from './svg.ts';
import type { CoverInput } from './types.ts';

/** Every file of one cover version: the self-contained SVG (type as paths) and both PNG sizes. */
export async function renderCover(
  input: CoverInput,
): Promise<{ svg: string; png1024: Uint8Array; png2048: Uint8Array }> {
  const svg = coverSvg(input);
  const [png1024, png2048] = await Promise.all([coverPng(svg, 1024), coverPng(svg, 2048)]);
  return { svg: selfContainedSvg(svg, input.title), png1024, png2048 };
}

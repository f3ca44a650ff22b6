// Cover art: series palette/geometry + unlocks + the music → a designed SVG sleeve → PNG.
export { moodFromMusic } from './mood.ts';
export {
  COVER_FONT_FILES,
  COVER_SIZES,
  type CoverSize,
  coverFontOptions,
  coverPng,
  selfContainedSvg,
} from './png.ts';
export { catalogueMark, coverLayers, coverStyleFor, coverSvg, MAX_COVER_LAYERS } from './svg.ts';
export * from './types.ts';

import { COVER_SIZES, coverPng, selfContainedSvg } from './png.ts';
import { coverSvg } from './svg.ts';
import type { CoverInput } from './types.ts';

/** Every file of one cover version: the self-contained SVG (type as paths) and the PNG of every size. */
export async function renderCover(input: CoverInput): Promise<{
  svg: string;
  png256: Uint8Array;
  png512: Uint8Array;
  png1024: Uint8Array;
  png2048: Uint8Array;
}> {
  const svg = coverSvg(input);
  const [png256, png512, png1024, png2048] = await Promise.all(
    COVER_SIZES.map((size) => coverPng(svg, size)),
  );
  return {
    svg: selfContainedSvg(svg, input.title),
    png256: png256!,
    png512: png512!,
    png1024: png1024!,
    png2048: png2048!,
  };
}

import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { FONT_FAMILY } from './typography.ts';

// resvg draws no text at all when it finds no font (DEPENDENCY-NOTES.md), so the sleeve's face ships
// with us: Space Grotesk (OFL-1.1) from its npm package, never the system's fonts, so every machine
// draws the same pixels.
const require = createRequire(import.meta.url);
export const COVER_FONT_FILES = [
  '500Medium/SpaceGrotesk_500Medium.ttf',
  '700Bold/SpaceGrotesk_700Bold.ttf',
].map((f) => require.resolve(`@expo-google-fonts/space-grotesk/${f}`));

export const COVER_SIZES = [1024, 2048] as const;
export type CoverSize = (typeof COVER_SIZES)[number];

/** SVG → PNG at size² px, on libuv's thread pool (the event loop stays free). */
export async function coverPng(svg: string, size: CoverSize): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: size },
    font: { fontFiles: COVER_FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return new Uint8Array(image.asPng());
}

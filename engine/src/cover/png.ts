import { createRequire } from 'node:module';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import { escapeXml, FONT_FAMILY } from './typography.ts';

// resvg draws no text at all when it finds no font (DEPENDENCY-NOTES.md), so the sleeve's face ships
// with us: Space Grotesk (OFL-1.1) from its npm package, never the system's fonts, so every machine
// draws the same pixels.
const require = createRequire(import.meta.url);
export const COVER_FONT_FILES = [
  '500Medium/SpaceGrotesk_500Medium.ttf',
  '700Bold/SpaceGrotesk_700Bold.ttf',
].map((f) => require.resolve(`@expo-google-fonts/space-grotesk/${f}`));

/** 1024 and 2048 for downloads and og:image; 256 and 512 for pages, which show covers at 256 CSS px or less. */
export const COVER_SIZES = [256, 512, 1024, 2048] as const;
export type CoverSize = (typeof COVER_SIZES)[number];

/** SVG → PNG at size² px, on libuv's thread pool (the event loop stays free). */
export async function coverPng(svg: string, size: CoverSize): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: size },
    font: { fontFiles: COVER_FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return new Uint8Array(image.asPng());
}

/**
 * The SVG people download: resvg's normalised tree with the type turned into paths (drawn with the
 * bundled font), so it looks the same in a viewer that has no Space Grotesk; the title is kept as
 * the SVG's <title> for screen readers and search.
 */
export function selfContainedSvg(svg: string, title?: string | null): string {
  const flat = new Resvg(svg, {
    font: { fontFiles: COVER_FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  }).toString();
  const name = title?.trim();
  return name ? flat.replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(name)}</title>`) : flat;
}

import { Resvg, renderAsync } from '@resvg/resvg-js';
import { BASE_FACES, fontFilesFor } from './fonts.ts';
import { escapeXml, FONT_FAMILY } from './typography.ts';

// resvg draws no text at all when it finds no font (DEPENDENCY-NOTES.md), so the sleeve's faces ship
// with us (fonts.ts): Space Grotesk, and Noto faces for titles in other scripts, from npm packages,
// never the system's fonts, so every machine draws the same pixels.
export const COVER_FONT_FILES = BASE_FACES.map((f) => f.file);

/** 1024 and 2048 for downloads and og:image; 256 and 512 for pages, which show covers at 256 CSS px or less. */
export const COVER_SIZES = [256, 512, 1024, 2048] as const;
export type CoverSize = (typeof COVER_SIZES)[number];

/** resvg's font options for one cover: only the faces its SVG names are read. */
export const coverFontOptions = (svg: string) => ({
  fontFiles: fontFilesFor(svg),
  loadSystemFonts: false,
  defaultFontFamily: FONT_FAMILY,
});

/** SVG → PNG at size² px, on libuv's thread pool (the event loop stays free). */
export async function coverPng(svg: string, size: CoverSize): Promise<Uint8Array> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: size },
    font: coverFontOptions(svg),
  });
  return new Uint8Array(image.asPng());
}

/**
 * The SVG people download: resvg's normalised tree with the type turned into paths (drawn with the
 * bundled faces), so it looks the same in a viewer that has none of them; the title is kept as the
 * SVG's <title> for screen readers and search.
 */
export function selfContainedSvg(svg: string, title?: string | null): string {
  const flat = new Resvg(svg, { font: coverFontOptions(svg) }).toString();
  const name = title?.trim();
  return name ? flat.replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(name)}</title>`) : flat;
}

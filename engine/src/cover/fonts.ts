import { createRequire } from 'node:module';
import { type Font, openSync } from 'fontkit';

// The faces covers are drawn with. All come from npm packages (OFL-1.1, see README "Style system and
// cover art"), never from the system, so every machine draws the same pixels. resvg reads TTF/OTF
// only (no WOFF/WOFF2), which is why the @expo-google-fonts packages (plain TTF) are used.
const require = createRequire(import.meta.url);
const ttf = (pkg: string, file: string) => require.resolve(`@expo-google-fonts/${pkg}/${file}`);

export interface CoverFace {
  family: string;
  file: string;
}

/** The sleeve's own face: meta and catalogue lines always, titles whenever it has every glyph. */
export const BASE_FACES: readonly CoverFace[] = [
  { family: 'Space Grotesk', file: ttf('space-grotesk', '500Medium/SpaceGrotesk_500Medium.ttf') },
  { family: 'Space Grotesk', file: ttf('space-grotesk', '700Bold/SpaceGrotesk_700Bold.ttf') },
];
export const TITLE_FACE: CoverFace = BASE_FACES[1]!;

/**
 * Faces for titles Space Grotesk cannot draw, in order of preference (bold weights only: the meta
 * and catalogue lines are ASCII and always Space Grotesk). Noto Sans: Latin, Cyrillic, Greek,
 * Vietnamese, Devanagari (Hindi, Marathi, Nepali); Arabic; Hebrew; JP: kana and the JIS kanji (most Han in use, not every simplified one);
 * KR: Hangul (K-pop titles); Thai; Emoji: monochrome, drawn in
 * the type colour. Simplified Chinese beyond the JIS kanji and the other Indic scripts have no face
 * yet (a title with such letters is left off the cover, never drawn as boxes).
 */
export const FALLBACK_FACES: readonly CoverFace[] = [
  { family: 'Noto Sans', file: ttf('noto-sans', '700Bold/NotoSans_700Bold.ttf') },
  { family: 'Noto Sans Arabic', file: ttf('noto-sans-arabic', '700Bold/NotoSansArabic_700Bold.ttf') },
  { family: 'Noto Sans Hebrew', file: ttf('noto-sans-hebrew', '700Bold/NotoSansHebrew_700Bold.ttf') },
  { family: 'Noto Sans JP', file: ttf('noto-sans-jp', '700Bold/NotoSansJP_700Bold.ttf') },
  // After JP: a Korean title with Hanja in it reads them from the KR face too (a title is set in
  // one face when one face has it all), and JP keeps Japanese kanji in their Japanese forms.
  { family: 'Noto Sans KR', file: ttf('noto-sans-kr', '700Bold/NotoSansKR_700Bold.ttf') },
  { family: 'Noto Sans Thai', file: ttf('noto-sans-thai', '700Bold/NotoSansThai_700Bold.ttf') },
  { family: 'Noto Emoji', file: ttf('noto-emoji', '700Bold/NotoEmoji_700Bold.ttf') },
];

const parsed = new Map<string, Font>();
/** The parsed font (cmap and advances), read once per process and only when a title needs it. */
export function fontOf(face: CoverFace): Font {
  let f = parsed.get(face.file);
  if (!f) {
    f = openSync(face.file);
    parsed.set(face.file, f);
  }
  return f;
}

/** Whether `face` has a glyph for every code point of `text` (a grapheme). */
export function covers(face: CoverFace, text: string): boolean {
  const font = fontOf(face);
  for (const ch of text) if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
  return true;
}

/** Advance width of `text` set in `face` at `size` px, shaped (kerning, Arabic joining) by fontkit. */
export function advance(face: CoverFace, text: string, size: number): number {
  const font = fontOf(face);
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
}

/** The value of a font-family attribute naming `face`, with a generic fallback. */
export const familyAttr = (face: CoverFace) =>
  face === TITLE_FACE ? face.family : `'${face.family}', sans-serif`;

/**
 * The font files resvg needs for one cover's SVG: Space Grotesk always, a fallback face only when
 * the SVG names it (so a Latin title never pays for reading the 5 MB CJK face).
 */
export function fontFilesFor(svg: string): string[] {
  return [
    ...BASE_FACES.map((f) => f.file),
    ...FALLBACK_FACES.filter((f) => svg.includes(`'${f.family}'`)).map((f) => f.file),
  ];
}

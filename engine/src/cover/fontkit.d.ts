// The few parts of fontkit 3 (which ships no types) that the cover typography uses.
declare module 'fontkit' {
  export interface GlyphRun {
    /** In font units. */
    advanceWidth: number;
    glyphs: Glyph[];
    /** One per glyph, in font units. */
    positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  }
  export interface Glyph {
    /** The outline in font units, y up. */
    path: Path;
  }
  export interface Path {
    scale(sx: number, sy?: number): Path;
    translate(x: number, y: number): Path;
    toSVG(): string;
  }
  export interface Font {
    familyName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): GlyphRun;
  }
  export function openSync(path: string): Font;
}

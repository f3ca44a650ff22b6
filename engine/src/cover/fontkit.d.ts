// The few parts of fontkit 3 (which ships no types) that the cover typography uses.
declare module 'fontkit' {
  export interface GlyphRun {
    /** In font units. */
    advanceWidth: number;
  }
  export interface Font {
    familyName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): GlyphRun;
  }
  export function openSync(path: string): Font;
}

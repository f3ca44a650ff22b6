import { type CoverFace, fontOf } from './fonts.ts';
import { n } from './rng.ts';

// Scripts whose shaping resvg gets wrong with the bundled faces: its text layout gives Devanagari's
// spacing vowel signs and Thai's above/below marks no advance, so "रात" is drawn as "रत" with the
// sign on top of the next letter. fontkit shapes them right (it is what measures every title), so
// runs in these scripts are drawn from fontkit's own glyph outlines and positions: the cover shows
// what was measured. Other scripts keep <text> (smaller SVGs, resvg's hinting of Latin).
const NEEDS_OUR_SHAPING = /[\u0900-\u0DFF\u0E00-\u0EFF\u0F00-\u0FFF\u1000-\u109F\u1780-\u17FF\uA8E0-\uA8FF]/u;

export function needsGlyphPaths(text: string): boolean {
  return NEEDS_OUR_SHAPING.test(text);
}

/**
 * `text` set in `face` at `size` px as one SVG path, from fontkit's shaped layout: the pen starts at
 * (x, baseline y) — or ends there with `anchor: 'end'` — and each glyph that advances moves it by
 * `spacing` px more (as SVG letter-spacing does).
 */
export function glyphPath(
  face: CoverFace,
  text: string,
  x: number,
  y: number,
  o: { size: number; fill: string; spacing?: number; anchor?: 'start' | 'end'; opacity?: number },
): string {
  const font = fontOf(face);
  const run = font.layout(text);
  const scale = o.size / font.unitsPerEm;
  const spacing = o.spacing ?? 0;
  const width = run.positions.reduce((w, p) => w + p.xAdvance * scale + (p.xAdvance ? spacing : 0), 0);
  let pen = o.anchor === 'end' ? x - width : x;
  const d: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const p = run.positions[i]!;
    // Font units are y-up; SVG is y-down: flip, then move to the pen (and the mark's offset).
    const outline = glyph.path
      .scale(scale, -scale)
      .translate(pen + p.xOffset * scale, y - p.yOffset * scale)
      .toSVG();
    // Two decimals are a hundredth of a pixel at 1024 px: enough, and a third of the bytes.
    if (outline) d.push(outline.replace(/-?\d+\.\d+(e-?\d+)?/g, (v) => n(Number(v), 2)));
    pen += p.xAdvance * scale + (p.xAdvance ? spacing : 0);
  });
  const opacity = o.opacity === undefined ? '' : ` fill-opacity="${n(o.opacity, 2)}"`;
  return `<path d="${d.join('')}"${opacity} fill="${o.fill}"/>`;
}

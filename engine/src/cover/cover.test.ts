import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BASE_COVER } from './cover-fixture.ts';
import {
  COVER_STYLES,
  COVER_UNLOCKS,
  type CoverInput,
  coverLayers,
  coverPng,
  coverStyleFor,
  coverSvg,
  moodFromMusic,
  renderCover,
} from './index.ts';
import { fitTitle } from './typography.ts';

const BASE: CoverInput = BASE_COVER;

/** Decodes a PNG (pngjs, independent of resvg) to RGBA. */
function decode(png: Uint8Array) {
  const img = PNG.sync.read(Buffer.from(png));
  return { width: img.width, height: img.height, data: img.data };
}

/** Share of pixels whose largest channel difference exceeds 24/255, within an optional box (px). */
function changedShare(
  a: Uint8Array,
  b: Uint8Array,
  box?: { x0: number; y0: number; x1: number; y1: number },
) {
  const A = decode(a);
  const B = decode(b);
  expect([A.width, A.height]).toEqual([B.width, B.height]);
  const { x0, y0, x1, y1 } = box ?? { x0: 0, y0: 0, x1: A.width, y1: A.height };
  let changed = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * A.width + x) * 4;
      const d = Math.max(
        Math.abs(A.data[i]! - B.data[i]!),
        Math.abs(A.data[i + 1]! - B.data[i + 1]!),
        Math.abs(A.data[i + 2]! - B.data[i + 2]!),
      );
      if (d > 24) changed++;
    }
  }
  return changed / ((x1 - x0) * (y1 - y0));
}

const png = (c: CoverInput) => coverPng(coverSvg(c), 1024);

describe('cover art', () => {
  it('is deterministic: same input ⇒ same SVG text and same PNG bytes at every size', async () => {
    const a = await renderCover(BASE);
    const b = await renderCover(structuredClone(BASE));
    expect(b.svg).toBe(a.svg);
    expect(Buffer.from(b.png1024).equals(Buffer.from(a.png1024))).toBe(true);
    expect(Buffer.from(b.png2048).equals(Buffer.from(a.png2048))).toBe(true);
    expect(Buffer.from(b.png256).equals(Buffer.from(a.png256))).toBe(true);
    expect(decode(a.png256)).toMatchObject({ width: 256, height: 256 });
    expect(decode(a.png512)).toMatchObject({ width: 512, height: 512 });
    expect(decode(a.png1024)).toMatchObject({ width: 1024, height: 1024 });
    expect(decode(a.png2048)).toMatchObject({ width: 2048, height: 2048 });
    // The page sizes are the same picture, smaller: pages show them instead of the 1024 px file.
    expect(a.png512.length).toBeLessThan(a.png1024.length * 0.6);
  });

  it('every visual version of a genre walks to another style, and versions differ visibly', async () => {
    const styles = [1, 2, 3, 4, 5].map((v) => coverStyleFor('house', BASE.seed, v));
    expect(new Set(styles)).toEqual(new Set(COVER_STYLES));
    const v1 = await png(BASE);
    for (const v of [2, 3]) {
      expect(changedShare(v1, await png({ ...BASE, visualVersion: v }))).toBeGreaterThan(0.3);
    }
  });

  it('different series (palette and geometry) give visibly different covers for the same track', async () => {
    const other: CoverInput = {
      ...BASE,
      palette: { primary_hue: 28, secondary_hue: 110, luminance_base: 0.45, saturation: 0.8 },
      geometry: { stroke_width_base: 20, rotation_base: 250, gradient_angle: 70, shape_count: 6 },
    };
    expect(changedShare(await png(BASE), await png(other))).toBeGreaterThan(0.3);
    // Geometry alone (same hues) moves the drawing too.
    const turned = { ...BASE, geometry: { ...BASE.geometry, rotation_base: 200, shape_count: 9 } };
    expect(changedShare(await png(BASE), await png(turned))).toBeGreaterThan(0.1);
  });

  it.each(COVER_UNLOCKS)('the %s unlock changes the cover in every style', async (unlock) => {
    for (const version of [1, 2, 3, 4, 5]) {
      const without = { ...BASE, visualVersion: version };
      const share = changedShare(await png(without), await png({ ...without, unlocks: [unlock] }));
      expect(share, `${unlock} on ${coverStyleFor('house', BASE.seed, version)}`).toBeGreaterThan(0.01); // ≥ 10 000 pixels at 1024²: hairline overlays are thin
    }
  });

  it('wears every unlocked effect up to two, else two picked by seed and version', () => {
    expect(coverLayers({ ...BASE, unlocks: ['halftone', 'silk_lines'] })).toEqual(['silk_lines', 'halftone']);
    const picks = new Set<string>();
    for (let v = 1; v <= 12; v++) {
      const layers = coverLayers({ ...BASE, unlocks: [...COVER_UNLOCKS], visualVersion: v });
      expect(layers).toHaveLength(2);
      expect(coverLayers({ ...BASE, unlocks: [...COVER_UNLOCKS], visualVersion: v })).toEqual(layers);
      picks.add(layers.join('+'));
    }
    expect(picks.size).toBeGreaterThan(3); // new versions wear other effects
  });

  it('draws the title with the bundled font (resvg draws no text without one)', async () => {
    const withTitle = await png(BASE);
    const without = await png({ ...BASE, title: null });
    // The title sits above the meta line in the bottom band.
    const band = { x0: 40, y0: 820, x1: 700, y1: 930 };
    expect(changedShare(withTitle, without, band)).toBeGreaterThan(0.03);
  });

  it('the downloadable SVG carries its type as paths and the title as <title>, and draws like the PNG', async () => {
    const { svg, png1024 } = await renderCover(BASE);
    expect(svg).not.toContain('<text');
    expect(svg).toContain('<title>Paper Moons</title>');
    expect(changedShare(await coverPng(svg, 1024), png1024)).toBeLessThan(0.002);
  });

  it('escapes the title and fits long titles on at most two lines', () => {
    const svg = coverSvg({ ...BASE, title: 'A <b>&"quoted"</b>' });
    expect(svg).toContain('A &lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt;');
    const long = fitTitle('word '.repeat(60), 880, 58, 34)!;
    expect(long.lines).toHaveLength(2);
    expect(long.lines[1]!.endsWith('…')).toBe(true);
    expect(fitTitle('Short', 880, 58, 34)).toMatchObject({ size: 58, lines: ['Short'], rtl: false });
  });

  it('reads a mood from the prompt words, else from mode and energy', () => {
    expect(moodFromMusic({ prompt: 'dark rainy night drive' })).toBe('dark');
    expect(moodFromMusic({ prompt: 'sunny summer folk' })).toBe('warm');
    expect(moodFromMusic({ mode: 'minor', energy: 0.9 })).toBe('intense');
    expect(moodFromMusic({ mode: 'major', energy: 0.2 })).toBe('calm');
  });
});

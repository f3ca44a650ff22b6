import { Resvg } from '@resvg/resvg-js';
import { openSync } from 'fontkit';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BASE_COVER } from './cover-fixture.ts';
import { advance, BASE_FACES, FALLBACK_FACES } from './fonts.ts';
import {
  type CoverInput,
  catalogueMark,
  coverFontOptions,
  coverPng,
  coverSvg,
  renderCover,
} from './index.ts';
import { fitTitle } from './typography.ts';

const BASE: CoverInput = BASE_COVER;

/** One title per supported script, and the face that must draw it. */
const SCRIPTS: [string, string, string][] = [
  ['latin', 'Kites Over Lisbon', 'Space Grotesk'],
  ['latin accents', 'Café à Lisboa', 'Space Grotesk'],
  ['vietnamese', 'Đêm trên đường', 'Space Grotesk'],
  ['cyrillic', 'Ночная дорога', 'Noto Sans'],
  ['greek', 'Νυχτερινή διαδρομή', 'Noto Sans'],
  ['arabic', 'ليلة القيادة', 'Noto Sans Arabic'],
  ['hebrew', 'נסיעת לילה', 'Noto Sans Hebrew'],
  ['japanese', '夜のドライブ', 'Noto Sans JP'],
  ['korean', '밤의 드라이브', 'Noto Sans KR'],
  ['thai', 'ขับรถยามค่ำคืน', 'Noto Sans Thai'],
  ['hindi', 'रात की सवारी', 'Noto Sans'], // Noto Sans has Devanagari
  ['emoji', '🌙🚗', 'Noto Emoji'],
];
const MIXED = '夜のドライブ 🚗 ليلة القيادة';
const LONG_CJK = '夜のドライブは終わらない東京の街を走り抜けて朝まで続くメロディーと共に'.repeat(3);
const LONG_CYRILLIC =
  'Очень длинное название трека про ночную дорогу через весь город до самого утра и обратно домой';

/** The title's <text> elements from a cover, alone on a white 1000² canvas. */
function titleOnly(svg: string, replace?: (text: string) => string): string {
  let title = svg.match(/<g id="title">.*?<\/g>/)?.[0] ?? '';
  if (replace) title = title.replace(/>([^<]+)</g, (_, t: string) => `>${replace(t)}<`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000" width="1000" height="1000"><rect width="1000" height="1000" fill="#fff"/>${title.replace(/fill="[^"]*"/g, 'fill="#000"')}</svg>`;
}
function render(svg: string, font = coverFontOptions(svg)) {
  const img = PNG.sync.read(new Resvg(svg, { font }).render().asPng());
  return img.data;
}
/** Share of pixels that differ between two renderings of the same size. */
function differ(a: Buffer, b: Buffer): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > 24) changed++;
  return changed / (a.length / 4);
}
/** The tofu rendering of a title: every character replaced by a private-use one no face has. */
const tofu = (t: string) => t.replace(/\S/gu, '\uE000');

describe('cover titles in many scripts', () => {
  it.each(SCRIPTS)(
    '%s: kept whole, in the expected face, and its face has every glyph',
    (_, title, family) => {
      const fit = fitTitle(title, 880, 58, 34)!;
      expect(fit.lines).toEqual([title]);
      for (const run of fit.runs.flat()) {
        expect(run.face.family).toBe(family);
        // The font file's own cmap, opened independently of the planner's cache.
        const font = openSync(run.face.file);
        for (const ch of run.text) expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
      }
    },
  );

  it.each([...SCRIPTS.map(([name, title]) => [name, title]), ['mixed', MIXED]])(
    '%s: the PNG draws glyphs, not the tofu rendering',
    (_, title) => {
      const svg = coverSvg({ ...BASE, title });
      const real = render(titleOnly(svg));
      const boxes = render(titleOnly(svg, tofu));
      const blank = render(titleOnly(svg, () => ''));
      // Drawn as outlines (glyph-paths.ts), there are no letters to swap for boxes: it must draw, and
      // the next test checks it against its measured width.
      if (svg.includes('<g id="title"><path')) {
        const none = render(titleOnly(svg).replace(/<path[^>]*\/>/g, ''));
        expect(differ(real, none)).toBeGreaterThan(0.001);
        return;
      }
      expect(differ(real, blank)).toBeGreaterThan(0.001); // the title draws (≥ 1000 px)
      // The reference draws boxes (Noto Emoji's missing glyph is blank: there tofu = nothing drawn).
      if (!/^\p{Extended_Pictographic}+$/u.test(title)) expect(differ(boxes, blank)).toBeGreaterThan(0.002);
      expect(differ(real, boxes)).toBeGreaterThan(0.001); // …and not as boxes
    },
  );

  it.each([
    ['hindi', 'रात की सवारी', true],
    ['thai', 'ขับรถยามค่ำคืน', true],
    ['latin', 'Kites Over Lisbon', false],
    ['korean', '밤의 드라이브', false],
  ])(
    '%s: the inked title is as wide as fontkit measured it (no vowel sign drawn on top of a letter)',
    (_, title, asPaths) => {
      const svg = coverSvg({ ...BASE, title });
      // Devanagari and Thai are drawn from fontkit's outlines: resvg's own layout of them gives spacing
      // vowel signs no advance ("रात" drawn as "रत"): 16 % narrower than measured (Thai 10 %).
      expect(svg.includes('<g id="title"><path')).toBe(asPaths);
      const fit = fitTitle(title, 880, 58, 34)!;
      const run = fit.runs[0]![0]!;
      const measured = advance(run.face, title, fit.size);
      const only = titleOnly(svg).replace(/<rect[^>]*\/>/, '');
      const inked = new Resvg(only, { font: coverFontOptions(svg) }).getBBox()!.width;
      expect(inked / measured).toBeGreaterThan(0.95);
      expect(inked / measured).toBeLessThan(1.02);
    },
  );

  it('the tofu check can fail: with Space Grotesk alone a Cyrillic title is the tofu rendering', () => {
    const svg = coverSvg({ ...BASE, title: 'Ночная дорога' });
    const sgOnly = {
      fontFiles: BASE_FACES.map((f) => f.file),
      loadSystemFonts: false,
      defaultFontFamily: 'Space Grotesk',
    };
    const real = render(titleOnly(svg), sgOnly);
    const boxes = render(titleOnly(svg, tofu), sgOnly);
    expect(differ(real, boxes)).toBeLessThan(0.0005);
  });

  it.each([
    ['long CJK', LONG_CJK],
    ['long Cyrillic', LONG_CYRILLIC],
    ['mixed', `${MIXED} ${MIXED} ${MIXED} ${MIXED}`],
    ['long Arabic', 'ليلة القيادة في المدينة حتى الصباح '.repeat(4)],
  ])('%s title stays inside the sleeve, on at most two lines ending in an ellipsis', (_, title) => {
    for (const seed of [424242, 424243, 424244, 424245]) {
      const svg = coverSvg({ ...BASE, title, seed });
      const lines = svg.match(/<g id="title">.*?<\/g>/)![0];
      const framed = svg.includes('stroke-opacity="0.12"');
      const [left, right] = framed ? [56, 944] : [64, 936];
      const bbox = new Resvg(titleOnly(svg).replace(/<rect[^>]*\/>/, ''), {
        font: coverFontOptions(svg),
      }).getBBox()!;
      expect(bbox.x, `seed ${seed}`).toBeGreaterThanOrEqual(left - 1);
      expect(bbox.x + bbox.width, `seed ${seed}`).toBeLessThanOrEqual(right + 1);
      expect(new Set(lines.match(/ y="[\d.]+"/g)).size).toBeLessThanOrEqual(2);
      expect(lines).toContain('…');
    }
  });

  it('right-to-left titles are set flush right', () => {
    expect(fitTitle('ليلة القيادة', 880, 58, 34)!.rtl).toBe(true);
    expect(coverSvg({ ...BASE, title: 'ليلة القيادة' })).toMatch(
      /<g id="title"><text[^>]* text-anchor="end"/,
    );
    expect(fitTitle(MIXED, 880, 58, 34)!.rtl).toBe(false);
  });

  it('never draws tofu: symbols no face has are left out; a title with letters no face has is left off', () => {
    expect(fitTitle('Moon \uE000 Walk', 880, 58, 34)!.lines).toEqual(['Moon Walk']);
    const tamil = 'இரவு பயணம்'; // Tamil: no bundled face
    expect(fitTitle(tamil, 880, 58, 34)).toBeNull();
    const svg = coverSvg({ ...BASE, title: tamil });
    expect(svg).not.toContain('<g id="title">');
    expect(svg).toMatch(/SF-[0-9A-Z]{4} — 242\.1/); // the catalogue line still names the cover
    for (const f of FALLBACK_FACES) expect(openSync(f.file).hasGlyphForCodePoint(0x0b87)).toBe(false);
  });

  it('is deterministic for titles in other scripts: same input ⇒ same SVG and PNG bytes', async () => {
    const input = { ...BASE, title: MIXED };
    const a = await renderCover(input);
    const b = await renderCover(structuredClone(input));
    expect(b.svg).toBe(a.svg);
    expect(Buffer.from(b.png1024).equals(Buffer.from(a.png1024))).toBe(true);
    expect(Buffer.from(b.png256).equals(Buffer.from(a.png256))).toBe(true);
    // The download carries the Noto glyphs as paths and draws what the PNG shows.
    expect(a.svg).not.toContain('<text');
    const flat = PNG.sync.read(Buffer.from(await coverPng(a.svg, 1024))).data;
    expect(differ(flat, PNG.sync.read(Buffer.from(a.png1024)).data)).toBeLessThan(0.002);
  });
});

describe('catalogue number', () => {
  it('marks the series with a hash of its id, never its name', () => {
    const mark = catalogueMark(BASE.seriesId);
    expect(mark).toMatch(/^SF-[0-9A-Z]{4}$/);
    expect(catalogueMark(BASE.seriesId)).toBe(mark);
    expect(catalogueMark('5d2c1b7e-1111-4222-8333-444455556666')).not.toBe(mark);
    expect(catalogueMark(null)).toBe('SF');
    const svg = coverSvg(BASE);
    expect(svg).toContain(`>${mark} — 242.1</text>`);
    expect(coverSvg({ ...BASE, seriesId: null })).toContain('>SF — 242.1</text>');
    expect(coverSvg({ ...BASE, seriesId: 'my-private-series' }).toUpperCase()).not.toContain('MY-PRIVATE');
  });
});

import { type ArtContext, COMPOSITIONS, type Rect } from './compositions.ts';
import { familyAttr } from './fonts.ts';
import { glyphPath, needsGlyphPaths } from './glyph-paths.ts';
import { OVERLAYS } from './overlays.ts';
import { createRng, hash32, n } from './rng.ts';
import { makeScheme } from './scheme.ts';
import { COVER_STYLES, COVER_UNLOCKS, type CoverInput, type CoverStyle, type CoverUnlock } from './types.ts';
import { fitTitle, placeRuns, type TitleRun, text } from './typography.ts';

/** Each genre's first style; later visual versions walk on through the list. */
const GENRE_STYLE: Record<string, CoverStyle> = {
  cinematic: 'sunset',
  electronic: 'ridges',
  house: 'bauhaus',
  techno: 'ridges',
  'drum-and-bass': 'ridges',
  pop: 'arches',
  rock: 'sunset',
  'hip-hop': 'bauhaus',
  'lo-fi': 'arches',
  trap: 'orbits',
  jazz: 'bauhaus',
  funk: 'sunset',
  ambient: 'orbits',
  classical: 'arches',
  folk: 'arches',
  world: 'orbits',
};

export function coverStyleFor(genre: string | null, seed: number, visualVersion: number): CoverStyle {
  const first =
    genre && GENRE_STYLE[genre] ? COVER_STYLES.indexOf(GENRE_STYLE[genre]!) : seed % COVER_STYLES.length;
  return COVER_STYLES[(first + Math.max(0, visualVersion - 1)) % COVER_STYLES.length]!;
}

const GENRE_LABEL: Record<string, string> = {
  'drum-and-bass': 'Drum & Bass',
  'hip-hop': 'Hip-Hop',
  'lo-fi': 'Lo-Fi',
};
const genreLabel = (g: string) => GENRE_LABEL[g] ?? g.charAt(0).toUpperCase() + g.slice(1);

/** At most this many unlock effects on one cover: all six at once bury the artwork. */
export const MAX_COVER_LAYERS = 2;

/**
 * The unlock effects this cover wears, in drawing order: every unlocked one while there are at most
 * two, else two picked by the track seed and visual version (so a new version may wear others).
 */
export function coverLayers(input: Pick<CoverInput, 'unlocks' | 'seed' | 'visualVersion'>): CoverUnlock[] {
  const have = COVER_UNLOCKS.filter((u) => input.unlocks.includes(u));
  if (have.length <= MAX_COVER_LAYERS) return have;
  const r = createRng(hash32(`${input.seed}|${input.visualVersion}|layers`));
  const pool = [...have];
  const picked = new Set<CoverUnlock>();
  while (picked.size < MAX_COVER_LAYERS) picked.add(pool.splice(r.int(0, pool.length - 1), 1)[0]!);
  return have.filter((u) => picked.has(u));
}

/**
 * The series' mark in the catalogue number: "SF" and four characters of a hash of the series id, so
 * covers of one series share a mark while the sleeve (public with the track) says nothing of the
 * series' name; "SF" alone without a series.
 */
export function catalogueMark(seriesId: string | null | undefined): string {
  if (!seriesId) return 'SF';
  return `SF-${(hash32(`series|${seriesId}`) % 36 ** 4).toString(36).toUpperCase().padStart(4, '0')}`;
}

/**
 * The cover as SVG text (viewBox 1000 × 1000). Pure and deterministic: the same input gives the same
 * characters, so the PNG resvg draws from it is the same bytes.
 */
export function coverSvg(input: CoverInput): string {
  const { palette, geometry, visualVersion } = input;
  const unlocks = new Set(coverLayers(input));
  const energy = Math.min(1, Math.max(0, input.energy ?? 0.5));
  const bpm = Math.min(220, Math.max(40, input.bpm ?? 100));
  const style = coverStyleFor(input.genre, input.seed, visualVersion);
  const r = createRng(
    hash32(
      [
        input.seed,
        visualVersion,
        palette.primary_hue,
        palette.secondary_hue,
        geometry.rotation_base,
        geometry.gradient_angle,
        geometry.stroke_width_base,
        geometry.shape_count,
      ].join('|'),
    ),
  );
  const night = unlocks.has('midnight_bloom');
  const dark = input.mood === 'dark' || input.mood === 'intense' || r.chance(0.3);
  const s = makeScheme(palette, input.mood, dark, night);
  const framed = r.chance(0.55);
  const A: Rect = framed ? { x: 56, y: 56, w: 888, h: 728 } : { x: 0, y: 0, w: 1000, h: 1000 };
  const defs: string[] = [];
  const ctx: ArtContext = {
    r,
    A,
    s,
    g: geometry,
    energy,
    bpm,
    defs,
    focus: { x: 500, y: 400 },
    floor: framed ? A.y + A.h : 740,
  };

  const art = COMPOSITIONS[style](ctx);
  // Overlays draw from their own stream so an unlock never reshuffles the composition under it.
  const layers = [...unlocks].map((u) => {
    const sub: ArtContext = { ...ctx, r: createRng(hash32(`${input.seed}|${visualVersion}|${u}`)) };
    return OVERLAYS[u](sub);
  });

  defs.push(`<clipPath id="art"><rect x="${A.x}" y="${A.y}" width="${A.w}" height="${A.h}"/></clipPath>`);
  const type: string[] = [];
  const meta = [
    input.genre ? genreLabel(input.genre) : null,
    input.bpm ? `${Math.round(input.bpm)} BPM` : null,
    input.key ?? null,
  ]
    .filter(Boolean)
    .join('  ·  ')
    .toUpperCase();
  const catalogue = `${catalogueMark(input.seriesId)} — ${String(input.seed % 1000).padStart(3, '0')}.${visualVersion}`;
  const textFill = s.ink;
  if (!framed) {
    // Full bleed: the type sits on a scrim, deep on dark sleeves and paper on light ones.
    const scrim = s.dark ? s.d : s.paper;
    defs.push(
      `<linearGradient id="scrim" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${scrim}" stop-opacity="0"/><stop offset="0.55" stop-color="${scrim}" stop-opacity="0.75"/><stop offset="1" stop-color="${scrim}" stop-opacity="0.95"/></linearGradient>`,
    );
    type.push(`<rect x="0" y="660" width="1000" height="340" fill="url(#scrim)"/>`);
  }
  const left = framed ? 56 : 64;
  const right = framed ? 944 : 936;
  const baseY = framed ? 940 : 936;
  const fit = input.title ? fitTitle(input.title, right - left, 58, 34) : null;
  if (fit) {
    const lineH = fit.size * 1.08;
    let y = baseY - 44 - (fit.lines.length - 1) * lineH;
    const lines: string[] = [];
    const o = { size: fit.size, weight: 700, fill: textFill, spacing: -0.5 };
    for (const runs of fit.runs) {
      // A run in a script resvg shapes wrong is drawn from fontkit's outlines (glyph-paths.ts).
      const draw = (run: TitleRun, x: number, body: string, anchor: 'start' | 'end') =>
        needsGlyphPaths(body)
          ? glyphPath(run.face, body, x, y, { ...o, anchor })
          : text(x, y, body, { ...o, family: familyAttr(run.face), anchor });
      if (runs.length === 1) {
        lines.push(draw(runs[0]!, fit.rtl ? right : left, runs[0]!.text, fit.rtl ? 'end' : 'start'));
      } else {
        // Several faces on a line: one <text> per run, placed here (see placeRuns).
        const { width, parts } = placeRuns(runs, fit.size, fit.rtl);
        const x0 = fit.rtl ? right - width : left;
        for (const { run, dx } of parts) lines.push(draw(run, x0 + dx, run.text.trim(), 'start'));
      }
      y += lineH;
    }
    type.push(`<g id="title">${lines.join('')}</g>`);
  }
  type.push(text(left, baseY, meta, { size: 18, weight: 500, fill: textFill, spacing: 3, opacity: 0.8 }));
  type.push(
    text(right, baseY, catalogue, {
      size: 18,
      weight: 500,
      fill: textFill,
      spacing: 2,
      anchor: 'end',
      opacity: 0.8,
    }),
  );
  if (!framed) {
    type.push(
      text(64, 84, `VOL. ${visualVersion}`, {
        size: 15,
        weight: 500,
        fill: s.ink,
        spacing: 4,
        opacity: 0.8,
      }),
    );
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000" width="1000" height="1000">`,
    `<defs>${defs.join('')}</defs>`,
    `<rect width="1000" height="1000" fill="${s.paper}"/>`,
    `<g clip-path="url(#art)">${art}${layers.join('')}</g>`,
    framed
      ? `<rect x="${A.x}" y="${A.y}" width="${A.w}" height="${A.h}" fill="none" stroke="${s.ink}" stroke-opacity="0.12" stroke-width="1"/>`
      : '',
    type.join(''),
    `</svg>`,
  ].join('');
}

export { n };

import { n, noise1d, type Rng } from './rng.ts';
import type { Scheme } from './scheme.ts';
import type { CoverGeometry, CoverStyle } from './types.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a composition draws with; it sets `focus` to its centre of interest for the overlays. */
export interface ArtContext {
  r: Rng;
  A: Rect;
  s: Scheme;
  g: CoverGeometry;
  /** 0..1 */
  energy: number;
  bpm: number;
  defs: string[];
  focus: { x: number; y: number };
  /** Lowest y for the subject: above the type when the art runs full bleed. */
  floor: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A linear gradient across the artwork at `angle` degrees (userSpaceOnUse: stable under any shape). */
export function linearGradient(
  ctx: ArtContext,
  id: string,
  angle: number,
  stops: [number, string, number?][],
): string {
  const { A } = ctx;
  const rad = (angle * Math.PI) / 180;
  const cx = A.x + A.w / 2;
  const cy = A.y + A.h / 2;
  const rx = (Math.cos(rad) * A.w) / 2;
  const ry = (Math.sin(rad) * A.h) / 2;
  ctx.defs.push(
    `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${n(cx - rx)}" y1="${n(cy - ry)}" x2="${n(cx + rx)}" y2="${n(cy + ry)}">${stops
      .map(
        ([o, c, a]) =>
          `<stop offset="${n(o, 3)}" stop-color="${c}"${a === undefined ? '' : ` stop-opacity="${n(a, 3)}"`}/>`,
      )
      .join('')}</linearGradient>`,
  );
  return `url(#${id})`;
}

export function radialGradient(id: string, stops: [number, string, number?][], defs: string[]): string {
  defs.push(
    `<radialGradient id="${id}">${stops
      .map(
        ([o, c, a]) =>
          `<stop offset="${n(o, 3)}" stop-color="${c}"${a === undefined ? '' : ` stop-opacity="${n(a, 3)}"`}/>`,
      )
      .join('')}</radialGradient>`,
  );
  return `url(#${id})`;
}

/** Stacked ridge lines, each hiding the ones behind it: the music's energy is their height. */
function ridges(ctx: ArtContext): string {
  const { r, A, s, g } = ctx;
  const lines = Math.round(clamp(20 + ctx.energy * 10 + (ctx.bpm - 90) / 10, 16, 36));
  const top = A.y + A.h * 0.3;
  const bottom = Math.min(A.y + A.h * 0.88, ctx.floor);
  const gap = (bottom - top) / lines;
  const x0 = A.x + A.w * 0.16;
  const x1 = A.x + A.w * 0.84;
  const amp = gap * (2.5 + ctx.energy * 4);
  const peaks = Array.from({ length: r.int(2, 4) }, () => ({
    c: r.range(0.38, 0.62),
    w: r.range(0.06, 0.13),
    h: r.range(0.5, 1),
  }));
  const stroke = linearGradient(ctx, 'rg', 90 + (g.gradient_angle - 45) / 2, [
    [0, s.b],
    [1, s.a],
  ]);
  const sw = clamp(g.stroke_width_base / 4, 2.6, 5.5);
  const out: string[] = [];
  const steps = 90;
  for (let i = 0; i < lines; i++) {
    const base = top + i * gap;
    const wobble = noise1d(r, 14);
    const ripple = noise1d(r, 40);
    let d = '';
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      let env = 0;
      for (const p of peaks) env += p.h * Math.exp(-(((t - p.c) / p.w) ** 2));
      const y = base - amp * env * (0.45 + 0.55 * Math.abs(wobble(t))) - gap * 0.35 * env * ripple(t);
      d += `${k === 0 ? 'M' : 'L'}${n(x0 + (x1 - x0) * t)} ${n(y)}`;
    }
    // The fill hides the ridges behind; only the top edge is stroked.
    out.push(
      `<path d="${d}L${n(x1)} ${n(bottom + gap * 3)}L${n(x0)} ${n(bottom + gap * 3)}Z" fill="${s.ground}"/>`,
      `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${n(sw, 2)}" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  ctx.focus = { x: A.x + A.w * peaks[0]!.c, y: top };
  return `<rect x="${A.x}" y="${A.y}" width="${A.w}" height="${A.h}" fill="${s.ground}"/>${out.join('')}`;
}

/** A striped sun over a horizon and its reflection: the seventies sleeve. */
function sunset(ctx: ArtContext): string {
  const { r, A, s, g } = ctx;
  const horizon = A.y + A.h * r.range(0.6, 0.7);
  const R = A.w * r.range(0.21, 0.29);
  const cx = A.x + A.w * (0.5 + (g.rotation_base / 359 - 0.5) * 0.34);
  const cy = horizon - R * r.range(0.15, 0.45);
  const sky = linearGradient(ctx, 'sky', 90, [
    [0, s.d],
    [0.75, s.b],
    [1, s.c],
  ]);
  const sun = linearGradient(ctx, 'sun', 90 + (g.gradient_angle - 45) / 3, [
    [0.15, s.c],
    [0.65, s.a],
  ]);
  const cuts: string[] = [];
  const stripes = 4 + (g.shape_count % 4);
  for (let i = 0; i < stripes; i++) {
    const t = (i + 1) / (stripes + 1);
    const y = cy - R * 0.1 + (horizon - cy + R * 0.1) * t;
    const h = 2 + (i + 1) * (R * 0.05);
    cuts.push(
      `<rect x="${n(cx - R - 2)}" y="${n(y)}" width="${n(2 * R + 4)}" height="${n(h)}" fill="${sky}"/>`,
    );
  }
  const ground: string[] = [];
  const bands = 5 + (g.shape_count % 5);
  let y = horizon;
  for (let i = 0; i < bands; i++) {
    const h = ((A.y + A.h - horizon) * (i + 1)) / ((bands * (bands + 1)) / 2);
    const fill = [s.d, s.a, s.b, s.c][(i + (g.rotation_base % 4)) % 4]!;
    ground.push(`<rect x="${A.x}" y="${n(y)}" width="${A.w}" height="${n(h + 0.5)}" fill="${fill}"/>`);
    y += h;
  }
  const refl: string[] = [];
  for (let i = 0; i < 6; i++) {
    const ry = horizon + 6 + i * (A.h * 0.018) * (1 + i * 0.35);
    const w = R * (1.6 - i * 0.22);
    refl.push(
      `<rect x="${n(cx - w / 2)}" y="${n(ry)}" width="${n(w)}" height="${n(2 + i * 0.6)}" fill="${s.c}" fill-opacity="${n(0.75 - i * 0.1, 2)}"/>`,
    );
  }
  ctx.focus = { x: cx, y: cy };
  return (
    `<rect x="${A.x}" y="${A.y}" width="${A.w}" height="${A.h}" fill="${sky}"/>` +
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(R)}" fill="${sun}"/>${cuts.join('')}` +
    ground.join('') +
    refl.join('')
  );
}

/** A grid of tiles, each a quarter, half or whole circle, triangle or bars: a Bauhaus poster. */
function bauhaus(ctx: ArtContext): string {
  const { r, A, s, g } = ctx;
  const cols = Math.round(clamp(Math.sqrt(g.shape_count * 1.5), 2, 6));
  const size = A.w / cols;
  const rows = Math.ceil(A.h / size);
  const colours = [s.a, s.b, s.c, s.d, s.ground];
  const out: string[] = [];
  const turn0 = Math.floor(g.rotation_base / 90);
  const kinds = ['quarter', 'half', 'circle', 'triangle', 'bars', 'rings', 'quarter', 'half'] as const;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x = A.x + col * size;
      const y = A.y + row * size;
      const bg = r.pick(colours);
      let fg = r.pick(colours);
      if (fg === bg) fg = colours[(colours.indexOf(bg) + 2) % colours.length]!;
      const turn = ((turn0 + r.int(0, 3)) % 4) * 90;
      const kind = r.pick(kinds);
      const c = size / 2;
      let shape = '';
      if (kind === 'quarter')
        shape = `<path d="M0 0L${n(size)} 0A${n(size)} ${n(size)} 0 0 1 0 ${n(size)}Z" fill="${fg}"/>`;
      else if (kind === 'half')
        shape = `<path d="M0 ${n(c)}A${n(c)} ${n(c)} 0 0 1 ${n(size)} ${n(c)}Z" fill="${fg}"/>`;
      else if (kind === 'circle')
        shape = `<circle cx="${n(c)}" cy="${n(c)}" r="${n(size * 0.38)}" fill="${fg}"/>`;
      else if (kind === 'triangle')
        shape = `<path d="M0 0L${n(size)} ${n(size)}L0 ${n(size)}Z" fill="${fg}"/>`;
      else if (kind === 'bars') {
        const k = 3 + (g.shape_count % 3);
        for (let i = 0; i < k; i++) {
          shape += `<rect x="0" y="${n((i * size) / k)}" width="${n(size)}" height="${n(size / k / 2)}" fill="${fg}"/>`;
        }
      } else {
        const sw = clamp(g.stroke_width_base * 0.9, 6, size / 10);
        for (let i = 1; i <= 3; i++) {
          shape += `<circle cx="${n(c)}" cy="${n(c)}" r="${n(size * 0.13 * i)}" fill="none" stroke="${fg}" stroke-width="${n(sw)}"/>`;
        }
      }
      out.push(
        `<g transform="translate(${n(x)} ${n(y)}) rotate(${turn} ${n(c)} ${n(c)})"><rect width="${n(size + 0.6)}" height="${n(size + 0.6)}" fill="${bg}"/>${shape}</g>`,
      );
    }
  }
  ctx.focus = { x: A.x + size * r.int(0, cols - 1) + size / 2, y: A.y + size / 2 };
  return out.join('');
}

/** A planet and its orbits, some drawn as arcs. */
function orbits(ctx: ArtContext): string {
  const { r, A, s, g } = ctx;
  const cx = A.x + A.w * r.range(0.35, 0.65);
  const cy = A.y + A.h * r.range(0.35, 0.55);
  const r0 = A.w * r.range(0.09, 0.14);
  const rings = g.shape_count + 2;
  const planet = radialGradient(
    'planet',
    [
      [0, s.c],
      [0.7, s.a],
      [1, s.d],
    ],
    ctx.defs,
  );
  const out: string[] = [`<rect x="${A.x}" y="${A.y}" width="${A.w}" height="${A.h}" fill="${s.ground}"/>`];
  const colours = [s.a, s.b, s.c, s.ink];
  for (let i = 0; i < rings; i++) {
    const rad = r0 * 1.35 + i * (A.w * 0.055 + g.stroke_width_base * 0.8) * r.range(0.85, 1.2);
    const sw = g.stroke_width_base * r.range(0.35, 1.7);
    const circ = 2 * Math.PI * rad;
    const arc = r.chance(0.55);
    const dash = arc ? ` stroke-dasharray="${n(circ * r.range(0.25, 0.7))} ${n(circ)}"` : '';
    const rot = (g.rotation_base + i * r.int(20, 70)) % 360;
    out.push(
      `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rad)}" fill="none" stroke="${colours[i % colours.length]}" stroke-width="${n(sw)}"${dash} stroke-linecap="round" transform="rotate(${rot} ${n(cx)} ${n(cy)})" stroke-opacity="${n(0.55 + 0.45 * r.next(), 2)}"/>`,
    );
    if (r.chance(0.3)) {
      const t = r.range(0, Math.PI * 2);
      out.push(
        `<circle cx="${n(cx + Math.cos(t) * rad)}" cy="${n(cy + Math.sin(t) * rad)}" r="${n(sw * 0.9 + 4)}" fill="${s.c}"/>`,
      );
    }
  }
  out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r0)}" fill="${planet}"/>`);
  ctx.focus = { x: cx, y: cy };
  return out.join('');
}

/** Nested arches rising from the bottom edge, with a sun: mid-century modern. */
function arches(ctx: ArtContext): string {
  const { r, A, s, g } = ctx;
  const out: string[] = [`<rect x="${A.x}" y="${A.y}" width="${A.w}" height="${A.h}" fill="${s.ground}"/>`];
  const colours = [s.a, s.b, s.c, s.d];
  const groups = r.int(1, 3);
  const t = clamp(g.stroke_width_base * 2.4, 20, 56);
  const count = clamp(g.shape_count, 3, 12);
  const sunX = A.x + A.w * r.range(0.2, 0.8);
  const sunY = A.y + A.h * r.range(0.2, 0.32);
  out.push(`<circle cx="${n(sunX)}" cy="${n(sunY)}" r="${n(A.w * r.range(0.07, 0.12))}" fill="${s.c}"/>`);
  const base = Math.min(A.y + A.h + 1, ctx.floor);
  if (base < A.y + A.h) {
    out.push(
      `<rect x="${A.x}" y="${n(base)}" width="${A.w}" height="${n(A.y + A.h - base)}" fill="${s.d}"/>`,
    );
  }
  for (let k = 0; k < groups; k++) {
    const cx = A.x + A.w * (groups === 1 ? 0.5 : 0.2 + (0.6 * k) / (groups - 1)) + r.range(-30, 30);
    const maxR = (A.w / (groups === 1 ? 2.1 : groups === 2 ? 3 : 3.6)) * r.range(0.85, 1.05);
    const shift = r.int(0, 3);
    for (let i = 0; i < count; i++) {
      const rad = maxR - i * t;
      if (rad < t * 0.6) break;
      out.push(
        `<path d="M${n(cx - rad)} ${n(base)}A${n(rad)} ${n(rad)} 0 0 1 ${n(cx + rad)} ${n(base)}Z" fill="${colours[(i + shift) % colours.length]}"/>`,
      );
    }
  }
  ctx.focus = { x: sunX, y: sunY };
  return out.join('');
}

export const COMPOSITIONS: Record<CoverStyle, (ctx: ArtContext) => string> = {
  ridges,
  sunset,
  bauhaus,
  orbits,
  arches,
};

import { type ArtContext, linearGradient, radialGradient } from './compositions.ts';
import { n, noise1d } from './rng.ts';
import type { CoverUnlock } from './types.ts';

// What each unlock adds on top of the composition (README "Cover styles" says the same in words).

/** Light blooms over the focus and the far corner, like light leaking into the sleeve. */
function softGlow(ctx: ArtContext): string {
  const { A, s, focus } = ctx;
  const g1 = radialGradient(
    'glow1',
    [
      [0, s.glow, 0.85],
      [0.45, s.glow, 0.32],
      [1, s.glow, 0],
    ],
    ctx.defs,
  );
  const g2 = radialGradient(
    'glow2',
    [
      [0, s.b, 0.6],
      [1, s.b, 0],
    ],
    ctx.defs,
  );
  const fx = focus.x > A.x + A.w / 2 ? A.x + A.w * 0.08 : A.x + A.w * 0.92;
  return (
    `<circle cx="${n(focus.x)}" cy="${n(focus.y)}" r="${n(A.w * 0.42)}" fill="${g1}"/>` +
    `<ellipse cx="${n(fx)}" cy="${n(A.y + A.h * 0.95)}" rx="${n(A.w * 0.6)}" ry="${n(A.h * 0.4)}" fill="${g2}"/>`
  );
}

/** Curtains of light across the upper sky. */
function aurora(ctx: ArtContext): string {
  const { r, A, s } = ctx;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    const colour = s.aurora[i % 2]!;
    const grad = linearGradient(ctx, `au${i}`, 90, [
      [0, colour, 0],
      [0.12 + i * 0.04, colour, 0.6],
      [0.45 + i * 0.05, colour, 0],
    ]);
    const wave = noise1d(r, 5);
    const top = A.y + A.h * (0.04 + i * 0.05);
    const depth = A.h * (0.28 + 0.05 * i);
    const steps = 40;
    let d = '';
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      const x = A.x - 20 + (A.w + 40) * t;
      const y = top + A.h * 0.12 * wave(t) + A.h * 0.05 * Math.sin(t * Math.PI * (2 + i));
      d += `${k === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`;
    }
    for (let k = steps; k >= 0; k--) {
      const t = k / steps;
      const x = A.x - 20 + (A.w + 40) * t;
      const y = top + depth + A.h * 0.1 * wave(1 - t);
      d += `L${n(x)} ${n(y)}`;
    }
    out.push(`<path d="${d}Z" fill="${grad}"/>`);
  }
  return out.join('');
}

/** A night flower: petals around a bright heart, and a scatter of stars. */
function midnightBloom(ctx: ArtContext): string {
  const { r, A, s } = ctx;
  const cx = A.x + A.w * r.range(0.68, 0.8);
  const cy = A.y + A.h * r.range(0.18, 0.28);
  const petals = 8 + (ctx.g.shape_count % 6);
  const len = A.w * 0.1;
  const out: string[] = [];
  for (let i = 0; i < petals; i++) {
    const rot = (ctx.g.rotation_base + (i * 360) / petals) % 360;
    out.push(
      `<ellipse cx="${n(cx)}" cy="${n(cy - len * 0.55)}" rx="${n(len * 0.22)}" ry="${n(len * 0.55)}" fill="${s.b}" fill-opacity="0.55" stroke="${s.c}" stroke-width="1.4" transform="rotate(${n(rot)} ${n(cx)} ${n(cy)})"/>`,
    );
  }
  out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(len * 0.16)}" fill="${s.c}"/>`);
  for (let i = 0; i < 46; i++) {
    const x = A.x + A.w * r.next();
    const y = A.y + A.h * r.next() * 0.5;
    out.push(
      `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r.range(0.8, 2.4))}" fill="${s.ink}" fill-opacity="${n(r.range(0.35, 0.95), 2)}"/>`,
    );
  }
  return out.join('');
}

/** Two bundles of hairlines sweeping across, like silk thread. */
function silkLines(ctx: ArtContext): string {
  const { r, A, s } = ctx;
  const out: string[] = [];
  for (let b = 0; b < 2; b++) {
    const y0 = A.y + A.h * r.range(0.15, 0.85);
    const y1 = A.y + A.h * r.range(0.15, 0.85);
    const c1 = { x: A.x + A.w * r.range(0.2, 0.45), y: A.y + A.h * r.range(-0.2, 1.2) };
    const c2 = { x: A.x + A.w * r.range(0.55, 0.8), y: A.y + A.h * r.range(-0.2, 1.2) };
    const strands = 22;
    const colour = b === 0 ? s.ink : s.c;
    const spread = r.range(7, 12);
    for (let i = 0; i < strands; i++) {
      const o = (i - strands / 2) * spread;
      const tw = Math.sin(i * 0.3) * 14;
      out.push(
        `<path d="M${n(A.x - 10)} ${n(y0 + o)}C${n(c1.x)} ${n(c1.y + o * 2.2 + tw)} ${n(c2.x)} ${n(c2.y - o * 1.6 - tw)} ${n(A.x + A.w + 10)} ${n(y1 + o * 0.6)}" fill="none" stroke="${colour}" stroke-width="1.1" stroke-opacity="${n(0.2 + 0.45 * (1 - Math.abs(i - strands / 2) / (strands / 2)), 2)}"/>`,
      );
    }
  }
  return out.join('');
}

/** Construction lines: a circle, an inscribed polygon, diagonals, ticks and registration marks. */
function geometric(ctx: ArtContext): string {
  const { A, s, g, focus } = ctx;
  const line = (o: number) => `fill="none" stroke="${s.ink}" stroke-width="2.2" stroke-opacity="${o}"`;
  const st = line(0.7);
  const cx = focus.x;
  const cy = focus.y;
  const R = A.w * 0.32;
  const sides = 3 + (g.shape_count % 5);
  const pts: string[] = [];
  for (let i = 0; i < sides; i++) {
    const t = ((g.rotation_base + (i * 360) / sides) * Math.PI) / 180;
    pts.push(`${n(cx + Math.cos(t) * R)},${n(cy + Math.sin(t) * R)}`);
  }
  const out = [
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(R)}" ${st}/>`,
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(R * 0.5)}" ${st} stroke-dasharray="4 6"/>`,
    `<polygon points="${pts.join(' ')}" ${st}/>`,
    `<path d="M${A.x} ${A.y}L${A.x + A.w} ${A.y + A.h}M${A.x + A.w} ${A.y}L${A.x} ${A.y + A.h}" ${line(0.35)}/>`,
    `<path d="M${n(cx)} ${A.y}V${A.y + A.h}M${A.x} ${n(cy)}H${A.x + A.w}" ${line(0.35)}/>`,
  ];
  let ticks = '';
  for (let i = 1; i < 24; i++) {
    const x = A.x + (A.w * i) / 24;
    ticks += `M${n(x)} ${A.y}v${i % 6 === 0 ? 18 : 8}`;
  }
  out.push(`<path d="${ticks}" ${st}/>`);
  for (const [x, y] of [
    [A.x + 28, A.y + 28],
    [A.x + A.w - 28, A.y + A.h - 28],
  ] as const) {
    out.push(
      `<circle cx="${x}" cy="${y}" r="9" ${st}/><path d="M${x - 16} ${y}h32M${x} ${y - 16}v32" ${st}/>`,
    );
  }
  for (const p of pts) {
    const [x, y] = p.split(',');
    out.push(`<circle cx="${x}" cy="${y}" r="5" fill="${s.ink}"/>`);
  }
  return out.join('');
}

/** A print screen: dots that swell along the gradient angle, as on an offset-printed sleeve. */
function halftone(ctx: ArtContext): string {
  const { A, s, g } = ctx;
  const step = 18;
  const rad = ((g.gradient_angle + 20) * Math.PI) / 180;
  const ux = Math.cos(rad);
  const uy = Math.sin(rad);
  const span = Math.abs(ux) * A.w + Math.abs(uy) * A.h;
  const ox = A.x + (ux < 0 ? A.w : 0);
  const oy = A.y + (uy < 0 ? A.h : 0);
  let d = '';
  for (let y = A.y + step / 2; y < A.y + A.h; y += step) {
    for (let x = A.x + step / 2; x < A.x + A.w; x += step) {
      const t = ((x - ox) * ux + (y - oy) * uy) / span; // 0..1 along the angle
      const rr = step * 0.46 * Math.max(0, t * 1.25 - 0.3);
      if (rr < 0.9) continue;
      // One path of circles (two arcs each): far cheaper to parse and draw than thousands of <circle>s.
      d += `M${n(x - rr)} ${n(y)}a${n(rr)} ${n(rr)} 0 1 0 ${n(2 * rr)} 0a${n(rr)} ${n(rr)} 0 1 0 ${n(-2 * rr)} 0`;
    }
  }
  return `<path d="${d}" fill="${s.dark ? s.ink : s.d}" fill-opacity="0.42"/>`;
}

export const OVERLAYS: Record<CoverUnlock, (ctx: ArtContext) => string> = {
  soft_glow: softGlow,
  aurora,
  midnight_bloom: midnightBloom,
  silk_lines: silkLines,
  geometric,
  halftone,
};

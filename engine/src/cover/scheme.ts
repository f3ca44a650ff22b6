import { oklch } from './color.ts';
import type { CoverMood, CoverPalette } from './types.ts';

/** The colours of one cover, all derived from the series palette (so a series stays recognisable). */
export interface Scheme {
  /** Sleeve colour (behind the artwork and the type). */
  paper: string;
  /** Type and fine lines on paper. */
  ink: string;
  /** Artwork background. */
  ground: string;
  /** Primary, secondary, a light accent and a deep shade. */
  a: string;
  b: string;
  c: string;
  d: string;
  /** A luminous colour for glows and auroras. */
  glow: string;
  aurora: [string, string];
  dark: boolean;
}

const mix = (h1: number, h2: number, t: number) => {
  const d = ((h2 - h1 + 540) % 360) - 180;
  return (h1 + d * t + 360) % 360;
};

export function makeScheme(p: CoverPalette, mood: CoverMood | null, dark: boolean, night: boolean): Scheme {
  let ph = p.primary_hue;
  let sh = p.secondary_hue;
  const L = p.luminance_base;
  let S = p.saturation;
  let lift = 0;
  if (mood === 'warm') {
    ph = mix(ph, 40, 0.25);
    sh = mix(sh, 25, 0.25);
  }
  if (mood === 'calm') S *= 0.7;
  if (mood === 'dreamy') {
    S *= 0.75;
    lift = 0.06;
  }
  if (mood === 'intense') S = Math.min(1, S * 1.2);
  if (mood === 'bright') lift = 0.04;
  const chroma = (k: number) => 0.02 + k * S;
  const base = 0.4 + 0.34 * L + lift;
  // Accent: opposite the two hues' middle, so it pops against both.
  const accentHue = mix(mix(ph, sh, 0.5), mix(ph, sh, 0.5) + 180, 0.35);
  const aurora: [string, string] = [
    oklch(0.82, chroma(0.14), mix(155, sh, 0.3)),
    oklch(0.7, chroma(0.15), mix(290, ph, 0.3)),
  ];
  if (night) {
    // midnight_bloom: an indigo night whatever the series' hues, its colours lit from within.
    return {
      paper: oklch(0.15, 0.035, 275),
      ink: oklch(0.93, 0.025, mix(ph, 275, 0.5)),
      ground: oklch(0.19, 0.05, mix(275, ph, 0.15)),
      a: oklch(base + 0.12, chroma(0.15), ph),
      b: oklch(base + 0.2, chroma(0.13), sh),
      c: oklch(0.9, chroma(0.09), accentHue),
      d: oklch(0.3, chroma(0.08), mix(275, ph, 0.3)),
      glow: oklch(0.78, chroma(0.14), mix(ph, 320, 0.3)),
      aurora,
      dark: true,
    };
  }
  if (dark) {
    return {
      paper: oklch(0.17, chroma(0.02), ph),
      ink: oklch(0.94, chroma(0.015), ph),
      ground: oklch(0.21, chroma(0.035), mix(ph, sh, 0.2)),
      a: oklch(base + 0.06, chroma(0.16), ph),
      b: oklch(base + 0.12, chroma(0.14), sh),
      c: oklch(0.88, chroma(0.1), accentHue),
      d: oklch(0.32, chroma(0.07), ph),
      glow: oklch(0.8, chroma(0.13), mix(ph, sh, 0.5)),
      aurora,
      dark: true,
    };
  }
  return {
    paper: oklch(0.955, chroma(0.012), mix(ph, 70, 0.6)),
    ink: oklch(0.2, chroma(0.03), ph),
    ground: oklch(0.9, chroma(0.03), mix(sh, 70, 0.4)),
    a: oklch(base, chroma(0.17), ph),
    b: oklch(base + 0.1, chroma(0.15), sh),
    c: oklch(0.86, chroma(0.11), accentHue),
    d: oklch(0.28 + 0.08 * L, chroma(0.08), ph),
    glow: oklch(0.92, chroma(0.12), mix(ph, 60, 0.4)),
    aurora,
    dark: false,
  };
}

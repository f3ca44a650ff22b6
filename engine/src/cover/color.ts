// OKLCH → sRGB hex. Covers are mixed in OKLCH so that two hues at one lightness look equally light
// (HSL's yellow and blue at "50 %" do not), which keeps every series' palette balanced.

function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

function oklchToLinear(l: number, c: number, hDeg: number): [number, number, number] {
  const h = (hDeg * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
}

const inGamut = (rgb: number[]) => rgb.every((v) => v >= -1e-4 && v <= 1 + 1e-4);

/** A colour as `#rrggbb`; out-of-gamut colours keep lightness and hue and lose chroma until they fit. */
export function oklch(l: number, c: number, h: number): string {
  const L = Math.min(1, Math.max(0, l));
  let lo = 0;
  let hi = Math.max(0, c);
  let rgb = oklchToLinear(L, hi, h);
  if (!inGamut(rgb)) {
    for (let i = 0; i < 14; i++) {
      const mid = (lo + hi) / 2;
      if (inGamut(oklchToLinear(L, mid, h))) lo = mid;
      else hi = mid;
    }
    rgb = oklchToLinear(L, lo, h);
  }
  return `#${rgb
    .map((v) =>
      Math.round(255 * linearToSrgb(Math.min(1, Math.max(0, v))))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

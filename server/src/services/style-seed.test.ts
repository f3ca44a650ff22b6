import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seriesSeed, seriesStyle, styleFromSeed, userStyleSeed } from './style-seed.ts';

// Expected values computed outside this code base, with Python's hashlib:
//   s63(t) = int.from_bytes(sha256(t.encode()).digest()[:8], 'big') & (2**63 - 1)
//   seed(uid, 0) = s63(uid); seed(uid, n) = s63(f"{s63(uid)}:{n}")
//   (primary, secondary, stroke, rotation, gradient) by DESIGN.md §4's formulas.
const TABLE: [string, number, bigint, [number, number, number, number, number]][] = [
  ['user-1', 0, 5098789343143396786n, [346, 79, 10, 268, 33]],
  ['user-1', 1, 2434577252377194149n, [149, 223, 13, 264, 14]],
  ['user-1', 2, 8227641597448893231n, [111, 190, 23, 43, 79]],
  ['user-1', 7, 6279797711022365785n, [265, 21, 17, 260, 26]],
  ['9f1c7a2e-0b6d-4d3e-8a51-2f9e4c7b1d08', 0, 5051163335242084975n, [55, 149, 23, 332, 4]],
  ['9f1c7a2e-0b6d-4d3e-8a51-2f9e4c7b1d08', 1, 7997318989582599350n, [350, 98, 14, 126, 78]],
  ['9f1c7a2e-0b6d-4d3e-8a51-2f9e4c7b1d08', 2, 8831676823618812754n, [274, 1, 10, 249, 57]],
  ['Zx8PqL2mN4vR7tY1', 0, 4563615902444580360n, [120, 202, 16, 272, 82]],
  ['Zx8PqL2mN4vR7tY1', 1, 5921706222688509319n, [319, 68, 15, 177, 19]],
  ['Zx8PqL2mN4vR7tY1', 2, 555044881484224441n, [1, 72, 17, 228, 71]],
  ['', 0, 7183457195969485844n, [44, 128, 12, 116, 24]],
  ['', 7, 8021663773280420491n, [91, 193, 19, 223, 42]],
];

describe('style derivation (DESIGN.md §4)', () => {
  it.each(TABLE)('user %j series %i → seed and style', (uid, n, seed, [p, s, w, r, g]) => {
    expect(seriesSeed(userStyleSeed(uid), n)).toBe(seed);
    expect(seriesStyle(userStyleSeed(uid), n)).toEqual({
      palette: { primary_hue: p, secondary_hue: s, luminance_base: 0.45, saturation: 0.8 },
      geometry: { stroke_width_base: w, rotation_base: r, gradient_angle: g, shape_count: 6 },
    });
  });

  it('agrees with a second computation from the hex digest over many ids', () => {
    for (let i = 0; i < 300; i++) {
      const uid = `u-${i}-${(i * 7919) % 1013}`;
      const hex = createHash('sha256').update(uid).digest('hex');
      // Top hex digit loses its high bit (the 63-bit mask); the rest is read as is.
      const seed = BigInt(`0x${(Number.parseInt(hex[0]!, 16) & 7).toString(16)}${hex.slice(1, 16)}`);
      expect(userStyleSeed(uid)).toBe(seed);
      // Residues by long division over decimal digits (no BigInt arithmetic).
      const mod = (m: number) => [...seed.toString()].reduce((acc, d) => (acc * 10 + Number(d)) % m, 0);
      const shr = (k: number) => BigInt(`0b${seed.toString(2).slice(0, -k) || '0'}`);
      const style = styleFromSeed(seed);
      expect(style.palette.primary_hue).toBe(mod(360));
      expect(style.geometry.stroke_width_base).toBe(8 + mod(16));
      expect(style.palette.secondary_hue).toBe((mod(360) + 60 + Number(shr(8) % 60n)) % 360);
      expect(style.geometry.rotation_base).toBe(Number(shr(16) % 360n));
      expect(style.geometry.gradient_angle).toBe(Number(shr(8) % 90n));
    }
  });

  it('every derived value is in the ranges the API accepts', () => {
    for (let n = 0; n < 200; n++) {
      const { palette, geometry } = seriesStyle(userStyleSeed('range-check'), n);
      expect(palette.primary_hue).toBeGreaterThanOrEqual(0);
      expect(palette.primary_hue).toBeLessThan(360);
      expect(palette.secondary_hue).toBeLessThan(360);
      expect(geometry.stroke_width_base).toBeGreaterThanOrEqual(8);
      expect(geometry.stroke_width_base).toBeLessThanOrEqual(23);
      expect(geometry.gradient_angle).toBeLessThan(90);
    }
  });

  it('refuses a negative or fractional series number', () => {
    expect(() => seriesSeed(1n, -1)).toThrow(RangeError);
    expect(() => seriesSeed(1n, 1.5)).toThrow(RangeError);
  });
});

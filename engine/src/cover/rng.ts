// A small seeded PRNG: covers must be the same bytes for the same inputs on every machine, so nothing
// here may depend on Math.random, dates or locale.

/** 32-bit FNV-1a of a string: turns the cover's inputs into one PRNG seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  range(lo: number, hi: number): number;
  int(lo: number, hiInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: fast, good enough for art, identical everywhere. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** Smooth 1-D value noise over [0, 1] with `cells` lattice cells, values in [-1, 1]. */
export function noise1d(rng: Rng, cells: number): (x: number) => number {
  const lattice = Array.from({ length: cells + 2 }, () => rng.range(-1, 1));
  return (x) => {
    const p = Math.min(Math.max(x, 0), 1) * cells;
    const i = Math.floor(p);
    const f = p - i;
    const s = f * f * (3 - 2 * f);
    return lattice[i]! * (1 - s) + lattice[i + 1]! * s;
  };
}

/** Fixed-precision number for SVG text: same value ⇒ same characters. */
export const n = (v: number, digits = 1): string => {
  const s = v.toFixed(digits);
  return s === '-0' || /^-0\.0+$/.test(s) ? s.slice(1) : s;
};

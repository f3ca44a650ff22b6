// Gradient-boosted regression trees over the candidate levels of each item, added to a base score
// (the linear METRE_WEIGHTS score), with the same softmax loss as the linear fit: for an item,
// p = softmax over its levels of (base + Σ trees), gradient p − y, Hessian p(1 − p) per level
// (Newton leaf values, as XGBoost). Splits are searched on quantile thresholds of each feature.
// Used by fit-metre.ts; the trees go into metre.ts as METRE_TREES.
import type { MetreTree } from '../engine/src/analyze/metre.ts';

export interface BoostItem {
  /** Feature rows, one per candidate level. */
  x: number[][];
  /** Index of the labelled level. */
  y: number;
  /** Base score per level (the linear part). */
  base: number[];
  /** The item's weight in the loss (1 when absent). */
  weight?: number;
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  eta: number;
  /** L2 on leaf values (Newton denominator). */
  lambda: number;
  /** Smallest Hessian sum a leaf may hold. */
  minHessian: number;
  /** Features (indices) the trees may split on. */
  splittable: number[];
}

type Tree = number | [number, number, Tree, Tree];

interface Row {
  item: number;
  level: number;
  x: number[];
}

function thresholds(rows: Row[], k: number, count = 24): number[] {
  const v = rows.map((r) => r.x[k]!).sort((a, b) => a - b);
  const out = new Set<number>();
  for (let q = 1; q < count; q++) {
    const i = Math.floor((q / count) * v.length);
    const a = v[i - 1]!;
    const b = v[i]!;
    if (a < b) out.add((a + b) / 2);
  }
  return [...out];
}

function grow(
  rows: Row[],
  g: Float64Array,
  h: Float64Array,
  idx: number[],
  depth: number,
  o: BoostOptions,
  cuts: number[][],
): Tree {
  let G = 0;
  let H = 0;
  for (const i of idx) {
    G += g[i]!;
    H += h[i]!;
  }
  const leaf = (-G / (H + o.lambda)) * o.eta;
  if (depth === 0 || H < 2 * o.minHessian) return leaf;
  const parent = (G * G) / (H + o.lambda);
  let best: { gain: number; k: number; t: number } | null = null;
  for (const k of o.splittable) {
    const ts = cuts[k]!;
    if (ts.length === 0) continue;
    const gs = new Float64Array(ts.length + 1);
    const hs = new Float64Array(ts.length + 1);
    for (const i of idx) {
      const v = rows[i]!.x[k]!;
      // bin: number of thresholds ≤ v
      let lo = 0;
      let hi = ts.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (ts[m]! <= v) lo = m + 1;
        else hi = m;
      }
      gs[lo] = gs[lo]! + g[i]!;
      hs[lo] = hs[lo]! + h[i]!;
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < ts.length; b++) {
      gl += gs[b]!;
      hl += hs[b]!;
      const gr = G - gl;
      const hr = H - hl;
      if (hl < o.minHessian || hr < o.minHessian) continue;
      const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
      if (!best || gain > best.gain) best = { gain, k, t: ts[b]! };
    }
  }
  if (!best || best.gain <= 1e-9) return leaf;
  const left = idx.filter((i) => rows[i]!.x[best.k]! < best.t);
  const right = idx.filter((i) => rows[i]!.x[best.k]! >= best.t);
  return [
    best.k,
    best.t,
    grow(rows, g, h, left, depth - 1, o, cuts),
    grow(rows, g, h, right, depth - 1, o, cuts),
  ];
}

export function evalTree(t: Tree, x: number[]): number {
  let n = t;
  while (typeof n !== 'number') n = x[n[0]]! < n[1] ? n[2] : n[3];
  return n;
}

/** Boosts `rounds` trees; `onRound(r, trees)` after each (to score prefixes). */
export function boost(
  items: BoostItem[],
  o: BoostOptions,
  onRound?: (round: number, trees: Tree[]) => void,
): Tree[] {
  const rows: Row[] = [];
  items.forEach((it, item) => {
    it.x.forEach((x, level) => {
      rows.push({ item, level, x });
    });
  });
  const cuts: number[][] = [];
  for (let k = 0; k < (rows[0]?.x.length ?? 0); k++)
    cuts.push(o.splittable.includes(k) ? thresholds(rows, k) : []);
  const margin = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    margin[i] = items[r.item]!.base[r.level]!;
  });
  const g = new Float64Array(rows.length);
  const h = new Float64Array(rows.length);
  const trees: Tree[] = [];
  const all = rows.map((_, i) => i);
  for (let round = 0; round < o.rounds; round++) {
    // softmax per item
    let start = 0;
    while (start < rows.length) {
      let end = start;
      while (end < rows.length && rows[end]!.item === rows[start]!.item) end++;
      let top = Number.NEGATIVE_INFINITY;
      for (let i = start; i < end; i++) top = Math.max(top, margin[i]!);
      let sum = 0;
      for (let i = start; i < end; i++) sum += Math.exp(margin[i]! - top);
      for (let i = start; i < end; i++) {
        const p = Math.exp(margin[i]! - top) / sum;
        const y = rows[i]!.level === items[rows[i]!.item]!.y ? 1 : 0;
        const w = items[rows[i]!.item]!.weight ?? 1;
        g[i] = w * (p - y);
        h[i] = w * Math.max(1e-6, p * (1 - p));
      }
      start = end;
    }
    const tree = grow(rows, g, h, all, o.depth, o, cuts);
    trees.push(tree);
    rows.forEach((r, i) => {
      margin[i] = margin[i]! + evalTree(tree, r.x);
    });
    onRound?.(round + 1, trees);
  }
  return trees;
}

/** The trees as metre.ts constants (feature names instead of indices). */
export function asMetreTrees(trees: Tree[], names: readonly string[]): MetreTree[] {
  const conv = (t: Tree): MetreTree =>
    typeof t === 'number'
      ? Number(t.toFixed(4))
      : ([names[t[0]]!, Number(t[1].toPrecision(6)), conv(t[2]), conv(t[3])] as unknown as MetreTree);
  return trees.map(conv);
}

export type { Tree };

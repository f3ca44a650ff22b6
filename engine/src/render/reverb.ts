// A small Freeverb-style stereo reverb (4 damped combs + 2 allpasses per channel), cheap enough to
// run once per stem bus so that every stem carries its own reverb and the stems still sum to the mix.
// It runs at half the sample rate (its damped tail has little above 10 kHz) and in ONE pass over the
// stem, in place: no send, tail or dry copy as long as the track (for 60 s those were ≈16 MB per stem).
// The work goes block by block, the filters in tight loops over the block with their state in local
// variables (≈3× faster than ticking twelve filter objects per sample; same arithmetic, same output),
// a channel's four combs side by side and its two allpasses in one loop (≈70 → 46 ms per 60 s stem).

import { DENORMAL_FLOOR } from './biquad.ts';

const COMB_SEC = [0.0297, 0.0371, 0.0411, 0.0437] as const;
const ALLPASS_SEC = [0.005, 0.0017] as const;
const STEREO_SPREAD_SEC = 0.00052;
/** Half-rate samples per block. */
const BLOCK = 512;

export interface ReverbSettings {
  decaySec: number; // RT60
  damping: number; // 0..1, more = darker tail
  preDelayMs: number;
}

/** A feedback comb with a one-pole low-pass in the loop (the "damping"). */
interface DampedComb {
  buf: Float64Array;
  idx: number;
  store: number;
  feedback: number;
}

interface Allpass {
  buf: Float64Array;
  idx: number;
}

/**
 * The four combs of one channel over `input[0..n)`, their outputs summed into `wet` (overwritten).
 * Each comb's one-pole damping is a recursion (a multiply and an add per sample that the next
 * sample waits for); running the four side by side lets the CPU overlap them, ≈2–3× faster than
 * one comb after another. Each comb does the same arithmetic in the same order as alone, and the
 * four outputs are summed in comb order from zero as before (same bits).
 */
function runCombs(
  combs: readonly DampedComb[],
  damp: number,
  input: Float64Array,
  wet: Float64Array,
  n: number,
): void {
  const c0 = combs[0]!;
  const c1 = combs[1]!;
  const c2 = combs[2]!;
  const c3 = combs[3]!;
  const keep = 1 - damp;
  const b0 = c0.buf;
  const b1 = c1.buf;
  const b2 = c2.buf;
  const b3 = c3.buf;
  const f0 = c0.feedback;
  const f1 = c1.feedback;
  const f2 = c2.feedback;
  const f3 = c3.feedback;
  let i0 = c0.idx;
  let i1 = c1.idx;
  let i2 = c2.idx;
  let i3 = c3.idx;
  let s0 = c0.store;
  let s1 = c1.store;
  let s2 = c2.store;
  let s3 = c3.store;
  for (let j = 0; j < n; j++) {
    const x = input[j]!;
    const y0 = b0[i0]!;
    const y1 = b1[i1]!;
    const y2 = b2[i2]!;
    const y3 = b3[i3]!;
    s0 = y0 * keep + s0 * damp;
    s1 = y1 * keep + s1 * damp;
    s2 = y2 * keep + s2 * damp;
    s3 = y3 * keep + s3 * damp;
    b0[i0] = x + s0 * f0;
    b1[i1] = x + s1 * f1;
    b2[i2] = x + s2 * f2;
    b3[i3] = x + s3 * f3;
    if (++i0 >= b0.length) i0 = 0;
    if (++i1 >= b1.length) i1 = 0;
    if (++i2 >= b2.length) i2 = 0;
    if (++i3 >= b3.length) i3 = 0;
    wet[j] = 0 + y0 + y1 + y2 + y3;
  }
  c0.idx = i0;
  c1.idx = i1;
  c2.idx = i2;
  c3.idx = i3;
  c0.store = s0;
  c1.store = s1;
  c2.store = s2;
  c3.store = s3;
}

/** The two allpasses of one channel in series over `wet[0..n)`, in place, in one loop. */
function runAllpasses(first: Allpass, second: Allpass, wet: Float64Array, n: number): void {
  const a = first.buf;
  const b = second.buf;
  let ia = first.idx;
  let ib = second.idx;
  for (let j = 0; j < n; j++) {
    const x = wet[j]!;
    const ya = a[ia]!;
    a[ia] = x + ya * 0.5;
    if (++ia >= a.length) ia = 0;
    const u = ya - x;
    const yb = b[ib]!;
    b[ib] = u + yb * 0.5;
    if (++ib >= b.length) ib = 0;
    wet[j] = yb - u;
  }
  first.idx = ia;
  second.idx = ib;
}

/**
 * Adds `send` × reverb of the stem into the stem itself, streaming over frame ranges. The reverb's
 * input, (left+right)/2 decimated by two (pairs averaged: a mild low-pass), high-passed at ≈200 Hz
 * to keep the low end out of the tail and pre-delayed, is read from each pair of samples before the
 * tail is added to them; the tail is interpolated back to the full rate.
 */
export class StereoReverb {
  private readonly combsL: DampedComb[];
  private readonly combsR: DampedComb[];
  private readonly allpassesL: Allpass[];
  private readonly allpassesR: Allpass[];
  private readonly inGain: number;
  private readonly hpCoef: number;
  private readonly damping: number;
  private readonly preDelay: Float32Array;
  private preIdx = 0;
  private hpPrevIn = 0;
  private hpPrevOut = 0;
  private prevL = 0;
  private prevR = 0;
  private readonly input = new Float64Array(BLOCK);
  private readonly wetL = new Float64Array(BLOCK);
  private readonly wetR = new Float64Array(BLOCK);

  constructor(sampleRate: number, send: number, s: ReverbSettings) {
    const rate = sampleRate / 2;
    const combs = (spreadSec: number): DampedComb[] =>
      COMB_SEC.map((sec) => {
        const len = Math.max(1, Math.round((sec + spreadSec) * rate));
        return {
          buf: new Float64Array(len),
          idx: 0,
          store: 0,
          feedback: Math.min(0.97, 10 ** ((-3 * (len / rate)) / s.decaySec)),
        };
      });
    const allpass = (sec: number): Allpass => ({
      buf: new Float64Array(Math.max(1, Math.round(sec * rate))),
      idx: 0,
    });
    this.combsL = combs(0);
    this.combsR = combs(STEREO_SPREAD_SEC);
    this.allpassesL = ALLPASS_SEC.map((sec) => allpass(sec));
    this.allpassesR = ALLPASS_SEC.map((sec) => allpass(sec + STEREO_SPREAD_SEC));
    this.inGain = 0.12 * send;
    this.hpCoef = Math.exp((-2 * Math.PI * 200) / rate);
    this.damping = s.damping;
    this.preDelay = new Float32Array(Math.max(1, Math.round((s.preDelayMs / 1000) * rate)));
  }

  /** Frames [from, to), both even (the reverb works on pairs); ranges must follow each other. */
  process(left: Float32Array, right: Float32Array, from: number, to: number): void {
    const { input, wetL, wetR, preDelay, hpCoef, inGain } = this;
    for (let h = from / 2; h < to / 2; h += BLOCK) {
      const n = Math.min(BLOCK, to / 2 - h);
      // The reverb's input for this block: decimated mono, high-passed, pre-delayed.
      let { preIdx, hpPrevIn, hpPrevOut } = this;
      for (let j = 0; j < n; j++) {
        const i = 2 * (h + j);
        const monoIn = (left[i]! + right[i]! + left[i + 1]! + right[i + 1]!) * 0.25;
        const hp = hpCoef * (hpPrevOut + monoIn - hpPrevIn);
        hpPrevIn = monoIn;
        hpPrevOut = hp;
        input[j] = preDelay[preIdx]!;
        preDelay[preIdx] = hp * inGain;
        if (++preIdx >= preDelay.length) preIdx = 0;
      }
      if (Math.abs(hpPrevOut) < DENORMAL_FLOOR) hpPrevOut = 0;
      this.preIdx = preIdx;
      this.hpPrevIn = hpPrevIn;
      this.hpPrevOut = hpPrevOut;
      runCombs(this.combsL, this.damping, input, wetL, n);
      runCombs(this.combsR, this.damping, input, wetR, n);
      runAllpasses(this.allpassesL[0]!, this.allpassesL[1]!, wetL, n);
      runAllpasses(this.allpassesR[0]!, this.allpassesR[1]!, wetR, n);
      let { prevL, prevR } = this;
      for (let j = 0; j < n; j++) {
        const i = 2 * (h + j);
        const wl = wetL[j]!;
        const wr = wetR[j]!;
        left[i] = left[i]! + (prevL + wl) * 0.5;
        right[i] = right[i]! + (prevR + wr) * 0.5;
        left[i + 1] = left[i + 1]! + wl;
        right[i + 1] = right[i + 1]! + wr;
        prevL = wl;
        prevR = wr;
      }
      this.prevL = prevL;
      this.prevR = prevR;
    }
  }
}

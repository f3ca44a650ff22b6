// A small Freeverb-style stereo reverb (4 damped combs + 2 allpasses per channel), cheap enough to
// run once per stem bus so that every stem carries its own reverb and the stems still sum to the mix.
// It runs at half the sample rate (its damped tail has little above 10 kHz) and in ONE pass over the
// stem, in place: no send, tail or dry copy as long as the track (for 60 s those were ≈16 MB per stem).
// The work goes block by block, each filter in a tight loop over the block with its state in local
// variables (≈3× faster than ticking twelve filter objects per sample; same arithmetic, same output).

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

/** Adds the comb's output for `input[0..n)` into `wet`. */
function runComb(c: DampedComb, damp: number, input: Float64Array, wet: Float64Array, n: number): void {
  const { buf, feedback } = c;
  const keep = 1 - damp;
  const len = buf.length;
  let { idx, store } = c;
  for (let j = 0; j < n; j++) {
    const y = buf[idx]!;
    store = y * keep + store * damp;
    buf[idx] = input[j]! + store * feedback;
    if (++idx >= len) idx = 0;
    wet[j] = wet[j]! + y;
  }
  c.idx = idx;
  c.store = store;
}

/** Runs the allpass over `wet[0..n)` in place. */
function runAllpass(a: Allpass, wet: Float64Array, n: number): void {
  const { buf } = a;
  const len = buf.length;
  let { idx } = a;
  for (let j = 0; j < n; j++) {
    const x = wet[j]!;
    const b = buf[idx]!;
    buf[idx] = x + b * 0.5;
    if (++idx >= len) idx = 0;
    wet[j] = b - x;
  }
  a.idx = idx;
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
      wetL.fill(0);
      wetR.fill(0);
      for (const c of this.combsL) runComb(c, this.damping, input, wetL, n);
      for (const c of this.combsR) runComb(c, this.damping, input, wetR, n);
      for (const a of this.allpassesL) runAllpass(a, wetL, n);
      for (const a of this.allpassesR) runAllpass(a, wetR, n);
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

// A small Freeverb-style stereo reverb (4 damped combs + 2 allpasses per channel), cheap enough to
// run once per stem bus so that every stem carries its own reverb and the stems still sum to the mix.
// It runs at half the sample rate (its damped tail has little above 10 kHz) and in ONE pass over the
// stem, in place: no send, tail or dry copy as long as the track (for 60 s those were ≈16 MB per stem).

import { DENORMAL_FLOOR } from './biquad.ts';

const COMB_SEC = [0.0297, 0.0371, 0.0411, 0.0437] as const;
const ALLPASS_SEC = [0.005, 0.0017] as const;
const STEREO_SPREAD_SEC = 0.00052;

export interface ReverbSettings {
  decaySec: number; // RT60
  damping: number; // 0..1, more = darker tail
  preDelayMs: number;
}

/** A feedback comb with a one-pole low-pass in the loop (the "damping"). */
class DampedComb {
  private readonly buf: Float32Array;
  private idx = 0;
  private store = 0;
  private readonly keep: number;

  constructor(
    delayFrames: number,
    private readonly feedback: number,
    private readonly damp: number,
  ) {
    this.buf = new Float32Array(Math.max(1, delayFrames));
    this.keep = 1 - damp;
  }

  tick(x: number): number {
    const y = this.buf[this.idx]!;
    this.store = y * this.keep + this.store * this.damp;
    this.buf[this.idx] = x + this.store * this.feedback;
    if (++this.idx >= this.buf.length) this.idx = 0;
    return y;
  }
}

class Allpass {
  private readonly buf: Float32Array;
  private idx = 0;

  constructor(delayFrames: number) {
    this.buf = new Float32Array(Math.max(1, delayFrames));
  }

  tick(x: number): number {
    const b = this.buf[this.idx]!;
    this.buf[this.idx] = x + b * 0.5;
    if (++this.idx >= this.buf.length) this.idx = 0;
    return b - x;
  }
}

/**
 * Adds `send` × reverb of the stem into the stem itself. The reverb's input, (left+right)/2
 * decimated by two (pairs averaged: a mild low-pass), high-passed at ≈200 Hz to keep the low end
 * out of the tail and pre-delayed, is read from each pair of samples before the tail is added to
 * them; the tail is interpolated back to the full rate.
 */
export function addReverb(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  send: number,
  s: ReverbSettings,
): void {
  const rate = sampleRate / 2;
  const combs = (spreadSec: number): DampedComb[] =>
    COMB_SEC.map((sec) => {
      const len = Math.round((sec + spreadSec) * rate);
      return new DampedComb(len, Math.min(0.97, 10 ** ((-3 * (len / rate)) / s.decaySec)), s.damping);
    });
  const [l0, l1, l2, l3] = combs(0) as [DampedComb, DampedComb, DampedComb, DampedComb];
  const [r0, r1, r2, r3] = combs(STEREO_SPREAD_SEC) as [DampedComb, DampedComb, DampedComb, DampedComb];
  const apL0 = new Allpass(Math.round(ALLPASS_SEC[0] * rate));
  const apL1 = new Allpass(Math.round(ALLPASS_SEC[1] * rate));
  const apR0 = new Allpass(Math.round((ALLPASS_SEC[0] + STEREO_SPREAD_SEC) * rate));
  const apR1 = new Allpass(Math.round((ALLPASS_SEC[1] + STEREO_SPREAD_SEC) * rate));

  const inGain = 0.12 * send;
  const hpCoef = Math.exp((-2 * Math.PI * 200) / rate);
  const preDelay = new Float32Array(Math.max(1, Math.round((s.preDelayMs / 1000) * rate)));
  let preIdx = 0;
  let hpPrevIn = 0;
  let hpPrevOut = 0;
  let prevL = 0;
  let prevR = 0;
  const half = Math.floor(left.length / 2);
  for (let j = 0; j < half; j++) {
    const i = 2 * j;
    const monoIn = (left[i]! + right[i]! + left[i + 1]! + right[i + 1]!) * 0.25;
    let hp = hpCoef * (hpPrevOut + monoIn - hpPrevIn);
    if (Math.abs(hp) < DENORMAL_FLOOR) hp = 0;
    hpPrevIn = monoIn;
    hpPrevOut = hp;
    const x = preDelay[preIdx]!;
    preDelay[preIdx] = hp * inGain;
    if (++preIdx >= preDelay.length) preIdx = 0;
    const wetL = apL1.tick(apL0.tick(l0.tick(x) + l1.tick(x) + l2.tick(x) + l3.tick(x)));
    const wetR = apR1.tick(apR0.tick(r0.tick(x) + r1.tick(x) + r2.tick(x) + r3.tick(x)));
    left[i] = left[i]! + (prevL + wetL) * 0.5;
    right[i] = right[i]! + (prevR + wetR) * 0.5;
    left[i + 1] = left[i + 1]! + wetL;
    right[i + 1] = right[i + 1]! + wetR;
    prevL = wetL;
    prevR = wetR;
  }
}

// The reverb's kernels (four combs side by side, two allpasses in one loop) give the same bits as
// the plain Freeverb structure, one filter after another, that they replaced.
import { describe, expect, it } from 'vitest';
import { DENORMAL_FLOOR } from './biquad.ts';
import { StereoReverb } from './reverb.ts';

const SR = 44100;
const COMB_SEC = [0.0297, 0.0371, 0.0411, 0.0437];
const ALLPASS_SEC = [0.005, 0.0017];
const SPREAD_SEC = 0.00052;
const BLOCK = 512;

/** The reference: the same reverb with each comb and allpass run over the block on its own. */
function referenceReverb(
  left: Float32Array,
  right: Float32Array,
  send: number,
  decaySec: number,
  damping: number,
) {
  const rate = SR / 2;
  const combs = (spread: number) =>
    COMB_SEC.map((sec) => {
      const len = Math.max(1, Math.round((sec + spread) * rate));
      return {
        buf: new Float64Array(len),
        idx: 0,
        store: 0,
        feedback: Math.min(0.97, 10 ** ((-3 * (len / rate)) / decaySec)),
      };
    });
  const allpasses = (spread: number) =>
    ALLPASS_SEC.map((sec) => ({
      buf: new Float64Array(Math.max(1, Math.round((sec + spread) * rate))),
      idx: 0,
    }));
  const [combsL, combsR] = [combs(0), combs(SPREAD_SEC)];
  const [apL, apR] = [allpasses(0), allpasses(SPREAD_SEC)];
  const preDelay = new Float32Array(Math.max(1, Math.round((18 / 1000) * rate)));
  const hpCoef = Math.exp((-2 * Math.PI * 200) / rate);
  const inGain = 0.12 * send;
  let [preIdx, hpPrevIn, hpPrevOut, prevL, prevR] = [0, 0, 0, 0, 0];
  const input = new Float64Array(BLOCK);
  const wetL = new Float64Array(BLOCK);
  const wetR = new Float64Array(BLOCK);
  const frames = left.length - (left.length % 2);
  for (let h = 0; h < frames / 2; h += BLOCK) {
    const n = Math.min(BLOCK, frames / 2 - h);
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
    wetL.fill(0);
    wetR.fill(0);
    for (const [cs, wet] of [
      [combsL, wetL],
      [combsR, wetR],
    ] as const)
      for (const c of cs)
        for (let j = 0; j < n; j++) {
          const y = c.buf[c.idx]!;
          c.store = y * (1 - damping) + c.store * damping;
          c.buf[c.idx] = input[j]! + c.store * c.feedback;
          if (++c.idx >= c.buf.length) c.idx = 0;
          wet[j] = wet[j]! + y;
        }
    for (const [as, wet] of [
      [apL, wetL],
      [apR, wetR],
    ] as const)
      for (const a of as)
        for (let j = 0; j < n; j++) {
          const x = wet[j]!;
          const b = a.buf[a.idx]!;
          a.buf[a.idx] = x + b * 0.5;
          if (++a.idx >= a.buf.length) a.idx = 0;
          wet[j] = b - x;
        }
    for (let j = 0; j < n; j++) {
      const i = 2 * (h + j);
      left[i] = left[i]! + (prevL + wetL[j]!) * 0.5;
      right[i] = right[i]! + (prevR + wetR[j]!) * 0.5;
      left[i + 1] = left[i + 1]! + wetL[j]!;
      right[i + 1] = right[i + 1]! + wetR[j]!;
      prevL = wetL[j]!;
      prevR = wetR[j]!;
    }
  }
}

function signal(frames: number, seed: number): [Float32Array, Float32Array] {
  const l = new Float32Array(frames);
  const r = new Float32Array(frames);
  let s = seed;
  for (let i = 0; i < frames; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    // Bursts and silences, so the tail rings out into rests as in a stem.
    const on = Math.floor(i / 9000) % 3 !== 2;
    l[i] = on ? (s / 2 ** 32 - 0.5) * Math.sin(i * 0.003) : 0;
    r[i] = on ? l[i]! * 0.7 + (((s >>> 7) & 0xff) / 255 - 0.5) * 0.2 : 0;
  }
  return [l, r];
}

describe('StereoReverb', () => {
  it('gives the same bits as the one-filter-at-a-time reference, streamed in uneven chunks', () => {
    const frames = 3 * SR + 1; // odd: the last frame is left dry
    const [l, r] = signal(frames, 11);
    const [refL, refR] = [new Float32Array(l), new Float32Array(r)];
    referenceReverb(refL, refR, 0.4, 2.2, 0.35);
    const reverb = new StereoReverb(SR, 0.4, { decaySec: 2.2, damping: 0.35, preDelayMs: 18 });
    const even = frames - (frames % 2);
    // Chunk sizes that do and do not line up with the 512-pair blocks.
    for (let from = 0, k = 0; from < even; k++) {
      const to = Math.min(even, from + [4096, 1000, 2, 8192, 334][k % 5]!);
      reverb.process(l, r, from, to);
      from = to;
    }
    expect(Buffer.from(l.buffer).equals(Buffer.from(refL.buffer))).toBe(true);
    expect(Buffer.from(r.buffer).equals(Buffer.from(refR.buffer))).toBe(true);
    // And it did add a tail (the test would pass on an untouched signal otherwise).
    const [dryL] = signal(frames, 11);
    expect(l.some((v, i) => v !== dryL[i])).toBe(true);
  });
});

// The streaming limiter against the straightforward full-buffer formulation it replaced (kept here
// as the specification): same gains, sample for sample, and never above the ceiling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitStereo } from './limiter.ts';

/** Reference: per-sample required gain → min over [i, i + look] → release → box average. */
function referenceLimit(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  ceilingDb: number,
): void {
  const n = left.length;
  const ceiling = 10 ** (ceilingDb / 20);
  const look = Math.max(1, Math.round(0.003 * sampleRate));
  const rel = Math.exp(-1 / (0.08 * sampleRate));
  const g = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const peak = Math.max(Math.abs(left[i]!), Math.abs(right[i]!));
    g[i] = peak > ceiling ? ceiling / peak : 1;
  }
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let m = 1;
    for (let k = i; k <= Math.min(n - 1, i + look); k++) m = Math.min(m, g[k]!);
    w[i] = m;
  }
  let state = 1;
  for (let i = 0; i < n; i++) {
    state = Math.min(w[i]!, 1 - (1 - state) * rel);
    w[i] = state;
  }
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += w[i]!;
    if (i >= look) acc -= w[i - look]!;
    const gain = Math.min(acc / Math.min(i + 1, look), w[i]!);
    left[i] = left[i]! * gain;
    right[i] = right[i]! * gain;
  }
}

function signal(n: number, seed: number): [Float32Array, Float32Array] {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Tones with occasional spikes well above the ceiling.
    const spike = next() < 0.002 ? 3 * next() : 0;
    l[i] = 0.6 * Math.sin(i * 0.07) + spike;
    r[i] = 0.5 * Math.sin(i * 0.05 + 1) - spike * next();
  }
  return [l, r];
}

describe('limitStereo', () => {
  it('gives the reference gains sample for sample and stays under the ceiling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 2 ** 31 }), (n, seed) => {
        const [l, r] = signal(n, seed);
        const [refL, refR] = [l.slice(), r.slice()];
        limitStereo(l, r, 44100, { ceilingDb: -2, lookaheadMs: 3, releaseMs: 80 });
        referenceLimit(refL, refR, 44100, -2);
        expect(l).toEqual(refL);
        expect(r).toEqual(refR);
        const ceiling = 10 ** (-2 / 20) * (1 + 1e-6);
        for (let i = 0; i < n; i++)
          expect(Math.max(Math.abs(l[i]!), Math.abs(r[i]!))).toBeLessThanOrEqual(ceiling);
      }),
      { numRuns: 60 },
    );
  });

  it('matches the reference where the required gain rises every sample (the deque at its fullest)', () => {
    // A slow decay from far above the ceiling: the peak falls sample by sample (every sample in the
    // window stays queued) and slower than the release, so the window minimum sets the gain.
    const n = 40_000;
    const l = new Float32Array(n);
    for (let i = 0; i < n; i++) l[i] = 4 * (1 - i / n) * (i % 2 === 0 ? 1 : -1);
    const r = l.map((x) => x * 0.5);
    const [refL, refR] = [l.slice(), r.slice()];
    limitStereo(l, r, 44100, { ceilingDb: -2, lookaheadMs: 3, releaseMs: 80 });
    referenceLimit(refL, refR, 44100, -2);
    expect(l).toEqual(refL);
    expect(r).toEqual(refR);
  });

  it('leaves a signal under the ceiling untouched', () => {
    const l = new Float32Array(1000).fill(0.3);
    const r = new Float32Array(1000).fill(-0.2);
    limitStereo(l, r, 44100, { ceilingDb: -1, lookaheadMs: 3, releaseMs: 80 });
    expect(l.every((x) => x === Math.fround(0.3))).toBe(true);
    expect(r.every((x) => x === Math.fround(-0.2))).toBe(true);
  });
});

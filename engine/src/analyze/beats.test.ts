import { describe, expect, it } from 'vitest';
import { beatPhase, trackBeats } from './beats.ts';

/** An onset envelope with a hit of `strength(i)` every `step` frames (i = hit index). */
function pulses(frames: number, step: number, strength: (i: number) => number): Float32Array {
  const x = new Float32Array(frames);
  for (let i = 0; i * step < frames; i++) x[Math.round(i * step)] = strength(i);
  return x;
}

describe('trackBeats (Ellis 2007 dynamic programme at a fixed period)', () => {
  it('finds every hit of a steady pulse, also when the period is off by 3 %', () => {
    const x = pulses(2000, 40, () => 10);
    for (const period of [40, 41.2]) {
      const beats = trackBeats(x, period);
      expect(beats.length).toBeGreaterThanOrEqual(48);
      for (const b of beats) expect(b % 40 === 0 || b % 40 === 39 || b % 40 === 1).toBe(true);
    }
  });

  it('cannot drift to a level 3⁄2 away (the interval is held near the period)', () => {
    // Accents every 3 eighths (6/8), eighths every 20 frames; tracked at a quarter (2 eighths).
    const x = pulses(3000, 20, (i) => (i % 3 === 0 ? 10 : 3));
    const beats = trackBeats(x, 40);
    const gaps = beats.slice(1).map((b, i) => b - beats[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(44);
  });

  it('returns nothing for an empty envelope', () => {
    expect(trackBeats(new Float32Array(0), 40)).toEqual([]);
  });
});

describe('beatPhase', () => {
  // Beats every 40 frames (strong), 8ths between them (weak).
  const x = pulses(4000, 20, (i) => (i % 2 === 0 ? 10 : 4));
  const at = (period: number) => beatPhase(x, trackBeats(x, period));

  it('onsets crowd onto the beats at the true level and thin out at double time', () => {
    expect(at(40).on).toBeGreaterThan(at(20).on);
  });

  it('at half time the real beats fall on the division', () => {
    expect(at(80).division).toBeGreaterThan(at(40).division);
  });

  it('a 6/8 read in quarter notes lands on weaker onsets than at the dotted quarter', () => {
    const compound = pulses(6000, 20, (i) => (i % 3 === 0 ? 10 : 3));
    const dotted = beatPhase(compound, trackBeats(compound, 60));
    const quarter = beatPhase(compound, trackBeats(compound, 40));
    expect(dotted.on).toBeGreaterThan(quarter.on);
  });
});

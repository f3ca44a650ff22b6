import { describe, expect, it } from 'vitest';
import { KEYS } from '../types.ts';
import { camelotCode, estimateKey, TONIC_NAMES } from './key.ts';
import { chordProgression } from './test-support/signals.ts';

const RATE = 11_025;

describe('key of synthetic chord progressions', () => {
  for (const [tonic, mode] of [
    [0, 'major'],
    [9, 'minor'],
    [6, 'major'],
    [3, 'minor'],
    [7, 'major'],
    [4, 'minor'],
    [10, 'major'],
    [1, 'minor'],
  ] as const) {
    it(`${TONIC_NAMES[tonic]} ${mode}`, () => {
      const k = estimateKey(chordProgression(tonic, mode, RATE), RATE);
      expect(`${k.tonic} ${k.mode}`).toBe(`${TONIC_NAMES[tonic]} ${mode}`);
      expect(k.confidence).toBeGreaterThan(0.2);
    });
  }

  it('estimates a +30 cent tuning offset and still finds the key', () => {
    const k = estimateKey(chordProgression(2, 'major', RATE, { detuneCents: 30 }), RATE);
    expect(Math.abs(k.tuningCents - 30)).toBeLessThan(5);
    expect(`${k.tonic} ${k.mode}`).toBe('D major');
  });

  it('a −45 cent offset (almost a semitone flat) is not read a semitone off', () => {
    const k = estimateKey(chordProgression(5, 'minor', RATE, { detuneCents: -45 }), RATE);
    expect(`${k.tonic} ${k.mode}`).toBe('F minor');
  });
});

describe('Camelot codes', () => {
  it('match the wheel', () => {
    expect(camelotCode('C', 'major')).toBe('8B');
    expect(camelotCode('A', 'minor')).toBe('8A');
    expect(camelotCode('F#', 'minor')).toBe('11A');
    expect(camelotCode('G', 'major')).toBe('9B');
    expect(camelotCode('B', 'major')).toBe('1B');
    expect(camelotCode('G#', 'minor')).toBe('1A');
    expect(camelotCode('E', 'major')).toBe('12B');
  });

  it('are a bijection over the 24 keys of types.ts', () => {
    const codes = new Set(KEYS.map((k) => camelotCode(k.split(' ')[0] as never, k.split(' ')[1] as never)));
    expect(codes.size).toBe(24);
  });
});

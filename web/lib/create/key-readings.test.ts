import { KEYS } from '@soundfoundry/contract/constants';
import { describe, expect, it } from 'vitest';
import { keyReadingLabel, keyReadings, relativeKey } from './key-readings';

describe('key readings of a reference', () => {
  it("offers the reading, the analyser's other keys strongest first, then the relative", () => {
    const r = keyReadings('A', 'minor', [
      { key: 'D', mode: 'minor', weight: 0.06 },
      { key: 'E', mode: 'minor', weight: 0.12 },
    ]);
    expect(r.map((x) => [x.key, x.kind])).toEqual([
      ['A minor', 'detected'],
      ['E minor', 'alternative'],
      ['D minor', 'alternative'],
      ['C major', 'relative'],
    ]);
    expect(r.map(keyReadingLabel)).toEqual([
      'A minor · heard',
      'E minor · 12 % likely',
      'D minor · 6 % likely',
      'C major · relative',
    ]);
  });

  it('lists each key once: a relative the analyser weighed keeps its share', () => {
    const r = keyReadings('C', 'major', [{ key: 'A', mode: 'minor', weight: 0.34 }]);
    expect(r.map(keyReadingLabel)).toEqual(['C major · heard', 'A minor · 34 % likely']);
  });

  it('offers nothing without a key, and ignores keys the form does not know', () => {
    expect(keyReadings(null, null)).toEqual([]);
    expect(keyReadings('H', 'major')).toEqual([]);
    expect(
      keyReadings('C', 'major', [{ key: 'Cb', mode: 'lydian', weight: 0.5 }]).map((x) => x.kind),
    ).toEqual(['detected', 'relative']);
  });

  it('the relative is a minor third away, and relative twice is the key itself, for all 24', () => {
    expect(relativeKey('C major')).toBe('A minor');
    expect(relativeKey('F# minor')).toBe('A major');
    expect(relativeKey('D# major')).toBe('C minor');
    for (const k of KEYS) {
      expect(KEYS).toContain(relativeKey(k));
      expect(relativeKey(relativeKey(k))).toBe(k);
    }
  });
});

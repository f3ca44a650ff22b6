import { LIMITS } from '@soundfoundry/contract/constants';
import { describe, expect, it } from 'vitest';
import { readingLabel, tempoReadings } from './tempo-readings';

describe('tempo readings of a reference', () => {
  it("offers the reading, the analyser's alternatives strongest first, then half and double time", () => {
    const r = tempoReadings(
      150.4,
      [
        { bpm: 100.2, weight: 0.06 },
        { bpm: 75.2, weight: 0.3 },
      ],
      0.55,
    );
    // Half time (75) is already an alternative; double time (301) is above the form's limit.
    expect(r.map((x) => [x.bpm, x.kind])).toEqual([
      [150, 'detected'],
      [75, 'alternative'],
      [100, 'alternative'],
    ]);
    expect(r[0]!.weight).toBe(0.55);
    expect(tempoReadings(100).map((x) => [x.bpm, x.kind])).toEqual([
      [100, 'detected'],
      [50, 'half'],
      [200, 'double'],
    ]);
  });

  it('lists each tempo once (half time that is also an alternative keeps the weight)', () => {
    const r = tempoReadings(140, [{ bpm: 70.1, weight: 0.2 }]);
    expect(r.map((x) => x.bpm)).toEqual([140, 70]);
    expect(r[1]).toEqual({ bpm: 70, kind: 'alternative', weight: 0.2 });
    expect(readingLabel(r[1]!)).toBe('70 · 20 % likely');
  });

  it('keeps only tempi the create form accepts', () => {
    const r = tempoReadings(200, []);
    expect(r.map((x) => x.bpm)).toEqual([200, 100]);
    expect(r.every((x) => x.bpm >= LIMITS.bpmMin && x.bpm <= LIMITS.bpmMax)).toBe(true);
    expect(tempoReadings(60, []).map((x) => [x.bpm, readingLabel(x)])).toEqual([
      [60, '60 · heard'],
      [120, '120 · double time'],
    ]);
  });

  it('offers nothing without a pulse', () => {
    expect(tempoReadings(null)).toEqual([]);
    expect(tempoReadings(0)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { referenceSummary } from './reference-summary';

describe('referenceSummary', () => {
  it('names the file and what the analyser heard, tempo rounded', () => {
    expect(
      referenceSummary({ original_filename: 'rain.wav', metadata: { bpm: 91.6, key: 'A', mode: 'minor' } }),
    ).toEqual({ name: 'rain.wav', heard: '92 BPM · A minor' });
  });

  it('leaves out what was not heard, and stands in for a missing name', () => {
    expect(
      referenceSummary({ original_filename: '  ', metadata: { bpm: null, key: 'C', mode: null } }),
    ).toEqual({
      name: 'Reference track',
      heard: '',
    });
    expect(referenceSummary({ original_filename: null, metadata: null }).heard).toBe('');
    expect(referenceSummary({ original_filename: 'x', metadata: { bpm: 120 } }).heard).toBe('120 BPM');
  });
});

import { describe, expect, it } from 'vitest';
import type { AudioAnalysis } from './analyze-audio.ts';
import { formatAnalysis } from './cli.ts';

const analysis: AudioAnalysis = {
  format: 'wav',
  duration_s: 30,
  sample_rate: 44_100,
  channels: 2,
  bpm: 140,
  bpm_confidence: 0.62,
  bpm_alternatives: [{ bpm: 70, weight: 0.31 }],
  key: 'A',
  mode: 'minor',
  key_confidence: 0.8,
  key_alternatives: [{ key: 'C', mode: 'major', weight: 0.27 }],
  camelot: '8A',
  energy: 0.7,
  loudness_lufs: -12,
  loudness_range_lu: 4,
  true_peak_dbtp: -1,
};

describe('formatAnalysis', () => {
  it('prints the tempo with its confidence and the other metrical reading', () => {
    expect(formatAnalysis('x.wav', analysis)).toContain(
      'tempo       140.0 BPM (confidence 0.62; or 70.0 BPM (0.31))',
    );
  });

  it('prints the key with its confidence and the other key the evidence allows', () => {
    expect(formatAnalysis('x.wav', analysis)).toContain(
      'key         A minor (8A, confidence 0.80; or C major (0.27))',
    );
  });

  it('prints no alternative when there is none', () => {
    const clear = formatAnalysis('x.wav', { ...analysis, bpm_alternatives: [], key_alternatives: [] });
    expect(clear).toContain('tempo       140.0 BPM (confidence 0.62)\n');
    expect(clear).toContain('key         A minor (8A, confidence 0.80)\n');
  });
});

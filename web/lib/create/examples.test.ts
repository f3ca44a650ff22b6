import { describe, expect, it } from 'vitest';
import { EXAMPLE_PROMPTS, exampleChipLabel } from './examples';

describe('exampleChipLabel', () => {
  it("is a prompt's first phrase, up to its first comma", () => {
    expect(exampleChipLabel('Dusty lo-fi hip hop, rainy night, mellow Rhodes piano')).toBe(
      'Dusty lo-fi hip hop',
    );
    expect(exampleChipLabel('Warm acoustic folk with fingerpicked guitar, early morning sunlight')).toBe(
      'Warm acoustic folk with fingerpicked guitar',
    );
  });

  it('cuts a long phrase without a comma before its first "with"', () => {
    expect(exampleChipLabel('Uplifting cinematic orchestra with soaring strings and big drums')).toBe(
      'Uplifting cinematic orchestra',
    );
    expect(exampleChipLabel('Euphoric house with piano stabs and a sunny summer groove')).toBe(
      'Euphoric house',
    );
  });

  it('keeps every example chip short enough for one line on a phone', () => {
    for (const p of EXAMPLE_PROMPTS) expect(exampleChipLabel(p).length, p).toBeLessThanOrEqual(48);
  });
});

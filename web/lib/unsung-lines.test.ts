import { describe, expect, it } from 'vitest';
import { durationWords, unsungLinesNote } from './unsung-lines';

describe('unsungLinesNote', () => {
  it('says how many of the last lines did not fit, and in how long', () => {
    expect(unsungLinesNote(3, 30)).toBe(
      "The last 3 lines didn't fit in 30 s — choose a longer duration to hear them all.",
    );
    expect(unsungLinesNote(1, 90)).toBe(
      "The last line didn't fit in 1 min 30 s — choose a longer duration to hear it.",
    );
  });

  it('says nothing when every line is sung or nobody counted', () => {
    expect(unsungLinesNote(0, 30)).toBeNull();
    expect(unsungLinesNote(null, 30)).toBeNull();
    expect(unsungLinesNote(undefined, 30)).toBeNull();
  });

  it('words durations as people say them', () => {
    expect([durationWords(8), durationWords(60), durationWords(240), durationWords(75)]).toEqual([
      '8 s',
      '1 min',
      '4 min',
      '1 min 15 s',
    ]);
  });
});

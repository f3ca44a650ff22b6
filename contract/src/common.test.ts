import { describe, expect, it } from 'vitest';
import { GENRES as ENGINE_GENRES, KEYS as ENGINE_KEYS } from '../../engine/src/types.ts';
import { GENRES, KEYS, MusicalKey } from './common.ts';

describe('published lists', () => {
  it('match the engine lists exactly', () => {
    expect([...GENRES]).toEqual([...ENGINE_GENRES]);
    expect([...KEYS]).toEqual([...ENGINE_KEYS]);
    expect(KEYS).toHaveLength(24);
  });
});

describe('MusicalKey', () => {
  it.each([
    ['F# minor', 'F# minor'],
    ['c major', 'C major'],
    ['Bb major', 'A# major'],
    ['eb min', 'D# minor'],
    ['G♯ minor', 'G# minor'],
  ])('%s → %s', (raw, want) => {
    expect(MusicalKey.parse(raw)).toBe(want);
  });

  it.each(['H major', 'E# minor', 'Cb major', 'C dorian', '', 'F#minorish'])('refuses %s', (raw) => {
    expect(MusicalKey.safeParse(raw).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { charLength as engineCharLength } from '../../engine/src/compose/validate.ts';
import {
  GENRES as ENGINE_GENRES,
  KEYS as ENGINE_KEYS,
  MAX_BPM,
  MAX_DURATION_SEC,
  MAX_LYRICS_CHARS,
  MAX_SEED,
  MIN_BPM,
  MIN_DURATION_SEC,
} from '../../engine/src/types.ts';
import { charLength, GENRES, KEYS, MusicalKey } from './common.ts';
import { LIMITS } from './constants.ts';

describe('published lists', () => {
  it('match the engine lists exactly', () => {
    expect([...GENRES]).toEqual([...ENGINE_GENRES]);
    expect([...KEYS]).toEqual([...ENGINE_KEYS]);
    expect(KEYS).toHaveLength(24);
  });
});

describe("the engine's twins of the contract's limits", () => {
  // The engine takes no contract import; what the API accepts (and charges for) must not then
  // fail in the engine (3500 emoji once did: counted in UTF-16 units there).
  it('the same bounds', () => {
    expect({
      lyricsMax: MAX_LYRICS_CHARS,
      durationMin: MIN_DURATION_SEC,
      durationMax: MAX_DURATION_SEC,
      bpmMin: MIN_BPM,
      bpmMax: MAX_BPM,
      seedMax: MAX_SEED,
    }).toEqual({
      lyricsMax: LIMITS.lyricsMax,
      durationMin: LIMITS.durationMin,
      durationMax: LIMITS.durationMax,
      bpmMin: LIMITS.bpmMin,
      bpmMax: LIMITS.bpmMax,
      seedMax: LIMITS.seedMax,
    });
  });

  it.each([
    ['empty', ''],
    ['ASCII', 'plain words'],
    ['a combining accent and an emoji', 'e\u0301🎵'],
    ['3500 emoji (the lyrics limit)', '🎵'.repeat(3500)],
    ['CJK over two lines', '日本語の歌詞\nline two'],
    ['a joined emoji family', '👩‍👩‍👧'],
  ])('count characters alike: %s', (_label, text) => {
    expect(engineCharLength(text)).toBe(charLength(text));
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

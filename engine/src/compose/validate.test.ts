import { describe, expect, it } from 'vitest';
import { EngineParamError, type GenerateParams } from '../types.ts';
import { validateGenerateParams } from './validate.ts';

const ok: GenerateParams = { prompt: 'calm piano', durationSec: 30, seed: 1 };

function fieldOf(patch: Record<string, unknown>): string | undefined {
  try {
    validateGenerateParams({ ...ok, ...patch } as GenerateParams);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineParamError);
    return (e as EngineParamError).field;
  }
}

describe('validateGenerateParams', () => {
  it('accepts valid params, including the range ends', () => {
    expect(fieldOf({})).toBeUndefined();
    expect(fieldOf({ durationSec: 15, bpm: 40, seed: 0, styleStrength: 0 })).toBeUndefined();
    expect(
      fieldOf({
        durationSec: 240,
        bpm: 220,
        seed: 2 ** 31 - 1,
        styleStrength: 1,
        key: 'F# minor',
        genre: 'drum-and-bass',
      }),
    ).toBeUndefined();
    expect(fieldOf({ lyrics: 'x'.repeat(3500), hasVocals: true })).toBeUndefined();
    // Counted in characters as the API counts them: 3500 emoji (7000 UTF-16 units) pass.
    expect(fieldOf({ lyrics: '🎵'.repeat(3500), hasVocals: true })).toBeUndefined();
    expect(fieldOf({ lyrics: '🎵'.repeat(3501), hasVocals: true })).toBe('lyrics');
  });

  it('accepts keys spelled with flats or words (the plan spells them with sharps)', () => {
    for (const key of ['Db major', 'Bb minor', 'E flat major', 'c sharp minor', 'Gb major'])
      expect(fieldOf({ key }), key).toBeUndefined();
  });

  it.each([
    [{ genre: 'polka' }, 'genre'],
    [{ key: 'H major' }, 'key'],
    [{ key: 'Hb major' }, 'key'],
    [{ bpm: 39 }, 'bpm'],
    [{ bpm: 221 }, 'bpm'],
    [{ bpm: Number.NaN }, 'bpm'],
    [{ durationSec: 0 }, 'durationSec'],
    [{ durationSec: 10000 }, 'durationSec'],
    [{ durationSec: 14 }, 'durationSec'],
    [{ durationSec: 30.5 }, 'durationSec'],
    [{ durationSec: Number.POSITIVE_INFINITY }, 'durationSec'],
    [{ lyrics: 'x'.repeat(3501) }, 'lyrics'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 2 ** 31 }, 'seed'],
    [{ seed: 1.5 }, 'seed'],
    [{ styleStrength: 1.1 }, 'styleStrength'],
    [{ prompt: 42 }, 'prompt'],
    [{ hasVocals: 'yes' }, 'hasVocals'],
    [{ reference: { bpm: -3 } }, 'reference.bpm'],
    [{ reference: { tonic: 'Bb' } }, 'reference.tonic'],
  ])('rejects %j naming the field %s', (patch, field) => {
    expect(fieldOf(patch)).toBe(field);
  });
});

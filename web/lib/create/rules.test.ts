import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VALUES,
  insertTag,
  lengthCount,
  MESSAGES,
  maxDurationFor,
  validateCreate,
  valuesFromTrack,
  withReference,
} from './rules';

const ok = { ...DEFAULT_VALUES, prompt: 'dusty lo-fi hip hop, rainy night' };

describe('create form rules', () => {
  it('an empty prompt says "Please enter a prompt"; a short one says how to fix it', () => {
    expect(validateCreate({ ...ok, prompt: '   ' }, 'FREE').errors.prompt).toBe('Please enter a prompt');
    expect(validateCreate({ ...ok, prompt: 'lofi beat' }, 'FREE').errors.prompt).toBe(MESSAGES.promptShort);
    expect(MESSAGES.promptShort).toMatch(/at least 10 characters — describe a mood/);
    expect(validateCreate({ ...ok, prompt: 'x'.repeat(1001) }, 'FREE').errors.prompt).toBe(
      MESSAGES.promptLong,
    );
  });

  it('limits the duration by plan: 60 s free, 240 s paid', () => {
    expect(maxDurationFor('FREE')).toBe(60);
    expect(maxDurationFor(undefined)).toBe(60);
    expect(maxDurationFor('PRO')).toBe(240);
    expect(maxDurationFor('ENTERPRISE')).toBe(240);
    expect(validateCreate({ ...ok, duration: 90 }, 'FREE').errors.duration).toMatch(/up to 60 seconds/);
    expect(validateCreate({ ...ok, duration: 90 }, 'PRO').body?.duration_s).toBe(90);
    expect(validateCreate({ ...ok, duration: 10 }, 'PRO').errors.duration).toBe(MESSAGES.durationRange);
  });

  it('sends a title only when one is written, trimmed, counted in characters up to 120', () => {
    expect(validateCreate(ok, 'FREE').body).not.toHaveProperty('title');
    expect(validateCreate({ ...ok, title: '   ' }, 'FREE').body).not.toHaveProperty('title');
    expect(validateCreate({ ...ok, title: '  Rain on Rhodes ' }, 'FREE').body?.title).toBe('Rain on Rhodes');
    expect(validateCreate({ ...ok, title: '🌧'.repeat(120) }, 'FREE').body?.title).toBe('🌧'.repeat(120));
    const long = validateCreate({ ...ok, title: 'x'.repeat(121) }, 'FREE');
    expect(long.errors.title).toBe(MESSAGES.titleLong);
    expect(long.body).toBeNull();
  });

  it('checks BPM and seed as whole numbers in range, empty meaning "let the engine choose"', () => {
    expect(validateCreate({ ...ok, bpm: '39' }, 'FREE').errors.bpm).toBe(MESSAGES.bpm);
    expect(validateCreate({ ...ok, bpm: '120.5' }, 'FREE').errors.bpm).toBe(MESSAGES.bpm);
    expect(validateCreate({ ...ok, bpm: '221' }, 'FREE').errors.bpm).toBe(MESSAGES.bpm);
    expect(validateCreate({ ...ok, seed: '-1' }, 'FREE').errors.seed).toBe(MESSAGES.seed);
    expect(validateCreate({ ...ok, seed: '2147483648' }, 'FREE').errors.seed).toBe(MESSAGES.seed);
    const { body } = validateCreate({ ...ok, bpm: '84', seed: '7' }, 'FREE');
    expect(body).toMatchObject({ bpm: 84, seed: 7 });
    expect(validateCreate(ok, 'FREE').body).not.toHaveProperty('bpm');
    expect(validateCreate(ok, 'FREE').body).not.toHaveProperty('seed');
  });

  it('sends lyrics only with vocals on, and refuses over-long lyrics', () => {
    expect(validateCreate({ ...ok, lyrics: '[Verse]\nla la' }, 'FREE').body).not.toHaveProperty('lyrics');
    expect(validateCreate({ ...ok, hasVocals: true, lyrics: '[Verse]\nla la' }, 'FREE').body).toMatchObject({
      has_vocals: true,
      lyrics: '[Verse]\nla la',
    });
    expect(validateCreate({ ...ok, hasVocals: true, lyrics: 'a'.repeat(3501) }, 'FREE').errors.lyrics).toBe(
      MESSAGES.lyricsLong,
    );
  });

  it('refuses vocals with nothing to sing: no lyrics, blank lines or section tags alone', () => {
    for (const lyrics of ['', '  \n ', '[Verse]\n[Chorus]\n']) {
      const r = validateCreate({ ...ok, hasVocals: true, lyrics }, 'FREE');
      expect(r.errors.lyrics, JSON.stringify(lyrics)).toBe(MESSAGES.lyricsEmpty);
      expect(r.body).toBeNull();
    }
    // A single word is enough, in any script; vocals off never asks for lyrics.
    expect(validateCreate({ ...ok, hasVocals: true, lyrics: '[Verse]\nsolo' }, 'FREE').errors).toEqual({});
    expect(validateCreate({ ...ok, hasVocals: true, lyrics: 'さくら' }, 'FREE').errors).toEqual({});
    expect(validateCreate({ ...ok, hasVocals: false, lyrics: '' }, 'FREE').errors).toEqual({});
  });

  it('only knows the 24 keys and the published genres', () => {
    expect(validateCreate({ ...ok, key: 'H minor' }, 'FREE').errors.key).toBe(MESSAGES.key);
    expect(validateCreate({ ...ok, genre: 'polka' }, 'FREE').errors.genre).toBe(MESSAGES.genre);
    expect(validateCreate({ ...ok, key: 'F# minor', genre: 'lo-fi' }, 'FREE').body).toMatchObject({
      key: 'F# minor',
      genre: 'lo-fi',
    });
  });

  it('builds the request body with the reference and trimmed prompt', () => {
    const { body, errors } = validateCreate(
      { ...ok, prompt: '  warm folk guitar at sunrise  ', referenceFileId: 'f1', styleStrength: 0.333 },
      'FREE',
    );
    expect(errors).toEqual({});
    expect(body).toEqual({
      prompt: 'warm folk guitar at sunrise',
      duration_s: 30,
      style_strength: 0.33,
      has_vocals: false,
      reference_file_id: 'f1',
    });
  });

  it('a preset sends its style id with its genre; no preset sends neither', () => {
    const withPreset = validateCreate(
      { ...ok, prompt: 'roots reggae with an offbeat skank', genre: 'world', style: 'reggae' },
      'FREE',
    );
    expect(withPreset.body).toMatchObject({ genre: 'world', style: 'reggae' });
    const plain = validateCreate({ ...ok, prompt: 'roots reggae with an offbeat skank' }, 'FREE');
    expect(plain.body).not.toHaveProperty('style');
    expect(plain.body).not.toHaveProperty('genre');
  });

  it('"make another like this" keeps the settings and the reference, and drops the seed', () => {
    const v = valuesFromTrack({
      prompt: 'p'.repeat(12),
      duration_s: 45,
      genre: 'jazz',
      style: 'bossa-nova',
      key: 'D minor',
      bpm: 96,
      style_strength: 0.7,
      has_vocals: true,
      lyrics: 'hi',
      series_id: null,
      reference_file_id: '5b0e2a43-2f5c-4b7e-9d55-0a3c1d2e4f60',
    });
    expect(v).toMatchObject({
      referenceFileId: '5b0e2a43-2f5c-4b7e-9d55-0a3c1d2e4f60',
      duration: 45,
      genre: 'jazz',
      style: 'bossa-nova',
      key: 'D minor',
      bpm: '96',
      seed: '',
      hasVocals: true,
    });
  });

  it('inserts a section tag on its own line at the caret', () => {
    expect(insertTag('', 0, '[Verse]')).toEqual({ text: '[Verse]\n', caret: 8 });
    expect(insertTag('line one', 8, '[Chorus]')).toEqual({ text: 'line one\n[Chorus]\n', caret: 18 });
    expect(insertTag('a\nb', 2, '[Bridge]')).toEqual({ text: 'a\n[Bridge]\nb', caret: 11 });
  });
});

describe('lengthCount', () => {
  it('reads length/limit, and past the limit says by how much, as an error', () => {
    expect(lengthCount(120, 3500)).toEqual({ text: '120/3500', over: false });
    expect(lengthCount(3500, 3500)).toEqual({ text: '3500/3500', over: false });
    expect(lengthCount(3900, 3500)).toEqual({ text: '3900/3500 · 400 too many', over: true });
  });

  it('an analysed reference is used: the request carries it, its tempo and key fill the fields', () => {
    const v = withReference({ ...ok, bpm: '90' }, { fileId: 'f1', bpm: 120, key: 'A minor' });
    expect(v.referenceFileId).toBe('f1');
    expect(v.bpm).toBe('120');
    expect(v.key).toBe('A minor');
    expect(validateCreate(v, 'FREE').body?.reference_file_id).toBe('f1');
    expect(validateCreate(v, 'FREE').body?.bpm).toBe(120);
    // A reading the API would refuse (out of range, unknown key) leaves the person's value.
    const odd = withReference(
      { ...ok, bpm: '90', key: 'C major' },
      { fileId: 'f2', bpm: 300, key: 'H minor' },
    );
    expect(odd).toMatchObject({ referenceFileId: 'f2', bpm: '90', key: 'C major' });
    const none = withReference(ok, { fileId: 'f3', bpm: null, key: null });
    expect(none).toMatchObject({ referenceFileId: 'f3', bpm: '', key: '' });
    // Not used: nothing sent.
    expect(validateCreate({ ...v, referenceFileId: null }, 'FREE').body?.reference_file_id).toBeUndefined();
  });

  it('counts characters as the API does (code points): "🎹🎹🎹🎹🎹" is 5, not 10', () => {
    expect(validateCreate({ ...ok, prompt: '🎹🎹🎹🎹🎹' }, 'FREE').errors.prompt).toBe(MESSAGES.promptShort);
    expect(validateCreate({ ...ok, prompt: '🎹'.repeat(1000) }, 'FREE').body?.prompt).toBe('🎹'.repeat(1000));
    expect(validateCreate({ ...ok, prompt: '🎹'.repeat(1001) }, 'FREE').errors.prompt).toBe(
      MESSAGES.promptLong,
    );
    const lyrics = '𝒜'.repeat(3500); // a letter outside the BMP: 2 UTF-16 units each
    expect(validateCreate({ ...ok, hasVocals: true, lyrics }, 'FREE').body?.lyrics).toBe(lyrics);
    expect(validateCreate({ ...ok, hasVocals: true, lyrics: `${lyrics}a` }, 'FREE').errors.lyrics).toBe(
      MESSAGES.lyricsLong,
    );
  });
});

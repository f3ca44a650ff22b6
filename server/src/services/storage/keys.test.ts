import { describe, expect, it } from 'vitest';
import { isStorageError } from './errors.ts';
import {
  assertSafeKey,
  assertSafePrefix,
  isSafeKey,
  legacyTrackPrefix,
  referenceKey,
  trackObjectKey,
  trackPrefix,
  userPrefix,
} from './keys.ts';

const USER = '0b9f6c2e-5a1d-4c3b-9e8f-1a2b3c4d5e6f';
const TRACK = '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

const rejectsAsInvalidKey = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(isStorageError(err, 'INVALID_KEY')).toBe(true);
    return;
  }
  throw new Error('expected an INVALID_KEY StorageError');
};

describe('key builders', () => {
  it('build the documented layouts', () => {
    expect(trackObjectKey({ trackId: TRACK, kind: 'audio', version: 1 })).toBe(
      `tracks/${TRACK}/audio-v1.mp3`,
    );
    expect(trackObjectKey({ trackId: TRACK, kind: 'audio-wav', version: 2 })).toBe(
      `tracks/${TRACK}/audio-wav-v2.wav`,
    );
    expect(trackObjectKey({ trackId: TRACK, kind: 'cover-png', version: 3 })).toBe(
      `tracks/${TRACK}/cover-png-v3.png`,
    );
    expect(referenceKey({ userId: USER, fileId: TRACK, ext: 'flac' })).toBe(
      `users/${USER}/references/${TRACK}.flac`,
    );
    expect(trackPrefix(TRACK)).toBe(`tracks/${TRACK}/`);
    expect(legacyTrackPrefix(USER, TRACK)).toBe(`users/${USER}/tracks/${TRACK}/`);
    expect(userPrefix(USER)).toBe(`users/${USER}/`);
  });

  it('lower-case upper-case UUIDs (they are the same id)', () => {
    expect(userPrefix(USER.toUpperCase())).toBe(`users/${USER}/`);
    expect(trackPrefix(TRACK.toUpperCase())).toBe(`tracks/${TRACK}/`);
  });

  it('track objects never name their owner (public signed URLs carry the key)', () => {
    for (const kind of [
      'audio',
      'audio-wav',
      'preview',
      'stems',
      'midi',
      'plan',
      'cover-svg',
      'cover-png',
    ] as const) {
      const key = trackObjectKey({ trackId: TRACK, kind, version: 1 });
      expect(key.startsWith(trackPrefix(TRACK))).toBe(true);
      expect(key).not.toContain(USER);
      expect(key).not.toContain('users/');
    }
  });

  it('reject anything that is not a UUID', () => {
    for (const bad of ['', '1', '../etc', `${USER}/x`, `${USER} `, 'a'.repeat(36), `${USER.slice(0, -1)}g`]) {
      rejectsAsInvalidKey(() => trackPrefix(bad));
      rejectsAsInvalidKey(() => legacyTrackPrefix(bad, TRACK));
      rejectsAsInvalidKey(() => legacyTrackPrefix(USER, bad));
      rejectsAsInvalidKey(() => trackObjectKey({ trackId: bad, kind: 'audio', version: 1 }));
      rejectsAsInvalidKey(() => referenceKey({ userId: USER, fileId: bad, ext: 'mp3' }));
    }
  });

  it('reject unknown kinds, extensions and bad versions', () => {
    const kind = 'audio/../../x' as 'audio';
    rejectsAsInvalidKey(() => trackObjectKey({ trackId: TRACK, kind, version: 1 }));
    rejectsAsInvalidKey(() => trackObjectKey({ trackId: TRACK, kind: 'toString' as 'audio', version: 1 }));
    for (const version of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      rejectsAsInvalidKey(() => trackObjectKey({ trackId: TRACK, kind: 'midi', version }));
    }
    rejectsAsInvalidKey(() => referenceKey({ userId: USER, fileId: TRACK, ext: 'exe' as 'mp3' }));
  });
});

describe('key validation', () => {
  it('accepts our keys', () => {
    expect(isSafeKey(trackObjectKey({ trackId: TRACK, kind: 'stems', version: 1 }))).toBe(true);
    expect(assertSafeKey('a/b-c.d.e')).toBe('a/b-c.d.e');
  });

  it('rejects traversal, absolute, hidden, empty segments and foreign characters', () => {
    for (const bad of [
      '',
      '/etc/passwd',
      '../x',
      'a/../b',
      'a/..',
      'a/./b',
      'a//b',
      'a/',
      '.hidden',
      'a/.meta.json',
      'a..b',
      'A/b',
      'a b',
      'a_b',
      'a~b',
      'a\\b',
      'a/b%2f',
      'a/\u0000',
      'a/é',
      'x'.repeat(513),
    ]) {
      expect(isSafeKey(bad), bad).toBe(false);
      rejectsAsInvalidKey(() => assertSafeKey(bad));
    }
  });

  it('prefixes must be whole directories', () => {
    expect(assertSafePrefix(`users/${USER}/`)).toBe(`users/${USER}/`);
    for (const bad of ['', '/', 'users', `users/${USER}`, '../', 'a//']) {
      rejectsAsInvalidKey(() => assertSafePrefix(bad));
    }
  });
});

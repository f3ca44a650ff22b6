import { describe, expect, it } from 'vitest';
import { friendlyError, waitInWords } from './client';

const rateLimited = (details?: unknown) => ({
  error: {
    code: 'RATE_LIMITED' as const,
    message: 'Too many sign-up attempts; try again in 3273 s.',
    details,
  },
});

describe('waitInWords', () => {
  it('says seconds under a minute, minutes under an hour, hours and minutes after, rounded up', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(20)).toBe('20 seconds');
    expect(waitInWords(0.2)).toBe('1 second');
    expect(waitInWords(60)).toBe('1 minute');
    expect(waitInWords(61)).toBe('2 minutes');
    expect(waitInWords(3273)).toBe('55 minutes');
    expect(waitInWords(3600)).toBe('1 hour');
    expect(waitInWords(3660)).toBe('1 hour and 1 minute');
    expect(waitInWords(2 * 3600 + 5 * 60)).toBe('2 hours and 5 minutes');
  });
});

describe('friendlyError for a 429', () => {
  it('says how long to wait, from details.retry_after_s', () => {
    expect(friendlyError(429, rateLimited({ retry_after_s: 3273 })).message).toBe(
      'Too many attempts. Try again in 55 minutes.',
    );
    expect(friendlyError(429, rateLimited({ retry_after_s: 20 })).message).toBe(
      'Too many attempts. Try again in 20 seconds.',
    );
  });

  it('falls back to the Retry-After header, then to the general words', () => {
    expect(friendlyError(429, rateLimited(), '120').message).toBe(
      'Too many attempts. Try again in 2 minutes.',
    );
    const plain = friendlyError(429, rateLimited(), null);
    expect(plain.message).toBe('Too many requests in a short time. Wait a moment and try again.');
    expect(plain.code).toBe('RATE_LIMITED');
    // An HTTP date in the header is not a number of seconds: not guessed at.
    expect(friendlyError(429, rateLimited(), 'Wed, 21 Oct 2026 07:28:00 GMT').message).toMatch(/a moment/);
  });

  it('keeps the API’s own words for a plan limit (its reset time is in them)', () => {
    const e = friendlyError(429, {
      error: {
        code: 'LIMIT_EXCEEDED',
        message: 'The Free plan makes 3 tracks a day; the limit resets at 00:00 UTC.',
      },
    });
    expect(e.message).toMatch(/^The Free plan makes 3 tracks a day/);
  });
});

const refused = (path: string) =>
  friendlyError(400, {
    error: {
      code: 'VALIDATION_ERROR',
      message: `Invalid ${path}: Too small`,
      details: [{ path, message: 'Too small' }],
    },
  });

describe('friendlyError', () => {
  it('says in words what is wrong with a refused field, never its schema path', () => {
    // Settings' name (PATCH /api/me): was the vague "Check this value."
    const e = refused('body.name');
    expect(e.message).toBe('Your name needs 1 to 100 characters.');
    expect(e.fields).toEqual([{ field: 'name', message: 'Your name needs 1 to 100 characters.' }]);
    expect(refused('body.title').message).toBe('A title needs 1 to 120 characters.');
    // Another reason than the length is the API's, said of the field.
    const control = friendlyError(400, {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid body.title: must not contain control characters',
        details: [{ path: 'body.title', message: 'must not contain control characters' }],
      },
    });
    expect(control.message).toBe(
      'The title must not contain control characters. Remove invisible or special characters and try again.',
    );
    expect(control.fields).toEqual([{ field: 'title', message: control.message }]);
    // A series' look: the range of the whole group, whichever of its numbers was refused.
    expect(refused('body.geometry.shape_count').message).toBe(
      'Shape: line weight 1 to 48, rotation and gradient angle 0° to 359°, 1 to 24 shapes.',
    );
    expect(refused('body.palette.saturation').message).toMatch(/^Colours: /);
    expect(e.serverMessage).toBe('Invalid body.name: Too small');
  });

  it('falls back to a general word for a field it has no words for', () => {
    expect(refused('body.unheard_of').message).toBe('Check this value.');
  });
});

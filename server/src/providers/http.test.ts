import { describe, expect, it } from 'vitest';
import { redact, retryAfterMs } from './http.ts';

describe('retryAfterMs', () => {
  it('parses Retry-After as seconds or an HTTP date, never negative', () => {
    const now = Date.parse('2026-12-02T06:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0.5 ', now)).toBe(500);
    expect(retryAfterMs('Wed, 02 Dec 2026 06:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 05:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBe(0); // not delay-seconds; Date.parse reads a year long past
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('redact', () => {
  it('replaces every occurrence of each secret of 4+ characters', () => {
    expect(redact('key r8_abcd in r8_abcd/x', ['r8_abcd', 'ab'])).toBe('key [redacted] in [redacted]/x');
  });
});

import { describe, expect, it } from 'vitest';
import { ProviderError } from '../providers/types.ts';
import {
  classifyError,
  isTransientStatus,
  permanent,
  RETRY_AFTER_CAP_MS,
  retryDelayMs,
  transient,
} from './retry.ts';

describe('failure classification', () => {
  it('reads JobError, ProviderError and unknown errors', () => {
    expect(classifyError(permanent('BAD', 'no'))).toMatchObject({ transient: false, code: 'BAD' });
    expect(classifyError(transient('BUSY', 'later', 3000))).toMatchObject({
      transient: true,
      code: 'BUSY',
      retryAfterMs: 3000,
    });
    expect(classifyError(new ProviderError('INVALID_PARAMS', 'bad key', false))).toMatchObject({
      transient: false,
      code: 'INVALID_PARAMS',
    });
    expect(classifyError(new ProviderError('RATE_LIMITED', 'slow down', true))).toMatchObject({
      transient: true,
      code: 'RATE_LIMITED',
    });
    expect(classifyError(new Error('ECONNRESET'))).toMatchObject({ transient: true, code: 'UNEXPECTED' });
    expect(classifyError('a string')).toMatchObject({ transient: true, message: 'a string' });
  });

  it('HTTP statuses: 408/425/429/5xx transient, other 4xx permanent', () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isTransientStatus)).toBe(false);
  });
});

describe('retry delay', () => {
  /** A repeatable stand-in for Math.random (a linear congruential generator). */
  const seededRandom = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const policy = { baseMs: 1000, maxMs: 30_000 };
  it('grows exponentially with equal jitter, capped', () => {
    expect(retryDelayMs(1, policy, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, undefined, () => 1)).toBe(4000);
    expect(retryDelayMs(20, policy, undefined, () => 1)).toBe(30_000);
    expect(retryDelayMs(20, policy, undefined, () => 0)).toBe(15_000);
  });
  it('honours Retry-After (never sooner) with a bounded spread', () => {
    expect(retryDelayMs(1, policy, 5000, () => 0)).toBe(5000);
    expect(retryDelayMs(1, policy, 5000, () => 1)).toBe(5500);
    expect(retryDelayMs(1, policy, 60_000, () => 1)).toBe(62_000);
    // "Come back tomorrow" waits 15 min, not a day (RETRY_AFTER_CAP_MS, or the backoff's cap if larger).
    expect(retryDelayMs(3, policy, 86_400_000, () => 0)).toBe(RETRY_AFTER_CAP_MS);
    expect(retryDelayMs(3, { baseMs: 1000, maxMs: 3_600_000 }, 86_400_000, () => 0)).toBe(3_600_000);
    // A seeded spread: 50 jobs told "retry in 5 s" do not all come back at once.
    const rnd = seededRandom(42);
    const delays = Array.from({ length: 50 }, () => retryDelayMs(2, policy, 5000, rnd));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(5000);
    expect(new Set(delays).size).toBeGreaterThan(40);
  });
  it('keeps backing off when Retry-After is shorter than the backoff (a floor, not a replacement)', () => {
    // Attempt 4: backoff 1 s·2³ = 8 s, jittered to 4–8 s; the server says 0 s or 1 s.
    expect(retryDelayMs(4, policy, 0, () => 0)).toBe(4000);
    expect(retryDelayMs(4, policy, 1000, () => 1)).toBe(8000);
    // A long Retry-After still wins over a short backoff.
    expect(retryDelayMs(1, policy, 20_000, () => 0)).toBe(20_000);
    // 50 jobs told "retry in 1 s" on their fourth attempt spread over the backoff's 4–8 s.
    const rnd = seededRandom(7);
    const delays = Array.from({ length: 50 }, () => retryDelayMs(4, policy, 1000, rnd));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(2000);
  });
});

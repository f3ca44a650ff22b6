import { describe, expect, it } from 'vitest';
import { KeyRing, submitWithKeyRotation } from './keys.ts';
import { ProviderError } from './types.ts';

const asIs = (err: unknown) => err as ProviderError;
/** The error a call rejected with (fails the test if it resolved). */
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as ProviderError,
  );
const limited = (retryAfterMs?: number) => new ProviderError('RATE_LIMITED', '429', true, retryAfterMs);
const refused = () => new ProviderError('AUTH_FAILED', '401', false);

/** A ring on a clock the test moves by hand. */
function ringOf(n: number, cooldownMs = 1000) {
  const clock = { t: 0 };
  return {
    ring: new KeyRing(
      Array.from({ length: n }, (_, i) => `k${i}`),
      cooldownMs,
      () => clock.t,
    ),
    clock,
  };
}

const rotate = <T>(ring: KeyRing, submit: (i: number) => Promise<T>) =>
  submitWithKeyRotation({ ring, provider: 'fal', noun: 'key', submit, toError: asIs });

describe('submitWithKeyRotation', () => {
  it('returns the first key that works, skipping rate-limited and refused keys', async () => {
    const { ring } = ringOf(3);
    const tried: number[] = [];
    const out = await rotate(ring, async (i) => {
      tried.push(i);
      if (i === 0) throw limited();
      if (i === 1) throw refused();
      return `ok-${i}`;
    });
    expect(out).toEqual({ index: 2, result: 'ok-2' });
    expect(tried).toEqual([0, 1, 2]);
    // The two bad keys cool down: the next call goes straight to the good one.
    expect(ring.summary()).toEqual({ keys: 3, available: 1 });
    const again: number[] = [];
    await rotate(ring, async (i) => again.push(i));
    expect(again).toEqual([2]);
  });

  it('every key rate-limited: RATE_LIMITED, retryable, waiting until the first key cools', async () => {
    const { ring } = ringOf(2, 5000);
    let calls = 0;
    const err = await rejection(
      rotate(ring, async (i) => {
        calls++;
        throw limited(i === 0 ? 3000 : 800);
      }),
    );
    expect(calls).toBe(2); // each key once, no loop
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 800 });
    expect(err.message).toBe('every fal key is rate-limited');
  });

  it('every key refused: the last AUTH_FAILED, not retryable', async () => {
    const { ring } = ringOf(2);
    const err = await rejection(
      submitWithKeyRotation({
        ring,
        provider: 'replicate',
        noun: 'token',
        submit: async () => {
          throw refused();
        },
        toError: asIs,
      }),
    );
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
  });

  it('no usable key at all (all cooling): RATE_LIMITED without calling, or the refusal once all are refused', async () => {
    const { ring, clock } = ringOf(1, 1000);
    ring.rateLimited(0, 2000);
    let calls = 0;
    const e1 = await rejection(rotate(ring, async () => calls++));
    expect(calls).toBe(0);
    expect(e1).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 });
    ring.authFailed(0);
    const e2 = await rejection(rotate(ring, async () => calls++));
    expect(e2).toMatchObject({ code: 'AUTH_FAILED', message: 'fal refused every key', retryable: false });
    // Once the cool-down passes the key is tried again, and a success clears its refusal.
    clock.t += 10_001;
    expect(await rotate(ring, async () => 'back')).toEqual({ index: 0, result: 'back' });
  });

  it('any other failure is thrown at once, through toError, without trying another key', async () => {
    const { ring } = ringOf(3);
    const tried: number[] = [];
    const err = await rejection(
      submitWithKeyRotation({
        ring,
        provider: 'fal',
        noun: 'key',
        submit: async (i) => {
          tried.push(i);
          throw new Error('socket hang up');
        },
        toError: (e) => new ProviderError('PROVIDER_DOWN', `wrapped: ${(e as Error).message}`, true),
      }),
    );
    expect(tried).toEqual([0]);
    expect(err).toMatchObject({ code: 'PROVIDER_DOWN', message: 'wrapped: socket hang up' });
    expect(ring.summary().available).toBe(3);
  });
});

import { createHash } from 'node:crypto';
import { ProviderError } from './types.ts';

/**
 * Several keys of one provider: round-robin over those not cooling down. A 429
 * cools a key for its Retry-After (or the configured cool-down); an auth failure
 * takes it out for ten cool-downs (a revoked key rarely comes back by itself).
 */
export class KeyRing {
  private next = 0;
  private readonly coolUntil: number[];
  private readonly refused: boolean[];

  constructor(
    readonly keys: readonly string[],
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.coolUntil = keys.map(() => 0);
    this.refused = keys.map(() => false);
  }

  /** A usable key's index, or the ms until one is usable again (allRefused: every key failed auth). */
  pick(): { index: number } | { waitMs: number; allRefused: boolean } {
    const t = this.now();
    for (let i = 0; i < this.keys.length; i++) {
      const k = (this.next + i) % this.keys.length;
      if (this.coolUntil[k]! <= t) {
        this.next = (k + 1) % this.keys.length;
        return { index: k };
      }
    }
    return {
      waitMs: Math.max(1, Math.min(...this.coolUntil) - t),
      allRefused: this.refused.every(Boolean),
    };
  }

  rateLimited(index: number, retryAfterMs?: number): void {
    this.coolUntil[index] = this.now() + (retryAfterMs ?? this.cooldownMs);
    this.refused[index] = false;
  }

  authFailed(index: number): void {
    this.coolUntil[index] = this.now() + this.cooldownMs * 10;
    this.refused[index] = true;
  }

  /** A call with this key worked: it is not refused (any more). */
  succeeded(index: number): void {
    this.refused[index] = false;
  }

  /** For /health/providers: how many keys, how many usable now. */
  summary(): { keys: number; available: number } {
    const t = this.now();
    return { keys: this.keys.length, available: this.coolUntil.filter((u) => u <= t).length };
  }
}

/**
 * Submits with the next usable key: a 429 cools that key and an auth failure retires it, then the next
 * key is tried, each key at most once per call. Any other failure is thrown as it is. When no key
 * is left: AUTH_FAILED (not retryable) if every key was refused, else RATE_LIMITED (retryable, with
 * the wait until the first key cools down).
 */
export async function submitWithKeyRotation<T>(input: {
  ring: KeyRing;
  /** For messages: "fal", "replicate". */
  provider: string;
  /** "key", "token". */
  noun: string;
  submit: (index: number) => Promise<T>;
  toError: (err: unknown) => ProviderError;
}): Promise<{ index: number; result: T }> {
  const { ring } = input;
  let last: ProviderError | null = null;
  for (let tries = 0; tries < ring.keys.length; tries++) {
    const pick = ring.pick();
    if ('waitMs' in pick) break;
    try {
      const result = await input.submit(pick.index);
      ring.succeeded(pick.index);
      return { index: pick.index, result };
    } catch (err) {
      const pe = input.toError(err);
      if (pe.code === 'RATE_LIMITED') ring.rateLimited(pick.index, pe.retryAfterMs);
      else if (pe.code === 'AUTH_FAILED') ring.authFailed(pick.index);
      else throw pe;
      last = pe;
    }
  }
  const wait = ring.pick();
  if (!('index' in wait) && wait.allRefused)
    throw last ?? new ProviderError('AUTH_FAILED', `${input.provider} refused every ${input.noun}`, false);
  throw new ProviderError(
    'RATE_LIMITED',
    `every ${input.provider} ${input.noun} is rate-limited`,
    true,
    'waitMs' in wait ? wait.waitMs : last?.retryAfterMs,
  );
}

/**
 * Names a key without revealing it (jobs.provider_request): the process resuming a request picks the
 * key that made it — another account's key would not see it.
 */
export function hostedKeyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

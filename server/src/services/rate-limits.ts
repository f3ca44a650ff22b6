import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { redisReady, requestRedis } from './request-redis.ts';

/**
 * The request limits of DESIGN §4, as data. `points` per `durationSec` per key; the
 * key is the client address or the signed-in user (see api/plugins/rate-limit.ts).
 */
export const LIMITS = {
  /** Sign-in attempts per client address (successes are given back: failures count). */
  signInPerAddress: { points: 30, durationSec: 60 },
  /** Consecutive sign-in failures of one account from one address before backoff starts. */
  signInFailuresBeforeBackoff: 5,
  /** Longest backoff after repeated failures (doubling from 1 s). */
  signInMaxBackoffSec: 15 * 60,
  /**
   * One sign-in of an (account, address) checked at a time: its failure is counted before the
   * next is let through, so a burst of parallel guesses cannot all pass the backoff's check before
   * any of them has failed. The hold lapses after this long if a request never finishes.
   */
  signInInFlightSec: 30,
  signUpPerAddress: { points: 5, durationSec: 3600 },
  passwordResetPerAddress: { points: 5, durationSec: 3600 },
  /**
   * Requests that check the account's password from inside a session (change password, delete
   * account), per user: without a limit a stolen session is a password oracle that answers as
   * fast as the hash allows, and the guessed password then takes the account over.
   */
  passwordChecksPerUser: { points: 10, durationSec: 3600 },
  trackCreationPerUser: { points: 30, durationSec: 60 },
  uploadsPerUser: { points: 10, durationSec: 60 },
  /** Cover regeneration: free to the user but ≈0.3 s of worker CPU each. */
  visualsPerUser: { points: 10, durationSec: 60 },
  /** Checkout: each creates a Stripe Checkout Session (a call to Stripe, a row of ours). */
  checkoutPerUser: { points: 10, durationSec: 60 },
  /** Quality refunds: at most one per track anyway; a burst is a script probing. */
  refundQualityPerUser: { points: 20, durationSec: 3600 },
  /**
   * Likes and unlikes: each is a write, and explore's "popular" order reads them. A person clicks a
   * few a minute; a script toggling one track is stopped here.
   */
  likesPerUser: { points: 60, durationSec: 60 },
  /** Landing demos' audio (public; the first request of each demo renders it): per client address. */
  exampleAudioPerAddress: { points: 30, durationSec: 60 },
  /** Failed operator-token attempts on /api/admin/* per client address (successes never count). */
  adminAuthFailuresPerAddress: { points: 10, durationSec: 60 },
} as const;

export type LimiterName =
  | 'signInPerAddress'
  | 'signUpPerAddress'
  | 'passwordResetPerAddress'
  | 'passwordChecksPerUser'
  | 'trackCreationPerUser'
  | 'uploadsPerUser'
  | 'visualsPerUser'
  | 'checkoutPerUser'
  | 'refundQualityPerUser'
  | 'likesPerUser'
  | 'exampleAudioPerAddress'
  /** Failures only: counted by recordFailure, checked by failuresBlockFor. */
  | 'adminAuthFailuresPerAddress'
  /** Consecutive failures of (account, address); reset by a success. */
  | 'signInFailures'
  /** Backoff blocks of (account, address). */
  | 'signInBackoff'
  /** The (account, address) sign-in being checked now (one point: one at a time). */
  | 'signInInFlight';

export interface RateLimits {
  /** Takes one point; resolves with the wait in ms when over the limit, else null. */
  take(name: LimiterName, key: string): Promise<number | null>;
  /** Gives one point back (e.g. a sign-in that succeeded). */
  giveBack(name: LimiterName, key: string): Promise<void>;
  /** Forgets `key` in that limiter (a hold released: never below nothing, unlike giveBack). */
  release(name: LimiterName, key: string): Promise<void>;
  /** Ms until `key` may try again when it is blocked, else null (takes nothing). */
  blockedFor(name: LimiterName, key: string): Promise<number | null>;
  /** Counts one failure of `key` (e.g. a wrong operator token); never refuses by itself. */
  recordFailure(name: LimiterName, key: string): Promise<void>;
  /** Ms until `key` may try again once its failures reached the limiter's points, else null. */
  failuresBlockFor(name: LimiterName, key: string): Promise<number | null>;
  /** Records a failed sign-in of (account, address); returns the backoff now in force (ms) or null. */
  recordSignInFailure(key: string): Promise<number | null>;
  /** A successful sign-in clears its (account, address) failures. */
  clearSignInFailures(key: string): Promise<void>;
  /** Resolves once the store is connected (at once in memory); until then the in-memory twin answers. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

type Store = { kind: 'memory' } | { kind: 'redis'; url: string; prefix: string; timeoutMs: number };

/** Backoff after the n-th consecutive failure: none up to the threshold, then 1, 2, 4 … s, capped. */
export function backoffSec(failures: number): number {
  const over = failures - LIMITS.signInFailuresBeforeBackoff;
  if (over < 0) return 0;
  return Math.min(LIMITS.signInMaxBackoffSec, 2 ** over);
}

/**
 * Limiters in Redis (production: shared by every API process) or in memory
 * (embedded mode: one process). A Redis limiter that does not answer within the
 * timeout falls back to an in-memory twin (its `insuranceLimiter`), so an outage of
 * Redis neither stalls requests nor lifts the limits.
 */
export function createRateLimits(store: Store): RateLimits {
  // Fails fast instead of queueing commands while disconnected; the insurance limiter answers meanwhile.
  const redis = store.kind === 'redis' ? requestRedis(store.url, store.timeoutMs) : null;

  const make = (name: LimiterName, points: number, durationSec: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSec });
    if (!redis || store.kind !== 'redis') return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${store.prefix}:rl:${name}`,
      points,
      duration: durationSec,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  const limiters: Record<LimiterName, RateLimiterAbstract> = {
    signInPerAddress: make(
      'signInPerAddress',
      LIMITS.signInPerAddress.points,
      LIMITS.signInPerAddress.durationSec,
    ),
    signUpPerAddress: make(
      'signUpPerAddress',
      LIMITS.signUpPerAddress.points,
      LIMITS.signUpPerAddress.durationSec,
    ),
    passwordResetPerAddress: make(
      'passwordResetPerAddress',
      LIMITS.passwordResetPerAddress.points,
      LIMITS.passwordResetPerAddress.durationSec,
    ),
    passwordChecksPerUser: make(
      'passwordChecksPerUser',
      LIMITS.passwordChecksPerUser.points,
      LIMITS.passwordChecksPerUser.durationSec,
    ),
    trackCreationPerUser: make(
      'trackCreationPerUser',
      LIMITS.trackCreationPerUser.points,
      LIMITS.trackCreationPerUser.durationSec,
    ),
    uploadsPerUser: make('uploadsPerUser', LIMITS.uploadsPerUser.points, LIMITS.uploadsPerUser.durationSec),
    visualsPerUser: make('visualsPerUser', LIMITS.visualsPerUser.points, LIMITS.visualsPerUser.durationSec),
    checkoutPerUser: make(
      'checkoutPerUser',
      LIMITS.checkoutPerUser.points,
      LIMITS.checkoutPerUser.durationSec,
    ),
    refundQualityPerUser: make(
      'refundQualityPerUser',
      LIMITS.refundQualityPerUser.points,
      LIMITS.refundQualityPerUser.durationSec,
    ),
    likesPerUser: make('likesPerUser', LIMITS.likesPerUser.points, LIMITS.likesPerUser.durationSec),
    exampleAudioPerAddress: make(
      'exampleAudioPerAddress',
      LIMITS.exampleAudioPerAddress.points,
      LIMITS.exampleAudioPerAddress.durationSec,
    ),
    adminAuthFailuresPerAddress: make(
      'adminAuthFailuresPerAddress',
      LIMITS.adminAuthFailuresPerAddress.points,
      LIMITS.adminAuthFailuresPerAddress.durationSec,
    ),
    // Counts failures within a day; a success deletes the key.
    signInFailures: make('signInFailures', 1_000_000, 24 * 3600),
    signInBackoff: make('signInBackoff', 1, LIMITS.signInMaxBackoffSec),
    signInInFlight: make('signInInFlight', 1, LIMITS.signInInFlightSec),
  };

  const blocked = (res: RateLimiterRes, points: number) =>
    res.consumedPoints > points ? Math.max(1, res.msBeforeNext) : null;

  return {
    async take(name, key) {
      try {
        await limiters[name].consume(key);
        return null;
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(1, err.msBeforeNext);
        throw err;
      }
    },
    async giveBack(name, key) {
      await limiters[name].reward(key, 1);
    },
    async release(name, key) {
      await limiters[name].delete(key);
    },
    async blockedFor(name, key) {
      const res = await limiters[name].get(key);
      return res ? blocked(res, limiters[name].points) : null;
    },
    async recordFailure(name, key) {
      await limiters[name].penalty(key, 1);
    },
    async failuresBlockFor(name, key) {
      const res = await limiters[name].get(key);
      return res && res.consumedPoints >= limiters[name].points ? Math.max(1, res.msBeforeNext) : null;
    },
    async recordSignInFailure(key) {
      const res = await limiters.signInFailures.penalty(key, 1);
      const sec = backoffSec(res.consumedPoints);
      if (sec === 0) return null;
      await limiters.signInBackoff.block(key, sec);
      return sec * 1000;
    },
    async clearSignInFailures(key) {
      await Promise.all([limiters.signInFailures.delete(key), limiters.signInBackoff.delete(key)]);
    },
    async ready() {
      if (redis) await redisReady(redis);
    },
    async close() {
      redis?.disconnect();
    },
  };
}

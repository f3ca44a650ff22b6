import type { Redis } from 'ioredis';

// A circuit breaker per provider, shared by every worker: after `failures` transient
// failures in a row a provider is skipped for `openMs` (jobs go to the next provider
// at once instead of waiting on a dead one); then one probe call is let through
// (half-open): its success closes the circuit, its failure opens it again.
// Redis holds the state in production (all workers see it); memory in embedded mode.

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitSnapshot {
  state: CircuitState;
  failures: number;
  openUntil: string | null;
  lastSuccessAt: string | null;
  lastLatencyMs: number | null;
  lastErrorCode: string | null;
}

export interface CircuitBreaker {
  /** Whether a call may go to `provider` now; when not, how long until it may. */
  allow(provider: string): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
  success(provider: string, latencyMs: number): Promise<void>;
  /** A transient failure (rate limit, 5xx, timeout, bad output); permanent refusals do not count. */
  failure(provider: string, code: string): Promise<void>;
  snapshot(provider: string): Promise<CircuitSnapshot>;
  close(): Promise<void>;
}

export interface CircuitSettings {
  failures: number;
  openMs: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  openUntil: number;
  probeUntil: number;
  lastSuccessAt: number;
  latencyMs: number;
  lastErrorCode: string;
}

const fresh = (): Entry => ({
  failures: 0,
  openUntil: 0,
  probeUntil: 0,
  lastSuccessAt: 0,
  latencyMs: -1,
  lastErrorCode: '',
});

function snapshotOf(e: Entry, now: number): CircuitSnapshot {
  const state: CircuitState = e.openUntil > now ? 'open' : e.openUntil > 0 ? 'half-open' : 'closed';
  return {
    state,
    failures: e.failures,
    openUntil: e.openUntil > now ? new Date(e.openUntil).toISOString() : null,
    lastSuccessAt: e.lastSuccessAt ? new Date(e.lastSuccessAt).toISOString() : null,
    lastLatencyMs: e.latencyMs >= 0 ? e.latencyMs : null,
    lastErrorCode: e.lastErrorCode || null,
  };
}

export function createMemoryCircuitBreaker(s: CircuitSettings): CircuitBreaker {
  const now = s.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const get = (p: string) => {
    const known = entries.get(p);
    if (known) return known;
    const e = fresh();
    entries.set(p, e);
    return e;
  };
  return {
    async allow(p) {
      const e = get(p);
      const t = now();
      if (e.openUntil > t) return { ok: false, retryAfterMs: e.openUntil - t };
      if (e.openUntil > 0) {
        // Half-open: one probe at a time.
        if (e.probeUntil > t) return { ok: false, retryAfterMs: e.probeUntil - t };
        e.probeUntil = t + s.openMs;
      }
      return { ok: true };
    },
    async success(p, latencyMs) {
      const e = get(p);
      Object.assign(e, { failures: 0, openUntil: 0, probeUntil: 0, lastSuccessAt: now(), latencyMs });
    },
    async failure(p, code) {
      const e = get(p);
      e.failures++;
      e.lastErrorCode = code;
      e.probeUntil = 0;
      if (e.failures >= s.failures || e.openUntil > 0) {
        e.openUntil = now() + s.openMs;
        e.failures = 0;
      }
    },
    async snapshot(p) {
      return snapshotOf(get(p), now());
    },
    async close() {},
  };
}

/**
 * The same rules on a Redis hash per provider (`{prefix}:circuit:{provider}`), updated
 * by Lua scripts so concurrent workers never lose a count or both take the probe.
 */
export function createRedisCircuitBreaker(redis: Redis, prefix: string, s: CircuitSettings): CircuitBreaker {
  const now = s.now ?? Date.now;
  const key = (p: string) => `${prefix}:circuit:${p}`;
  const ALLOW = `
    local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '0')
    local t = tonumber(ARGV[1])
    if openUntil > t then return openUntil - t end
    if openUntil > 0 then
      local probe = tonumber(redis.call('HGET', KEYS[1], 'probeUntil') or '0')
      if probe > t then return probe - t end
      redis.call('HSET', KEYS[1], 'probeUntil', t + tonumber(ARGV[2]))
    end
    return 0`;
  const FAIL = `
    local f = redis.call('HINCRBY', KEYS[1], 'failures', 1)
    redis.call('HSET', KEYS[1], 'lastErrorCode', ARGV[4], 'probeUntil', 0)
    local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '0')
    if f >= tonumber(ARGV[3]) or openUntil > 0 then
      redis.call('HSET', KEYS[1], 'openUntil', tonumber(ARGV[1]) + tonumber(ARGV[2]), 'failures', 0)
    end
    return f`;
  return {
    async allow(p) {
      const wait = Number(await redis.eval(ALLOW, 1, key(p), now(), s.openMs));
      return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
    },
    async success(p, latencyMs) {
      await redis.hset(key(p), {
        failures: 0,
        openUntil: 0,
        probeUntil: 0,
        lastSuccessAt: now(),
        latencyMs,
      });
    },
    async failure(p, code) {
      await redis.eval(FAIL, 1, key(p), now(), s.openMs, s.failures, code);
    },
    async snapshot(p) {
      const h = await redis.hgetall(key(p));
      const e = fresh();
      if (h.failures) e.failures = Number(h.failures);
      if (h.openUntil) e.openUntil = Number(h.openUntil);
      if (h.lastSuccessAt) e.lastSuccessAt = Number(h.lastSuccessAt);
      if (h.latencyMs) e.latencyMs = Number(h.latencyMs);
      if (h.lastErrorCode) e.lastErrorCode = h.lastErrorCode;
      return snapshotOf(e, now());
    },
    async close() {},
  };
}

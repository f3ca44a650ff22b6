import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisReady, requestRedis } from './request-redis.ts';

// Per-user slots: how many of one kind of long-lived thing (an open event stream, an admitted
// analysis) a user holds at once, counted for the whole deployment. In memory in embedded mode
// (one process); in Redis in production, where every API process counts against the same cap.
//
// In Redis each slot is a member of a sorted set per (scope, user), scored by the time its lease
// lapses. A process refreshes the leases of the slots it holds every ttl/3; a process that died
// (SIGKILL, lost host) refreshes nothing, so its slots lapse within `ttlMs` and are swept by the
// next take. Times are Redis's own (TIME), so API hosts' clocks need not agree.

/** The kinds of slots, one sorted set per user each. */
export type SlotScope = 'event-streams' | 'analyses';

export interface Slot {
  readonly id: string;
  /** Gives the slot back. Only the first call does anything: it never frees another holder's slot. */
  release(): void;
}

export interface UserSlots {
  /** Takes one of the user's `max` slots of `scope`: the slot, or null when all of them are held. */
  take(scope: SlotScope, userId: string, max: number): Promise<Slot | null>;
  /** Resolves once the shared store is connected (at once in memory); until then the in-memory twin answers. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A slot's lease in Redis. Long enough that two missed refreshes (a Redis blip) lose nothing; short
 * enough that a dead process's slots are free again within half a minute.
 */
export const SLOT_TTL_MS = 30_000;

/** Slots in this process's memory: the embedded mode's (one process), and the Redis one's twin. */
export function createMemoryUserSlots(): UserSlots {
  const held = new Map<string, Set<string>>();
  return {
    async take(scope, userId, max) {
      const key = `${scope}:${userId}`;
      const ids = held.get(key) ?? new Set<string>();
      if (ids.size >= max) return null;
      const id = randomUUID();
      ids.add(id);
      held.set(key, ids);
      return once(id, () => {
        ids.delete(id);
        // Users holding nothing leave no entry behind: the map stays as small as what is held.
        if (ids.size === 0 && held.get(key) === ids) held.delete(key);
      });
    },
    async ready() {},
    async close() {
      held.clear();
    },
  };
}

export interface RedisUserSlotsOptions {
  url: string;
  /** Key prefix (QUEUE_PREFIX): several deployments may share one Redis. */
  prefix: string;
  /** Longest wait for one Redis call (EXTERNAL_CALL_TIMEOUT_MS). */
  timeoutMs: number;
  /** A slot's lease (tests shorten it). */
  ttlMs?: number;
}

// Redis's clock in ms. Scripts may write after TIME (effects replication, the default since Redis 5).
const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] the user's set; ARGV: slot id, max, ttl ms. 1 when taken, 0 when all are held. */
const TAKE = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * KEYS the sets, ARGV[1] ttl ms, ARGV[1 + i] the slot held in KEYS[i]. Re-adds a slot that lapsed
 * while Redis was unreachable: it is still held (the stream is open), so it counts.
 */
const REFRESH = `${NOW_MS}
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + ttl, ARGV[i + 1])
  redis.call('PEXPIRE', key, ttl)
end
return #KEYS`;

/** Slots refreshed by one script call: each call holds Redis for a moment only. */
const REFRESH_BATCH = 500;

/**
 * Slots in Redis, shared by every API process. When Redis does not answer a take within
 * `timeoutMs` (down, stalled, not yet connected), the in-memory twin answers instead: the cap then
 * holds per process, as it did before it was shared. That is failing open to a bounded limit, on
 * purpose: a slot is taken by a user's own request (following a job, analysing an upload), and
 * failing closed would turn a Redis outage into an outage of progress streams and uploads for
 * everyone, while the twin still bounds what one account can hold in each process. A take that
 * timed out may still have been written in Redis: nobody refreshes it, so it lapses within ttlMs.
 */
export function createRedisUserSlots(o: RedisUserSlotsOptions): UserSlots {
  const ttlMs = o.ttlMs ?? SLOT_TTL_MS;
  const redis = requestRedis(o.url, o.timeoutMs);
  const twin = createMemoryUserSlots();
  /** The slots this process holds in Redis: id → key. */
  const held = new Map<string, string>();
  const keyOf = (scope: SlotScope, userId: string) => `${o.prefix}:slots:${scope}:${userId}`;

  const refresh = setInterval(() => void refreshHeld(redis, held, ttlMs), Math.max(100, ttlMs / 3));
  refresh.unref();

  return {
    async take(scope, userId, max) {
      const key = keyOf(scope, userId);
      const id = randomUUID();
      let taken: boolean;
      try {
        taken = Number(await redis.eval(TAKE, 1, key, id, max, ttlMs)) === 1;
      } catch {
        return twin.take(scope, userId, max);
      }
      if (!taken) return null;
      held.set(id, key);
      return once(id, () => {
        held.delete(id);
        // Not given back (Redis unreachable)? Unrefreshed, it lapses within ttlMs.
        redis.zrem(key, id).catch(() => {});
      });
    },
    ready: () => redisReady(redis),
    async close() {
      clearInterval(refresh);
      // Slots still held when the app closes (its streams end in preClose, so usually none).
      const left = [...held];
      held.clear();
      if (left.length > 0 && redis.status === 'ready') {
        const pipeline = redis.pipeline();
        for (const [id, key] of left) pipeline.zrem(key, id);
        await pipeline.exec().catch(() => {});
      }
      await twin.close();
      // QUIT lets the commands already sent finish (a release just made); disconnect if it hangs.
      await Promise.race([
        redis.quit().catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, o.timeoutMs).unref()),
      ]);
      redis.disconnect();
    },
  };
}

async function refreshHeld(redis: Redis, held: Map<string, string>, ttlMs: number): Promise<void> {
  const entries = [...held];
  for (let i = 0; i < entries.length; i += REFRESH_BATCH) {
    // Still held when sent: a slot released meanwhile sent its ZREM already, which this must not undo.
    const batch = entries.slice(i, i + REFRESH_BATCH).filter(([id]) => held.has(id));
    if (batch.length === 0) continue;
    const keys = batch.map(([, key]) => key);
    const ids = batch.map(([id]) => id);
    // A missed refresh is retried ttl/3 later; the lease outlives two of them.
    await redis.eval(REFRESH, keys.length, ...keys, ttlMs, ...ids).catch(() => {});
  }
}

/** A slot whose release runs once. */
function once(id: string, release: () => void): Slot {
  let released = false;
  return {
    id,
    release() {
      if (released) return;
      released = true;
      release();
    },
  };
}

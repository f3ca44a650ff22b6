import { Redis } from 'ioredis';

/**
 * A Redis connection for calls made while a request waits (rate limits, per-user slots): a
 * command fails at once while disconnected instead of queueing, and within `timeoutMs` when
 * Redis stalls, so the caller can fall back to its in-memory twin instead of hanging the request.
 */
export function requestRedis(url: string, timeoutMs: number): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  // Reconnection errors are reported by the event bus's connection already; one line is enough.
  redis.on('error', () => {});
  return redis;
}

/** Resolves once `redis` is connected (at once when it is). */
export async function redisReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
}

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
  tripOnTimeout(redis);
  return redis;
}

/**
 * A command that timed out means Redis has stalled (a hung server, a black-holed network): the
 * connection is dropped and made anew. Until the new one passes ioredis's ready check (an INFO
 * a stalled Redis does not answer), every command fails at once and its caller falls back to
 * its in-memory twin, instead of each command of a request waiting out the timeout in turn
 * (a sign-in makes five: 15 s). When Redis answers again, the connection is ready and used.
 */
function tripOnTimeout(redis: Redis): void {
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command, stream) => {
    const sent = send(command, stream);
    command.promise.catch((err: unknown) => {
      if ((err as Error)?.message === 'Command timed out' && redis.status === 'ready') redis.disconnect(true);
    });
    return sent;
  }) as Redis['sendCommand'];
}

/** Resolves once `redis` is connected (at once when it is). */
export async function redisReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
}

import { EventEmitter } from 'node:events';
import type { JobEvent } from '@soundfoundry/contract';
import { Redis } from 'ioredis';

/**
 * Carries change notices from whoever writes (a worker, maybe another process) to
 * SSE connections and read caches. The database is the record (job_events for
 * SSE); the bus only says "look now", so a lost message costs latency, never
 * correctness (SSE also polls; caches also expire).
 */
export type BusMessage =
  /** libraryChanged: the job's track row changed too (status), not just progress. */
  | { kind: 'job'; event: JobEvent; userId: string; libraryChanged: boolean }
  /** A user's library (track rows) changed without a job event: created, renamed, deleted. */
  | { kind: 'library'; userId: string }
  /** A user's sessions were ended (sign-out, revocation): every process drops its cached ones. */
  | { kind: 'sessions'; userId: string }
  /**
   * This process's own notice (never sent): whether it hears the bus. While it does not (its
   * Redis subscription is down), notices are lost, so caches that rely on them must not cache.
   */
  | { kind: 'hearing'; heard: boolean };

export interface JobEventBus {
  publish(event: JobEvent, userId: string, libraryChanged?: boolean): void;
  touchLibrary(userId: string): void;
  /**
   * Says a user's sessions ended, so every API process drops its cached sessions of that user.
   * Resolves once Redis has taken the notice (or after a second, or at once in one process).
   */
  sessionsEnded(userId: string): Promise<void>;
  /** Events of one job (SSE). */
  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void;
  /** Every message (read caches). */
  onAny(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

const ANY = Symbol('any');

/** Delivers a message to this process's listeners. */
function createLocalFanout() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    deliver(m: BusMessage) {
      emitter.emit(ANY, m);
      if (m.kind === 'job') emitter.emit(m.event.job_id, m.event);
    },
    subscribe(jobId: string, listener: (event: JobEvent) => void) {
      emitter.on(jobId, listener);
      return () => void emitter.off(jobId, listener);
    },
    onAny(listener: (m: BusMessage) => void) {
      emitter.on(ANY, listener);
      return () => void emitter.off(ANY, listener);
    },
    clear: () => emitter.removeAllListeners(),
  };
}

export function createMemoryEventBus(): JobEventBus {
  const local = createLocalFanout();
  return {
    publish: (event, userId, libraryChanged = true) =>
      local.deliver({ kind: 'job', event, userId, libraryChanged }),
    touchLibrary: (userId) => local.deliver({ kind: 'library', userId }),
    sessionsEnded: async (userId) => local.deliver({ kind: 'sessions', userId }),
    subscribe: local.subscribe,
    onAny: local.onAny,
    close: async () => {
      local.clear();
    },
  };
}

/**
 * Redis pub/sub: one channel, one subscriber connection per process, local fan-out.
 * A process hears its own messages back through Redis; it also delivers them
 * locally at once, so its own readers never wait for the round trip.
 */
export function createRedisEventBus(redisUrl: string, prefix: string): JobEventBus {
  const channel = `${prefix}:events`;
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const local = createLocalFanout();
  const pub = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  // Named, so an operator (and a test) can find this process's subscription in CLIENT LIST.
  const sub = new Redis(redisUrl, { connectionName: `${prefix}-events-sub-${origin}` });
  pub.on('error', () => {}); // reconnects by itself; readiness reports it
  sub.on('error', () => {});
  void sub.subscribe(channel).catch(() => {});
  // Heard only while subscribed: ioredis subscribes again after a reconnect, and says so with
  // 'ready'; between 'close' and then, every notice sent is lost to this process.
  let heard = true;
  const hearing = (now: boolean) => {
    if (heard === now) return;
    heard = now;
    local.deliver({ kind: 'hearing', heard: now });
  };
  sub.on('close', () => hearing(false));
  sub.on('ready', () => hearing(true));
  sub.on('message', (_channel, raw) => {
    try {
      const { from, message } = JSON.parse(raw) as { from: string; message: BusMessage };
      if (from !== origin) local.deliver(message);
    } catch {
      // a malformed message is dropped; SSE polling and cache expiry cover it
    }
  });
  const send = (message: BusMessage) => {
    local.deliver(message);
    void pub.publish(channel, JSON.stringify({ from: origin, message })).catch(() => {});
  };
  return {
    publish: (event, userId, libraryChanged = true) => send({ kind: 'job', event, userId, libraryChanged }),
    touchLibrary: (userId) => send({ kind: 'library', userId }),
    sessionsEnded: async (userId) => {
      const message: BusMessage = { kind: 'sessions', userId };
      local.deliver(message);
      // Bounded: a stalled Redis must not hold a sign-out (the other processes then have the TTL).
      await Promise.race([
        pub.publish(channel, JSON.stringify({ from: origin, message })).catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
    },
    subscribe: local.subscribe,
    onAny: local.onAny,
    close: async () => {
      local.clear();
      sub.disconnect();
      pub.disconnect();
    },
  };
}

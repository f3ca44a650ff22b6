import { EventEmitter } from 'node:events';
import type { JobEvent } from '@soundfoundry/contract';
import { Redis } from 'ioredis';

/**
 * Carries job events from whoever writes them (a worker, maybe another process)
 * to SSE connections. The database's job_events table is the record; the bus only
 * says "look now", so a lost message costs latency, never correctness.
 */
export interface JobEventBus {
  publish(event: JobEvent): void;
  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void;
  close(): Promise<void>;
}

export function createMemoryEventBus(): JobEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit(event.job_id, event),
    subscribe(jobId, listener) {
      emitter.on(jobId, listener);
      return () => emitter.off(jobId, listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/** Redis pub/sub: one channel, one subscriber connection per process, local fan-out. */
export function createRedisEventBus(redisUrl: string, prefix: string): JobEventBus {
  const CHANNEL = `${prefix}:job-events`;
  const local = createMemoryEventBus();
  const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = new Redis(redisUrl, { lazyConnect: false });
  pub.on('error', () => {}); // reconnects by itself; readiness reports it
  sub.on('error', () => {});
  void sub.subscribe(CHANNEL);
  sub.on('message', (_channel, message) => {
    try {
      local.publish(JSON.parse(message) as JobEvent);
    } catch {
      // a malformed message is dropped; the SSE poll fallback still delivers from the DB
    }
  });
  return {
    publish: (event) => {
      void pub.publish(CHANNEL, JSON.stringify(event)).catch(() => {});
    },
    subscribe: local.subscribe,
    close: async () => {
      await local.close();
      sub.disconnect();
      pub.disconnect();
    },
  };
}

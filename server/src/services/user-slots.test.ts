import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeProcess } from '../../test/server-process.ts';
import { requireRedis, TEST_REDIS_URL } from '../../test/services.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { createMemoryUserSlots, createRedisUserSlots, type Slot, type UserSlots } from './user-slots.ts';

// Per-user slots (open event streams, admitted analyses) are one count for the whole deployment:
// two API processes on one Redis share it, a release gives back exactly one slot, and a slot
// whose holder died is free again once its lease lapses.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const user = () => `u-${randomUUID()}`;

async function takeAll(slots: UserSlots, userId: string, n: number, max: number) {
  const taken: (Slot | null)[] = [];
  for (let i = 0; i < n; i++) taken.push(await slots.take('event-streams', userId, max));
  return taken;
}

describe('per-user slots in memory (embedded mode)', () => {
  it('caps each user on their own; a slot released twice gives back one place', async () => {
    const slots = createMemoryUserSlots();
    const [a, b] = [user(), user()];
    const held = await takeAll(slots, a, 3, 3);
    expect(held.every((s) => s !== null)).toBe(true);
    expect(new Set(held.map((s) => s!.id)).size).toBe(3);
    expect(await slots.take('event-streams', a, 3)).toBeNull();
    expect(await slots.take('event-streams', b, 3)).not.toBeNull(); // another user
    expect(await slots.take('analyses', a, 1)).not.toBeNull(); // another scope

    held[0]!.release();
    held[0]!.release();
    expect(await slots.take('event-streams', a, 3)).not.toBeNull();
    expect(await slots.take('event-streams', a, 3)).toBeNull();
  });
});

describe('per-user slots in Redis (production: shared by every API process)', () => {
  const prefix = `slots${randomUUID().slice(0, 8)}`;
  const open: UserSlots[] = [];
  /** One API process's slots on the test Redis. */
  const process_ = (o: { ttlMs?: number; url?: string; timeoutMs?: number } = {}) => {
    const s = createRedisUserSlots({
      url: o.url ?? TEST_REDIS_URL,
      prefix,
      timeoutMs: o.timeoutMs ?? 2000,
      ttlMs: o.ttlMs,
    });
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    await requireRedis();
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
  });

  it('two processes draw from one cap; a release in one frees a place for the other, once', async () => {
    const [a, b] = [process_(), process_()];
    await Promise.all([a.ready(), b.ready()]); // until then each answers from memory (by design)
    const u = user();
    const fromA = await takeAll(a, u, 2, 4);
    const fromB = await takeAll(b, u, 2, 4);
    expect([...fromA, ...fromB].every((s) => s !== null)).toBe(true);
    expect(await a.take('event-streams', u, 4)).toBeNull();
    expect(await b.take('event-streams', u, 4)).toBeNull();
    expect(await b.take('event-streams', user(), 4)).not.toBeNull(); // another user

    fromA[0]!.release();
    fromA[0]!.release(); // a second call must not free another holder's slot
    await sleep(50); // the release is sent without waiting for it
    const again = await b.take('event-streams', u, 4);
    expect(again).not.toBeNull();
    expect(await a.take('event-streams', u, 4)).toBeNull();
  });

  it('a live holder keeps its slot past the lease (refreshed); a killed one loses it within the lease', async () => {
    const ttlMs = 1500;
    const u = user();
    const holder = startNodeProcess('server/test/slot-holder.ts', {}, [
      TEST_REDIS_URL,
      prefix,
      u,
      String(ttlMs),
    ]);
    try {
      await holder.waitFor(/held/, 30_000);
      const other = process_({ ttlMs });
      await other.ready();
      expect(await other.take('event-streams', u, 1)).toBeNull();
      await sleep(2 * ttlMs); // two leases: only refreshing kept it
      expect(await other.take('event-streams', u, 1)).toBeNull();

      await holder.stop('SIGKILL'); // no release, no more refreshes
      const killedAt = Date.now();
      expect(await other.take('event-streams', u, 1)).toBeNull(); // until its lease lapses
      let slot: Slot | null = null;
      while (!slot && Date.now() - killedAt < ttlMs + 2000) {
        slot = await other.take('event-streams', u, 1);
        if (!slot) await sleep(100);
      }
      expect(
        slot,
        `the dead holder's slot was still held ${Date.now() - killedAt} ms after the kill`,
      ).not.toBeNull();
      expect(Date.now() - killedAt).toBeLessThanOrEqual(ttlMs + 500);
    } finally {
      await holder.stop('SIGKILL');
    }
  }, 60_000);

  it('an unreachable or stalled Redis answers within the timeout, from a per-process cap', async () => {
    const down = process_({ url: 'redis://127.0.0.1:1', timeoutMs: 300 });
    const u = user();
    let started = Date.now();
    const taken = await takeAll(down, u, 3, 2);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(taken.map((s) => s !== null)).toEqual([true, true, false]); // still capped, in this process

    const target = new URL(TEST_REDIS_URL);
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
    try {
      const stalled = process_({ url: proxy.url(TEST_REDIS_URL), timeoutMs: 300 });
      await stalled.ready();
      proxy.setMode('stall');
      started = Date.now();
      const during = await takeAll(stalled, u, 3, 2);
      // The first take waits out the timeout; then the stalled connection is dropped and the
      // takes after it answer at once from this process (not a timeout each).
      expect(Date.now() - started).toBeLessThan(300 + 1000);
      expect(during.map((s) => s !== null)).toEqual([true, true, false]);
      started = Date.now();
      for (let i = 0; i < 10; i++) await stalled.take('analyses', `${u}-more-${i}`, 1);
      expect(Date.now() - started).toBeLessThan(300);
      // Redis answers again: the connection is made anew and used (the twin's slots are not in it).
      proxy.setMode('pass');
      await stalled.ready();
      const back = await takeAll(stalled, `${u}-back`, 3, 2);
      expect(back.map((s) => s !== null)).toEqual([true, true, false]);
    } finally {
      await proxy.close();
    }
  });
});

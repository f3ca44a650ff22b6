import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createMemoryEventBus, createRedisEventBus } from '../services/job-events.ts';
import { SessionCache, sessionTokenOf, shareSessionEnds } from './session-cache.ts';

describe('SessionCache', () => {
  it('remembers for at most the TTL and never past the session expiry', () => {
    const c = new SessionCache(30_000);
    c.set('tok', 'user-1', 1_000_000 + 10_000, 1_000_000);
    expect(c.get('tok', 1_000_000 + 9_999)).toBe('user-1');
    expect(c.get('tok', 1_000_000 + 10_000)).toBeNull();
    c.set('tok2', 'user-2', Number.MAX_SAFE_INTEGER, 0);
    expect(c.get('tok2', 29_999)).toBe('user-2');
    expect(c.get('tok2', 30_000)).toBeNull();
  });

  it('evicts the oldest entry when full, and on delete', () => {
    const c = new SessionCache(30_000, 2);
    c.set('a', '1', Infinity, 0);
    c.set('b', '2', Infinity, 0);
    c.set('c', '3', Infinity, 0);
    expect(c.get('a', 1)).toBeNull();
    expect(c.get('b', 1)).toBe('2');
    c.delete('b');
    expect(c.get('b', 1)).toBeNull();
  });

  it('finds the token cookie among others', () => {
    expect(sessionTokenOf('a=1; better-auth.session_token=abc.def; b=2')).toBe('abc.def');
    expect(sessionTokenOf('__Secure-better-auth.session_token=x.y')).toBe('x.y');
    expect(sessionTokenOf('better-auth.session_data=zzz')).toBeNull();
    expect(sessionTokenOf(undefined)).toBeNull();
  });
});

describe('shareSessionEnds', () => {
  it("drops a user's cached sessions in this process and in every process on the bus; others stay", () => {
    const bus = createMemoryEventBus(); // one bus, two processes' caches
    const [here, there] = [new SessionCache(), new SessionCache()];
    const [endsHere, endsThere] = [shareSessionEnds(here, bus), shareSessionEnds(there, bus)];
    for (const c of [here, there]) {
      c.set(`tok-a-${c === here}`, 'user-a', Number.MAX_SAFE_INTEGER);
      c.set(`tok-b-${c === here}`, 'user-b', Number.MAX_SAFE_INTEGER);
    }
    void endsHere.ended('user-a');
    expect([here.get('tok-a-true'), there.get('tok-a-false')]).toEqual([null, null]);
    expect([here.get('tok-b-true'), there.get('tok-b-false')]).toEqual(['user-b', 'user-b']);

    endsThere.close(); // a closed app stops listening
    void endsHere.ended('user-b');
    expect([here.get('tok-b-true'), there.get('tok-b-false')]).toEqual([null, 'user-b']);
  });
});

describe('SessionCache against the races of a sign-out', () => {
  it('does not keep a read that began before the user signed out (it may have seen the ended session)', () => {
    const c = new SessionCache(30_000);
    c.dropUser('user-a', 1_000);
    c.set('old-read', 'user-a', Number.MAX_SAFE_INTEGER, 1_050, 990); // began before, returned after
    c.set('same-ms', 'user-a', Number.MAX_SAFE_INTEGER, 1_050, 1_000);
    expect([c.get('old-read', 1_060), c.get('same-ms', 1_060)]).toEqual([null, null]);
    c.set('new-read', 'user-a', Number.MAX_SAFE_INTEGER, 1_050, 1_001); // a new sign-in's read
    expect(c.get('new-read', 1_060)).toBe('user-a');
    c.set('other-user', 'user-b', Number.MAX_SAFE_INTEGER, 1_050, 500);
    expect(c.get('other-user', 1_060)).toBe('user-b');
  });

  it('caches nothing while the bus is not heard, and drops what it held when hearing stops and starts', () => {
    const c = new SessionCache(30_000);
    c.set('a', 'user-a', Number.MAX_SAFE_INTEGER);
    c.setListening(false);
    expect(c.get('a')).toBeNull();
    c.set('b', 'user-b', Number.MAX_SAFE_INTEGER);
    expect(c.get('b')).toBeNull();
    c.setListening(true);
    c.set('b', 'user-b', Number.MAX_SAFE_INTEGER);
    expect(c.get('b')).toBe('user-b');
  });
});

describe('shareSessionEnds on Redis (two processes)', () => {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  it('a sign-out resolves once Redis took the notice: by the next request, the other process has dropped the session', async () => {
    const prefix = `sc-${randomUUID()}`;
    const [busA, busB] = [createRedisEventBus(url, prefix), createRedisEventBus(url, prefix)];
    const [a, b] = [new SessionCache(), new SessionCache()];
    const [endsA, endsB] = [shareSessionEnds(a, busA), shareSessionEnds(b, busB)];
    const client = new Redis(url);
    try {
      // Both subscribed: a notice from A reaches B.
      let heard = false;
      const off = busB.onAny((m) => {
        if (m.kind === 'sessions' && m.userId === 'probe-user') heard = true;
      });
      await expect
        .poll(async () => {
          await endsA.ended('probe-user');
          return heard;
        })
        .toBe(true);
      off();
      let stale = 0;
      for (let i = 0; i < 50; i++) {
        const user = `user-${i}`;
        b.set(`tok-${i}`, user, Number.MAX_SAFE_INTEGER);
        await endsA.ended(user);
        // The person's next request needs at least a network round trip after the reply: one
        // through Redis stands for it (sent after A's PUBLISH was answered, so after Redis wrote
        // the notice to B's subscription).
        await client.ping();
        if (b.get(`tok-${i}`) !== null) stale++;
      }
      expect(stale).toBe(0);
    } finally {
      endsA.close();
      endsB.close();
      client.disconnect();
      await Promise.all([busA.close(), busB.close()]);
    }
  });

  it('a process whose subscription is lost caches nothing until it is back, then starts afresh', async () => {
    const prefix = `sc-${randomUUID()}`;
    const bus = createRedisEventBus(url, prefix);
    const cache = new SessionCache();
    const ends = shareSessionEnds(cache, bus);
    const admin = new Redis(url);
    const subscriptionId = async () => {
      const list = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      return /id=(\d+) .*name=(\S+)/.exec(
        list.split('\n').find((l) => l.includes(`name=${prefix}-events-sub-`)) ?? '',
      )?.[1];
    };
    try {
      await expect.poll(subscriptionId).toBeTruthy();
      cache.set('tok', 'user-a', Number.MAX_SAFE_INTEGER);
      expect(cache.get('tok')).toBe('user-a');
      // Kill only this bus's subscription (the Redis is shared with other suites).
      await admin.client('KILL', 'ID', (await subscriptionId())!);
      await expect.poll(() => cache.get('tok')).toBeNull(); // the gap is seen: what was cached goes
      await expect
        .poll(() => {
          cache.set('tok2', 'user-b', Number.MAX_SAFE_INTEGER);
          return cache.get('tok2');
        })
        .toBe('user-b'); // ioredis reconnects and subscribes again: caching resumes
      expect(cache.get('tok')).toBeNull(); // what was cached before the gap is gone
    } finally {
      ends.close();
      admin.disconnect();
      await bus.close();
    }
  });
});

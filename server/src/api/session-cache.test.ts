import { describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '../services/job-events.ts';
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
    endsHere.ended('user-a');
    expect([here.get('tok-a-true'), there.get('tok-a-false')]).toEqual([null, null]);
    expect([here.get('tok-b-true'), there.get('tok-b-false')]).toEqual(['user-b', 'user-b']);

    endsThere.close(); // a closed app stops listening
    endsHere.ended('user-b');
    expect([here.get('tok-b-true'), there.get('tok-b-false')]).toEqual([null, 'user-b']);
  });
});

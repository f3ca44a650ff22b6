import { describe, expect, it } from 'vitest';
import { SessionCache, sessionTokenOf } from './session-cache.ts';

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

import { describe, expect, it } from 'vitest';
import { SIGNING_WINDOW_SEC, signingWindow } from './signing-window.ts';
import { MAX_SIGNED_URL_TTL_SEC } from './types.ts';

describe('signingWindow', () => {
  it('one start for every second of a window; each URL lives at least the TTL, at most one window more', () => {
    const base = 1_800_000_000 - (1_800_000_000 % SIGNING_WINDOW_SEC);
    const starts = new Set<number>();
    for (let now = base; now < base + SIGNING_WINDOW_SEC; now += 97) {
      const w = signingWindow(now, 3600);
      starts.add(w.startSec);
      const expiresAt = w.startSec + w.expiresInSec;
      expect(expiresAt - now).toBeGreaterThan(3600);
      expect(expiresAt - now).toBeLessThanOrEqual(3600 + SIGNING_WINDOW_SEC);
      expect(w.startSec).toBeLessThanOrEqual(now); // never signed in the future
    }
    expect([...starts]).toEqual([base]);
    expect(signingWindow(base + SIGNING_WINDOW_SEC, 3600).startSec).toBe(base + SIGNING_WINDOW_SEC);
  });

  it('a short TTL gets a window as short; the longest TTL is signed from now (S3 caps the total)', () => {
    const w = signingWindow(1_000_030, 60);
    expect(w).toEqual({ startSec: 1_000_020, expiresInSec: 120 });
    expect(signingWindow(1_000_030, MAX_SIGNED_URL_TTL_SEC)).toEqual({
      startSec: 1_000_030,
      expiresInSec: MAX_SIGNED_URL_TTL_SEC,
    });
    const near = signingWindow(1_000_030, MAX_SIGNED_URL_TTL_SEC - 100);
    expect(near.expiresInSec).toBe(MAX_SIGNED_URL_TTL_SEC);
  });
});

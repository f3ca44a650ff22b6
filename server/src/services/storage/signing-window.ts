import { MAX_SIGNED_URL_TTL_SEC } from './types.ts';

/** Signed URLs made within one window of this many seconds are the same URL. */
export const SIGNING_WINDOW_SEC = 3600;

/**
 * When to sign a URL from and for how long, so that every request within one window gets
 * the same URL: the browser (and a CDN) can then cache a cover or an MP3 across refetches
 * and visits, which a URL re-signed every second defeats. The window starts at a multiple
 * of its length; the URL stays valid `ttlSec` past the window's end, so whenever it is made
 * it lives at least `ttlSec` (at most `ttlSec` + one window). The window is never longer
 * than `ttlSec` (a short-lived link stays short-lived) and keeps the total within
 * MAX_SIGNED_URL_TTL_SEC (S3's limit); with no room left the URL is signed from now.
 */
export function signingWindow(nowSec: number, ttlSec: number): { startSec: number; expiresInSec: number } {
  const window = Math.min(SIGNING_WINDOW_SEC, ttlSec, MAX_SIGNED_URL_TTL_SEC - ttlSec);
  if (window < 1) return { startSec: nowSec, expiresInSec: ttlSec };
  const startSec = Math.floor(nowSec / window) * window;
  return { startSec, expiresInSec: window + ttlSec };
}

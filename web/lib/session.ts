// Who is visiting, as far as the app header can tell. The server reads /api/me while it renders
// the page (lib/api/server.ts, at most 3 s); the browser reads it again only when the server got no
// answer. Until someone knows, the header shows neither menu: a signed-in musician must not see
// "Sign in" flash up, nor a visitor the app's menu.

/** The session cookies (better-auth's, plain and `__Secure-`): without one nobody is signed in. */
export const SESSION_COOKIES = ['better-auth.session_token', '__Secure-better-auth.session_token'];

/** What the server knew of the visitor when it rendered the page. */
export type ServerSession = 'signed-in' | 'signed-out' | 'unknown';

/** The server's read of /api/me: the status it answered, or none (timed out, unreachable). */
export type MeLookup = { status: number } | 'no-answer';

/** No session cookie, or /api/me said 401: signed out. An answer: signed in. Anything else: unknown. */
export function sessionOfLookup(hasSessionCookie: boolean, lookup: MeLookup): ServerSession {
  if (!hasSessionCookie) return 'signed-out';
  if (lookup === 'no-answer') return 'unknown';
  if (lookup.status >= 200 && lookup.status < 300) return 'signed-in';
  if (lookup.status === 401) return 'signed-out';
  return 'unknown'; // 5xx, 429…: the API could not say
}

/** Which menu the header shows: the app's, the public one, or none yet. */
export type HeaderMenu = 'app' | 'public' | 'none';

/**
 * The browser's own answer first (an account, or a 401: the session may have ended or begun since
 * the page was served); without one, what the server knew. A signed-in server read always hands
 * the browser its account, so "signed in" with no account in hand means it is not known yet.
 */
export function headerMenu(
  server: ServerSession,
  browser: { hasAccount: boolean; unauthenticated: boolean },
): HeaderMenu {
  if (browser.unauthenticated) return 'public';
  if (browser.hasAccount) return 'app';
  return server === 'signed-out' ? 'public' : 'none';
}

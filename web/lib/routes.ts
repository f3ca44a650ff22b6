/** App pages that need a signed-in user (proxy.ts redirects; the header re-checks a stale session). */
export const PROTECTED_PREFIXES = ['/create', '/library', '/tracks', '/series', '/credits', '/settings'];

export function isProtected(path: string): boolean {
  return PROTECTED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Sends a signed-out visitor to sign-in and back to `path` afterwards. */
export function signInHref(path: string): string {
  return `/auth/signin?next=${encodeURIComponent(path)}`;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined, fallback = '/create'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/**
 * Where signing in or up leads: `next` when it is a same-site path, else Create — with the prompt
 * typed on the landing page when one came along. The auth form follows it after a sign-in, and the
 * auth pages send a visitor who is already signed in straight there.
 */
export function afterAuthPath(next: string | null | undefined, prompt: string | null | undefined): string {
  return safeNext(next, prompt ? `/create?prompt=${encodeURIComponent(prompt)}` : '/create');
}

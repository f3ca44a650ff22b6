/** App pages that need a signed-in user (proxy.ts redirects; the header re-checks a stale session). */
export const PROTECTED_PREFIXES = ['/create', '/library', '/tracks', '/series', '/credits', '/settings'];

export function isProtected(path: string): boolean {
  return PROTECTED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined, fallback = '/create'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

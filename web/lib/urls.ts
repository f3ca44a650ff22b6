/**
 * A signed file URL of our own file store, as a same-origin path. The API signs URLs with
 * PUBLIC_URL's host; a visitor who came in through 127.0.0.1 (or any other local name)
 * would otherwise fetch from another origin, which the page's CSP refuses. URLs of an
 * external store (S3) stay as they are.
 */
export function sameOriginFileUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  try {
    const url = new URL(u, 'http://x');
    return url.pathname.startsWith('/api/') ? `${url.pathname}${url.search}` : u;
  } catch {
    return u;
  }
}

/**
 * The path a request's URL names once decoded and normalised the way a router or a
 * proxy may read it: percent-escapes decoded (repeatedly, so %2561 is no way round),
 * backslashes as slashes, empty and "." segments dropped, ".." resolved. Security
 * decisions made on a path use this form, never the raw URL: `/%61pi/tracks` is
 * `/api/tracks` to the router. Returns null when the path cannot be decoded (a
 * malformed escape): callers treat that as the strictest case.
 */
export function normalisedPath(rawUrl: string): string | null {
  let path = rawUrl;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  for (let i = 0; i < 4 && path.includes('%'); i++) {
    try {
      const decoded = decodeURIComponent(path);
      if (decoded === path) break;
      path = decoded;
    } catch {
      return null;
    }
  }
  if (path.includes('%')) return null; // still encoded after four rounds: not a path we serve
  const out: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  // Lower-case: prefix policies then match however a client spells the path.
  return `/${out.join('/')}`.toLowerCase();
}

/** True when `path` (normalised) is `prefix` itself or below it; `prefix` has no trailing slash. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

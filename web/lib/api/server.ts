import 'server-only';
import { type DehydratedState, dehydrate, QueryClient } from '@tanstack/react-query';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { afterAuthPath } from '../routes';
import { type MeLookup, SESSION_COOKIES, type ServerSession, sessionOfLookup } from '../session';
import { internalApi } from '../site';

// Server-side reads for the signed-in pages: the page's first data is fetched while the
// HTML is rendered (over loopback, as the visitor: their cookie), written into a query
// cache under the hooks' own keys and handed to the browser with <HydrationBoundary>.
// The page then paints with its content instead of a skeleton, and hydration starts no
// request waterfall (session → data). Any failure leaves the key empty: the hook fetches
// it in the browser as before (and shows its own errors).

const TIMEOUT_MS = 3_000;

// Once per request and path: the app layout (the header's account) and a page (the create
// form's plan and balance) both ask for /api/me while one HTML is rendered.
const getAsVisitor = cache(
  async (path: string, cookie: string): Promise<{ status: number; data?: unknown } | 'no-answer'> => {
    try {
      const res = await fetch(`${internalApi()}${path}`, {
        headers: { cookie, accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) {
        await res.body?.cancel();
        return { status: res.status };
      }
      return { status: res.status, data: await res.json() };
    } catch {
      return 'no-answer';
    }
  },
);

/** Fetches each `path` into `key`, all at once; the cache state to hydrate. */
export async function prefetchAsVisitor(
  entries: { key: readonly unknown[]; path: string }[],
): Promise<DehydratedState> {
  const qc = new QueryClient();
  await Promise.all(
    entries.map(async (e) => {
      const data = await readAsVisitor(e.path);
      if (data !== null) qc.setQueryData(e.key, data);
    }),
  );
  return dehydrate(qc);
}

/** One API read as the visitor (their cookie): its JSON body, or null on any failure. */
export async function readAsVisitor<T>(path: string): Promise<T | null> {
  const cookie = (await headers()).get('cookie');
  if (!cookie) return null;
  const r = await getAsVisitor(path, cookie);
  return r !== 'no-answer' && r.data !== undefined ? (r.data as T) : null;
}

/**
 * Whether the API says a resource is not there for this visitor (404, or 400 for an id that
 * cannot exist): the page should then answer 404 itself. False when the API did not answer.
 */
export async function missingForVisitor(path: string): Promise<boolean> {
  const cookie = (await headers()).get('cookie');
  if (!cookie) return false;
  const r = await getAsVisitor(path, cookie);
  return r !== 'no-answer' && (r.status === 404 || r.status === 400);
}

/**
 * What the server knows of the visitor's session (lib/session.ts): the header's menu when the
 * browser has no answer of its own. The same /api/me read as prefetchAsVisitor's (once per request).
 */
export async function sessionAsVisitor(): Promise<ServerSession> {
  const jar = await cookies();
  const cookie = (await headers()).get('cookie');
  const hasSession = Boolean(cookie) && SESSION_COOKIES.some((c) => jar.has(c));
  const lookup: MeLookup = hasSession ? await getAsVisitor('/api/me', cookie!) : 'no-answer';
  return sessionOfLookup(hasSession, lookup);
}

type SearchParams = Record<string, string | string[] | undefined>;
const firstParam = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The sign-in and sign-up pages for a visitor already signed in: straight on to where signing in
 * leads (`next`, or Create with the landing page's prompt). Their session is asked of the API, not
 * read from the cookie's presence: a stale cookie must still reach the form.
 */
export async function redirectIfSignedIn(searchParams: SearchParams): Promise<void> {
  if ((await sessionAsVisitor()) !== 'signed-in') return;
  redirect(afterAuthPath(firstParam(searchParams.next), firstParam(searchParams.prompt)));
}

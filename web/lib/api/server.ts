import 'server-only';
import { type DehydratedState, dehydrate, QueryClient } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { cache } from 'react';
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
const getAsVisitor = cache(async (path: string, cookie: string): Promise<unknown> => {
  try {
    const res = await fetch(`${internalApi()}${path}`, {
      headers: { cookie, accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return res.ok ? await res.json() : undefined;
  } catch {
    return undefined;
  }
});

/** Fetches each `path` into `key`, all at once; the cache state to hydrate. */
export async function prefetchAsVisitor(
  entries: { key: readonly unknown[]; path: string }[],
): Promise<DehydratedState> {
  const qc = new QueryClient();
  const cookie = (await headers()).get('cookie');
  if (cookie) {
    await Promise.all(
      entries.map(async (e) => {
        const data = await getAsVisitor(e.path, cookie);
        if (data !== undefined) qc.setQueryData(e.key, data);
      }),
    );
  }
  return dehydrate(qc);
}

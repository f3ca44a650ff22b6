import { HydrationBoundary } from '@tanstack/react-query';
import { AppHeader } from '@/components/app-header';
import { MiniPlayer } from '@/components/player/mini-player';
import { Providers } from '@/components/providers';
import { Announcer } from '@/components/ui/announcer';
import { keys } from '@/lib/api/keys';
import { prefetchAsVisitor, sessionAsVisitor } from '@/lib/api/server';

// The signed-in app: one query cache and one player for every page under it, so playing
// continues from page to page. The header's account (balance, avatar) is read while the
// HTML is rendered: it is in the first paint, and hydration starts no /api/me request. When that
// read gets no answer in time, the header shows neither menu until the browser's own read answers.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const [state, session] = await Promise.all([
    prefetchAsVisitor([{ key: keys.me, path: '/api/me' }]),
    sessionAsVisitor(),
  ]);
  return (
    <Providers>
      <HydrationBoundary state={state}>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
        >
          Skip to content
        </a>
        <AppHeader session={session} />
        <main id="main" className="mx-auto max-w-6xl px-4 pb-32 pt-6 sm:pt-10">
          {children}
        </main>
        <MiniPlayer />
        <Announcer />
      </HydrationBoundary>
    </Providers>
  );
}

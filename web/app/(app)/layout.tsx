import { AppHeader } from '@/components/app-header';
import { MiniPlayer } from '@/components/player/mini-player';
import { Providers } from '@/components/providers';

// The signed-in app: one query cache and one player for every page under it, so playing
// continues from page to page.
export default function AppLayout({ children }: { children: React.ReactNode }) {
  return (
    <Providers>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <AppHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 pb-32 pt-6 sm:pt-10">
        {children}
      </main>
      <MiniPlayer />
    </Providers>
  );
}

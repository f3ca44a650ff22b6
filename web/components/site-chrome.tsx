import { AccountLink } from './account-link';
import { IntentLink } from './intent-link';
import { Logo } from './logo';
import { ThemeToggle } from './theme-toggle';

/**
 * A public page (no query cache, no player: light pages): header, the page's content growing to
 * fill the screen, and the footer at the bottom of the viewport however short the content is.
 */
export function SitePage({ className = '', children }: { className?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      {/* w-full: a flex item with auto margins (mx-auto in className) would shrink to its content. */}
      <main id="main" className={`w-full flex-1 ${className}`}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}

/** Header and footer of the public pages. */
export function SiteHeader() {
  return (
    <header className="mx-auto flex w-full max-w-6xl items-center gap-4 px-4 py-4">
      <Logo />
      <nav aria-label="Site" className="ml-auto flex items-center gap-1 text-sm">
        <IntentLink
          href="/explore"
          className="hidden rounded-full px-3 py-1.5 text-muted hover:text-fg sm:block"
        >
          Explore
        </IntentLink>
        <IntentLink href="/pricing" className="rounded-full px-3 py-1.5 text-muted hover:text-fg">
          Pricing
        </IntentLink>
        <AccountLink className="rounded-full px-3 py-1.5 text-muted hover:text-fg" />
        <ThemeToggle />
      </nav>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-24 border-t border-line">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-muted sm:flex-row sm:items-center">
        <p>© SoundFoundry — music from a prompt, mastered and yours.</p>
        <nav aria-label="Footer" className="flex gap-4 sm:ml-auto">
          <IntentLink href="/pricing" className="hover:text-fg">
            Pricing
          </IntentLink>
          <IntentLink href="/explore" className="hover:text-fg">
            Explore
          </IntentLink>
          <a href="/docs" className="hover:text-fg">
            API docs
          </a>
        </nav>
      </div>
    </footer>
  );
}

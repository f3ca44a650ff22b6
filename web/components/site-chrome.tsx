import { IntentLink } from './intent-link';
import { Logo } from './logo';
import { ThemeToggle } from './theme-toggle';

/** Header and footer of the public pages (no query cache, no player: light pages). */
export function SiteHeader() {
  return (
    <header className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-4">
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
        <IntentLink href="/auth/signin" className="rounded-full px-3 py-1.5 text-muted hover:text-fg">
          Sign in
        </IntentLink>
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

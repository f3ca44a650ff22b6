'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useMe } from '@/lib/api/hooks';
import { creditCount } from '@/lib/credit-words';
import { isProtected, signInHref } from '@/lib/routes';
import { headerMenu, type ServerSession } from '@/lib/session';
import { AccountMenu } from './account-menu';
import { IntentLink } from './intent-link';
import { Logo } from './logo';
import { isUnauthenticated } from './providers';
import { ThemeToggle } from './theme-toggle';

const APP_NAV = [
  { href: '/create', label: 'Create' },
  { href: '/library', label: 'Library' },
  { href: '/explore', label: 'Explore' },
  { href: '/series', label: 'Series' },
  { href: '/credits', label: 'Credits' },
];
/** A signed-out visitor on a public app page (Explore): what they can open without an account. */
const PUBLIC_NAV = [
  { href: '/explore', label: 'Explore' },
  { href: '/pricing', label: 'Pricing' },
];

/** `session`: what the server knew of the visitor while it rendered the page (lib/session.ts). */
export function AppHeader({ session }: { session: ServerSession }) {
  const path = usePathname();
  const router = useRouter();
  // A visitor the server saw signed out, on a public page (Explore), is not asked again: the
  // browser's read would only log a 401. On an app page it always is (a session may have ended).
  const me = useMe(session !== 'signed-out' || isProtected(path));
  const signedOut = isUnauthenticated(me.error);
  // The layout read /api/me as the visitor while rendering the HTML (its answer is hydrated):
  // the first paint already shows the app's menu to the signed in and the public one to others.
  // When that read got no answer, neither menu (it could be the wrong one) until the browser's
  // read answers; the rows keep their height meanwhile, so nothing below moves when it does.
  const menu = headerMenu(session, { hasAccount: Boolean(me.data), unauthenticated: signedOut });
  const account = menu === 'app' ? me.data : undefined;
  const nav = menu === 'app' ? APP_NAV : menu === 'public' ? PUBLIC_NAV : [];
  useEffect(() => {
    // A session that expired since the page was served: back through sign-in.
    if (signedOut && isProtected(path)) router.replace(signInHref(path));
  }, [signedOut, path, router]);

  return (
    <header className="sticky top-0 z-30 border-b border-line bg-bg/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Logo href={account ? '/create' : '/'} compact />
        {menu === 'none' ? (
          <div className="hidden flex-1 md:block" />
        ) : (
          <nav aria-label="Main" className="hidden flex-1 items-center gap-1 md:flex">
            {nav.map((n) => (
              <NavLink key={n.href} href={n.href} label={n.label} active={path.startsWith(n.href)} />
            ))}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-2">
          {account ? (
            <>
              <IntentLink
                href="/credits"
                className="tabular rounded-full border border-line px-3 py-1 text-sm"
                data-testid="balance"
              >
                {creditCount(account.credits)}
              </IntentLink>
              <AccountMenu email={account.email} />
            </>
          ) : menu === 'public' ? (
            <>
              <IntentLink
                href={signInHref(path)}
                className="rounded-full px-3 py-1.5 text-sm font-medium hover:bg-surface-2"
              >
                Sign in
              </IntentLink>
              <IntentLink
                href="/auth/signup"
                className="rounded-full bg-accent px-3 py-1.5 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
              >
                Get started
              </IntentLink>
            </>
          ) : null}
          <ThemeToggle />
        </div>
      </div>
      {menu === 'none' ? (
        // A link's height (text-sm line and py-1.5): the row is there before its links are.
        <div className="px-3 pb-2 md:hidden">
          <div className="h-8" />
        </div>
      ) : (
        <nav aria-label="Main mobile" className="flex gap-1 overflow-x-auto px-3 pb-2 md:hidden">
          {nav.map((n) => (
            <NavLink
              key={n.href}
              href={n.href}
              label={n.label}
              active={path.startsWith(n.href)}
              // The app's five links share the row in equal parts: with the desktop's padding they
              // needed 392 px, and a 375 px phone cut "Credits" off at the edge.
              className={menu === 'app' ? 'flex-1 px-1 text-center' : 'px-3'}
            />
          ))}
        </nav>
      )}
    </header>
  );
}

function NavLink({
  href,
  label,
  active,
  className = 'px-3',
}: {
  href: string;
  label: string;
  active: boolean;
  className?: string;
}) {
  return (
    <IntentLink
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded-full py-1.5 text-sm font-medium ${className} ${active ? 'bg-surface-2 text-fg' : 'text-muted hover:text-fg'}`}
    >
      {label}
    </IntentLink>
  );
}

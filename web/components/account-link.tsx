'use client';

import { useEffect, useState } from 'react';
import { IntentLink } from './intent-link';

/**
 * The public pages' account link. They are static (no session is read while they render), so the
 * link says "Sign in" until the browser learns of a live session — better-auth's get-session answers
 * 200 with null for a visitor, so nobody gets a 401 in their console — and then "Open app" (Create).
 */
export function AccountLink({ className }: { className: string }) {
  const [signedIn, setSignedIn] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    fetch('/api/auth/get-session', { signal: ctrl.signal, headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user?: unknown } | null) => setSignedIn(Boolean(s?.user)))
      .catch(() => {}); // offline or navigated away: "Sign in" stays, which still leads on when signed in
    return () => ctrl.abort();
  }, []);
  return signedIn ? (
    <IntentLink href="/create" className={className}>
      Open app
    </IntentLink>
  ) : (
    <IntentLink href="/auth/signin" className={className}>
      Sign in
    </IntentLink>
  );
}

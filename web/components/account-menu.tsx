'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { apiFetch } from '@/lib/api/client';
import { IntentLink } from './intent-link';
import { BusyButton } from './ui/busy-button';

/**
 * The header's avatar: a disclosure with the account's email, Settings and Sign out (sign-out was
 * only in Settings). Escape or a click outside closes it, focus back on the avatar.
 */
export function AccountMenu({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from inside closes, as the avatar does
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-label="Account"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="grid size-8 place-items-center rounded-full bg-surface-2 text-sm font-semibold uppercase"
      >
        {email.slice(0, 1)}
      </button>
      <div
        id={id}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-60 rounded-xl border border-line bg-surface p-2 shadow-xl"
      >
        <p className="truncate px-3 py-2 text-xs text-muted" title={email}>
          {email}
        </p>
        <IntentLink
          href="/settings"
          onClick={() => setOpen(false)}
          className="block rounded-lg px-3 py-2 text-sm hover:bg-surface-2"
        >
          Settings
        </IntentLink>
        <BusyButton
          busy={leaving}
          busyLabel="Signing out…"
          onClick={async () => {
            setLeaving(true);
            await apiFetch('/api/auth/sign-out', { body: {} }).catch(() => {});
            window.location.assign('/');
          }}
          className="block w-full rounded-lg px-3 py-2 text-left text-sm hover:bg-surface-2 aria-disabled:cursor-wait"
        >
          Sign out
        </BusyButton>
      </div>
    </div>
  );
}

'use client';

import { useId, useRef, useState } from 'react';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordChangeProblem,
  passwordRefusal,
  WRONG_PASSWORD,
} from '@/lib/account/password';
import {
  type SessionInfoT,
  useChangePassword,
  useDeleteAccount,
  useEndSession,
  useSessions,
} from '@/lib/api/hooks';
import { BusyButton } from '../ui/busy-button';
import { LocalTime } from '../ui/local-time';

const fieldCls = 'w-full rounded-lg border border-line bg-bg px-3 py-2 text-sm';
const section = 'space-y-4 rounded-2xl border border-line bg-surface p-6';

/**
 * Change the password. Every other session ends with it (the server insists, api/auth.ts):
 * whoever knew the old password may be signed in somewhere. This browser stays signed in.
 */
export function PasswordSection() {
  const change = useChangePassword();
  const [v, setV] = useState({ current: '', next: '', repeat: '' });
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState(false);
  const id = useId();
  const status = useRef<HTMLParagraphElement>(null);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setV((old) => ({ ...old, [k]: e.target.value }));
    setDone(false);
  };

  return (
    <section aria-labelledby="password-h" className={section}>
      <div>
        <h2 id="password-h" className="text-lg font-semibold">
          Password
        </h2>
        <p className="mt-1 text-sm text-muted">Changing it signs you out everywhere else.</p>
      </div>
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (change.isPending) return;
          const p = passwordChangeProblem(v);
          setProblem(p ?? '');
          setDone(false);
          if (p) return;
          change.mutate(
            { currentPassword: v.current, newPassword: v.next },
            {
              onSuccess: () => {
                setV({ current: '', next: '', repeat: '' });
                setDone(true);
              },
              onError: (err) => setProblem(passwordRefusal(err, WRONG_PASSWORD.change)),
            },
          );
        }}
      >
        <div>
          <label htmlFor={`${id}-current`} className="mb-1 block text-sm font-medium">
            Current password
          </label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            value={v.current}
            onChange={set('current')}
            className={fieldCls}
          />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-next`} className="mb-1 block text-sm font-medium">
              New password
            </label>
            <input
              id={`${id}-next`}
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              value={v.next}
              onChange={set('next')}
              aria-describedby={`${id}-hint`}
              className={fieldCls}
            />
            <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
              At least {PASSWORD_MIN} characters.
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-repeat`} className="mb-1 block text-sm font-medium">
              New password, again
            </label>
            <input
              id={`${id}-repeat`}
              type="password"
              autoComplete="new-password"
              maxLength={PASSWORD_MAX}
              value={v.repeat}
              onChange={set('repeat')}
              className={fieldCls}
            />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {/* Busy while saving, keeping keyboard focus (BusyButton). */}
          <BusyButton
            type="submit"
            busy={change.isPending}
            busyLabel="Changing…"
            className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-fg hover:bg-accent-hover aria-disabled:cursor-wait aria-disabled:opacity-60"
          >
            Change password
          </BusyButton>
          <p ref={status} role="status" className="text-sm text-success" data-testid="password-status">
            {done ? 'Password changed. You were signed out everywhere else.' : ''}
          </p>
        </div>
        <p role="alert" className="text-sm text-danger empty:hidden" data-testid="password-problem">
          {problem}
        </p>
      </form>
    </section>
  );
}

/** Where the account is signed in: each session's browser, address and times; sign any other one out. */
export function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSession();
  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current);
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const endOne = (s: SessionInfoT) => {
    if (end.isPending) return;
    setSaid('');
    end.mutate(
      { id: s.id },
      {
        onSuccess: () => {
          setSaid(`Signed out ${s.device ?? 'that session'}.`);
          // Its row (and the button pressed) is gone: focus goes to the section's heading.
          requestAnimationFrame(() => heading.current?.focus());
        },
      },
    );
  };

  return (
    <section aria-labelledby="sessions-h" className={section}>
      <div>
        <h2 id="sessions-h" ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
          Where you’re signed in
        </h2>
        <p className="mt-1 text-sm text-muted">
          Don’t recognise one? Sign it out, then change your password.
        </p>
      </div>
      {sessions.isPending ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : sessions.error ? (
        <p className="text-sm text-danger">{sessions.error.message}</p>
      ) : (
        <ul className="divide-y divide-line" data-testid="sessions">
          {items.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              data-testid="session"
            >
              <div className="min-w-0 text-sm">
                <p className="font-medium">
                  {s.device ?? 'Unknown browser'}
                  {s.current && (
                    <span className="ml-2 rounded-full bg-surface-2 px-2 py-0.5 text-xs font-normal text-muted">
                      This browser
                    </span>
                  )}
                </p>
                <p className="text-muted">
                  {s.ip_address ? `${s.ip_address} · ` : ''}signed in <LocalTime iso={s.created_at} /> · last
                  active <LocalTime iso={s.last_active_at} />
                </p>
              </div>
              {!s.current && (
                <BusyButton
                  busy={end.isPending}
                  onClick={() => endOne(s)}
                  // Rows can look alike (one browser, one address): the sign-in time tells them apart.
                  aria-label={`Sign out ${s.device ?? 'this session'}, signed in from ${s.ip_address ?? 'an unknown address'} on ${new Date(s.created_at).toLocaleString()}`}
                  className="rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2 aria-disabled:opacity-60"
                >
                  Sign out
                </BusyButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 1 && (
        <BusyButton
          busy={end.isPending}
          onClick={() => {
            setSaid('');
            end.mutate('others', {
              onSuccess: () => {
                setSaid('Signed out everywhere else.');
                // This button goes with the other sessions: focus goes to the section's heading.
                requestAnimationFrame(() => heading.current?.focus());
              },
            });
          }}
          className="rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:bg-surface-2 aria-disabled:opacity-60"
        >
          Sign out everywhere else
        </BusyButton>
      )}
      <p role="status" className="text-sm text-success empty:hidden" data-testid="sessions-status">
        {said}
      </p>
      {end.error && <p className="text-sm text-danger">{end.error.message}</p>}
    </section>
  );
}

/**
 * Deletes the account for good: its tracks, series, uploads and credit history. Two steps (the
 * button opens the form; the password confirms), and the server insists on the password.
 */
export function DeleteAccountSection() {
  const remove = useDeleteAccount();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const id = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const close = () => {
    setOpen(false);
    setPassword('');
    setProblem('');
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <section aria-labelledby="delete-h" className={`${section} border-danger/40`}>
      <div>
        <h2 id="delete-h" className="text-lg font-semibold">
          Delete account
        </h2>
        <p className="mt-1 text-sm text-muted">
          Deletes your tracks, series, reference uploads and credit history for good, and signs you out
          everywhere. Credits left on the account are lost. This cannot be undone.
        </p>
      </div>
      {!open ? (
        <button
          ref={opener}
          type="button"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => field.current?.focus());
          }}
          className="rounded-lg border border-danger/60 px-4 py-2 text-sm font-semibold text-danger hover:bg-surface-2"
        >
          Delete account…
        </button>
      ) : (
        <form
          className="space-y-3"
          noValidate
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !remove.isPending) close();
          }}
          onSubmit={(e) => {
            e.preventDefault();
            if (remove.isPending) return;
            if (!password) return setProblem('Enter your password to delete your account.');
            setProblem('');
            remove.mutate(password, {
              onSuccess: () => window.location.assign('/account-deleted'),
              onError: (err) => setProblem(passwordRefusal(err, WRONG_PASSWORD.deleteAccount)),
            });
          }}
        >
          <div>
            <label htmlFor={`${id}-password`} className="mb-1 block text-sm font-medium">
              Your password, to confirm
            </label>
            <input
              ref={field}
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={fieldCls}
            />
          </div>
          <div className="flex flex-wrap gap-2">
            <BusyButton
              type="submit"
              busy={remove.isPending}
              busyLabel="Deleting…"
              className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 aria-disabled:cursor-wait aria-disabled:opacity-70"
            >
              Delete my account for good
            </BusyButton>
            <button
              type="button"
              onClick={() => {
                if (!remove.isPending) close();
              }}
              className="rounded-lg border border-line px-4 py-2 text-sm font-medium hover:bg-surface-2"
            >
              Cancel
            </button>
          </div>
          <p role="alert" className="text-sm text-danger empty:hidden" data-testid="delete-problem">
            {problem}
          </p>
        </form>
      )}
    </section>
  );
}

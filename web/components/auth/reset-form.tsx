'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { newPasswordProblem, PASSWORD_MAX, PASSWORD_MIN } from '@/lib/account/password';
import { ApiError, apiFetch } from '@/lib/api/client';
import { BusyButton } from '../ui/busy-button';

const field = 'w-full rounded-lg border border-line bg-bg px-3 py-2.5';

/**
 * Sets a new password with the token of an operator's one-time link (better-auth's
 * reset-password). Every session of the account ends with it; the person then signs in.
 */
export function ResetForm({ linkSpent = false }: { linkSpent?: boolean }) {
  const token = useSearchParams().get('token') ?? '';
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // The form is replaced by the outcome: focus goes to its heading, not the page's body.
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  if (!token) {
    return (
      <Card title="Set a new password">
        <p className="mt-3 text-sm text-muted">
          This page opens from a link the operator of this server gives you. Ask them for one.
        </p>
      </Card>
    );
  }
  if (linkSpent) {
    return (
      <Card title="This link no longer works">
        <p className="mt-3 text-sm text-muted">
          It was used already, or it expired (links work for an hour). Ask the operator of this server for a
          new one.
        </p>
        <Link
          href="/auth/signin"
          className="mt-6 inline-block text-sm font-medium text-accent-text hover:underline"
        >
          Back to sign in
        </Link>
      </Card>
    );
  }
  if (done) {
    return (
      <Card title="Password set" headingRef={doneHeading}>
        <p className="mt-3 text-sm text-muted" role="status">
          Your new password works now, and you were signed out everywhere.
        </p>
        <Link
          href="/auth/signin"
          className="mt-6 inline-block rounded-lg bg-accent px-4 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Sign in
        </Link>
      </Card>
    );
  }
  return (
    <Card title="Set a new password">
      <form
        className="mt-6 space-y-4"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (busy) return;
          // No current password here: the link stands in for it.
          const p = newPasswordProblem(next, repeat);
          setProblem(p ?? '');
          if (p) return;
          setBusy(true);
          try {
            await apiFetch('/api/auth/reset-password', { body: { token, newPassword: next } });
            setDone(true);
          } catch (err) {
            const code = err instanceof ApiError ? (err.details as { auth_code?: string })?.auth_code : '';
            setProblem(
              code === 'INVALID_TOKEN'
                ? 'This link has expired or was used already. Ask the operator for a new one.'
                : err instanceof Error
                  ? err.message
                  : 'Something went wrong. Try again.',
            );
          } finally {
            setBusy(false);
          }
        }}
      >
        <div>
          <label htmlFor="new-password" className="mb-1 block text-sm font-medium">
            New password
          </label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            className={field}
          />
          <p className="mt-1 text-xs text-muted">At least {PASSWORD_MIN} characters.</p>
        </div>
        <div>
          <label htmlFor="repeat-password" className="mb-1 block text-sm font-medium">
            New password, again
          </label>
          <input
            id="repeat-password"
            type="password"
            autoComplete="new-password"
            maxLength={PASSWORD_MAX}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            className={field}
          />
        </div>
        <BusyButton
          type="submit"
          busy={busy}
          busyLabel="One moment…"
          className="w-full rounded-lg bg-accent px-4 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover aria-disabled:cursor-wait aria-disabled:opacity-60"
        >
          Set new password
        </BusyButton>
        <p role="alert" className="text-sm text-danger empty:hidden" data-testid="reset-problem">
          {problem}
        </p>
      </form>
    </Card>
  );
}

function Card({
  title,
  headingRef,
  children,
}: {
  title: string;
  headingRef?: React.Ref<HTMLHeadingElement>;
  children: React.ReactNode;
}) {
  return (
    <div className="w-full max-w-sm rounded-2xl border border-line bg-surface p-6 shadow-xl sm:p-8">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
        {title}
      </h1>
      {children}
    </div>
  );
}

'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { EMAIL_HINT, isPlausibleEmail } from '@/lib/account/email';
import { ApiError, apiFetch } from '@/lib/api/client';
import { afterAuthPath } from '@/lib/routes';
import { BusyButton } from '../ui/busy-button';

export function AuthForm({ mode }: { mode: 'signin' | 'signup' }) {
  const params = useSearchParams();
  const next = afterAuthPath(params.get('next'), params.get('prompt'));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const signup = mode === 'signup';

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!isPlausibleEmail(email)) return setError(EMAIL_HINT);
    if (password.length < 8) return setError('Your password needs at least 8 characters.');
    setBusy(true);
    setError('');
    try {
      if (signup) {
        await apiFetch('/api/auth/sign-up/email', { body: { email, password, name: email.split('@')[0] } });
      } else {
        await apiFetch('/api/auth/sign-in/email', { body: { email, password } });
      }
      window.location.assign(next);
    } catch (err) {
      setBusy(false);
      const code =
        err instanceof ApiError ? (err.details as { auth_code?: string } | undefined)?.auth_code : '';
      setError(
        code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL'
          ? 'An account with this email already exists. Sign in instead.'
          : code === 'INVALID_EMAIL_OR_PASSWORD'
            ? 'That email and password do not match. Check them and try again.'
            : err instanceof Error
              ? err.message
              : 'Something went wrong. Try again.',
      );
    }
  }

  const other = signup ? '/auth/signin' : '/auth/signup';
  const qs = params.toString();
  return (
    <div className="w-full max-w-sm rounded-2xl border border-line bg-surface p-6 shadow-xl sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">
        {signup ? 'Create your account' : 'Welcome back'}
      </h1>
      <p className="mt-1 text-sm text-muted">
        {signup ? '400 free credits to start — about 200 minutes of music.' : 'Sign in to keep creating.'}
      </p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        <div>
          <label htmlFor="email" className="mb-1 block text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            className="w-full rounded-lg border border-line bg-bg px-3 py-2.5"
          />
        </div>
        <div>
          <label htmlFor="password" className="mb-1 block text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            minLength={8}
            autoComplete={signup ? 'new-password' : 'current-password'}
            required
            className="w-full rounded-lg border border-line bg-bg px-3 py-2.5"
          />
          {signup && <p className="mt-1 text-xs text-muted">At least 8 characters.</p>}
        </div>
        <div>
          {/* BusyButton: a refused sign-in leaves focus on the button, not the page's body. */}
          <BusyButton
            type="submit"
            busy={busy}
            busyLabel="One moment…"
            className="w-full rounded-lg bg-accent px-4 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover aria-disabled:cursor-wait aria-disabled:opacity-60"
          >
            {signup ? 'Create account' : 'Sign in'}
          </BusyButton>
          {/* Under the button, where the eye is after a click; always in the page (a live region
              announces what is put into it) but taking no room while empty. */}
          <p role="alert" className="mt-3 text-sm text-danger empty:mt-0">
            {error}
          </p>
        </div>
      </form>
      {!signup && (
        // No mail server is assumed: the operator hands out one-time links (`soundfoundry password reset-link`).
        <p className="mt-4 text-center text-xs text-muted" data-testid="forgot-password">
          Forgot your password? Ask the operator of this server for a link to set a new one.
        </p>
      )}
      <p className="mt-6 text-center text-sm text-muted">
        {signup ? 'Already have an account? ' : 'New to SoundFoundry? '}
        <Link href={`${other}${qs ? `?${qs}` : ''}`} className="font-medium text-accent-text hover:underline">
          {signup ? 'Sign in' : 'Create an account'}
        </Link>
      </p>
    </div>
  );
}

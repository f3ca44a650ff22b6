import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Account deleted', robots: { index: false } };

/** Where Settings' "Delete account" lands: it says what happened, not just a signed-out home page. */
export default function AccountDeletedPage() {
  return (
    <div className="mx-auto max-w-xl px-4 pt-20 text-center">
      <h1 className="text-4xl font-semibold tracking-tight">Your account is deleted</h1>
      <p className="mt-4 text-muted">
        Your tracks, series, reference uploads and credit history are gone, and you were signed out
        everywhere. Thank you for making music here.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Link
          href="/"
          className="rounded-xl bg-accent px-5 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Home
        </Link>
        <Link
          href="/auth/signup"
          className="rounded-xl border border-line px-5 py-2.5 font-medium hover:bg-surface"
        >
          Start again
        </Link>
      </div>
    </div>
  );
}

import Link from 'next/link';

/** "This page is silent": the 404's words and ways on, inside whichever page chrome holds it. */
export function NotFoundContent() {
  return (
    <div className="mx-auto max-w-xl px-4 pt-20 text-center">
      <p className="tabular text-sm font-medium text-accent-text">404</p>
      <h1 className="mt-2 text-4xl font-semibold tracking-tight">This page is silent</h1>
      <p className="mt-4 text-muted">
        We could not find what you were looking for. It may have been moved, made private or deleted.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Link
          href="/"
          className="rounded-xl bg-accent px-5 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Go home
        </Link>
        <Link
          href="/explore"
          className="rounded-xl border border-line px-5 py-2.5 font-medium hover:bg-surface"
        >
          Explore tracks
        </Link>
      </div>
    </div>
  );
}

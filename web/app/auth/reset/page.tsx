import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ResetForm } from '@/components/auth/reset-form';
import { internalApi } from '@/lib/site';

export const metadata: Metadata = { title: 'Set a new password', robots: { index: false } };

/**
 * Whether a reset token still works, asked of better-auth before the form is shown (its GET
 * /reset-password/:token answers with a redirect that says INVALID_TOKEN for a used, expired or
 * made-up one). Null when the API did not answer: the form then finds out on submit.
 */
async function tokenStillWorks(token: string): Promise<boolean | null> {
  try {
    const res = await fetch(
      `${internalApi()}/api/auth/reset-password/${encodeURIComponent(token)}?callbackURL=${encodeURIComponent('/auth/reset')}`,
      { redirect: 'manual', cache: 'no-store', signal: AbortSignal.timeout(3000) },
    );
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (!location) return null;
    return !new URL(location, 'http://x').searchParams.has('error');
  } catch {
    return null;
  }
}

/** Where an operator's one-time link (`soundfoundry password reset-link`) lands. */
export default async function ResetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).token;
  const token = Array.isArray(raw) ? raw[0] : raw;
  const works = token ? await tokenStillWorks(token) : null;
  return (
    <Suspense>
      <ResetForm linkSpent={works === false} />
    </Suspense>
  );
}

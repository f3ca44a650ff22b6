import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthForm } from '@/components/auth/auth-form';
import { redirectIfSignedIn } from '@/lib/api/server';

export const metadata: Metadata = { title: 'Create your account', robots: { index: false } };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await redirectIfSignedIn(await searchParams);
  return (
    <Suspense>
      <AuthForm mode="signup" />
    </Suspense>
  );
}

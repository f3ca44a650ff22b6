import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ResetForm } from '@/components/auth/reset-form';

export const metadata: Metadata = { title: 'Set a new password', robots: { index: false } };

/** Where an operator's one-time link (`soundfoundry password reset-link`) lands. */
export default function ResetPage() {
  return (
    <Suspense>
      <ResetForm />
    </Suspense>
  );
}

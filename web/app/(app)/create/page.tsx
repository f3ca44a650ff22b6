import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CreateForm } from '@/components/create/create-form';
import { RecentTracks } from '@/components/create/recent-tracks';

export const metadata: Metadata = { title: 'Create Music', robots: { index: false } };

export default function CreatePage() {
  return (
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_22rem] [&>*]:min-w-0">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Create Music</h1>
        <p className="mt-2 text-muted">
          Describe it, pick a length, and get a mastered track with stems and MIDI.
        </p>
        <div className="mt-8">
          <Suspense>
            <CreateForm />
          </Suspense>
        </div>
      </div>
      <aside>
        <RecentTracks />
      </aside>
    </div>
  );
}

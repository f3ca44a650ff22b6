import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { CreateForm } from '@/components/create/create-form';
import { RecentTracks } from '@/components/create/recent-tracks';
import { keys, RECENT_TRACKS, tracksPath } from '@/lib/api/keys';
import { prefetchAsVisitor } from '@/lib/api/server';

export const metadata: Metadata = { title: 'Create Music' };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CreatePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const prompt = one(sp.prompt);
  const from = one(sp.from);
  // The account (plan limits, balance) and the recent tracks in the first HTML.
  const state = await prefetchAsVisitor([
    { key: keys.me, path: '/api/me' },
    { key: keys.tracks(RECENT_TRACKS), path: tracksPath(RECENT_TRACKS) },
  ]);
  return (
    <HydrationBoundary state={state}>
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_22rem] [&>*]:min-w-0">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Create Music</h1>
          <p className="mt-2 text-muted">
            Describe it, pick a length, and get a mastered track with stems and MIDI.
          </p>
          <div className="mt-8">
            {/* A new prompt or source track in the URL starts a fresh form. */}
            <CreateForm key={`${prompt ?? ''}|${from ?? ''}`} prompt={prompt} from={from} />
          </div>
        </div>
        <aside>
          <RecentTracks />
        </aside>
      </div>
    </HydrationBoundary>
  );
}

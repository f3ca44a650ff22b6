import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { CreateForm } from '@/components/create/create-form';
import { RecentTracks } from '@/components/create/recent-tracks';
import { keys, RECENT_TRACKS, tracksPath } from '@/lib/api/keys';
import { prefetchAsVisitor } from '@/lib/api/server';
import { DEFAULT_VALUES, maxDurationFor } from '@/lib/create/rules';

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
  // Everything the form and the aside read on arrival, in the first HTML: the account (plan
  // limits, balance), the recent tracks, the presets (styles), series, free mode and the
  // default length's cost. Each was a request after hydration and a re-render of the form.
  // (The default length is under the free plan's cap, so its cost key is every plan's.)
  const duration = Math.min(DEFAULT_VALUES.duration, maxDurationFor(undefined));
  const state = await prefetchAsVisitor([
    { key: keys.me, path: '/api/me' },
    { key: keys.tracks(RECENT_TRACKS), path: tracksPath(RECENT_TRACKS) },
    { key: keys.styles, path: '/api/styles' },
    { key: keys.series, path: '/api/style/series' },
    { key: keys.credits, path: '/api/credits' },
    { key: keys.cost(duration), path: `/api/credits/cost-preview?duration_s=${duration}` },
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

import { EXPLORE_SORTS, GENRES } from '@soundfoundry/contract/constants';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ExploreFilters } from '@/components/explore/explore-filters';
import { Cover } from '@/components/tracks/cover';
import { PublicPlay, PublicQueue } from '@/components/tracks/public-play';
import { TrackFacts, trackFacts } from '@/components/tracks/track-facts';
import { HeartIcon } from '@/components/ui/icons';
import { exploreHref } from '@/lib/explore-href';
import { likeCountWords } from '@/lib/likes';
import { listPublicTracks } from '@/lib/public-tracks';
import { lastPageIfPastEnd, normalizeSearch, oneOf, pageNumber, paramReader } from '@/lib/search-params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: 'Explore',
  description: 'Tracks people made with SoundFoundry and chose to share.',
  openGraph: {
    title: 'Explore · SoundFoundry',
    description: 'Tracks people made with SoundFoundry and chose to share.',
  },
};

const PAGE_SIZE = 24;

export default async function ExplorePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Words and style in the URL (/explore?q=rain&genre=lo-fi): results rendered on the server, links shareable.
  const get = paramReader(await searchParams);
  const q = normalizeSearch(get('q') ?? '');
  const genre = oneOf(GENRES, get('genre')) ?? '';
  const sort = oneOf(EXPLORE_SORTS, get('sort')) ?? 'newest';
  const page = pageNumber(get('page'));
  const { items, total } = await listPublicTracks({ page, q, genre, sort }, PAGE_SIZE);
  // Each result's facts, and what the player needs to play it (also Explore's queue): made once.
  const rows = items.map((t) => {
    const facts = trackFacts(t);
    const play = t.audioUrl
      ? {
          id: t.id,
          title: t.title,
          src: t.audioUrl,
          durationS: t.durationS,
          seed: t.seed,
          coverUrl: t.coverUrl,
          subtitle: facts.join(' · '),
        }
      : null;
    return { t, facts, play };
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A link to a page past the end (tracks unpublished since): the last page instead.
  const last = lastPageIfPastEnd({ page, shown: items.length, total, size: PAGE_SIZE });
  if (last) redirect(exploreHref({ q, genre, sort, page: last }));
  const filtered = Boolean(q || genre);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Explore</h1>
        <p className="mt-2 text-muted">Music people made here and chose to share.</p>
      </div>
      <div className="space-y-3">
        <ExploreFilters q={q} genre={genre} sort={sort} />
        {filtered && (
          <p className="tabular text-sm text-muted" data-testid="explore-count">
            {total} {total === 1 ? 'track' : 'tracks'} found
          </p>
        )}
      </div>
      {items.length === 0 && filtered ? (
        <div className="rounded-2xl border border-dashed border-line p-10 text-center text-muted">
          <p>No shared tracks match. Try other words or another genre.</p>
          <Link href="/explore" className="mt-4 inline-block font-medium text-accent-text hover:underline">
            Show everything
          </Link>
        </div>
      ) : items.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-line p-10 text-center">
          <h2 className="text-xl font-semibold">Nothing shared yet</h2>
          <p className="mt-2 text-muted">Publish a track from its page and it appears here.</p>
          <Link href="/create" className="mt-6 inline-block font-medium text-accent-text hover:underline">
            Make the first one →
          </Link>
        </div>
      ) : (
        <PublicQueue tracks={rows.flatMap((r) => (r.play ? [r.play] : []))}>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {rows.map(({ t, facts, play }) => (
              <li
                key={t.id}
                className="flex min-w-0 items-center gap-3 rounded-xl border border-line bg-surface p-3"
              >
                <Cover url={t.coverUrl} thumbs={t.coverThumbs} sizes="56px" seed={t.seed} title={t.title} />
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/share/${t.id}`}
                    dir="auto"
                    className="block truncate font-medium hover:underline"
                  >
                    {t.title}
                  </Link>
                  <TrackFacts facts={facts} className="text-xs text-muted" />
                  {t.likeCount > 0 && (
                    <p
                      className="tabular mt-0.5 flex items-center gap-1 text-xs text-muted"
                      data-testid="card-likes"
                    >
                      <HeartIcon className="size-3" />
                      {likeCountWords(t.likeCount)}
                    </p>
                  )}
                </div>
                {play && <PublicPlay {...play} />}
              </li>
            ))}
          </ul>
        </PublicQueue>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex justify-center gap-3 text-sm">
          {page > 1 && <Link href={exploreHref({ q, genre, sort, page: page - 1 })}>Previous</Link>}
          <span className="tabular text-muted">
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={exploreHref({ q, genre, sort, page: page + 1 })}>Next</Link>}
        </nav>
      )}
    </div>
  );
}

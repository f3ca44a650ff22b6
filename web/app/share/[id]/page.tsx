import { trackDownloadPath } from '@soundfoundry/contract/constants';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SitePage } from '@/components/site-chrome';
import { Cover } from '@/components/tracks/cover';
import { LikeButton } from '@/components/tracks/like-button';
import { TrackFacts, trackFacts } from '@/components/tracks/track-facts';
import { exploreHref } from '@/lib/explore-href';
import { genreLabel } from '@/lib/genre-label';
import { getPublicTrack } from '@/lib/public-tracks';
import { requestOrigin } from '@/lib/site';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getPublicTrack((await params).id);
  if (!t) return { title: 'Track not found' };
  const origin = await requestOrigin();
  const description = `${t.genre ?? 'A track'} made with SoundFoundry: “${t.prompt.slice(0, 140)}”`;
  const image = t.coverUrl
    ? t.coverUrl.startsWith('http')
      ? t.coverUrl
      : `${origin}${t.coverUrl}`
    : `${origin}${trackDownloadPath(t.id, 'cover-png')}`;
  return {
    title: t.title,
    description,
    alternates: { canonical: `${origin}/share/${t.id}` },
    openGraph: {
      type: 'music.song',
      title: t.title,
      description,
      url: `${origin}/share/${t.id}`,
      images: [{ url: image, width: 1024, height: 1024, alt: `Cover of ${t.title}` }],
      audio: [{ url: `${origin}${trackDownloadPath(t.id, 'mp3')}`, type: 'audio/mpeg' }],
    },
    twitter: { card: 'summary_large_image', title: t.title, description, images: [image] },
  };
}

export default async function SharePage({ params }: Props) {
  const t = await getPublicTrack((await params).id);
  if (!t) notFound();
  return (
    <SitePage className="mx-auto max-w-3xl px-4 pt-6 sm:pt-12">
      <article className="grid gap-8 sm:grid-cols-[16rem_minmax(0,1fr)] sm:items-center">
        <Cover
          url={t.coverUrl}
          thumbs={t.coverThumbs}
          sizes="256px"
          seed={t.seed}
          title={t.title}
          className="aspect-square w-full max-w-64"
          priority
        />
        <div className="min-w-0 space-y-4">
          <h1 dir="auto" className="break-words text-3xl font-semibold tracking-tight sm:text-4xl">
            {t.title}
          </h1>
          <TrackFacts facts={trackFacts(t)} className="text-muted" />
          <p className="text-sm">
            “<bdi>{t.prompt}</bdi>”
          </p>
          {t.audioUrl && (
            // biome-ignore lint/a11y/useMediaCaption: generated music without speech captions
            <audio
              controls
              preload="metadata"
              src={t.audioUrl}
              className="w-full"
              aria-label={`Play ${t.title}`}
            />
          )}
          <LikeButton trackId={t.id} count={t.likeCount} returnTo={`/share/${t.id}`} />
          {t.genre && (
            <Link
              href={exploreHref({ genre: t.genre })}
              className="inline-block text-sm font-medium text-accent-text hover:underline"
            >
              More {genreLabel(t.genre)} on Explore →
            </Link>
          )}
        </div>
      </article>
      <div className="mt-12 rounded-2xl border border-line bg-surface p-6 text-center">
        <p className="font-semibold">Made with SoundFoundry</p>
        <p className="mt-1 text-sm text-muted">Describe a sound and get a finished track in seconds.</p>
        <Link
          href="/auth/signup"
          className="mt-4 inline-block rounded-xl bg-accent px-5 py-2.5 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Make your own
        </Link>
      </div>
    </SitePage>
  );
}

'use client';

import { type DownloadFormat, trackDownloadPath } from '@soundfoundry/contract/constants';
import dynamic from 'next/dynamic';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '@/lib/api/client';
import {
  type TrackT,
  usePublishTrack,
  useRenameTrack,
  useStyles,
  useTrack,
  wasDeleted,
} from '@/lib/api/hooks';
import { genreLabel } from '@/lib/genre-label';
import { formatTime, usePlayer } from '@/lib/player/store';
import { unsungLinesNote } from '@/lib/unsung-lines';
import { sameOriginFileUrl } from '@/lib/urls';
import { IntentLink } from '../intent-link';
import { TimedLyrics } from '../player/lyrics';
import { TrackWave } from '../player/track-wave';
import { DownloadIcon } from '../ui/icons';
import { LocalTime } from '../ui/local-time';
import { Switch } from '../ui/switch';
import { useInlineEdit } from '../ui/use-inline-edit';
import { CoverPanel } from './cover-panel';
import { DeleteTrackButton } from './delete-track-button';
import { LikeButton } from './like-button';
import { ReferenceFact } from './reference-fact';
import { RefundQuality, SeriesPicker } from './track-actions';
import { TrackFacts } from './track-facts';
import { lyricsOf, PlayButton, toPlayerTrack, trackFactsOf } from './track-play';

// Only on the page of a track still rendering (or failed): a finished track's page never loads it.
const JobProgress = dynamic(() => import('../jobs/job-progress').then((m) => m.JobProgress));

/** The track's title, renameable by its owner or not. */
const TITLE_HEADING = 'min-w-0 break-words text-3xl font-semibold tracking-tight sm:text-4xl';

const DOWNLOADS = [
  { format: 'mp3', label: 'MP3', key: 'mp3' },
  { format: 'wav', label: 'WAV', key: 'wav' },
  { format: 'stems', label: 'Stems (ZIP)', key: 'stems' },
  { format: 'midi', label: 'MIDI', key: 'midi' },
  { format: 'cover-png', label: 'Cover (PNG)', key: 'cover' },
  { format: 'cover-png', size: 2048, label: 'Cover 2048 px (PNG)', key: 'cover' },
  { format: 'cover-svg', label: 'Cover (SVG)', key: 'cover' },
] as const satisfies readonly { format: DownloadFormat; size?: number; label: string; key: string }[];

/**
 * The track's length beside its play button; while the shared player has this track, where it
 * is too ("0:12 / 0:30"), so the line under the title does not just repeat the length.
 */
function TrackTime({ trackId, durationS }: { trackId: string; durationS: number }) {
  const at = usePlayer((s) => (s.track?.id === trackId ? Math.floor(s.time) : null));
  return (
    <span className="tabular text-sm text-muted" data-testid="track-time">
      {at === null ? formatTime(durationS) : `${formatTime(at)} / ${formatTime(durationS)}`}
    </span>
  );
}

export function TrackView({ id }: { id: string }) {
  const q = useTrack(id);
  const t = q.data;
  const lyrics = useMemo(() => (t ? lyricsOf(t) : []), [t]);
  const unsungNote = t ? unsungLinesNote(t.lyrics_unsung_lines, t.duration_s) : null;
  const setLyrics = usePlayer((s) => s.setLyrics);
  useEffect(() => {
    if (lyrics.length > 0) setLyrics(id, lyrics);
  }, [id, lyrics, setLyrics]);

  // Deleted here (Back after deleting it), or answered 404 now: said, not shown from a cache.
  const deleted = wasDeleted(id);
  if (deleted)
    return (
      <div className="mx-auto max-w-md py-16 text-center" data-testid="track-deleted">
        <h1 className="text-2xl font-semibold">Track deleted</h1>
        <p className="mt-2 text-muted">
          You deleted this track: its audio, stems, MIDI and share page are gone.
        </p>
        <IntentLink href="/library" className="mt-6 inline-block text-accent-text hover:underline">
          Back to your library
        </IntentLink>
      </div>
    );
  if (q.isLoading) return <div className="h-64 animate-pulse rounded-2xl bg-surface" />;
  if (q.error || !t) {
    const gone = q.error instanceof ApiError && q.error.status === 404;
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-2xl font-semibold">{gone ? 'Track not found' : 'Could not load this track'}</h1>
        <p className="mt-2 text-muted">
          {gone ? 'It does not exist or was deleted.' : (q.error?.message ?? 'Try again in a moment.')}
        </p>
        <IntentLink href="/library" className="mt-6 inline-block text-accent-text hover:underline">
          Back to your library
        </IntentLink>
      </div>
    );
  }

  const complete = t.status === 'COMPLETE';
  const inFlight = !complete && t.status !== 'FAILED' && t.status !== 'CANCELLED';
  // The API names the owner only to the owner: anyone else sees someone's public track (from Explore
  // or the player), which they may play, download and remix, but not change.
  const mine = t.user_id !== null;
  const playWith = (at?: number) => usePlayer.getState().play({ ...toPlayerTrack(t), lyrics }, at);

  return (
    <div className="space-y-10">
      <section className="grid gap-8 md:grid-cols-[16rem_minmax(0,1fr)] [&>*]:min-w-0">
        <CoverPanel track={t} canRedraw={mine} />
        <div className="min-w-0 space-y-4">
          {mine ? (
            <Title track={t} />
          ) : (
            <div>
              <h1 dir="auto" className={TITLE_HEADING}>
                {t.title}
              </h1>
              <p className="mt-1 text-sm text-muted" data-testid="not-yours">
                A public track by another musician: play it, download it or make your own like it.
              </p>
            </div>
          )}
          <TrackFacts facts={trackFactsOf(t)} className="text-muted" />
          {/* Likes belong to shared tracks (the API takes none on a private one). */}
          {complete && t.public && (
            <LikeButton
              key={t.id}
              trackId={t.id}
              count={t.like_count ?? 0}
              liked={t.liked}
              returnTo={`/tracks/${t.id}`}
            />
          )}
          {mine && <SeriesPicker track={t} />}
          {!complete && t.job_id && (
            <JobProgress
              jobId={t.job_id}
              title={t.title}
              credits={t.credits_required}
              focusWhenReady
              // The owner may cancel it here.
              track={mine ? t : undefined}
              // Delete and "Make another like this" are already among this page's actions.
              withDelete={false}
              withRetry={false}
            />
          )}
          {complete && (
            <div className="space-y-3">
              <div className="flex items-center gap-3">
                <PlayButton track={{ ...t }} size="size-12" />
                <TrackTime trackId={t.id} durationS={t.duration_s} />
              </div>
              {/* The box keeps the waveform's height while it loads (no layout shift). */}
              {t.file_url && (
                <div className="min-h-24">
                  <TrackWave
                    trackId={t.id}
                    url={sameOriginFileUrl(t.file_url)!}
                    peaks={t.peaks}
                    onSeek={(sec) => playWith(sec)}
                    label={`Position in ${t.title}`}
                  />
                </div>
              )}
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <IntentLink
              href={`/create?from=${t.id}`}
              className="rounded-lg border border-line px-3 py-2 text-sm font-medium hover:bg-surface-2"
            >
              Make another like this
            </IntentLink>
            {mine && <DeleteTrackButton track={t} />}
          </div>
        </div>
      </section>

      <div className="grid gap-8 lg:grid-cols-2 [&>*]:min-w-0">
        <section aria-labelledby="facts-h" className="rounded-2xl border border-line bg-surface p-5">
          <h2 id="facts-h" className="font-semibold">
            Details
          </h2>
          <dl className="mt-4 grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted">Prompt</dt>
            <dd dir="auto">{t.prompt}</dd>
            <dt className="text-muted">Genre</dt>
            <dd>{t.genre ? genreLabel(t.genre) : '—'}</dd>
            {t.resolved_style && <StyleFact styleId={t.resolved_style} linked={mine} />}
            <dt className="text-muted">Key</dt>
            <dd>{t.key ?? '—'}</dd>
            <dt className="text-muted">BPM</dt>
            <dd className="tabular">{t.bpm ?? '—'}</dd>
            <dt className="text-muted">Seed</dt>
            <dd className="tabular">{t.seed}</dd>
            <dt className="text-muted">Provider</dt>
            <dd>{t.provider ?? '—'}</dd>
            {t.reference_file_id && <ReferenceFact fileId={t.reference_file_id} />}
            <dt className="text-muted">Style influence</dt>
            <dd className="tabular">{t.style_strength.toFixed(2)}</dd>
            <dt className="text-muted">Vocals</dt>
            <dd>{t.has_vocals ? 'Yes' : 'No'}</dd>
            <dt className="text-muted">Credits</dt>
            <dd className="tabular">{t.credits_required}</dd>
            <dt className="text-muted">Created</dt>
            <dd>
              <LocalTime iso={t.created_at} />
            </dd>
          </dl>
        </section>
        <section aria-labelledby="lyrics-h" className="rounded-2xl border border-line bg-surface p-5">
          <h2 id="lyrics-h" className="font-semibold">
            Lyrics
          </h2>
          <div className="mt-4">
            {lyrics.length > 0 ? (
              <>
                {unsungNote && (
                  // Said above the lines, so whoever reads them knows the last ones are not there.
                  <p
                    className="mb-4 rounded-xl border border-line bg-bg p-3 text-sm"
                    data-testid="lyrics-unsung"
                  >
                    {unsungNote}
                  </p>
                )}
                <TimedLyrics trackId={t.id} lyrics={lyrics} />
                {/* The timed lines are what is sung (sections repeated, words only); the text as the
                    musician wrote it, punctuation and tags included, is one click away. */}
                {t.lyrics?.trim() && (
                  <details className="mt-4 text-sm" data-testid="lyrics-as-written">
                    <summary className="cursor-pointer text-muted hover:text-fg">Lyrics as written</summary>
                    <p className="mt-2 whitespace-pre-line">{t.lyrics}</p>
                  </details>
                )}
              </>
            ) : !inFlight && t.has_vocals && t.lyrics?.trim() ? (
              // Sung, but without the words' timing (a provider's render): the words as written.
              <p className="whitespace-pre-line text-sm">{t.lyrics}</p>
            ) : (
              <p className="text-sm text-muted">
                {!t.has_vocals
                  ? 'Instrumental.'
                  : inFlight
                    ? 'Lyrics appear once the track is ready.'
                    : 'No lyrics were given.'}
              </p>
            )}
          </div>
        </section>
      </div>

      {complete && (
        <div className="grid gap-8 lg:grid-cols-2 [&>*]:min-w-0">
          <section aria-labelledby="dl-h" className="rounded-2xl border border-line bg-surface p-5">
            <h2 id="dl-h" className="font-semibold">
              Downloads
            </h2>
            <ul className="mt-4 flex flex-wrap gap-2">
              {DOWNLOADS.map((d) => {
                const available = d.key === 'cover' ? Boolean(t.cover_url) : Boolean(t.files[d.key]);
                return (
                  <li key={d.label}>
                    {available ? (
                      <a
                        href={trackDownloadPath(t.id, d.format, 'size' in d ? { size: d.size } : {})}
                        download
                        className="inline-flex items-center gap-1.5 rounded-lg bg-surface-2 px-3 py-2 text-sm font-medium hover:text-accent-text"
                      >
                        <DownloadIcon className="size-4" /> {d.label}
                      </a>
                    ) : (
                      <span className="inline-flex rounded-lg border border-dashed border-line px-3 py-2 text-sm text-muted">
                        {d.label}: not available
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
          <PublishPanel track={t} mine={mine} />
        </div>
      )}
    </div>
  );
}

function Title({ track }: { track: TrackT }) {
  const rename = useRenameTrack();
  const edit = useInlineEdit();
  const { editing, field } = edit;
  const [value, setValue] = useState(track.title);
  const [empty, setEmpty] = useState(false);
  const close = () => {
    setEmpty(false);
    edit.close();
  };
  if (!editing)
    return (
      <div className="flex items-start gap-3">
        <h1 dir="auto" className={TITLE_HEADING}>
          {track.title}
        </h1>
        <button
          ref={edit.opener}
          type="button"
          onClick={() => {
            setValue(track.title);
            rename.reset();
            edit.open();
          }}
          className="mt-2 shrink-0 rounded-md px-2 py-1 text-sm text-muted hover:bg-surface-2 hover:text-fg"
        >
          Rename
        </button>
      </div>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const title = value.trim();
        setEmpty(!title);
        if (!title || rename.isPending) return;
        // Closed only once saved: a refusal (the content policy's, say) stays on screen, said
        // aloud, with the caret back in the field to change the title.
        rename.mutate({ id: track.id, title }, { onSuccess: close, onError: () => field.current?.focus() });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <label htmlFor="title" className="sr-only">
        Track title
      </label>
      <input
        ref={field}
        id="title"
        dir="auto"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setEmpty(false);
        }}
        aria-invalid={empty || rename.isError ? true : undefined}
        aria-describedby={empty ? 'title-empty' : rename.isError ? 'title-error' : undefined}
        className="min-w-0 flex-1 rounded-lg border border-line bg-bg px-3 py-2 text-xl font-semibold"
      />
      <button type="submit" className="rounded-lg bg-accent px-3 py-2 text-sm font-semibold text-accent-fg">
        Save
      </button>
      <button type="button" onClick={close} className="rounded-lg px-3 py-2 text-sm text-muted">
        Cancel
      </button>
      {empty && (
        <p id="title-empty" role="alert" className="w-full text-sm text-danger">
          Give the track a title: it cannot be empty.
        </p>
      )}
      {rename.error && !empty && (
        <p id="title-error" role="alert" className="w-full text-sm text-danger">
          {rename.error.message}
        </p>
      )}
    </form>
  );
}

/** The share link; for the owner, the Public switch and the quality refund too. */
function PublishPanel({ track, mine }: { track: TrackT; mine: boolean }) {
  const publish = usePublishTrack();
  const [copied, setCopied] = useState(false);
  // The system share sheet (phones, some desktops): known only in the browser, after hydration.
  const [canShare, setCanShare] = useState(false);
  useEffect(() => setCanShare(typeof navigator.share === 'function'), []);
  const shareUrl =
    typeof window === 'undefined' ? `/share/${track.id}` : `${window.location.origin}/share/${track.id}`;
  return (
    <section aria-labelledby="share-h" className="rounded-2xl border border-line bg-surface p-5">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h2 id="share-h" className="font-semibold">
            Share
          </h2>
          <p className="text-sm text-muted">Public tracks appear on Explore and have a share page.</p>
        </div>
        {mine && (
          <Switch
            checked={track.public}
            disabled={publish.isPending}
            onCheckedChange={(c) => publish.mutate({ id: track.id, public: c })}
            aria-label="Public"
          />
        )}
      </div>
      {publish.error && <p className="mt-2 text-sm text-danger">{publish.error.message}</p>}
      {track.public && (
        <div className="mt-4 flex gap-2">
          <label htmlFor="share-url" className="sr-only">
            Share link
          </label>
          <input
            id="share-url"
            readOnly
            value={shareUrl}
            className="min-w-0 flex-1 rounded-lg border border-line bg-bg px-3 py-2 text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(shareUrl).then(() => setCopied(true));
            }}
            className="rounded-lg bg-surface-2 px-3 py-2 text-sm font-medium"
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          {canShare && (
            <button
              type="button"
              onClick={
                () =>
                  void navigator
                    .share({
                      title: track.title,
                      text: `${track.title} — made with SoundFoundry`,
                      url: shareUrl,
                    })
                    .catch(() => {}) // dismissed
              }
              className="rounded-lg bg-surface-2 px-3 py-2 text-sm font-medium"
            >
              Share…
            </button>
          )}
          <IntentLink
            href={`/share/${track.id}`}
            className="rounded-lg px-3 py-2 text-sm text-accent-text hover:underline"
          >
            Open
          </IntentLink>
        </div>
      )}
      {mine && <RefundQuality track={track} />}
    </section>
  );
}

/**
 * The named style a finished track was made in ("Bossa nova"); for its owner, a link to their
 * library filtered by it (anyone else's library holds none of this track). A style's words come from GET /api/styles; a genre-named style (style "jazz")
 * says nothing the Genre row does not, so it is left out.
 */
function StyleFact({ styleId, linked }: { styleId: string; linked: boolean }) {
  const styles = useStyles();
  const style = styles.data?.items.find((s) => s.id === styleId);
  if (!style || style.id === style.genre) return null;
  return (
    <>
      <dt className="text-muted">Style</dt>
      <dd>
        {linked ? (
          <IntentLink
            href={`/library?style=${encodeURIComponent(style.id)}`}
            className="text-accent-text underline underline-offset-2"
            aria-label={`${style.name}: your tracks in this style`}
          >
            {style.name}
          </IntentLink>
        ) : (
          style.name
        )}
      </dd>
    </>
  );
}

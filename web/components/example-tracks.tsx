'use client';

import type { ExampleTrack } from '@soundfoundry/contract';
import { useEffect, useRef, useState } from 'react';
import { formatTime } from '@/lib/time';
import { IntentLink } from './intent-link';
import { Cover } from './tracks/cover';
import { PauseIcon, PlayIcon } from './ui/icons';

// The landing's example tracks: real audio from GET /api/examples (the newest public tracks,
// demos our engine renders once in the places left). A small island: its own <audio>, no
// query cache, no player store, so the landing stays light.

const BASE = process.env.NEXT_PUBLIC_API_URL ?? '';

export function ExampleTracks() {
  const [items, setItems] = useState<ExampleTrack[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [time, setTime] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    const ctl = new AbortController();
    fetch(`${BASE}/api/examples`, { signal: ctl.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ items: ExampleTrack[] }>) : Promise.reject(r.status)))
      .then((b) => setItems(b.items))
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => ctl.abort();
  }, []);

  const toggle = (t: ExampleTrack) => {
    const a = audio.current;
    if (!a) return;
    if (current === t.id) {
      if (a.paused) void a.play().catch(() => setPlaying(false));
      else a.pause();
      return;
    }
    setCurrent(t.id);
    setTime(0);
    setWaiting(true);
    a.src = `${BASE}${t.audio_url}`;
    void a.play().catch(() => {
      setPlaying(false);
      setWaiting(false);
    });
  };

  if (failed) return null; // the rest of the landing says what the product does
  const now = items?.find((t) => t.id === current);

  return (
    <>
      {/* biome-ignore lint/a11y/useMediaCaption: instrumental examples; titles and prompts are shown */}
      <audio
        ref={audio}
        data-testid="example-audio"
        preload="none"
        onPlaying={() => {
          setPlaying(true);
          setWaiting(false);
        }}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onWaiting={() => setWaiting(true)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onError={() => {
          setPlaying(false);
          setWaiting(false);
        }}
      />
      <ul
        className="grid grid-cols-1 gap-3 sm:grid-cols-3"
        aria-busy={items === null}
        data-testid="example-tracks"
      >
        {(items ?? [null, null, null]).map((t, i) =>
          t === null ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders while loading
            <li key={i} className="h-[5.5rem] animate-pulse rounded-2xl border border-line bg-surface" />
          ) : (
            <li
              key={t.id}
              data-testid="example-track"
              className="flex min-w-0 items-center gap-3 rounded-2xl border border-line bg-surface p-3"
            >
              <Cover
                url={t.cover_url ? `${BASE}${t.cover_url}` : null}
                thumbs={t.cover_thumbs.map((c) => ({ width: c.width, url: `${BASE}${c.url}` }))}
                sizes="64px"
                seed={t.seed}
                title={t.title}
                className="size-16"
              />
              <div className="min-w-0 flex-1">
                <h3 className="truncate font-semibold">
                  {t.share_url ? (
                    <IntentLink href={t.share_url} className="hover:underline">
                      {t.title}
                    </IntentLink>
                  ) : (
                    t.title
                  )}
                </h3>
                <p className="truncate text-xs text-muted" title={t.prompt}>
                  {t.prompt}
                </p>
                <p className="tabular mt-1 text-xs text-muted">
                  {current === t.id ? `${formatTime(time)} / ` : ''}
                  {formatTime(t.duration_s)}
                  {t.genre ? ` · ${t.genre}` : ''}
                  {current === t.id && waiting ? ' · preparing…' : ''}
                </p>
              </div>
              <button
                type="button"
                onClick={() => toggle(t)}
                aria-label={`${current === t.id && playing ? 'Pause' : 'Play'} ${t.title}`}
                className="grid size-11 shrink-0 place-items-center rounded-full bg-accent text-accent-fg hover:bg-accent-hover"
              >
                {current === t.id && playing ? <PauseIcon /> : <PlayIcon />}
              </button>
            </li>
          ),
        )}
      </ul>
      <p className="sr-only" aria-live="polite">
        {now && waiting ? `Preparing ${now.title}…` : now && playing ? `Playing ${now.title}` : ''}
      </p>
    </>
  );
}

'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef } from 'react';
import { apiFetch } from '@/lib/api/client';
import type { TrackT } from '@/lib/api/hooks';
import { useMediaSession } from '@/lib/player/media-session';
import { recoverPlayback } from '@/lib/player/recover';
import { usePlayer } from '@/lib/player/store';

// The bar's controls (cover, title, seek, volume, the phone sheet) load when something first
// plays: a page where nothing plays carries only this file's <audio> and shortcuts.
const MiniPlayerBar = dynamic(() => import('./mini-player-bar'), { ssr: false });

const INTERACTIVE = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A']);

/**
 * The persistent player: owns the one <audio> element (rendered from the first paint, so a
 * click on Play starts sound within that click, before any code of the bar has loaded) and the
 * keyboard shortcuts; shows the bar once there is a track.
 */
export function MiniPlayer() {
  const ref = useRef<HTMLAudioElement>(null);
  const attach = usePlayer((s) => s.attach);
  const sync = usePlayer((s) => s.sync);
  const hasTrack = usePlayer((s) => s.track !== null);
  // The track whose freshly signed address was already tried: a second failure is said, not retried.
  const retried = useRef<string | null>(null);
  useMediaSession();

  // The file did not load (`audio.error`: a deleted track, an expired signed address). The track is
  // fetched again once for a fresh address and retried; failing that, the bar says why in words
  // and the queue moves on to its next track, if any (lib/player/recover.ts).
  function onError(e: React.SyntheticEvent<HTMLAudioElement>) {
    const code = e.currentTarget.error?.code;
    const track = usePlayer.getState().track;
    if (!track || code === undefined || code === MediaError.MEDIA_ERR_ABORTED) return;
    const once = retried.current === track.id;
    retried.current = track.id;
    void recoverPlayback(track, once, (id) => apiFetch<TrackT>(`/api/tracks/${id}`)).then((r) => {
      const player = usePlayer.getState();
      if (player.track?.id !== track.id) return; // the person moved on meanwhile
      if ('retry' in r) return player.reload(track.id, r.retry);
      if (!r.skip) retried.current = null; // only the network failed: Play tries afresh
      if (r.skip && player.next()) {
        retried.current = null;
        usePlayer.setState({ failure: `${r.message} Playing the next track.` });
      } else player.fail(r.message);
    });
  }

  useEffect(() => {
    attach(ref.current);
    return () => attach(null);
  }, [attach]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (!usePlayer.getState().track || e.altKey || e.ctrlKey || e.metaKey) return;
      if (t && (INTERACTIVE.has(t.tagName) || t.isContentEditable || t.getAttribute('role') === 'slider'))
        return;
      if (e.code === 'Space') {
        e.preventDefault();
        usePlayer.getState().toggle();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        usePlayer.getState().seekBy(5);
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        usePlayer.getState().seekBy(-5);
      } else if (e.key === 'm' && !e.shiftKey) {
        usePlayer.getState().toggleMute();
      } else if (e.shiftKey && e.code === 'KeyN') {
        // Shift+N / Shift+P: next and previous track (as on YouTube)
        e.preventDefault();
        usePlayer.getState().next();
      } else if (e.shiftKey && e.code === 'KeyP') {
        e.preventDefault();
        usePlayer.getState().previous();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {/* biome-ignore lint/a11y/useMediaCaption: generated music; lyrics are shown in time beside it */}
      <audio
        ref={ref}
        data-testid="player-audio"
        preload="auto"
        onPlay={() => sync({ playing: true })}
        // Sounding: a later failure (an address expiring after an hour) may be retried again.
        onPlaying={() => {
          retried.current = null;
        }}
        onError={onError}
        onPause={() => sync({ playing: false })}
        // The list it was started from plays on; at its end the player stops.
        onEnded={() => usePlayer.getState().next() || sync({ playing: false })}
        onTimeUpdate={(e) => sync({ time: e.currentTarget.currentTime })}
        onLoadedMetadata={(e) => sync({ duration: e.currentTarget.duration })}
      />
      {hasTrack && <MiniPlayerBar />}
    </>
  );
}

'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef } from 'react';
import { useMediaSession } from '@/lib/player/media-session';
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
  useMediaSession();

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

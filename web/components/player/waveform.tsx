'use client';

import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { usePlayer } from '@/lib/player/store';

/**
 * The waveform of a track without precomputed peaks (stored before they existed): wavesurfer
 * downloads and decodes the file. It seeks the one shared player (its own media element never
 * plays), so the mini player and this view stay one source of sound. Tracks with peaks get
 * PeaksWave instead (track-wave.tsx).
 */
export default function Waveform({
  trackId,
  url,
  onSeek,
}: {
  trackId: string;
  url: string;
  onSeek: (t: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const seekRef = useRef(onSeek);
  seekRef.current = onSeek;

  useEffect(() => {
    if (!box.current) return;
    const css = getComputedStyle(document.documentElement);
    const w = WaveSurfer.create({
      container: box.current,
      url,
      // Decoded at 3 kHz (the lowest rate Chrome allows) instead of 8: a bar is drawn from
      // hundreds of samples either way, and the page's main thread handles under half the data.
      sampleRate: 3000,
      height: 96,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      cursorWidth: 0,
      waveColor: css.getPropertyValue('--c-wave').trim() || '#646c81',
      progressColor: css.getPropertyValue('--c-wave-played').trim() || '#ddd6fe',
      interact: true,
      dragToSeek: true,
    });
    w.setMuted(true);
    w.on('interaction', (t) => seekRef.current(t));
    ws.current = w;
    return () => {
      w.destroy();
      ws.current = null;
    };
  }, [url]);

  // Follow the shared player while it plays this track.
  useEffect(
    () =>
      usePlayer.subscribe((s) => {
        const w = ws.current;
        if (!w || s.track?.id !== trackId || w.getDuration() === 0) return;
        if (Math.abs(w.getCurrentTime() - s.time) > 0.25) w.setTime(s.time);
      }),
    [trackId],
  );

  return <div ref={box} className="w-full cursor-pointer" data-testid="waveform" aria-hidden="true" />;
}

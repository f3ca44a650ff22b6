'use client';

import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { usePlayer } from '@/lib/player/store';

/** The track API's precomputed waveform: levels 0..255 spread evenly over duration_s. */
export interface Peaks {
  duration_s: number;
  levels: number[];
}

/**
 * The track's waveform. It seeks the one shared player (its own media element never plays),
 * so the mini player and this view stay one source of sound. Drawn from the track's
 * precomputed peaks when it has them (a few KB, nothing to decode); else from the file, which
 * wavesurfer downloads and decodes whole (tracks stored before peaks existed).
 */
export default function Waveform({
  trackId,
  url,
  peaks,
  onSeek,
}: {
  trackId: string;
  url: string;
  peaks?: Peaks | null;
  onSeek: (t: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const seekRef = useRef(onSeek);
  seekRef.current = onSeek;

  // With peaks the file is not read: a re-signed URL (a refetch) must not redraw it.
  const drawn = peaks && peaks.levels.length > 0 && peaks.duration_s > 0 ? peaks : null;
  const fileUrl = drawn ? null : url;
  useEffect(() => {
    if (!box.current) return;
    const css = getComputedStyle(document.documentElement);
    const source = drawn
      ? {
          // One channel of |level|: wavesurfer mirrors it into a symmetric bar, as it does
          // for decoded audio. No url: the media element stays empty (it never plays).
          peaks: [Float32Array.from(drawn.levels, (l) => l / 255)],
          duration: drawn.duration_s,
        }
      : {
          url: fileUrl ?? undefined,
          // Decoded at 3 kHz (the lowest rate Chrome allows) instead of 8: a bar is drawn from
          // hundreds of samples either way, and the page's main thread handles under half the data.
          sampleRate: 3000,
        };
    const w = WaveSurfer.create({
      container: box.current,
      ...source,
      height: 96,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      cursorWidth: 0,
      waveColor: css.getPropertyValue('--c-wave').trim() || '#3a4256',
      progressColor: css.getPropertyValue('--c-accent').trim() || '#7c3aed',
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
  }, [fileUrl, drawn]);

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

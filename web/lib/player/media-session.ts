'use client';

import { useEffect } from 'react';
import { type PlayerTrack, usePlayer } from './store';

/** Artwork for the OS media controls: the cover's renditions, smallest first, then the full file. */
export function mediaArtwork(t: Pick<PlayerTrack, 'coverUrl' | 'coverThumbs'>): MediaImage[] {
  const thumbs = [...(t.coverThumbs ?? [])]
    .sort((a, b) => a.width - b.width)
    .map((c) => ({ src: c.url, sizes: `${c.width}x${c.width}` }));
  return t.coverUrl ? [...thumbs, { src: t.coverUrl }] : thumbs;
}

/**
 * The shared player in the operating system's media controls (Media Session API): the title,
 * the facts line and the cover on the lock screen and in the notification, and the media keys and
 * headset buttons playing, pausing, seeking and walking the queue. Browsers without it: nothing.
 */
export function useMediaSession(): void {
  const track = usePlayer((s) => s.track);
  const playing = usePlayer((s) => s.playing);

  useEffect(() => {
    if (!('mediaSession' in navigator) || !track) return;
    navigator.mediaSession.metadata = new MediaMetadata({
      title: track.title,
      artist: track.subtitle ?? 'SoundFoundry',
      album: 'SoundFoundry',
      artwork: mediaArtwork(track),
    });
  }, [track]);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    navigator.mediaSession.playbackState = track ? (playing ? 'playing' : 'paused') : 'none';
  }, [track, playing]);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const player = () => usePlayer.getState();
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      [
        'play',
        () =>
          void player()
            .audio?.play()
            .catch(() => {}),
      ], // refused: the state stays paused
      ['pause', () => player().audio?.pause()],
      ['previoustrack', () => player().previous()],
      ['nexttrack', () => void player().next()],
      ['seekbackward', (d) => player().seekBy(-(d.seekOffset ?? 5))],
      ['seekforward', (d) => player().seekBy(d.seekOffset ?? 5)],
      ['seekto', (d) => d.seekTime !== undefined && player().seek(d.seekTime)],
    ];
    for (const [action, handler] of handlers) {
      try {
        navigator.mediaSession.setActionHandler(action, handler);
      } catch {
        // an action this browser does not know
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          navigator.mediaSession.setActionHandler(action, null);
        } catch {}
      }
    };
  }, []);
}

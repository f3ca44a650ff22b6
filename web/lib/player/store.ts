'use client';

import { create } from 'zustand';
import type { Peaks } from './peaks';

// The one player. Its <audio> element lives in the app layout (MiniPlayer) and is never
// re-created, so route changes, list re-renders and finished jobs cannot stop it.

export interface LyricWord {
  text: string;
  startSec: number;
  endSec: number;
  line: number;
}

export interface PlayerTrack {
  id: string;
  title: string;
  src: string;
  durationS: number;
  subtitle?: string;
  coverUrl?: string | null;
  /** Smaller renditions of the cover (see Cover's srcset). */
  coverThumbs?: { width: number; url: string }[];
  seed?: number;
  lyrics?: LyricWord[];
  /** The precomputed waveform (single-track views have it; list items do not). */
  peaks?: Peaks | null;
}

interface PlayerState {
  track: PlayerTrack | null;
  /** The list the track was started from (a library page, Explore's results): Next and Previous walk it, and the next one plays when a track ends. */
  queue: readonly PlayerTrack[];
  playing: boolean;
  time: number;
  duration: number;
  volume: number;
  muted: boolean;
  audio: HTMLAudioElement | null;
  /** Why the last track could not be played, in words (shown on the bar); null while all is well. */
  failure: string | null;
  attach(a: HTMLAudioElement | null): void;
  /**
   * Plays `t` (from `at` seconds); the same track again only resumes or seeks. `queue`: the list
   * it was started from (kept when `t` is already in the current one).
   */
  play(t: PlayerTrack, at?: number, queue?: readonly PlayerTrack[]): void;
  /** The queue's next track from its start; false (nothing changes) at the end of the queue. */
  next(): boolean;
  /** Back to the start of the track after its first 3 s, else the queue's previous track. */
  previous(): void;
  toggle(): void;
  seek(sec: number): void;
  seekBy(delta: number): void;
  setVolume(v: number): void;
  /** Silences the player without losing its volume (and back). */
  toggleMute(): void;
  /** Adds timed lyrics to the current track when a page learns them (the track page has the plan). */
  setLyrics(id: string, lyrics: LyricWord[]): void;
  /**
   * Tracks that no longer exist (deleted here or in bulk) leave the queue; if one of them is
   * playing, it stops and the bar empties — its file is gone, and Next must not land on it.
   */
  forget(ids: readonly string[]): void;
  /** The current track's file again from `src` (a freshly signed address), where it was. */
  reload(id: string, src: string): void;
  /** Says why playback failed; the player stops. */
  fail(message: string): void;
  sync(p: Partial<Pick<PlayerState, 'playing' | 'time' | 'duration'>>): void;
}

/** The volume is remembered in this browser, as music players do. */
const VOLUME_KEY = 'sf-volume';
const DEFAULT_VOLUME = 0.9;

/** The remembered volume (0–1), or the default when none (or no storage). */
export function storedVolume(read: () => string | null = () => localStorage.getItem(VOLUME_KEY)): number {
  try {
    const v = Number.parseFloat(read() ?? '');
    return Number.isFinite(v) && v >= 0 && v <= 1 ? v : DEFAULT_VOLUME;
  } catch {
    return DEFAULT_VOLUME;
  }
}

export const usePlayer = create<PlayerState>((set, get) => ({
  track: null,
  queue: [],
  playing: false,
  time: 0,
  duration: 0,
  volume: DEFAULT_VOLUME,
  muted: false,
  audio: null,
  failure: null,
  attach: (audio) => {
    if (!audio) return set({ audio });
    const volume = storedVolume();
    audio.volume = volume;
    set({ audio, volume });
  },
  play: (t, at, queue) => {
    const { audio, track } = get();
    if (!audio) return;
    set({ failure: null });
    if (queue?.some((q) => q.id === t.id)) set({ queue });
    else if (!get().queue.some((q) => q.id === t.id)) set({ queue: [t] });
    if (track?.id !== t.id) {
      set({ track: t, time: at ?? 0, duration: t.durationS });
      audio.src = t.src;
      if (at) audio.currentTime = at;
    } else {
      if (t.lyrics && !track.lyrics) set({ track: { ...track, lyrics: t.lyrics } });
      if (at !== undefined) audio.currentTime = at;
    }
    void audio.play().catch(() => set({ playing: false }));
  },
  next: () => {
    const { queue, track } = get();
    const to = queueNeighbour(queue, track?.id, 1);
    if (!to) return false;
    get().play(to, 0);
    return true;
  },
  previous: () => {
    const { queue, track, audio } = get();
    const to = queueNeighbour(queue, track?.id, -1);
    if (!to || (audio?.currentTime ?? 0) > RESTART_AFTER_SEC) get().seek(0);
    else get().play(to, 0);
  },
  toggle: () => {
    const { audio, track } = get();
    if (!audio || !track) return;
    if (audio.paused && get().failure) {
      // Play after a failure is "try again": the same address, reloaded from where it was.
      const at = audio.currentTime;
      set({ failure: null });
      audio.load();
      if (at) audio.currentTime = at;
    }
    if (audio.paused) void audio.play().catch(() => set({ playing: false }));
    else audio.pause();
  },
  seek: (sec) => {
    const { audio, duration } = get();
    if (!audio) return;
    audio.currentTime = Math.max(0, Math.min(duration || audio.duration || 0, sec));
    set({ time: audio.currentTime });
  },
  seekBy: (delta) => get().seek((get().audio?.currentTime ?? 0) + delta),
  toggleMute: () => {
    const { audio, muted } = get();
    if (audio) audio.muted = !muted;
    set({ muted: !muted });
  },
  setVolume: (v) => {
    const { audio } = get();
    if (audio) {
      audio.volume = v;
      audio.muted = false; // moving the slider is wanting to hear it
    }
    set({ volume: v, muted: false });
    try {
      localStorage.setItem(VOLUME_KEY, String(v));
    } catch {
      // storage off (private mode, quota): the volume holds for this visit only
    }
  },
  setLyrics: (id, lyrics) => {
    const { track } = get();
    if (track?.id === id && !track.lyrics) set({ track: { ...track, lyrics } });
  },
  forget: (ids) => {
    const gone = new Set(ids);
    const { queue, track, audio } = get();
    if (queue.some((q) => gone.has(q.id))) set({ queue: queue.filter((q) => !gone.has(q.id)) });
    if (!track || !gone.has(track.id)) return;
    if (audio) {
      audio.pause();
      audio.removeAttribute('src');
      audio.load(); // drops the buffered file
    }
    set({ track: null, playing: false, time: 0, duration: 0 });
  },
  reload: (id, src) => {
    const { audio, track, time } = get();
    if (!audio || track?.id !== id) return;
    set({ track: { ...track, src }, failure: null });
    audio.src = src;
    if (time) audio.currentTime = time;
    void audio.play().catch(() => set({ playing: false }));
  },
  fail: (message) => set({ failure: message, playing: false }),
  sync: (p) => set(p),
}));

/** Previous goes back to the start of the track, not to the track before, after this much of it (as music players do). */
const RESTART_AFTER_SEC = 3;

/** The track `step` places from `id` in the queue, or null (none there, or `id` not in it). */
export function queueNeighbour(
  queue: readonly PlayerTrack[],
  id: string | undefined,
  step: 1 | -1,
): PlayerTrack | null {
  const at = queue.findIndex((q) => q.id === id);
  return at < 0 ? null : (queue[at + step] ?? null);
}

/** Index of the lyric word sounding at `t` (or -1), and its line. */
export function lyricAt(lyrics: LyricWord[] | undefined, t: number): { word: number; line: number } {
  if (!lyrics || lyrics.length === 0) return { word: -1, line: -1 };
  let lo = 0;
  let hi = lyrics.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lyrics[mid]!.startSec <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return { word: -1, line: -1 };
  const w = lyrics[found]!;
  // Between lines (an instrumental gap of more than 2 s) nothing is highlighted.
  if (t > w.endSec + 2) return { word: -1, line: -1 };
  return { word: t <= w.endSec ? found : -1, line: w.line };
}

export { formatTime } from '../time';

/**
 * The plan times syllables ("dan", "cing"); people read words. Consecutive syllables of a
 * line are joined while they still spell the start of a word of the original lyrics.
 */
export function mergeSyllables(words: LyricWord[], lyrics: string | null | undefined): LyricWord[] {
  const vocab = new Set(
    (lyrics ?? '')
      .replace(/\[[^\]]*\]/g, ' ')
      .toLowerCase()
      .split(/[^\p{L}\p{N}']+/u)
      .filter(Boolean),
  );
  const prefixOfWord = (s: string) => {
    const k = s.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '');
    for (const w of vocab) if (w.startsWith(k)) return true;
    return false;
  };
  const out: LyricWord[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.line === w.line &&
      !vocab.has(prev.text.toLowerCase()) &&
      prefixOfWord(prev.text + w.text)
    ) {
      out[out.length - 1] = { ...prev, text: prev.text + w.text, endSec: w.endSec };
    } else out.push({ ...w });
  }
  return out;
}

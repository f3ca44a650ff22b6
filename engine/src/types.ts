// Public types of the engine: what the server (and the CLI) hand in and get back.
// The engine depends on nothing in server/ or contract/; contract/ repeats the genre
// and key lists as zod enums and a test keeps the two identical.
import type { WaveformPeaks } from './master/peaks.ts';

export type { WaveformPeaks } from './master/peaks.ts';

export const GENRES = [
  'cinematic',
  'electronic',
  'house',
  'techno',
  'drum-and-bass',
  'pop',
  'rock',
  'hip-hop',
  'lo-fi',
  'trap',
  'jazz',
  'funk',
  'ambient',
  'classical',
  'folk',
  'world',
] as const;
export type Genre = (typeof GENRES)[number];

export const TONICS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export type Tonic = (typeof TONICS)[number];
export type Mode = 'major' | 'minor';
/** One of the 24 keys, spelled "F# minor" / "C major" (sharps only). */
export type KeyName = `${Tonic} ${Mode}`;
export const KEYS: readonly KeyName[] = TONICS.flatMap((t) => [`${t} major`, `${t} minor`] as KeyName[]);

export const MIN_DURATION_SEC = 15;
export const MAX_DURATION_SEC = 240;
export const MIN_BPM = 40;
export const MAX_BPM = 220;
export const MAX_LYRICS_CHARS = 3500;
export const MAX_SEED = 2 ** 31 - 1;

/** What the engine needs to make a track. Explicit fields override what the prompt says. */
export interface GenerateParams {
  prompt: string;
  durationSec: number; // whole seconds, MIN_DURATION_SEC..MAX_DURATION_SEC
  seed: number; // 0..MAX_SEED; same params + seed => byte-identical outputs
  genre?: Genre;
  /**
   * A style id of the vocabulary (`publishedStyles()`): wins over the style the prompt's words
   * name, and sets the genre (a different explicit `genre` is ignored). An unknown id is an EngineParamError.
   */
  style?: string;
  /** One of the 24 keys; flats are accepted ("Bb major") and the plan spells it with sharps. */
  key?: KeyName | (string & {});
  bpm?: number;
  styleStrength?: number; // 0..1, conventional .. adventurous (default 0.5)
  hasVocals?: boolean;
  lyrics?: string;
  /** Analysis of a reference upload; steers tempo, key and energy when fields are absent. */
  reference?: { bpm?: number; tonic?: Tonic; mode?: Mode; energy?: number };
}

export type GenerateStage = 'compose' | 'render' | 'mix' | 'master' | 'encode';
export interface GenerateProgress {
  stage: GenerateStage;
  /** Overall fraction done, 0..1, monotone. */
  fraction: number;
}

export interface GenerateOptions {
  onProgress?: (p: GenerateProgress) => void;
  signal?: AbortSignal;
}

export interface LyricTiming {
  text: string; // one syllable or word
  startSec: number;
  endSec: number;
  line: number;
}

export interface GeneratedTrack {
  wav: Uint8Array; // 44.1 kHz 16-bit stereo, mastered
  mp3: Uint8Array; // 192 kbps
  previewMp3: Uint8Array; // 30 s from the chorus (or the whole track if shorter)
  stemsZip: Uint8Array; // one WAV per stem
  midi: Uint8Array; // standard MIDI file of the composition
  /** The mastered waveform for players: abs-max of PEAK_BUCKETS buckets, 0..255 (master/peaks.ts). */
  peaks: WaveformPeaks;
  /** The musical plan as plain JSON: sections, chords, bpm, key, lyric timings, etc. */
  plan: {
    genre: Genre;
    bpm: number;
    key: KeyName;
    durationSec: number;
    sections: { name: string; startSec: number; endSec: number }[];
    lyrics?: LyricTiming[];
    [extra: string]: unknown;
  };
  stats: { integratedLufs: number; truePeakDbtp: number; durationSec: number; stems: string[] };
}

/** Thrown for invalid GenerateParams; `field` names the offending parameter. */
export class EngineParamError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineParamError';
  }
}

/** Thrown when a render is cancelled through GenerateOptions.signal. */
export class EngineCancelledError extends Error {
  constructor() {
    super('render cancelled');
    this.name = 'EngineCancelledError';
  }
}

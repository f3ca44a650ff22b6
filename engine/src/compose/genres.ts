// What makes each genre itself: tempo range, grooves, harmony vocabulary, bass and comping style,
// instruments (General MIDI programs in MuseScore_General_Lite) and mix habits.
import type { Genre } from '../types.ts';
import type { StyleGroove } from './drum-grooves.ts';
import { ACOUSTIC_PROFILES } from './genres-acoustic.ts';
import { ELECTRONIC_PROFILES } from './genres-electronic.ts';

export type BaseDrumStyle =
  | 'four-floor'
  | 'techno'
  | 'edm'
  | 'dnb'
  | 'trap'
  | 'boom-bap'
  | 'lofi'
  | 'pop'
  | 'rock'
  | 'funk'
  | 'jazz'
  | 'ambient'
  | 'none'
  | 'orchestral'
  | 'folk'
  | 'world';
/** The genres' grooves plus the named styles' (drum-grooves.ts). */
export type DrumStyle = BaseDrumStyle | StyleGroove;
export type BassStyle =
  | 'whole'
  | 'pulse'
  | 'eighths'
  | 'offbeat'
  | 'rolling'
  | 'sub808'
  | 'boom'
  | 'walking'
  | 'funk'
  | 'root-fifth'
  | 'dnb'
  | 'pop'
  | 'quarters'
  | 'spiccato'
  | 'reggae'
  | 'octave'
  | 'tumbao'
  | 'bossa'
  | 'log'
  | 'dembow'
  | 'oom';
export type CompStyle =
  | 'block'
  | 'stabs'
  | 'arp'
  | 'strum'
  | 'rhythm8'
  | 'jazz'
  | 'skank'
  | 'alberti'
  | 'chops'
  | 'keys'
  | 'waltz'
  | 'montuno'
  | 'marcato'
  | 'stride'
  | 'eighths'
  | 'bossa'
  | 'reggae'
  | 'broken'
  | 'fours';

export interface GenreProfile {
  bpmRange: [number, number];
  minorProbability: number;
  swing: number; // 0 straight .. 0.33 full triplet swing, applied to off-beat eighths/16ths
  swingUnit: 8 | 16;
  drumKit: number; // percussion program
  drumStyle: DrumStyle;
  bassStyle: BassStyle;
  compStyle: CompStyle;
  programs: { bass: number; comp: number; pad: number | null; lead: number; vocal: number };
  /** Progressions as scale degrees (0 = I/i), one chord per `barsPerChord` bars. */
  progressions: { major: number[][]; minor: number[][] };
  barsPerChord: number;
  sevenths: number; // probability of 7th chords (raised by style strength)
  harmonicDominant: boolean;
  leadRange: [number, number];
  /** Melody notes per bar at full energy (eighth-note grid). */
  leadDensity: number;
  mix: {
    drumsDb: number;
    bassDb: number;
    harmonyDb: number;
    melodyDb: number;
    reverb: number;
    delay: number;
    airDb: number;
  };
  reverbSizeSec: number;
}

/** All 16 profiles (the data lives in genres-electronic.ts and genres-acoustic.ts). */
export const GENRE_PROFILES = { ...ELECTRONIC_PROFILES, ...ACOUSTIC_PROFILES } as Record<Genre, GenreProfile>;

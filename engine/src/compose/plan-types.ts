// The musical plan: everything the renderer needs, in beats. Plain data so it serialises to plan.json.
import type { Genre, KeyName, LyricTiming, Mode } from '../types.ts';
import type { MeterName } from './meter.ts';

export const STEM_NAMES = ['drums', 'bass', 'harmony', 'melody', 'vocals'] as const;
export type StemName = (typeof STEM_NAMES)[number];

export type SectionName = 'intro' | 'verse' | 'prechorus' | 'chorus' | 'bridge' | 'breakdown' | 'outro';

export interface NoteEvent {
  startBeat: number;
  durationBeats: number;
  pitch: number; // MIDI note
  velocity: number; // 1..127
}

export interface PartPlan {
  id: string;
  stem: StemName;
  channel: number; // MIDI channel; 9 is percussion
  program: number;
  volume: number; // CC7, 0..127
  pan: number; // CC10, 0..127
  notes: NoteEvent[];
}

export interface SectionPlan {
  name: SectionName;
  startBar: number;
  bars: number;
  energy: number; // 0..1
  startSec: number;
  endSec: number;
}

export interface ChordSlot {
  startBeat: number;
  durationBeats: number;
  degree: number;
  pcs: number[];
  symbol: string;
}

export interface StemMix {
  gainDb: number;
  highpassHz: number;
  /** High-shelf gain at 6 kHz: + brighter, − darker. */
  airDb: number;
  reverbSend: number; // 0..1
  delaySend: number; // 0..1
  compress: boolean;
}

export interface MusicPlan {
  /** The published genre the style maps to (the API's `genre` field). */
  genre: Genre;
  /** The named style the composer followed (one of the published vocabulary, see styles.ts). */
  style: string;
  meter: MeterName;
  /**
   * How the drums carry the beat: 'half-time' puts the backbeat on beat 3 (the bar feels half as
   * fast while bpm stays the beat the hats and bass keep); 'on-the-beat': taken below the tempi
   * its style's seeds draw (and ≈100 BPM), drums, bass and chords play on the beat only (on-the-beat.ts).
   */
  feel: 'normal' | 'half-time' | 'on-the-beat';
  bpm: number;
  key: KeyName;
  tonicPc: number;
  mode: Mode;
  durationSec: number;
  seed: number;
  /** Felt beats per bar (a dotted quarter is one beat in 6/8 and 12/8). */
  beatsPerBar: number;
  /** Beat where the last note has stopped: the rest of the file is the final chord's tail and fade. */
  musicEndBeat: number;
  energy: number;
  styleStrength: number;
  swing: number;
  sections: SectionPlan[];
  chords: ChordSlot[];
  parts: PartPlan[];
  mix: Record<StemName, StemMix>;
  reverbSizeSec: number;
  /** Texture layers the renderer adds (vinyl crackle and hiss for lo-fi or "vinyl/dusty/tape" prompts). */
  texture: { vinyl: boolean };
  lyrics?: LyricTiming[];
  /**
   * With lyrics: how many of the typed lines are not sung (0 but for a song too short for all of
   * them at one a bar; then they are the last ones). `lyrics` times the sung ones.
   */
  lyricsUnsungLines?: number;
  instruments: Record<string, number>;
  promptTags: string[];
}

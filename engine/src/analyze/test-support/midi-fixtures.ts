// Labelled test material for the analyser, rendered by an independent synthesizer: we write
// small Standard MIDI Files with a known tempo and key (drums, bass, chords, melody) and let
// Debian's FluidSynth render them with the FluidR3 GM soundfont — a different engine and
// soundfont than SoundFoundry's own renderer. Tests and bench/analysis.ts only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from '../../dsp/test-support.ts';
import { writeAtomically } from './atomic-file.ts';
import { mulberry32 } from './corpus.ts';
import { SMF_PPQ as PPQ, type SmfNote, writeSmf } from './smf.ts';

export const SOUNDFONT_PATH = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
export const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

export type DrumStyle = 'ballad' | 'hiphop' | 'backbeat' | 'funk' | 'four-on-floor' | 'dnb';

export interface FixtureSpec {
  id: string;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  drums: DrumStyle;
  /** GM programs: bass, chords, melody. */
  programs: { bass: number; chords: number; melody: number };
  bars: number;
  seed: number;
}

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];
// Progressions as scale degrees (0-based); each chord lasts one bar.
const MAJOR_PROGRESSIONS = [
  [0, 4, 5, 3],
  [0, 3, 4, 0],
  [0, 5, 3, 4],
  [0, 3, 0, 4],
];
const MINOR_PROGRESSIONS = [
  [0, 5, 2, 6],
  [0, 3, 4, 0],
  [0, 6, 5, 6],
  [0, 3, 6, 4],
];

type DrumHit = [sixteenth: number, note: number, velocity: number];
const KICK = 36;
const SNARE = 38;
const CLAP = 39;
const HAT = 42;
const OPEN_HAT = 46;
const RIDE = 51;

function drumBar(style: DrumStyle): DrumHit[] {
  const hits: DrumHit[] = [];
  const eighthHats = (vel: number) => {
    for (let s = 0; s < 16; s += 2) hits.push([s, HAT, s % 4 === 0 ? vel : vel - 20]);
  };
  switch (style) {
    case 'ballad':
      hits.push([0, KICK, 100], [8, KICK, 90], [4, SNARE, 90], [12, SNARE, 95]);
      eighthHats(70);
      break;
    case 'hiphop':
      hits.push([0, KICK, 110], [6, KICK, 90], [10, KICK, 95], [4, SNARE, 105], [12, SNARE, 105]);
      eighthHats(75);
      break;
    case 'backbeat':
      hits.push([0, KICK, 110], [8, KICK, 105], [10, KICK, 80], [4, SNARE, 110], [12, SNARE, 110]);
      eighthHats(80);
      break;
    case 'funk':
      hits.push(
        [0, KICK, 110],
        [3, KICK, 80],
        [8, KICK, 100],
        [4, SNARE, 110],
        [12, SNARE, 110],
        [14, SNARE, 60],
      );
      for (let s = 0; s < 16; s++) hits.push([s, HAT, s % 4 === 0 ? 85 : s % 2 === 0 ? 70 : 50]);
      break;
    case 'four-on-floor':
      for (let b = 0; b < 4; b++) hits.push([b * 4, KICK, 115], [b * 4 + 2, OPEN_HAT, 70]);
      hits.push([4, CLAP, 100], [12, CLAP, 100]);
      for (let s = 1; s < 16; s += 2) hits.push([s, HAT, 50]);
      break;
    case 'dnb':
      hits.push([0, KICK, 115], [10, KICK, 105], [4, SNARE, 115], [12, SNARE, 115]);
      for (let s = 0; s < 16; s += 2) hits.push([s, RIDE, s % 4 === 0 ? 75 : 60]);
      break;
  }
  return hits;
}

/** Notes of a fixture: drums on channel 10 (9), bass 0, chords 1, melody 2. */
export function composeFixture(spec: FixtureSpec): SmfNote[] {
  const rnd = mulberry32(spec.seed);
  const scale = spec.mode === 'major' ? MAJOR_SCALE : MINOR_SCALE;
  const progressions = spec.mode === 'major' ? MAJOR_PROGRESSIONS : MINOR_PROGRESSIONS;
  const progression = progressions[Math.floor(rnd() * progressions.length)]!;
  const notes: SmfNote[] = [];
  const bar = 4 * PPQ;
  const sixteenth = PPQ / 4;
  const degreePitch = (degree: number, octaveBase: number) => {
    const oct = Math.floor(degree / 7);
    const d = ((degree % 7) + 7) % 7;
    return octaveBase + spec.tonicPc + scale[d]! + 12 * oct;
  };
  for (let b = 0; b < spec.bars; b++) {
    const t0 = b * bar;
    // The last bar resolves on the tonic, as songs usually do.
    const degree = b === spec.bars - 1 ? 0 : progression[b % progression.length]!;
    // Drums (one bar of silence at the start for a count-in-free intro? no: drums from bar 0).
    for (const [s, note, vel] of drumBar(spec.drums)) {
      notes.push({ tick: t0 + s * sixteenth, channel: 9, note, velocity: vel, durationTicks: sixteenth });
    }
    // Bass: chord root on beats 1 and 3, fifth on the "and" of 4.
    const root = degreePitch(degree, 36);
    notes.push({ tick: t0, channel: 0, note: root, velocity: 100, durationTicks: PPQ * 1.5 });
    notes.push({ tick: t0 + 2 * PPQ, channel: 0, note: root, velocity: 90, durationTicks: PPQ * 1.2 });
    notes.push({
      tick: t0 + 3.5 * PPQ,
      channel: 0,
      note: degreePitch(degree + 4, 36),
      velocity: 85,
      durationTicks: PPQ / 2,
    });
    // Chords: triad in the middle register, on beats 1 and 3.
    for (const beat of [0, 2]) {
      for (const step of [0, 2, 4]) {
        notes.push({
          tick: t0 + beat * PPQ,
          channel: 1,
          note: degreePitch(degree + step, 60),
          velocity: 70,
          durationTicks: PPQ * 1.9,
        });
      }
    }
    // Melody: eighths and quarters on scale notes, chord tones on strong beats.
    let at = 0;
    while (at < 8) {
      const strong = at % 2 === 0;
      const step = strong ? [0, 2, 4][Math.floor(rnd() * 3)]! : Math.floor(rnd() * 7);
      const len = rnd() < 0.5 ? 1 : 2;
      if (rnd() > 0.15) {
        notes.push({
          tick: t0 + at * (PPQ / 2),
          channel: 2,
          note: degreePitch(degree + step, 72),
          velocity: strong ? 90 : 75,
          durationTicks: len * (PPQ / 2) - 20,
        });
      }
      at += len;
    }
  }
  return notes;
}

export function fixtureMidi(spec: FixtureSpec): Uint8Array {
  const programs = [
    { channel: 0, program: spec.programs.bass },
    { channel: 1, program: spec.programs.chords },
    { channel: 2, program: spec.programs.melody },
  ];
  return writeSmf(spec.bpm, programs, composeFixture(spec));
}

function styleForTempo(bpm: number, i: number): DrumStyle {
  if (bpm < 80) return 'ballad';
  if (bpm < 100) return i % 2 ? 'hiphop' : 'funk';
  if (bpm < 120) return i % 2 ? 'backbeat' : 'funk';
  if (bpm < 150) return i % 2 ? 'four-on-floor' : 'backbeat';
  if (bpm < 165) return 'four-on-floor';
  return 'dnb';
}

const BASSES = [33, 34, 38, 32];
const CHORDS = [0, 4, 48, 89, 16, 5];
const MELODIES = [73, 80, 56, 65, 40, 11];

/**
 * The labelled set: `count` items spread over 60–180 BPM with every one of the 24 keys
 * (key index i·7 mod 24 walks all of them), drum styles by tempo, varied instruments.
 * Variant 0 is the set the analyser's constants were tuned on; variant 1 is a held-out set
 * (other tempi, keys, seeds and instrument pairings) that nothing was tuned on.
 */
export function labelledSet(count: number, bars = 12, variant: 0 | 1 = 0): FixtureSpec[] {
  const specs: FixtureSpec[] = [];
  for (let i = 0; i < count; i++) {
    const bpm =
      variant === 0
        ? Math.round(60 + ((i * 37) % count) * (120 / Math.max(1, count - 1)))
        : Math.round((62 + ((i * 29 + 5) % count) * (117 / Math.max(1, count - 1))) * 2) / 2;
    const key = variant === 0 ? (i * 7) % 24 : (i * 5 + 3) % 24;
    const k = i + variant * 3;
    const tonicPc = key >> 1;
    const mode = key & 1 ? 'minor' : 'major';
    specs.push({
      id: `${variant ? 'h' : ''}${String(i).padStart(2, '0')}-${bpm}bpm-${PITCH_CLASSES[tonicPc]}-${mode}`,
      bpm,
      tonicPc,
      mode,
      drums: styleForTempo(bpm, k),
      programs: {
        bass: BASSES[k % BASSES.length]!,
        chords: CHORDS[(variant ? k * 5 : k) % CHORDS.length]!,
        melody: MELODIES[(k + variant) % MELODIES.length]!,
      },
      bars,
      seed: 1000 + i + variant * 7919,
    });
  }
  return specs;
}

/** Fails with the Debian package names when FluidSynth or its soundfont is missing. */
export function requireFluidSynth(): void {
  requireTool('fluidsynth', 'fluidsynth');
  if (!existsSync(SOUNDFONT_PATH)) {
    throw new Error(`${SOUNDFONT_PATH} not found: install the Debian package 'fluid-soundfont-gm'`);
  }
}

/** Renders a fixture to a 44.1 kHz stereo WAV in `dir` (reused if already there); returns its path. */
export function renderFixture(spec: FixtureSpec, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const wav = join(dir, `${spec.id}.wav`);
  if (existsSync(wav) && statSync(wav).size > 44) return wav;
  // Two processes rendering the same fixture (bench:analysis in shards) never read each other's
  // half-written file.
  writeAtomically(wav, (tmp) => {
    const mid = `${tmp}.mid`;
    writeFileSync(mid, fixtureMidi(spec));
    try {
      execFileSync(
        'fluidsynth',
        ['-ni', '-q', '-g', '0.6', '-r', '44100', '-T', 'wav', '-F', tmp, SOUNDFONT_PATH, mid],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
    } finally {
      rmSync(mid, { force: true });
    }
  });
  return wav;
}

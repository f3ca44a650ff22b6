// Jam tracks (fifth composer): 160 backing / play-along tracks as musicians find them on YouTube and
// in practice apps, each labelled with what its title states — style, key and BPM ("Slow blues jam
// in A, 72 BPM", "Funk groove backing track E minor 104 BPM"). Composed from seed 7474 (mulberry32,
// shared); written as SMF by smf.ts and rendered by jamtracks-render.ts with spessasynth_core (not
// FluidSynth). Never fitted on: set I is its held-out half, its tuning half a second measure.
// Tests and benches only.
//
// Label conventions (the BPM in the title, the tempo a player sets the practice app's metronome to):
// - most styles: the quarter note of the 4/4 chart.
// - slow blues (12/8 shuffle): the dotted quarter, four beats to the bar ("slow blues 66 BPM").
// - 6/8 ballad: the dotted quarter, two beats to the 6/8 bar.
// - waltz: the quarter note of the 3/4 bar (one-two-three), slow and fast.
// - half-time rock: the quarter note although the snare falls on 3 only (guitars and bass drive
//   8ths of the labelled beat).
// - reggae one-drop: the quarter note (skank on every off-beat 8th, kick and rim on beat 3).
// - bossa nova: the quarter note of the 4/4 chart (bass on 1 and 3).
// - country train beat: the quarter note (the snare runs in 16ths, accents on 2 and 4).
// - drum & bass: 170-178, snare on 2 and 4 of that tempo.
// - acoustic strumming and solo piano (no drums): the quarter note; slow and fast tempi both.
// The PRNG only (mulberry32, the one PRNG of the labelled material): nothing musical from the other
// composers. Written from their structure, tests and wiring alone (corpus-compose.ts, songbook.ts and
// hymnal.ts unread; of beatstore.ts, the model for structure, its item dealing and MIDI writer were
// read, and the end of its composer glanced at on the way).
import { mulberry32 } from './corpus.ts';
import { type ScoreNote, type SmfProgram, scoreToSmf } from './smf.ts';

export const JAMTRACKS_SEED = 7474;
export const JAMTRACKS_CLIP_SEC = 30;

/** SoundFonts spessasynth plays (files on disk: see jamtracks-render.ts). */
export type JamFont = 'fluidr3' | 'timgm6mb' | 'musescore';
export type JamMetre = '4/4' | '3/4' | '6/8' | '12/8';
export type MinorKind = 'natural' | 'harmonic' | 'dorian';
/** The mix's space: spessasynth's effects off, a small room, a long hall, or a slapback delay. */
export type JamMix = 'dry' | 'room' | 'hall' | 'slapback';
/** Mastering level: quiet (peak -6 dBFS), normal (-1 dBFS), hot (6 dB into a limiter). */
export type JamLoudness = 'quiet' | 'normal' | 'hot';

export interface JamItem {
  id: string;
  n: number;
  style: string;
  /** The track's title, as a video or an app would list it. */
  title: string;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: MinorKind | null;
  metre: JamMetre;
  drums: boolean;
  soundfont: JamFont;
  mix: JamMix;
  loudness: JamLoudness;
  set: 'tuning' | 'held-out';
  seed: number;
}

export type JamPart = 'drums' | 'bass' | 'comp' | 'keys' | 'lead';

/** A composed note (smf.ts ScoreNote: positions and lengths in quarter notes, `jitterSec` the humanised offset) of one part. */
export interface JamNote extends ScoreNote {
  part: JamPart;
  /** Off the beat grid on purpose (strum spread, grace notes, flams). */
  ornament?: boolean;
}

export interface JamScore {
  qpm: number;
  bars: number;
  barQ: number;
  introEndQ: number;
  /** The labelled beat in quarter notes. */
  beatQ: number;
  /** Delay of the swung (odd) sixteenths in quarter notes (0 when straight). */
  swingQ: number;
  sections: { name: string; bar: number }[];
  programs: SmfProgram[];
  notes: JamNote[];
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

// ---------------------------------------------------------------- styles

/** A chord: scale degree (0 = tonic) and its colour. */
type Colour = 'triad' | '7' | 'dom7' | '6' | 'add9' | 'sus4' | 'power';
type Chord = readonly [degree: number, colour: Colour];
/** One bar of harmony: one chord, or two chords of half a bar each. */
type Bar = Chord | readonly [Chord, Chord];

interface StyleDef {
  name: string;
  /** How the title names it. */
  title: string;
  /** Tempo ranges, dealt pair by pair in turn (slow and fast variants of one texture). */
  tempi: readonly (readonly [number, number])[];
  metre: JamMetre;
  drums: boolean;
  pMinor: number;
  minorKinds: readonly MinorKind[];
  /** The music divides the labelled beat into sixteenths (or 16th triplets): a half label is off-grid. */
  sixteenths: boolean;
  /** Progressions for major and minor (dorian items use `dorian` when given). */
  major: readonly (readonly Bar[])[];
  minor: readonly (readonly Bar[])[];
  dorian?: readonly (readonly Bar[])[];
}

const I: Chord = [0, 'triad'];
const ii: Chord = [1, 'triad'];
const iii: Chord = [2, 'triad'];
const IV: Chord = [3, 'triad'];
const V: Chord = [4, 'triad'];
const vi: Chord = [5, 'triad'];
const VII: Chord = [6, 'triad'];
const seventh = (c: Chord): Chord => [c[0], '7'];
const I7 = seventh(I);
const ii7 = seventh(ii);
const iii7 = seventh(iii);
const IV7 = seventh(IV);
const V7 = seventh(V);
const vi7 = seventh(vi);
const Idom: Chord = [0, 'dom7'];
const Vdom: Chord = [4, 'dom7'];
const IV6: Chord = [3, '6'];
const I6: Chord = [0, '6'];
const Iadd9: Chord = [0, 'add9'];
const IVadd9: Chord = [3, 'add9'];
const Vsus: Chord = [4, 'sus4'];
const pw = (d: number): Chord => [d, 'power'];

// In minor the numerals read on the natural (or dorian) scale: III = degree 2, VI = 5, VII = 6;
// a harmonic-minor item plays degree 4 as the major V (its raised 7th).
const POP_MAJOR: readonly (readonly Bar[])[] = [
  [I, V, vi, IV],
  [vi, IV, I, V],
  [I, IV, vi, V],
  [I, vi, IV, V],
];
const POP_MINOR: readonly (readonly Bar[])[] = [
  [I, vi, ii, VII],
  [I, vi, VII, I],
  [I, IV, VII, iii],
  [I, IV, V, I],
];
const BLUES_MAJOR: readonly (readonly Bar[])[] = [
  [Idom, IV6, Idom, Idom, IV6, IV6, Idom, Idom, Vdom, IV6, Idom, Vdom],
  [Idom, Idom, Idom, Idom, IV6, IV6, Idom, Idom, Vdom, IV6, [Idom, IV6], [Idom, Vdom]],
];
const BLUES_MINOR: readonly (readonly Bar[])[] = [
  [I7, IV7, I7, I7, IV7, IV7, I7, I7, [5, 'triad'], V, I7, V],
  [I7, I7, I7, I7, IV7, IV7, I7, I7, vi, V, [I7, IV7], [I7, V]],
];
const DORIAN_VAMPS: readonly (readonly Bar[])[] = [
  [I7, I7, IV7, IV7],
  [I7, IV7, I7, IV7],
  [I7, ii7, I7, ii7],
  [I7, I7, ii7, [IV7, VII]],
];
const JAZZ_MAJOR: readonly (readonly Bar[])[] = [
  [ii7, V7, I7, I7],
  [I7, I6, ii7, V7],
  [[I7, vi7], [ii7, V7], I7, I7],
  [I7, [ii7, V7], I7, [vi7, V7]],
];
const JAZZ_MINOR: readonly (readonly Bar[])[] = [
  [ii7, V7, I7, I7],
  [I7, IV7, ii7, V7],
  [I7, vi7, ii7, V7],
];

export const STYLES: readonly StyleDef[] = [
  {
    name: 'slow-blues',
    title: 'Slow blues jam',
    tempi: [[56, 78]],
    metre: '12/8',
    drums: true,
    pMinor: 0.4,
    minorKinds: ['natural'],
    sixteenths: false,
    major: BLUES_MAJOR,
    minor: BLUES_MINOR,
  },
  {
    name: 'texas-shuffle',
    title: 'Texas shuffle backing track',
    tempi: [[108, 152]],
    metre: '4/4',
    drums: true,
    pMinor: 0.25,
    minorKinds: ['natural'],
    sixteenths: false,
    major: BLUES_MAJOR,
    minor: BLUES_MINOR,
  },
  {
    name: 'funk',
    title: 'Funk groove backing track',
    tempi: [[88, 118]],
    metre: '4/4',
    drums: true,
    pMinor: 0.7,
    minorKinds: ['dorian', 'dorian', 'natural'],
    sixteenths: true,
    major: [
      [Idom, Idom, IV, Idom],
      [Idom, IV, Idom, IV],
    ],
    minor: [
      [I7, I7, I7, VII],
      [I7, IV7, I7, IV7],
    ],
    dorian: DORIAN_VAMPS,
  },
  {
    name: 'neo-soul',
    title: 'Neo soul backing track',
    tempi: [[66, 92]],
    metre: '4/4',
    drums: true,
    pMinor: 0.5,
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    major: [
      [IV7, iii7, ii7, I7],
      [I7, iii7, IV7, [ii7, V7]],
      [ii7, iii7, IV7, iii7],
    ],
    minor: [
      [I7, IV7, vi7, [ii, VII]],
      [I7, vi7, IV7, vi7],
    ],
    dorian: DORIAN_VAMPS,
  },
  {
    name: 'rock-ballad',
    title: 'Rock ballad backing track',
    tempi: [[60, 82]],
    metre: '4/4',
    drums: true,
    pMinor: 0.4,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    major: POP_MAJOR,
    minor: POP_MINOR,
  },
  {
    name: 'pop-punk',
    title: 'Pop punk backing track',
    tempi: [[160, 190]],
    metre: '4/4',
    drums: true,
    pMinor: 0.3,
    minorKinds: ['natural'],
    sixteenths: false,
    major: POP_MAJOR.map((p) => p.map((b) => pw((b as Chord)[0]))),
    minor: POP_MINOR.map((p) => p.map((b) => pw((b as Chord)[0]))),
  },
  {
    name: 'metal',
    title: 'Metal backing track (double kick)',
    tempi: [[96, 144]],
    metre: '4/4',
    drums: true,
    pMinor: 1,
    minorKinds: ['natural'],
    sixteenths: true,
    major: [[pw(0), pw(5), pw(6), pw(0)]],
    minor: [
      [pw(0), pw(5), pw(6), pw(0)],
      [pw(0), pw(0), pw(5), pw(4)],
      [pw(0), pw(3), pw(5), pw(4)],
    ],
  },
  {
    name: 'half-time-rock',
    title: 'Half-time rock backing track',
    tempi: [[130, 176]],
    metre: '4/4',
    drums: true,
    pMinor: 0.6,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    major: POP_MAJOR,
    minor: POP_MINOR,
  },
  {
    name: 'reggae',
    title: 'Reggae one drop backing track',
    tempi: [[64, 88]],
    metre: '4/4',
    drums: true,
    pMinor: 0.5,
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    major: [
      [I, IV, I, V],
      [I, I, IV, IV],
      [I, vi, IV, V],
    ],
    minor: [
      [I, I, IV, IV],
      [I, VII, I, VII],
    ],
    dorian: [
      [I, IV, I, IV],
      [I, ii, I, ii],
    ],
  },
  {
    name: 'bossa-nova',
    title: 'Bossa nova backing track',
    tempi: [[118, 148]],
    metre: '4/4',
    drums: true,
    pMinor: 0.5,
    minorKinds: ['harmonic', 'natural'],
    sixteenths: true,
    major: JAZZ_MAJOR,
    minor: JAZZ_MINOR,
  },
  {
    name: 'jazz-swing',
    title: 'Jazz swing backing track',
    tempi: [
      [112, 148],
      [150, 190],
    ],
    metre: '4/4',
    drums: true,
    pMinor: 0.35,
    minorKinds: ['harmonic', 'dorian'],
    sixteenths: false,
    major: JAZZ_MAJOR,
    minor: JAZZ_MINOR,
    dorian: DORIAN_VAMPS,
  },
  {
    name: 'jazz-ballad',
    title: 'Jazz ballad with brushes',
    tempi: [[58, 76]],
    metre: '4/4',
    drums: true,
    pMinor: 0.35,
    minorKinds: ['harmonic'],
    sixteenths: false,
    major: JAZZ_MAJOR,
    minor: JAZZ_MINOR,
  },
  {
    name: 'gospel',
    title: 'Gospel backing track',
    tempi: [[92, 126]],
    metre: '4/4',
    drums: true,
    pMinor: 0.2,
    minorKinds: ['natural'],
    sixteenths: true,
    major: [
      [I, [IV, I], I, V7],
      [I, iii7, IV, V],
      [I7, vi7, ii7, V7],
    ],
    minor: [[I, IV, VII, iii]],
  },
  {
    name: 'acoustic-strum',
    title: 'Acoustic guitar backing track',
    tempi: [
      [64, 92],
      [132, 176],
    ],
    metre: '4/4',
    drums: false,
    pMinor: 0.4,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    major: [[I, V, vi, IV], [Iadd9, IVadd9, vi, Vsus], ...POP_MAJOR.slice(1)],
    minor: POP_MINOR,
  },
  {
    name: 'solo-piano',
    title: 'Piano backing track',
    tempi: [
      [60, 86],
      [128, 168],
    ],
    metre: '4/4',
    drums: false,
    pMinor: 0.5,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    major: [[I, iii, vi, IV], [I6, IV7, vi, V], ...POP_MAJOR],
    minor: POP_MINOR,
  },
  {
    name: 'country-train',
    title: 'Country train beat backing track',
    tempi: [[104, 146]],
    metre: '4/4',
    drums: true,
    pMinor: 0.1,
    minorKinds: ['natural'],
    sixteenths: true,
    major: [
      [I, I, IV, I, V, V, I, I],
      [I, IV, V, I],
      [I, I, V, V, IV, IV, I, I],
    ],
    minor: [[I, IV, VII, I]],
  },
  {
    name: 'ballad-6-8',
    title: '6/8 ballad backing track',
    tempi: [[58, 76]],
    metre: '6/8',
    drums: true,
    pMinor: 0.45,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    major: POP_MAJOR,
    minor: POP_MINOR,
  },
  {
    name: 'waltz',
    title: 'Waltz backing track',
    tempi: [
      [88, 120],
      [138, 184],
    ],
    metre: '3/4',
    drums: true,
    pMinor: 0.4,
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    major: [
      [I, IV, V, I],
      [I, vi, ii, V],
      [I, I, IV, V],
    ],
    minor: [
      [I, IV, V, I],
      [I, vi, IV, V],
    ],
  },
  {
    name: 'disco-house',
    title: 'Disco house jam track',
    tempi: [[112, 128]],
    metre: '4/4',
    drums: true,
    pMinor: 0.6,
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    major: [
      [I7, vi7, ii7, V7],
      [IV7, iii7, ii7, I7],
    ],
    minor: [
      [I7, I7, vi, VII],
      [I7, IV7, VII, I7],
    ],
    dorian: DORIAN_VAMPS,
  },
  {
    name: 'dnb',
    title: 'Drum and bass jam track',
    tempi: [[170, 178]],
    metre: '4/4',
    drums: true,
    pMinor: 0.85,
    minorKinds: ['natural', 'dorian'],
    sixteenths: true,
    major: POP_MAJOR,
    minor: POP_MINOR,
    dorian: [
      [I7, I7, IV7, IV7],
      [I7, ii7, I7, ii7],
    ],
  },
];

/** Pairs per style: 4 (one item of each pair in each half), 20 styles, 160 items. */
const PAIRS = 4;
const styleOf = (name: string) => STYLES.find((s) => s.name === name)!;

const PC_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const FONTS: readonly JamFont[] = ['fluidr3', 'timgm6mb', 'musescore'];

function titleOf(s: StyleDef, tonicPc: number, minor: boolean, bpm: number, r: Rand): string {
  const key = `${PC_NAMES[tonicPc]}${minor ? ' minor' : pick(r, ['', ' major'])}`;
  return pick(r, [
    `${s.title} in ${key}, ${bpm} BPM`,
    `${s.title} ${key} ${bpm} BPM`,
    `${key} ${s.title.toLowerCase()} (${bpm} bpm)`,
  ]);
}

/** The 160 items, from seed 7474: item n is held-out when n is odd, tuning when even (fixed once). */
export function jamtracks(seed = JAMTRACKS_SEED): JamItem[] {
  const r = mulberry32(seed);
  // one style per pair, the pair's two items in different halves; a style's pairs take its tempo
  // ranges in turn
  const pairs = shuffle(
    r,
    STYLES.flatMap((s) =>
      Array.from({ length: PAIRS }, (_, k) => ({ style: s.name, range: k % s.tempi.length })),
    ),
  );
  const n = pairs.length * 2;
  const pairOf = (i: number) => pairs[i >> 1]!;
  let minor: boolean[] = [];
  for (;;) {
    minor = Array.from({ length: n }, (_, i) => r() < styleOf(pairOf(i).style).pMinor);
    const ok = [0, 1].every((h) => {
      const mine = minor.filter((_, i) => i % 2 === h);
      const m = mine.filter(Boolean).length;
      return m >= 24 && mine.length - m >= 24;
    });
    if (ok) break;
  }
  // tonics: within each half and mode, whole shuffled cycles of the 12 pitch classes
  const tonic = new Array<number>(n).fill(0);
  for (const h of [0, 1]) {
    for (const m of [false, true]) {
      let cycle: number[] = [];
      for (let i = h; i < n; i += 2) {
        if (minor[i] !== m) continue;
        if (cycle.length === 0)
          cycle = shuffle(
            r,
            Array.from({ length: 12 }, (_, k) => k),
          );
        tonic[i] = cycle.pop()!;
      }
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const { style, range } = pairOf(i);
    const s = styleOf(style);
    const isMinor = minor[i]!;
    const minorKind = isMinor ? pick(r, s.minorKinds) : null;
    const [lo, hi] = s.tempi[range]!;
    const bpm = int(r, lo, hi);
    const key = `${PC_NAMES[tonic[i]!]}${isMinor ? 'min' : 'maj'}`;
    return {
      id: `jt-${String(i).padStart(3, '0')}-${style}-${key}`,
      n: i,
      style,
      title: titleOf(s, tonic[i]!, isMinor, bpm, r),
      bpm,
      tonicPc: tonic[i]!,
      mode: isMinor ? 'minor' : 'major',
      minorKind,
      metre: s.metre,
      drums: s.drums,
      soundfont: FONTS[(i >> 1) % 3]!,
      mix: pick(r, ['dry', 'room', 'hall', 'slapback'] as const),
      loudness: pick(r, ['quiet', 'normal', 'normal', 'hot'] as const),
      set: i % 2 === 1 ? 'held-out' : 'tuning',
      seed: Math.floor(r() * 2 ** 31),
    } satisfies JamItem;
  });
}

// ---------------------------------------------------------------- harmony

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const NATURAL = [0, 2, 3, 5, 7, 8, 10];
const HARMONIC = [0, 2, 3, 5, 7, 8, 11];
const DORIAN = [0, 2, 3, 5, 7, 9, 10];

function scaleOf(item: JamItem): readonly number[] {
  if (item.mode === 'major') return MAJOR;
  return item.minorKind === 'dorian' ? DORIAN : NATURAL;
}

/** Pitch classes of a chord (relative to C = 0), root first. */
function chordPcs(item: JamItem, [degree, colour]: Chord): number[] {
  // harmonic minor: the V (and its 7th) from the harmonic scale, every other chord natural
  const sc = item.minorKind === 'harmonic' && degree === 4 ? HARMONIC : scaleOf(item);
  const at = (k: number) => (item.tonicPc + sc[(degree + k) % 7]!) % 12;
  const root = at(0);
  switch (colour) {
    case 'power':
      return [root, at(4)];
    case 'dom7':
      return [root, (root + 4) % 12, (root + 7) % 12, (root + 10) % 12];
    case '6':
      return [root, at(2), at(4), at(5)];
    case 'add9':
      return [root, at(2), at(4), at(1)];
    case 'sus4':
      return [root, at(3), at(4)];
    case '7':
      return [root, at(2), at(4), at(6)];
    default:
      return [root, at(2), at(4)];
  }
}

/** The pitch ≥ `low` nearest above it with pitch class pc. */
const above = (pc: number, low: number) => low + ((((pc - low) % 12) + 12) % 12);

/** A close voicing of the chord's tones from about `centre` (the root not necessarily lowest). */
function voicing(pcs: readonly number[], centre: number): number[] {
  return pcs.map((pc) => above(pc, centre - 5)).sort((a, b) => a - b);
}

// ---------------------------------------------------------------- drums

const KICK = 36;
const SNARE = 38;
const RIM = 37;
const CLAP = 39;
const HH = 42;
const PEDAL = 44;
const OPEN = 46;
const RIDE = 51;
const CRASH = 49;
const TAMB = 54;
const SHAKER = 70;
const TOMS = [50, 48, 47, 45, 43, 41];

/** One drum voice over the bar: a step string, 'X' accent, 'x' hit, 'o' ghost, '.' rest. */
type Line = readonly [pitch: number, steps: string];

interface Groove {
  /** Per bar, several variants (chosen per item; B sections may take the second). */
  a: readonly Line[];
  b?: readonly Line[];
  /** Triplet grid (fills in triplets). */
  triplet: boolean;
}

function grooveOf(item: JamItem, r: Rand): Groove | null {
  switch (item.style) {
    case 'slow-blues':
      return {
        triplet: true,
        a: [
          [HH, pick(r, ['XxxXxxXxxXxx', 'X.xX.xX.xX.x'])],
          [KICK, pick(r, ['X.....X.....', 'X....xX.....'])],
          [SNARE, '...X.....X..'],
        ],
        b: [
          [RIDE, 'XxxXxxXxxXxx'],
          [KICK, 'X.....X....x'],
          [SNARE, '...X.....X.o'],
        ],
      };
    case 'texas-shuffle':
      return {
        triplet: true,
        a: [
          [HH, 'X.xX.xX.xX.x'],
          [KICK, pick(r, ['X.....X.....', 'X..X..X..X..'])],
          [SNARE, '...X.....X..'],
        ],
        b: [
          [RIDE, 'X.xX.xX.xX.x'],
          [KICK, 'X.....X.....'],
          [SNARE, '..oX.o...X..'],
        ],
      };
    case 'funk':
      return {
        triplet: false,
        a: [
          [HH, pick(r, ['XxxxXxxxXxxxXxxx', 'Xx.xXx.xXx.xXx.x'])],
          [KICK, pick(r, ['X..x..X...X..x..', 'X.x...X..x.x....', 'X..X...x..X.....'])],
          [SNARE, pick(r, ['....X..o.o..X..o', '....X.o.....X.o.'])],
        ],
        b: [
          [HH, 'XxxxXxxxXxxxXx.x'],
          [OPEN, '..............x.'],
          [KICK, 'X.x...X.X..x..x.'],
          [SNARE, '.o..X..o.o..X..o'],
        ],
      };
    case 'neo-soul':
      return {
        triplet: false,
        a: [
          [HH, pick(r, ['x.xxx.xxx.xxx.xx', 'xxxxxxxxxxxxxxxx'])],
          [KICK, pick(r, ['X......x..X.....', 'X.....x...x..x..'])],
          [RIM, '....X.......X...'],
        ],
        b: [
          [HH, 'x.xxx.xxx.xxx.xx'],
          [KICK, 'X......x..X..x..'],
          [SNARE, '....X.......X..o'],
        ],
      };
    case 'rock-ballad':
      return {
        triplet: false,
        a: [
          [HH, 'X.x.X.x.X.x.X.x.'],
          [KICK, pick(r, ['X.......X.x.....', 'X......xX.......'])],
          [SNARE, '....X.......X...'],
        ],
        b: [
          [RIDE, 'X.x.X.x.X.x.X.x.'],
          [KICK, 'X.......X.x.....'],
          [SNARE, '....X.......X...'],
        ],
      };
    case 'pop-punk':
      return {
        triplet: false,
        a: [
          [HH, 'X.x.X.x.X.x.X.x.'],
          [KICK, pick(r, ['X...x.x.X...x...', 'X.x...x.X.x...x.'])],
          [SNARE, '....X.......X...'],
        ],
        b: [
          [RIDE, 'X.x.X.x.X.x.X.x.'],
          [KICK, 'X.x.X.x.X.x.X.x.'],
          [SNARE, '....X.......X...'],
        ],
      };
    case 'metal':
      return {
        triplet: false,
        a: [
          [CRASH, 'X...X...X...X...'],
          [KICK, 'xxxxxxxxxxxxxxxx'],
          [SNARE, '....X.......X...'],
        ],
        b: [
          [RIDE, 'X.x.X.x.X.x.X.x.'],
          [KICK, 'X.xxX.xxX.xxX.xx'],
          [SNARE, '....X.......X...'],
        ],
      };
    case 'half-time-rock':
      return {
        triplet: false,
        a: [
          [HH, 'X.x.X.x.X.x.X.x.'],
          [KICK, pick(r, ['X.....x...x.....', 'X.x.......x..x..'])],
          [SNARE, '........X.......'],
        ],
        b: [
          [RIDE, 'X.x.X.x.X.x.X.x.'],
          [KICK, 'X.x...x...x.....'],
          [SNARE, '........X.......'],
        ],
      };
    case 'reggae':
      return {
        triplet: false,
        a: [
          [HH, pick(r, ['x.x.x.x.x.x.x.x.', 'x.xxx.x.x.xxx.x.'])],
          [KICK, '........X.......'],
          [RIM, '........X.......'],
        ],
        b: [
          [HH, 'x.x.x.x.x.x.x.xx'],
          [KICK, '........X.......'],
          [SNARE, '........X.....o.'],
        ],
      };
    case 'bossa-nova':
      return {
        triplet: false,
        a: [
          [SHAKER, 'XxxxXxxxXxxxXxxx'],
          [KICK, 'X..xX..xX..xX..x'],
          [RIM, pick(r, ['x..x..x...x..x..', 'x..x...x..x..x..'])],
        ],
        b: [
          [RIDE, 'X.x.X.x.X.x.X.x.'],
          [KICK, 'X..xX..xX..xX..x'],
          [RIM, '..x..x...x..x...'],
        ],
      };
    case 'jazz-swing':
      return {
        triplet: true,
        a: [
          [RIDE, 'X..X.xX..X.x'],
          [PEDAL, '...X.....X..'],
          [KICK, 'o..o..o..o..'],
        ],
        b: [
          [RIDE, 'X..X.xX..X.x'],
          [PEDAL, '...X.....X..'],
          [SNARE, '.....o....o.'],
          [KICK, 'o..o..o..o..'],
        ],
      };
    case 'jazz-ballad':
      return {
        triplet: true,
        a: [
          [SNARE, 'oooxoooooxoo'],
          [PEDAL, '...X.....X..'],
          [KICK, 'o.....o.....'],
        ],
        b: [
          [RIDE, 'x..x.xx..x.x'],
          [SNARE, 'o..x.....x..'],
          [PEDAL, '...X.....X..'],
        ],
      };
    case 'gospel':
      return {
        triplet: false,
        a: [
          [HH, 'XxxxXxxxXxxxXxxx'],
          [KICK, pick(r, ['X.....x.X.......', 'X..x....X.x.....'])],
          [SNARE, '....X.......X...'],
          [CLAP, '....X.......X...'],
        ],
        b: [
          [TAMB, 'X.x.X.x.X.x.X.x.'],
          [HH, 'XxxxXxxxXxxxXxxx'],
          [KICK, 'X.....x.X..x....'],
          [SNARE, '....X..o....X..o'],
        ],
      };
    case 'country-train':
      return {
        triplet: false,
        a: [
          [SNARE, 'ooooXoooooooXooo'],
          [KICK, 'X.......X.......'],
        ],
        b: [
          [SNARE, 'ooooXoooooooXooo'],
          [KICK, 'X.......X.......'],
          [HH, '....x.......x...'],
        ],
      };
    case 'ballad-6-8':
      return {
        triplet: true,
        a: [
          [HH, 'x.x.x.x.x.x.'],
          [KICK, pick(r, ['X...........', 'X...x.......'])],
          [SNARE, '......X.....'],
        ],
        b: [
          [RIDE, 'X.x.x.X.x.x.'],
          [KICK, 'X.........x.'],
          [SNARE, '......X.....'],
        ],
      };
    case 'waltz':
      return {
        triplet: false,
        a: [
          [KICK, 'X...........'],
          [HH, '....x...x...'],
          [PEDAL, '....x...x...'],
        ],
        b: [
          [RIDE, 'X...x.x.x...'],
          [KICK, 'X...........'],
          [SNARE, '....o...o...'],
        ],
      };
    case 'disco-house':
      return {
        triplet: false,
        a: [
          [KICK, 'X...X...X...X...'],
          [HH, 'x.x.x.x.x.x.x.x.'],
          [OPEN, '..X...X...X...X.'],
          [CLAP, '....X.......X...'],
        ],
        b: [
          [KICK, 'X...X...X...X...'],
          [HH, 'xxxxxxxxxxxxxxxx'],
          [OPEN, '..X...X...X...X.'],
          [CLAP, '....X.......X...'],
          [TAMB, '....x.......x...'],
        ],
      };
    case 'dnb':
      return {
        triplet: false,
        a: [
          [KICK, pick(r, ['X.........X.....', 'X.........X..x..'])],
          [SNARE, '....X.......X...'],
          [HH, 'x.xxx.x.x.xxx.x.'],
        ],
        b: [
          [KICK, 'X.X.......X.....'],
          [SNARE, '....X..o.o..X...'],
          [RIDE, 'x.x.x.x.x.x.x.x.'],
        ],
      };
    default:
      return null;
  }
}

// ---------------------------------------------------------------- instruments

const CH_BASS = 0;
const CH_COMP = 1;
const CH_KEYS = 2;
const CH_LEAD = 3;
const CH_DRUMS = 9;

interface Band {
  bass: number | null;
  comp: number;
  keys: number | null;
  lead: number | null;
  /** GM drum kit (program on channel 10): 0 standard, 8 room, 16 power, 32 jazz, 40 brush. */
  kit: number;
}

function bandOf(item: JamItem, r: Rand): Band {
  const b = (bass: number | null, comp: number, keys: number | null, lead: number | null, kit = 0): Band => ({
    bass,
    comp,
    keys,
    lead,
    kit,
  });
  switch (item.style) {
    case 'slow-blues':
      return b(33, pick(r, [27, 26]), pick(r, [16, 17, 0]), pick(r, [29, 22, 66]));
    case 'texas-shuffle':
      return b(pick(r, [33, 34]), pick(r, [27, 29]), pick(r, [0, 17, null]), pick(r, [29, 22, 30]));
    case 'funk':
      return b(pick(r, [36, 37, 33]), pick(r, [28, 27]), pick(r, [4, 7, 16]), pick(r, [61, 56, 65]));
    case 'neo-soul':
      return b(pick(r, [33, 35]), pick(r, [4, 5]), pick(r, [89, 48, null]), pick(r, [26, 11, 73]));
    case 'rock-ballad':
      return b(33, pick(r, [0, 25]), pick(r, [48, 49, 89]), pick(r, [29, 27, 40]), 8);
    case 'pop-punk':
      return b(34, pick(r, [30, 29]), null, pick(r, [29, 80]), pick(r, [0, 16]));
    case 'metal':
      return b(34, 30, null, pick(r, [30, 29, 81]), 16);
    case 'half-time-rock':
      return b(
        pick(r, [34, 38]),
        pick(r, [29, 30]),
        pick(r, [89, 50, null]),
        pick(r, [29, 81, 30]),
        pick(r, [16, 0]),
      );
    case 'reggae':
      return b(pick(r, [33, 38]), pick(r, [27, 28]), pick(r, [17, 16]), pick(r, [56, 65, 80]));
    case 'bossa-nova':
      return b(32, 24, pick(r, [0, 4, null]), pick(r, [73, 65, 66]), 32);
    case 'jazz-swing':
      return b(32, pick(r, [0, 26]), null, pick(r, [66, 65, 56, 11]), 32);
    case 'jazz-ballad':
      return b(32, pick(r, [0, 4]), pick(r, [48, null]), pick(r, [66, 65, 57, 71]), 40);
    case 'gospel':
      return b(pick(r, [33, 38]), pick(r, [0, 1]), pick(r, [16, 17, 18]), pick(r, [61, 56, null]));
    case 'acoustic-strum':
      return b(pick(r, [32, 33, null]), pick(r, [25, 24]), null, pick(r, [73, 22, 40, null]));
    case 'solo-piano':
      return b(null, pick(r, [0, 1, 2]), null, null);
    case 'country-train':
      return b(pick(r, [32, 33]), 25, pick(r, [0, 26]), pick(r, [40, 22, 27]));
    case 'ballad-6-8':
      return b(33, pick(r, [0, 25, 4]), pick(r, [48, 89, 49]), pick(r, [73, 40, 65, 29]), pick(r, [0, 8]));
    case 'waltz':
      return b(pick(r, [32, 33]), pick(r, [0, 21, 24]), pick(r, [48, null]), pick(r, [40, 73, 71, 11]), 0);
    case 'disco-house':
      return b(
        pick(r, [38, 39, 33]),
        pick(r, [4, 48, 81]),
        pick(r, [50, 61, null]),
        pick(r, [80, 81, 61]),
        pick(r, [24, 25, 0]),
      );
    default:
      return b(pick(r, [38, 39]), pick(r, [89, 90, 50]), pick(r, [4, null]), pick(r, [80, 81, 11]));
  }
}

// ---------------------------------------------------------------- the piece

function metreQ(metre: JamMetre): { beatQ: number; barQ: number; beats: number } {
  if (metre === '3/4') return { beatQ: 1, barQ: 3, beats: 3 };
  if (metre === '12/8') return { beatQ: 1.5, barQ: 6, beats: 4 };
  if (metre === '6/8') return { beatQ: 1.5, barQ: 3, beats: 2 };
  return { beatQ: 1, barQ: 4, beats: 4 };
}

/** Quarter notes per minute of the MIDI file: the labelled beat × its length in quarter notes. */
export function jamtracksQpm(item: JamItem): number {
  return item.bpm * metreQ(item.metre).beatQ;
}

/** Styles whose 8ths are swung to triplets (positions written on the triplet grid). */
const SHUFFLED = new Set(['texas-shuffle', 'jazz-swing', 'jazz-ballad']);
/** Styles with lightly swung 16ths (the odd 16th delayed by swingQ). */
const SWUNG_16 = new Set(['neo-soul']);

/** The whole track: a count-in (or the band's first bar), then A and B sections of 4 or 12 bars. */
export function composeJamtrack(item: JamItem): JamScore {
  const r = mulberry32(item.seed);
  const { beatQ, barQ, beats } = metreQ(item.metre);
  const qpm = jamtracksQpm(item);
  const barSec = (barQ * 60) / qpm;
  const introBars = barSec < 1.6 ? 2 : 1;
  const bars = introBars + Math.ceil((JAMTRACKS_CLIP_SEC - introBars * barSec) / barSec) + 1;
  const introEndQ = introBars * barQ;
  const style = styleOf(item.style);
  const progs =
    item.minorKind === 'dorian' && style.dorian
      ? style.dorian
      : item.mode === 'minor'
        ? style.minor
        : style.major;
  // harmonic minor needs its V (the raised 7th) in the progression
  const chordsOf = (b: Bar): readonly Chord[] =>
    Array.isArray(b[0]) ? (b as readonly [Chord, Chord]) : [b as Chord];
  const usable =
    item.minorKind === 'harmonic'
      ? progs.filter((p) => p.some((b) => chordsOf(b).some(([d, c]) => d === 4 && c !== 'power')))
      : progs;
  const progA = pick(r, usable);
  const progB = usable.length > 1 && r() < 0.6 ? pick(r, usable) : progA;
  const blues = progA.length === 12;
  const sectionLen = blues ? 12 : pick(r, [4, 8]);
  const sections: { name: string; bar: number }[] = [{ name: 'intro', bar: 0 }];
  for (let bar = introBars, k = 0; bar < bars; bar += sectionLen, k++)
    sections.push({ name: k % 2 === 0 ? 'A' : 'B', bar });
  const sectionOf = (bar: number) => [...sections].reverse().find((s) => s.bar <= bar)!;
  /** The chord at a position (quarters); the intro plays the tonic. */
  const chordAt = (q: number): Chord => {
    const bar = Math.floor(q / barQ + 1e-9);
    if (bar < introBars) return I;
    const sec = sectionOf(bar);
    const prog = sec.name === 'B' ? progB : progA;
    const entry = prog[(bar - sec.bar) % prog.length]!;
    if (Array.isArray(entry[0])) {
      const pair = entry as readonly [Chord, Chord];
      return q - bar * barQ < barQ / 2 - 1e-9 ? pair[0] : pair[1];
    }
    return entry as Chord;
  };
  const band = bandOf(item, r);
  const g = item.drums ? grooveOf(item, r) : null;
  const swingQ = SWUNG_16.has(item.style) ? pick(r, [0.04, 0.05, 0.06]) : 0;
  const notes: JamNote[] = [];
  const human = (part: JamPart) => {
    const spread = part === 'drums' ? 0.004 : part === 'lead' ? 0.012 : 0.008;
    const lean = part === 'drums' && item.style === 'neo-soul' ? 0.006 : 0; // laid back
    return Math.max(-0.015, Math.min(0.015, lean + (r() + r() - 1) * spread));
  };
  const add = (
    part: JamPart,
    channel: number,
    pitch: number,
    start: number,
    duration: number,
    velocity: number,
    ornament = false,
  ): void => {
    notes.push({
      part,
      channel,
      pitch,
      start,
      duration,
      velocity: Math.max(1, Math.min(127, Math.round(velocity))),
      jitterSec: human(part),
      ...(ornament ? { ornament: true } : {}),
    });
  };
  /** Swing a straight 8th-note position (in quarters) to the triplet grid for the shuffle styles. */
  const swing8 = (q: number) => {
    if (!SHUFFLED.has(item.style)) return q;
    const f = q - Math.floor(q);
    return Math.abs(f - 0.5) < 1e-9 ? Math.floor(q) + 2 / 3 : q;
  };
  const swing16 = (q: number) => {
    if (swingQ === 0) return q;
    const s = (q * 4) % 2;
    return Math.abs(s - 1) < 1e-9 ? q + swingQ : q;
  };

  // ---- drums: count-in, groove, fills at phrase ends, crash after them
  if (g) {
    for (let k = 0; k < introBars * beats; k++)
      add('drums', CH_DRUMS, k % beats === 0 ? RIM : HH, k * beatQ, 0.1, k % beats === 0 ? 96 : 80);
    for (let bar = introBars; bar < bars; bar++) {
      const sec = sectionOf(bar);
      const lines = sec.name === 'B' && g.b ? g.b : g.a;
      const phraseEnd = (bar - introBars + 1) % 4 === 0;
      const bigEnd = (bar + 1 - sec.bar) % sectionLen === 0;
      const fillFrom = bigEnd ? barQ - 2 * beatQ : phraseEnd ? barQ - beatQ : barQ;
      for (const [pitch, steps] of lines) {
        const step = barQ / steps.length;
        for (let i = 0; i < steps.length; i++) {
          const c = steps[i]!;
          if (c === '.') continue;
          const at = i * step;
          if (at >= fillFrom - 1e-9 && pitch !== KICK && pitch !== PEDAL) continue;
          const vel = c === 'X' ? 112 : c === 'x' ? 88 : 46;
          add('drums', CH_DRUMS, pitch, bar * barQ + swing16(at), 0.1, vel + int(r, -6, 6));
        }
      }
      if (fillFrom < barQ) {
        // toms and snare down the kit, in 16ths or triplets of the beat
        const div = g.triplet ? 3 : 4;
        const hits = Math.round(((barQ - fillFrom) / beatQ) * div);
        const unit = beatQ / div;
        const kit =
          item.style === 'jazz-ballad' || item.style === 'jazz-swing'
            ? [SNARE, SNARE, 45, 41]
            : [SNARE, ...TOMS];
        for (let k = 0; k < hits; k++) {
          if (r() < 0.15 && k > 0) continue;
          const p = kit[Math.min(kit.length - 1, Math.floor((k / hits) * kit.length))]!;
          add('drums', CH_DRUMS, p, bar * barQ + fillFrom + k * unit, 0.1, 80 + (k * 30) / hits);
        }
      }
      const prevEnd = bar > introBars && (bar - introBars) % 4 === 0;
      if (prevEnd || bar === introBars) add('drums', CH_DRUMS, CRASH, bar * barQ, 1, 104);
    }
  }

  // ---- bass
  const bassLine = (bar: number) => {
    const start = bar * barQ;
    const ch = chordAt(start);
    const pcs = chordPcs(item, ch);
    const root = above(pcs[0]!, 28);
    const fifth = above(pcs[pcs.length > 2 ? 2 : 1]!, root);
    const third = above(pcs[1]!, root);
    const at = (q: number) => chordPcs(item, chordAt(start + q));
    const rootAt = (q: number) => above(at(q)[0]!, 28);
    const B = (q: number, len: number, pitch: number, vel = 96) =>
      add('bass', CH_BASS, pitch, start + q, len, vel);
    switch (item.style) {
      case 'slow-blues':
      case 'texas-shuffle': {
        // boogie: root, third, fifth, sixth, seventh and back, long-short on the shuffled 8ths (in
        // 12/8 a quarter and an eighth to each dotted-quarter beat); a tone outside the key (the
        // blues b7 allowed in major) becomes the fifth
        const scale = scaleOf(item);
        const fits = (p: number) => {
          const rel = (p - item.tonicPc + 120) % 12;
          return scale.includes(rel) || (item.mode === 'major' && rel === 10);
        };
        const perBeat = item.style === 'slow-blues' ? [0, 1] : [0, 2 / 3];
        const beatLen = item.style === 'slow-blues' ? 1.5 : 1;
        let k = 0;
        for (let b = 0; b * beatLen < barQ - 1e-9; b++) {
          for (const off of perBeat) {
            const q = b * beatLen + off;
            const pcsHere = at(q);
            const r0 = rootAt(q);
            const thirdHere = above(pcsHere[1]!, r0);
            const walk = [r0, thirdHere, r0 + 7, r0 + 9, r0 + 10, r0 + 9, r0 + 7, thirdHere];
            const p = walk[k % 8]!;
            B(q, off === 0 ? beatLen * 0.6 : beatLen * 0.3, fits(p) ? p : r0 + 7, off === 0 ? 100 : 84);
            k++;
          }
        }
        break;
      }
      case 'funk': {
        const pat = pick(r, [
          [0, 0.75, 1.5, 2, 2.75, 3.5],
          [0, 0.5, 1.25, 2, 2.5, 3.25, 3.75],
        ]);
        pat.forEach((q, k) => {
          B(q, 0.2, k === 2 || k === 5 ? root + 12 : k === 4 ? fifth : root, k % 2 ? 86 : 108);
        });
        B(3.875, 0.1, root + 12, 60);
        break;
      }
      case 'neo-soul':
        B(0, 1.4, root, 96);
        B(swing16(1.75), 0.5, third, 80);
        B(2.5, 1, fifth, 86);
        B(swing16(3.25), 0.5, rootAt(3.25) + 12, 74);
        break;
      case 'rock-ballad':
      case 'acoustic-strum':
      case 'ballad-6-8':
        if (item.metre === '6/8') {
          B(0, 1.4, root, 96);
          B(2, 1, fifth, 80);
        } else {
          B(0, 1.8, root, 96);
          B(2, 1.5, root, 86);
          B(3.5, 0.45, fifth, 76);
        }
        break;
      case 'pop-punk':
      case 'half-time-rock':
        for (let k = 0; k < 8; k++) B(k * 0.5, 0.42, rootAt(k * 0.5), k % 2 ? 90 : 104);
        break;
      case 'metal':
        for (let k = 0; k < 16; k++) {
          const gallop = k % 4 !== 1;
          if (gallop) B(k * 0.25, 0.2, rootAt(k * 0.25), k % 4 === 0 ? 110 : 90);
        }
        break;
      case 'reggae':
        // melodic one-drop bass: rests on beat 1, then a figure
        B(0.5, 0.45, root, 100);
        B(1, 0.7, third, 90);
        B(1.75, 0.5, fifth, 88);
        B(2.5, 0.45, root, 98);
        B(3, 0.45, above(pcs[0]!, 40), 84);
        break;
      case 'bossa-nova':
        B(0, 1.4, root, 96);
        B(1.5, 0.45, fifth - 12 >= 28 ? fifth - 12 : fifth, 84);
        B(2, 1.4, fifth - 12 >= 28 ? fifth - 12 : fifth, 90);
        B(3.5, 0.45, rootAt(3.5), 84);
        break;
      case 'jazz-swing':
      case 'jazz-ballad': {
        if (item.style === 'jazz-ballad' && r() < 0.5) {
          B(0, 1.9, root, 90);
          B(2, 1.9, rootAt(2) === root ? fifth : rootAt(2), 86);
          break;
        }
        // walking quarters: root, chord tone, scale step, approach to the next bar's root
        const nextRoot = above(chordPcs(item, chordAt(start + barQ))[0]!, 28);
        const scale = scaleOf(item);
        const inKey = (p: number) => scale.includes((p - item.tonicPc + 120) % 12);
        const approach = inKey(nextRoot + 2)
          ? nextRoot + 2
          : nextRoot - 1 >= 28 && inKey(nextRoot - 1)
            ? nextRoot - 1
            : fifth;
        const step2 = scale
          .map((x) => above((item.tonicPc + x) % 12, root + 1))
          .reduce((a, x) => Math.min(a, x));
        const line =
          r() < 0.5
            ? [
                rootAt(0),
                rootAt(1) === root ? third : rootAt(1),
                rootAt(2) === root ? fifth : rootAt(2),
                approach,
              ]
            : [
                rootAt(0),
                rootAt(1) === root ? step2 : rootAt(1),
                rootAt(2) === root ? third : rootAt(2),
                approach,
              ];
        line.forEach((p, k) => {
          B(k, 0.9, p, k === 0 ? 98 : 88);
        });
        break;
      }
      case 'gospel':
        B(0, 0.7, root, 100);
        B(0.75, 0.2, root, 70);
        B(1.5, 0.5, root + 12, 86);
        B(2, 0.9, rootAt(2), 96);
        B(3, 0.45, above(at(3)[1]!, 28), 84);
        B(3.5, 0.45, above(at(3.5)[2] ?? at(3.5)[0]!, 28), 84);
        break;
      case 'country-train':
        B(0, 0.9, root, 100);
        B(2, 0.9, fifth - 12 >= 26 ? fifth - 12 : fifth, 90);
        break;
      case 'waltz':
        B(0, 0.9, bar % 2 === 0 ? root : fifth - 12 >= 26 ? fifth - 12 : fifth, 96);
        break;
      case 'disco-house':
        for (let k = 0; k < 8; k++) B(k * 0.5, 0.35, root + (k % 2 ? 12 : 0), k % 2 ? 90 : 104);
        break;
      case 'dnb':
        B(0, 2.4, root, 104);
        B(2.5, 1.2, rootAt(2.5) + (r() < 0.5 ? 0 : 7), 96);
        break;
      default:
        break;
    }
  };
  if (band.bass !== null) for (let bar = introBars; bar < bars; bar++) bassLine(bar);

  // ---- the comping instrument (and in the intro of drumless pieces)
  const comp = (bar: number) => {
    const start = bar * barQ;
    const C = (q: number, len: number, vel: number, centre = 60, roll = 0) => {
      const pcs = chordPcs(item, chordAt(start + q));
      voicing(pcs, centre).forEach((p, k) => {
        add('comp', CH_COMP, p, start + q + k * roll, len - k * roll, vel - k * 2, roll > 0 && k > 0);
      });
    };
    switch (item.style) {
      case 'slow-blues':
        // guitar triplet comp on beats 2 and 4, chords held on 1 and 3
        for (let b = 0; b < 4; b++) C(b * 1.5, b % 2 ? 0.4 : 1.3, b % 2 ? 70 : 78, 60);
        break;
      case 'texas-shuffle':
        for (let b = 0; b < 4; b++) {
          C(b, 0.5, 78, 58);
          C(b + 2 / 3, 0.3, 64, 58);
        }
        break;
      case 'funk': {
        const hits = pick(r, [
          [0, 0.75, 1.25, 2.5, 3, 3.75],
          [0.5, 1, 1.75, 2.5, 3.25],
        ]);
        for (const q of hits) C(q, 0.18, 84, 66);
        break;
      }
      case 'neo-soul':
        C(0, 1.6, 66, 62, 0.03);
        C(swing16(1.75), 0.6, 58, 62);
        C(2.5, 1.4, 62, 62, 0.02);
        break;
      case 'rock-ballad':
        if (band.comp === 0)
          for (let k = 0; k < 8; k++) {
            const pcs = voicing(chordPcs(item, chordAt(start + k * 0.5)), 62);
            add('comp', CH_COMP, pcs[[0, 1, 2, 1][k % 4]!]!, start + k * 0.5, 0.5, k % 2 ? 62 : 72);
          }
        else {
          C(0, 1.9, 74, 58, 0.02);
          C(2, 1.4, 66, 58, 0.02);
          C(3.5, 0.45, 60, 58, 0.02);
        }
        break;
      case 'pop-punk':
        for (let k = 0; k < 8; k++) C(k * 0.5, 0.4, k % 2 ? 84 : 96, 52);
        break;
      case 'metal':
        for (let k = 0; k < 16; k++) if (k % 4 !== 1) C(k * 0.25, 0.2, k % 4 === 0 ? 104 : 86, 46);
        break;
      case 'half-time-rock':
        for (let k = 0; k < 8; k++) C(k * 0.5, 0.44, k % 2 ? 80 : 94, 52);
        break;
      case 'reggae':
        // the skank: every off-beat 8th, short
        for (let b = 0; b < 4; b++) C(b + 0.5, 0.2, 84, 64);
        break;
      case 'bossa-nova':
        for (const [q, len] of [
          [0, 0.7],
          [0.75, 0.5],
          [1.5, 0.4],
          [2.25, 0.5],
          [3, 0.4],
          [3.5, 0.4],
        ] as const)
          C(q, len, 64, 58);
        break;
      case 'jazz-swing': {
        // Freddie Green on guitar or a comping piano: charleston and anticipations
        if (band.comp === 26) for (let b = 0; b < 4; b++) C(b, 0.4, b % 2 ? 60 : 54, 56);
        else {
          C(0, 0.9, 66, 62);
          C(1 + 2 / 3, 0.3, 60, 62);
          if (r() < 0.5) C(3 + 2 / 3, 0.3, 58, 62);
        }
        break;
      }
      case 'jazz-ballad':
        C(0, 1.9, 58, 60, 0.04);
        C(2, 1.9, 54, 60, 0.04);
        break;
      case 'gospel':
        C(0, 0.45, 84, 64);
        C(0.75, 0.2, 64, 64);
        C(1, 0.45, 76, 64);
        C(1.5, 0.45, 70, 64);
        C(2, 0.45, 84, 64);
        C(2.75, 0.2, 64, 64);
        C(3, 0.45, 76, 64);
        C(3.5, 0.45, 70, 64);
        break;
      case 'acoustic-strum': {
        // strums rolled across the strings: down on the beat, up on the off-beat
        const pattern =
          item.bpm > 120 ? pick(r, ['D.D.D.D.', 'D.DUD.DU']) : pick(r, ['D.DU.UDU', 'D.DUDUDU']);
        for (let k = 0; k < 8; k++) {
          const c = pattern[k]!;
          if (c === '.') continue;
          const pcs = voicing(chordPcs(item, chordAt(start + k * 0.5)), 56);
          const six = [pcs[0]! - 12, ...pcs, pcs[0]! + 12];
          const order = c === 'D' ? six : [...six].reverse().slice(0, 4);
          order.forEach((p, i) => {
            add(
              'comp',
              CH_COMP,
              p,
              start + k * 0.5 + i * 0.012 * (qpm / 60),
              0.5 - i * 0.012,
              (c === 'D' ? 84 : 64) - i * 2,
              i > 0,
            );
          });
        }
        break;
      }
      case 'solo-piano': {
        // left-hand arpeggio: 16ths when slow (busy), 8ths when fast
        const div = item.bpm < 100 ? 4 : 2;
        for (let k = 0; k < barQ * div; k++) {
          const q = k / div;
          const pcs = chordPcs(item, chordAt(start + q));
          const root = above(pcs[0]!, 36);
          const up = [
            root,
            above(pcs[2] ?? pcs[1]!, root),
            above(pcs[1]!, root + 7),
            root + 12,
            above(pcs[1]!, root + 7),
            above(pcs[2] ?? pcs[1]!, root),
          ];
          add('comp', CH_COMP, up[k % up.length]!, start + q, 1 / div, k % div === 0 ? 76 : 60);
        }
        break;
      }
      case 'country-train':
        C(1, 0.4, 80, 58, 0.01);
        C(3, 0.4, 80, 58, 0.01);
        C(1.5, 0.2, 60, 58);
        C(3.5, 0.2, 60, 58);
        break;
      case 'ballad-6-8':
        for (let k = 0; k < 6; k++) {
          const pcs = voicing(chordPcs(item, chordAt(start + k * 0.5)), 58);
          add(
            'comp',
            CH_COMP,
            [pcs[0]! - 12, pcs[0]!, pcs[1]!, pcs[2]!, pcs[1]!, pcs[0]!][k]!,
            start + k * 0.5,
            0.5,
            k % 3 === 0 ? 72 : 58,
          );
        }
        break;
      case 'waltz':
        C(1, 0.7, 70, 62);
        C(2, 0.7, 64, 62);
        break;
      case 'disco-house':
        if (band.comp === 48) C(0, barQ - 0.1, 62, 64);
        else for (const q of [0.5, 1.5, 2.5, 3.5]) C(q, 0.3, 76, 64);
        break;
      default:
        // dnb: a pad a bar long
        C(0, barQ - 0.05, 58, 60);
    }
  };
  const drumless = !item.drums;
  for (let bar = drumless ? 0 : introBars; bar < bars; bar++) comp(bar);

  // ---- a second keyboard: organ or string pad, held chords (B sections only where busy)
  if (band.keys !== null) {
    for (let bar = introBars; bar < bars; bar++) {
      const sec = sectionOf(bar);
      if (sec.name !== 'B' && ['pop-punk', 'metal', 'funk', 'disco-house'].includes(item.style)) continue;
      const halves = [0, barQ / 2].filter(
        (q, k) => k === 0 || chordAt(bar * barQ + q) !== chordAt(bar * barQ),
      );
      halves.forEach((q, k) => {
        const len = halves.length > 1 && k === 0 ? barQ / 2 : barQ - q;
        voicing(chordPcs(item, chordAt(bar * barQ + q)), 67).forEach((p) => {
          add('keys', CH_KEYS, p, bar * barQ + q, len - 0.05, 54);
        });
      });
    }
  }

  // ---- lead: phrases of two bars answered by two bars of rest, on the style's unit
  const leadCh = band.lead !== null ? CH_LEAD : item.style === 'solo-piano' ? CH_COMP : null;
  if (leadCh !== null) {
    const unit = (() => {
      if (item.metre === '12/8' || item.metre === '6/8') return 0.5;
      if (['funk', 'metal', 'gospel', 'neo-soul', 'bossa-nova', 'dnb'].includes(item.style))
        return pick(r, [0.25, 0.5]);
      return 0.5;
    })();
    const penta = item.mode === 'major' ? [0, 2, 4, 7, 9] : [0, 3, 5, 7, 10];
    const usePenta = [
      'slow-blues',
      'texas-shuffle',
      'pop-punk',
      'metal',
      'half-time-rock',
      'funk',
      'rock-ballad',
      'country-train',
    ].includes(item.style);
    const leadScale = usePenta ? penta : [...scaleOf(item)];
    const low = 62 + ((item.tonicPc - 2 + 12) % 12);
    // the tune's tones, within a tenth above `low`
    const tones: number[] = [];
    for (let p = low; p <= low + 16; p++)
      if (leadScale.includes((p - item.tonicPc + 120) % 12)) tones.push(p);
    const slots = Math.round((2 * barQ) / unit);
    const phrase = () => {
      const on: { at: number; len: number }[] = [];
      for (let i = 0; i < slots - 3; ) {
        const len = pick(r, [1, 1, 1, 2, 2, 3]);
        if (r() < 0.7) on.push({ at: i, len: Math.min(len, slots - 3 - i) });
        i += len;
      }
      on.push({ at: slots - 3, len: 3 });
      return on;
    };
    const motifs = [phrase(), phrase()];
    for (let bar = introBars, k = 0; bar + 1 < bars; bar += 4, k++) {
      const rhythm = motifs[k % 2]!;
      let idx = int(r, 2, tones.length - 3);
      rhythm.forEach((o, j) => {
        const q = bar * barQ + o.at * unit;
        const last = j === rhythm.length - 1;
        const chord = chordPcs(item, chordAt(q));
        const onBeat = Math.abs((q / beatQ) % 1) < 1e-9;
        if (last) {
          // end the phrase on the chord's root nearest the current note (the tonic on the tonic chord)
          const target = chord[0]!;
          const near = tones.map((p, i) => [p, i] as const).filter(([p]) => p % 12 === target);
          if (near.length)
            idx = near.reduce((a, b) => (Math.abs(b[1] - idx) < Math.abs(a[1] - idx) ? b : a))[1];
        } else {
          idx = Math.max(0, Math.min(tones.length - 1, idx + pick(r, [-2, -1, -1, 1, 1, 2, 0])));
          if (onBeat && !chord.includes(tones[idx]! % 12)) {
            const near = tones.map((p, i) => [p, i] as const).filter(([p]) => chord.includes(p % 12));
            if (near.length)
              idx = near.reduce((a, b) => (Math.abs(b[1] - idx) < Math.abs(a[1] - idx) ? b : a))[1];
          }
        }
        const pos = unit === 0.5 ? swing8(q) : swing16(q);
        // harmonic minor: the lead takes the V chord's raised 7th instead of the natural one
        const raise =
          item.minorKind === 'harmonic' &&
          chordAt(q)[0] === 4 &&
          (tones[idx]! - item.tonicPc + 120) % 12 === 10;
        const pitch = tones[idx]! + (raise ? 1 : 0) + (leadCh === CH_COMP ? 12 : 0);
        add('lead', leadCh, pitch, pos, o.len * unit * 0.9, onBeat ? 94 : 82);
      });
    }
  }

  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  const space = item.mix === 'dry' ? 4 : item.mix === 'room' ? 36 : item.mix === 'hall' ? 76 : 40;
  const ctl = (ch: number, vol: number, pan: number) =>
    [
      [7, vol],
      [10, pan],
      [91, ch === CH_BASS ? Math.round(space / 4) : ch === CH_DRUMS ? Math.round(space / 2) : space],
      [93, ch === CH_COMP || ch === CH_KEYS ? 30 : 0],
    ] as const;
  const programs: SmfProgram[] = [];
  if (band.bass !== null)
    programs.push({ channel: CH_BASS, program: band.bass, controllers: ctl(CH_BASS, 104, 64) });
  programs.push({
    channel: CH_COMP,
    program: band.comp,
    controllers: ctl(CH_COMP, drumless ? 110 : 92, int(r, 44, 56)),
  });
  if (band.keys !== null)
    programs.push({ channel: CH_KEYS, program: band.keys, controllers: ctl(CH_KEYS, 72, int(r, 72, 84)) });
  if (band.lead !== null)
    programs.push({ channel: CH_LEAD, program: band.lead, controllers: ctl(CH_LEAD, 96, int(r, 58, 70)) });
  if (g) programs.push({ channel: CH_DRUMS, program: band.kit, controllers: ctl(CH_DRUMS, 108, 64) });
  return { qpm, bars, barQ, introEndQ, beatQ, swingQ, sections, programs, notes };
}

/** The item as a format-0 SMF at its labelled tempo (quarter notes: the dotted quarter × 1.5 in 6/8 and 12/8). */
export function jamtracksMidi(item: JamItem): Uint8Array {
  return scoreToSmf(composeJamtrack(item), item.metre);
}

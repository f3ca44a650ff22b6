// The beat store (fourth composer): 160 short pieces as modern producers make and tag them on a beat
// store, a DJ pool or in a DAW project, each labelled with the tempo the producer typed into the DAW
// (not what a listener might tap: a trap beat at 140 is labelled 140 although its snare falls every
// 2nd beat), its key and its drum feel. Composed from seed 6464 (mulberry32, shared); written as
// SMF by smf.ts and rendered by beatstore-render.ts. Tests and benches only.
//
// Label conventions (the DAW tempo, quarter notes per minute, unless said):
// - dubstep, future bass, trap, drill: half-time drums (snare on beat 3) at the DAW tempo 138-160.
// - drum & bass: 170-176, snare on 2 and 4 of the 170 bar (two-step).
// - salsa: the quarter note of the 4/4 chart (the clave spans two bars), 170-200.
// - cumbia: the quarter note of the 2/4 chart, which is what DJ pools list (85-100, "cumbia 92");
//   two 2/4 bars are written as one 4/4 bar (metre '4/4').
// - waltz and jazz waltz: the quarter note of the 3/4 bar.
// - afro-cuban 6/8 (written in 12/8): the dotted quarter, 4 beats to the bar.
// - ambient and the piano ballad: the quarter note of the DAW project (arpeggio eighths or
//   sixteenths, broken-chord eighths), no drums.
// The PRNG only (mulberry32, the one PRNG of the labelled material): nothing musical from corpus.ts.
import { mulberry32 } from './corpus.ts';
import { type ScoreNote, type SmfProgram, scoreToSmf } from './smf.ts';

export const BEATSTORE_SEED = 6464;
export const BEATSTORE_CLIP_SEC = 30;

export type BeatstoreFont = 'musescore' | 'fluidr3';
export type Metre = '4/4' | '3/4' | '6/8' | '12/8';
export type MinorKind = 'natural' | 'harmonic' | 'dorian';
/** Production touch in the render: fluidsynth's reverb and chorus off, its defaults, or a big hall. */
export type Fx = 'dry' | 'room' | 'hall';

export interface BeatstoreItem {
  id: string;
  n: number;
  style: string;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: MinorKind | null;
  metre: Metre;
  feel: string;
  soundfont: BeatstoreFont;
  set: 'tuning' | 'held-out';
  fx: Fx;
  seed: number;
}

/** A composed note (smf.ts ScoreNote: positions and lengths in quarter notes, `jitterSec` the humanised offset) of one part. */
export interface BeatNote extends ScoreNote {
  part: 'drums' | 'bass' | 'chords' | 'lead' | 'arp';
  /** Ornaments off the beat grid (hat rolls, flams, 808 slide grace notes). */
  ornament?: boolean;
}

export interface BeatScore {
  qpm: number;
  bars: number;
  barQ: number;
  introEndQ: number;
  beatQ: number;
  /** Delay of the swung (odd) sixteenths in quarter notes (0 when straight). */
  swingQ: number;
  sections: { name: string; bar: number }[];
  programs: SmfProgram[];
  notes: BeatNote[];
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

interface StyleDef {
  name: string;
  /** Pairs of items (one tuning, one held-out each). */
  pairs: number;
  tempo: readonly [number, number];
  metre: Metre;
  feels: readonly string[];
  pMinor: number;
  minorKinds: readonly MinorKind[];
  fx: readonly Fx[];
}

export const STYLES: readonly StyleDef[] = [
  {
    name: 'dubstep',
    pairs: 4,
    tempo: [138, 142],
    metre: '4/4',
    feels: ['half-time'],
    pMinor: 0.85,
    minorKinds: ['natural', 'natural', 'harmonic'],
    fx: ['dry', 'room'],
  },
  {
    name: 'future-bass',
    pairs: 3,
    tempo: [140, 160],
    metre: '4/4',
    feels: ['half-time'],
    pMinor: 0.4,
    minorKinds: ['natural'],
    fx: ['room', 'hall'],
  },
  {
    name: 'dnb',
    pairs: 4,
    tempo: [170, 176],
    metre: '4/4',
    feels: ['breakbeat'],
    pMinor: 0.7,
    minorKinds: ['natural', 'dorian'],
    fx: ['room', 'hall'],
  },
  {
    name: 'ukg',
    pairs: 3,
    tempo: [128, 134],
    metre: '4/4',
    feels: ['two-step'],
    pMinor: 0.7,
    minorKinds: ['dorian', 'natural'],
    fx: ['dry', 'room'],
  },
  {
    name: 'house',
    pairs: 4,
    tempo: [118, 126],
    metre: '4/4',
    feels: ['four-floor'],
    pMinor: 0.6,
    minorKinds: ['dorian', 'natural'],
    fx: ['room', 'hall'],
  },
  {
    name: 'techno',
    pairs: 4,
    tempo: [125, 135],
    metre: '4/4',
    feels: ['four-floor'],
    pMinor: 0.85,
    minorKinds: ['natural', 'dorian'],
    fx: ['dry', 'room'],
  },
  {
    name: 'afrobeats',
    pairs: 4,
    tempo: [98, 112],
    metre: '4/4',
    feels: ['syncopated'],
    pMinor: 0.45,
    minorKinds: ['natural', 'dorian'],
    fx: ['dry', 'room'],
  },
  {
    name: 'amapiano',
    pairs: 3,
    tempo: [108, 114],
    metre: '4/4',
    feels: ['log-drum'],
    pMinor: 0.6,
    minorKinds: ['dorian', 'natural'],
    fx: ['room', 'hall'],
  },
  {
    name: 'reggaeton',
    pairs: 4,
    tempo: [88, 100],
    metre: '4/4',
    feels: ['dembow'],
    pMinor: 0.7,
    minorKinds: ['natural', 'harmonic'],
    fx: ['dry', 'room'],
  },
  {
    name: 'dancehall',
    pairs: 3,
    tempo: [95, 105],
    metre: '4/4',
    feels: ['dancehall'],
    pMinor: 0.6,
    minorKinds: ['natural'],
    fx: ['dry', 'room'],
  },
  {
    name: 'boom-bap',
    pairs: 4,
    tempo: [84, 95],
    metre: '4/4',
    feels: ['swing'],
    pMinor: 0.7,
    minorKinds: ['natural', 'dorian'],
    fx: ['dry', 'room'],
  },
  {
    name: 'lofi',
    pairs: 4,
    tempo: [70, 88],
    metre: '4/4',
    feels: ['swing'],
    pMinor: 0.5,
    minorKinds: ['dorian', 'natural'],
    fx: ['room', 'hall'],
  },
  {
    name: 'trap',
    pairs: 4,
    tempo: [130, 150],
    metre: '4/4',
    feels: ['half-time'],
    pMinor: 0.85,
    minorKinds: ['harmonic', 'natural'],
    fx: ['dry', 'room'],
  },
  {
    name: 'drill',
    pairs: 3,
    tempo: [138, 146],
    metre: '4/4',
    feels: ['half-time'],
    pMinor: 0.9,
    minorKinds: ['harmonic', 'natural'],
    fx: ['dry', 'room'],
  },
  {
    name: 'phonk',
    pairs: 3,
    tempo: [125, 145],
    metre: '4/4',
    feels: ['backbeat'],
    pMinor: 0.9,
    minorKinds: ['natural', 'harmonic'],
    fx: ['dry', 'room'],
  },
  {
    name: 'synthwave',
    pairs: 4,
    tempo: [95, 118],
    metre: '4/4',
    feels: ['backbeat'],
    pMinor: 0.6,
    minorKinds: ['natural', 'dorian'],
    fx: ['room', 'hall'],
  },
  {
    name: 'kpop',
    pairs: 4,
    tempo: [100, 128],
    metre: '4/4',
    feels: ['four-floor', 'backbeat'],
    pMinor: 0.45,
    minorKinds: ['natural', 'harmonic'],
    fx: ['dry', 'room'],
  },
  {
    name: 'salsa',
    pairs: 3,
    tempo: [170, 200],
    metre: '4/4',
    feels: ['clave'],
    pMinor: 0.55,
    minorKinds: ['harmonic'],
    fx: ['room'],
  },
  {
    name: 'cumbia',
    pairs: 3,
    tempo: [85, 100],
    metre: '4/4',
    feels: ['cumbia'],
    pMinor: 0.5,
    minorKinds: ['harmonic'],
    fx: ['room'],
  },
  {
    name: 'waltz',
    pairs: 3,
    tempo: [120, 180],
    metre: '3/4',
    feels: ['waltz', 'swing'],
    pMinor: 0.45,
    minorKinds: ['harmonic', 'natural'],
    fx: ['room', 'hall'],
  },
  {
    name: 'afro-6-8',
    pairs: 3,
    tempo: [92, 120],
    metre: '12/8',
    feels: ['bell'],
    pMinor: 0.6,
    minorKinds: ['dorian', 'natural'],
    fx: ['room'],
  },
  {
    name: 'ambient',
    pairs: 3,
    tempo: [70, 120],
    metre: '4/4',
    feels: ['none'],
    pMinor: 0.5,
    minorKinds: ['natural', 'dorian'],
    fx: ['hall'],
  },
  {
    name: 'piano-ballad',
    pairs: 3,
    tempo: [60, 90],
    metre: '4/4',
    feels: ['none'],
    pMinor: 0.45,
    minorKinds: ['harmonic', 'natural'],
    fx: ['room', 'hall'],
  },
];

const styleOf = (name: string) => STYLES.find((s) => s.name === name)!;

const PC_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

/** The 160 items, from seed 6464: item n is held-out when n is odd, tuning when even (fixed once). */
export function beatstore(seed = BEATSTORE_SEED): BeatstoreItem[] {
  const r = mulberry32(seed);
  // one style per pair: the pair's two items land in different halves
  const pairStyles = shuffle(
    r,
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, () => s.name)),
  );
  const n = pairStyles.length * 2;
  const styles = Array.from({ length: n }, (_, i) => pairStyles[i >> 1]!);
  // modes by the style's leaning, redrawn until each half has at least 16 of each
  let minor: boolean[] = [];
  for (;;) {
    minor = styles.map((s) => r() < styleOf(s).pMinor);
    const ok = [0, 1].every((h) => {
      const mine = minor.filter((_, i) => i % 2 === h);
      const m = mine.filter(Boolean).length;
      return m >= 16 && mine.length - m >= 16;
    });
    if (ok) break;
  }
  // tonics: within each half and mode, whole shuffled cycles of the 12 pitch classes
  const tonic = new Array<number>(n).fill(0);
  for (const h of [0, 1]) {
    for (const m of [false, true]) {
      const idx = styles.map((_, i) => i).filter((i) => i % 2 === h && minor[i] === m);
      let cycle: number[] = [];
      for (const i of idx) {
        if (cycle.length === 0)
          cycle = shuffle(
            r,
            Array.from({ length: 12 }, (_, k) => k),
          );
        tonic[i] = cycle.pop()!;
      }
    }
  }
  return styles.map((name, i) => {
    const s = styleOf(name);
    const isMinor = minor[i]!;
    const minorKind = isMinor ? pick(r, s.minorKinds) : null;
    const bpm = name === 'dubstep' ? pick(r, [140, 140, 140, 138, 142]) : int(r, s.tempo[0], s.tempo[1]);
    const key = `${PC_NAMES[tonic[i]!]}${isMinor ? 'min' : 'maj'}`;
    return {
      id: `bs-${String(i).padStart(3, '0')}-${name}-${key}`,
      n: i,
      style: name,
      bpm,
      tonicPc: tonic[i]!,
      mode: isMinor ? 'minor' : 'major',
      minorKind,
      metre: s.metre,
      feel: pick(r, s.feels),
      soundfont: (i >> 1) % 2 === 0 ? 'musescore' : 'fluidr3',
      set: i % 2 === 1 ? 'held-out' : 'tuning',
      fx: pick(r, s.fx),
      seed: Math.floor(r() * 2 ** 31),
    } satisfies BeatstoreItem;
  });
}

// ---------------------------------------------------------------- harmony

const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  natural: [0, 2, 3, 5, 7, 8, 10],
  harmonic: [0, 2, 3, 5, 7, 8, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
} as const;

type ScaleName = keyof typeof SCALES;

/** The scale the piece lives in (harmonic minor borrows only its raised 7th, on V and in tunes over V). */
function homeScale(item: BeatstoreItem): ScaleName {
  if (item.mode === 'major') return 'major';
  return item.minorKind === 'dorian' ? 'dorian' : 'natural';
}

/** The scale over a chord on `degree` (0-based): harmonic minor's V is major. */
function scaleOver(item: BeatstoreItem, degree: number): readonly number[] {
  if (item.minorKind === 'harmonic' && degree === 4) return SCALES.harmonic;
  return SCALES[homeScale(item)];
}

/** Semitones above the tonic of scale step `step` (any integer) over a chord on `degree`. */
function stepPc(item: BeatstoreItem, degree: number, step: number): number {
  const sc = scaleOver(item, degree);
  const oct = Math.floor(step / 7);
  return sc[((step % 7) + 7) % 7]! + 12 * oct;
}

/** The chord on `degree` as semitones above the tonic (triad, or with its 7th). */
function chordTones(item: BeatstoreItem, degree: number, sevenths: boolean): number[] {
  const steps = sevenths ? [0, 2, 4, 6] : [0, 2, 4];
  return steps.map((k) => stepPc(item, degree, degree + k));
}

/** Styles whose chords carry their 7ths (and the jazz waltz). */
const SEVENTHS = new Set(['lofi', 'house', 'ukg', 'amapiano', 'dnb', 'future-bass']);

/** Four-chord loops (one chord a bar, or two to a bar where `fast`) by style and mode. */
function progression(item: BeatstoreItem, r: Rand): number[] {
  const minor = item.mode === 'minor';
  const kind = item.minorKind;
  const s = item.style;
  if (!minor) {
    if (s === 'lofi' || (s === 'waltz' && item.feel === 'swing'))
      return pick(r, [
        [1, 4, 0, 0],
        [0, 5, 1, 4],
        [3, 2, 1, 0],
      ]);
    if (s === 'salsa' || s === 'cumbia')
      return pick(r, [
        [0, 3, 4, 3],
        [0, 4, 4, 0],
        [0, 0, 4, 4],
      ]);
    if (s === 'waltz' || s === 'piano-ballad')
      return pick(r, [
        [0, 5, 3, 4],
        [0, 3, 4, 0],
        [0, 2, 3, 4],
      ]);
    if (s === 'house' || s === 'ukg' || s === 'amapiano')
      return pick(r, [
        [0, 3, 0, 3],
        [0, 5, 3, 4],
        [1, 4, 0, 0],
      ]);
    return pick(r, [
      [0, 4, 5, 3],
      [0, 5, 3, 4],
      [0, 3, 4, 3],
      [0, 3, 5, 4],
      [0, 0, 3, 4],
    ]);
  }
  if (kind === 'harmonic') {
    if (s === 'salsa' || s === 'cumbia')
      return pick(r, [
        [0, 3, 4, 0],
        [0, 4, 0, 4],
        [0, 3, 4, 3],
      ]);
    return pick(r, [
      [0, 5, 3, 4],
      [0, 3, 4, 0],
      [0, 5, 6, 4],
      [0, 0, 5, 4],
    ]);
  }
  if (kind === 'dorian')
    return pick(r, [
      [0, 3, 0, 3],
      [0, 6, 3, 0],
      [0, 1, 0, 3],
      [0, 0, 3, 6],
    ]);
  // seventh-chord styles leave out i-VI-III-VII: with sevenths it reads as the relative major
  if (SEVENTHS.has(s))
    return pick(r, [
      [0, 0, 6, 5],
      [0, 3, 6, 0],
      [0, 5, 6, 0],
      [0, 0, 5, 6],
    ]);
  return pick(r, [
    [0, 5, 2, 6],
    [0, 0, 6, 5],
    [0, 3, 6, 0],
    [0, 5, 6, 0],
    [0, 3, 5, 6],
    [0, 0, 5, 6],
  ]);
}

// ---------------------------------------------------------------- rhythm patterns

/** A drum line: a GM drum note and a pattern over one bar ('X' accent, 'x' hit, 'o' ghost, '.' rest). */
type DrumLine = [pitch: number, pattern: string];

interface Groove {
  /** The main loop (from the first full section on). */
  main: DrumLine[];
  /** The intro (no kick nor snare). */
  intro: DrumLine[];
  /** Lines added in the B sections. */
  extra?: DrumLine[];
  /** 32nd hat rolls (trap, drill). */
  rolls?: boolean;
}

const K = 36;
const SN = 38;
const CLAP = 39;
const RIM = 37;
const CH = 42;
const OH = 46;
const PED = 44;
const RIDE = 51;
const SHAKER = 70;
const CRASH = 49;

function groove(item: BeatstoreItem, r: Rand): Groove | null {
  const h8 = 'x.x.x.x.x.x.x.x.';
  const h16 = 'xoxoxoxoxoxoxoxo';
  switch (item.style) {
    case 'dubstep':
      return {
        main: [
          [K, pick(r, ['x.........x.....', 'x..........x..x.'])],
          [SN, '........X.......'],
          [CH, h8],
          [CLAP, '........x.......'],
        ],
        intro: [
          [CH, h8],
          [OH, '..............x.'],
        ],
        extra: [[OH, '......x.......x.']],
      };
    case 'future-bass':
      return {
        main: [
          [K, 'x.....x...x.....'],
          [CLAP, '........X.......'],
          [SN, '........x.......'],
          [CH, h8],
        ],
        intro: [[CH, '..x...x...x...x.']],
        extra: [[CH, h16]],
      };
    case 'dnb':
      return {
        main: [
          [K, pick(r, ['x.........x.....', 'x.x.......x.....'])],
          [SN, '....X..o.o..X...'],
          [CH, h8],
          [RIDE, 'x...x...x...x...'],
        ],
        intro: [
          [CH, h8],
          [RIDE, 'x...x...x...x...'],
        ],
        extra: [[SHAKER, h16]],
      };
    case 'ukg':
      return {
        main: [
          [K, pick(r, ['x......x..x.....', 'x.......x.x....x'])],
          [SN, '....X.......X...'],
          [CH, '..x.xxx.x.x.xx.x'],
          [OH, '..x.......x.....'],
        ],
        intro: [
          [CH, '..x...x...x...x.'],
          [SHAKER, h16],
        ],
        extra: [[RIM, '.x.....x...x..x.']],
      };
    case 'house':
      return {
        main: [
          [K, 'x...x...x...x...'],
          [CLAP, '....X.......X...'],
          [OH, '..x...x...x...x.'],
          [SHAKER, 'oxoxoxoxoxoxoxox'],
        ],
        intro: [
          [OH, '..x...x...x...x.'],
          [SHAKER, 'oxoxoxoxoxoxoxox'],
        ],
        extra: [[RIDE, 'x.x.x.x.x.x.x.x.']],
      };
    case 'techno':
      return {
        main: [
          [K, 'x...x...x...x...'],
          [CH, h16],
          [OH, '..x...x...x...x.'],
          [RIM, pick(r, ['....x.......x...', '...x..x....x..x.'])],
        ],
        intro: [
          [CH, h16],
          [OH, '..x...x...x...x.'],
        ],
        extra: [[CLAP, '....x.......x...']],
      };
    case 'afrobeats':
      return {
        main: [
          [K, pick(r, ['x......x..x.....', 'x..x....x..x....'])],
          [RIM, '...x..x....x..x.'],
          [SHAKER, 'Xoxo'.repeat(4)],
          [63, '..x..x....x..x..'],
          [62, 'x.......x.......'],
        ],
        intro: [
          [SHAKER, 'Xoxo'.repeat(4)],
          [63, '..x..x....x..x..'],
        ],
        extra: [
          [CLAP, '....x.......x...'],
          [CH, h8],
        ],
      };
    case 'amapiano':
      return {
        main: [
          [K, 'x...x...x...x...'],
          [CLAP, '....x.......x...'],
          [SHAKER, 'xoxxxoxxxoxxxoxx'],
          [RIM, '..x..x..x..x.x..'],
        ],
        intro: [
          [SHAKER, 'xoxxxoxxxoxxxoxx'],
          [RIM, '..x..x..x..x.x..'],
        ],
        extra: [[OH, '..x...x...x...x.']],
      };
    case 'reggaeton':
      return {
        main: [
          [K, 'x...x...x...x...'],
          [SN, '...x..x....x..x.'],
          [CH, h8],
          [RIM, '...x..x....x..x.'],
        ],
        intro: [
          [CH, h8],
          [RIM, '...x..x....x..x.'],
        ],
        extra: [[OH, '......x.......x.']],
      };
    case 'dancehall':
      return {
        main: [
          [K, 'x.....x...x.....'],
          [SN, '...x..x....x..x.'],
          [CH, 'x.xxx.xxx.xxx.xx'],
          [CLAP, '....x.......x...'],
        ],
        intro: [[CH, 'x.xxx.xxx.xxx.xx']],
        extra: [[54, '..x...x...x...x.']],
      };
    case 'boom-bap':
      return {
        main: [
          [K, pick(r, ['x......x..x.....', 'x.x.......x..x..'])],
          [SN, '....X.......X..o'],
          [CH, 'x.xox.x.x.xox.x.'],
        ],
        intro: [[CH, 'x.x.x.x.x.x.x.x.']],
        extra: [[OH, '..............x.']],
      };
    case 'lofi':
      return {
        main: [
          [K, 'x.......x.x.....'],
          [SN, '....x.......x...'],
          [CH, 'x.xox.xox.xox.xo'],
          [RIM, '.......o........'],
        ],
        intro: [[CH, 'x.x.x.x.x.x.x.x.']],
        extra: [[SHAKER, 'oxoxoxoxoxoxoxox']],
      };
    case 'trap':
      return {
        main: [
          [K, pick(r, ['x......x..x.....', 'x.........xx....', 'x.....x.......x.'])],
          [CLAP, '........X.......'],
          [SN, '........x.......'],
          [CH, h16],
        ],
        intro: [[CH, h8]],
        extra: [[OH, '......x.........']],
        rolls: true,
      };
    case 'drill':
      return {
        // hats in eighth-note triplets (12 to the bar)
        main: [
          [K, 'x.........x..x..'],
          [SN, '........X.....o.'],
          [CH, 'x.xx.xx.xx.x'],
          [CLAP, '........x.......'],
        ],
        intro: [[CH, 'x.xx.xx.xx.x']],
        extra: [[RIM, '...x.......x....']],
        rolls: true,
      };
    case 'phonk':
      return {
        main: [
          [K, 'x.....x...x.....'],
          [CLAP, '....X.......X...'],
          [CH, h16],
          [OH, '..x...x...x...x.'],
        ],
        intro: [[CH, h8]],
        extra: [[RIM, '.......x.......x']],
      };
    case 'synthwave':
      return {
        main: [
          [K, 'x.......x.......'],
          [SN, '....X.......X...'],
          [CLAP, '....x.......x...'],
          [CH, h8],
        ],
        intro: [[CH, h8]],
        extra: [
          [54, '....x.......x...'],
          [K, '......x...x.....'],
        ],
      };
    case 'kpop':
      return item.feel === 'four-floor'
        ? {
            main: [
              [K, 'x...x...x...x...'],
              [CLAP, '....X.......X...'],
              [CH, h16],
              [OH, '..x...x...x...x.'],
            ],
            intro: [[CH, h8]],
            extra: [[SN, '....x.......x...']],
          }
        : {
            main: [
              [K, 'x......x..x.....'],
              [SN, '....X.......X...'],
              [CLAP, '....x.......x...'],
              [CH, h16],
            ],
            intro: [[CH, h8]],
            extra: [[OH, '..............x.']],
          };
    case 'salsa':
      // eighths; the 2-3 son clave over two bars is handled as bar-alternating lines
      return {
        main: [
          [56, 'X.x.X.x.X.x.X.x.'],
          [63, '......X.......XX'],
          [62, '....x.......x...'],
          [75, '....x...x.......'],
          [60, 'x.o.x.o.x.o.x.o.'],
        ],
        intro: [
          [75, '....x...x.......'],
          [60, 'x.o.x.o.x.o.x.o.'],
        ],
        extra: [[SHAKER, 'x.x.x.x.x.x.x.x.']],
      };
    case 'cumbia':
      return {
        main: [
          [69, 'x.xxx.xxx.xxx.xx'],
          [K, 'x.......x.......'],
          [63, '......x.......x.'],
          [62, '..x.......x.....'],
          [RIM, '....x.......x...'],
        ],
        intro: [[69, 'x.xxx.xxx.xxx.xx']],
        extra: [[56, 'x...x...x...x...']],
      };
    case 'waltz':
      return item.feel === 'swing'
        ? // triplet eighths, 9 to the 3/4 bar: ride ding, ding-da-ding
          {
            main: [
              [RIDE, 'X..x.xx..'],
              [PED, '...x.....'],
              [K, 'o........'],
              [SN, '.......o.'],
            ],
            intro: [[RIDE, 'X..x.xx..']],
            extra: [[PED, '......x..']],
          }
        : {
            main: [
              [K, 'x...........'],
              [CH, '....x...x...'],
              [SN, '........o...'],
              [54, '....x...x...'],
            ],
            intro: [[54, '....x...x...']],
          };
    case 'afro-6-8':
      // eighths of the 12/8 bar: the seven-stroke bell, dotted-quarter kick, shaker, congas
      return {
        main: [
          [56, 'X.x.xx.x.x.x'],
          [K, 'x..x..x..x..'],
          [SHAKER, 'xoxxoxxoxxox'],
          [63, '..x..x..xx..'],
          [62, 'x.....x.....'],
        ],
        intro: [
          [56, 'X.x.xx.x.x.x'],
          [SHAKER, 'xoxxoxxoxxox'],
        ],
        extra: [[RIM, '...x.....x..']],
      };
    default:
      return null;
  }
}

// ---------------------------------------------------------------- the composer

const CH_BASS = 0;
const CH_CHORDS = 1;
const CH_LEAD = 2;
const CH_ARP = 3;
const CH_DRUMS = 9;

interface Palette {
  bass: number;
  chords: number;
  lead: number | null;
  arp: number | null;
}

/** GM programs (0-based) per style, one picked per item. */
function palette(item: BeatstoreItem, r: Rand): Palette {
  const P = (b: number[], c: number[], l: (number | null)[], a: (number | null)[]): Palette => ({
    bass: pick(r, b),
    chords: pick(r, c),
    lead: pick(r, l),
    arp: pick(r, a),
  });
  switch (item.style) {
    case 'dubstep':
      return P([38, 39], [89, 90], [81, 87], [null]);
    case 'future-bass':
      return P([38, 39], [81, 90], [80, 81], [98]);
    case 'dnb':
      return P([38, 39], [89, 4], [80, 73], [null, 11]);
    case 'ukg':
      return P([38, 39], [4, 90, 16], [80, 98], [null]);
    case 'house':
      return P([38, 33], [0, 4, 16], [80, 81], [null]);
    case 'techno':
      return P([38, 39], [90, 89], [null, 81], [81]);
    case 'afrobeats':
      return P([38, 33], [27, 4, 24], [73, 80, 108], [null]);
    case 'amapiano':
      return P([117, 117, 38], [4, 5, 0], [73, 11, 80], [null]);
    case 'reggaeton':
      return P([38, 39], [24, 90, 25], [80, 73], [null]);
    case 'dancehall':
      return P([38, 33], [16, 4, 27], [80, 81], [null]);
    case 'boom-bap':
      return P([33, 32], [0, 4, 11], [65, 56, 0], [null]);
    case 'lofi':
      return P([33, 32], [4, 5], [11, 0, 73], [null]);
    case 'trap':
      return P([38], [0, 48, 89, 10], [80, 98, 46], [null]);
    case 'drill':
      return P([38], [48, 0, 91], [80, 73, 46], [null]);
    case 'phonk':
      return P([38], [89, 91], [113, 115], [null]);
    case 'synthwave':
      return P([38, 39], [90, 89, 95], [81, 80], [81]);
    case 'kpop':
      return P([38, 33], [0, 90, 81], [80, 81, 0], [null, 98]);
    case 'salsa':
      return P([32, 33], [0], [56, 61], [null]);
    case 'cumbia':
      return P([33, 32], [21, 24, 0], [56, 73, 21], [null]);
    case 'waltz':
      return item.feel === 'swing'
        ? P([32], [0, 4], [65, 11], [null])
        : P([32, 33], [0, 48], [73, 40], [null]);
    case 'afro-6-8':
      return P([32, 33], [0, 11], [73, 12], [null]);
    case 'ambient':
      return P([89, 88], [88, 89, 91, 95], [null], [98, 8, 11, 46]);
    default:
      return P([0], [0], [0], [null]); // piano ballad: all piano
  }
}

/** The beat in quarter notes and the bar length by metre. */
function metreQ(metre: Metre): { beatQ: number; barQ: number } {
  if (metre === '3/4') return { beatQ: 1, barQ: 3 };
  if (metre === '12/8') return { beatQ: 1.5, barQ: 6 };
  if (metre === '6/8') return { beatQ: 1.5, barQ: 3 };
  return { beatQ: 1, barQ: 4 };
}

/** Quarter notes per minute of the MIDI file: the labelled beat × its length in quarter notes. */
export function beatstoreQpm(item: BeatstoreItem): number {
  return item.bpm * metreQ(item.metre).beatQ;
}

const ELECTRONIC = new Set([
  'dubstep',
  'future-bass',
  'dnb',
  'ukg',
  'house',
  'techno',
  'trap',
  'drill',
  'phonk',
  'synthwave',
  'kpop',
  'amapiano',
  'reggaeton',
]);
const SWING_PCT: Record<string, [number, number]> = {
  'boom-bap': [0.56, 0.62],
  lofi: [0.58, 0.64],
  ukg: [0.6, 0.66],
};

/** The whole piece: intro, then A and B sections of 4 bars, covering 30 s of clip and a bar more. */
export function composeBeatstore(item: BeatstoreItem): BeatScore {
  const r = mulberry32(item.seed);
  const { beatQ, barQ } = metreQ(item.metre);
  const qpm = beatstoreQpm(item);
  const barSec = (barQ * 60) / qpm;
  const introBars = Math.max(1, Math.min(4, Math.round(4 / barSec)));
  const bars = Math.ceil(31 / barSec) + 1;
  const introEndQ = introBars * barQ;
  const swing = SWING_PCT[item.style];
  const swingQ = swing ? Math.round((swing[0] + r() * (swing[1] - swing[0]) - 0.5) * 0.5 * 1000) / 1000 : 0;
  const jitterMs = ELECTRONIC.has(item.style) ? 1.5 : 6;
  const pal = palette(item, r);
  const prog = progression(item, r);
  const fastHarmony = barSec < 1.6 && !['techno', 'house', 'ambient'].includes(item.style);
  // chord per bar (or per 2 bars when bars are short)
  // the intro holds the tonic chord; the loop starts on its first chord after it
  const chordAt = (bar: number) => {
    if (bar < introBars) return 0;
    const k = fastHarmony ? Math.floor((bar - introBars) / 2) : bar - introBars;
    return prog[k % prog.length]!;
  };
  const sections: { name: string; bar: number }[] = [{ name: 'intro', bar: 0 }];
  const secLen = fastHarmony ? 8 : 4;
  for (let b = introBars, k = 0; b < bars; b += secLen, k++)
    sections.push({ name: k % 2 === 0 ? 'A' : 'B', bar: b });
  const sectionOf = (bar: number) => [...sections].reverse().find((s) => s.bar <= bar)!;

  const notes: BeatNote[] = [];
  const swingShift = (q: number) => {
    if (swingQ === 0) return q;
    const sixteenth = Math.round(q * 4 * 1000) / 1000;
    return Number.isInteger(sixteenth) && sixteenth % 2 === 1 ? q + swingQ : q;
  };
  const add = (
    part: BeatNote['part'],
    channel: number,
    pitch: number,
    start: number,
    duration: number,
    velocity: number,
    ornament = false,
  ) => {
    if (start >= bars * barQ) return;
    notes.push({
      part,
      channel,
      pitch,
      start: ornament ? start : swingShift(start),
      duration: Math.max(0.05, duration),
      velocity: Math.max(1, Math.min(127, Math.round(velocity + (r() - 0.5) * 12))),
      jitterSec: Math.round((r() - 0.5) * 2 * jitterMs) / 1000,
      ...(ornament ? { ornament: true } : {}),
    });
  };

  // ---- drums
  const g = groove(item, r);
  if (g) {
    for (let bar = 0; bar < bars; bar++) {
      const sec = sectionOf(bar);
      const intro = sec.name === 'intro';
      const lines = intro ? g.intro : sec.name === 'B' ? [...g.main, ...(g.extra ?? [])] : g.main;
      const phraseEnd = !intro && (bar - introBars) % 4 === 3;
      const start = bar * barQ;
      for (const [pitch, pat] of lines) {
        // salsa: the clave line plays its 3-side on odd bars
        const pattern = item.style === 'salsa' && pitch === 75 && bar % 2 === 1 ? 'x.....x.....x...' : pat;
        const step = barQ / pattern.length;
        for (let i = 0; i < pattern.length; i++) {
          const c = pattern[i]!;
          if (c === '.') continue;
          const q = i * step;
          // the phrase's last beat is the fill's
          if (phraseEnd && q >= barQ - beatQ && [K, SN, CLAP, CH, OH].includes(pitch)) continue;
          const v = c === 'X' ? 112 : c === 'x' ? 96 : 58;
          add('drums', CH_DRUMS, pitch, start + q, Math.min(step, 0.25), pitch === CH ? v - 14 : v);
        }
      }
      if (!intro && sec.bar === bar) add('drums', CH_DRUMS, CRASH, start, 1, 110);
      if (phraseEnd) {
        // fill: sixteenths (or the beat's triplet eighths in 3/4 swing, sixths of the dotted beat)
        const div = item.metre === '12/8' ? 6 : item.feel === 'swing' && item.metre === '3/4' ? 3 : 4;
        const toms = [SN, SN, 50, 48, 47, 45, 43, 41];
        for (let i = 0; i < div; i++) {
          const q = start + barQ - beatQ + (i * beatQ) / div;
          const p = g.main.some(([x]) => x === SN)
            ? toms[Math.min(toms.length - 1, i + (item.style === 'salsa' ? 5 : 0))]!
            : pick(r, [63, 62, 64]);
          add('drums', CH_DRUMS, p, q, beatQ / div, 80 + i * 6);
        }
      }
      if (g.rolls && !intro && bar % 2 === 1) {
        // a hat roll in 32nds (or 16th triplets) over beat 4's second half
        const trip = r() < 0.5;
        const n = trip ? 3 : 4;
        for (let i = 0; i < n; i++)
          add('drums', CH_DRUMS, CH, start + barQ - 0.5 + (i * 0.5) / n, 0.1, 70 + i * 8, true);
      }
    }
  }

  // ---- harmony and bass
  const root = 48 + item.tonicPc; // C3 region for chords
  const bassRoot = 36 + item.tonicPc > 43 ? 24 + item.tonicPc : 36 + item.tonicPc;
  const sevenths = SEVENTHS.has(item.style) || item.feel === 'swing';
  const voice = (degree: number) => {
    const tones = chordTones(item, degree, sevenths);
    // close voicing near the piece's middle register
    return tones.map((t) => {
      let p = root + t;
      while (p > root + 14) p -= 12;
      return p;
    });
  };
  const drumless = item.feel === 'none';

  for (let bar = 0; bar < bars; bar++) {
    const deg = chordAt(bar);
    const tones = voice(deg);
    const bassPc = stepPc(item, deg, deg);
    const bp = bassRoot + (((bassPc % 12) + 12) % 12);
    const fifth = bp + ((stepPc(item, deg, deg + 4) - bassPc + 24) % 12);
    const start = bar * barQ;
    const sec = sectionOf(bar);
    const intro = sec.name === 'intro';
    const bass = (q: number, d: number, v = 100, p = bp) => add('bass', CH_BASS, p, start + q, d, v);
    const chord = (q: number, d: number, v = 80, ps = tones) => {
      for (const p of ps) add('chords', CH_CHORDS, p, start + q, d, v);
    };
    switch (item.style) {
      case 'dubstep':
        if (!intro) {
          bass(0, 1.5, 110);
          // wobbles over beats 3-4: eighths in A, sixteenths with an octave jump in B
          const div = sec.name === 'B' ? 4 : 2;
          for (let i = 0; i < 2 * div; i++) bass(2 + i / div, 0.9 / div, 95, i % 4 === 3 ? bp + 12 : bp);
        }
        chord(0, barQ, intro ? 70 : 55);
        break;
      case 'future-bass':
        if (!intro) {
          bass(0, 1.5, 105);
          bass(1.5, 0.5, 95);
          bass(2.5, 1.5, 100);
        }
        // supersaw chord rhythm
        for (const q of intro ? [0] : [0, 0.75, 1.5, 2.5, 3, 3.5])
          chord(q, intro ? barQ : 0.4, intro ? 70 : 90);
        break;
      case 'dnb':
        if (!intro) {
          bass(0, 1.5, 105);
          bass(2.5, 1.25, 100);
          bass(3.75, 0.25, 90);
        }
        chord(0, barQ, 60);
        break;
      case 'ukg':
        if (!intro) {
          bass(0, 0.5, 105);
          bass(0.75, 0.5, 95, fifth);
          bass(2.5, 0.75, 100);
          bass(3.5, 0.25, 90, bp + 12);
        }
        for (const q of [0.5, 1.75, 2.5, 3.25]) chord(q, 0.25, 85);
        break;
      case 'house':
        if (!intro) for (const q of [0.5, 1.5, 2.5, 3.5]) bass(q, 0.4, 100, q === 2.5 ? fifth : bp);
        for (const q of intro ? [0] : [0.5, 1.5, 2.5, 3.5]) chord(q, intro ? barQ : 0.35, 78);
        break;
      case 'techno':
        if (!intro)
          for (let i = 0; i < 16; i++)
            if (i % 4 !== 0) bass(i * 0.25, 0.2, i % 4 === 2 ? 100 : 80, i === 14 ? fifth : bp);
        chord(0, barQ, 55, [tones[0]!, tones[2]!]);
        break;
      case 'afrobeats':
        if (!intro)
          for (const [q, d] of [
            [0, 0.75],
            [0.75, 0.5],
            [1.5, 0.5],
            [2.5, 0.75],
            [3.5, 0.5],
          ] as const)
            bass(q, d, 100, q === 2.5 ? fifth : bp);
        for (const q of [0, 0.75, 1.5, 2, 2.75, 3.5]) chord(q, 0.3, 72);
        break;
      case 'amapiano':
        // log drum: syncopated, pitched, with octave jumps
        if (!intro)
          for (const [q, p] of [
            [0, bp],
            [0.75, bp],
            [1.5, bp + 12],
            [2.5, fifth],
            [3.25, bp],
            [3.5, bp + 12],
          ] as const)
            bass(q, 0.3, 110, p);
        chord(0, 2, 65);
        chord(2, 2, 60);
        break;
      case 'reggaeton':
        if (!intro) {
          bass(0, 0.75, 105);
          bass(0.75, 0.5, 95);
          bass(1.5, 0.5, 95);
          bass(2, 0.75, 100);
          bass(2.75, 0.5, 95, fifth);
          bass(3.5, 0.5, 95);
        }
        for (const q of [0.5, 1.5, 2.5, 3.5]) chord(q, 0.3, 74);
        break;
      case 'dancehall':
        if (!intro) {
          bass(0, 0.75, 105);
          bass(0.75, 0.75, 95);
          bass(2.5, 1, 100, fifth);
        }
        for (const q of [0.5, 1.5, 2.5, 3.5]) chord(q, 0.25, 76);
        break;
      case 'boom-bap':
        if (!intro) {
          bass(0, 1.25, 100);
          bass(1.75, 0.5, 90);
          bass(2.5, 1.25, 95, fifth);
        }
        chord(0, 2, 70);
        chord(2.5, 1.25, 62);
        break;
      case 'lofi':
        if (!intro) {
          bass(0, 1.5, 95);
          bass(2, 1, 85, fifth);
          bass(3.5, 0.5, 80);
        }
        chord(0, 1.5, 68);
        chord(2.25, 1.5, 60);
        break;
      case 'trap':
      case 'drill':
      case 'phonk':
        if (!intro) {
          bass(0, 1.5, 110);
          bass(2.5, 1.25, 105, item.style === 'drill' ? bp + 12 : bp);
          if (item.style === 'drill') add('bass', CH_BASS, bp + 7, start + 3.75, 0.2, 80, true); // slide grace
        }
        chord(0, barQ, item.style === 'phonk' ? 58 : 64);
        break;
      case 'synthwave':
        if (!intro)
          for (let i = 0; i < 8; i++) bass(i * 0.5, 0.4, i % 2 ? 85 : 100, i % 4 === 3 ? bp + 12 : bp);
        chord(0, barQ, 64);
        break;
      case 'kpop':
        if (!intro) {
          bass(0, 0.75, 100);
          bass(1, 0.5, 90);
          bass(1.5, 0.5, 90, fifth);
          bass(2.5, 0.75, 100);
          bass(3.5, 0.5, 90, bp + 12);
        }
        for (const q of intro ? [0] : [0, 1.5, 2.5]) chord(q, intro ? barQ : 0.75, 74);
        break;
      case 'salsa': {
        // tumbao: the anticipated 'and of 2' and beat 4
        if (!intro) {
          bass(1.5, 1.5, 100, fifth);
          bass(3, 1, 100);
        }
        // montuno: broken chord eighths, syncopated
        const lo = tones[0]! + 12;
        const mont = [lo, tones[2]!, tones[1]! + 12, lo, tones[2]!, tones[1]! + 12, lo, tones[2]!];
        for (let i = 0; i < 8; i++) if (i !== 2) chord(i * 0.5, 0.45, 82, [mont[i]!, mont[i]! - 12]);
        break;
      }
      case 'cumbia':
        // per 2/4 bar: root on 1, fifth on 2
        if (!intro) {
          bass(0, 0.9, 100);
          bass(1, 0.9, 92, fifth);
          bass(2, 0.9, 100);
          bass(3, 0.5, 92, fifth);
          bass(3.5, 0.5, 88);
        }
        for (const q of [0.5, 1.5, 2.5, 3.5]) chord(q, 0.35, 72);
        break;
      case 'waltz':
        if (item.feel === 'swing') {
          // walking quarters
          if (!intro) {
            bass(0, 1, 95);
            bass(1, 1, 85, fifth);
            bass(2, 1, 85, bp + ((stepPc(item, deg, deg + 2) - bassPc + 24) % 12));
          }
          chord(0, 0.6, 64);
          chord(1 + 2 / 3, 1.2, 60);
        } else {
          if (!intro) bass(0, 1, 95);
          chord(1, 0.8, 66);
          chord(2, 0.8, 62);
        }
        break;
      case 'afro-6-8':
        if (!intro) {
          bass(0, 1, 100);
          bass(2.5, 0.5, 90, fifth);
          bass(3, 1, 95);
          bass(5, 0.5, 88, fifth);
        }
        for (const q of [0, 1.5, 3, 4.5]) chord(q + 0.5, 0.4, 68);
        break;
      case 'ambient':
        bass(0, barQ, 60);
        chord(0, barQ, 58);
        break;
      default: {
        // piano ballad: left-hand broken chord in eighths
        const order = [0, 0, 1, 2, 1, 0, 1, 2];
        bass(0, 2, 80, bp);
        for (let i = 1; i < 8; i++)
          add('chords', CH_CHORDS, tones[order[i]!]! - 12, start + i * 0.5, 0.5, 62);
      }
    }
  }

  // ---- arpeggio (ambient, techno, synthwave and some others)
  if (pal.arp !== null) {
    const div = item.style === 'ambient' ? (qpm < 95 ? 4 : 2) : 4;
    for (let bar = 0; bar < bars; bar++) {
      const sec = sectionOf(bar);
      if (sec.name === 'intro' && item.style !== 'ambient') continue;
      const tones = voice(chordAt(bar)).map((p) => p + 12);
      const order = [0, 1, 2, tones.length > 3 ? 3 : 1, 2, 1];
      for (let i = 0; i < barQ * div; i++) {
        const p = tones[order[i % order.length]! % tones.length]! + (i % 8 >= 6 ? 12 : 0);
        add('arp', CH_ARP, p, bar * barQ + i / div, 1 / div, i % div === 0 ? 80 : 64);
      }
    }
  }

  // ---- lead: a two-bar motif on the chords' tones and the scale, varied in B, resting between
  if (pal.lead !== null) {
    const leadCh = drumless && item.style === 'piano-ballad' ? CH_CHORDS : CH_LEAD;
    const unit = ['drill', 'trap', 'phonk'].includes(item.style) ? 0.25 : 0.5;
    const slots = Math.round((2 * barQ) / unit);
    const makeRhythm = () => {
      const on: { at: number; len: number }[] = [];
      let i = 0;
      while (i < slots - 2) {
        const len = pick(r, [1, 1, 2, 2, 3, 4]);
        if (r() < 0.75) on.push({ at: i, len: Math.min(len, slots - 2 - i) });
        i += len;
      }
      // a long note closes the motif, then a rest
      on.push({ at: Math.max(slots - 4, 0), len: 3 });
      return on.filter((o, k, a) => k === 0 || o.at >= a[k - 1]!.at + a[k - 1]!.len);
    };
    const rhythmA = makeRhythm();
    const rhythmB = makeRhythm();
    const contour = Array.from({ length: 16 }, () => int(r, -2, 2));
    // the tune sits around the tonic between F4 and E5 (an octave lower for the 808 styles' bells)
    const low = ['phonk', 'trap', 'drill'].includes(item.style) ? 12 : 0;
    const leadBase = 72 + item.tonicPc - (item.tonicPc > 4 ? 12 : 0) - low;
    for (let bar = introBars, phrase = 0; bar + 1 < bars; bar += 2, phrase++) {
      const sec = sectionOf(bar);
      const inB = sec.name === 'B';
      if (!inB && ['dubstep', 'techno', 'dnb'].includes(item.style)) continue;
      const rhythm = inB ? rhythmB : rhythmA;
      // the same phrase comes back every other time (a hook), with its own choices between
      const choose = mulberry32(item.seed + (inB ? 7 : 3) + (phrase % 2) * 101);
      let step = inB ? 4 : 2; // scale step above the tonic
      rhythm.forEach((o, k) => {
        const q = bar * barQ + o.at * unit;
        const deg = chordAt(Math.floor(q / barQ));
        const last = k === rhythm.length - 1;
        const strong = Math.abs((q / beatQ) % 1) < 1e-9;
        // the chord's tones as scale steps within the tune's range (-3..9)
        const tones = [deg, deg + 2, deg + 4]
          .map((x) => x % 7)
          .flatMap((x) => [x - 7, x, x + 7])
          .filter((x) => x >= -3 && x <= 9);
        if (last && [0, 3, 5].includes(deg)) {
          step = Math.abs(step - 7) < Math.abs(step) ? 7 : 0; // the phrase ends on the tonic where it belongs to the chord
        } else if (last || strong || k === 0) {
          const near = tones.filter((x) => Math.abs(x - step) <= 3 && (x !== step || last));
          step = near.length
            ? pick(choose, near)
            : tones.reduce((a, x) => (Math.abs(x - step) < Math.abs(a - step) ? x : a), tones[0]!);
        } else step = Math.max(-3, Math.min(9, step + contour[k % contour.length]!));
        add('lead', leadCh, leadBase + stepPc(item, deg, step), q, o.len * unit * 0.92, inB ? 92 : 84);
      });
    }
  }

  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  const vol = (ch: number, v: number, rev: number) =>
    [
      [7, v],
      [10, ch === CH_LEAD ? 72 : ch === CH_ARP ? 50 : 64],
      [91, rev],
      [93, ch === CH_CHORDS ? 40 : 0],
    ] as const;
  const rev = item.fx === 'dry' ? 10 : item.fx === 'hall' ? 80 : 40;
  const programs: SmfProgram[] = [
    { channel: CH_BASS, program: pal.bass, controllers: vol(CH_BASS, drumless ? 80 : 110, 10) },
    { channel: CH_CHORDS, program: pal.chords, controllers: vol(CH_CHORDS, 88, rev) },
  ];
  if (pal.lead !== null)
    programs.push({ channel: CH_LEAD, program: pal.lead, controllers: vol(CH_LEAD, 92, rev) });
  if (pal.arp !== null)
    programs.push({ channel: CH_ARP, program: pal.arp, controllers: vol(CH_ARP, 76, rev) });
  if (g)
    programs.push({ channel: CH_DRUMS, program: 0, controllers: vol(CH_DRUMS, 112, Math.round(rev / 2)) });
  return { qpm, bars, barQ, introEndQ, beatQ, swingQ, sections, programs, notes };
}

/** The item as a format-0 SMF at its DAW tempo (quarter notes: the dotted quarter × 1.5 in 12/8). */
export function beatstoreMidi(item: BeatstoreItem): Uint8Array {
  return scoreToSmf(composeBeatstore(item), item.metre);
}

/** fluidsynth settings for the item's production touch (reverb and chorus). */
export function beatstoreSynthSettings(item: BeatstoreItem): string[] {
  if (item.fx === 'dry') return ['synth.reverb.active=0', 'synth.chorus.active=0'];
  if (item.fx === 'hall')
    return ['synth.reverb.room-size=0.85', 'synth.reverb.level=0.8', 'synth.reverb.width=1'];
  return [];
}

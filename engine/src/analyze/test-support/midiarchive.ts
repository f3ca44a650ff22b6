// The MIDI archive (sixth composer): 160 General MIDI sequences as found in classic .mid
// collections — karaoke-style pop and rock covers, power ballads, video-game and TV themes, hymns
// and chorales, piano pieces, string ensembles, jazz standards, Latin, country, soul, reggae,
// marches, waltzes and folk tunes — each labelled with the tempo of its SMF tempo meta event as a
// listener taps it. Composed from seed 8686 (mulberry32, the shared PRNG; nothing else is shared);
// written as SMF by smf.ts's writeSmf and rendered by midiarchive-render.ts with FluidSynth and the
// csound GM bank (sf_GMbank.sf2). Set J is its held-out half. Tests and benches only.
//
// Label conventions (the beat a listener taps to the file's tempo):
// - 2/4, 3/4 and 4/4: the quarter note, the SMF tempo itself — also under half-time drums (kick
//   on 1, snare on 3, eighth hats: power ballad, trap-ish pop, half-time shuffle) and under the
//   reggae one drop (kick and rim on 3).
// - 6/8 and 12/8: the dotted quarter (the SMF tempo ÷ 1.5): the 6/8 ballad, the jig, the 12/8 soul
//   ballad.
// Written blind: from the other composers' structure, tests and wiring only (composer-checks.ts,
// smf.ts, fluidsynth-mp3.ts, labelled.ts, the item lists and types of jamtracks.ts); none of their
// musical code and none of the analyser was read.
import { mulberry32 } from './corpus.ts';
import { compound, labelledQpm } from './score-patterns.ts';
import { type ScoreNote, type SmfProgram, scoreToSmf } from './smf.ts';

export const MIDIARCHIVE_SEED = 8686;
export const MIDIARCHIVE_CLIP_SEC = 30;

export type MaMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type MinorKind = 'natural' | 'harmonic' | 'dorian';
/** The drum feel of the file ('none': no drum channel at all). */
export type MaFeel =
  | 'none'
  | 'half-time'
  | 'trap'
  | 'half-time-shuffle'
  | 'backbeat'
  | 'four-floor'
  | 'shuffle'
  | 'swing'
  | 'bossa'
  | 'son-clave'
  | 'one-drop'
  | 'two-beat'
  | 'march'
  | 'waltz'
  | 'six-eight'
  | 'twelve-eight'
  | 'motown'
  | 'chip';
/** FluidSynth's reverb: off, at its defaults, or a large hall. */
export type MaReverb = 'dry' | 'default' | 'hall';

export interface MidiArchiveItem {
  id: string;
  n: number;
  style: string;
  /** The labelled tempo (the quarter, or the dotted quarter in 6/8 and 12/8). */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: MinorKind | null;
  metre: MaMetre;
  feel: MaFeel;
  drums: boolean;
  /** The arrangement's texture variant (the pair's rank within its style; both halves get each). */
  variant: number;
  /** Every item plays through the csound GM bank. */
  soundfont: 'csound';
  reverb: MaReverb;
  chorus: boolean;
  /** FluidSynth's synth.gain. */
  gain: number;
  set: 'tuning' | 'held-out';
  seed: number;
}

export type MaPart = 'drums' | 'bass' | 'comp' | 'pad' | 'lead' | 'counter';

/** A composed note (positions and lengths in quarter notes; `jitterSec` the humanised offset). */
export interface MaNote extends ScoreNote {
  part: MaPart;
  /** Off the beat grid on purpose (strum spread, drum rolls and flams). */
  ornament?: boolean;
}

export interface MaScore {
  qpm: number;
  bars: number;
  barQ: number;
  introEndQ: number;
  /** The labelled beat in quarter notes. */
  beatQ: number;
  /** Swung notes are written on the triplet grid: never a delayed sixteenth. */
  swingQ: 0;
  sections: { name: SectionName; bar: number }[];
  programs: SmfProgram[];
  notes: MaNote[];
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function shuffled<T>(r: Rand, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const mod12 = (x: number) => ((x % 12) + 12) % 12;
const eq = (a: number, b: number) => Math.abs(a - b) < 1e-9;

// ---------------------------------------------------------------- harmony

/** Chord qualities: semitones above the root. */
const QUALITY: Record<string, readonly number[]> = {
  M: [0, 4, 7],
  m: [0, 3, 7],
  '°': [0, 3, 6],
  '7': [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  m7: [0, 3, 7, 10],
  ø7: [0, 3, 6, 10],
  '°7': [0, 3, 6, 9],
  '6': [0, 4, 7, 9],
  m6: [0, 3, 7, 9],
  sus4: [0, 5, 7],
  add9: [0, 4, 7, 14],
  '5': [0, 7],
  '9': [0, 4, 7, 10, 14],
  m9: [0, 3, 7, 10, 14],
};
const DEGREE: Record<string, number> = { I: 0, II: 2, III: 4, IV: 5, V: 7, VI: 9, VII: 11 };

/** A chord relative to the tonic: its root, its tones above the root, the tone in the bass. */
interface Chord {
  root: number;
  tones: readonly number[];
  bassTone: number;
}

/** A roman numeral: case names major or minor, 'b'/'#' alters the root, '/3' '/5' '/7' invert. */
function parseChord(sym: string): Chord {
  const [head, inversion] = sym.split('/');
  const m = /^(b|#)?(VII|VI|IV|V|III|II|I|vii|vi|iv|v|iii|ii|i)(.*)$/.exec(head!);
  if (!m) throw new Error(`bad chord symbol ${sym}`);
  const numeral = m[2]!;
  const upper = numeral === numeral.toUpperCase();
  const root = mod12(DEGREE[numeral.toUpperCase()]! + (m[1] === 'b' ? -1 : m[1] === '#' ? 1 : 0));
  const suffix = m[3]!;
  const q =
    suffix === ''
      ? upper
        ? 'M'
        : 'm'
      : ['7', '6', '9'].includes(suffix)
        ? upper
          ? suffix
          : `m${suffix}`
        : suffix;
  const tones = QUALITY[q];
  if (!tones) throw new Error(`bad chord quality ${sym}`);
  const inv = inversion === undefined ? 0 : { '3': 1, '5': 2, '7': 3 }[inversion];
  if (inv === undefined || inv >= tones.length) throw new Error(`bad inversion ${sym}`);
  return { root, tones, bassTone: tones[inv]! };
}

/** A bar's chords (one, or two splitting the bar). */
type Bar = readonly Chord[];

function parseProg(s: string): Bar[] {
  return s.split('|').map((bar) => bar.trim().split(/\s+/).map(parseChord));
}

type KeyKind = 'major' | MinorKind;

const SCALES: Record<KeyKind, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  natural: [0, 2, 3, 5, 7, 8, 10],
  harmonic: [0, 2, 3, 5, 7, 8, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
};

/**
 * The pitch classes (from the tonic) a key's chords and lines may sound: major keeps the
 * secondary dominants' and bVII's notes but never the minor third; natural minor never the raised
 * 7th or the major 6th; harmonic minor adds the raised 7th (and keeps the flat 7th for bVII and
 * III); dorian never the minor 6th or the raised 7th.
 */
const ALLOWED: Record<KeyKind, readonly number[]> = {
  major: [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11],
  natural: [0, 2, 3, 5, 7, 8, 10],
  harmonic: [0, 2, 3, 5, 7, 8, 10, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
};

/** A chord's chromatic note replaces its scale neighbour in the line over it (C# for C, Bb for B …). */
const ALTERS: Record<number, number> = { 1: 0, 6: 5, 8: 7, 10: 11, 11: 10 };

// ---------------------------------------------------------------- styles

type CompKind =
  | 'broken'
  | 'eighths'
  | 'halves'
  | 'whole'
  | 'beats'
  | 'pump'
  | 'power8'
  | 'trapkeys'
  | 'shufflecomp'
  | 'shuffle8'
  | 'chorale'
  | 'strumA'
  | 'strumB'
  | 'alberti'
  | 'oompah'
  | 'waltzstrum'
  | 'chuck'
  | 'scratch'
  | 'charleston'
  | 'freddie'
  | 'bossa'
  | 'montuno'
  | 'skank'
  | 'boomchick'
  | 'offbeats'
  | 'arp68'
  | 'chords68'
  | 'triplets'
  | 'chiparp';

type BassKind =
  | 'halftime'
  | 'roots8'
  | '808'
  | 'shuffle'
  | 'chorale'
  | 'boom'
  | 'held'
  | 'walk-quarters'
  | 'waltz'
  | 'sixeight'
  | 'doowop'
  | 'pop'
  | 'octaves'
  | 'boogie'
  | 'walking'
  | 'bossa'
  | 'tumbao'
  | 'reggae'
  | 'twobeat'
  | 'march'
  | 'motown';

type TuneKind =
  | 'pop'
  | 'ballad'
  | 'trap'
  | 'shuffle'
  | 'swing'
  | 'latin'
  | 'rock'
  | 'dance'
  | 'folk'
  | 'country'
  | 'reggae'
  | 'film'
  | 'theme'
  | 'chip'
  | 'classical'
  | 'hymn'
  | 'waltz'
  | 'march'
  | 'jig'
  | 'compound';

type CounterKind = 'none' | 'thirds' | 'stabs' | 'arp' | 'power';
type IntroKind = 'count' | 'comp' | 'band' | 'hook';

/** One instrumentation (GM programs); `kit` is the drum channel's program (bank 128). */
interface Band {
  lead: number;
  comp: number;
  bass: number;
  pad?: number;
  counter?: number;
  kit?: number;
}

interface StyleDef {
  name: string;
  metres: readonly MaMetre[];
  feel: MaFeel;
  /** Tempo ranges (labelled BPM, inclusive); a style's pairs take them in turn. */
  tempi: readonly (readonly [number, number])[];
  /** Pairs of items (one in each half). */
  pairs: number;
  pMinor: number;
  minorKinds: readonly MinorKind[];
  /** The music divides the labelled beat into sixteenths (hats, runs): half the label is off the grid. */
  sixteenths: boolean;
  /** 16th hats under the backbeat. */
  hats16?: boolean;
  /** Progressions (bars separated by '|') for each key kind the style uses. */
  harmony: Partial<Record<KeyKind, readonly string[]>>;
  bands: readonly Band[];
  /** [verse, chorus] textures, one pair per variant (the style's pairs take them in turn). */
  comp: readonly (readonly [CompKind, CompKind])[];
  bass: readonly BassKind[];
  tune: TuneKind;
  pad: 'never' | 'chorus' | 'always';
  counter: CounterKind;
  intros: readonly IntroKind[];
  /** CC91 (reverb send) around which items vary. */
  reverbSend: number;
  /** Bars per section (default: 8, or 4 at slow bars). */
  sectionBars?: number;
}

const POP_MAJOR = [
  'I | V | vi | IV',
  'vi | IV | I | V',
  'I | vi | IV | V',
  'I | IV | vi | V',
  'I | iii | IV | V',
];
const POP_NATURAL = [
  'i | bVI | bIII | bVII',
  'i | bVII | bVI | bVII',
  'i | iv | bVII | bIII',
  'i | bVI | iv | v',
];
const POP_HARMONIC = ['i | bVI | iv | V', 'i | iv | V | i', 'i | bVII | bVI | V', 'i | bIII | iv | V7'];

export const STYLES: readonly StyleDef[] = [
  {
    name: 'power-ballad',
    metres: ['4/4'],
    feel: 'half-time',
    tempi: [
      [100, 124],
      [125, 150],
    ],
    pairs: 4,
    pMinor: 0.45,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    harmony: {
      major: [
        'I | V/3 | vi | IV',
        'I | V | vi | IV',
        'IV | V | I | vi',
        'vi | IV | I | V',
        'I | iii | IV | V',
      ],
      natural: ['i | bVI | bIII | bVII', 'i | bVII | bVI | bVII', 'bVI | bVII | i | i'],
      harmonic: ['i | bVI | iv | V', 'i | iv | bVI | V7', 'i | bVII | bVI | V'],
    },
    bands: [
      { lead: 29, comp: 0, bass: 33, pad: 48, counter: 30, kit: 16 },
      { lead: 53, comp: 1, bass: 33, pad: 49, counter: 29, kit: 0 },
      { lead: 85, comp: 0, bass: 34, pad: 89, counter: 30, kit: 16 },
      { lead: 65, comp: 4, bass: 33, pad: 48, counter: 30, kit: 8 },
    ],
    comp: [
      ['broken', 'eighths'],
      ['halves', 'broken'],
      ['broken', 'beats'],
    ],
    bass: ['halftime', 'roots8'],
    tune: 'ballad',
    pad: 'chorus',
    counter: 'power',
    intros: ['comp', 'count', 'hook'],
    reverbSend: 60,
  },
  {
    name: 'trap-pop',
    metres: ['4/4'],
    feel: 'trap',
    tempi: [
      [130, 150],
      [151, 175],
    ],
    pairs: 4,
    pMinor: 0.65,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    harmony: {
      major: ['vi | IV | I | V', 'I | V | vi | IV', 'IV | I | V | vi'],
      natural: ['i | bVI | bIII | bVII', 'i | iv | bVI | v', 'bVI | bVII | i | i', 'i | bIII | bVII | iv'],
      harmonic: ['i | bVI | iv | V', 'i | iv | V | i'],
    },
    bands: [
      { lead: 80, comp: 4, bass: 38, pad: 89, kit: 25 },
      { lead: 54, comp: 98, bass: 39, pad: 94, kit: 25 },
      { lead: 85, comp: 0, bass: 38, pad: 91, kit: 24 },
      { lead: 81, comp: 88, bass: 38, pad: 89, kit: 25 },
    ],
    comp: [
      ['trapkeys', 'trapkeys'],
      ['whole', 'trapkeys'],
    ],
    bass: ['808'],
    tune: 'trap',
    pad: 'always',
    counter: 'none',
    intros: ['comp', 'band'],
    reverbSend: 45,
  },
  {
    name: 'halftime-shuffle',
    metres: ['4/4'],
    feel: 'half-time-shuffle',
    tempi: [
      [100, 124],
      [125, 150],
    ],
    pairs: 4,
    pMinor: 0.4,
    minorKinds: ['dorian', 'natural'],
    sixteenths: false,
    harmony: {
      major: [
        'Imaj7 | IVmaj7 | iii7 | vi7',
        'I | bVII | IV | I',
        'Imaj7 | vi7 | ii7 | V7',
        'IV | V | iii7 | vi7',
      ],
      dorian: ['i7 | IV7 | i7 | IV7', 'i7 | ii7 | bIIImaj7 | ii7', 'i7 | bVII | IV | i7'],
      natural: ['i7 | bVI | bVII | i7', 'i7 | iv7 | v7 | i7', 'bVImaj7 | bVII | i7 | i7'],
    },
    bands: [
      { lead: 66, comp: 4, bass: 33, pad: 16, kit: 0 },
      { lead: 65, comp: 27, bass: 35, pad: 48, kit: 8 },
      { lead: 56, comp: 4, bass: 33, pad: 16, kit: 0 },
      { lead: 61, comp: 5, bass: 33, pad: 48, kit: 0 },
    ],
    comp: [['shufflecomp', 'shufflecomp']],
    bass: ['shuffle'],
    tune: 'shuffle',
    pad: 'chorus',
    counter: 'none',
    intros: ['count', 'band', 'comp'],
    reverbSend: 40,
  },
  {
    name: 'hymn',
    metres: ['4/4', '3/4'],
    feel: 'none',
    tempi: [
      [68, 88],
      [89, 112],
    ],
    pairs: 4,
    pMinor: 0.35,
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    harmony: {
      major: [
        'I V | vi iii | IV I | ii V',
        'I IV | I/3 V | vi ii | V7 I',
        'I vi | IV V | I/3 IV | V I',
        'IV I | V vi | IV I/5 | V I',
        'I V/3 | vi I/5 | IV I/3 | ii V',
      ],
      harmonic: [
        'i iv | V i | bVI iv | V i',
        'i V/3 | i iv | iiø7/3 V | i i',
        'i bIII | iv V | bVI iv | V7 i',
      ],
      natural: [
        'i v | bVI bIII | iv i | v i',
        'i bVII | bIII bVI | iv v | i i',
        'i iv | bVII bIII | bVI iv | v i',
      ],
    },
    bands: [
      { lead: 19, comp: 19, bass: 19 },
      { lead: 52, comp: 52, bass: 52 },
      { lead: 48, comp: 48, bass: 48 },
      { lead: 56, comp: 61, bass: 58 },
      { lead: 20, comp: 20, bass: 20 },
    ],
    comp: [['chorale', 'chorale']],
    bass: ['chorale'],
    tune: 'hymn',
    pad: 'never',
    counter: 'none',
    intros: ['comp'],
    reverbSend: 80,
  },
  {
    name: 'folk-strum',
    metres: ['4/4'],
    feel: 'none',
    tempi: [
      [96, 130],
      [131, 175],
    ],
    pairs: 4,
    pMinor: 0.4,
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    harmony: {
      major: [
        'I | IV | I | V',
        'I | V | vi | IV',
        'I | I | IV | I | V | V | I | I',
        'IV | I | V | I',
        'I | vi | IV | V',
      ],
      natural: ['i | bVII | bVI | bVII', 'i | bIII | bVII | i', 'i | bVI | bVII | i'],
      dorian: ['i | IV | i | IV', 'i | bVII | IV | i', 'i | bIII | IV | i'],
    },
    bands: [
      { lead: 22, comp: 25, bass: 32, counter: 53 },
      { lead: 73, comp: 24, bass: 32, counter: 71 },
      { lead: 53, comp: 25, bass: 33, counter: 22 },
      { lead: 110, comp: 25, bass: 32, counter: 73 },
    ],
    comp: [
      ['strumA', 'strumB'],
      ['strumB', 'strumA'],
    ],
    bass: ['boom'],
    tune: 'folk',
    pad: 'never',
    counter: 'thirds',
    intros: ['comp', 'hook'],
    reverbSend: 40,
  },
  {
    name: 'classical-piano',
    metres: ['4/4'],
    feel: 'none',
    tempi: [
      [72, 100],
      [101, 144],
    ],
    pairs: 3,
    pMinor: 0.45,
    minorKinds: ['harmonic'],
    sixteenths: false,
    harmony: {
      major: ['I | IV | V7 | I', 'I | V7 | V7 | I', 'I | vi | ii | V7', 'I IV | V7 I | vi ii | V7 I'],
      harmonic: [
        'i | iv | V7 | i',
        'i | V7 | V7 | i',
        'i | bVI | iiø7 | V7',
        'i iv | V7 i | bVI iiø7 | V7 i',
      ],
    },
    bands: [
      { lead: 0, comp: 0, bass: 0 },
      { lead: 1, comp: 1, bass: 1 },
      { lead: 6, comp: 6, bass: 6 },
      { lead: 40, comp: 0, bass: 0 },
    ],
    comp: [
      ['alberti', 'alberti'],
      ['broken', 'alberti'],
      ['beats', 'broken'],
    ],
    bass: ['held'],
    tune: 'classical',
    pad: 'never',
    counter: 'none',
    intros: ['comp'],
    reverbSend: 50,
  },
  {
    name: 'string-ensemble',
    metres: ['4/4'],
    feel: 'none',
    tempi: [
      [68, 92],
      [93, 126],
    ],
    pairs: 3,
    pMinor: 0.6,
    minorKinds: ['natural', 'harmonic', 'dorian'],
    sixteenths: false,
    harmony: {
      major: ['I | V | vi | iii | IV | I | IV | V', 'I | iii | IV | I', 'I | IV | vi | V', 'I | vi | IV | V'],
      natural: ['i | bVI | bIII | bVII', 'i | bVII | bVI | v', 'i | iv | bVI | bVII'],
      harmonic: ['i | bVI | iv | V', 'i | iv | bVII bVI | V', 'i | bIII | iv | V'],
      dorian: ['i | IV | i | IV', 'i | bVII | IV | IV', 'i | ii | bIII | IV'],
    },
    bands: [
      { lead: 40, comp: 48, bass: 42, counter: 46 },
      { lead: 60, comp: 49, bass: 43, counter: 46 },
      { lead: 71, comp: 44, bass: 45, counter: 46 },
      { lead: 68, comp: 48, bass: 42, counter: 46 },
      { lead: 73, comp: 49, bass: 45, counter: 46 },
    ],
    comp: [
      ['halves', 'halves'],
      ['halves', 'beats'],
      ['whole', 'halves'],
    ],
    bass: ['walk-quarters'],
    tune: 'film',
    pad: 'never',
    counter: 'arp',
    intros: ['comp'],
    reverbSend: 75,
  },
  {
    name: 'piano-waltz',
    metres: ['3/4'],
    feel: 'none',
    tempi: [
      [110, 144],
      [145, 176],
    ],
    pairs: 3,
    pMinor: 0.45,
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    harmony: {
      major: [
        'I | I | V7 | V7 | V7 | V7 | I | I',
        'I | IV | V7 | I',
        'I | vi | ii | V7',
        'I | I | IV | IV | V7 | V7 | I | I',
      ],
      harmonic: ['i | i | V7 | V7 | V7 | V7 | i | i', 'i | iv | V7 | i', 'i | bVI | iv | V7'],
      natural: ['i | iv | bVII | bIII', 'i | bVII | bVI | v'],
    },
    bands: [
      { lead: 0, comp: 0, bass: 0 },
      { lead: 40, comp: 0, bass: 0 },
      { lead: 21, comp: 21, bass: 21 },
      { lead: 73, comp: 46, bass: 46 },
    ],
    comp: [['oompah', 'oompah']],
    bass: ['waltz'],
    tune: 'waltz',
    pad: 'never',
    counter: 'none',
    intros: ['comp'],
    reverbSend: 50,
  },
  {
    name: 'jig',
    metres: ['6/8'],
    feel: 'none',
    tempi: [
      [92, 110],
      [111, 128],
    ],
    pairs: 3,
    pMinor: 0.5,
    minorKinds: ['dorian', 'natural'],
    sixteenths: false,
    harmony: {
      major: ['I | I | IV | V', 'I | V | I | V', 'I | IV | I | V', 'I | vi | IV | V'],
      dorian: ['i | bVII | i | bVII', 'i | i | bVII | bVII', 'i | IV | bVII | i', 'i | bIII | bVII | i'],
      natural: ['i | bVII | bVI | bVII', 'i | bIII | bVII | i', 'i | iv | bVII | i'],
    },
    bands: [
      { lead: 110, comp: 25, bass: 32 },
      { lead: 73, comp: 24, bass: 32 },
      { lead: 78, comp: 21, bass: 32 },
      { lead: 40, comp: 25, bass: 32 },
      { lead: 71, comp: 21, bass: 32 },
    ],
    comp: [['chuck', 'chuck']],
    bass: ['sixeight'],
    tune: 'jig',
    pad: 'never',
    counter: 'none',
    intros: ['comp'],
    reverbSend: 35,
  },
  {
    name: 'rock-cover',
    metres: ['4/4'],
    feel: 'backbeat',
    tempi: [
      [104, 132],
      [133, 168],
    ],
    pairs: 3,
    pMinor: 0.4,
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    harmony: {
      major: ['I | bVII | IV | I', 'I | IV | V | V', 'I | V | IV | IV', 'vi | IV | I | V', 'I | IV | vi | V'],
      natural: ['i | bVI | bVII | i', 'i | bVII | bVI | bVII', 'i | iv | bVI | bVII'],
      dorian: ['i | IV | i | IV', 'i | bVII | IV | i'],
    },
    bands: [
      { lead: 29, comp: 30, bass: 34, kit: 16 },
      { lead: 53, comp: 30, bass: 34, kit: 0 },
      { lead: 81, comp: 29, bass: 33, kit: 16 },
      { lead: 54, comp: 30, bass: 34, kit: 8 },
    ],
    comp: [
      ['power8', 'power8'],
      ['halves', 'power8'],
    ],
    bass: ['roots8'],
    tune: 'rock',
    pad: 'never',
    counter: 'none',
    intros: ['count', 'comp', 'band'],
    reverbSend: 35,
  },
  {
    name: 'pop-cover',
    metres: ['4/4'],
    feel: 'backbeat',
    tempi: [
      [84, 104],
      [105, 128],
    ],
    pairs: 3,
    pMinor: 0.4,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    hats16: true,
    harmony: { major: POP_MAJOR, natural: POP_NATURAL, harmonic: POP_HARMONIC },
    bands: [
      { lead: 53, comp: 0, bass: 33, pad: 89, kit: 0 },
      { lead: 73, comp: 4, bass: 38, pad: 48, kit: 0 },
      { lead: 65, comp: 0, bass: 33, pad: 89, kit: 8 },
      { lead: 80, comp: 4, bass: 33, pad: 50, kit: 0 },
      { lead: 54, comp: 0, bass: 38, pad: 48, kit: 0 },
    ],
    comp: [
      ['pump', 'pump'],
      ['broken', 'pump'],
      ['halves', 'eighths'],
    ],
    bass: ['pop'],
    tune: 'pop',
    pad: 'chorus',
    counter: 'none',
    intros: ['comp', 'band', 'hook'],
    reverbSend: 45,
  },
  {
    name: 'disco',
    metres: ['4/4'],
    feel: 'four-floor',
    tempi: [[110, 134]],
    pairs: 3,
    pMinor: 0.45,
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    harmony: {
      major: ['Imaj7 | ii7 | Imaj7 | ii7', 'I | vi | ii | V', 'I | vi | IV | V', 'ii7 | V7 | Imaj7 | Imaj7'],
      dorian: ['i7 | IV7 | i7 | IV7', 'i7 | ii7 | i7 | ii7', 'i7 | bVII | IV | i7'],
      natural: ['i7 | iv7 | v7 | i7', 'i7 | bVI | bVII | i7', 'i7 | bIII | bVII | iv7'],
    },
    bands: [
      { lead: 62, comp: 28, bass: 33, pad: 48, counter: 61, kit: 0 },
      { lead: 81, comp: 27, bass: 38, pad: 50, counter: 61, kit: 24 },
      { lead: 53, comp: 28, bass: 36, pad: 48, counter: 62, kit: 0 },
      { lead: 61, comp: 27, bass: 33, pad: 50, counter: 56, kit: 0 },
    ],
    comp: [['scratch', 'scratch']],
    bass: ['octaves'],
    tune: 'dance',
    pad: 'always',
    counter: 'stabs',
    intros: ['band', 'count'],
    reverbSend: 40,
  },
  {
    name: 'rockabilly',
    metres: ['4/4'],
    feel: 'shuffle',
    tempi: [
      [112, 140],
      [141, 180],
    ],
    pairs: 3,
    pMinor: 0.2,
    minorKinds: ['harmonic'],
    sixteenths: false,
    harmony: {
      major: [
        'I7 | I7 | I7 | I7 | IV | IV | I7 | I7 | V7 | IV | I7 | V7',
        'I | I | IV | I | V7 | IV | I | V7',
      ],
      harmonic: ['i | i | i | i | iv | iv | i | i | bVI | V7 | i | V7', 'i | i | iv | i | V7 | iv | i | V7'],
    },
    bands: [
      { lead: 65, comp: 3, bass: 32, kit: 0 },
      { lead: 66, comp: 0, bass: 32, kit: 8 },
      { lead: 26, comp: 3, bass: 32, kit: 0 },
      { lead: 66, comp: 27, bass: 32, kit: 0 },
    ],
    comp: [
      ['shuffle8', 'shuffle8'],
      ['shufflecomp', 'shuffle8'],
    ],
    bass: ['boogie'],
    tune: 'shuffle',
    pad: 'never',
    counter: 'none',
    intros: ['count', 'band'],
    reverbSend: 45,
    sectionBars: 8,
  },
  {
    name: 'jazz-swing',
    metres: ['4/4'],
    feel: 'swing',
    tempi: [
      [104, 140],
      [178, 190],
    ],
    pairs: 3,
    pMinor: 0.35,
    minorKinds: ['dorian', 'harmonic'],
    sixteenths: false,
    harmony: {
      major: [
        'Imaj7 | vi7 | ii7 | V7',
        'Imaj7 | Imaj7 | ii7 | V7',
        'ii7 | V7 | Imaj7 | Imaj7',
        'Imaj7 | IVmaj7 | iii7 VI7 | ii7 V7',
      ],
      dorian: ['i7 | i7 | IV7 | IV7', 'i7 | IV7 | i7 | bVII', 'i7 | ii7 | bIIImaj7 | ii7'],
      harmonic: ['i7 | iv7 | iiø7 | V7', 'iiø7 | V7 | i7 | i7', 'i7 | bVImaj7 | iiø7 | V7'],
    },
    bands: [
      { lead: 66, comp: 0, bass: 32, kit: 32 },
      { lead: 56, comp: 0, bass: 32, kit: 40 },
      { lead: 65, comp: 26, bass: 32, kit: 32 },
      { lead: 11, comp: 0, bass: 32, kit: 32 },
      { lead: 26, comp: 0, bass: 32, kit: 40 },
    ],
    comp: [
      ['charleston', 'charleston'],
      ['freddie', 'charleston'],
    ],
    bass: ['walking'],
    tune: 'swing',
    pad: 'never',
    counter: 'none',
    intros: ['count', 'comp', 'band'],
    reverbSend: 40,
  },
  {
    name: 'bossa-nova',
    metres: ['4/4'],
    feel: 'bossa',
    tempi: [[112, 146]],
    pairs: 3,
    pMinor: 0.5,
    minorKinds: ['dorian', 'harmonic', 'natural'],
    sixteenths: false,
    harmony: {
      major: [
        'Imaj7 | Imaj7 | II7 | II7 | ii7 | V7 | Imaj7 | Imaj7',
        'Imaj7 | vi7 | ii7 | V7',
        'Imaj7 | iii7 | ii7 | V7',
        'IVmaj7 | iii7 | ii7 | Imaj7',
      ],
      dorian: ['i7 | IV7 | i7 | IV7', 'i7 | ii7 | i7 | IV7'],
      harmonic: ['i7 | iv7 | V7 | i7', 'i7 | iiø7 | V7 | i7'],
      natural: ['i7 | iv7 | bVII7 | bIIImaj7', 'i7 | bVImaj7 | iv7 | v7'],
    },
    bands: [
      { lead: 73, comp: 24, bass: 32, pad: 49, kit: 0 },
      { lead: 65, comp: 24, bass: 33, pad: 48, kit: 32 },
      { lead: 11, comp: 24, bass: 32, pad: 49, kit: 0 },
      { lead: 66, comp: 24, bass: 32, pad: 48, kit: 40 },
    ],
    comp: [['bossa', 'bossa']],
    bass: ['bossa'],
    tune: 'latin',
    pad: 'chorus',
    counter: 'none',
    intros: ['comp', 'band'],
    reverbSend: 45,
  },
  {
    name: 'salsa',
    metres: ['4/4'],
    feel: 'son-clave',
    tempi: [
      [152, 172],
      [180, 190],
    ],
    pairs: 3,
    pMinor: 0.6,
    minorKinds: ['harmonic', 'dorian'],
    sixteenths: false,
    harmony: {
      major: ['I | IV V | I | IV V', 'I | IV | V7 | IV', 'ii7 | V7 | I | I'],
      harmonic: ['i | iv | V7 | i', 'i iv | V7 i | i iv | V7 i', 'i | V7 | V7 | i'],
      dorian: ['i | IV | i | IV', 'i7 | IV7 | i7 | IV7'],
    },
    bands: [
      { lead: 56, comp: 0, bass: 32, counter: 57, kit: 0 },
      { lead: 61, comp: 0, bass: 33, counter: 57, kit: 0 },
      { lead: 65, comp: 0, bass: 32, counter: 56, kit: 8 },
    ],
    comp: [['montuno', 'montuno']],
    bass: ['tumbao'],
    tune: 'latin',
    pad: 'never',
    counter: 'stabs',
    intros: ['comp', 'band'],
    reverbSend: 40,
  },
  {
    name: 'reggae',
    metres: ['4/4'],
    feel: 'one-drop',
    tempi: [
      [68, 80],
      [81, 92],
    ],
    pairs: 3,
    pMinor: 0.5,
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    harmony: {
      major: ['I | IV | V | IV', 'I | V | vi | IV', 'I | IV | I | V', 'I | vi | IV | V'],
      natural: ['i | iv | i | v', 'i | bVII | bVI | bVII', 'i | bVI | bVII | i'],
      dorian: ['i | IV | i | IV', 'i7 | IV7 | i7 | IV7', 'i | ii | i | ii'],
    },
    bands: [
      { lead: 22, comp: 27, bass: 33, pad: 16, kit: 0 },
      { lead: 53, comp: 28, bass: 38, pad: 17, kit: 8 },
      { lead: 56, comp: 27, bass: 33, pad: 16, kit: 0 },
      { lead: 65, comp: 28, bass: 33, pad: 18, kit: 0 },
    ],
    comp: [['skank', 'skank']],
    bass: ['reggae'],
    tune: 'reggae',
    pad: 'chorus',
    counter: 'none',
    intros: ['count', 'band', 'comp'],
    reverbSend: 50,
  },
  {
    name: 'country',
    metres: ['4/4'],
    feel: 'two-beat',
    tempi: [
      [100, 136],
      [137, 172],
    ],
    pairs: 3,
    pMinor: 0.15,
    minorKinds: ['natural'],
    sixteenths: false,
    harmony: {
      major: [
        'I | I | IV | IV | V | V | I | I',
        'I | IV | I | V',
        'I | I | II | V',
        'I | IV | V | I',
        'I | vi | IV | V',
      ],
      natural: ['i | bVII | bVI | bVII', 'i | iv | i | v'],
    },
    bands: [
      { lead: 110, comp: 25, bass: 32, counter: 110, kit: 40 },
      { lead: 27, comp: 25, bass: 33, counter: 110, kit: 0 },
      { lead: 22, comp: 25, bass: 32, counter: 27, kit: 40 },
      { lead: 105, comp: 25, bass: 33, counter: 110, kit: 0 },
    ],
    comp: [
      ['boomchick', 'strumA'],
      ['strumB', 'boomchick'],
    ],
    bass: ['twobeat'],
    tune: 'country',
    pad: 'never',
    counter: 'thirds',
    intros: ['count', 'hook', 'comp'],
    reverbSend: 35,
  },
  {
    name: 'march',
    metres: ['2/4'],
    feel: 'march',
    tempi: [
      [104, 120],
      [121, 136],
    ],
    pairs: 3,
    pMinor: 0.2,
    minorKinds: ['harmonic'],
    sixteenths: true,
    harmony: {
      major: [
        'I | I | V7 | V7 | V7 | V7 | I | I',
        'I | IV | V7 | I',
        'I | V7 | I | V7',
        'I | I | IV | IV | I | V7 | I | I',
      ],
      harmonic: ['i | V7 | V7 | i', 'i | iv | V7 | i', 'i | i | V7 | V7 | V7 | V7 | i | i'],
    },
    bands: [
      { lead: 56, comp: 60, bass: 58, counter: 57, kit: 0 },
      { lead: 71, comp: 61, bass: 58, counter: 72, kit: 8 },
      { lead: 72, comp: 60, bass: 58, counter: 56, kit: 0 },
      { lead: 61, comp: 60, bass: 58, counter: 9, kit: 0 },
    ],
    comp: [['offbeats', 'offbeats']],
    bass: ['march'],
    tune: 'march',
    pad: 'never',
    counter: 'thirds',
    intros: ['count', 'band'],
    reverbSend: 50,
  },
  {
    name: 'waltz-band',
    metres: ['3/4'],
    feel: 'waltz',
    tempi: [
      [88, 120],
      [121, 180],
    ],
    pairs: 3,
    pMinor: 0.4,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    harmony: {
      major: [
        'I | I | V7 | V7 | V7 | V7 | I | I',
        'I | IV | V7 | I',
        'I | vi | IV | V7',
        'I | I | IV | IV | V7 | V7 | I | I',
      ],
      natural: ['i | iv | bVII | bIII', 'i | bVI | bVII | i', 'i | iv | v | i'],
      harmonic: ['i | iv | V7 | i', 'i | bVI | iv | V7'],
    },
    bands: [
      { lead: 40, comp: 0, bass: 32, pad: 48, kit: 40 },
      { lead: 21, comp: 21, bass: 32, pad: 48, kit: 0 },
      { lead: 110, comp: 25, bass: 33, pad: 49, kit: 40 },
      { lead: 71, comp: 0, bass: 32, pad: 48, kit: 0 },
    ],
    comp: [
      ['oompah', 'oompah'],
      ['waltzstrum', 'oompah'],
    ],
    bass: ['waltz'],
    tune: 'waltz',
    pad: 'chorus',
    counter: 'none',
    intros: ['count', 'comp'],
    reverbSend: 45,
  },
  {
    name: 'ballad-6-8',
    metres: ['6/8'],
    feel: 'six-eight',
    tempi: [
      [60, 76],
      [77, 96],
    ],
    pairs: 3,
    pMinor: 0.5,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    harmony: {
      major: ['I | vi | IV | V', 'I | iii | IV | V', 'I | V/3 | vi | IV', 'IV | I | V | I'],
      natural: ['i | bVII | bVI | bVII', 'i | bIII | bVII | i'],
      harmonic: ['i | bIII | iv | V', 'i | iv | bVI | V'],
    },
    bands: [
      { lead: 53, comp: 24, bass: 33, pad: 16, kit: 0 },
      { lead: 73, comp: 25, bass: 32, pad: 48, kit: 8 },
      { lead: 29, comp: 0, bass: 33, pad: 19, kit: 0 },
      { lead: 65, comp: 0, bass: 33, pad: 48, kit: 0 },
    ],
    comp: [
      ['arp68', 'arp68'],
      ['arp68', 'chords68'],
    ],
    bass: ['sixeight'],
    tune: 'compound',
    pad: 'chorus',
    counter: 'none',
    intros: ['comp', 'hook'],
    reverbSend: 60,
  },
  {
    name: 'soul-12-8',
    metres: ['12/8'],
    feel: 'twelve-eight',
    tempi: [
      [60, 70],
      [71, 80],
    ],
    pairs: 3,
    pMinor: 0.35,
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    harmony: {
      major: ['I | vi | IV | V', 'I | vi | ii | V', 'I | IV | I | V', 'I | iii | IV | V'],
      natural: ['i | bVI | bVII | i', 'i | iv | bVII | bIII'],
      harmonic: ['i | iv | V | i', 'i | bVI | iv | V7'],
    },
    bands: [
      { lead: 66, comp: 0, bass: 32, pad: 52, kit: 0 },
      { lead: 53, comp: 1, bass: 33, pad: 16, kit: 8 },
      { lead: 65, comp: 0, bass: 32, pad: 19, kit: 0 },
      { lead: 52, comp: 0, bass: 33, pad: 16, kit: 0 },
    ],
    comp: [['triplets', 'triplets']],
    bass: ['doowop'],
    tune: 'compound',
    pad: 'always',
    counter: 'none',
    intros: ['comp', 'count'],
    reverbSend: 55,
  },
  {
    name: 'video-game',
    metres: ['4/4'],
    feel: 'chip',
    tempi: [
      [132, 160],
      [180, 190],
    ],
    pairs: 3,
    pMinor: 0.5,
    minorKinds: ['harmonic', 'natural', 'dorian'],
    sixteenths: true,
    harmony: {
      major: ['I | V | vi | IV', 'I | IV | V | I', 'vi | IV | V | I', 'I | vi | IV | V'],
      harmonic: ['i | bVI | bVII | V', 'i | iv | V | i', 'i | bVI | iv | V'],
      natural: ['i | bVII | bVI | bVII', 'i | bVI | bIII | bVII'],
      dorian: ['i | IV | i | bVII', 'i | ii | bIII | IV'],
    },
    bands: [
      { lead: 80, comp: 81, bass: 38, kit: 24 },
      { lead: 81, comp: 80, bass: 39, kit: 25 },
      { lead: 84, comp: 80, bass: 38, kit: 24 },
      { lead: 80, comp: 82, bass: 38, kit: 0 },
    ],
    comp: [
      ['chiparp', 'chiparp'],
      ['pump', 'chiparp'],
    ],
    bass: ['octaves'],
    tune: 'chip',
    pad: 'never',
    counter: 'none',
    intros: ['band', 'comp'],
    reverbSend: 20,
  },
  {
    name: 'tv-theme',
    metres: ['4/4'],
    feel: 'backbeat',
    tempi: [
      [112, 130],
      [131, 150],
    ],
    pairs: 3,
    pMinor: 0.3,
    minorKinds: ['harmonic', 'dorian'],
    sixteenths: false,
    harmony: {
      major: [
        'I | IV | V | I',
        'I | vi | ii | V',
        'I | bVII | IV | I',
        'I | III | IV | V',
        'IV | V | I | vi',
      ],
      harmonic: ['i | bVI | bVII | V', 'i | iv | V | i'],
      dorian: ['i | IV | i | IV', 'i7 | IV7 | bVII | i7'],
    },
    bands: [
      { lead: 61, comp: 0, bass: 33, pad: 48, counter: 57, kit: 0 },
      { lead: 56, comp: 4, bass: 36, pad: 48, counter: 61, kit: 0 },
      { lead: 65, comp: 27, bass: 33, pad: 49, counter: 61, kit: 8 },
    ],
    comp: [
      ['pump', 'pump'],
      ['halves', 'eighths'],
    ],
    bass: ['pop'],
    tune: 'theme',
    pad: 'chorus',
    counter: 'stabs',
    intros: ['hook', 'band', 'count'],
    reverbSend: 45,
  },
  {
    name: 'soul-motown',
    metres: ['4/4'],
    feel: 'motown',
    tempi: [
      [96, 112],
      [113, 132],
    ],
    pairs: 3,
    pMinor: 0.3,
    minorKinds: ['dorian'],
    sixteenths: false,
    harmony: {
      major: ['I | vi | IV | V', 'I | IV | I | V', 'I | iii | IV | V', 'IV | V | I | vi', 'I | I | IV | V'],
      dorian: ['i7 | IV7 | i7 | IV7', 'i7 | ii7 | i7 | IV7'],
    },
    bands: [
      { lead: 66, comp: 0, bass: 33, pad: 48, counter: 61, kit: 0 },
      { lead: 53, comp: 0, bass: 32, pad: 48, counter: 61, kit: 8 },
      { lead: 65, comp: 0, bass: 33, pad: 49, counter: 56, kit: 0 },
      { lead: 56, comp: 0, bass: 33, pad: 48, counter: 57, kit: 0 },
    ],
    comp: [
      ['beats', 'beats'],
      ['pump', 'beats'],
    ],
    bass: ['motown'],
    tune: 'pop',
    pad: 'chorus',
    counter: 'stabs',
    intros: ['count', 'band'],
    reverbSend: 45,
  },
];

// ---------------------------------------------------------------- the items and their split

const PC_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
export const styleOf = (name: string): StyleDef => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`unknown style ${name}`);
  return s;
};

/** Quarter notes per minute of the SMF tempo: the label, or 1.5 × the label in 6/8 and 12/8. */
export const midiarchiveQpm = (item: Pick<MidiArchiveItem, 'bpm' | 'metre'>) => labelledQpm(item);

/**
 * The 160 items, from seed 8686: item n is held-out when n is odd, tuning when even (fixed in code
 * before anything was measured). Items come in pairs (2k, 2k+1) of one style, tempo range, metre
 * and texture, so every style and every range is halved; within each half and mode the tonics are
 * whole shuffled cycles of the 12 pitch classes (all 24 keys in each half).
 */
export function midiarchive(seed = MIDIARCHIVE_SEED): MidiArchiveItem[] {
  const r = mulberry32(seed);
  const pairs = shuffled(
    r,
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, (_, k) => ({ style: s.name, k }))),
  );
  const n = pairs.length * 2;
  const pairOf = (i: number) => pairs[i >> 1]!;
  let minor: boolean[] = [];
  let kinds: (MinorKind | null)[] = [];
  for (;;) {
    minor = Array.from({ length: n }, (_, i) => r() < styleOf(pairOf(i).style).pMinor);
    kinds = minor.map((m, i) => (m ? pick(r, styleOf(pairOf(i).style).minorKinds) : null));
    const ok = [0, 1].every((h) => {
      const mine = minor.map((m, i) => ({ m, kind: kinds[i] })).filter((_, i) => i % 2 === h);
      const m = mine.filter((x) => x.m).length;
      const each = (['natural', 'harmonic', 'dorian'] as const).every(
        (kind) => mine.filter((x) => x.kind === kind).length >= 5,
      );
      return m >= 24 && mine.length - m >= 24 && each;
    });
    if (ok) break;
  }
  const tonic = new Array<number>(n).fill(0);
  for (const h of [0, 1]) {
    for (const m of [false, true]) {
      let cycle: number[] = [];
      for (let i = h; i < n; i += 2) {
        if (minor[i] !== m) continue;
        if (cycle.length === 0)
          cycle = shuffled(
            r,
            Array.from({ length: 12 }, (_, k) => k),
          );
        tonic[i] = cycle.pop()!;
      }
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const { style, k } = pairOf(i);
    const s = styleOf(style);
    const [lo, hi] = s.tempi[k % s.tempi.length]!;
    const metre = s.metres[k % s.metres.length]!;
    const isMinor = minor[i]!;
    const key = `${PC_NAMES[tonic[i]!]}${isMinor ? 'min' : 'maj'}`;
    return {
      id: `ma-${String(i).padStart(3, '0')}-${style}-${key}`,
      n: i,
      style,
      bpm: int(r, lo, hi),
      tonicPc: tonic[i]!,
      mode: isMinor ? 'minor' : 'major',
      minorKind: kinds[i]!,
      metre,
      feel: s.feel,
      drums: s.feel !== 'none',
      variant: k,
      soundfont: 'csound',
      reverb: pick(r, ['dry', 'default', 'default', 'hall'] as const),
      chorus: r() < 0.5,
      gain: pick(r, [0.4, 0.55, 0.7]),
      set: i % 2 === 1 ? 'held-out' : 'tuning',
      seed: Math.floor(r() * 2 ** 31),
    } satisfies MidiArchiveItem;
  });
}

/** FluidSynth settings of the item's render: reverb off, default or a hall; chorus on or off; gain. */
export function midiarchiveSynthSettings(item: MidiArchiveItem): string[] {
  const out: string[] = [];
  if (item.reverb === 'dry') out.push('synth.reverb.active=0');
  if (item.reverb === 'hall')
    out.push(
      'synth.reverb.room-size=0.85',
      'synth.reverb.damp=0.3',
      'synth.reverb.width=0.9',
      'synth.reverb.level=0.7',
    );
  if (!item.chorus) out.push('synth.chorus.active=0');
  out.push(`synth.gain=${item.gain}`);
  return out;
}

// ---------------------------------------------------------------- the score

export type SectionName = 'intro' | 'verse' | 'chorus' | 'bridge';

interface Section {
  name: SectionName;
  bar: number;
  bars: number;
  energy: 0 | 1 | 2;
  prog: Bar[];
}

interface Span {
  chord: Chord;
  /** Absolute start and length in quarter notes. */
  start: number;
  dur: number;
}

const CH = { lead: 0, bass: 1, comp: 2, pad: 3, counter: 4, drums: 9 } as const;

class Composer {
  readonly notes: MaNote[] = [];
  readonly style: StyleDef;
  readonly kind: KeyKind;
  readonly tonic: number;
  readonly barQ: number;
  readonly beatQ: number;
  readonly qpm: number;
  readonly metre: MaMetre;
  readonly spans: Span[] = [];
  readonly barSpans: Span[][] = [];
  sections: Section[] = [];
  bars = 0;
  introBars = 0;

  constructor(
    readonly item: MidiArchiveItem,
    readonly r: Rand,
  ) {
    this.style = styleOf(item.style);
    this.kind = item.mode === 'major' ? 'major' : item.minorKind!;
    this.tonic = item.tonicPc;
    this.metre = item.metre;
    this.barQ = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 }[item.metre];
    this.beatQ = compound(item.metre) ? 1.5 : 1;
    this.qpm = midiarchiveQpm(item);
  }

  get barSec() {
    return (this.barQ * 60) / this.qpm;
  }

  add(part: MaPart, pitch: number, start: number, duration: number, velocity: number, ornament = false) {
    this.notes.push({
      part,
      channel: CH[part],
      pitch,
      start,
      duration,
      velocity: Math.max(1, Math.min(127, Math.round(velocity))),
      jitterSec: 0,
      ...(ornament ? { ornament: true } : {}),
    });
  }

  /** The chord's pitch classes (absolute). */
  pcs(c: Chord): number[] {
    return c.tones.map((t) => mod12(this.tonic + c.root + t));
  }

  /** The scale (absolute pitch classes) a line uses over a chord. */
  scaleOver(c: Chord): number[] {
    // harmonic minor lines take the raised 7th over the dominant's chords, the flat 7th elsewhere
    const rel = [...SCALES[this.kind === 'harmonic' ? 'natural' : this.kind]];
    for (const t of c.tones) {
      const pc = mod12(c.root + t);
      if (rel.includes(pc)) continue;
      const from = ALTERS[pc];
      const i = from === undefined ? -1 : rel.indexOf(from);
      if (i >= 0) rel[i] = pc;
      else rel.push(pc);
    }
    return rel.map((x) => mod12(this.tonic + x));
  }

  spanAt(q: number): Span {
    const b = Math.min(this.bars - 1, Math.max(0, Math.floor(q / this.barQ + 1e-9)));
    const list = this.barSpans[b]!;
    return [...list].reverse().find((s) => s.start <= q + 1e-9) ?? list[0]!;
  }

  sectionAt(bar: number): Section {
    return [...this.sections].reverse().find((s) => s.bar <= bar)!;
  }

  // ---------------------------------------------------------------- form

  plan() {
    const { style, r } = this;
    const barSec = this.barSec;
    this.bars = Math.ceil(MIDIARCHIVE_CLIP_SEC / barSec) + 2;
    const pool = style.harmony[this.kind];
    if (!pool?.length) throw new Error(`${style.name} has no ${this.kind} progressions`);
    const order = shuffled(r, pool);
    const verse = parseProg(order[0]!);
    const chorus = parseProg(order[1 % order.length]!);
    const bridge = parseProg(order[2 % order.length]!);
    for (const p of [verse, chorus, bridge])
      for (const bar of p)
        for (const c of bar)
          for (const pc of c.tones.map((t) => mod12(c.root + t)))
            if (!ALLOWED[this.kind].includes(pc))
              throw new Error(`${style.name}: ${this.kind} progression sounds ${pc} (${order.join(' / ')})`);
    let intro = pick(r, style.intros);
    if (intro === 'count' && !this.item.drums) intro = 'comp';
    this.introKind = intro;
    this.introBars = intro === 'count' ? 1 : barSec >= 2.6 ? pick(r, [1, 2]) : barSec < 1.6 ? 4 : 2;
    const secBars = style.sectionBars ?? (barSec >= 2.6 ? 4 : 8);
    const introProg = verse.slice(-Math.min(this.introBars, verse.length));
    this.sections = [{ name: 'intro', bar: 0, bars: this.introBars, energy: 0, prog: introProg }];
    const form: [SectionName, Bar[], 1 | 2][] = [
      ['verse', verse, 1],
      ['chorus', chorus, 2],
      ['verse', verse, 1],
      ['chorus', chorus, 2],
      ['bridge', bridge, 1],
      ['chorus', chorus, 2],
      ['chorus', chorus, 2],
    ];
    // a quarter of the files skip the first verse and open on the chorus (a radio edit)
    if (r() < 0.25) form.splice(0, 1);
    let bar = this.introBars;
    for (const [name, prog, energy] of form) {
      if (bar >= this.bars) break;
      const bars = Math.max(secBars, prog.length);
      this.sections.push({ name, bar, bars: Math.min(bars, this.bars - bar), energy, prog });
      bar += bars;
    }
    for (const sec of this.sections) {
      for (let b = 0; b < sec.bars; b++) {
        const chords = sec.prog[b % sec.prog.length]!;
        const at = (sec.bar + b) * this.barQ;
        const split = this.metre === '3/4' ? 2 : this.barQ / 2;
        const list: Span[] =
          chords.length === 1
            ? [{ chord: chords[0]!, start: at, dur: this.barQ }]
            : [
                { chord: chords[0]!, start: at, dur: split },
                { chord: chords[1]!, start: at + split, dur: this.barQ - split },
              ];
        this.barSpans.push(list);
        this.spans.push(...list);
      }
    }
  }

  introKind: IntroKind = 'comp';

  get introEndQ() {
    return this.introBars * this.barQ;
  }

  // ---------------------------------------------------------------- voicing

  /** Close-position voicing of `n` notes of the chord in [lo, hi], nearest the previous one. */
  voice(c: Chord, lo: number, hi: number, n: number, prev: number[] | null): number[] {
    let pcs = this.pcs(c);
    if (pcs.length > n) pcs = pcs.filter((_, i) => i !== 2); // drop the fifth first
    if (pcs.length > n) pcs = pcs.slice(0, n);
    let best: number[] = [];
    let bestScore = Infinity;
    for (let inv = 0; inv < pcs.length; inv++) {
      const order = [...pcs.slice(inv), ...pcs.slice(0, inv)];
      for (let base = lo; base < lo + 12; base++) {
        const v: number[] = [];
        let p = base;
        while (mod12(p) !== order[0]) p++;
        v.push(p);
        for (let i = 1; i < n; i++) {
          let q = v[i - 1]! + 1;
          while (mod12(q) !== order[i % order.length]) q++;
          v.push(q);
        }
        if (v[0]! < lo || v[n - 1]! > hi) continue;
        const score =
          prev && prev.length === n
            ? v.reduce((a, x, i) => a + Math.abs(x - prev[i]!), 0)
            : Math.abs(v.reduce((a, x) => a + x, 0) / n - (lo + hi) / 2);
        if (score < bestScore) {
          bestScore = score;
          best = v;
        }
      }
    }
    if (!best.length) throw new Error(`no voicing in ${lo}-${hi}`);
    return best;
  }

  /** The pitch of pitch class pc nearest `near` within [lo, hi]. */
  place(pc: number, near: number, lo: number, hi: number): number {
    let best = lo;
    for (let p = lo; p <= hi; p++)
      if (mod12(p) === mod12(pc) && Math.abs(p - near) < Math.abs(best - near)) best = p;
    if (mod12(best) !== mod12(pc)) {
      best = lo;
      while (mod12(best) !== mod12(pc)) best++;
    }
    return best;
  }

  /** `steps` scale degrees from pitch p (snapped to the scale first) in the scale over chord c. */
  step(p: number, steps: number, c: Chord): number {
    const scale = this.scaleOver(c);
    let q = p;
    while (!scale.includes(mod12(q))) q--;
    const dir = Math.sign(steps);
    for (let k = 0; k < Math.abs(steps); k++) {
      q += dir;
      while (!scale.includes(mod12(q))) q += dir;
    }
    return q;
  }

  // ---------------------------------------------------------------- parts

  /** Whether a part plays in a section: the intro holds back the lead (and, per intro, the band). */
  plays(part: MaPart, sec: Section): boolean {
    if (sec.name !== 'intro') {
      if (part === 'pad')
        return this.style.pad === 'always' || (this.style.pad === 'chorus' && sec.energy === 2);
      if (part === 'counter') return this.style.counter !== 'none' && sec.name === 'chorus';
      return true;
    }
    const k = this.introKind;
    if (part === 'lead') return k === 'hook';
    if (part === 'counter') return false;
    if (part === 'pad') return this.style.pad === 'always' && k !== 'count';
    if (part === 'drums') return k === 'band' || k === 'hook';
    return k !== 'count';
  }

  compose(): void {
    this.plan();
    const variant = this.item.variant;
    const [verseComp, chorusComp] = this.style.comp[variant % this.style.comp.length]!;
    const bassKind = this.style.bass[variant % this.style.bass.length]!;
    let prevVoicing: number[] | null = null;
    let prevBass: number | null = null;
    for (const sec of this.sections) {
      const comp = sec.energy === 2 ? chorusComp : verseComp;
      for (let b = sec.bar; b < sec.bar + sec.bars; b++) {
        for (const span of this.barSpans[b]!) {
          if (this.plays('comp', sec)) prevVoicing = this.compSpan(comp, span, sec, prevVoicing, b);
          if (this.plays('bass', sec)) prevBass = this.bassSpan(bassKind, span, sec, prevBass, b);
          if (this.plays('pad', sec)) this.padSpan(span, sec);
          if (this.plays('counter', sec) && this.style.counter !== 'thirds') this.counterSpan(span, sec, b);
        }
      }
    }
    this.lead();
    if (this.item.drums) this.drums();
    this.check();
  }

  /** Every non-drum note sounds a pitch class the key allows. */
  check() {
    for (const n of this.notes) {
      if (n.part === 'drums') continue;
      const rel = mod12(n.pitch - this.tonic);
      if (!ALLOWED[this.kind].includes(rel))
        throw new Error(`${this.item.id}: ${n.part} note ${n.pitch} at ${n.start} is outside the key`);
    }
  }

  // ---------------------------------------------------------------- comp

  compSpan(kind: CompKind, span: Span, sec: Section, prev: number[] | null, bar: number): number[] {
    const { r } = this;
    const { chord, start, dur } = span;
    const barStart = bar * this.barQ;
    const e = sec.energy;
    const v0 = 62 + e * 8;
    const hits = (
      positions: readonly number[],
      len: number,
      n: number,
      lo: number,
      hi: number,
      vel: number,
    ) => {
      const v = this.voice(chord, lo, hi, n, prev);
      for (const p of positions) {
        const at = barStart + p;
        if (at < start - 1e-9 || at >= start + dur - 1e-9) continue;
        const accent = eq(p % this.beatQ, 0) ? 6 : 0;
        for (const x of v) this.add('comp', x, at, Math.min(len, start + dur - at), vel + accent);
      }
      return v;
    };
    switch (kind) {
      case 'whole':
        return hits([start - barStart], dur * 0.95, 4, 52, 76, v0 - 6);
      case 'halves': {
        const half = this.metre === '3/4' ? 3 : this.barQ / 2;
        const pos = new Set(this.metre === '3/4' ? [0] : [0, half]);
        pos.add(start - barStart);
        return hits([...pos], Math.min(half, dur) * 0.92, 4, 52, 76, v0 - 4);
      }
      case 'beats': {
        const pos = Array.from({ length: this.barQ / this.beatQ }, (_, i) => i * this.beatQ);
        return hits(pos, this.beatQ * 0.8, 3, 55, 76, v0);
      }
      case 'eighths':
      case 'pump': {
        const pos = Array.from({ length: this.barQ * 2 }, (_, i) => i * 0.5);
        return hits(pos, 0.42, kind === 'pump' ? 3 : 4, kind === 'pump' ? 57 : 52, 77, v0 - 8);
      }
      case 'power8': {
        const root = this.place(this.tonic + chord.root, 45, 40, 52);
        const pos = Array.from({ length: this.barQ * 2 }, (_, i) => i * 0.5);
        const palm = sec.energy < 2;
        for (const p of pos) {
          const at = barStart + p;
          if (at < start - 1e-9 || at >= start + dur - 1e-9) continue;
          for (const x of [root, root + 7, root + 12])
            this.add('comp', x, at, palm ? 0.3 : 0.46, (palm ? 70 : 88) + (eq(p % 1, 0) ? 8 : 0));
        }
        return prev ?? [];
      }
      case 'broken': {
        // up and down the chord in eighths (the 6/8 and 3/4 shapes follow the bar)
        const v = this.voice(chord, 48, 72, 4, prev);
        const shape = [0, 1, 2, 3, 2, 1, 2, 1, 0, 1, 2, 3];
        for (let i = 0; i < dur * 2 - 1e-9; i++) {
          const at = start + i * 0.5;
          this.add('comp', v[shape[i % shape.length]!]!, at, 0.9, v0 - 10 + (i % 2 === 0 ? 6 : 0));
        }
        return v;
      }
      case 'alberti': {
        // low, high, middle, high: sixteenths at slow tempi, eighths otherwise
        const v = this.voice(chord, 50, 70, 3, prev);
        const step = this.item.bpm < 100 ? 0.25 : 0.5;
        const order = [0, 2, 1, 2];
        for (let i = 0; i < dur / step - 1e-9; i++)
          this.add('comp', v[order[i % 4]!]!, start + i * step, step * 0.95, v0 - 14 + (i % 4 === 0 ? 8 : 0));
        return v;
      }
      case 'chorale':
        return hits(
          Array.from({ length: this.barQ }, (_, i) => i),
          0.95,
          3,
          48,
          65,
          v0,
        );
      case 'trapkeys':
        return hits([0, 0.75, 1.5, 2.5, 3], 0.5, 3, 57, 79, v0 - 6);
      case 'shufflecomp': {
        const pos = pick(r, [
          [0, 5 / 3, 2, 11 / 3],
          [0, 2 / 3, 2, 8 / 3],
          [0, 1, 5 / 3, 3],
        ]);
        return hits(pos, 0.55, 4, 55, 76, v0 - 4);
      }
      case 'shuffle8': {
        const pos = Array.from({ length: this.barQ }, (_, i) => [i, i + 2 / 3]).flat();
        return hits(pos, 0.3, 3, 55, 76, v0 - 8);
      }
      case 'strumA':
      case 'strumB':
      case 'waltzstrum': {
        const pattern: [number, 'D' | 'U'][] =
          kind === 'waltzstrum'
            ? [
                [0, 'D'],
                [1, 'D'],
                [1.5, 'U'],
                [2, 'D'],
                [2.5, 'U'],
              ]
            : kind === 'strumA'
              ? [
                  [0, 'D'],
                  [1, 'D'],
                  [1.5, 'U'],
                  [2.5, 'U'],
                  [3, 'D'],
                  [3.5, 'U'],
                ]
              : [
                  [0, 'D'],
                  [1, 'D'],
                  [2, 'D'],
                  [2.5, 'U'],
                  [3, 'D'],
                  [3.5, 'U'],
                ];
        const v = this.voice(chord, 43, 69, 5, prev);
        const spread = (0.012 * this.qpm) / 60; // 12 ms a string, in quarter notes
        for (const [p, dir] of pattern) {
          const at = barStart + p;
          if (at < start - 1e-9 || at >= start + dur - 1e-9) continue;
          const strings = dir === 'D' ? v : [...v].reverse().slice(0, 4);
          strings.forEach((x, i) => {
            this.add('comp', x, at + i * spread, 0.45, (dir === 'D' ? v0 : v0 - 14) - i * 2, i > 0);
          });
        }
        return v;
      }
      case 'oompah':
        return hits([1, 2], 0.7, 3, 55, 74, v0 - 10);
      case 'chuck':
        return hits([0.5, 1, 2, 2.5], 0.35, 3, 55, 72, v0 - 12);
      case 'scratch': {
        const v = this.voice(chord, 62, 77, 3, prev);
        for (let i = 0; i < 16; i++) {
          const at = barStart + i * 0.25;
          if (at < start - 1e-9 || at >= start + dur - 1e-9) continue;
          const accent = i % 4 === 2; // the off-beat eighth
          const muted = i % 2 === 1;
          for (const x of muted ? v.slice(0, 1) : v)
            this.add('comp', x, at, 0.15, accent ? 84 : muted ? 38 : 56);
        }
        return v;
      }
      case 'charleston': {
        const pos = pick(r, [
          [0, 5 / 3],
          [0, 5 / 3, 11 / 3],
          [2 / 3, 2, 3 + 2 / 3],
          [0, 2 + 2 / 3],
        ]);
        return hits(pos, 0.6, 4, 52, 72, v0 - 8);
      }
      case 'freddie':
        return hits([0, 1, 2, 3], 0.45, 3, 48, 64, v0 - 14);
      case 'bossa':
        return hits(bar % 2 === 0 ? [0, 1.5, 3] : [1, 2.5], 0.45, 4, 50, 70, v0 - 6);
      case 'montuno': {
        const v = this.voice(chord, 60, 77, 3, prev);
        const pos = bar % 2 === 0 ? [0, 0.5, 1.5, 2, 3, 3.5] : [0.5, 1, 2, 2.5, 3.5];
        pos.forEach((p, i) => {
          const at = barStart + p;
          if (at < start - 1e-9 || at >= start + dur - 1e-9) return;
          const top = v[i % v.length]!;
          this.add('comp', top, at, 0.4, v0);
          this.add('comp', top - 12, at, 0.4, v0 - 8);
          if (i % 2 === 0) this.add('comp', v[(i + 1) % v.length]!, at, 0.4, v0 - 14);
        });
        return v;
      }
      case 'skank':
        return hits([1, 3], 0.28, 3, 58, 74, v0 - 4);
      case 'boomchick':
        return hits(sec.energy === 2 ? [1, 1.5, 3, 3.5] : [1, 3], 0.35, 4, 52, 72, v0 - 6);
      case 'offbeats':
        return hits([0.5, 1.5], 0.35, 3, 55, 72, v0 - 6);
      case 'arp68': {
        // 6/8 arpeggio: root, fifth, tenth, octave, fifth... six eighths a bar (twelve in 12/8)
        const v = this.voice(chord, 48, 74, 4, prev);
        const shape = [0, 1, 2, 3, 2, 1];
        for (let i = 0; i < dur * 2 - 1e-9; i++)
          this.add('comp', v[shape[i % 6]!]!, start + i * 0.5, 0.9, v0 - 10 + (i % 3 === 0 ? 8 : 0));
        return v;
      }
      case 'chords68':
        return hits([0, 1, 1.5, 2.5], 0.45, 4, 52, 74, v0 - 6);
      case 'triplets': {
        const pos = Array.from({ length: this.barQ * 2 }, (_, i) => i * 0.5);
        return hits(pos, 0.4, 3, 57, 76, v0 - 14);
      }
      case 'chiparp': {
        const v = this.voice(chord, 60, 84, 4, prev);
        const shape = [0, 1, 2, 3];
        for (let i = 0; i < dur * 4 - 1e-9; i++)
          this.add('comp', v[shape[i % 4]!]!, start + i * 0.25, 0.2, v0 - 16 + (i % 4 === 0 ? 8 : 0));
        return v;
      }
    }
  }

  // ---------------------------------------------------------------- bass

  bassSpan(kind: BassKind, span: Span, sec: Section, prev: number | null, bar: number): number {
    const { chord, start, dur } = span;
    const barStart = bar * this.barQ;
    const lo = kind === '808' ? 26 : 28;
    const hi = kind === '808' ? 45 : 50;
    const bassPc = this.tonic + chord.root + chord.bassTone;
    // near the last bass note, pulled back towards the middle of the register
    const centre = kind === '808' ? 34 : 40;
    const R = this.place(bassPc, prev === null ? centre : Math.round((prev + centre) / 2), lo, hi);
    const root = this.place(this.tonic + chord.root, R, R - 6, R + 6);
    const third = root + (chord.tones[1] ?? 4);
    const fifth = root + (chord.tones.includes(6) && !chord.tones.includes(7) ? 6 : 7);
    const sixth = (() => {
      for (const k of [9, 10, 7]) if (ALLOWED[this.kind].includes(mod12(chord.root + k))) return root + k;
      return root + 7;
    })();
    const seventh = chord.tones.includes(10) ? root + 10 : root + 12;
    const next = this.spans[this.spans.indexOf(span) + 1];
    const nextRoot = next ? this.place(this.tonic + next.chord.root + next.chord.bassTone, R, lo, hi) : R;
    const approach = this.step(nextRoot, nextRoot >= R ? -1 : 1, chord);
    const v = 84 + sec.energy * 6;
    const notes = (list: readonly (readonly [number, number, number])[]) => {
      for (const [p, d, pitch] of list) {
        const at = barStart + p;
        if (at < start - 1e-9 || at >= start + dur - 1e-9) continue;
        this.add('bass', pitch, at, Math.min(d, start + dur - at), v + (eq(p % this.beatQ, 0) ? 6 : -4));
      }
    };
    const lastOfSpan = (p: number, len: number) => eq(barStart + p + len, start + dur) && next !== undefined;
    switch (kind) {
      case 'halftime':
        notes([
          [0, 1.4, R],
          [1.5, 0.45, R],
          [2, 1.4, R],
          [3.5, 0.45, fifth],
        ]);
        break;
      case 'roots8':
        notes(
          Array.from({ length: this.barQ * 2 }, (_, i) => {
            const p = i * 0.5;
            return [p, 0.42, eq(barStart + p + 0.5, start + dur) && next ? approach : R] as const;
          }),
        );
        break;
      case '808':
        notes([
          [0, 0.7, R],
          [0.75, 0.7, R],
          [1.5, 0.9, R],
          [2.5, 0.9, R],
          [3.5, 0.45, fifth],
        ]);
        break;
      case 'shuffle':
        notes([
          [0, 0.9, R],
          [5 / 3, 0.3, R],
          [2, 0.9, R],
          [3, 0.6, fifth],
          [11 / 3, 0.3, R + 12],
        ]);
        break;
      case 'chorale': {
        // the bass voice: the chord's bass on its first beat, then moving by step on the others
        let p = R;
        for (let q = start; q < start + dur - 1e-9; q += 1) {
          this.add('bass', p, q, 0.95, v - 10);
          const left = start + dur - q - 1;
          if (left < 1e-9) break;
          p = left <= 1 + 1e-9 && next ? approach : pick(this.r, [R, fifth - 12 >= lo ? fifth - 12 : R, R]);
        }
        return R;
      }
      case 'boom':
        notes([
          [0, 0.9, R],
          [2, 0.9, lastOfSpan(2, 2) ? approach : fifth - 12 >= lo ? fifth - 12 : fifth],
        ]);
        break;
      case 'held': {
        const low = R - 12 >= 28 ? R - 12 : R;
        this.add('bass', low, start, dur * 0.98, v - 12);
        if (this.item.bpm >= 100 && dur >= 2)
          this.add('bass', low + 12, start + dur / 2, dur / 2 - 0.05, v - 20);
        return R;
      }
      case 'walk-quarters': {
        const n = Math.round(dur / this.beatQ);
        let p = R;
        for (let i = 0; i < n; i++) {
          this.add('bass', p, start + i, 0.9, v - 8 - (i % 2) * 6);
          p = i === n - 2 && next ? approach : this.step(p, nextRoot >= R ? 1 : -1, chord);
        }
        return R;
      }
      case 'waltz': {
        // oom on the root, or on the fifth when the chord holds from the bar before
        const before = bar > 0 ? this.barSpans[bar - 1]!.at(-1)!.chord : null;
        const held =
          before !== null && before.root === chord.root && before.tones.join() === chord.tones.join();
        notes([[0, 0.9, bar % 2 === 1 && held ? (fifth - 12 >= lo ? fifth - 12 : R) : R]]);
        break;
      }
      case 'sixeight':
        notes(
          this.barQ === 6
            ? [
                [0, 1.4, R],
                [1.5, 1.4, fifth],
                [3, 1.4, R + 12],
                [4.5, 1.4, fifth],
              ]
            : [
                [0, 1, R],
                [1.5, 1, lastOfSpan(1.5, 1.5) ? approach : fifth],
              ],
        );
        break;
      case 'doowop':
        notes([
          [0, 1.4, R],
          [1.5, 1.4, third],
          [3, 1.4, fifth],
          [4.5, 1.4, lastOfSpan(4.5, 1.5) ? approach : sixth],
        ]);
        break;
      case 'pop':
        notes([
          [0, 0.9, R],
          [1.5, 0.45, R],
          [2, 0.9, R],
          [3, 0.45, fifth],
          [3.5, 0.45, next ? approach : R],
        ]);
        break;
      case 'octaves':
        notes(
          Array.from({ length: this.barQ * 2 }, (_, i) => [i * 0.5, 0.4, i % 2 === 0 ? R : R + 12] as const),
        );
        break;
      case 'boogie': {
        const line = [R, third, fifth, sixth, seventh, sixth, fifth, third];
        notes(line.map((pitch, i) => [Math.floor(i / 2) + (i % 2 === 1 ? 2 / 3 : 0), 0.55, pitch] as const));
        break;
      }
      case 'walking': {
        const n = Math.round(dur);
        const tones = [R, third, fifth, sixth];
        for (let i = 0; i < n; i++) {
          const pitch =
            i === 0
              ? R
              : i === n - 1 && next
                ? approach
                : this.step(tones[i % 4]!, this.r() < 0.5 ? 0 : 1, chord);
          this.add('bass', pitch, start + i, 0.9, v - 6);
        }
        return R;
      }
      case 'bossa':
        notes([
          [0, 1.4, R],
          [1.5, 0.45, fifth - 12 >= lo ? fifth - 12 : fifth],
          [2, 1.4, fifth - 12 >= lo ? fifth - 12 : fifth],
          [3.5, 0.45, R],
        ]);
        break;
      case 'tumbao': {
        // the anticipated bass: the fifth on 2-and, the next chord's root on 4 (tied over)
        const nr = next && eq(next.start, start + dur) ? nextRoot : R;
        notes([
          [1.5, 1.4, fifth],
          [3, 1.4, nr],
        ]);
        if (bar === this.introBars && eq(start, barStart)) this.add('bass', R, start, 1.4, v);
        break;
      }
      case 'reggae':
        notes([
          [0, 0.9, R],
          [1.5, 0.45, third],
          [2, 0.45, fifth],
          [2.5, 0.9, fifth],
          [3.5, 0.45, third],
        ]);
        break;
      case 'twobeat':
        if (lastOfSpan(3, 1) && dur >= 4 && !eq(nextRoot, R))
          notes([
            [0, 0.9, R],
            [1, 0.9, this.step(nextRoot, nextRoot > R ? -3 : 3, chord)],
            [2, 0.9, this.step(nextRoot, nextRoot > R ? -2 : 2, chord)],
            [3, 0.9, approach],
          ]);
        else
          notes([
            [0, 0.9, R],
            [2, 0.9, fifth - 12 >= lo ? fifth - 12 : fifth],
          ]);
        break;
      case 'march':
        notes([
          [0, 0.45, R],
          [1, 0.45, fifth - 12 >= lo ? fifth - 12 : fifth],
        ]);
        break;
      case 'motown':
        notes([
          [0, 0.9, R],
          [1, 0.45, R + 12],
          [1.5, 0.45, fifth],
          [2, 0.9, R],
          [3, 0.45, sixth],
          [3.5, 0.45, next ? approach : R],
        ]);
        break;
    }
    return R;
  }

  padSpan(span: Span, sec: Section) {
    const v = this.voice(span.chord, 53, 74, 4, null);
    for (const x of v) this.add('pad', x, span.start, span.dur * 0.98, 52 + sec.energy * 6);
  }

  counterSpan(span: Span, sec: Section, bar: number) {
    const barStart = bar * this.barQ;
    const { chord, start, dur } = span;
    const inSpan = (p: number) => barStart + p >= start - 1e-9 && barStart + p < start + dur - 1e-9;
    switch (this.style.counter) {
      case 'stabs': {
        const v = this.voice(chord, 58, 76, 3, null);
        const pos = bar % 2 === 0 ? [1.5, 3.5] : [0.5, 2];
        for (const p of pos.filter(inSpan)) for (const x of v) this.add('counter', x, barStart + p, 0.3, 84);
        break;
      }
      case 'arp': {
        const v = this.voice(chord, 60, 86, 4, null);
        for (let i = 0; i < dur * 2 - 1e-9; i++)
          this.add('counter', v[[0, 1, 2, 3, 2, 1][i % 6]!]!, start + i * 0.5, 0.8, 58 + sec.energy * 4);
        break;
      }
      case 'power': {
        const root = this.place(this.tonic + chord.root, 45, 40, 52);
        const half = this.barQ / 2;
        for (const p of [0, half].filter(inSpan))
          for (const x of [root, root + 7, root + 12]) this.add('counter', x, barStart + p, half * 0.95, 82);
        break;
      }
    }
  }

  // ---------------------------------------------------------------- melody

  lead() {
    const { r, barQ } = this;
    const pool = tunePool(this.style.tune, this.metre);
    const shift = LEAD_SHIFT[this.band.lead] ?? 0;
    const base = 55 + mod12(this.tonic - 7) + shift;
    // a hymn's tune is its top voice, above the choir's chords
    const lo = this.style.tune === 'hymn' ? Math.max(base - 1, 62) : base - 1;
    const hi = lo + 17;
    const phraseBars = this.barSec < 1.6 ? 4 : 2;
    let p = base + 4;
    for (const sec of this.sections) {
      if (!this.plays('lead', sec) || sec.bars === 0) continue;
      const hook = sec.name === 'intro';
      const body = [pick(r, pool.body), pick(r, pool.body), pick(r, pool.body)];
      const ends = [pick(r, pool.end), pick(r, pool.end)];
      const lift = sec.energy === 2 ? 3 : 0;
      let motif: number[] | null = null;
      // a verse may leave one phrase to the band (an instrumental answer)
      const silent = sec.name === 'verse' && r() < 0.3 ? 1 : -1;
      for (let ph = 0; ph * phraseBars < sec.bars; ph++) {
        if (ph === silent) continue;
        const first = sec.bar + ph * phraseBars;
        const cells: { bar: number; cell: Cell }[] = [];
        for (let k = 0; k < phraseBars && first + k < sec.bar + sec.bars; k++) {
          const last = k === phraseBars - 1;
          const cell = last ? ends[ph % 2]! : body[phraseBars === 4 ? [0, 1, 0][k]! : ph % 2 === 0 ? 0 : 2]!;
          cells.push({ bar: first + k, cell });
        }
        const final = (ph + 1) * phraseBars >= sec.bars;
        const events = cells.flatMap(({ bar, cell }) =>
          cell.map(([pos, dur]) => ({ at: bar * barQ + pos, dur, strong: this.strong(pos) })),
        );
        const reuse = ph % 2 === 0 && motif !== null;
        const pitches: number[] = [];
        events.forEach((ev, i) => {
          const span = this.spanAt(ev.at);
          const f = i / Math.max(1, events.length - 1);
          if (i === 0) {
            // each phrase starts between where the last ended and the middle of the range
            const aim = Math.round((p + base + 5 + lift) / 2) + int(r, -2, 2);
            p = this.nearestTone(span.chord, aim, lo, hi);
          } else if (reuse && motif && i < motif.length) {
            p = this.step(p, motif[i]!, span.chord);
            if (ev.strong) p = this.nearestTone(span.chord, p, lo, hi);
          } else if (i === events.length - 1) {
            const tonicNote = final && this.pcs(span.chord).includes(this.tonic);
            p = tonicNote ? this.place(this.tonic, p, lo, hi) : this.nearestTone(span.chord, p, lo, hi);
          } else {
            let dir = f < 0.5 ? (r() < 0.7 ? 1 : -1) : r() < 0.7 ? -1 : 1;
            if (p > hi - 3) dir = -1;
            if (p < lo + 3) dir = 1;
            const size = r() < 0.2 ? 2 : r() < 0.12 ? 0 : 1;
            const q = this.step(p, dir * size, span.chord);
            p = ev.strong ? this.nearestTone(span.chord, q, lo, hi) : q;
          }
          p = Math.max(lo, Math.min(hi, p));
          while (!this.scaleOver(span.chord).includes(mod12(p))) p--;
          pitches.push(p);
          const vel = 88 + sec.energy * 5 + (ev.strong ? 6 : 0) - (i === events.length - 1 ? 4 : 0);
          this.add('lead', p, ev.at, ev.dur * 0.92, hook ? vel - 8 : vel);
        });
        if (ph === 0) {
          // the first phrase's shape in scale steps: the section's later even phrases repeat it
          motif = pitches.map((x, i) => (i === 0 ? 0 : this.stepsBetween(pitches[i - 1]!, x)));
        }
        if (this.style.counter === 'thirds' && this.plays('counter', sec)) {
          // a second voice a third (in the scale) below the tune
          events.forEach((ev, i) => {
            const c = this.spanAt(ev.at).chord;
            this.add('counter', this.step(pitches[i]!, -2, c), ev.at, ev.dur * 0.92, 80);
          });
        }
      }
    }
  }

  band: Band = { lead: 0, comp: 0, bass: 0 };

  strong(pos: number): boolean {
    if (this.beatQ === 1.5) return eq(pos % 1.5, 0);
    if (this.metre === '3/4' || this.metre === '2/4') return eq(pos, 0);
    return eq(pos % 2, 0);
  }

  /** The chord tone nearest p within [lo, hi] (the higher one on a tie); p itself if none. */
  nearestTone(c: Chord, p: number, lo: number, hi: number): number {
    const pcs = this.pcs(c);
    for (let d = 0; d < 12; d++) {
      if (pcs.includes(mod12(p + d)) && p + d <= hi) return p + d;
      if (pcs.includes(mod12(p - d)) && p - d >= lo) return p - d;
    }
    return p;
  }

  stepsBetween(a: number, b: number): number {
    // scale steps from a to b in the key's scale (approximate across chord alterations)
    const scale = SCALES[this.kind].map((x) => mod12(this.tonic + x));
    const idx = (p: number) => {
      let i = 0;
      for (let q = 0; q <= p; q++) if (scale.includes(mod12(q))) i++;
      return i;
    };
    return idx(b) - idx(a);
  }

  // ---------------------------------------------------------------- drums

  drums() {
    const { r, barQ, beatQ } = this;
    const feel = this.item.feel;
    const variants = new Map<number, number>();
    for (const sec of this.sections) variants.set(sec.bar, Math.floor(r() * 4));
    const kick = 36;
    for (let b = 0; b < this.bars; b++) {
      const sec = this.sectionAt(b);
      const inSec = b - sec.bar;
      const start = b * barQ;
      let hits: Hit[] = [];
      if (sec.name === 'intro') {
        if (this.introKind === 'count') {
          for (let k = 0; k < barQ / beatQ; k++) hits.push({ pos: k * beatQ, pitch: 37, vel: 96 });
        } else if (this.plays('drums', sec)) {
          hits = groove(feel, { ...this.grooveCtx(b, sec, variants.get(sec.bar)!), energy: 0 });
        }
      } else {
        hits = groove(feel, this.grooveCtx(b, sec, variants.get(sec.bar)!));
        if (inSec === 0) {
          hits = hits.filter((h) => !(eq(h.pos, 0) && [42, 46, 51, 44].includes(h.pitch)));
          hits.push({ pos: 0, pitch: this.r() < 0.3 ? 57 : 49, vel: 108 });
          if (!hits.some((h) => eq(h.pos, 0) && h.pitch === kick) && feel !== 'son-clave')
            hits.push({ pos: 0, pitch: kick, vel: 100 });
        }
      }
      // a fill closes every section the drums play in; after an intro without drums, a pickup fill
      const nextSec = this.sections.find((s) => s.bar === b + 1);
      const playing = sec.name !== 'intro' || this.plays('drums', sec);
      const pickup = sec.name === 'intro' && this.introKind === 'comp';
      if (nextSec !== undefined && (playing || pickup)) {
        const len = barQ <= 2 ? beatQ : r() < 0.5 ? beatQ : 2 * beatQ;
        const from = barQ - len;
        hits = hits.filter((h) => h.pos < from - 1e-9 || (h.pitch === kick && eq(h.pos, from)));
        hits.push(...fill(feel, from, barQ, this.item.bpm, r));
      }
      for (const h of hits) this.add('drums', h.pitch, start + h.pos, 0.1, h.vel + int(r, -5, 5), h.ornament);
    }
  }

  grooveCtx(bar: number, sec: Section, variant: number): GrooveCtx {
    return {
      barQ: this.barQ,
      energy: sec.energy,
      bar,
      variant,
      r: this.r,
      hats16: this.style.hats16 === true,
    };
  }
}

// ---------------------------------------------------------------- melody rhythms

/** A bar's rhythm: [start, length] in quarter notes from the bar line. */
type Cell = readonly (readonly [number, number])[];

const T = 1 / 3;
/** A bar's rhythm written 'start:length …' in quarter notes from the bar line (2/3: a triplet). */
const fraction = (x: string) => {
  const [a, b] = x.split('/');
  return Number(a) / (b === undefined ? 1 : Number(b));
};
const cellOf = (s: string): Cell =>
  s.split(' ').map((t) => {
    const [start, len] = t.split(':');
    return [fraction(start!), fraction(len!)] as const;
  });

const TUNES: Record<string, { body: readonly string[]; end: readonly string[] }> = {
  pop: {
    body: [
      '0:1 1:0.5 1.5:1 2.5:0.5 3:1',
      '0:0.5 0.5:0.5 1:1 2:0.5 2.5:1.5',
      '0.5:0.5 1:0.5 1.5:1 2.5:0.5 3:0.5 3.5:0.5',
      '0:1.5 1.5:0.5 2:1 3:1',
      '0:0.5 0.5:0.25 0.75:0.75 1.5:0.5 2:1 3:0.5 3.5:0.5',
    ],
    end: ['0:1 1:2', '0:0.5 0.5:0.5 1:2', '0:2', '0:1.5 1.5:1.5'],
  },
  ballad: {
    body: [
      '0:1.5 1.5:0.5 2:2',
      '0:1 1:1 2:1.5 3.5:0.5',
      '0.5:0.5 1:1 2:0.5 2.5:1.5',
      '0:0.5 0.5:0.5 1:0.5 1.5:1.5 3:1',
    ],
    end: ['0:3', '0:1 1:2', '0:0.5 0.5:2'],
  },
  trap: {
    body: [
      '0:0.5 0.75:0.25 1:0.5 1.5:0.5 2:1 3:0.5 3.5:0.5',
      '0.5:0.5 1:0.5 1.5:0.5 2.25:0.25 2.5:1',
      '0:0.25 0.25:0.25 0.5:0.5 1:1 2:0.5 2.5:0.5 3:1',
    ],
    end: ['0:1 1:1.5', '0:0.5 0.5:0.5 1:1'],
  },
  shuffle: {
    body: [
      '0:2/3 2/3:1/3 1:1 2:2/3 8/3:1/3 3:1',
      '0:1 5/3:1/3 2:1.5',
      '2/3:1/3 1:2/3 5/3:1/3 2:2',
      '0:2/3 2/3:1/3 1:2/3 5/3:1/3 2:1 11/3:1/3',
    ],
    end: ['0:1 1:2', '0:2/3 2/3:1/3 1:2'],
  },
  swing: {
    body: [
      '0:2/3 2/3:1/3 1:2/3 5/3:1/3 2:2/3 8/3:1/3 3:1',
      '0:1.5 5/3:1/3 2:1 3:2/3 11/3:1/3',
      '2/3:1/3 1:1 2:2/3 8/3:4/3',
    ],
    end: ['0:1 1:2', '0:2/3 2/3:1/3 1:1.5'],
  },
  latin: {
    body: ['0:1.5 1.5:1 2.5:1.5', '0:0.5 0.5:1 1.5:1 2.5:0.5 3:1', '1:0.5 1.5:0.5 2:1.5 3.5:0.5'],
    end: ['0:1.5 1.5:1.5', '0:3'],
  },
  rock: {
    body: ['0:0.5 0.5:0.5 1:0.5 1.5:0.5 2:1 3:1', '0:1 1:1 2:1 3:1', '0:1.5 1.5:0.5 2:0.5 2.5:1.5'],
    end: ['0:2', '0:1 1:1.5'],
  },
  dance: {
    body: [
      '0:0.5 0.5:0.5 1:1 2:0.5 2.5:0.5 3:1',
      '0.5:0.5 1:0.5 1.5:0.5 2:2',
      '0:0.75 0.75:0.75 1.5:0.5 2:1 3:0.5 3.5:0.5',
    ],
    end: ['0:1 1:1', '0:2.5'],
  },
  folk: {
    body: ['0:1 1:1 2:1 3:1', '0:1.5 1.5:0.5 2:1 3:1', '0:0.5 0.5:0.5 1:1 2:2'],
    end: ['0:2', '0:1 1:2'],
  },
  country: {
    body: ['0:1 1:0.5 1.5:0.5 2:1 3:0.5 3.5:0.5', '0:1.5 1.5:0.5 2:1 3:1', '0.5:0.5 1:1 2:0.5 2.5:0.5 3:1'],
    end: ['0:2', '0:1 1:2'],
  },
  reggae: {
    body: ['0.5:0.5 1:1 2:0.5 2.5:0.5 3:1', '0:1 1:0.5 1.5:1.5', '0:0.5 0.5:0.5 1:0.5 1.5:0.5 2:2'],
    end: ['0:2', '0.5:1.5'],
  },
  film: {
    body: ['0:2 2:1 3:1', '0:3 3:1', '0:1 1:1 2:2'],
    end: ['0:3', '0:2'],
  },
  theme: {
    body: [
      '0:0.5 0.5:0.5 1:0.5 1.5:1 2.5:0.5 3:1',
      '0:1.5 1.5:0.5 2:0.5 2.5:0.5 3:1',
      '0:1 1:0.5 1.5:0.5 2:2',
    ],
    end: ['0:1 1:1', '0:2.5'],
  },
  chip: {
    body: [
      '0:0.25 0.25:0.25 0.5:0.5 1:0.5 1.5:0.5 2:1 3:0.5 3.5:0.5',
      '0:0.5 0.5:0.25 0.75:0.25 1:1 2:0.25 2.25:0.25 2.5:0.5 3:1',
    ],
    end: ['0:1 1:1', '0:0.5 0.5:0.5 1:2'],
  },
  classical: {
    body: [
      '0:1 1:0.5 1.5:0.5 2:1 3:1',
      '0:0.5 0.5:0.5 1:0.5 1.5:0.5 2:2',
      '0:1.5 1.5:0.5 2:0.5 2.5:0.5 3:0.5 3.5:0.5',
    ],
    end: ['0:1 1:2', '0:2'],
  },
  hymn: {
    body: ['0:1 1:1 2:1 3:1', '0:1 1:1 2:2', '0:1.5 1.5:0.5 2:1 3:1'],
    end: ['0:2', '0:3'],
  },
  hymn3: {
    body: ['0:1 1:1 2:1', '0:2 2:1'],
    end: ['0:2', '0:1 1:1'],
  },
  waltz: {
    body: ['0:1 1:1 2:1', '0:2 2:1', '0:1.5 1.5:0.5 2:1', '0:0.5 0.5:0.5 1:1 2:1'],
    end: ['0:2', '0:1 1:1'],
  },
  march: {
    body: ['0:0.5 0.5:0.5 1:0.5 1.5:0.5', '0:0.75 0.75:0.25 1:1', '0:1 1:0.5 1.5:0.5'],
    end: ['0:1', '0:0.5'],
  },
  jig: {
    body: [
      '0:0.5 0.5:0.5 1:0.5 1.5:0.5 2:0.5 2.5:0.5',
      '0:1 1:0.5 1.5:0.5 2:0.5 2.5:0.5',
      '0:0.5 0.5:0.5 1:0.5 1.5:1 2.5:0.5',
    ],
    end: ['0:1.5', '0:1 1:0.5'],
  },
  compound: {
    body: ['0:1 1:0.5 1.5:1.5', '0:1.5 1.5:0.5 2:0.5 2.5:0.5', '0:0.5 0.5:0.5 1:0.5 1.5:1.5'],
    end: ['0:1.5', '0:1 1:0.5'],
  },
};

/** The tune's cells for the metre (12/8 cells are two 6/8 halves; the end rests in its second). */
function tunePool(tune: TuneKind, metre: MaMetre): { body: Cell[]; end: Cell[] } {
  const written = TUNES[tune === 'hymn' && metre === '3/4' ? 'hymn3' : tune]!;
  const pool = { body: written.body.map(cellOf), end: written.end.map(cellOf) };
  if (metre !== '12/8') return pool;
  const body: Cell[] = [];
  for (const a of pool.body)
    for (const b of pool.body) body.push([...a, ...b.map(([p, d]) => [p + 3, d] as const)]);
  const end: Cell[] = [];
  for (const a of pool.body)
    for (const b of pool.end) end.push([...a, ...b.map(([p, d]) => [p + 3, d] as const)]);
  return { body, end };
}

/** Lead programs played an octave up (piccolo, glockenspiel, whistle, music box). */
const LEAD_SHIFT: Record<number, number> = { 72: 12, 9: 12, 10: 12, 78: 12, 79: 12 };

// ---------------------------------------------------------------- drum patterns

interface Hit {
  pos: number;
  pitch: number;
  vel: number;
  ornament?: boolean;
}

interface GrooveCtx {
  barQ: number;
  energy: 0 | 1 | 2;
  bar: number;
  variant: number;
  r: Rand;
  hats16: boolean;
}

const KICK = 36;
const STICK = 37;
const SNARE = 38;
const CLAP = 39;
const ESNARE = 40;
const HAT = 42;
const PEDAL = 44;
const OPEN = 46;
const RIDE = 51;
const TAMB = 54;
const COWBELL = 56;
const CLAVES = 75;

const every = (step: number, len: number, from = 0) =>
  Array.from({ length: Math.round((len - from) / step) }, (_, i) => from + i * step);

function groove(feel: MaFeel, g: GrooveCtx): Hit[] {
  const { energy, variant, r } = g;
  const hits: Hit[] = [];
  const h = (pos: number, pitch: number, vel: number, ornament = false) =>
    hits.push({ pos, pitch, vel, ...(ornament ? { ornament } : {}) });
  const cymbal = energy === 2 && variant % 2 === 1 ? RIDE : HAT;
  switch (feel) {
    case 'half-time': {
      for (const p of every(0.5, 4)) h(p, cymbal, eq(p % 1, 0) ? 84 : 62);
      const kicks = [[0], [0, 1.5], [0, 2.5], [0, 1.5, 2.5]][variant]!;
      for (const p of kicks) h(p, KICK, p === 0 ? 104 : 88);
      if (energy > 0) h(2, SNARE, 110);
      if (energy === 2 && variant % 2 === 0) h(3.5, OPEN, 70);
      break;
    }
    case 'trap': {
      for (const p of every(energy === 2 ? 0.25 : 0.5, 4))
        h(p, HAT, eq(p % 1, 0) ? 80 : eq(p % 0.5, 0) ? 62 : 48);
      // a roll of sixteenth triplets (ornaments) once a bar
      if (energy > 0) {
        const at = pick(r, [1, 3]);
        for (const k of [1, 2, 4, 5]) h(at + k / 6, HAT, 50, true);
      }
      const kicks = [
        [0, 0.75, 2.5],
        [0, 1.5, 1.75, 3.25],
        [0, 0.75, 1.5, 3.5],
        [0, 2.75, 3.25],
      ][variant]!;
      for (const p of kicks) h(p, KICK, 100);
      if (energy > 0) {
        h(2, SNARE, 108);
        h(2, CLAP, 96);
      }
      if (energy === 2 && variant % 2 === 1) h(3.5, OPEN, 64);
      break;
    }
    case 'half-time-shuffle': {
      const cym = energy === 2 ? RIDE : HAT;
      for (let b = 0; b < 4; b++) {
        h(b, cym, 82);
        h(b + 2 * T, cym, 60);
        if (b !== 2 && energy > 0 && r() < 0.75) h(b + T, SNARE, 26 + int(r, 0, 8));
      }
      for (const p of [[0], [0, 1 + 2 * T], [0, 3 + 2 * T], [0, 1 + 2 * T, 2 + 2 * T]][variant]!)
        h(p, KICK, 98);
      if (energy > 0) h(2, SNARE, 112);
      break;
    }
    case 'backbeat':
    case 'chip': {
      const step = g.hats16 || feel === 'chip' ? 0.25 : 0.5;
      for (const p of every(step, 4)) h(p, cymbal, eq(p % 1, 0) ? 82 : eq(p % 0.5, 0) ? 64 : 46);
      const kicks = [
        [0, 2],
        [0, 2, 2.5],
        [0, 1.5, 2],
        [0, 2, 3.5],
      ][variant]!;
      for (const p of kicks) h(p, KICK, 100);
      if (energy > 0) {
        h(1, feel === 'chip' ? ESNARE : SNARE, 108);
        h(3, feel === 'chip' ? ESNARE : SNARE, 110);
      }
      if (energy === 2 && cymbal === HAT) h(3.5, OPEN, 66);
      break;
    }
    case 'four-floor': {
      for (const p of [0, 1, 2, 3]) h(p, KICK, 104);
      for (const p of [0.5, 1.5, 2.5, 3.5]) h(p, OPEN, 72);
      if (energy > 0) for (const p of every(0.25, 4)) if (!eq(p % 0.5, 0)) h(p, HAT, 48);
      if (energy > 0) {
        h(1, SNARE, 100);
        h(3, SNARE, 102);
        if (energy === 2) {
          h(1, CLAP, 86);
          h(3, CLAP, 86);
        }
      }
      break;
    }
    case 'shuffle': {
      const cym = energy === 2 ? RIDE : HAT;
      for (let b = 0; b < 4; b++) {
        h(b, cym, 84);
        h(b + 2 * T, cym, 58);
      }
      for (const p of [
        [0, 2],
        [0, 2, 2 + 2 * T],
        [0, 1 + 2 * T, 2],
        [0, 2, 3 + 2 * T],
      ][variant]!)
        h(p, KICK, 98);
      if (energy > 0) {
        h(1, SNARE, 106);
        h(3, SNARE, 108);
      }
      break;
    }
    case 'swing': {
      for (const p of [0, 1, 1 + 2 * T, 2, 3, 3 + 2 * T]) h(p, RIDE, eq(p % 1, 0) ? 80 : 60);
      h(1, PEDAL, 70);
      h(3, PEDAL, 70);
      for (const p of energy === 2 ? [0, 1, 2, 3] : [0, 2]) h(p, KICK, energy === 2 ? 40 : 50);
      if (energy > 0 && r() < 0.6) h(pick(r, [1 + 2 * T, 2 + 2 * T, 3 + 2 * T]), SNARE, 58);
      break;
    }
    case 'bossa': {
      for (const p of every(0.5, 4)) h(p, energy === 2 ? RIDE : HAT, eq(p % 1, 0) ? 66 : 50);
      for (const p of g.bar % 2 === 0 ? [0, 1.5, 3] : [1, 2.5]) h(p, STICK, 86);
      for (const [p, v] of [
        [0, 92],
        [1.5, 64],
        [2, 88],
        [3.5, 64],
      ] as const)
        h(p, KICK, v);
      break;
    }
    case 'son-clave': {
      // son clave 2-3 on the claves, the bell on the beats (chorus) or bongos' martillo (verse)
      for (const p of g.bar % 2 === 0 ? [1, 2] : [0, 1.5, 3]) h(p, CLAVES, 96);
      if (energy === 2) for (const p of [0, 1, 2, 3]) h(p, COWBELL, p % 2 === 0 ? 92 : 76);
      else for (const p of every(0.5, 4)) h(p, eq(p % 1, 0) ? 60 : 61, eq(p % 2, 0) ? 80 : 58);
      // congas' tumbao: slap on 2, open tones on 4 and 4-and
      h(1, 62, 78);
      h(3, 63, 88);
      h(3.5, 64, 84);
      h(3, KICK, 60);
      break;
    }
    case 'one-drop': {
      for (const p of every(0.5, 4)) h(p, HAT, eq(p % 1, 0) ? 70 : 54);
      const kicks = [[2], [0, 2], [0, 1, 2, 3]][variant % 3]!;
      for (const p of kicks) h(p, KICK, 100);
      if (energy > 0) h(2, STICK, 100);
      if (energy === 2) h(3.5, OPEN, 60);
      break;
    }
    case 'two-beat': {
      for (const p of energy === 2 ? every(0.5, 4) : [0, 1, 2, 3]) h(p, HAT, eq(p % 1, 0) ? 74 : 56);
      h(0, KICK, 100);
      h(2, KICK, 94);
      if (energy > 0) {
        h(1, energy === 2 ? SNARE : STICK, 100);
        h(3, energy === 2 ? SNARE : STICK, 100);
      }
      break;
    }
    case 'march': {
      h(0, KICK, 104);
      h(1, KICK, 92);
      if (energy === 2) {
        h(0, 49, 64);
        h(1, 49, 58);
      }
      if (energy > 0) {
        const snare = [
          [0, 0.5, 0.75, 1, 1.5],
          [0, 0.5, 1, 1.25, 1.5, 1.75],
          [0, 0.25, 0.5, 1, 1.5],
          [0.5, 0.75, 1, 1.5],
        ][variant]!;
        for (const p of snare) h(p, SNARE, eq(p % 1, 0) ? 96 : 74);
        // a five-stroke roll into the next bar now and then (32nds: ornaments)
        if (g.bar % 4 === 3) for (const k of [1, 2, 3]) h(1.5 + k * 0.125, SNARE, 60, true);
      }
      break;
    }
    case 'waltz': {
      h(0, KICK, 96);
      for (const p of [0, 1, 2]) h(p, energy === 2 ? RIDE : HAT, p === 0 ? 74 : 62);
      if (energy > 0) {
        h(1, variant % 2 ? STICK : SNARE, 62);
        h(2, variant % 2 ? STICK : SNARE, 58);
      }
      if (energy === 2 && variant >= 2) h(2, KICK, 70);
      break;
    }
    case 'six-eight': {
      for (const p of every(0.5, 3)) h(p, energy === 2 ? RIDE : HAT, eq(p % 1.5, 0) ? 80 : 56);
      h(0, KICK, 100);
      if (variant % 2 === 1) h(2.5, KICK, 76);
      if (energy > 0) h(1.5, SNARE, 106);
      break;
    }
    case 'twelve-eight': {
      for (const p of every(0.5, 6)) h(p, energy === 2 ? RIDE : HAT, eq(p % 1.5, 0) ? 78 : 54);
      h(0, KICK, 100);
      h(3, KICK, 92);
      if (variant % 2 === 1) h(2.5, KICK, 72);
      if (energy > 0) {
        h(1.5, SNARE, 104);
        h(4.5, SNARE, 106);
      }
      break;
    }
    case 'motown': {
      for (const p of every(0.5, 4)) h(p, HAT, eq(p % 1, 0) ? 70 : 52);
      for (const p of [
        [0, 2],
        [0, 1.5, 2],
        [0, 2, 2.5],
        [0, 1.5, 2, 3.5],
      ][variant]!)
        h(p, KICK, 96);
      if (energy > 0) {
        for (const p of energy === 2 ? [0, 1, 2, 3] : [1, 3]) h(p, SNARE, p % 2 === 1 ? 104 : 76);
        for (const p of energy === 2 ? every(0.5, 4) : [1, 3]) h(p, TAMB, eq(p % 1, 0) ? 78 : 58);
      }
      break;
    }
    case 'none':
      break;
  }
  return hits;
}

/** A fill from `from` to the bar line: snare then toms down, on the feel's grid, crescendo. */
function fill(feel: MaFeel, from: number, barQ: number, bpm: number, r: Rand): Hit[] {
  const tripletFeel = ['half-time-shuffle', 'shuffle', 'swing'].includes(feel);
  const step =
    feel === 'six-eight' || feel === 'twelve-eight'
      ? bpm < 80
        ? 0.25
        : 0.5
      : tripletFeel
        ? T
        : feel === 'son-clave' || bpm >= 150
          ? 0.5
          : 0.25;
  const toms =
    feel === 'son-clave'
      ? [65, 65, 66, 66]
      : pick(r, [
          [50, 48, 47, 45, 43, 41],
          [48, 45, 43],
          [47, 43],
        ]);
  const n = Math.round((barQ - from) / step);
  const out: Hit[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / Math.max(1, n - 1);
    const pitch =
      f < 0.34
        ? feel === 'son-clave'
          ? 65
          : SNARE
        : toms[Math.min(toms.length - 1, Math.floor(f * toms.length))]!;
    out.push({ pos: from + i * step, pitch, vel: 72 + Math.round(f * 38) });
  }
  return out;
}

// ---------------------------------------------------------------- the score and its SMF

/** Channel settings: volume, pan, reverb and chorus sends. */
function channelControllers(
  r: Rand,
  part: MaPart,
  reverbSend: number,
): readonly (readonly [number, number])[] {
  const volume = { lead: 104, bass: 100, comp: 84, pad: 66, counter: 78, drums: 102 }[part];
  const pan =
    part === 'drums' || part === 'bass' || part === 'lead' ? 64 + int(r, -6, 6) : pick(r, [34, 46, 84, 94]);
  return [
    [7, volume],
    [10, pan],
    [91, Math.max(0, Math.min(127, reverbSend + int(r, -15, 15) - (part === 'bass' ? 25 : 0)))],
    [93, part === 'comp' || part === 'pad' ? int(r, 0, 40) : int(r, 0, 10)],
  ];
}

/** Humanised timing (seconds; drums tightest, the lead loosest) and velocity (± a few steps). */
function humanise(notes: MaNote[], r: Rand) {
  const sigma: Record<MaPart, number> = {
    drums: 0.002,
    bass: 0.003,
    comp: 0.004,
    pad: 0.004,
    counter: 0.004,
    lead: 0.005,
  };
  for (const n of notes) {
    const g = (r() + r() + r() + r() - 2) * 1.7;
    n.jitterSec = Math.max(-0.012, Math.min(0.012, g * sigma[n.part]));
    n.velocity = Math.max(1, Math.min(127, n.velocity + int(r, -4, 4)));
  }
}

const scores = new Map<string, MaScore>();

/** The item's score (deterministic from its seed). */
export function composeMidiarchive(item: MidiArchiveItem): MaScore {
  const key = `${item.id}:${item.seed}:${item.bpm}:${item.tonicPc}:${item.minorKind}`;
  const cached = scores.get(key);
  if (cached) return cached;
  const r = mulberry32(item.seed);
  const c = new Composer(item, r);
  const style = c.style;
  c.band = pick(r, style.bands);
  c.compose();
  humanise(c.notes, r);
  const parts = new Set(c.notes.map((n) => n.part));
  const programs: SmfProgram[] = [];
  for (const part of ['lead', 'bass', 'comp', 'pad', 'counter', 'drums'] as const) {
    if (!parts.has(part)) continue;
    const program =
      part === 'drums'
        ? (c.band.kit ?? 0)
        : part === 'pad'
          ? (c.band.pad ?? 48)
          : part === 'counter'
            ? (c.band.counter ?? c.band.lead)
            : c.band[part];
    programs.push({ channel: CH[part], program, controllers: channelControllers(r, part, style.reverbSend) });
  }
  c.notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  const score: MaScore = {
    qpm: c.qpm,
    bars: c.bars,
    barQ: c.barQ,
    introEndQ: c.introEndQ,
    beatQ: c.beatQ,
    swingQ: 0,
    sections: c.sections.map((s) => ({ name: s.name, bar: s.bar })),
    programs,
    notes: c.notes,
  };
  scores.set(key, score);
  return score;
}

/**
 * The item as a format-0 SMF (smf.ts scoreToSmf, PPQ 480): one tempo meta event (the label, in
 * quarter notes per minute), the time signature, the channels' programs and controllers, the notes
 * humanised; a note that would overlap the next one of its pitch on its channel is cut short.
 */
export function midiarchiveMidi(item: MidiArchiveItem): Uint8Array {
  return scoreToSmf(composeMidiarchive(item), item.metre, { cutOverlaps: true });
}

// The karaoke book (set K, the seventh composer): karaoke and cover-band General MIDI files as people
// collect them (.kar/.mid of pop, rock, soul, country, Latin, standards, ballads, dance, film and
// musical numbers), written blind: its author never read the analyser nor the other composers'
// musical code. Each item is a seeded arrangement — an intro (a count-in, the piano alone, the band, or
// a pickup), verse / chorus (/ bridge) sections with texture changes, fills and crashes, a real
// progression in the key, a bass line and comping of the style, a sung lead line in phrases with rests,
// humanised timing (≤ 12 ms) and velocity — in one of 34 styles, 2/4, 3/4, 4/4, 6/8 or 12/8, 60–190
// BPM, in all 24 keys (natural, harmonic and dorian minor). The label is the beat a listener taps: the
// quarter in 2/4, 3/4 and 4/4 (half-time drums too), the dotted quarter in 6/8 and 12/8; the SMF's
// tempo is written so. Rendered by karaoke-render.ts (FluidSynth with the OPL3 FM GM font or
// MuseScore General HQ). Seed 9191, 160 items, item n held-out when n is odd (pairs share style,
// tempo range, metre and feel, one in each half). Tests and benches only.
import { mulberry32 } from './corpus.ts';
import { compound, labelledQpm } from './score-patterns.ts';
import { type ScoreNote, type SmfProgram, scoreToSmf } from './smf.ts';

export const KARAOKE_SEED = 9191;
export const KARAOKE_CLIP_SEC = 30;

export type KkMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type KkMinorKind = 'natural' | 'harmonic' | 'dorian';
export type KkFont = 'opl3' | 'musescore-hq';
export type KkIntro = 'count-in' | 'piano' | 'band' | 'pickup';
export type KkFeel =
  | 'none'
  | 'ballad'
  | 'ballad-rock'
  | 'rock8'
  | 'rock16'
  | 'half-time'
  | 'shuffle'
  | 'swing'
  | 'brushes'
  | 'blues128'
  | 'doowop128'
  | 'gospel128'
  | 'sixeight'
  | 'waltz'
  | 'polka'
  | 'march'
  | 'bossa'
  | 'samba'
  | 'salsa'
  | 'cumbia'
  | 'bolero'
  | 'dembow'
  | 'one-drop'
  | 'disco'
  | 'house'
  | 'funk'
  | 'train'
  | 'two-step'
  | 'motown';

type Harmony =
  | 'pop'
  | 'rock'
  | 'ballad'
  | 'jazz'
  | 'blues'
  | 'country'
  | 'oompah'
  | 'latin'
  | 'modal'
  | 'gospel'
  | 'doowop'
  | 'film'
  | 'reggae';

type BassPat =
  | 'whole'
  | 'halves'
  | 'root-fifth'
  | 'quarters'
  | 'eighths'
  | 'walking'
  | 'boogie'
  | 'tumbao'
  | 'bossa'
  | 'reggae'
  | 'octave'
  | 'funk'
  | 'dembow'
  | 'samba'
  | 'cumbia'
  | 'blues128'
  | 'walk128'
  | 'motown'
  | 'half-time';

type CompPat =
  | 'quarters'
  | 'halves'
  | 'whole'
  | 'arp8'
  | 'strum8'
  | 'skank'
  | 'offbeat8'
  | 'funkstab'
  | 'montuno'
  | 'bossa'
  | 'waltz23'
  | 'triplets'
  | 'charleston'
  | 'pulse8'
  | 'chick';

export interface KkStyle {
  name: string;
  metre: KkMetre;
  feel: KkFeel;
  /** Tempo ranges (labelled BPM, inclusive); a style's k-th pair draws from range k mod their number. */
  tempi: readonly (readonly [number, number])[];
  pairs: number;
  harmony: Harmony;
  minorKinds: readonly KkMinorKind[];
  bass: BassPat;
  comp: CompPat;
  compChorus: CompPat;
  pad: 'always' | 'chorus' | 'never';
  /** Eighths swung to the triplet (2:1). */
  swing: boolean;
  /** Divides the beat into sixteenths (drums, bass or comping). */
  sixteenths: boolean;
  programs: {
    lead: readonly number[];
    comp: readonly number[];
    bass: readonly number[];
    pad: readonly number[];
  };
}

const ALL_MINOR: readonly KkMinorKind[] = ['natural', 'harmonic', 'dorian'];

function style(
  name: string,
  metre: KkMetre,
  feel: KkFeel,
  tempi: readonly (readonly [number, number])[],
  pairs: number,
  harmony: Harmony,
  o: {
    minorKinds?: readonly KkMinorKind[];
    bass: BassPat;
    comp: CompPat;
    compChorus?: CompPat;
    pad?: KkStyle['pad'];
    swing?: boolean;
    sixteenths?: boolean;
    lead: readonly number[];
    compPrograms: readonly number[];
    bassPrograms: readonly number[];
    padPrograms?: readonly number[];
  },
): KkStyle {
  return {
    name,
    metre,
    feel,
    tempi,
    pairs,
    harmony,
    minorKinds: o.minorKinds ?? ALL_MINOR,
    bass: o.bass,
    comp: o.comp,
    compChorus: o.compChorus ?? o.comp,
    pad: o.pad ?? 'chorus',
    swing: o.swing ?? false,
    sixteenths: o.sixteenths ?? false,
    programs: {
      lead: o.lead,
      comp: o.compPrograms,
      bass: o.bassPrograms,
      pad: o.padPrograms ?? [48, 49, 89],
    },
  };
}

// GM programs (0-based): 0 grand, 1 bright, 2 e.grand, 4/5 e.pianos, 11 vibes, 16/17/19 organs, 21
// accordion, 22 harmonica, 24/25 nylon/steel, 26 jazz gtr, 27 clean, 29 overdrive, 30 distortion,
// 32-34 basses, 35 fretless, 38/39 synth bass, 40 violin, 46 harp, 48-50 strings, 52/53 choir/oohs,
// 54 synth voice, 56 trumpet, 61 brass, 62 synth brass, 64-66 saxes, 68 oboe, 71 clarinet, 73 flute,
// 80/81 square/saw lead, 85 voice lead, 88-90 pads, 105 banjo, 110 fiddle.
const VOICE = [53, 54, 85, 73, 65];
/** The styles: 34, 80 pairs. */
export const STYLES: readonly KkStyle[] = [
  style(
    'piano-ballad',
    '4/4',
    'none',
    [
      [60, 70],
      [66, 80],
    ],
    3,
    'ballad',
    {
      bass: 'halves',
      comp: 'arp8',
      compChorus: 'quarters',
      pad: 'chorus',
      lead: VOICE,
      compPrograms: [0, 1, 4],
      bassPrograms: [32, 33, 35],
    },
  ),
  style(
    'pop-ballad',
    '4/4',
    'ballad',
    [
      [60, 72],
      [68, 84],
    ],
    3,
    'ballad',
    {
      minorKinds: ['natural', 'harmonic'],
      bass: 'halves',
      comp: 'halves',
      compChorus: 'quarters',
      lead: VOICE,
      compPrograms: [0, 4, 5],
      bassPrograms: [33, 35],
    },
  ),
  style('power-ballad', '4/4', 'ballad-rock', [[60, 78]], 2, 'ballad', {
    minorKinds: ['natural', 'harmonic'],
    bass: 'halves',
    comp: 'arp8',
    compChorus: 'quarters',
    lead: [29, 85, 54, 65],
    compPrograms: [0, 27, 1],
    bassPrograms: [33, 34],
  }),
  style(
    'sixeight-ballad',
    '6/8',
    'none',
    [
      [60, 72],
      [66, 84],
    ],
    2,
    'ballad',
    {
      bass: 'halves',
      comp: 'arp8',
      compChorus: 'triplets',
      pad: 'always',
      lead: VOICE,
      compPrograms: [0, 24, 46],
      bassPrograms: [32, 35],
    },
  ),
  style('doo-wop', '12/8', 'doowop128', [[60, 76]], 2, 'doowop', {
    minorKinds: ['natural', 'harmonic'],
    bass: 'walk128',
    comp: 'triplets',
    lead: [65, 66, 53, 54],
    compPrograms: [0, 1],
    bassPrograms: [32, 33],
    padPrograms: [52, 53],
  }),
  style('slow-blues', '12/8', 'blues128', [[60, 78]], 2, 'blues', {
    minorKinds: ['natural', 'harmonic'],
    bass: 'blues128',
    comp: 'triplets',
    compChorus: 'triplets',
    pad: 'never',
    lead: [22, 29, 65, 26],
    compPrograms: [0, 16, 4],
    bassPrograms: [33, 34],
  }),
  style('gospel', '12/8', 'gospel128', [[68, 92]], 2, 'gospel', {
    bass: 'walk128',
    comp: 'triplets',
    pad: 'chorus',
    lead: [53, 54, 65],
    compPrograms: [16, 17, 0],
    bassPrograms: [33, 32],
    padPrograms: [52, 19],
  }),
  style('film-theme', '4/4', 'none', [[66, 100]], 2, 'film', {
    minorKinds: ['natural', 'harmonic'],
    bass: 'halves',
    comp: 'arp8',
    compChorus: 'arp8',
    pad: 'always',
    lead: [73, 68, 40, 60, 71],
    compPrograms: [46, 0, 11],
    bassPrograms: [32, 42],
    padPrograms: [48, 49, 50],
  }),
  style(
    'waltz-ballad',
    '3/4',
    'none',
    [
      [78, 110],
      [108, 150],
    ],
    3,
    'ballad',
    {
      minorKinds: ['natural', 'harmonic'],
      bass: 'root-fifth',
      comp: 'waltz23',
      compChorus: 'arp8',
      lead: [73, 71, 40, 53, 21],
      compPrograms: [0, 21, 24],
      bassPrograms: [32, 33],
    },
  ),
  style(
    'country-waltz',
    '3/4',
    'waltz',
    [
      [90, 130],
      [130, 180],
    ],
    3,
    'country',
    {
      bass: 'root-fifth',
      comp: 'waltz23',
      lead: [110, 22, 25, 53],
      compPrograms: [25, 0, 105],
      bassPrograms: [32, 33],
      padPrograms: [48, 110],
    },
  ),
  style('sixeight-folk', '6/8', 'sixeight', [[90, 126]], 2, 'film', {
    bass: 'root-fifth',
    comp: 'strum8',
    compChorus: 'triplets',
    lead: [73, 110, 71, 22],
    compPrograms: [25, 24, 21],
    bassPrograms: [32, 33],
  }),
  style('acoustic-strum', '4/4', 'none', [[86, 132]], 2, 'pop', {
    bass: 'root-fifth',
    comp: 'strum8',
    compChorus: 'strum8',
    lead: VOICE,
    compPrograms: [25, 24],
    bassPrograms: [32, 33],
  }),
  style('pop-rock', '4/4', 'rock8', [[104, 140]], 2, 'rock', {
    bass: 'eighths',
    comp: 'pulse8',
    compChorus: 'strum8',
    lead: [54, 85, 29, 81],
    compPrograms: [27, 29, 0],
    bassPrograms: [33, 34],
  }),
  style('rock-16', '4/4', 'rock16', [[84, 116]], 2, 'rock', {
    bass: 'eighths',
    comp: 'strum8',
    compChorus: 'pulse8',
    sixteenths: true,
    lead: [29, 54, 81],
    compPrograms: [29, 30, 27],
    bassPrograms: [34, 33],
  }),
  style(
    'punk-pop',
    '4/4',
    'rock8',
    [
      [160, 175],
      [176, 190],
    ],
    2,
    'rock',
    {
      minorKinds: ['natural', 'dorian'],
      bass: 'eighths',
      comp: 'pulse8',
      pad: 'never',
      lead: [29, 30, 81, 85],
      compPrograms: [30, 29],
      bassPrograms: [34, 33],
    },
  ),
  style(
    'half-time',
    '4/4',
    'half-time',
    [
      [100, 125],
      [125, 150],
      [150, 175],
    ],
    5,
    'pop',
    {
      minorKinds: ['natural', 'harmonic'],
      bass: 'half-time',
      comp: 'halves',
      compChorus: 'pulse8',
      lead: [85, 54, 81, 53, 80],
      compPrograms: [4, 90, 0, 27],
      bassPrograms: [38, 39, 33],
      padPrograms: [89, 90, 50],
    },
  ),
  style('shuffle-blues', '4/4', 'shuffle', [[92, 140]], 3, 'blues', {
    minorKinds: ['natural', 'harmonic'],
    bass: 'boogie',
    comp: 'charleston',
    compChorus: 'quarters',
    swing: true,
    pad: 'never',
    lead: [22, 65, 66, 29],
    compPrograms: [0, 16, 26],
    bassPrograms: [33, 32],
  }),
  style(
    'swing-standard',
    '4/4',
    'swing',
    [
      [112, 150],
      [150, 190],
    ],
    3,
    'jazz',
    {
      minorKinds: ['harmonic', 'dorian'],
      bass: 'walking',
      comp: 'charleston',
      swing: true,
      pad: 'chorus',
      lead: [65, 66, 56, 73, 53],
      compPrograms: [0, 26, 11],
      bassPrograms: [32],
      padPrograms: [61, 48],
    },
  ),
  style('jazz-ballad', '4/4', 'brushes', [[60, 80]], 2, 'jazz', {
    minorKinds: ['harmonic', 'dorian'],
    bass: 'halves',
    comp: 'halves',
    compChorus: 'quarters',
    swing: true,
    lead: [66, 65, 56, 53],
    compPrograms: [0, 4, 11],
    bassPrograms: [32],
    padPrograms: [48, 49],
  }),
  style('polka', '2/4', 'polka', [[100, 150]], 2, 'oompah', {
    minorKinds: ['harmonic', 'natural'],
    bass: 'root-fifth',
    comp: 'offbeat8',
    pad: 'never',
    lead: [21, 71, 56, 22],
    compPrograms: [21, 0],
    bassPrograms: [58, 32],
  }),
  style('march', '2/4', 'march', [[104, 132]], 2, 'oompah', {
    minorKinds: ['harmonic', 'natural'],
    bass: 'root-fifth',
    comp: 'quarters',
    compChorus: 'offbeat8',
    sixteenths: true,
    lead: [56, 73, 72, 61],
    compPrograms: [61, 0],
    bassPrograms: [58, 57],
    padPrograms: [48, 61],
  }),
  style('bossa', '4/4', 'bossa', [[120, 150]], 2, 'latin', {
    minorKinds: ['harmonic', 'dorian'],
    bass: 'bossa',
    comp: 'bossa',
    pad: 'chorus',
    lead: [73, 65, 53, 66],
    compPrograms: [24, 0, 4],
    bassPrograms: [32, 33],
    padPrograms: [48, 89],
  }),
  style('samba', '2/4', 'samba', [[88, 108]], 2, 'latin', {
    bass: 'samba',
    comp: 'offbeat8',
    compChorus: 'quarters',
    sixteenths: true,
    lead: [73, 56, 65, 53],
    compPrograms: [24, 0],
    bassPrograms: [32, 33],
    padPrograms: [61, 48],
  }),
  style(
    'salsa',
    '4/4',
    'salsa',
    [
      [150, 170],
      [171, 190],
    ],
    2,
    'latin',
    {
      minorKinds: ['harmonic', 'natural'],
      bass: 'tumbao',
      comp: 'montuno',
      pad: 'chorus',
      lead: [56, 53, 65, 73],
      compPrograms: [0, 1],
      bassPrograms: [32, 33],
      padPrograms: [61, 57],
    },
  ),
  style('cumbia', '4/4', 'cumbia', [[88, 112]], 2, 'latin', {
    minorKinds: ['harmonic', 'natural'],
    bass: 'cumbia',
    comp: 'offbeat8',
    compChorus: 'quarters',
    sixteenths: true,
    lead: [21, 73, 53, 56],
    compPrograms: [21, 0, 24],
    bassPrograms: [33, 32],
  }),
  style('bolero', '4/4', 'bolero', [[68, 90]], 2, 'latin', {
    minorKinds: ['harmonic', 'natural'],
    bass: 'halves',
    comp: 'arp8',
    compChorus: 'quarters',
    lead: [53, 24, 40, 73],
    compPrograms: [24, 0, 46],
    bassPrograms: [32, 33],
    padPrograms: [48, 49],
  }),
  style('reggaeton', '4/4', 'dembow', [[88, 100]], 2, 'modal', {
    minorKinds: ['natural', 'dorian'],
    bass: 'dembow',
    comp: 'halves',
    compChorus: 'offbeat8',
    sixteenths: true,
    lead: [54, 85, 80, 81],
    compPrograms: [90, 4, 81],
    bassPrograms: [38, 39],
    padPrograms: [89, 90],
  }),
  style('reggae', '4/4', 'one-drop', [[68, 90]], 3, 'reggae', {
    minorKinds: ['natural', 'dorian'],
    bass: 'reggae',
    comp: 'skank',
    pad: 'never',
    lead: [53, 54, 65, 22],
    compPrograms: [27, 16, 0],
    bassPrograms: [33, 34],
  }),
  style('disco', '4/4', 'disco', [[112, 128]], 2, 'modal', {
    bass: 'octave',
    comp: 'offbeat8',
    compChorus: 'pulse8',
    sixteenths: true,
    pad: 'chorus',
    lead: [53, 54, 85, 56],
    compPrograms: [4, 27, 0],
    bassPrograms: [33, 38],
    padPrograms: [48, 50],
  }),
  style('house', '4/4', 'house', [[120, 140]], 3, 'modal', {
    minorKinds: ['natural', 'dorian'],
    bass: 'octave',
    comp: 'offbeat8',
    compChorus: 'offbeat8',
    sixteenths: true,
    lead: [54, 85, 80, 81],
    compPrograms: [0, 4, 90],
    bassPrograms: [38, 39],
    padPrograms: [89, 90, 50],
  }),
  style('funk', '4/4', 'funk', [[92, 116]], 3, 'modal', {
    minorKinds: ['dorian', 'natural'],
    bass: 'funk',
    comp: 'funkstab',
    sixteenths: true,
    pad: 'never',
    lead: [53, 65, 56, 80],
    compPrograms: [27, 4, 16],
    bassPrograms: [36, 33, 38],
  }),
  style('country-train', '4/4', 'train', [[140, 184]], 2, 'country', {
    minorKinds: ['natural', 'harmonic'],
    bass: 'root-fifth',
    comp: 'chick',
    compChorus: 'strum8',
    pad: 'never',
    lead: [25, 110, 22, 53],
    compPrograms: [25, 24],
    bassPrograms: [32, 33],
  }),
  style('two-step', '4/4', 'two-step', [[96, 130]], 2, 'country', {
    bass: 'root-fifth',
    comp: 'chick',
    compChorus: 'strum8',
    lead: [110, 25, 53, 22],
    compPrograms: [25, 0, 105],
    bassPrograms: [32, 33],
    padPrograms: [48, 110],
  }),
  style('motown', '4/4', 'motown', [[112, 132]], 2, 'pop', {
    bass: 'motown',
    comp: 'quarters',
    compChorus: 'pulse8',
    pad: 'chorus',
    lead: [53, 65, 54, 56],
    compPrograms: [0, 27, 16],
    bassPrograms: [33, 32],
    padPrograms: [48, 61],
  }),
];

export const styleOf = (name: string): KkStyle => STYLES.find((s) => s.name === name)!;

export interface KaraokeItem {
  /** kk-NNN-<style>-<tonic><maj|min>. */
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: KkMetre;
  feel: KkFeel;
  drums: boolean;
  intro: KkIntro;
  /** The beat a listener taps (the dotted quarter in 6/8 and 12/8), per minute. */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: KkMinorKind | null;
  soundfont: KkFont;
  reverb: boolean;
  chorus: boolean;
  gain: number;
  seed: number;
}

// ---------------------------------------------------------------- randomness

type Rng = () => number;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const randInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

// ---------------------------------------------------------------- the item list

export const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const GAINS = [0.4, 0.7, 1.0] as const;

/** The karaoke book's 160 items (80 pairs; item n held-out when n is odd). */
export function karaoke(seed = KARAOKE_SEED): KaraokeItem[] {
  const rng = mulberry32(seed);
  const pairs: { style: KkStyle; range: readonly [number, number] }[] = [];
  for (const s of STYLES)
    for (let k = 0; k < s.pairs; k++) pairs.push({ style: s, range: s.tempi[k % s.tempi.length]! });
  const order = shuffled(rng, pairs);
  // each half's keys: shuffled cycles of the 24 (index < 12 major, else minor)
  const keysOf = () => {
    const out: number[] = [];
    while (out.length < order.length) out.push(...shuffled(rng, [...Array(24).keys()]));
    return out;
  };
  const keys = { tuning: keysOf(), 'held-out': keysOf() };
  const kinds = {
    tuning: { natural: 0, harmonic: 0, dorian: 0 },
    'held-out': { natural: 0, harmonic: 0, dorian: 0 },
  };
  const items: KaraokeItem[] = [];
  for (const [p, { style: s, range }] of order.entries()) {
    for (const member of [0, 1]) {
      const n = items.length;
      const set = member === 1 ? 'held-out' : 'tuning';
      const key = keys[set][p]!;
      const mode = key < 12 ? 'major' : 'minor';
      let minorKind: KkMinorKind | null = null;
      if (mode === 'minor') {
        const least = Math.min(...s.minorKinds.map((k) => kinds[set][k]));
        minorKind = pick(
          rng,
          s.minorKinds.filter((k) => kinds[set][k] === least),
        );
        kinds[set][minorKind]++;
      }
      const drums = s.feel !== 'none';
      const intro = pick<KkIntro>(
        rng,
        drums ? ['count-in', 'piano', 'band', 'pickup'] : ['piano', 'band', 'pickup'],
      );
      const bpm = randInt(rng, range[0], range[1]);
      const tonicPc = key % 12;
      items.push({
        id: `kk-${String(n).padStart(3, '0')}-${s.name}-${KEY_NAMES[tonicPc]}${mode === 'major' ? 'maj' : 'min'}`,
        set,
        style: s.name,
        metre: s.metre,
        feel: s.feel,
        drums,
        intro,
        bpm,
        tonicPc,
        mode,
        minorKind,
        soundfont: (p + member) % 2 === 0 ? 'musescore-hq' : 'opl3',
        reverb: rng() < 0.6,
        chorus: rng() < 0.5,
        gain: pick(rng, GAINS),
        seed: Math.floor(rng() * 2 ** 31),
      });
    }
  }
  return items;
}

/** fluidsynth `-o` settings of the item: reverb and chorus on or off, the gain. */
export function karaokeSynthSettings(item: KaraokeItem): string[] {
  return [
    ...(item.reverb ? [] : ['synth.reverb.active=0']),
    ...(item.chorus ? [] : ['synth.chorus.active=0']),
    `synth.gain=${item.gain}`,
  ];
}

const BAR_Q: Record<KkMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };

/** Quarter notes per minute of the item's SMF (the label × the beat's length in quarters). */
export const karaokeQpm = (item: KaraokeItem) => labelledQpm(item);

// ---------------------------------------------------------------- harmony

const SCALES: Record<'major' | KkMinorKind, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  natural: [0, 2, 3, 5, 7, 8, 10],
  harmonic: [0, 2, 3, 5, 7, 8, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
};

/** Progressions (bars split by '|', chords in a bar by ' '); minor numerals count from the natural minor. */
const PROGRESSIONS: Record<Harmony, Record<'major' | KkMinorKind, readonly string[]>> = {
  pop: {
    major: ['I|V|vi|IV', 'vi|IV|I|V', 'I|vi|IV|V', 'I|IV|vi|V', 'I|iii|IV|V'],
    natural: ['i|VI|III|VII', 'i|VII|VI|VII', 'VI|VII|i|i', 'i|iv|VI|v'],
    harmonic: ['i|VI|iv|V', 'i|iv|V|i', 'i|i|iv|V'],
    dorian: ['i7|IV|i7|IV', 'i|IV|v|i'],
  },
  rock: {
    major: ['I|bVII|IV|I', 'I|IV|V|IV', 'I|V|IV|IV', 'I|I|IV|V'],
    natural: ['i|VII|VI|VII', 'i|VI|VII|i', 'i|iv|VII|i'],
    harmonic: ['i|iv|V|V', 'i|VI|iv|V'],
    dorian: ['i|IV|i|IV', 'i|III|IV|i'],
  },
  ballad: {
    major: ['I|vi|IV|V', 'I|iii|vi|IV', 'I|IV|I|V', 'I V|vi IV|I V|IV', 'I|V|vi|IV'],
    natural: ['i|VI|III|VII', 'i|iv|VII|III', 'i|VI|iv|v'],
    harmonic: ['i|iv|V|i', 'i|VI|ii°|V', 'i|iv|i|V'],
    dorian: ['i|IV|i|IV', 'i7|ii7|i7|IV'],
  },
  jazz: {
    major: ['Imaj7|vi7|ii7|V7', 'ii7|V7|Imaj7|vi7', 'Imaj7|IVmaj7|iii7 vi7|ii7 V7', 'Imaj7|Imaj7|ii7|V7'],
    natural: ['i7|iv7|v7|i7', 'i7|VImaj7|iv7|v7'],
    harmonic: ['iiø|V7|i|i', 'i|iv|iiø V7|i', 'i|VI|iiø|V7'],
    dorian: ['i7|IV7|i7|IV7', 'i7|ii7|i7|IV7'],
  },
  blues: {
    major: ['I7|IV|I7|I7|IV|IV|I7|I7|V7|IV|I7|V7', 'I7|V7|IV|IV|I7|V7|I7|V7'],
    natural: ['i|i|i|i|iv|iv|i|i|VI|v|i|v', 'i|v|iv|iv|i|v|i|v'],
    harmonic: ['i|i|i|i|iv|iv|i|i|VI|V7|i|V7', 'i|V7|iv|iv|i|V7|i|V7'],
    dorian: ['i7|IV7|i7|i7|IV7|IV7|i7|i7|v7|IV7|i7|v7'],
  },
  country: {
    major: ['I|I|IV|IV|V|V|I|I', 'I|IV|I|V', 'I|I|V|V|V|V|I|I', 'I|IV|V|I'],
    natural: ['i|iv|VII|i', 'i|VII|VI|VII'],
    harmonic: ['i|iv|V|i', 'i|i|V|V|V|V|i|i'],
    dorian: ['i|IV|i|IV'],
  },
  oompah: {
    major: ['I|I|V7|V7|V7|V7|I|I', 'I|I|IV|IV|V7|V7|I|I', 'I|IV|V7|I'],
    natural: ['i|i|v|v|VII|VII|i|i', 'i|i|iv|iv|v|v|i|i'],
    harmonic: ['i|i|V7|V7|V7|V7|i|i', 'i|i|iv|iv|V|V|i|i'],
    dorian: ['i|i|IV|IV|i|i|IV|IV'],
  },
  latin: {
    major: ['Imaj7|ii7|V7|Imaj7', 'I|IV|V|IV', 'I|I|V7|I', 'I|vi|ii|V'],
    natural: ['i|VII|VI|v', 'i|iv|i|VII'],
    harmonic: ['i|iv|V7|i', 'i|iv|i|V7', 'iiø|V7|i|i', 'i|iv|VI|V7'],
    dorian: ['i7|IV7|i7|IV7', 'i|IV|i|IV'],
  },
  modal: {
    major: ['Imaj7|IVmaj7|Imaj7|IVmaj7', 'I|IV|I|IV', 'I|V|vi|IV', 'I|bVII|IV|I'],
    natural: ['i|VI|VII|i', 'i7|v7|VI|VII', 'i|i|VI|VII'],
    harmonic: ['i|iv|V|i', 'i|VI|V|i'],
    dorian: ['i7|IV7|i7|IV7', 'i7|i7|IV|IV', 'i7|ii7|i7|ii7'],
  },
  gospel: {
    major: ['I|IV|I|V', 'I|iii|IV|V', 'I|I7|IV|V'],
    natural: ['i|VI|VII|i', 'i|iv|VII|i'],
    harmonic: ['i|iv|V|i', 'i|VI|iv|V'],
    dorian: ['i|IV|i|IV', 'i7|IV7|i7|v7'],
  },
  doowop: {
    major: ['I|vi|IV|V', 'I vi|IV V|I vi|IV V'],
    natural: ['i|VI|iv|v', 'i|VI|III|VII'],
    harmonic: ['i|VI|iv|V', 'i|iv|V|i'],
    dorian: ['i|IV|i|IV'],
  },
  film: {
    major: ['I|IV|vi|V', 'vi|IV|I|V', 'I|V|vi|iii|IV|I|IV|V', 'I|IV|I|V'],
    natural: ['i|VI|III|VII', 'i|iv|VI|VII', 'i|VII|VI|VII'],
    harmonic: ['i|iv|V|i', 'i|VI|ii°|V', 'i|VI|iv|V'],
    dorian: ['i|IV|i|IV', 'i|ii7|IV|i'],
  },
  reggae: {
    major: ['I|IV|I|V', 'I|V|IV|IV', 'I|vi|IV|V'],
    natural: ['i|VII|i|VII', 'i|iv|i|VII', 'i|VI|VII|i'],
    harmonic: ['i|iv|V|i'],
    dorian: ['i|IV|i|IV', 'i7|IV|i7|IV'],
  },
};

interface Chord {
  root: number;
  /** Intervals above the root. */
  tones: readonly number[];
}

const NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
const MAJOR_ROOTS = [0, 2, 4, 5, 7, 9, 11];
const MINOR_ROOTS = [0, 2, 3, 5, 7, 8, 10];

/** A numeral as a chord relative to the tonic: 'bVII', 'vi7', 'Imaj7', 'ii°', 'iiø', 'V7'. */
export function parseChord(sym: string, mode: 'major' | 'minor'): Chord {
  const m = /^(b?)([ivIV]+)(maj7|7|°|ø)?$/.exec(sym);
  if (!m) throw new Error(`bad chord ${sym}`);
  const [, flat, numeral, suffix] = m;
  const degree = NUMERALS.indexOf(numeral!.toUpperCase());
  if (degree < 0) throw new Error(`bad numeral ${sym}`);
  const upper = numeral === numeral!.toUpperCase();
  const root = ((mode === 'major' ? MAJOR_ROOTS : MINOR_ROOTS)[degree]! - (flat ? 1 : 0) + 12) % 12;
  const tones =
    suffix === '°'
      ? [0, 3, 6]
      : suffix === 'ø'
        ? [0, 3, 6, 10]
        : suffix === 'maj7'
          ? [0, 4, 7, 11]
          : suffix === '7'
            ? upper
              ? [0, 4, 7, 10]
              : [0, 3, 7, 10]
            : upper
              ? [0, 4, 7]
              : [0, 3, 7];
  return { root, tones };
}

// ---------------------------------------------------------------- the score

export type KkPart = 'drums' | 'bass' | 'comp' | 'pad' | 'lead';

export interface KkNote extends ScoreNote {
  part: KkPart;
  /** A strum's later strings (spread off the grid). */
  ornament?: boolean;
}

export interface KkSection {
  name: 'intro' | 'verse' | 'chorus' | 'bridge';
  bar: number;
}

export interface KkScore {
  qpm: number;
  bars: number;
  barQ: number;
  beatQ: number;
  introEndQ: number;
  sections: KkSection[];
  programs: SmfProgram[];
  notes: KkNote[];
  /** The pitch classes (relative to the tonic) the item may sound. */
  allowedPcs: number[];
}

const CH = { lead: 0, comp: 1, bass: 2, pad: 3, drums: 9 } as const;

type Layer = readonly [
  pitch: number,
  positions: readonly number[] | readonly [readonly number[], readonly number[]],
  vel: number,
];
interface FeelDef {
  verse: readonly Layer[];
  chorus: readonly Layer[];
  fill: 'sixteenths' | 'triplets' | 'eighths';
}

const T = 2 / 3;
const E8 = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5];
const S16 = [...Array(16).keys()].map((i) => i / 4);
const E12 = [...Array(12).keys()].map((i) => i / 2);
const OFF8 = [0.5, 1.5, 2.5, 3.5];
const SWUNG = [0, T, 1, 1 + T, 2, 2 + T, 3, 3 + T];

/** Drum patterns: GM percussion (35/36 kick, 37 side stick, 38 snare, 39 clap, 42/44/46 hats, 51 ride, 54 tambourine, 56 cowbell, 60-64 bongos and congas, 70 maracas, 73/74 guiro, 75 claves, 76 wood block, 82 shaker). */
const FEELS: Record<Exclude<KkFeel, 'none'>, FeelDef> = {
  ballad: {
    verse: [
      [36, [0, 2.5], 78],
      [37, [1, 3], 68],
      [42, [0, 1, 2, 3], 52],
    ],
    chorus: [
      [36, [0, 2.5], 88],
      [38, [1, 3], 88],
      [42, E8, 58],
    ],
    fill: 'sixteenths',
  },
  'ballad-rock': {
    verse: [
      [36, [0, 2.5], 90],
      [38, [1, 3], 96],
      [42, E8, 62],
    ],
    chorus: [
      [36, [0, 1.5, 2.5], 96],
      [38, [1, 3], 106],
      [51, E8, 70],
    ],
    fill: 'sixteenths',
  },
  rock8: {
    verse: [
      [36, [0, 2, 2.5], 96],
      [38, [1, 3], 100],
      [42, E8, 68],
    ],
    chorus: [
      [36, [0, 1.5, 2, 2.5], 100],
      [38, [1, 3], 110],
      [51, E8, 74],
    ],
    fill: 'sixteenths',
  },
  rock16: {
    verse: [
      [36, [0, 1.75, 2.5], 96],
      [38, [1, 3], 100],
      [42, S16, 56],
    ],
    chorus: [
      [36, [0, 0.75, 2, 2.5], 100],
      [38, [1, 3], 110],
      [42, S16, 62],
      [46, [3.5], 70],
    ],
    fill: 'sixteenths',
  },
  'half-time': {
    verse: [
      [36, [0], 100],
      [38, [2], 104],
      [42, E8, 66],
    ],
    chorus: [
      [36, [0, 1.5], 102],
      [38, [2], 110],
      [42, E8, 72],
      [46, [3.5], 70],
    ],
    fill: 'sixteenths',
  },
  shuffle: {
    verse: [
      [36, [0, 2], 90],
      [38, [1, 3], 96],
      [42, SWUNG, 66],
    ],
    chorus: [
      [36, [0, 1 + T, 2], 94],
      [38, [1, 3], 104],
      [51, SWUNG, 74],
    ],
    fill: 'triplets',
  },
  swing: {
    verse: [
      [51, [0, 1, 1 + T, 2, 3, 3 + T], 72],
      [44, [1, 3], 58],
      [36, [0, 1, 2, 3], 34],
    ],
    chorus: [
      [51, [0, 1, 1 + T, 2, 3, 3 + T], 82],
      [44, [1, 3], 62],
      [36, [0, 1, 2, 3], 38],
      [38, [[3 + T], [1 + T]], 52],
    ],
    fill: 'triplets',
  },
  brushes: {
    verse: [
      [38, [0, 1, 2, 3], 36],
      [44, [1, 3], 46],
      [51, [0, 1, 1 + T, 2, 3, 3 + T], 52],
    ],
    chorus: [
      [38, [0, 1, 2, 3], 44],
      [44, [1, 3], 52],
      [51, [0, 1, 1 + T, 2, 3, 3 + T], 62],
      [36, [0, 2], 50],
    ],
    fill: 'triplets',
  },
  blues128: {
    verse: [
      [36, [0, 3], 90],
      [38, [1.5, 4.5], 96],
      [42, E12, 62],
    ],
    chorus: [
      [36, [0, 2.5, 3], 94],
      [38, [1.5, 4.5], 104],
      [51, E12, 72],
    ],
    fill: 'eighths',
  },
  doowop128: {
    verse: [
      [36, [0, 3], 74],
      [38, [1.5, 4.5], 80],
      [42, E12, 52],
    ],
    chorus: [
      [36, [0, 3], 82],
      [38, [1.5, 4.5], 90],
      [51, E12, 62],
    ],
    fill: 'eighths',
  },
  gospel128: {
    verse: [
      [36, [0, 2.5, 3, 5.5], 90],
      [38, [1.5, 4.5], 100],
      [42, E12, 62],
      [54, [1.5, 4.5], 66],
    ],
    chorus: [
      [36, [0, 2.5, 3, 5.5], 96],
      [38, [1.5, 4.5], 108],
      [51, E12, 72],
      [54, E12, 56],
    ],
    fill: 'eighths',
  },
  sixeight: {
    verse: [
      [36, [0], 90],
      [38, [1.5], 94],
      [42, [0, 0.5, 1, 1.5, 2, 2.5], 62],
    ],
    chorus: [
      [36, [0, 1], 96],
      [38, [1.5], 104],
      [51, [0, 0.5, 1, 1.5, 2, 2.5], 70],
    ],
    fill: 'eighths',
  },
  waltz: {
    verse: [
      [36, [0], 88],
      [37, [1, 2], 66],
      [42, [0, 1, 2], 54],
    ],
    chorus: [
      [36, [0], 94],
      [38, [1, 2], 80],
      [42, [0, 0.5, 1, 1.5, 2, 2.5], 60],
    ],
    fill: 'sixteenths',
  },
  polka: {
    verse: [
      [36, [0, 1], 94],
      [38, [0.5, 1.5], 82],
      [42, [0.5, 1.5], 58],
    ],
    chorus: [
      [36, [0, 1], 100],
      [38, [0.5, 1.5], 92],
      [46, [0.5, 1.5], 70],
    ],
    fill: 'sixteenths',
  },
  march: {
    verse: [
      [36, [0, 1], 94],
      [38, [0, 0.5, 0.75, 1, 1.5], 80],
    ],
    chorus: [
      [36, [0, 1], 100],
      [38, [0, 0.5, 0.75, 1, 1.25, 1.5], 90],
      [53, [0, 1], 66],
    ],
    fill: 'sixteenths',
  },
  bossa: {
    verse: [
      [
        37,
        [
          [0, 1.5, 3],
          [1, 2.5],
        ],
        72,
      ],
      [42, E8, 50],
      [36, [0, 1.5, 2, 3.5], 72],
    ],
    chorus: [
      [
        37,
        [
          [0, 1.5, 3],
          [1, 2.5],
        ],
        80,
      ],
      [51, E8, 58],
      [36, [0, 1.5, 2, 3.5], 80],
    ],
    fill: 'sixteenths',
  },
  samba: {
    verse: [
      [35, [0, 0.75], 70],
      [36, [1], 100],
      [82, [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75], 56],
      [76, [0, 0.5, 0.75, 1.25, 1.5], 66],
    ],
    chorus: [
      [35, [0, 0.75], 78],
      [36, [1], 106],
      [70, [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75], 62],
      [38, [0.25, 0.75, 1.25, 1.75], 60],
    ],
    fill: 'sixteenths',
  },
  salsa: {
    verse: [
      [56, [0, 1, 2, 3], 74],
      [
        75,
        [
          [1, 2],
          [0, 1.5, 3],
        ],
        78,
      ],
      [63, [3, 3.5], 78],
      [62, [1], 68],
    ],
    chorus: [
      [56, [0, 1, 2, 3], 84],
      [
        75,
        [
          [1, 2],
          [0, 1.5, 3],
        ],
        84,
      ],
      [63, [3, 3.5], 84],
      [62, [1], 72],
      [65, [0.5, 2.5], 66],
    ],
    fill: 'sixteenths',
  },
  cumbia: {
    verse: [
      [36, [0, 2], 84],
      [74, [0, 1, 2, 3], 64],
      [73, [0.5, 0.75, 1.5, 1.75, 2.5, 2.75, 3.5, 3.75], 58],
      [63, [1.5, 3.5], 74],
    ],
    chorus: [
      [36, [0, 2], 92],
      [74, [0, 1, 2, 3], 70],
      [73, [0.5, 0.75, 1.5, 1.75, 2.5, 2.75, 3.5, 3.75], 62],
      [63, [1.5, 3.5], 80],
      [37, [1, 3], 70],
    ],
    fill: 'sixteenths',
  },
  bolero: {
    verse: [
      [60, E8, 58],
      [61, [1, 3], 70],
      [70, E8, 48],
      [36, [0, 2], 62],
    ],
    chorus: [
      [60, E8, 64],
      [61, [1, 3], 76],
      [70, E8, 54],
      [36, [0, 2], 70],
      [63, [3, 3.5], 74],
    ],
    fill: 'sixteenths',
  },
  dembow: {
    verse: [
      [36, [0, 1, 2, 3], 100],
      [38, [0.75, 1.5, 2.75, 3.5], 88],
      [42, E8, 58],
    ],
    chorus: [
      [36, [0, 1, 2, 3], 104],
      [38, [0.75, 1.5, 2.75, 3.5], 94],
      [39, [0.75, 1.5, 2.75, 3.5], 80],
      [42, E8, 62],
    ],
    fill: 'sixteenths',
  },
  'one-drop': {
    verse: [
      [36, [2], 100],
      [37, [2], 88],
      [42, E8, 58],
    ],
    chorus: [
      [36, [2], 104],
      [38, [2], 94],
      [42, E8, 62],
      [46, [3.5], 66],
    ],
    fill: 'sixteenths',
  },
  disco: {
    verse: [
      [36, [0, 1, 2, 3], 100],
      [38, [1, 3], 94],
      [46, OFF8, 72],
      [42, [0, 0.25, 0.75, 1, 1.25, 1.75, 2, 2.25, 2.75, 3, 3.25, 3.75], 48],
    ],
    chorus: [
      [36, [0, 1, 2, 3], 104],
      [38, [1, 3], 100],
      [39, [1, 3], 84],
      [46, OFF8, 78],
      [42, [0, 0.25, 0.75, 1, 1.25, 1.75, 2, 2.25, 2.75, 3, 3.25, 3.75], 52],
    ],
    fill: 'sixteenths',
  },
  house: {
    verse: [
      [36, [0, 1, 2, 3], 104],
      [39, [1, 3], 88],
      [46, OFF8, 72],
      [82, S16, 48],
    ],
    chorus: [
      [36, [0, 1, 2, 3], 108],
      [39, [1, 3], 96],
      [46, OFF8, 80],
      [82, S16, 54],
      [42, [0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75], 46],
    ],
    fill: 'sixteenths',
  },
  funk: {
    verse: [
      [36, [0, 0.75, 2.5], 100],
      [38, [1, 3], 104],
      [38, [1.75, 2.25, 3.75], 38],
      [42, S16, 58],
    ],
    chorus: [
      [36, [0, 0.75, 1.5, 2.5, 2.75], 104],
      [38, [1, 3], 110],
      [38, [1.75, 2.25, 3.75], 42],
      [42, S16, 62],
      [46, [3.5], 70],
    ],
    fill: 'sixteenths',
  },
  train: {
    verse: [
      [38, [0, 0.5, 1.5, 2, 2.5, 3.5], 52],
      [38, [1, 3], 96],
      [36, [0, 2], 84],
      [44, [1, 3], 50],
    ],
    chorus: [
      [38, [0, 0.5, 1.5, 2, 2.5, 3.5], 60],
      [38, [1, 3], 106],
      [36, [0, 2], 92],
      [51, [0, 1, 2, 3], 64],
    ],
    fill: 'sixteenths',
  },
  'two-step': {
    verse: [
      [36, [0, 2], 84],
      [37, [1, 3], 74],
      [42, E8, 54],
    ],
    chorus: [
      [36, [0, 2], 92],
      [38, [1, 3], 90],
      [51, [0, 1, 2, 3], 66],
    ],
    fill: 'sixteenths',
  },
  motown: {
    verse: [
      [38, [0, 1, 2, 3], 76],
      [54, [1, 3], 74],
      [36, [0, 1.5, 2, 2.5], 84],
      [42, E8, 52],
    ],
    chorus: [
      [38, [0, 1, 2, 3], 88],
      [54, E8, 64],
      [36, [0, 1.5, 2, 2.5], 92],
      [42, E8, 56],
    ],
    fill: 'sixteenths',
  },
};

/** Pitches a drum fill uses (toms, snare). */
const FILL_PITCHES = [38, 50, 48, 47, 45, 43, 41];

/** Lead rhythm cells: [offset, duration] in quarters; `end` cells leave at least a beat of rest. */
const CELLS: Record<'2/4' | '3/4' | '4/4' | '6/8' | '16th', { mid: number[][][]; end: number[][][] }> = {
  '4/4': {
    mid: [
      [
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 1],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 1],
        [2, 2],
      ],
      [
        [0, 1.5],
        [1.5, 0.5],
        [2, 1],
        [3, 1],
      ],
      [
        [0.5, 0.5],
        [1, 0.5],
        [1.5, 0.5],
        [2, 1],
        [3, 0.5],
        [3.5, 0.5],
      ],
      [
        [0, 2],
        [2, 1],
        [3, 1],
      ],
      [
        [0, 0.5],
        [0.5, 1],
        [1.5, 0.5],
        [2, 1.5],
        [3.5, 0.5],
      ],
    ],
    end: [
      [
        [0, 1],
        [1, 1],
        [2, 1],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 1],
      ],
      [[0, 2]],
      [
        [0, 1.5],
        [1.5, 1.5],
      ],
    ],
  },
  '16th': {
    mid: [
      [
        [0, 0.25],
        [0.25, 0.25],
        [0.5, 0.5],
        [1, 0.75],
        [1.75, 0.25],
        [2, 1],
        [3, 0.5],
        [3.5, 0.5],
      ],
      [
        [0, 0.5],
        [0.5, 0.25],
        [0.75, 0.75],
        [1.5, 0.5],
        [2, 0.75],
        [2.75, 0.25],
        [3, 1],
      ],
      [
        [0, 1],
        [1, 0.5],
        [1.5, 0.5],
        [2, 0.5],
        [2.5, 0.5],
        [3, 1],
      ],
    ],
    end: [
      [
        [0, 0.5],
        [0.5, 0.25],
        [0.75, 0.75],
        [1.5, 1.5],
      ],
      [
        [0, 0.75],
        [0.75, 0.25],
        [1, 2],
      ],
    ],
  },
  '3/4': {
    mid: [
      [
        [0, 1],
        [1, 1],
        [2, 1],
      ],
      [
        [0, 2],
        [2, 1],
      ],
      [
        [0, 1.5],
        [1.5, 0.5],
        [2, 1],
      ],
      [
        [0, 1],
        [1, 0.5],
        [1.5, 0.5],
        [2, 1],
      ],
    ],
    end: [
      [[0, 2]],
      [
        [0, 1],
        [1, 1],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 1],
      ],
    ],
  },
  '2/4': {
    mid: [
      [
        [0, 1],
        [1, 1],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 1],
      ],
      [
        [0, 1.5],
        [1.5, 0.5],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 0.5],
        [1.5, 0.5],
      ],
    ],
    end: [
      [[0, 1]],
      [
        [0, 0.5],
        [0.5, 0.5],
      ],
    ],
  },
  '6/8': {
    mid: [
      [
        [0, 1],
        [1, 0.5],
        [1.5, 1],
        [2.5, 0.5],
      ],
      [
        [0, 1.5],
        [1.5, 1.5],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 0.5],
        [1.5, 1.5],
      ],
      [
        [0, 1.5],
        [1.5, 0.5],
        [2, 0.5],
        [2.5, 0.5],
      ],
    ],
    end: [
      [[0, 1.5]],
      [
        [0, 1],
        [1, 0.5],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 0.5],
      ],
    ],
  },
};

/** An eighth's position swung to the triplet: x.5 → x.667. */
const swingQ = (q: number) => (Math.abs(q - Math.floor(q) - 0.5) < 1e-9 ? Math.floor(q) + T : q);

interface Ctx {
  item: KaraokeItem;
  s: KkStyle;
  rng: Rng;
  notes: KkNote[];
  barQ: number;
  beatQ: number;
  scale: readonly number[];
}

function add(
  c: Ctx,
  part: KkPart,
  pitch: number,
  start: number,
  duration: number,
  velocity: number,
  ornament = false,
): void {
  const jitter = Math.max(-0.011, Math.min(0.011, gauss(c.rng) * (part === 'drums' ? 0.003 : 0.0045)));
  c.notes.push({
    part,
    channel: CH[part],
    pitch,
    start,
    duration: Math.max(0.05, duration),
    velocity: Math.max(20, Math.min(124, Math.round(velocity + (c.rng() - 0.5) * 16))),
    jitterSec: jitter,
    ...(ornament ? { ornament: true } : {}),
  });
}

/** The chord's pitch classes (absolute). */
const pcsOf = (tonic: number, ch: Chord) => ch.tones.map((t) => (tonic + ch.root + t) % 12);
/** Notes of the pitch classes within [lo, lo + 12). */
const voicing = (pcs: readonly number[], lo: number) =>
  pcs.map((pc) => lo + ((((pc - lo) % 12) + 12) % 12)).sort((a, b) => a - b);

/** Composes the item's arrangement (deterministic in its seed). */
export function composeKaraoke(item: KaraokeItem): KkScore {
  const s = styleOf(item.style);
  const rng = mulberry32(item.seed);
  const barQ = BAR_Q[item.metre];
  const beatQ = compound(item.metre) ? 1.5 : 1;
  const qpm = karaokeQpm(item);
  const scaleKind = item.mode === 'major' ? 'major' : item.minorKind!;
  const scale = SCALES[scaleKind];
  const c: Ctx = { item, s, rng, notes: [], barQ, beatQ, scale };
  const tonic = item.tonicPc;

  // ---- form: the clip and a spare bar; intro; sections
  const bars = Math.ceil((KARAOKE_CLIP_SEC * qpm) / 60 / barQ - 1e-9) + 1;
  const short = barQ <= 2 || (barQ === 3 && item.bpm >= 130);
  let introBars =
    item.intro === 'count-in' || item.intro === 'pickup' ? (short ? 2 : 1) : short || item.bpm >= 150 ? 4 : 2;
  const pools = PROGRESSIONS[s.harmony][scaleKind];
  const progVerse = pick(rng, pools);
  const progChorus =
    pools.length > 1
      ? pick(
          rng,
          pools.filter((p) => p !== progVerse),
        )
      : progVerse;
  const progBridge = pick(rng, pools);
  const parse = (p: string) =>
    p.split('|').map((bar) =>
      bar
        .trim()
        .split(/\s+/)
        .map((sym) => parseChord(sym, item.mode)),
    );
  const forms = { verse: parse(progVerse), chorus: parse(progChorus), bridge: parse(progBridge) };
  const formLen = forms.verse.length;
  let sectionLen = short ? 8 : 4;
  if (formLen === 12) sectionLen = bars - introBars >= 14 ? 12 : 6;
  else if (formLen === 8) sectionLen = 8;
  while (bars - introBars < sectionLen + 2 && introBars > 1) introBars--;
  if (bars - introBars < sectionLen + 2) sectionLen = Math.max(2, Math.floor((bars - introBars) / 2));
  const introEndQ = introBars * barQ;
  const sections: KkSection[] = [{ name: 'intro', bar: 0 }];
  const withBridge = rng() < 0.35;
  for (let bar = introBars, k = 0; bar < bars; bar += sectionLen, k++) {
    const name = withBridge && k === 3 ? 'bridge' : k % 2 === 0 ? 'verse' : 'chorus';
    sections.push({ name, bar });
  }
  const sectionAt = (bar: number) => [...sections].reverse().find((x) => x.bar <= bar)!;
  /** Chords of a bar: [chord, start offset, length]. */
  const barChords = (bar: number): [Chord, number, number][] => {
    const sec = sectionAt(bar);
    const form = sec.name === 'intro' ? forms.verse : forms[sec.name];
    const chords = form[(bar - sec.bar) % form.length]!;
    const len = barQ / chords.length;
    return chords.map((ch, i) => [ch, i * len, len]);
  };
  const chordAt = (q: number): Chord => {
    const bar = Math.floor(q / barQ + 1e-9);
    const within = q - bar * barQ;
    const list = barChords(Math.min(bar, bars - 1));
    return [...list].reverse().find(([, off]) => off <= within + 1e-9)![0];
  };

  // ---- programs
  // the OPL3 font has the standard kit only; MuseScore General also the room, power, jazz and brush kits
  const kit =
    item.soundfont === 'opl3'
      ? 0
      : s.feel === 'swing'
        ? 32
        : s.feel === 'brushes'
          ? 40
          : pick(rng, [0, 0, 8, 16]);
  const ctl = (vol: number, pan: number) =>
    [
      [7, vol],
      [10, pan],
      [91, item.reverb ? randInt(rng, 30, 70) : 0],
      [93, item.chorus ? randInt(rng, 10, 50) : 0],
    ] as const;
  const programs: SmfProgram[] = [
    { channel: CH.lead, program: pick(rng, s.programs.lead), controllers: ctl(110, 64) },
    { channel: CH.comp, program: pick(rng, s.programs.comp), controllers: ctl(92, randInt(rng, 40, 88)) },
    { channel: CH.bass, program: pick(rng, s.programs.bass), controllers: ctl(100, 64) },
    { channel: CH.pad, program: pick(rng, s.programs.pad), controllers: ctl(76, randInt(rng, 30, 98)) },
    ...(item.drums ? [{ channel: CH.drums, program: kit, controllers: ctl(100, 64) }] : []),
  ];

  const sw = (q: number) => (s.swing ? swingQ(q) : q);

  // ---- bass
  const bassNote = (ch: Chord, tone: string): number => {
    const r = 36 + ((((tonic + ch.root - 36) % 12) + 12) % 12);
    switch (tone) {
      case '3':
        return r + ch.tones[1]!;
      case '5':
        return r + ch.tones[2]!;
      case '8':
        return r + 12;
      case '6': {
        const six = [9, 8, 7].find((k) => scale.includes((ch.root + k) % 12))!;
        return r + six;
      }
      default:
        return r;
    }
  };
  const BASS: Record<BassPat, (barQ: number) => [number, string, number][]> = {
    whole: (b) => [[0, 'r', b]],
    halves: (b) =>
      b === 6
        ? [
            [0, 'r', 3],
            [3, '5', 3],
          ]
        : b === 4
          ? [
              [0, 'r', 2],
              [2, rng() < 0.5 ? '5' : 'r', 2],
            ]
          : [[0, 'r', b]],
    'root-fifth': (b) =>
      b === 2
        ? [
            [0, 'r', 0.5],
            [1, '5', 0.5],
          ]
        : b === 3 && !compound(item.metre)
          ? [[0, rng() < 0.5 ? 'r' : '5', 0.9]]
          : b === 3
            ? [
                [0, 'r', 1],
                [1.5, '5', 1],
              ]
            : [
                [0, 'r', 0.9],
                [2, '5', 0.9],
              ],
    quarters: (b) => [...Array(b).keys()].map((i) => [i, 'r', 0.9] as [number, string, number]),
    eighths: (b) =>
      [...Array(b * 2).keys()].map(
        (i) => [i / 2, i === b * 2 - 1 && rng() < 0.4 ? '5' : 'r', 0.45] as [number, string, number],
      ),
    walking: () => [],
    boogie: () =>
      [0, 1, 2, 3].flatMap((i) => {
        const tone = ['r', '3', '5', '6'][i]!;
        return [
          [i, tone, T * 0.9],
          [i + T, tone, 0.3],
        ] as [number, string, number][];
      }),
    tumbao: () => [
      [1.5, 'r', 1.4],
      [3, '5', 0.9],
    ],
    bossa: () => [
      [0, 'r', 1.4],
      [1.5, '5', 0.45],
      [2, '5', 1.4],
      [3.5, 'r', 0.45],
    ],
    reggae: () => [
      [0, 'r', 1],
      [1.5, '5', 0.45],
      [2, '8', 0.7],
      [3, 'r', 0.45],
      [3.5, '5', 0.45],
    ],
    octave: (b) =>
      [...Array(b * 2).keys()].map(
        (i) => [i / 2, i === b * 2 - 1 ? '5' : i % 2 ? '8' : 'r', 0.4] as [number, string, number],
      ),
    funk: () => [
      [0, 'r', 0.45],
      [0.75, 'r', 0.2],
      [1.5, '8', 0.2],
      [2, 'r', 0.45],
      [2.75, '5', 0.2],
      [3.25, '8', 0.2],
      [3.5, 'r', 0.2],
    ],
    dembow: () => [
      [0, 'r', 0.7],
      [0.75, 'r', 0.2],
      [1.5, 'r', 0.45],
      [2, 'r', 0.7],
      [2.75, '5', 0.2],
      [3.5, 'r', 0.45],
    ],
    samba: () => [
      [0, 'r', 0.7],
      [0.75, '5', 0.2],
      [1, '5', 0.9],
    ],
    cumbia: () => [
      [0, 'r', 0.9],
      [1.5, '5', 0.45],
      [2, 'r', 0.9],
      [3.5, '5', 0.45],
    ],
    blues128: () =>
      [0, 1.5, 3, 4.5].flatMap((b, i) => {
        const tone = ['r', '3', '5', '6'][i]!;
        return [
          [b, tone, 0.95],
          [b + 1, tone, 0.45],
        ] as [number, string, number][];
      }),
    walk128: (b) =>
      [...Array(b / 1.5).keys()].map(
        (i) => [i * 1.5, ['r', '3', '5', '8'][i % 4]!, 1.4] as [number, string, number],
      ),
    motown: () => [
      [0, 'r', 0.9],
      [1.5, 'r', 0.45],
      [2, '5', 0.9],
      [3, '8', 0.45],
      [3.5, '5', 0.45],
    ],
    'half-time': () => [
      [0, 'r', 1.4],
      [1.5, 'r', 0.45],
      [2.5, '5', 0.9],
      [3.5, 'r', 0.45],
    ],
  };

  // ---- comping
  const compLo = 55;
  type Hit = { pos: number; dur: number; arp?: number; strum?: boolean };
  const COMP: Record<CompPat, (b: number, bar: number) => Hit[]> = {
    quarters: (b) =>
      [...Array(Math.round(b / beatQ)).keys()].map((i) => ({ pos: i * beatQ, dur: beatQ * 0.85 })),
    halves: (b) =>
      b === 6
        ? [
            { pos: 0, dur: 2.9 },
            { pos: 3, dur: 2.9 },
          ]
        : b === 4
          ? [
              { pos: 0, dur: 1.9 },
              { pos: 2, dur: 1.9 },
            ]
          : [{ pos: 0, dur: b - 0.1 }],
    whole: (b) => [{ pos: 0, dur: b - 0.05 }],
    arp8: (b) => [...Array(b * 2).keys()].map((i) => ({ pos: i / 2, dur: 0.5, arp: i })),
    strum8: (b) =>
      (b === 4
        ? [0, 1, 1.5, 2.5, 3, 3.5]
        : b === 3 && !compound(item.metre)
          ? [0, 1, 1.5, 2, 2.5]
          : b === 3
            ? [0, 1, 1.5, 2.5]
            : [0, 0.5, 1, 1.5]
      ).map((p) => ({ pos: p, dur: 0.45, strum: true })),
    skank: () => [
      { pos: 1, dur: 0.3 },
      { pos: 3, dur: 0.3 },
    ],
    offbeat8: (b) => [...Array(b).keys()].map((i) => ({ pos: i + 0.5, dur: 0.35 })),
    funkstab: () => [
      { pos: 0, dur: 0.2 },
      { pos: 0.75, dur: 0.2 },
      { pos: 1.5, dur: 0.2 },
      { pos: 2.5, dur: 0.2 },
      { pos: 3.25, dur: 0.2 },
    ],
    montuno: () => [0, 0.5, 1.5, 2, 2.5, 3.5].map((p, i) => ({ pos: p, dur: 0.4, arp: i })),
    bossa: (_, bar) => (bar % 2 === 0 ? [0, 1.5, 3] : [1, 2.5]).map((p) => ({ pos: p, dur: 0.9 })),
    waltz23: () => [
      { pos: 1, dur: 0.8 },
      { pos: 2, dur: 0.8 },
    ],
    triplets: (b) => [...Array(b * 2).keys()].map((i) => ({ pos: i / 2, dur: 0.45 })),
    charleston: (_, bar) =>
      bar % 2 === 0
        ? [
            { pos: 0, dur: 1.2 },
            { pos: 1.5, dur: 0.3 },
          ]
        : [
            { pos: 1.5, dur: 0.4 },
            { pos: 3, dur: 0.8 },
          ],
    pulse8: (b) => [...Array(b * 2).keys()].map((i) => ({ pos: i / 2, dur: 0.42 })),
    chick: () => [
      { pos: 1, dur: 0.4 },
      { pos: 3, dur: 0.4 },
    ],
  };

  const playBar = (
    bar: number,
    opts: { drums: boolean; bass: boolean; comp: boolean; pad: boolean; fillFrom?: number },
  ) => {
    const sec = sectionAt(bar);
    const chorus = sec.name === 'chorus' || sec.name === 'bridge';
    const b0 = bar * barQ;
    const chords = barChords(bar);
    const chordIn = (off: number) => [...chords].reverse().find(([, o]) => o <= off + 1e-9)!;
    if (opts.bass) {
      const lift = chorus ? 6 : 0;
      if (s.bass === 'walking') {
        for (const [ch, off, len] of chords) {
          const beats = Math.round(len);
          const next = chordAt(b0 + off + len);
          for (let i = 0; i < beats; i++) {
            let p: number;
            if (i === 0) p = bassNote(ch, 'r');
            else if (i === beats - 1) {
              // a scale step next to the next chord's root
              const target = bassNote(next, 'r');
              const steps = scale.map((x) => (tonic + x) % 12);
              const above = [1, 2].map((d) => target + d).find((n) => steps.includes(n % 12));
              const below = [1, 2].map((d) => target - d).find((n) => steps.includes(((n % 12) + 12) % 12));
              p = (rng() < 0.5 ? above : below) ?? above ?? target;
            } else p = bassNote(ch, pick(rng, ['3', '5', '8']));
            add(c, 'bass', p, b0 + off + i, 0.9, 88 + (i === 0 ? 8 : 0) + lift);
          }
        }
      } else {
        for (const [pos, tone, dur] of BASS[s.bass](barQ)) {
          const [ch] = chordIn(pos);
          const q = b0 + sw(pos);
          add(c, 'bass', bassNote(ch, tone), q, dur, 90 + (pos === 0 ? 8 : 0) + lift);
        }
      }
    }
    if (opts.comp) {
      const pat = chorus ? s.compChorus : s.comp;
      for (const h of COMP[pat](barQ, bar)) {
        const [ch] = chordIn(h.pos);
        const pcs = pcsOf(tonic, ch);
        const q = b0 + sw(h.pos);
        const accent = Math.abs(h.pos / beatQ - Math.round(h.pos / beatQ)) < 1e-9 ? 8 : 0;
        const vel = 70 + accent + (chorus ? 8 : 0);
        if (h.arp !== undefined) {
          const tones = [...voicing(pcs, 48), ...voicing(pcs, 60)];
          const up = [...tones, ...tones.slice(1, -1).reverse()];
          add(c, 'comp', up[h.arp % up.length]!, q, h.dur * 1.6, vel - 6);
        } else {
          const notes = voicing(pcs, compLo);
          notes.forEach((n, i) => {
            const spread = h.strum ? i * 0.03 : 0;
            add(
              c,
              'comp',
              n,
              q + spread,
              h.dur - spread,
              vel - (i > 0 && h.strum ? 6 : 0),
              h.strum === true && i > 0,
            );
          });
        }
      }
    }
    if (opts.pad) {
      for (const [ch, off, len] of chords)
        for (const n of voicing(pcsOf(tonic, ch), 60))
          add(c, 'pad', n, b0 + off, len - 0.05, 58 + (chorus ? 8 : 0));
    }
    if (opts.drums && item.drums) {
      const feel = FEELS[s.feel as Exclude<KkFeel, 'none'>];
      const fillFrom = opts.fillFrom ?? barQ;
      for (const [pitch, positions, vel] of chorus ? feel.chorus : feel.verse) {
        const list = (Array.isArray(positions[0]) ? positions[bar % 2] : positions) as readonly number[];
        for (const p of list) {
          if (p >= fillFrom - 1e-9) continue;
          const beatAccent = Math.abs(p / beatQ - Math.round(p / beatQ)) < 1e-9 ? 6 : 0;
          add(c, 'drums', pitch, b0 + p, 0.1, vel + beatAccent);
        }
      }
      if (fillFrom < barQ) fill(b0 + fillFrom, barQ - fillFrom, feel.fill);
    }
  };

  const fill = (from: number, len: number, kind: FeelDef['fill']) => {
    const step = kind === 'sixteenths' ? 0.25 : kind === 'triplets' ? 1 / 3 : 0.5;
    const n = Math.round(len / step);
    const start = randInt(rng, 0, 3);
    for (let i = 0; i < n; i++) {
      const pitch = FILL_PITCHES[Math.min(FILL_PITCHES.length - 1, start + Math.floor((i * 4) / n))]!;
      add(c, 'drums', pitch, from + i * step, step * 0.9, 80 + i * 4);
    }
    if (rng() < 0.5) add(c, 'drums', 36, from, 0.1, 90);
  };

  // ---- intro
  const fillLen = beatQ;
  for (let bar = 0; bar < introBars; bar++) {
    const last = bar === introBars - 1;
    const fillFrom = last ? barQ - fillLen : undefined;
    if (item.intro === 'count-in') {
      // sticks on every beat, the last bar a little louder
      for (let q = 0; q < barQ - 1e-9; q += beatQ)
        add(c, 'drums', 37, bar * barQ + q, 0.1, 74 + (last ? 10 : 0));
    } else if (item.intro === 'piano') {
      playBar(bar, { drums: false, bass: false, comp: true, pad: false });
      if (last && item.drums)
        fill(bar * barQ + barQ - fillLen, fillLen, FEELS[s.feel as Exclude<KkFeel, 'none'>].fill);
    } else if (item.intro === 'band') {
      playBar(bar, { drums: true, bass: true, comp: true, pad: s.pad === 'always', fillFrom });
    } else {
      // pickup: a held chord, then the lead's pickup notes before the verse
      const ch = barChords(bar)[0]![0];
      for (const n of voicing(pcsOf(tonic, ch), compLo)) add(c, 'comp', n, bar * barQ, barQ - beatQ, 66);
      add(c, 'bass', bassNote(ch, 'r'), bar * barQ, barQ - beatQ, 80);
      if (last && item.drums)
        fill(bar * barQ + barQ - fillLen, fillLen, FEELS[s.feel as Exclude<KkFeel, 'none'>].fill);
    }
  }

  // ---- body
  const sectionStarts = new Set(sections.slice(1).map((x) => x.bar));
  for (let bar = introBars; bar < bars; bar++) {
    const sec = sectionAt(bar);
    const chorus = sec.name !== 'verse';
    const beforeSection = sectionStarts.has(bar + 1);
    playBar(bar, {
      drums: true,
      bass: true,
      comp: true,
      pad: s.pad === 'always' || (s.pad === 'chorus' && chorus),
      fillFrom: beforeSection ? barQ - fillLen : undefined,
    });
    if (item.drums && sectionStarts.has(bar)) add(c, 'drums', rng() < 0.7 ? 49 : 57, bar * barQ, 0.5, 100);
  }

  // ---- the lead: phrases with rests
  const leadSteps = (lo: number, hi: number) => {
    const out: number[] = [];
    for (let p = lo; p <= hi; p++) if (scale.includes((((p - tonic) % 12) + 12) % 12)) out.push(p);
    return out;
  };
  const cellsKey = compound(item.metre)
    ? '6/8'
    : item.metre === '4/4'
      ? s.sixteenths && !s.swing && rng() < 0.7
        ? '16th'
        : '4/4'
      : item.metre;
  const cellSet = CELLS[cellsKey];
  const cellQ = compound(item.metre) ? 3 : barQ;
  const phraseBars = barQ <= 2 || (barQ === 3 && item.bpm >= 120) ? 4 : barQ === 6 ? 1 : 2;
  let idx = -1;
  const melody = (from: number, to: number, lo: number, hi: number, vel: number) => {
    const steps = leadSteps(lo, hi);
    if (idx < 0) idx = Math.floor(steps.length / 2);
    idx = Math.min(idx, steps.length - 1);
    for (let p0 = from; p0 < to - 1e-9; p0 += phraseBars * barQ) {
      const pEnd = Math.min(to, p0 + phraseBars * barQ);
      const cellsIn = Math.round((pEnd - p0) / cellQ);
      const rest = rng() < 0.25 ? cellQ : 0; // sometimes the phrase starts late
      for (let k = 0; k < cellsIn; k++) {
        const cq = p0 + k * cellQ;
        if (cq < p0 + rest - 1e-9) continue;
        const end = k === cellsIn - 1;
        const cell = pick(rng, end ? cellSet.end : cellSet.mid);
        for (const [ci, [off, dur]] of cell.entries()) {
          const q = cq + sw(off!);
          const qEnd = cq + sw(off! + dur!);
          const ch = chordAt(q);
          const onBeat = Math.abs(off! / beatQ - Math.round(off! / beatQ)) < 1e-9;
          const last = end && ci === cell.length - 1;
          if (onBeat || last) {
            // a chord tone near the last note
            const tones = pcsOf(tonic, ch);
            const near = steps
              .map((p, i) => ({ i, ok: tones.includes(p % 12), d: Math.abs(i - idx) + rng() * 1.5 }))
              .filter((x) => x.ok)
              .sort((a, b) => a.d - b.d);
            idx = near[0]!.i;
          } else {
            idx = Math.max(0, Math.min(steps.length - 1, idx + pick(rng, [-2, -1, -1, 1, 1, 2])));
          }
          add(c, 'lead', steps[idx]!, q, (qEnd - q) * 0.92, vel + (onBeat ? 6 : 0));
        }
      }
    }
  };
  for (const [i, sec] of sections.entries()) {
    if (sec.name === 'intro') continue;
    const from = sec.bar * barQ;
    const to = Math.min(bars, sections[i + 1]?.bar ?? bars) * barQ;
    const up = sec.name === 'chorus' ? 3 : sec.name === 'bridge' ? 1 : 0;
    melody(from, to, 60 + up, 76 + up, sec.name === 'chorus' ? 92 : 84);
  }
  if (item.intro === 'pickup') {
    const steps = leadSteps(60, 76);
    const i0 = steps.findIndex((p) => p % 12 === (tonic + scale[4]!) % 12);
    const base = introEndQ - beatQ;
    const pick2 = compound(item.metre) ? [0, 0.5, 1] : [0, 0.5];
    for (const [k, off] of pick2.entries()) add(c, 'lead', steps[Math.max(0, i0 + k)]!, base + off, 0.45, 80);
  }

  c.notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  const allowedPcs = [...new Set([...scale, ...(item.mode === 'major' ? [10] : [])])].sort((a, b) => a - b);
  return { qpm, bars, barQ, beatQ, introEndQ, sections, programs, notes: c.notes, allowedPcs };
}

/** The item's Standard MIDI File (format 0, the labelled beat in its tempo meta event). */
export function karaokeMidi(item: KaraokeItem): Uint8Array {
  return scoreToSmf(composeKaraoke(item), item.metre, { cutOverlaps: true });
}

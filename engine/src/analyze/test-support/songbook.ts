// The songbook: a second, independently written composer of labelled test material for the audio
// analyser (tempo + key), written without reading the first corpus's composer so that its music is
// not shaped like ours. 240 short songs (intro, verse/chorus sections with real progressions, fills,
// crashes, melody with rests, bass lines, GM programs chosen per item), rendered by FluidSynth with
// TimGM6mb or FluidR3 and cut to 30 s MP3s (songbook-render.ts). Tests and benches only.
//
// Labels: the quarter note in 4/4 and 3/4 (also under a half-time feel, whose snare falls on 3),
// the dotted quarter in 6/8. The key is the tonic and mode the progressions and melody are built on.
//
// THE SPLIT (fixed in code before anything was measured): item n is 'held-out' when n % 2 === 1,
// otherwise 'tuning'. Items are laid out in even-sized blocks per stratum, so each stratum is split
// in half. This rule, the seed (4242), the strata and the item list (pinned by a digest in
// songbook.test.ts) must NEVER be changed to improve a figure: a changed list is a new set, and
// the old figures are then not comparable.

import { mulberry32 } from './corpus.ts';
import { SMF_PPQ as PPQ, writeSmf } from './smf.ts';

export type SongbookFeel = 'four-on-the-floor' | 'backbeat' | 'half-time' | 'shuffle' | 'breakbeat' | 'none';
export type SongbookMetre = '4/4' | '3/4' | '6/8';
export type SongbookSet = 'tuning' | 'held-out';
export type SongbookFont = 'timgm6mb' | 'fluidr3';
export type SongbookMinorKind = 'natural' | 'harmonic';

export interface SongbookItem {
  id: string;
  set: SongbookSet;
  soundfont: SongbookFont;
  feel: SongbookFeel;
  /** The arrangement within the feel (drum pattern family or drumless texture). */
  variant: string;
  metre: SongbookMetre;
  /** Label: quarter notes per minute (4/4, 3/4), dotted quarters per minute (6/8); one decimal. */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  /** Minor items: natural (no leading tone) or harmonic (major V, raised 7th in the melody). */
  minorKind: SongbookMinorKind | null;
  seed: number;
}

export const SONGBOOK_SEED = 4242;
export const SONGBOOK_CLIP_SEC = 30;

interface Stratum {
  feel: SongbookFeel;
  variant: string;
  metre: SongbookMetre;
  count: number; // even, so the split halves it
  lo: number; // label BPM range (log-uniform)
  hi: number;
}

const STRATA: Stratum[] = [
  { feel: 'four-on-the-floor', variant: 'house', metre: '4/4', count: 12, lo: 115, hi: 130 },
  { feel: 'four-on-the-floor', variant: 'disco', metre: '4/4', count: 10, lo: 100, hi: 132 },
  { feel: 'four-on-the-floor', variant: 'synthpop', metre: '4/4', count: 10, lo: 95, hi: 140 },
  { feel: 'backbeat', variant: 'rock', metre: '4/4', count: 12, lo: 80, hi: 170 },
  { feel: 'backbeat', variant: 'pop16', metre: '4/4', count: 10, lo: 75, hi: 130 },
  { feel: 'backbeat', variant: 'ballad', metre: '4/4', count: 10, lo: 62, hi: 86 },
  { feel: 'half-time', variant: 'rock-half', metre: '4/4', count: 14, lo: 100, hi: 160 },
  { feel: 'half-time', variant: 'trap', metre: '4/4', count: 14, lo: 120, hi: 170 },
  { feel: 'half-time', variant: 'half16', metre: '4/4', count: 12, lo: 100, hi: 150 },
  { feel: 'shuffle', variant: 'blues', metre: '4/4', count: 10, lo: 70, hi: 140 },
  { feel: 'shuffle', variant: 'jazz', metre: '4/4', count: 8, lo: 100, hi: 190 },
  { feel: 'shuffle', variant: 'swung16', metre: '4/4', count: 6, lo: 75, hi: 105 },
  { feel: 'breakbeat', variant: 'funk', metre: '4/4', count: 12, lo: 85, hi: 125 },
  { feel: 'breakbeat', variant: 'break', metre: '4/4', count: 10, lo: 90, hi: 140 },
  { feel: 'breakbeat', variant: 'jungle', metre: '4/4', count: 10, lo: 150, hi: 176 },
  { feel: 'none', variant: 'block-beat', metre: '4/4', count: 8, lo: 70, hi: 150 },
  { feel: 'none', variant: 'block-half', metre: '4/4', count: 8, lo: 100, hi: 170 },
  { feel: 'none', variant: 'arpeggio', metre: '4/4', count: 8, lo: 60, hi: 140 },
  { feel: 'none', variant: 'pad-walking', metre: '4/4', count: 8, lo: 80, hi: 160 },
  { feel: 'none', variant: 'pad-root-fifth', metre: '4/4', count: 8, lo: 70, hi: 140 },
  { feel: 'none', variant: 'piano-ballad', metre: '4/4', count: 8, lo: 60, hi: 100 },
  { feel: 'backbeat', variant: 'waltz-kit', metre: '3/4', count: 8, lo: 80, hi: 180 },
  { feel: 'none', variant: 'waltz', metre: '3/4', count: 4, lo: 90, hi: 190 },
  { feel: 'none', variant: 'arpeggio3', metre: '3/4', count: 4, lo: 70, hi: 160 },
  { feel: 'backbeat', variant: 'ballad68', metre: '6/8', count: 4, lo: 40, hi: 70 },
  { feel: 'backbeat', variant: 'folk68', metre: '6/8', count: 4, lo: 65, hi: 100 },
  { feel: 'none', variant: 'arpeggio68', metre: '6/8', count: 4, lo: 40, hi: 80 },
  { feel: 'none', variant: 'strum68', metre: '6/8', count: 4, lo: 55, hi: 100 },
];

/** The split rule (see the header): never change it. */
export function songbookSetOf(n: number): SongbookSet {
  return n % 2 === 1 ? 'held-out' : 'tuning';
}

export const SONGBOOK_NOTE_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

/** The 240 items (deterministic, seed 4242). */
export function songbook(): SongbookItem[] {
  const rand = mulberry32(SONGBOOK_SEED);
  const items: SongbookItem[] = [];
  let n = 0;
  for (const s of STRATA) {
    for (let i = 0; i < s.count; i++, n++) {
      const m = n >> 1; // index within its set
      // Each set walks all 24 keys (5 is prime to 24), one step further each round of 24, so that
      // every 4th item (bench --quick) and every 3rd (--shard=i/3) also cover all 24; the held-out
      // set is offset by 7.
      const k = (m * 5 + Math.floor(m / 24) + 3 + 7 * (n % 2)) % 24;
      const tonicPc = k % 12;
      const mode = k < 12 ? 'major' : 'minor';
      const bpm = Math.round(s.lo * (s.hi / s.lo) ** rand() * 10) / 10;
      const minorKind: SongbookMinorKind | null =
        mode === 'minor' ? (rand() < 0.5 ? 'natural' : 'harmonic') : null;
      const seed = Math.floor(rand() * 2 ** 31);
      items.push({
        id: `sb-${String(n).padStart(3, '0')}-${s.variant}-${SONGBOOK_NOTE_NAMES[tonicPc]!.replace('#', 's')}${mode === 'major' ? 'maj' : 'min'}`,
        set: songbookSetOf(n),
        soundfont: m % 2 === 0 ? 'timgm6mb' : 'fluidr3',
        feel: s.feel,
        variant: s.variant,
        metre: s.metre,
        bpm,
        tonicPc,
        mode,
        minorKind,
        seed,
      });
    }
  }
  return items;
}

// ---------------------------------------------------------------- harmony

type Quality = 'maj' | 'min' | 'dim' | '7' | 'maj7' | 'm7' | 'm7b5' | 'sus4';
interface Chord {
  root: number; // semitones above the tonic
  q: Quality;
}
const QUALITY: Record<Quality, number[]> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  '7': [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  m7: [0, 3, 7, 10],
  m7b5: [0, 3, 6, 10],
  sus4: [0, 5, 7],
};

function prog(spec: string): Chord[] {
  // "0:maj 7:maj 9:min 5:maj"
  return spec.split(' ').map((t) => {
    const [r, q] = t.split(':');
    return { root: Number(r), q: q as Quality };
  });
}

const MAJOR_PROGS = [
  prog('0:maj 7:maj 9:min 5:maj'), // I V vi IV
  prog('0:maj 9:min 5:maj 7:maj'), // I vi IV V
  prog('0:maj 5:maj 9:min 7:maj'), // I IV vi V
  prog('0:maj 4:min 5:maj 7:maj'), // I iii IV V
  prog('0:maj 5:maj 0:maj 7:maj'), // I IV I V
  prog('9:min 5:maj 0:maj 7:maj'), // vi IV I V (chorus)
  prog('5:maj 7:maj 0:maj 0:maj'), // IV V I I
];
const MAJOR_JAZZ = [
  prog('2:m7 7:7 0:maj7 0:maj7'),
  prog('0:maj7 9:m7 2:m7 7:7'),
  prog('0:maj7 0:maj7 2:m7 7:7'),
];
const MAJOR_BLUES = prog('0:7 0:7 0:7 0:7 5:7 5:7 0:7 0:7 7:7 5:7 0:7 7:7');
const NATURAL_PROGS = [
  prog('0:min 8:maj 3:maj 10:maj'), // i VI III VII
  prog('0:min 5:min 7:min 0:min'), // i iv v i
  prog('0:min 10:maj 8:maj 10:maj'), // i VII VI VII
  prog('0:min 5:min 10:maj 3:maj'), // i iv VII III
  prog('0:min 8:maj 5:min 7:min'), // i VI iv v
];
const HARMONIC_PROGS = [
  prog('0:min 5:min 7:maj 0:min'), // i iv V i
  prog('0:min 10:maj 8:maj 7:maj'), // i VII VI V (Andalusian)
  prog('0:min 8:maj 5:min 7:7'), // i VI iv V7
  prog('0:min 5:min 2:dim 7:7'), // i iv ii° V7
];
const MINOR_JAZZ_HARMONIC = [prog('2:m7b5 7:7 0:m7 0:m7'), prog('0:m7 5:m7 2:m7b5 7:7')];
const MINOR_JAZZ_NATURAL = [
  prog('0:m7 5:m7 0:m7 7:m7'),
  prog('0:m7 8:maj7 5:m7 7:m7'),
  prog('0:m7 10:7 8:maj7 7:m7'),
];
const MINOR_BLUES = prog('0:m7 0:m7 0:m7 0:m7 5:m7 5:m7 0:m7 0:m7 8:7 7:7 0:m7 7:7');
const MINOR_BLUES_NATURAL = prog('0:m7 0:m7 0:m7 0:m7 5:m7 5:m7 0:m7 0:m7 8:maj7 7:m7 0:m7 0:m7');

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const NATURAL_MINOR = [0, 2, 3, 5, 7, 8, 10];
const HARMONIC_MINOR = [0, 2, 3, 5, 7, 8, 11];

// ---------------------------------------------------------------- score

export type SongbookPart = 'drums' | 'bass' | 'chords' | 'melody' | 'pad';

export interface SongbookNote {
  part: SongbookPart;
  channel: number;
  pitch: number;
  velocity: number;
  /** Onset in quarter notes from the start, on the written grid (after swing, before jitter). */
  start: number;
  duration: number;
  /** Human timing offset in seconds (±8 ms), applied when the MIDI file is written. */
  jitterSec: number;
}

export interface SongbookScore {
  /** Quarter notes per minute written into the MIDI file (6/8: 1.5 × the dotted-quarter label). */
  qpm: number;
  /** Labelled beat in quarter notes (1, or 1.5 in 6/8). */
  beatQ: number;
  barQ: number;
  /** Quarter-note position where the intro ends (the first section's downbeat). */
  introEndQ: number;
  bars: number;
  programs: { channel: number; program: number; volume: number; pan: number }[];
  notes: SongbookNote[];
  /** Section starts (bar indices) and names, for inspection. */
  sections: { bar: number; name: string }[];
}

const pickOf = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const CH = { chords: 0, melody: 1, bass: 2, pad: 3, drums: 9 } as const;

// GM drum notes
const KICK = 36;
const SNARE = 38;
const STICK = 37;
const CLAP = 39;
const CHH = 42;
const PHH = 44;
const OHH = 46;
const CRASH = 49;
const RIDE = 51;
const TAMB = 54;
const TOMS = [50, 48, 47, 45, 43, 41];

interface DrumPattern {
  /** Steps per bar; one string per drum, characters: X accent, x normal, o soft, g ghost, . rest. */
  steps: number;
  lanes: [number, string][];
  /** Delay of the odd 16ths as a fraction of a 16th (swung 16ths). */
  swing16?: number;
}

const LEVEL: Record<string, number> = { X: 112, x: 96, o: 72, g: 42 };

function pat(steps: number, lanes: [number, string][], swing16?: number): DrumPattern {
  return { steps, lanes, swing16 };
}

/** Main and variation patterns per drum variant. */
function drumPatterns(variant: string, rand: () => number): DrumPattern[] {
  const hat = rand() < 0.3 ? RIDE : CHH;
  switch (variant) {
    case 'house':
      return [
        pat(16, [
          [KICK, 'X...X...X...X...'],
          [CLAP, '....x.......x...'],
          [CHH, 'o.g.o.g.o.g.o.g.'],
          [OHH, '..x...x...x...x.'],
        ]),
        pat(16, [
          [KICK, 'X...X...X...X...'],
          [CLAP, '....x.......x..o'],
          [CHH, 'o.g.o.g.o.g.o.g.'],
          [OHH, '..x...x...x...x.'],
        ]),
      ];
    case 'disco':
      return [
        pat(16, [
          [KICK, 'X...X...X...X...'],
          [SNARE, '....X.......X...'],
          [CHH, 'x...x...x...x...'],
          [OHH, '..x...x...x...x.'],
        ]),
        pat(16, [
          [KICK, 'X...X...X...X...'],
          [SNARE, '....X.......X.o.'],
          [CHH, 'x.o.x.o.x.o.x...'],
          [OHH, '..............x.'],
        ]),
      ];
    case 'synthpop':
      return [
        pat(16, [
          [KICK, 'X...X...X...X...'],
          [SNARE, '....X.......X...'],
          [hat, 'x.o.x.o.x.o.x.o.'],
          [TAMB, '..o...o...o...o.'],
        ]),
      ];
    case 'rock':
      return [
        pat(16, [
          [KICK, 'X.......X.x.....'],
          [SNARE, '....X.......X...'],
          [hat, 'x.o.x.o.x.o.x.o.'],
        ]),
        pat(16, [
          [KICK, 'X.....x.X.......'],
          [SNARE, '....X.......X...'],
          [hat, 'x.o.x.o.x.o.x.o.'],
        ]),
      ];
    case 'pop16':
      return [
        pat(16, [
          [KICK, 'X.....x...x.....'],
          [SNARE, '....X.......X...'],
          [CHH, 'xgogxgogxgogxgog'],
        ]),
        pat(16, [
          [KICK, 'X..x....X.x.....'],
          [SNARE, '....X.......X...'],
          [CHH, 'xgogxgogxgogxgo.'],
          [OHH, '..............o.'],
        ]),
      ];
    case 'ballad':
      return [
        pat(16, [
          [KICK, 'X.........x.....'],
          [rand() < 0.5 ? STICK : SNARE, '....x.......x...'],
          [CHH, 'o.g.o.g.o.g.o.g.'],
        ]),
        pat(16, [
          [KICK, 'X.......X.x.....'],
          [rand() < 0.5 ? STICK : SNARE, '....x.......x...'],
          [CHH, 'o.g.o.g.o.g.o.g.'],
        ]),
      ];
    case 'rock-half':
      return [
        pat(16, [
          [KICK, 'X.........x.....'],
          [SNARE, '........X.......'],
          [hat, 'x.o.x.o.x.o.x.o.'],
        ]),
        pat(16, [
          [KICK, 'X.....x.....x...'],
          [SNARE, '........X.......'],
          [hat, 'x.o.x.o.x.o.x.o.'],
        ]),
      ];
    case 'trap':
      return [
        pat(16, [
          [KICK, 'X......x..x.....'],
          [CLAP, '........X.......'],
          [SNARE, '........o.......'],
          [CHH, 'xoooxoooxoooxooo'],
        ]),
        pat(16, [
          [KICK, 'X..x......x..x..'],
          [CLAP, '........X.......'],
          [SNARE, '........o.......'],
          [CHH, 'xoooxoooxoooxo..'],
          [OHH, '..............o.'],
        ]),
      ];
    case 'half16':
      return [
        pat(16, [
          [KICK, 'X..x......x.....'],
          [SNARE, '........X....g..'],
          [CHH, 'xgogxgogxgogxgog'],
        ]),
        pat(16, [
          [KICK, 'X.........x..x..'],
          [SNARE, '...g....X.....g.'],
          [CHH, 'xgogxgogxgogxgog'],
        ]),
      ];
    case 'blues': // 12 triplet-eighth steps per bar
      return [
        pat(12, [
          [KICK, 'X.....X.....'],
          [SNARE, '...X.....X..'],
          [hat, 'x.ox.ox.ox.o'],
        ]),
        pat(12, [
          [KICK, 'X.....X....o'],
          [SNARE, '...X.....X..'],
          [hat, 'x.ox.ox.ox.o'],
        ]),
      ];
    case 'jazz':
      return [
        pat(12, [
          [RIDE, 'x..x.ox..x.o'],
          [PHH, '...x.....x..'],
          [KICK, 'g..g..g..g..'],
        ]),
        pat(12, [
          [RIDE, 'x..x.ox..x.o'],
          [PHH, '...x.....x..'],
          [KICK, 'g..g..g..g..'],
          [SNARE, '.....g.....o'],
        ]),
      ];
    case 'swung16':
      return [
        pat(
          16,
          [
            [KICK, 'X......x..x.....'],
            [SNARE, '....X.......X...'],
            [CHH, 'xgogxgogxgogxgog'],
          ],
          0.3,
        ),
        pat(
          16,
          [
            [KICK, 'X.x.......x..x..'],
            [SNARE, '....X.......X..g'],
            [CHH, 'xgogxgogxgogxgog'],
          ],
          0.3,
        ),
      ];
    case 'funk':
      return [
        pat(16, [
          [KICK, 'X.x.......x..x..'],
          [SNARE, '....X..g.g..X..g'],
          [CHH, 'xoxoxoxoxoxoxoxo'],
        ]),
        pat(16, [
          [KICK, 'X.x....x..x.....'],
          [SNARE, '.g..X..g.g..X.g.'],
          [CHH, 'xoxoxoxoxoxoxo..'],
          [OHH, '..............o.'],
        ]),
      ];
    case 'break':
      return [
        pat(16, [
          [KICK, 'X.x.......xx....'],
          [SNARE, '....X..g.g..X..g'],
          [hat, 'x.x.x.x.x.x.x.x.'],
        ]),
        pat(16, [
          [KICK, 'X.x.......x.....'],
          [SNARE, '....X..g.x.gX...'],
          [hat, 'x.x.x.x.x.x.x.x.'],
        ]),
      ];
    case 'jungle':
      return [
        pat(16, [
          [KICK, 'X.........x.....'],
          [SNARE, '....X..g.g..X...'],
          [hat, 'x.o.x.o.x.o.x.o.'],
        ]),
        pat(16, [
          [KICK, 'X.x.......x.....'],
          [SNARE, '....X.......X.g.'],
          [hat, 'x.o.x.o.x.o.x.o.'],
        ]),
      ];
    case 'waltz-kit': // 3/4, 12 sixteenths
      return [
        pat(12, [
          [KICK, 'X...........'],
          [SNARE, '....o...o...'],
          [hat, 'x.o.x.o.x.o.'],
        ]),
        pat(12, [
          [KICK, 'X.......x...'],
          [SNARE, '....o...o...'],
          [hat, 'x.o.x.o.x.o.'],
        ]),
      ];
    case 'ballad68': // 6/8, 12 sixteenths
      return [
        pat(12, [
          [KICK, 'X...........'],
          [SNARE, '......X.....'],
          [hat, 'x.o.o.x.o.o.'],
        ]),
        pat(12, [
          [KICK, 'X.........o.'],
          [SNARE, '......X.....'],
          [hat, 'x.o.o.x.o.o.'],
        ]),
      ];
    case 'folk68':
      return [
        pat(12, [
          [KICK, 'X.....X.....'],
          [SNARE, '......x...o.'],
          [TAMB, 'x.o.o.x.o.o.'],
        ]),
      ];
    default:
      return [];
  }
}

interface Arrangement {
  chordsProgram: number;
  chordStyle: string;
  melodyProgram: number;
  bassProgram: number;
  bassStyle: string;
  padProgram: number | null;
}

const PIANOS = [0, 1, 4, 5];
const GUITARS = [24, 25, 27, 28];
const ORGANS = [16, 17, 18];
const STRINGS = [48, 49, 50];
const PADS = [88, 89, 90, 91, 94];
const LEADS_SOFT = [73, 71, 65, 66, 11, 56];
const LEADS_SYNTH = [80, 81, 82, 87];
const BASS_ELECTRIC = [33, 34, 35];
const BASS_SYNTH = [38, 39];

function arrangementFor(variant: string, rand: () => number): Arrangement {
  const p = <T>(xs: readonly T[]) => pickOf(rand, xs);
  const a = (
    chordsProgram: number,
    chordStyle: string,
    melodyProgram: number,
    bassProgram: number,
    bassStyle: string,
    padProgram: number | null = null,
  ): Arrangement => ({ chordsProgram, chordStyle, melodyProgram, bassProgram, bassStyle, padProgram });
  const maybePad = () => (rand() < 0.4 ? p([...PADS, ...STRINGS]) : null);
  switch (variant) {
    case 'house':
      return a(
        p([0, 4, 81, 16]),
        p(['offbeat', 'stabs']),
        p(LEADS_SYNTH),
        p(BASS_SYNTH),
        'offbeat',
        maybePad(),
      );
    case 'disco':
      return a(p([...GUITARS, 4]), p(['offbeat', 'strum8']), p([...STRINGS, 61, 62]), p([33, 38]), 'octave8');
    case 'synthpop':
      return a(
        p([81, 90, 4, 0]),
        p(['quarters', 'sustain', 'offbeat']),
        p(LEADS_SYNTH),
        p(BASS_SYNTH),
        'root8',
      );
    case 'rock':
      return a(
        p([29, 30, 25, 0]),
        p(['strum8', 'sustain', 'pushed']),
        p([...LEADS_SOFT, 29]),
        p(BASS_ELECTRIC),
        p(['root8', 'kick']),
        maybePad(),
      );
    case 'pop16':
      return a(
        p([...GUITARS, 0, 4]),
        p(['strum8', 'quarters', 'pushed']),
        p(LEADS_SOFT),
        p(BASS_ELECTRIC),
        'syncop',
        maybePad(),
      );
    case 'ballad':
      return a(
        p([...PIANOS, 24]),
        p(['sustain', 'arp8']),
        p(LEADS_SOFT),
        p([33, 35, 32]),
        'half',
        p([...STRINGS, 89]),
      );
    case 'rock-half':
      return a(
        p([29, 30, 25, 27]),
        p(['sustain', 'strum8']),
        p([...LEADS_SOFT, 29]),
        p(BASS_ELECTRIC),
        p(['kick', 'root8']),
        maybePad(),
      );
    case 'trap':
      return a(p([0, 4, 88, 89, 11]), p(['sustain', 'arp8']), p([80, 81, 11, 73]), 38, 'kick', maybePad());
    case 'half16':
      return a(
        p([4, 27, 0, 90]),
        p(['sustain', 'pushed']),
        p(LEADS_SOFT),
        p([...BASS_ELECTRIC, 38]),
        'kick',
        maybePad(),
      );
    case 'blues':
      return a(p([0, 16, 17, 26]), 'shuffle', p([65, 66, 26, 22]), p([32, 33]), 'boogie');
    case 'jazz':
      return a(p([0, 4, 26, 16]), 'charleston', p([65, 66, 56, 73]), 32, 'walking');
    case 'swung16':
      return a(p([4, 5, 27]), p(['sustain', 'pushed']), p(LEADS_SOFT), p([33, 38]), 'syncop', maybePad());
    case 'funk':
      return a(p([27, 28, 4, 16]), 'stabs', p([61, 62, 65, 80]), p([33, 36, 37]), 'funk');
    case 'break':
      return a(
        p([4, 27, 0, 81]),
        p(['sustain', 'stabs']),
        p([...LEADS_SYNTH, 73]),
        p(BASS_ELECTRIC),
        'syncop',
        maybePad(),
      );
    case 'jungle':
      return a(p([4, 0, 88, 89]), 'sustain', p([...LEADS_SOFT, 80]), 38, 'half', maybePad());
    case 'block-beat':
      return a(
        p([...PIANOS, ...ORGANS, 25]),
        'quarters',
        p(LEADS_SOFT),
        p([32, 33, 35]),
        p(['half', 'root-q']),
      );
    case 'block-half':
      return a(p([0, 1, 19, 48, 25]), 'halves', p(LEADS_SOFT), p([32, 33, 42]), 'half');
    case 'arpeggio':
      return a(
        p([0, 24, 46, 4, 8]),
        'arp8',
        p([...LEADS_SOFT, 40]),
        p([32, 33, 42]),
        'whole',
        rand() < 0.5 ? p(STRINGS) : null,
      );
    case 'pad-walking':
      return a(p([...PADS, ...STRINGS]), 'sustain', p([...LEADS_SOFT, 0]), 32, 'walking');
    case 'pad-root-fifth':
      return a(
        p([...PADS, ...STRINGS, 19]),
        'sustain',
        p([...LEADS_SOFT, 0, 4]),
        p([32, 33, 42]),
        'root-fifth',
      );
    case 'piano-ballad':
      return a(p([0, 1, 2, 4]), p(['lh-broken', 'lh-block']), -1, -1, 'none');
    case 'waltz-kit':
      return a(p([0, 21, 24, 48]), p(['waltz', 'sustain']), p(LEADS_SOFT), p([32, 33]), 'root-bar');
    case 'waltz':
      return a(p([0, 21, 1, 4]), 'waltz', p([...LEADS_SOFT, 40]), p([32, 33, 58]), 'root-bar');
    case 'arpeggio3':
      return a(
        p([0, 24, 46, 5]),
        'arp8',
        p([...LEADS_SOFT, 40]),
        p([32, 42]),
        'root-bar',
        rand() < 0.5 ? p(STRINGS) : null,
      );
    case 'ballad68':
      return a(p([0, 4, 24, 25]), p(['arp8', 'sustain']), p(LEADS_SOFT), p([33, 32]), 'root-68', maybePad());
    case 'folk68':
      return a(p([25, 24, 21, 0]), 'strum68', p([73, 71, 22, 40]), p([32, 33]), 'root-68');
    case 'arpeggio68':
      return a(
        p([0, 24, 46, 4]),
        'arp8',
        p([...LEADS_SOFT, 40]),
        p([32, 42]),
        'root-68',
        rand() < 0.5 ? p(STRINGS) : null,
      );
    case 'strum68':
      return a(p([25, 24, 0]), 'strum68', p([73, 71, 40, 22]), p([32, 33]), 'root-68');
    default:
      throw new Error(`unknown songbook variant ${variant}`);
  }
}

/** Composes an item's score (deterministic from its seed). */
export function composeSongbook(item: SongbookItem): SongbookScore {
  const rand = mulberry32(item.seed);
  const chance = (p: number) => rand() < p;
  const beatQ = item.metre === '6/8' ? 1.5 : 1;
  const barQ = item.metre === '4/4' ? 4 : 3;
  const qpm = item.bpm * beatQ; // quarters a minute: the labelled beat is beatQ quarters long
  const barSec = (barQ * 60) / qpm;
  const bars = Math.ceil(SONGBOOK_CLIP_SEC / barSec) + 1;
  const arr = arrangementFor(item.variant, rand);
  const drumPats = drumPatterns(item.variant, rand);
  const hasDrums = drumPats.length > 0;
  const tonic = item.tonicPc;
  const minor = item.mode === 'minor';
  const scale = !minor ? MAJOR_SCALE : item.minorKind === 'harmonic' ? HARMONIC_MINOR : NATURAL_MINOR;
  const swing8 = item.variant === 'blues' || item.variant === 'jazz';
  const swing16 = drumPats[0]?.swing16 ?? 0;

  // ---- progressions and form
  const library = (): Chord[][] => {
    if (item.variant === 'jazz' || item.variant === 'pad-walking') {
      return !minor ? MAJOR_JAZZ : item.minorKind === 'harmonic' ? MINOR_JAZZ_HARMONIC : MINOR_JAZZ_NATURAL;
    }
    return !minor ? MAJOR_PROGS : item.minorKind === 'harmonic' ? HARMONIC_PROGS : NATURAL_PROGS;
  };
  const blues = item.variant === 'blues';
  const verseProg = blues
    ? !minor
      ? MAJOR_BLUES
      : item.minorKind === 'harmonic'
        ? MINOR_BLUES
        : MINOR_BLUES_NATURAL
    : // verses start on the tonic
      pickOf(
        rand,
        library().filter((p) => p[0]!.root === 0),
      );
  const chorusProg = blues ? verseProg : pickOf(rand, library());
  // Harmonic rhythm: chords per bar (2 = half a bar each, 0.5 = two bars each).
  const fast = barSec < 1.6;
  const chordsPerBar = blues
    ? 1
    : barQ === 3
      ? fast
        ? pickOf(rand, [0.5, 1])
        : 1
      : fast
        ? pickOf(rand, [0.5, 1])
        : barSec > 3.2
          ? pickOf(rand, [1, 2])
          : bars < 16 // two bars a chord only where the clip holds more than one pass
            ? pickOf(rand, [1, 2])
            : pickOf(rand, [0.5, 1, 2]);
  const sectionBars = (p: Chord[]) => {
    const base = Math.max(1, Math.round(p.length / chordsPerBar));
    const target = blues ? 12 : fast ? 8 : bars < 14 ? 4 : chance(0.5) ? 4 : 8;
    return Math.max(base, Math.ceil(target / base) * base);
  };
  const introBars = barSec > 2.6 ? 1 : chance(0.5) ? 1 : 2;
  interface BarInfo {
    section: string;
    chords: { chord: Chord; at: number; len: number }[]; // at/len in quarters within the bar
    sectionStart: boolean;
    sectionEnd: boolean;
  }
  const barInfo: BarInfo[] = [];
  const sections: { bar: number; name: string }[] = [];
  const pushSection = (name: string, p: Chord[], n: number) => {
    sections.push({ bar: barInfo.length, name });
    for (let b = 0; b < n; b++) {
      const chords: BarInfo['chords'] = [];
      if (chordsPerBar >= 1) {
        const per = Math.round(chordsPerBar);
        for (let c = 0; c < per; c++) {
          chords.push({ chord: p[(b * per + c) % p.length]!, at: (c * barQ) / per, len: barQ / per });
        }
      } else {
        chords.push({ chord: p[Math.floor(b / 2) % p.length]!, at: 0, len: barQ });
      }
      barInfo.push({ section: name, chords, sectionStart: b === 0, sectionEnd: b === n - 1 });
    }
  };
  pushSection('intro', [verseProg[0]!], introBars); // the intro vamps on the tonic chord
  const order = ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus', 'chorus'];
  for (let i = 0; barInfo.length < bars; i++) {
    const name = order[i % order.length]!;
    const p = name === 'chorus' ? chorusProg : name === 'bridge' ? pickOf(rand, library()) : verseProg;
    pushSection(name, p, sectionBars(p));
  }
  barInfo.length = bars;
  barInfo[bars - 1]!.sectionEnd = false;
  const introEndQ = introBars * barQ;

  const notes: SongbookNote[] = [];
  const jit = (ms: number) => ((rand() * 2 - 1) * ms) / 1000;
  const hum = (v: number, spread = 7) =>
    Math.max(20, Math.min(127, Math.round(v + (rand() * 2 - 1) * spread)));
  const add = (
    part: SongbookPart,
    pitch: number,
    velocity: number,
    start: number,
    duration: number,
    jitterMs = 8,
  ) => {
    const channel = part === 'drums' ? CH.drums : CH[part];
    notes.push({ part, channel, pitch, velocity: hum(velocity), start, duration, jitterSec: jit(jitterMs) });
  };
  /** Swing: eighth offbeats of a quarter move to 2/3 (shuffle) or odd sixteenths are delayed. */
  const swingAt = (q: number): number => {
    const frac = q - Math.floor(q);
    if (swing8 && Math.abs(frac - 0.5) < 1e-6) return Math.floor(q) + 2 / 3;
    if (swing16 > 0 && (Math.abs(frac - 0.25) < 1e-6 || Math.abs(frac - 0.75) < 1e-6))
      return q + 0.25 * swing16;
    return q;
  };

  const pcs = (c: Chord) => QUALITY[c.q].map((iv) => (tonic + c.root + iv) % 12);
  const voice = (c: Chord, low: number): number[] => {
    const out = pcs(c).map((pc) => low + ((((pc - low) % 12) + 12) % 12));
    return out.sort((x, y) => x - y);
  };
  const bassOf = (c: Chord, low = 36) => low + ((((tonic + c.root - low) % 12) + 12) % 12);

  // ---- drums
  if (hasDrums) {
    const introHats = chance(0.55);
    for (let b = 0; b < bars; b++) {
      const info = barInfo[b]!;
      const bar0 = b * barQ;
      const intro = info.section === 'intro';
      if (intro && !introHats) continue;
      const pattern = drumPats[(b - introBars) % 4 === 3 && drumPats.length > 1 ? 1 : 0]!;
      const stepQ = barQ / pattern.steps;
      const fill = info.sectionEnd && !intro && b + 1 < bars;
      const fillFromQ = fill ? barQ - (barQ === 4 && chance(0.5) ? 2 : beatQ) : barQ;
      for (const [drum, lane] of pattern.lanes) {
        if (intro && drum !== CHH && drum !== RIDE && drum !== TAMB && drum !== PHH) continue;
        for (let s = 0; s < pattern.steps; s++) {
          const ch = lane[s]!;
          if (ch === '.') continue;
          let at = s * stepQ;
          if (at >= fillFromQ && drum !== CHH && drum !== RIDE) continue;
          if (at >= fillFromQ && drum === CHH && s % 2 === 1) continue;
          if (pattern.swing16 && s % 2 === 1) at += stepQ * pattern.swing16;
          add('drums', drum, LEVEL[ch]! * (intro ? 0.8 : 1), bar0 + at, stepQ, 5);
        }
      }
      // trap: a hi-hat roll (32nds) in the last beat of some bars
      if (item.variant === 'trap' && !intro && !fill && chance(0.35)) {
        const from = bar0 + barQ - (chance(0.5) ? 1 : 0.5);
        for (let t = from; t < bar0 + barQ - 1e-6; t += 0.125)
          add('drums', CHH, 60 + (t - from) * 40, t, 0.1, 2);
      }
      if (fill) {
        const triplet = swing8 || item.metre === '6/8';
        const step = triplet ? (item.metre === '6/8' ? 0.5 : 1 / 3) : 0.25;
        let i = 0;
        const count = Math.round((barQ - fillFromQ) / step);
        for (let t = fillFromQ; t < barQ - 1e-6; t += step, i++) {
          const drum = chance(0.35)
            ? SNARE
            : TOMS[Math.min(TOMS.length - 1, Math.floor((i / count) * TOMS.length))]!;
          if (chance(0.15) && i > 0) continue;
          add('drums', drum, 70 + (45 * i) / count, bar0 + t, step, 5);
        }
        if (chance(0.5)) add('drums', KICK, 90, bar0 + fillFromQ, step, 5);
      }
      if (info.sectionStart && !intro) {
        add('drums', CRASH, 108, bar0, barQ, 4);
        if (!pattern.lanes.some(([d, l]) => d === KICK && l[0] !== '.'))
          add('drums', KICK, 100, bar0, 0.5, 4);
      }
    }
  }

  // ---- bass
  const kickSteps = (() => {
    const lane = drumPats[0]?.lanes.find(([d]) => d === KICK)?.[1];
    if (!lane) return [0];
    const stepQ = barQ / lane.length;
    const out: number[] = [];
    for (let s = 0; s < lane.length; s++) if (lane[s] !== '.' && lane[s] !== 'g') out.push(s * stepQ);
    return out;
  })();
  const bassIntro = !hasDrums || chance(0.5);
  for (let b = 0; b < bars && arr.bassStyle !== 'none'; b++) {
    const info = barInfo[b]!;
    if (info.section === 'intro' && !bassIntro) continue;
    const bar0 = b * barQ;
    for (let ci = 0; ci < info.chords.length; ci++) {
      const { chord, at, len } = info.chords[ci]!;
      const root = bassOf(chord);
      const fifth = root + 7 > 52 ? root - 5 : root + 7;
      const nextChord = info.chords[ci + 1]?.chord ?? barInfo[b + 1]?.chords[0]?.chord ?? chord;
      const nextRoot = bassOf(nextChord);
      // the scale tones next to the coming root (passing notes stay in the key)
      const inKey = (p: number) => scale.includes((((p - tonic) % 12) + 12) % 12);
      const stepBelow = inKey(nextRoot - 1) ? nextRoot - 1 : nextRoot - 2;
      const stepAbove = inKey(nextRoot + 1) ? nextRoot + 1 : nextRoot + 2;
      const s = bar0 + at;
      switch (arr.bassStyle) {
        case 'root8':
          for (let t = 0; t < len - 1e-6; t += 0.5)
            add('bass', t === 0 || !chance(0.1) ? root : root + 12, t % 1 === 0 ? 96 : 80, s + t, 0.45);
          break;
        case 'octave8':
          for (let t = 0; t < len - 1e-6; t += 0.5)
            add('bass', t % 1 === 0 ? root : root + 12, t % 1 === 0 ? 100 : 88, s + t, 0.4);
          break;
        case 'offbeat':
          add('bass', root, 100, s, 0.4);
          for (let t = 0.5; t < len - 1e-6; t += 1) add('bass', root, 96, s + t, 0.4);
          break;
        case 'syncop': {
          const pos = len >= 4 ? [0, 1.5, 2, 3, 3.5] : len >= 2 ? [0, 0.75, 1.5] : [0, 0.5];
          for (const t of pos)
            add(
              'bass',
              t === 3.5 && nextRoot !== root ? stepBelow : t === 1.5 ? fifth : root,
              t === 0 ? 104 : 86,
              swingAt(s + t),
              0.4,
            );
          break;
        }
        case 'kick':
          for (let k = 0; k < kickSteps.length; k++) {
            const t = kickSteps[k]!;
            if (t < at - 1e-6 || t >= at + len - 1e-6) continue;
            const end = Math.min(kickSteps[k + 1] ?? barQ, at + len);
            add(
              'bass',
              item.variant === 'trap' ? root - 12 + 12 * Number(root < 40) : root,
              104,
              bar0 + t,
              Math.max(0.25, end - t - 0.05),
            );
          }
          break;
        case 'half':
        case 'root-fifth': {
          // half notes (root, then the fifth), often with a passing quarter into the next chord
          const pickup = len >= 2 && nextRoot !== root && chance(0.6);
          for (let t = 0; t < len - 1e-6; t += 2) {
            const lastHalf = t + 2 >= len - 1e-6;
            const d = Math.min(2, len - t) - (pickup && lastHalf ? 1.1 : 0.1);
            add('bass', t === 0 ? root : fifth, t === 0 ? 100 : 88, s + t, d);
          }
          if (pickup) add('bass', nextRoot > root ? stepBelow : stepAbove, 84, s + len - 1, 0.9);
          break;
        }
        case 'whole':
          add('bass', root, 92, s, len - 0.1);
          break;
        case 'root-q':
          for (let t = 0; t < len - 1e-6; t += 1)
            add('bass', t === 0 ? root : chance(0.3) ? fifth : root, t === 0 ? 100 : 84, s + t, 0.9);
          break;
        case 'root-bar': {
          // 3/4: root on 1; the fifth in the second bar of a chord held for two
          const held = at === 0 && barInfo[b - 1]?.chords.at(-1)?.chord === chord;
          add('bass', held ? fifth : root, 98, s, 0.95);
          if (len >= 3 && chance(0.3)) add('bass', fifth, 80, s + 2, 0.9);
          break;
        }
        case 'root-68':
          add('bass', root, 98, s, 1.4);
          if (len >= 3) add('bass', chance(0.5) ? fifth : root, 86, s + 1.5, 1.4);
          break;
        case 'walking':
        case 'boogie': {
          const steps = Math.round(len);
          for (let t = 0; t < steps; t++) {
            let p: number;
            if (arr.bassStyle === 'boogie') {
              p = root + [0, 4, 7, 9, 10, 9, 7, 4][(t + Math.round(at)) % 8]!;
              if (minor && !inKey(p)) p -= 1; // in minor the boogie keeps to the key's scale
              add('bass', p, t === 0 ? 100 : 86, s + t, 0.6);
              add('bass', p, 70, s + t + 2 / 3, 0.3);
              continue;
            }
            if (t === 0) p = root;
            else if (t === steps - 1)
              p = chance(0.5) ? stepAbove : stepBelow; // a step into the next root
            else {
              const tones = pcs(chord).map((pc) => 36 + ((((pc - 36) % 12) + 12) % 12));
              p = pickOf(rand, [...tones, root + 2]);
            }
            add('bass', p, t === 0 ? 98 : 84, s + t, 0.92);
          }
          break;
        }
        case 'funk': {
          const pos = len >= 4 ? [0, 0.75, 1.5, 2.5, 3, 3.75] : [0, 0.75, 1.5];
          for (const t of pos)
            add(
              'bass',
              t === 0.75 || t === 3.75 ? root + 12 : t === 2.5 ? fifth : root,
              t === 0 ? 108 : 88,
              s + t,
              0.22,
            );
          break;
        }
        default:
          throw new Error(`bass style ${arr.bassStyle}`);
      }
    }
  }

  // ---- chords (and the piano ballad's left hand)
  const chordLow = pickOf(rand, [53, 55, 57]);
  for (let b = 0; b < bars; b++) {
    const info = barInfo[b]!;
    const bar0 = b * barQ;
    const intro = info.section === 'intro';
    const lift = info.section === 'chorus' ? 6 : 0;
    for (const { chord, at, len } of info.chords) {
      const v = voice(chord, chordLow);
      const s = bar0 + at;
      const hit = (t: number, d: number, vel: number, notesOf = v) => {
        if (t >= len - 1e-6) return;
        for (const p of notesOf) add('chords', p, vel + lift, swingAt(s + t), Math.min(d, len - t));
      };
      switch (arr.chordStyle) {
        case 'sustain':
          hit(0, len - 0.05, 76);
          break;
        case 'quarters':
          for (let t = 0; t < len; t += 1) hit(t, 0.85, t % 2 === 0 ? 84 : 72);
          break;
        case 'halves':
          for (let t = 0; t < len; t += 2) hit(t, 1.9, 80);
          break;
        case 'offbeat':
          for (let t = 0.5; t < len; t += 1) hit(t, 0.35, 82);
          break;
        case 'strum8':
          for (let t = 0; t < len; t += 0.5) hit(t, 0.45, t % 1 === 0 ? 84 : 66);
          break;
        case 'pushed': // on 1, the and of 2 tied over, and 4
          for (const t of [0, 1.5, 3]) hit(t, t === 1.5 ? 1.4 : 0.9, 82);
          break;
        case 'stabs':
          for (const t of [0, 0.75, 1.5, 2.5, 3.25]) hit(t, 0.2, t === 0 ? 90 : 76);
          break;
        case 'shuffle': // boogie-ish shuffled chord hits
          for (let t = 0; t < len; t += 1) {
            hit(t, 0.55, 78);
            if (chance(0.6)) hit(t + 0.5, 0.3, 62);
          }
          break;
        case 'charleston':
          hit(0, 1.2, 76);
          hit(1.5, 0.4, 70);
          if (len > 2 && chance(0.5)) hit(3, 0.4, 66);
          break;
        case 'waltz':
          hit(1, 0.8, 70);
          hit(2, 0.8, 66);
          break;
        case 'strum68': // eighths 1 . 3 4 . 6 in each half of the bar
          for (const e of [0, 2, 3, 5])
            hit(e * 0.5, e === 0 || e === 3 ? 0.9 : 0.4, e === 0 || e === 3 ? 86 : 64);
          break;
        case 'arp8': {
          // broken chord from the root up
          const r0 = v.findIndex((p) => p % 12 === (tonic + chord.root) % 12);
          const rot = [...v.slice(r0), ...v.slice(0, r0).map((p) => p + 12)];
          const up = [...rot, rot[0]! + 12, rot[1]! + 12];
          const seq = [0, 1, 2, 3, 4, 3, 2, 1];
          const step = item.metre === '4/4' && qpm < 80 ? 0.25 : 0.5;
          let i = 0;
          for (let t = 0; t < len - 1e-6; t += step, i++) {
            add(
              'chords',
              up[seq[i % seq.length]!]!,
              (i % (1 / step) === 0 ? 80 : 62) + lift,
              s + t,
              step * 1.8,
            );
          }
          break;
        }
        case 'lh-broken': {
          const root = bassOf(chord, 36);
          const lh = [root, root + 7, root + 12, root + 12 + QUALITY[chord.q][1]!]; // root, fifth, octave, tenth
          let i = 0;
          for (let t = 0; t < len - 1e-6; t += 0.5, i++)
            add('chords', lh[[0, 1, 2, 3, 2, 1][i % 6]!]!, i % 2 === 0 ? 76 : 60, s + t, 0.9);
          hit(0, len - 0.1, 62, voice(chord, 60));
          break;
        }
        case 'lh-block': {
          const root = bassOf(chord, 36);
          for (let t = 0; t < len - 1e-6; t += 1) {
            if (t % 2 === 0) add('chords', root, 84, s + t, 0.95);
            else hit(t, 0.9, 64, voice(chord, 52));
          }
          hit(0, len - 0.1, 60, voice(chord, 62));
          break;
        }
        default:
          throw new Error(`chord style ${arr.chordStyle}`);
      }
      if (arr.padProgram !== null && !intro) {
        for (const p of voice(chord, 60)) add('pad', p, 56 + lift, s, len - 0.05, 3);
      }
    }
  }

  // ---- melody: phrases of two bars whose rhythm repeats, chord tones on strong beats, rests
  const RHYTHMS: Record<SongbookMetre, [number, number][][]> = {
    '4/4': [
      [
        [0, 1.5],
        [1.5, 0.5],
        [2, 2],
      ],
      [
        [0, 1],
        [1, 1],
        [2, 1.5],
        [3.5, 0.5],
      ],
      [
        [0.5, 0.5],
        [1, 1],
        [2, 2],
      ],
      [[0, 3]],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 1],
        [3, 1],
      ],
      [
        [0, 2],
        [2, 1],
        [3, 1],
      ],
      [
        [1, 0.5],
        [1.5, 0.5],
        [2, 1],
        [3, 0.5],
        [3.5, 0.5],
      ],
      [
        [0, 1],
        [1.5, 1],
        [2.5, 1.5],
      ],
    ],
    '3/4': [
      [
        [0, 2],
        [2, 1],
      ],
      [
        [0, 1],
        [1, 1],
        [2, 1],
      ],
      [[0, 3]],
      [
        [0, 1.5],
        [1.5, 0.5],
        [2, 1],
      ],
      [
        [1, 1],
        [2, 1],
      ],
      [
        [0, 0.5],
        [0.5, 0.5],
        [1, 2],
      ],
    ],
    '6/8': [
      [
        [0, 1],
        [1, 0.5],
        [1.5, 1.5],
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
      [[0, 3]],
      [
        [0.5, 0.5],
        [1, 0.5],
        [1.5, 1],
        [2.5, 0.5],
      ],
    ],
  };
  const melodyProgram = arr.melodyProgram >= 0 ? arr.melodyProgram : arr.chordsProgram;
  const melodyPart: SongbookPart = arr.melodyProgram >= 0 ? 'melody' : 'chords';
  const melodyBase = 60 + tonic - (tonic >= 8 ? 12 : 0); // the tonic between G#3 and G4; the tune sits above it
  const scalePitch = (deg: number) => melodyBase + Math.floor(deg / 7) * 12 + scale[((deg % 7) + 7) % 7]!;
  let deg = pickOf(rand, [0, 2, 4, 7]);
  let phraseRhythm: [number, number][][] = [];
  // Over chords that move every other beat, the tune walks in quarters (the beat is carried by it).
  const QUARTER_TUNES: [number, number][][] = [
    [
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ],
    [
      [0, 1],
      [1, 1],
      [2, 2],
    ],
    [
      [0, 2],
      [2, 1],
      [3, 1],
    ],
    [
      [0, 1.5],
      [1.5, 0.5],
      [2, 1],
      [3, 1],
    ],
    [
      [0, 1],
      [1, 0.5],
      [1.5, 0.5],
      [2, 1],
      [3, 1],
    ],
  ];
  const rhythms =
    item.variant === 'block-half' || item.variant === 'pad-root-fifth' ? QUARTER_TUNES : RHYTHMS[item.metre];
  for (let b = introBars; b < bars; b++) {
    const info = barInfo[b]!;
    const inPhrase = (b - introBars) % 4;
    if (inPhrase === 0) {
      phraseRhythm = [pickOf(rand, rhythms), pickOf(rand, rhythms)];
    }
    let rhythm = phraseRhythm[inPhrase % 2]!;
    if (inPhrase === 3) rhythm = chance(0.5) ? [[0, barQ - 1]] : chance(0.5) ? [[0, 2]] : []; // a long note or a breath
    const chorus = info.section === 'chorus';
    for (const [at, dur] of rhythm) {
      const chord = [...info.chords].reverse().find((c) => c.at <= at + 1e-6)!.chord;
      const strong = Math.abs(at % beatQ) < 1e-6 && (at === 0 || dur >= 1);
      if (strong) {
        // the nearest chord tone
        const tones = pcs(chord);
        let best: number | null = null;
        for (let d = deg - 3; d <= deg + 3; d++) {
          if (
            tones.includes(scalePitch(d) % 12) &&
            (best === null || Math.abs(d - deg) < Math.abs(best - deg))
          )
            best = d;
        }
        if (best === null) best = deg;
        // a phrase's last long note comes home to the tonic when the chord holds it
        if (inPhrase === 3 && tones.includes(tonic)) best = Math.round(deg / 7) * 7;
        deg = best;
      } else {
        deg += pickOf(rand, [-2, -1, -1, 1, 1, 2, 0]);
      }
      const lo = chorus ? 2 : 0;
      const hi = chorus ? 10 : 8;
      if (deg < lo) deg = lo + 1;
      if (deg > hi) deg = hi - 1;
      add(
        melodyPart,
        scalePitch(deg),
        (chorus ? 96 : 86) + (strong ? 8 : 0),
        swingAt(b * barQ + at),
        dur * 0.95,
      );
    }
  }

  const programs = [
    { channel: CH.chords, program: arr.chordsProgram, volume: 88, pan: 52 },
    { channel: CH.melody, program: melodyProgram, volume: 96, pan: 72 },
    { channel: CH.bass, program: arr.bassProgram >= 0 ? arr.bassProgram : 32, volume: 100, pan: 64 },
    { channel: CH.pad, program: arr.padProgram ?? 89, volume: 64, pan: 40 },
    { channel: CH.drums, program: 0, volume: 100, pan: 64 },
  ];
  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  return { qpm, beatQ, barQ, introEndQ, bars, programs, notes, sections };
}

// ---------------------------------------------------------------- Standard MIDI File

/** Format-0 SMF of a score: tempo, time signature, programs, mixer, then the humanised notes. */
export function songbookMidi(item: SongbookItem): Uint8Array {
  const score = composeSongbook(item);
  const [num, den] = item.metre.split('/').map(Number) as [number, number];
  const programs = score.programs.map((p) => ({
    channel: p.channel,
    program: p.program & 0x7f,
    controllers: [
      [7, p.volume],
      [10, p.pan],
      [91, 40],
    ] as const,
  }));
  const ticksPerSec = (score.qpm / 60) * PPQ;
  const notes = score.notes.map((n) => {
    const on = Math.max(0, Math.round(n.start * PPQ + n.jitterSec * ticksPerSec));
    const off = Math.max(on + 1, Math.round((n.start + n.duration) * PPQ + n.jitterSec * ticksPerSec));
    return {
      tick: on,
      channel: n.channel,
      note: n.pitch & 0x7f,
      velocity: n.velocity & 0x7f,
      durationTicks: off - on,
    };
  });
  return writeSmf(score.qpm, programs, notes, {
    timeSig: { num, den, clocksPerClick: den === 8 ? 36 : 24 },
  });
}

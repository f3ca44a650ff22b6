// The production-music library (set L, the eighth composer, written blind of the analyser and of the
// other composers): 160 seeded 30 s tracks of the kinds a stock-music catalogue or a video creator's
// library holds — corporate upbeat, cinematic builds, lo-fi, boom bap, trap, drum & bass, dubstep,
// future bass, house, techno, synthwave, afrobeats, amapiano, dancehall, electropop, indie folk, jigs,
// jazz waltzes, bluegrass train beats, punk, rock anthems, gospel shuffles, orchestral underscore,
// ambient and pop piano, ukulele, tango, bhangra, big beat, acoustic ballads — as SMF for TiMidity++
// with the freepats GUS patches (library-render.ts). Tests and benches only.
//
// THE LABEL CONVENTION. The label is the beat a listener taps, written as the SMF's tempo:
// - 2/4, 3/4 and 4/4: the quarter note. Half-time drum feels are labelled at the DAW tempo, not the
//   snare's: a trap beat at 140 is labelled 140 (its snare on beat 3 of 4); drum & bass two-steps at
//   165-178 are labelled at that tempo (snare on 2 and 4).
// - 6/8 and 12/8: the dotted quarter (the SMF's tempo is then 1.5 × the label in quarter notes).
// The key label is the tonic and mode the harmony and melody are built on: majors (some styles
// borrowing the mixolydian ♭7) and minors natural (aeolian loops such as i–VI–III–VII), harmonic (the
// raised 7th on V) or dorian (the major 6th on IV), the tonic chord opening and closing each loop.
//
// Items come in pairs: item 2k (tuning) and item 2k+1 (held-out) share style, metre, feel and tempo
// range; odd index → held-out. Each item's arrangement (intro, A, B, breakdown, B again, with fills and
// crashes at the section changes, a bass line, the style's chords, a lead with rests, humanised timing
// within 12 ms and velocities) and its renderer settings (TiMidity's reverb, chorus, resampling and
// amplification, dealt pair by pair so each half has each) come from LIBRARY_SEED.
import { mulberry32 } from './corpus.ts';
import { compound, indexId, keyScale, labelledQpm, shuffled } from './score-patterns.ts';
import { type ScoreNote, type SmfProgram, scoreToSmf } from './smf.ts';

export const LIBRARY_SEED = 2323;
export const LIBRARY_CLIP_SEC = 30;

export type LbMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type LbMinorKind = 'natural' | 'harmonic' | 'dorian';
/** How the drums divide the bar: none (drumless), straight, swung eighths, swung sixteenths, half-time, the two-step, compound. */
export type LbFeel = 'none' | 'straight' | 'swing' | 'swing16' | 'half-time' | 'two-step' | 'compound';
export type LbResample = 'linear' | 'cspline' | 'gauss';
export type LbPart = 'drums' | 'bass' | 'comp' | 'pad' | 'lead' | 'arp';

/** A drum pattern: GM drum note → one bar's hits ('X' accent, 'x' hit, 'o' soft, 'g' ghost, '.' none; spaces ignored; a shorter string repeats). */
type Kit = Readonly<Record<number, string>>;

export interface LbStyle {
  name: string;
  metre: LbMetre;
  feel: LbFeel;
  /** The label's tempo ranges (BPM of the labelled beat); a pair takes one. */
  tempi: readonly (readonly [number, number])[];
  pairs: 2 | 3;
  modes: 'major' | 'minor' | 'both';
  minorKinds: readonly LbMinorKind[];
  /** Majors borrow the mixolydian ♭7 (the ♭VII chord). */
  mixo?: boolean;
  /** Off-beat eighths on the triplet. */
  swing: boolean;
  /** Off-beat sixteenths delayed to the sextuplet (1/3 and 5/6 of the beat). */
  swing16?: boolean;
  /** Divides the labelled beat into sixteenths. */
  sixteenths: boolean;
  /** Grid steps per quarter note of the pattern strings. */
  g: number;
  /** Chords with their sevenths. */
  sevenths?: boolean;
  barsPerChord: 1 | 2;
  programs: { lead: number; comp: number; bass: number; pad?: number; arp?: number };
  drums?: { intro: Kit; a: Kit; b: Kit; brk: Kit; fill: number[] };
  /** Bass: 'R' root, '5' fifth, '8' octave, '3' third, '7' seventh, 'a' approach to the next root, '-' hold, '.' rest. */
  bass: { a: string; b?: string };
  /** Comp: 'X'/'x' chord (accented or not), '1'-'4' the voicing's tones, '-' hold, '.' rest. */
  comp: { a: string; b?: string; intro?: string };
  /** An arpeggio line (same letters as comp) in the B sections. */
  arp?: string;
  /** A held pad in the B sections. */
  pad?: boolean;
  /** Lead rhythm cells: 'x' onset, '-' hold, '.' rest; `ends` close a two-bar phrase with a rest. */
  lead: { cells: readonly string[]; ends: readonly string[]; lo: number };
}

// ---------------------------------------------------------------- drum and rhythm building blocks

const K = 36;
const RIM = 37;
const SN = 38;
const CLAP = 39;
const SN2 = 40;
const HH = 42;
const PH = 44;
const OH = 46;
const CR = 49;
const RIDE = 51;
const TAMB = 54;
const SHK = 82;
const CONGA_H = 63;
const CONGA_M = 62;
const CONGA_L = 64;
const CLAVES = 75;
const WOOD = 76;
const TRI = 80;
const TOM_H = 50;
const TOM_M = 47;
const TOM_L = 43;
const TOM_F = 41;

/** Drum notes and programs every style draws on: all defined by freepats (library.test.ts checks /etc/timidity/freepats.cfg). */
export const LIBRARY_DRUM_NOTES = [
  K,
  RIM,
  SN,
  CLAP,
  SN2,
  HH,
  PH,
  OH,
  CR,
  RIDE,
  TAMB,
  SHK,
  CONGA_H,
  CONGA_M,
  CONGA_L,
  CLAVES,
  WOOD,
  TRI,
  TOM_H,
  TOM_M,
  TOM_L,
  TOM_F,
  57,
] as const;

// 4/4 with sixteenths (g = 4)
const FLOOR = { [K]: 'x...' };
const BACKBEAT = { [SN]: '.... x... .... x...' };
const CLAPS = { [CLAP]: '.... x... .... x...' };
const HAT8 = { [HH]: 'x.o.' };
const HAT16 = { [HH]: 'xooo' };
const OFFHAT = { [OH]: '..x.' };
const SHAKE16 = { [SHK]: 'oxoo' };

// the lead's cells
const L44 = [
  'x-x- x--- x-x- x---',
  '..x- x-x- x--- ..x-',
  'x--x --x- x-x- x---',
  '..x- x-x- x-x- x---',
  'x--- x-x- ..x- x---',
];
const L44_END = ['x-x- x--- .... ....', 'x--- x--- x--- ....', 'x-x- x-x- x--- ....', '..x- x--- x--- ....'];
const L44_16 = ['x.xx .x.x x--- x-x-', '..xx x-x- x.x. x---', 'x-x. x.x- ..x- x-x-', 'x--x --x- x.xx x---'];
const L44_16_END = ['x.xx x--- .... ....', '..xx x-x- x--- ....', 'x-x. x.x- x--- ....'];
const L44_SLOW = ['x-x- x--- x--- x-x-', 'x--- x-x- x--- ----', '..x- x--- x-x- x---'];
const L44_SLOW_END = ['x--- ---- .... ....', 'x-x- x--- .... ....', 'x--- x--- ---- ....'];
// swung eighths (g = 3)
const S44 = ['x-x x-x x-- x-x', '..x x-x x-x x--', 'x-- x-x ..x x--', 'x-x x-- x-x x-x'];
const S44_END = ['x-x x-- ... ...', 'x-- x-x x-- ...', '..x x-- x-- ...'];
// swung sixteenths (g = 6): 0, 1/3, 1/2 and 5/6 of the beat
const W44 = [
  'x--x-- x-x--x x----- x--x--',
  '...x-- x--x-- x--x-x x-----',
  'x-x--x x----- ...x-- x--x--',
  'x--x-- x--x-- x-x--x x-----',
];
const W44_END = ['x--x-- x----- ...... ......', '...x-- x--x-- x----- ......'];
// 3/4
const L34 = ['x--- x-x- x---', 'x-x- x--- x---', 'x--- ---- x-x-', '..x- x--- x---'];
const L34_END = ['x--- x--- ....', 'x--- ---- ....', 'x-x- x--- ....'];
const S34 = ['x-- x-x x--', 'x-x x-- x-x', '..x x-x x--', 'x-- --- x-x'];
const S34_END = ['x-- x-- ...', 'x-x x-- ...'];
// 2/4
const L24 = ['x-x- x-x-', 'x-xx x---', 'x--- x-x-', '..x- x-x-'];
const L24_END = ['x--- ....', 'x-x- ....'];
// 6/8 and 12/8 in eighths (g = 2)
const C68 = ['x-x x-x', 'x-- x-x', 'xxx x-x', 'x-x xxx', '..x x--'];
const C68_END = ['x-x ...', 'x-- ...', 'xxx ...'];
const C128 = ['x-x x-x x-- x-x', 'x-- x-x x-x x--', '..x x-x x-x x--', 'x-x x-- ..x x-x'];
const C128_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];

const FILL16 = [SN, SN, TOM_M, TOM_L];

// ---------------------------------------------------------------- the styles

const straight44 = { metre: '4/4', swing: false, g: 4 } as const;

export const STYLES: readonly LbStyle[] = [
  {
    name: 'corporate',
    ...straight44,
    feel: 'straight',
    tempi: [
      [100, 112],
      [113, 125],
    ],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    barsPerChord: 1,
    programs: { lead: 9, comp: 25, bass: 33, pad: 48, arp: 45 },
    drums: {
      intro: { ...SHAKE16 },
      a: { ...FLOOR, ...CLAPS, ...SHAKE16 },
      b: { ...FLOOR, ...CLAPS, ...BACKBEAT, ...HAT8, ...OFFHAT, ...SHAKE16 },
      brk: { ...CLAPS, ...SHAKE16, [K]: 'x... .... .... ....' },
      fill: FILL16,
    },
    bass: { a: 'R-.R ..R. R-.. 5-..', b: 'R.R. R.R. 5.5. 8.R.' },
    comp: { a: 'x.x. x.xx .x.x x.x.', intro: 'x.x. x.x. x.x. x.x.' },
    arp: '1232 1232 1234 3212',
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 69 },
  },
  {
    name: 'cinematic',
    ...straight44,
    feel: 'straight',
    tempi: [
      [80, 95],
      [96, 110],
    ],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    barsPerChord: 1,
    programs: { lead: 60, comp: 48, bass: 42, pad: 53, arp: 45 },
    drums: {
      intro: { [TOM_F]: 'x... .... x... ....' },
      a: { [TOM_F]: 'x... ..x. x... ....', [TOM_L]: '.... x... .... x.x.', [SN]: '.... x... .... x...' },
      b: {
        [TOM_F]: 'x..x ..x. x..x ..x.',
        [TOM_L]: '.... x... .... x.xx',
        [SN]: '.... x... .... x...',
        [K]: 'x... x... x... x...',
      },
      brk: { [TOM_F]: 'x... .... .... ....', [TOM_L]: '.... .... x... ....' },
      fill: [TOM_H, TOM_M, TOM_L, TOM_F],
    },
    bass: { a: 'R-R- R-R- R-R- R-R-', b: 'RRRR RRRR RRRR RRRR' },
    comp: { a: '1.2. 3.2. 1.2. 3.2.', b: '1212 3232 1212 3232', intro: 'X--- ---- X--- ----' },
    arp: '1.3. 2.4. 1.3. 2.4.',
    pad: true,
    lead: { cells: L44_SLOW, ends: L44_SLOW_END, lo: 62 },
  },
  {
    name: 'lofi',
    metre: '4/4',
    feel: 'swing16',
    g: 6,
    tempi: [
      [68, 80],
      [81, 90],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    swing: false,
    swing16: true,
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 4, comp: 4, bass: 33, pad: 88 },
    drums: {
      intro: { [HH]: 'x--o-- x--o--' },
      a: { [K]: 'x----- ...x-- x----- ......', [SN]: '...... x----- ...... x-----', [HH]: 'x--o-- x--o--' },
      b: {
        [K]: 'x----- ...x-- x--x-- ......',
        [SN]: '...... x----- ...... x-----',
        [HH]: 'x--o-- o--o--',
        [RIM]: '...... ...... .....g ......',
      },
      brk: { [HH]: 'x--o-- x--o--', [RIM]: '...... x----- ...... x-----' },
      fill: [SN, SN, SN, TOM_M],
    },
    bass: { a: 'R----- ...... 5----- ...8--', b: 'R----- ...R-- 5----- 3--a--' },
    comp: { a: 'X----- ----x- ...... x-----', intro: 'X----- ------ X----- ------' },
    pad: true,
    lead: { cells: W44, ends: W44_END, lo: 67 },
  },
  {
    name: 'boombap',
    ...straight44,
    feel: 'straight',
    tempi: [
      [85, 92],
      [93, 98],
    ],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'dorian', 'harmonic'],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 2,
    programs: { lead: 66, comp: 0, bass: 33, pad: 48 },
    drums: {
      intro: { ...HAT8 },
      a: { [K]: 'x... ...x ..x. ....', ...BACKBEAT, ...HAT8 },
      b: { [K]: 'x... ...x ..x. .x..', ...BACKBEAT, [HH]: 'x.ox', [OH]: '.... .... .... ..x.' },
      brk: { ...HAT8, [RIM]: '.... x... .... x...' },
      fill: FILL16,
    },
    bass: { a: 'R--- ...R ..5- ....', b: 'R--- ...R ..5- .a..' },
    comp: { a: 'X--- ---- ..x- ----', intro: 'X--- ---- ---- ----' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 62 },
  },
  {
    name: 'trap',
    ...straight44,
    feel: 'half-time',
    tempi: [
      [130, 145],
      [146, 160],
    ],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 80, comp: 0, bass: 38, pad: 94 },
    drums: {
      intro: { [HH]: 'x.o.' },
      a: {
        [K]: 'x... .... ..x. ....',
        [SN]: '.... .... x... ....',
        [CLAP]: '.... .... x... ....',
        [HH]: 'x.o.',
      },
      b: {
        [K]: 'x... ...x ..x. .x..',
        [SN]: '.... .... x... ....',
        [CLAP]: '.... .... x... ....',
        [HH]: 'x.o. xooo x.o. xoxo',
        [OH]: '.... .... .... ..x.',
      },
      brk: { [HH]: 'x.o.', [K]: 'x... .... .... ....' },
      fill: [SN, SN, SN, SN],
    },
    bass: { a: 'R--- ---- ..R- ----', b: 'R--- ---R ..R- 5---' },
    comp: { a: 'X--- ---- ---- ----', intro: 'X--- ---- ---- ----' },
    arp: '1.2. 3.2. 1.2. 3.4.',
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 67 },
  },
  {
    name: 'dnb',
    ...straight44,
    feel: 'two-step',
    tempi: [
      [165, 171],
      [172, 178],
    ],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 94, comp: 4, bass: 38, pad: 95 },
    drums: {
      intro: { [HH]: 'x.o.', [RIDE]: 'x...' },
      a: { [K]: 'x... .... ..x. ....', [SN]: '.... x... .... x...', [HH]: 'x.o.' },
      b: { [K]: 'x... .... ..x. ..x.', [SN]: '.... x..g .g.. x...', [HH]: 'xoxo', [RIDE]: 'x...' },
      brk: { [RIDE]: 'x.x.', [K]: 'x... .... .... ....' },
      fill: FILL16,
    },
    bass: { a: 'R--- ---- ..R- ----', b: 'R--- ...R ..5- ---a' },
    comp: { a: 'X--- ---- x--- ----', intro: 'X--- ---- ---- ----' },
    pad: true,
    lead: { cells: L44_SLOW, ends: L44_SLOW_END, lo: 67 },
  },
  {
    name: 'dubstep',
    ...straight44,
    feel: 'half-time',
    tempi: [
      [140, 145],
      [146, 150],
    ],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 84, comp: 0, bass: 38, pad: 95 },
    drums: {
      intro: { [HH]: 'x.o.' },
      a: { [K]: 'x... .... .... ....', [SN]: '.... .... x... ....', [HH]: 'x.o.' },
      b: {
        [K]: 'x... ..x. .... .x..',
        [SN]: '.... .... x... ....',
        [HH]: 'x.ox',
        [CR]: 'x... .... .... ....',
      },
      brk: { [HH]: 'x.o.' },
      fill: [SN, SN, SN, SN],
    },
    bass: { a: 'R-.R --.. R-R- ..5.', b: 'R.RR .R.R R-R- .8.5' },
    comp: { a: 'X--- ---- ---- ----', intro: 'X--- ---- X--- ----' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 67 },
  },
  {
    name: 'futurebass',
    ...straight44,
    feel: 'half-time',
    tempi: [
      [140, 150],
      [151, 160],
    ],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 80, comp: 5, bass: 38, pad: 94 },
    drums: {
      intro: { [HH]: 'x.o.' },
      a: {
        [K]: 'x... .... .... ....',
        [SN]: '.... .... x... ....',
        [CLAP]: '.... .... x... ....',
        [HH]: 'x.o.',
      },
      b: {
        [K]: 'x... ...x .... ..x.',
        [SN]: '.... .... x... ....',
        [CLAP]: '.... .... x... ....',
        [HH]: 'xoxo',
      },
      brk: { [HH]: 'x.o.' },
      fill: [SN, SN, SN, SN],
    },
    bass: { a: 'R--- ---- R--- ----', b: 'R--- ..R- --R- 5---' },
    comp: { a: 'X--- ---- ---- ----', b: 'X..x ..x. ..x. x.x.', intro: 'X--- ---- ---- ----' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 69 },
  },
  {
    name: 'house',
    ...straight44,
    feel: 'straight',
    tempi: [
      [118, 123],
      [124, 128],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 5, comp: 0, bass: 38, pad: 88 },
    drums: {
      intro: { ...FLOOR, [HH]: 'o.o.' },
      a: { ...FLOOR, ...CLAPS, ...OFFHAT, [HH]: 'o.o.' },
      b: { ...FLOOR, ...CLAPS, ...OFFHAT, [HH]: 'oxoo', [SHK]: 'oxoo' },
      brk: { ...CLAPS, ...OFFHAT },
      fill: [CLAP, CLAP, SN, SN],
    },
    bass: { a: '..R. ..R. ..R. ..5.', b: '..R. .RR. ..R. .a8.' },
    comp: { a: '..x. ..x- .x.. ..x.', intro: 'X--- ---- X--- ----' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 67 },
  },
  {
    name: 'techno',
    ...straight44,
    feel: 'straight',
    tempi: [
      [124, 129],
      [130, 135],
    ],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 80, comp: 88, bass: 38, pad: 95 },
    drums: {
      intro: { ...FLOOR },
      a: { ...FLOOR, ...OFFHAT, [HH]: 'ooxo' },
      b: { ...FLOOR, ...OFFHAT, [HH]: 'oxox', [CLAP]: '.... x... .... x...', [RIDE]: '..x.' },
      brk: { ...OFFHAT, [HH]: 'ooxo' },
      fill: [CLAP, CLAP, CLAP, CLAP],
    },
    bass: { a: '..RR ..R. ..RR ..R.', b: '.RR. .RR. .R5. .RR.' },
    comp: { a: 'x..x ..x. ..x. .x..', intro: '.... .... .... ....' },
    pad: true,
    lead: { cells: L44_SLOW, ends: L44_SLOW_END, lo: 67 },
  },
  {
    name: 'synthwave',
    ...straight44,
    feel: 'straight',
    tempi: [
      [80, 95],
      [100, 118],
    ],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 80, comp: 95, bass: 38, pad: 94, arp: 80 },
    drums: {
      intro: { [HH]: 'x.x.' },
      a: { [K]: 'x... .... x... ....', [SN]: '.... x... .... x...', [HH]: 'x.x.' },
      b: {
        [K]: 'x... .... x.x. ....',
        [SN]: '.... x... .... x...',
        [CLAP]: '.... x... .... x...',
        [HH]: 'x.x.',
        [TAMB]: '.... x... .... x...',
      },
      brk: { [HH]: 'x.x.', [K]: 'x... .... .... ....' },
      fill: [TOM_H, TOM_M, TOM_L, TOM_F],
    },
    bass: { a: 'R.R. R.R. R.R. R.R.', b: 'R.8. R.8. R.8. R.8.' },
    comp: { a: 'X--- ---- ---- ----', intro: 'X--- ---- ---- ----' },
    arp: '1.2. 3.4. 3.2. 1.2.',
    pad: false,
    lead: { cells: L44, ends: L44_END, lo: 67 },
  },
  {
    name: 'afrobeats',
    ...straight44,
    feel: 'straight',
    tempi: [
      [100, 108],
      [109, 115],
    ],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    barsPerChord: 1,
    programs: { lead: 24, comp: 27, bass: 33, pad: 88 },
    drums: {
      intro: { [SHK]: 'xoox', [CLAVES]: 'x..x ..x. ..x. x...' },
      a: {
        [K]: 'x... ..x. x... ..x.',
        [RIM]: '...x ..x. ...x ..x.',
        [SHK]: 'xoox',
        [CONGA_H]: '..x. .... ..x. x...',
      },
      b: {
        [K]: 'x... ..x. x... ..x.',
        [CLAP]: '.... x... .... x...',
        [RIM]: '...x ..x. ...x ..x.',
        [SHK]: 'xoox',
        [CONGA_H]: '..x. ..x. ..x. x.x.',
        [CONGA_L]: 'x... .... x... ....',
      },
      brk: { [SHK]: 'xoox', [CONGA_H]: '..x. .... ..x. x...' },
      fill: [CONGA_H, CONGA_H, CONGA_L, CONGA_L],
    },
    bass: { a: 'R..R ..5. R... 5.8.', b: 'R..R ..5. R..3 ..5.' },
    comp: { a: '..x. ..xx ..x. ..x.', intro: 'x.x. x.x. x.x. x.x.' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 67 },
  },
  {
    name: 'amapiano',
    ...straight44,
    feel: 'straight',
    tempi: [
      [108, 111],
      [112, 115],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 73, comp: 4, bass: 38, pad: 88 },
    drums: {
      intro: { [SHK]: 'xooo' },
      a: {
        [K]: 'x... x... x... x...',
        [SHK]: 'xooo',
        [CLAP]: '.... x... .... x...',
        [WOOD]: '..x. .... ..x. ..x.',
      },
      b: {
        [K]: 'x... x... x... x...',
        [SHK]: 'xoxo',
        [CLAP]: '.... x... .... x...',
        [WOOD]: '..x. .x.. ..x. ..x.',
        [OH]: '..x.',
      },
      brk: { [SHK]: 'xooo', [WOOD]: '..x. .... ..x. ..x.' },
      fill: [WOOD, WOOD, CLAP, CLAP],
    },
    bass: { a: '.... ..R- ..R. ..5.', b: 'R... ..R- ..R. 5.a.' },
    comp: { a: 'x.x. ..x. x... ..x.', intro: 'X--- ---- X--- ----' },
    pad: true,
    lead: { cells: L44, ends: L44_END, lo: 67 },
  },
  {
    name: 'dancehall',
    ...straight44,
    feel: 'straight',
    tempi: [
      [90, 97],
      [98, 105],
    ],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic', 'dorian'],
    sixteenths: true,
    barsPerChord: 1,
    programs: { lead: 84, comp: 27, bass: 38, pad: 94 },
    drums: {
      intro: { [HH]: 'x.o.' },
      a: { [K]: 'x... x... x... x...', [SN]: '...x ..x. ...x ..x.', [HH]: 'x.o.' },
      b: {
        [K]: 'x... x... x... x...',
        [SN]: '...x ..x. ...x ..x.',
        [RIM]: '...x ..x. ...x ..x.',
        [HH]: 'xoxo',
      },
      brk: { [RIM]: '...x ..x. ...x ..x.', [HH]: 'x.o.' },
      fill: FILL16,
    },
    bass: { a: 'R..R ..R. R..R ..5.', b: 'R..R ..R. R..R ..a.' },
    comp: { a: '..x. ..x. ..x. ..x.', intro: 'X--- ---- X--- ----' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 67 },
  },
  {
    name: 'electropop',
    ...straight44,
    feel: 'straight',
    tempi: [
      [100, 114],
      [115, 130],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    barsPerChord: 1,
    programs: { lead: 80, comp: 5, bass: 38, pad: 95, arp: 98 },
    drums: {
      intro: { [HH]: 'x.x.', [K]: 'x... .... .... ....' },
      a: { ...FLOOR, ...CLAPS, [HH]: 'x.x.' },
      b: { ...FLOOR, ...CLAPS, ...BACKBEAT, ...HAT16, ...OFFHAT },
      brk: { [CLAP]: '.... x... .... x...', [HH]: 'x.x.' },
      fill: [SN, SN, SN, SN],
    },
    bass: { a: 'R.R. R.R. R.R. R.R.', b: 'RR.R R.RR .RR. R.8.' },
    comp: { a: 'x... x.x. ..x. x...', intro: 'X--- ---- X--- ----' },
    arp: '1234 3212 1234 3214',
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 69 },
  },
  {
    name: 'indiefolk',
    ...straight44,
    feel: 'straight',
    tempi: [
      [90, 105],
      [106, 125],
    ],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    barsPerChord: 1,
    programs: { lead: 74, comp: 25, bass: 32, pad: 53 },
    drums: {
      intro: { [TAMB]: '..x.' },
      a: { [K]: 'x... .... x... ....', [CLAP]: '.... x... .... x...', [TAMB]: '..x.' },
      b: {
        [K]: 'x... ..x. x... ....',
        [SN]: '.... x... .... x...',
        [CLAP]: '.... x... .... x...',
        [TAMB]: 'x.x.',
      },
      brk: { [TAMB]: '..x.', [CLAP]: '.... x... .... x...' },
      fill: [SN, SN, TOM_M, TOM_L],
    },
    bass: { a: 'R--- ---- 5--- ----', b: 'R--- ..R- 5--- ..a-' },
    comp: { a: 'X-x- -xx- X-x- -xx-', intro: 'X-x- -xx- X-x- -xx-' },
    pad: true,
    lead: { cells: L44, ends: L44_END, lo: 64 },
  },
  {
    name: 'folk68',
    metre: '6/8',
    feel: 'compound',
    g: 2,
    tempi: [
      [60, 70],
      [71, 82],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    swing: false,
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 73, comp: 25, bass: 32, pad: 48 },
    drums: {
      intro: { [TAMB]: 'x.. x..' },
      a: { [K]: 'x.. ...', [RIM]: '... x..', [TAMB]: 'x.o x.o' },
      b: { [K]: 'x.. ..x', [SN]: '... x..', [TAMB]: 'xoo xoo' },
      brk: { [TAMB]: 'x.. x..' },
      fill: [SN, TOM_M, TOM_L],
    },
    bass: { a: 'R-- 5--', b: 'R-5 8-5' },
    comp: { a: 'X-x x-x', intro: 'X-x x-x' },
    pad: true,
    lead: { cells: C68, ends: C68_END, lo: 64 },
  },
  {
    name: 'jig',
    metre: '6/8',
    feel: 'compound',
    g: 2,
    tempi: [
      [100, 110],
      [111, 124],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    swing: false,
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 40, comp: 24, bass: 32, pad: 21 },
    drums: {
      intro: { [TOM_F]: 'x.. x..' },
      a: { [TOM_F]: 'x.. x..', [TOM_L]: '..o ..o', [SN2]: '.o. .o.' },
      b: { [TOM_F]: 'x.o x.o', [TOM_L]: '.o. .o.', [SN2]: '... x..', [TAMB]: 'x.x x.x' },
      brk: { [TOM_F]: 'x.. x..' },
      fill: [SN2, TOM_M, TOM_L],
    },
    bass: { a: 'R-- 5--', b: 'R-5 8-5' },
    comp: { a: 'X.x X.x', intro: 'X.x X.x' },
    pad: false,
    lead: { cells: ['xxx xxx', 'x-x xxx', 'xxx x-x', 'xx- xxx'], ends: ['xxx x-.', 'x-x x..'], lo: 66 },
  },
  {
    name: 'jazzwaltz',
    metre: '3/4',
    feel: 'swing',
    g: 3,
    tempi: [
      [120, 140],
      [141, 170],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'harmonic'],
    swing: true,
    sixteenths: false,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 65, comp: 0, bass: 32, pad: 26 },
    drums: {
      intro: { [RIDE]: 'x-- x-o x--' },
      a: { [RIDE]: 'x-- x-o x--', [PH]: '... x-- x--', [K]: 'o-- ... ...' },
      b: { [RIDE]: 'x-- x-o x-o', [PH]: '... x-- x--', [K]: 'o-- ... ..g', [SN]: '... ..g ...' },
      brk: { [RIDE]: 'x-- x-o x--' },
      fill: [SN, SN, TOM_L],
    },
    bass: { a: 'R-- 3-- 5--', b: 'R-- 5-- a--' },
    comp: { a: '... x-- x--', intro: 'X-- x-- x--' },
    pad: false,
    lead: { cells: S34, ends: S34_END, lo: 64 },
  },
  {
    name: 'bluegrass',
    metre: '2/4',
    feel: 'straight',
    g: 4,
    tempi: [
      [110, 125],
      [126, 140],
    ],
    pairs: 3,
    modes: 'major',
    mixo: true,
    minorKinds: [],
    swing: false,
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 40, comp: 25, bass: 32, pad: 21 },
    drums: {
      intro: { [SN]: 'g.g.' },
      a: { [K]: 'x... ....', [SN]: 'ggxg ggxg' },
      b: { [K]: 'x... x...', [SN]: 'ggXg ggXg', [HH]: 'x.x.' },
      brk: { [SN]: 'g.x.' },
      fill: [SN, SN, SN, SN],
    },
    bass: { a: 'R--- 5---', b: 'R--- 5-a-' },
    comp: { a: '..x. ..x.', intro: '..x. ..x.' },
    pad: false,
    lead: { cells: L24, ends: L24_END, lo: 67 },
  },
  {
    name: 'punk',
    ...straight44,
    feel: 'straight',
    tempi: [
      [170, 180],
      [181, 190],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 30, comp: 29, bass: 34, pad: 30 },
    drums: {
      intro: { [HH]: 'x.x.' },
      a: { [K]: 'x... ..x. x... ..x.', [SN]: '.... x... .... x...', [HH]: 'x.x.' },
      b: { [K]: 'x... x... x... x...', [SN]: '.... x... .... x...', [CR]: 'x.x.' },
      brk: { [HH]: 'x.x.', [K]: 'x... .... x... ....' },
      fill: [SN, SN, TOM_M, TOM_L],
    },
    bass: { a: 'R.R. R.R. R.R. R.R.', b: 'R.R. R.R. R.R. R.a.' },
    comp: { a: 'x.x. x.x. x.x. x.x.', intro: 'X--- ---- X--- ----' },
    pad: false,
    lead: { cells: L44_SLOW, ends: L44_SLOW_END, lo: 64 },
  },
  {
    name: 'rockanthem',
    ...straight44,
    feel: 'straight',
    tempi: [
      [118, 134],
      [135, 150],
    ],
    pairs: 2,
    modes: 'major',
    mixo: true,
    minorKinds: [],
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 29, comp: 30, bass: 34, pad: 16 },
    drums: {
      intro: { [TOM_F]: 'x.x.', [K]: 'x... .... .... ....' },
      a: { [K]: 'x... ..x. x... ....', ...BACKBEAT, ...HAT8 },
      b: { [K]: 'x... ..x. x.x. ....', ...BACKBEAT, [RIDE]: 'x.x.', [CR]: 'x... .... .... ....' },
      brk: { [TOM_F]: 'x.x.' },
      fill: [SN, TOM_H, TOM_M, TOM_L],
    },
    bass: { a: 'R.R. R.R. R.R. R.R.', b: 'R.R. R.R. R.R. 5.a.' },
    comp: { a: 'X-x- x-x- X-x- x-x-', intro: 'X--- ---- X--- ----' },
    pad: true,
    lead: { cells: L44, ends: L44_END, lo: 64 },
  },
  {
    name: 'gospel',
    metre: '12/8',
    feel: 'compound',
    g: 2,
    tempi: [
      [60, 68],
      [69, 78],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'harmonic', 'dorian'],
    swing: false,
    sixteenths: false,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 53, comp: 0, bass: 33, pad: 16 },
    drums: {
      intro: { [HH]: 'x.o x.o x.o x.o' },
      a: { [K]: 'x.. ... x.. ...', [SN]: '... x.. ... x..', [HH]: 'xoo' },
      b: { [K]: 'x.. ..o x.. ...', [SN]: '... x.. ... x.g', [RIDE]: 'xoo', [TAMB]: '... x.. ... x..' },
      brk: { [HH]: 'x.o', [SN]: '... x.. ... x..' },
      fill: [SN, TOM_M, TOM_L],
    },
    bass: { a: 'R-- --5 R-- 3--', b: 'R-- --5 8-- a--' },
    comp: { a: 'X-x x-x X-x x-x', intro: 'X-- x-- X-- x--' },
    pad: true,
    lead: { cells: C128, ends: C128_END, lo: 62 },
  },
  {
    name: 'underscore',
    ...straight44,
    feel: 'none',
    tempi: [
      [60, 78],
      [79, 100],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 73, comp: 45, bass: 42, pad: 48, arp: 46 },
    bass: { a: 'R--- ---- 5--- ----', b: 'R--- R--- 5--- 5---' },
    comp: { a: '1.2. 3.2. 1.2. 3.2.', intro: '1.2. 3.2. 1.2. 3.2.' },
    arp: '1.3. 2.4. 1.3. 2.4.',
    pad: true,
    lead: { cells: L44_SLOW, ends: L44_SLOW_END, lo: 64 },
  },
  {
    name: 'ambient',
    ...straight44,
    feel: 'none',
    tempi: [
      [60, 74],
      [75, 90],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    sevenths: true,
    barsPerChord: 1,
    programs: { lead: 0, comp: 0, bass: 0, pad: 94 },
    bass: { a: 'R--- ---- 5--- ----', b: 'R--- ---- 8--- ----' },
    comp: { a: '1.2. 3.4. 3.2. 3.4.', intro: '1.2. 3.4. 3.2. 3.4.' },
    pad: true,
    lead: { cells: L44_SLOW, ends: L44_SLOW_END, lo: 67 },
  },
  {
    name: 'ukulele',
    metre: '2/4',
    feel: 'straight',
    g: 4,
    tempi: [
      [100, 115],
      [116, 130],
    ],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    swing: false,
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 9, comp: 24, bass: 32, pad: 74 },
    drums: {
      intro: { [SHK]: 'x.o.' },
      a: { [CLAP]: '.... x...', [SHK]: 'x.o.', [K]: 'x... ....' },
      b: { [CLAP]: '.... x...', [SHK]: 'xoxo', [K]: 'x... ....', [TRI]: 'x... ....' },
      brk: { [SHK]: 'x.o.' },
      fill: [WOOD, WOOD, WOOD, WOOD],
    },
    bass: { a: 'R--- 5---', b: 'R-.R 5-a-' },
    comp: { a: 'X-xx -xx-', intro: 'X-x- X-x-' },
    pad: false,
    lead: { cells: L24, ends: L24_END, lo: 67 },
  },
  {
    name: 'tango',
    metre: '2/4',
    feel: 'none',
    g: 4,
    tempi: [
      [110, 120],
      [121, 132],
    ],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['harmonic'],
    swing: false,
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 23, comp: 0, bass: 32, pad: 40 },
    bass: { a: 'R--5 R-5-', b: 'R--5 R-a-' },
    comp: { a: 'X--x x-x-', b: 'X.xx x.x.', intro: 'X--x x-x-' },
    pad: true,
    lead: {
      cells: ['x-xx x-x-', 'x--x x-x-', 'x-x- xxxx', '..xx x-x-'],
      ends: ['x--- ....', 'x-x- ....'],
      lo: 64,
    },
  },
  {
    name: 'bhangra',
    metre: '4/4',
    feel: 'swing',
    g: 3,
    tempi: [
      [92, 100],
      [101, 110],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    swing: true,
    sixteenths: false,
    barsPerChord: 2,
    programs: { lead: 104, comp: 21, bass: 38, pad: 88 },
    drums: {
      intro: { [TAMB]: 'x-x' },
      a: {
        [TOM_F]: 'x-- ..x x-- ..x',
        [CONGA_H]: '..x x-- ..x x--',
        [TAMB]: 'x-x',
        [CLAP]: '... x-- ... x--',
      },
      b: {
        [TOM_F]: 'x-- ..x x-- ..x',
        [CONGA_H]: '..x x-x ..x x-x',
        [TAMB]: 'x-x',
        [CLAP]: '... x-- ... x--',
        [K]: 'x-- ... x-- ...',
      },
      brk: { [TAMB]: 'x-x', [CONGA_H]: '..x x-- ..x x--' },
      fill: [CONGA_H, CONGA_M, TOM_F],
    },
    bass: { a: 'R-- ..R R-- 5--', b: 'R-- ..R 5-- 8--' },
    comp: { a: '..x ..x ..x ..x', intro: 'X-- --- X-- ---' },
    pad: true,
    lead: { cells: S44, ends: S44_END, lo: 67 },
  },
  {
    name: 'bigbeat',
    ...straight44,
    feel: 'straight',
    tempi: [
      [120, 127],
      [128, 135],
    ],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    barsPerChord: 2,
    programs: { lead: 84, comp: 16, bass: 38, pad: 95 },
    drums: {
      intro: { [HH]: 'xoxo', [K]: 'x... .... .... ....' },
      a: { [K]: 'x.x. ..x. ..x. ....', [SN]: '.... x..g .g.. x...', [HH]: 'xoxo' },
      b: {
        [K]: 'x.x. ..x. ..xx ....',
        [SN]: '.... x..g .g.. x..g',
        [HH]: 'xoxo',
        [TAMB]: '.... x... .... x...',
        [OH]: '.... .... .... ..x.',
      },
      brk: { [HH]: 'xoxo', [SN]: '.... x... .... x...' },
      fill: FILL16,
    },
    bass: { a: 'R--R ..R. R-5- ..R.', b: 'R--R ..R. R-5- .a8.' },
    comp: { a: 'x... ..x. x... ....', intro: 'X--- ---- X--- ----' },
    pad: true,
    lead: { cells: L44_16, ends: L44_16_END, lo: 64 },
  },
  {
    name: 'ballad68',
    metre: '6/8',
    feel: 'none',
    g: 2,
    tempi: [
      [60, 66],
      [67, 74],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    swing: false,
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 73, comp: 25, bass: 32, pad: 48 },
    bass: { a: 'R-- 5--', b: 'R-- 8--' },
    comp: { a: '123 123', b: '123 423', intro: '123 123' },
    pad: true,
    lead: { cells: C68, ends: C68_END, lo: 64 },
  },
  {
    name: 'pianopop',
    ...straight44,
    feel: 'none',
    tempi: [
      [100, 124],
      [125, 150],
    ],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 0, comp: 0, bass: 0, pad: 48 },
    bass: { a: 'R--- .... 5--- ....', b: 'R--- 8--- 5--- 8---' },
    comp: { a: '.... X--- .... X---', b: 'X--- x--- X--- x---', intro: '.... X--- .... X---' },
    pad: false,
    lead: { cells: L44, ends: L44_END, lo: 67 },
  },
  {
    name: 'pianowaltz',
    metre: '3/4',
    feel: 'none',
    g: 4,
    tempi: [
      [80, 94],
      [95, 110],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic', 'dorian'],
    swing: false,
    sixteenths: false,
    barsPerChord: 1,
    programs: { lead: 0, comp: 0, bass: 0, pad: 42 },
    bass: { a: 'R--- .... ....', b: 'R--- .... 5---' },
    comp: { a: '.... x--- x---', intro: '.... x--- x---' },
    pad: true,
    lead: { cells: L34, ends: L34_END, lo: 67 },
  },
];

export const styleOf = (name: string): LbStyle => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`no library style ${name}`);
  return s;
};

/** The GM programs the styles use (all defined by freepats; library.test.ts checks). */
export const LIBRARY_PROGRAMS: readonly number[] = [
  ...new Set(STYLES.flatMap((s) => Object.values(s.programs).filter((p): p is number => p !== undefined))),
].sort((a, b) => a - b);

// ---------------------------------------------------------------- the items

export interface LibraryItem {
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: LbMetre;
  feel: LbFeel;
  drums: boolean;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: LbMinorKind | null;
  /** TiMidity's reverb (freeverb) on or off. */
  reverb: boolean;
  /** TiMidity's chorus on or off. */
  chorus: boolean;
  /** TiMidity's resampling (interpolation) algorithm. */
  resample: LbResample;
  /** TiMidity's amplification, percent (-A). */
  amp: number;
  seed: number;
}

export const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const RESAMPLES: readonly LbResample[] = ['linear', 'cspline', 'gauss'];
const AMPS = [70, 100, 130] as const;

/** The 160 items: pairs of each style dealt in a seeded order, keys dealt so each half has all 24. */
export function library(seed = LIBRARY_SEED): LibraryItem[] {
  const rnd = mulberry32(seed);
  const pairStyles = shuffled(
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, () => s)),
    rnd,
  );
  // modes: a 'both' style alternates which item of its pairs is major
  const flip = new Map<string, number>();
  const modes: ('major' | 'minor')[] = [];
  for (const s of pairStyles) {
    if (s.modes !== 'both') {
      modes.push(s.modes, s.modes);
      continue;
    }
    const k = flip.get(s.name) ?? Math.floor(rnd() * 2);
    flip.set(s.name, k + 1);
    modes.push(...(k % 2 === 0 ? (['major', 'minor'] as const) : (['minor', 'major'] as const)));
  }
  // tonics: per half and mode, cycles of the 12 pitch classes in seeded orders
  const tonicDecks = new Map<string, number[]>();
  const nextTonic = (half: number, mode: string) => {
    const key = `${half} ${mode}`;
    let deck = tonicDecks.get(key);
    if (!deck || deck.length === 0) {
      deck = shuffled(
        Array.from({ length: 12 }, (_, i) => i),
        rnd,
      );
      tonicDecks.set(key, deck);
    }
    return deck.pop()!;
  };
  // minor colours: per half, each style cycles through its own
  const kindTurn = new Map<string, number>();
  const items: LibraryItem[] = [];
  for (const [p, s] of pairStyles.entries()) {
    const [lo, hi] = s.tempi[Math.floor(rnd() * s.tempi.length)]!;
    const reverb = rnd() < 0.5;
    const chorus = rnd() < 0.5;
    const r0 = Math.floor(rnd() * 3);
    const a0 = Math.floor(rnd() * 3);
    for (let h = 0; h < 2; h++) {
      const n = 2 * p + h;
      const mode = modes[n]!;
      const tonicPc = nextTonic(h, mode);
      let minorKind: LbMinorKind | null = null;
      if (mode === 'minor') {
        const key = `${h} ${s.name}`;
        const t = kindTurn.get(key) ?? Math.floor(rnd() * s.minorKinds.length);
        kindTurn.set(key, t + 1);
        minorKind = s.minorKinds[t % s.minorKinds.length]!;
      }
      const bpm = lo + Math.floor(rnd() * (hi - lo + 1));
      items.push({
        id: `${indexId('lb', n)}-${s.name}-${KEY_NAMES[tonicPc]}${mode === 'major' ? 'maj' : 'min'}`,
        set: h === 1 ? 'held-out' : 'tuning',
        style: s.name,
        metre: s.metre,
        feel: s.feel,
        drums: s.drums !== undefined,
        bpm,
        tonicPc,
        mode,
        minorKind,
        // a pair's two items take opposite reverb and chorus and different resamplers and gains
        reverb: h === 0 ? reverb : !reverb,
        chorus: h === 0 ? chorus : !chorus,
        resample: RESAMPLES[(r0 + h) % 3]!,
        amp: AMPS[(a0 + 2 * h) % 3]!,
        seed: Math.floor(rnd() * 2 ** 31),
      });
    }
  }
  return items;
}

/** The SMF's quarter notes per minute: the label, or 1.5 × the label in 6/8 and 12/8. */
export const libraryQpm = (item: LibraryItem) => labelledQpm(item);

// ---------------------------------------------------------------- the score

export interface LbNote extends ScoreNote {
  part: LbPart;
}

export interface LbSection {
  name: 'intro' | 'A' | 'B' | 'break' | 'B2';
  /** The section's first bar. */
  bar: number;
}

export interface LbScore {
  qpm: number;
  bars: number;
  barQ: number;
  beatQ: number;
  introEndQ: number;
  programs: SmfProgram[];
  notes: LbNote[];
  sections: LbSection[];
  /** Pitch classes (relative to the tonic) the item's scale allows. */
  allowedPcs: number[];
}

const BAR_Q: Record<LbMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };

/** The item's scale, relative to the tonic. */
export function libraryScale(item: Pick<LibraryItem, 'mode' | 'minorKind' | 'style'>): number[] {
  return keyScale(item.mode, item.minorKind, styleOf(item.style).mixo);
}

/** Chord progressions as scale degrees (0 = the tonic chord), four bars' worth. */
const PROGRESSIONS: Record<string, readonly (readonly number[])[]> = {
  major: [
    [0, 4, 5, 3],
    [0, 3, 5, 4],
    [0, 5, 3, 4],
    [0, 3, 0, 4],
    [0, 1, 3, 4],
  ],
  mixo: [
    [0, 6, 3, 0],
    [0, 3, 6, 0],
    [0, 6, 3, 4],
  ],
  natural: [
    [0, 5, 2, 6],
    [0, 6, 5, 6],
    [0, 3, 5, 4],
    [0, 5, 3, 6],
    [0, 0, 5, 6],
  ],
  harmonic: [
    [0, 5, 3, 4],
    [0, 3, 0, 4],
    [0, 4, 0, 4],
    [0, 3, 5, 4],
  ],
  dorian: [
    [0, 3, 0, 3],
    [0, 6, 3, 0],
    [0, 1, 3, 0],
    [0, 3, 6, 3],
  ],
};

interface Chord {
  /** Relative pitch classes: root, third, fifth (and the seventh). */
  tones: number[];
}

function chordOn(scale: readonly number[], degree: number, sevenths: boolean): Chord {
  const at = (k: number) => scale[(degree + k) % 7]!;
  return { tones: sevenths ? [at(0), at(2), at(4), at(6)] : [at(0), at(2), at(4)] };
}

/** A pattern string without spaces, repeated to `len` steps. */
function pat(s: string, len: number): string {
  const t = s.replace(/\s+/g, '');
  if (len % t.length !== 0) throw new Error(`pattern '${s}' does not divide a bar of ${len} steps`);
  return t.repeat(len / t.length);
}

/** Onsets of a rhythm string: step index and length in steps (held through '-'). */
function onsets(s: string, onChars: RegExp): { step: number; len: number; ch: string }[] {
  const out: { step: number; len: number; ch: string }[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (!onChars.test(ch)) continue;
    let j = i + 1;
    while (j < s.length && s[j] === '-') j++;
    out.push({ step: i, len: j - i, ch });
  }
  return out;
}

/** The pitch of relative pitch class `rel` nearest `centre`. */
function near(tonicPc: number, rel: number, centre: number): number {
  const pc = (tonicPc + rel) % 12;
  let p = centre - ((((centre - pc) % 12) + 12) % 12);
  if (centre - p > 6) p += 12;
  return p;
}

function voicing(tonicPc: number, chord: Chord, centre: number): number[] {
  return chord.tones.map((t) => near(tonicPc, t, centre)).sort((a, b) => a - b);
}

/** Where an item's swung eighths and sixteenths sit: a step of the style's grid → quarter notes. */
function stepQ(style: LbStyle, step: number): number {
  return step / style.g;
}

export function composeLibrary(item: LibraryItem): LbScore {
  const style = styleOf(item.style);
  const rnd = mulberry32(item.seed);
  const qpm = libraryQpm(item);
  const barQ = BAR_Q[item.metre];
  const beatQ = compound(item.metre) ? 1.5 : 1;
  const steps = barQ * style.g;
  const bars = Math.ceil((LIBRARY_CLIP_SEC * qpm) / 60 / barQ) + 1;
  const scale = libraryScale(item);
  const notes: LbNote[] = [];

  // sections: intro, A, B, a breakdown, B again (the last bar is cut by the clip)
  const introBars = Math.max(1, Math.min(4, Math.round(bars * 0.12)));
  const body = bars - introBars;
  const aBars = Math.max(2, Math.round(body * 0.3));
  const bBars = Math.max(2, Math.round(body * 0.28));
  const brkBars = Math.max(1, Math.round(body * 0.14));
  const sections: LbSection[] = [
    { name: 'intro', bar: 0 },
    { name: 'A', bar: introBars },
    { name: 'B', bar: introBars + aBars },
    { name: 'break', bar: introBars + aBars + bBars },
    { name: 'B2', bar: introBars + aBars + bBars + brkBars },
  ];
  const sectionAt = (bar: number) => [...sections].reverse().find((s) => s.bar <= bar)!;
  const introEndQ = introBars * barQ;

  // the chords: a progression family by mode, one or two bars a chord, the tonic chord at the end
  const family = item.mode === 'major' ? (style.mixo && rnd() < 0.6 ? 'mixo' : 'major') : item.minorKind!;
  const progs = PROGRESSIONS[family]!;
  const progA = progs[Math.floor(rnd() * progs.length)]!;
  const progB = rnd() < 0.5 ? progA : progs[Math.floor(rnd() * progs.length)]!;
  const chordDegree = (bar: number) => {
    if (bar >= bars - 1 || bar < introBars) return 0;
    const sec = sectionAt(bar);
    const prog = sec.name === 'B' || sec.name === 'B2' ? progB : progA;
    // a section's last bar turns around on the progression's last chord (harmonic minor's V)
    const next = sections.find((x) => x.bar > bar)?.bar ?? bars - 1;
    if (bar === next - 1 && next - sec.bar > 1) return prog[prog.length - 1]!;
    const k = Math.floor((bar - sec.bar) / style.barsPerChord);
    return prog[k % prog.length]!;
  };
  const chordOf = (bar: number) => chordOn(scale, chordDegree(bar), style.sevenths ?? false);

  const jit = (maxMs: number) => ((rnd() * 2 - 1) * maxMs) / 1000;
  const vel = (base: number, spread: number) =>
    Math.max(20, Math.min(127, Math.round(base + (rnd() * 2 - 1) * spread)));
  const add = (
    part: LbPart,
    channel: number,
    pitch: number,
    start: number,
    duration: number,
    velocity: number,
    maxMs: number,
  ) => {
    const j = jit(maxMs);
    notes.push({ part, channel, pitch, start, duration, velocity, jitterSec: start === 0 && j < 0 ? 0 : j });
  };

  // ------------------------------------------------------------ drums
  const fillBars = new Set(sections.slice(1).map((s) => s.bar - 1));
  if (style.drums) {
    const d = style.drums;
    for (let bar = 0; bar < bars; bar++) {
      const sec = sectionAt(bar);
      const kit =
        sec.name === 'intro' ? d.intro : sec.name === 'A' ? d.a : sec.name === 'break' ? d.brk : d.b;
      const fillFrom = fillBars.has(bar) ? barQ - beatQ : barQ;
      for (const [noteStr, line] of Object.entries(kit)) {
        const note = Number(noteStr);
        const s = pat(line, steps);
        for (let i = 0; i < steps; i++) {
          const ch = s[i]!;
          if (ch === '.' || ch === '-') continue;
          const q = stepQ(style, i);
          if (q >= fillFrom - 1e-9) continue;
          const base = ch === 'X' ? 118 : ch === 'x' ? 98 : ch === 'o' ? 72 : 48;
          add('drums', 9, note, bar * barQ + q, 0.25, vel(base, 8), 4);
        }
      }
      if (fillFrom < barQ) {
        // the fill: the beat before the next section on the style's subdivision
        // (swung sixteenths on their sextuplets)
        const n = d.fill.length;
        const at = style.swing16 ? [0, 1 / 3, 1 / 2, 5 / 6] : d.fill.map((_, k) => (k * beatQ) / n);
        for (let k = 0; k < n; k++)
          add('drums', 9, d.fill[k]!, bar * barQ + fillFrom + at[k]!, beatQ / n, vel(88 + k * 6, 6), 4);
      }
      if (sec.bar === bar && sec.name !== 'intro') {
        add('drums', 9, rnd() < 0.5 ? CR : 57, bar * barQ, 1, vel(108, 10), 3);
        if (!kit[K] || pat(kit[K]!, steps)[0] === '.') add('drums', 9, K, bar * barQ, 0.25, vel(100, 8), 3);
      }
    }
  }

  // ------------------------------------------------------------ bass
  const bassCentre = 40 + ((rnd() * 6) | 0);
  for (let bar = introBars > 1 ? 1 : 0; bar < bars; bar++) {
    const sec = sectionAt(bar);
    if (sec.name === 'intro' && style.drums) continue;
    const chord = chordOf(bar);
    const next = chordOf(bar + 1);
    const src = sec.name === 'B' || sec.name === 'B2' ? (style.bass.b ?? style.bass.a) : style.bass.a;
    const line = pat(bar === bars - 1 ? `R${'-'.repeat(steps - 1)}` : src, steps);
    const root = near(item.tonicPc, chord.tones[0]!, bassCentre);
    for (const o of onsets(line, /[R5837a]/)) {
      let p = root;
      if (o.ch === '5') p = near(item.tonicPc, chord.tones[2]!, root + 5);
      else if (o.ch === '8') p = root + 12;
      else if (o.ch === '3') p = near(item.tonicPc, chord.tones[1]!, root + 3);
      else if (o.ch === '7') p = near(item.tonicPc, chord.tones[3] ?? chord.tones[2]!, root + 8);
      else if (o.ch === 'a') {
        // the scale step above or below the next chord's root
        const nr = scale.indexOf(next.tones[0]!);
        const step = scale[(nr + (rnd() < 0.5 ? 1 : 6)) % 7]!;
        p = near(item.tonicPc, step, root);
      }
      const dur = stepQ(style, o.len) * 0.9;
      add('bass', 2, p, bar * barQ + stepQ(style, o.step), dur, vel(o.step === 0 ? 100 : 88, 8), 8);
    }
  }

  // ------------------------------------------------------------ comp, arpeggio and pad
  const compCentre = 60 + ((rnd() * 5) | 0);
  for (let bar = 0; bar < bars; bar++) {
    const sec = sectionAt(bar);
    const chord = chordOf(bar);
    const v = voicing(item.tonicPc, chord, compCentre);
    const tones = [...v, v[0]! + 12];
    const src =
      sec.name === 'intro'
        ? (style.comp.intro ?? style.comp.a)
        : sec.name === 'B' || sec.name === 'B2'
          ? (style.comp.b ?? style.comp.a)
          : style.comp.a;
    const line = pat(bar === bars - 1 ? `X${'-'.repeat(steps - 1)}` : src, steps);
    for (const o of onsets(line, /[Xx1-4]/)) {
      const start = bar * barQ + stepQ(style, o.step);
      const dur = stepQ(style, o.len) * 0.92;
      if (o.ch === 'X' || o.ch === 'x') {
        const base = o.ch === 'X' ? 84 : 70;
        for (const p of v) add('comp', 1, p, start, dur, vel(base, 9), 10);
      } else add('comp', 1, tones[Number(o.ch) - 1]!, start, dur, vel(72, 10), 10);
    }
    if (style.arp && (sec.name === 'B' || sec.name === 'B2') && bar < bars - 1) {
      const arpTones = [...v.map((p) => p + 12), v[0]! + 24];
      for (const o of onsets(pat(style.arp, steps), /[1-4]/))
        add(
          'arp',
          4,
          arpTones[Number(o.ch) - 1]!,
          bar * barQ + stepQ(style, o.step),
          stepQ(style, o.len) * 0.8,
          vel(66, 10),
          8,
        );
    }
    if (
      style.pad &&
      style.programs.pad !== undefined &&
      (sec.name === 'B' || sec.name === 'B2' || bar === bars - 1)
    ) {
      for (const p of voicing(item.tonicPc, chord, compCentre + 7))
        add('pad', 3, p, bar * barQ, barQ, vel(58, 8), 6);
    }
  }

  // ------------------------------------------------------------ the lead: two-bar phrases with rests
  const ladder: number[] = [];
  for (let p = style.lead.lo - 2; p <= style.lead.lo + 17; p++)
    if (scale.includes((((p - item.tonicPc) % 12) + 12) % 12)) ladder.push(p);
  const nearestIdx = (pitch: number) => {
    let best = 0;
    for (let i = 0; i < ladder.length; i++)
      if (Math.abs(ladder[i]! - pitch) < Math.abs(ladder[best]! - pitch)) best = i;
    return best;
  };
  let cur = nearestIdx(near(item.tonicPc, 0, style.lead.lo + 7));
  const hookSeed = Math.floor(rnd() * 2 ** 31);
  for (let bar = introBars; bar < bars - 1; bar++) {
    const sec = sectionAt(bar);
    if (sec.name === 'break') continue;
    const inPhrase = (bar - sec.bar) % 2;
    const isEnd = inPhrase === 1 || bar === bars - 2 || sectionAt(bar + 1) !== sec;
    // B sections repeat their hook: the same rhythm and contour for every phrase
    const r = sec.name === 'B' || sec.name === 'B2' ? mulberry32(hookSeed + inPhrase * 7919) : rnd;
    if (sec.name === 'B' || sec.name === 'B2') cur = nearestIdx(near(item.tonicPc, 0, style.lead.lo + 9));
    const cells = isEnd ? style.lead.ends : style.lead.cells;
    const line = pat(cells[Math.floor(r() * cells.length)]!, steps);
    const chord = chordOf(bar);
    const os = onsets(line, /x/);
    for (const [k, o] of os.entries()) {
      const q = stepQ(style, o.step);
      const strong = Math.abs(q / beatQ - Math.round(q / beatQ)) < 1e-9;
      const last = isEnd && k === os.length - 1;
      if (last || strong) {
        // a chord tone near the current note; the phrase's last note the tonic on the tonic chord
        const want = last && chordDegree(bar) === 0 ? [0] : chord.tones.slice(0, 3);
        const cands = ladder
          .map((p, i) => ({ p, i }))
          .filter(({ p }) => want.includes((((p - item.tonicPc) % 12) + 12) % 12))
          .sort((a, b) => Math.abs(a.i - cur) - Math.abs(b.i - cur));
        cur = cands[Math.min(cands.length - 1, Math.floor(r() * 2))]!.i;
      } else {
        const stepBy = [-2, -1, -1, 1, 1, 2][Math.floor(r() * 6)]!;
        cur = Math.max(0, Math.min(ladder.length - 1, cur + stepBy));
      }
      add('lead', 0, ladder[cur]!, bar * barQ + q, stepQ(style, o.len) * 0.9, vel(strong ? 96 : 84, 9), 10);
    }
  }

  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);

  const programs: SmfProgram[] = [];
  const ctl = (volume: number, pan: number): [number, number][] => [
    [7, volume],
    [10, pan],
    [91, item.reverb ? 64 : 0],
    [93, item.chorus ? 48 : 0],
  ];
  programs.push({ channel: 0, program: style.programs.lead, controllers: ctl(100, 70) });
  programs.push({ channel: 1, program: style.programs.comp, controllers: ctl(92, 50) });
  programs.push({ channel: 2, program: style.programs.bass, controllers: ctl(110, 64) });
  if (style.programs.pad !== undefined)
    programs.push({ channel: 3, program: style.programs.pad, controllers: ctl(70, 80) });
  if (style.arp)
    programs.push({
      channel: 4,
      program: style.programs.arp ?? style.programs.comp,
      controllers: ctl(80, 40),
    });
  if (style.drums) programs.push({ channel: 9, program: 0, controllers: ctl(110, 64) });

  return {
    qpm,
    bars,
    barQ,
    beatQ,
    introEndQ,
    programs,
    notes,
    sections,
    allowedPcs: scale,
  };
}

/** The item's SMF (format 0, PPQ 480): the label's tempo, the metre's time signature. */
export function libraryMidi(item: LibraryItem): Uint8Array {
  return scoreToSmf(composeLibrary(item), item.metre, { cutOverlaps: true });
}

/** The GM programs an item's SMF selects (drums aside). */
export function libraryItemPrograms(item: LibraryItem): number[] {
  return composeLibrary(item)
    .programs.filter((p) => p.channel !== 9)
    .map((p) => p.program);
}

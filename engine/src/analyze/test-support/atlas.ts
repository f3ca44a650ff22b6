// The world-music atlas (set M, the ninth composer, written blind of the analyser and of the other
// composers' styles): 160 seeded 30 s pieces of the regional dance and song forms a global user
// uploads — cumbia, bachata, merengue, salsa, bossa nova, samba, baião, reggae one-drop and steppers,
// soca, Afro-Cuban 12/8, highlife, soukous, gnawa, raï, dabke, klezmer freylekhs, polka, Viennese and
// musette waltzes, tarantella, flamenco rumba, fado, tango, Irish reels and jigs, bhangra, Bollywood
// filmi, K-pop, city pop, Chinese ballads, gamelan-ish pentatonic pieces, the country two-step,
// Western swing, zydeco, second-line brass, doo-wop, Motown, disco, new jack swing, grunge, metal,
// emo 6/8 and drumless folk — rendered by csound with an orchestra of our own (atlas-render.ts).
// Tests and benches only.
//
// THE LABEL CONVENTION. The label is the beat a listener taps:
// - 2/4, 3/4 and 4/4: the quarter note. Reels (cut time, tapped on the half note) are written in 2/4
//   at the tapped beat, their running eighths as sixteenths. Viennese and musette waltzes are labelled
//   at the quarter, not the bar.
// - Half-time feels are labelled at the tempo the style is counted in, the snare (and the one-drop's
//   kick) on beat 3 of 4: a one-drop at 74 is labelled 74, a K-pop half-time verse at 140 is 140.
// - 6/8 and 12/8: the dotted quarter (the score's quarter-note tempo is then 1.5 × the label).
// The key label is the tonic and mode the harmony and melody are built on: majors (some styles
// borrowing the mixolydian ♭7, the gamelan pieces keeping the melody to the major pentatonic) and
// minors natural, harmonic (the raised 7th on V) or dorian (the major 6th on IV or ii). The A loops
// open on the tonic chord; the B loops open elsewhere and come back to it; the piece ends on it.
//
// Items come in pairs: item 2k (tuning) and item 2k+1 (held-out) share style, metre, feel and tempo
// range; odd index → held-out. Each item's arrangement (intro, A, B, a breakdown, B again, with fills
// and crashes at the section changes where there are drums, a bass line, the style's chords, a melody
// in phrases with rests, timing humanised within 10 ms, velocities varied) and its render (a room or
// hall reverb or none, stereo width, a clean, tape or lo-fi master, one of three peak levels, dealt
// pair by pair so each half has each) come from ATLAS_SEED; a pair's two items never share a key.
import { mulberry32 } from './corpus.ts';
import { compound, indexId, keyScale, labelledQpm, near, onsets, pat, shuffled } from './score-patterns.ts';
import { type ScoreNote, type SmfProgram, scoreToSmf } from './smf.ts';

export const ATLAS_SEED = 4747;
export const ATLAS_CLIP_SEC = 30;

export type AtMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type AtMinorKind = 'natural' | 'harmonic' | 'dorian';
/** How the drums carry the beat; 'none' is drumless. */
export type AtFeel =
  | 'none'
  | 'four-on-the-floor'
  | 'backbeat'
  | 'half-time'
  | 'swing'
  | 'syncopated'
  | 'clave'
  | 'compound';
export type AtPart = 'drums' | 'bass' | 'comp' | 'pad' | 'lead';
/** The orchestra's voices (atlas-render.ts maps each to a csound instrument and its settings). */
export type AtVoice =
  | 'nylon'
  | 'steel'
  | 'tres'
  | 'tumbi'
  | 'piano'
  | 'epiano'
  | 'mallet'
  | 'bells'
  | 'organ'
  | 'accordion'
  | 'clarinet'
  | 'sax'
  | 'brass'
  | 'synth'
  | 'dist'
  | 'strings'
  | 'fiddle'
  | 'flute'
  | 'pad'
  | 'pluck-bass'
  | 'upright'
  | 'synth-bass'
  | 'tuba';
export type AtReverb = 'none' | 'room' | 'hall';
export type AtColour = 'clean' | 'tape' | 'lofi';

/** A drum pattern: drum note → one bar's hits ('X' accent, 'x' hit, 'o' soft, 'g' ghost, '.' none; spaces ignored; a shorter string repeats). */
type Kit = Readonly<Record<number, string>>;

export interface AtStyle {
  name: string;
  metre: AtMetre;
  feel: AtFeel;
  /** The label's tempo ranges (BPM of the tapped beat); a pair takes one. */
  tempi: readonly (readonly [number, number])[];
  pairs: 1 | 2;
  modes: 'major' | 'minor' | 'both';
  minorKinds: readonly AtMinorKind[];
  /** Majors borrow the mixolydian ♭7 (the ♭VII chord). */
  mixo?: boolean;
  /** The melody keeps to the major pentatonic and the chords are bare fifths (the gamelan pieces). */
  pentatonic?: boolean;
  /** Grid steps per quarter note of the pattern strings: 4 sixteenths, 3 swung (triplet) eighths, 2 eighths. */
  g: 2 | 3 | 4;
  /** The music divides the labelled beat into sixteenths. */
  sixteenths: boolean;
  sevenths?: boolean;
  barsPerChord: 1 | 2;
  voices: { lead: AtVoice; comp: AtVoice; bass: AtVoice; pad?: AtVoice };
  drums?: { intro: Kit; a: Kit; b: Kit; brk: Kit; fill: readonly number[] };
  /** Bass: 'R' root, '5' fifth, '8' octave, '3' third, 'a' a step to the next chord's root, '-' hold, '.' rest. */
  bass: { a: string; b?: string };
  /** Comp: 'X'/'x' the chord (accented or not), '1'-'4' one tone of the voicing (low to high), '-' hold, '.' rest. */
  comp: { a: string; b?: string; intro?: string };
  /** Melody rhythm cells, one bar each: 'x' onset, '-' hold, '.' rest; `ends` close a phrase with a rest. */
  lead: { cells: readonly string[]; ends: readonly string[]; lo: number };
}

// ---------------------------------------------------------------- drum notes (GM numbering)

const K = 36;
const RIM = 37;
const SN = 38;
const CLAP = 39;
const HH = 42;
const PH = 44;
const OH = 46;
const CR = 49;
const RIDE = 51;
const TAMB = 54;
const BELL = 56;
const BONGO_H = 60;
const BONGO_L = 61;
const CONGA_M = 62;
const CONGA_H = 63;
const CONGA_L = 64;
const TIMB = 65;
const CLAVES = 75;
const WOOD = 76;
const TRI = 81;
const SHK = 82;
const TOM_F = 41;
const TOM_L = 45;
const TOM_M = 47;
const TOM_H = 50;

/** Every drum note a style plays (atlas-render.ts gives each a csound instrument; atlas.test.ts checks). */
export const ATLAS_DRUM_NOTES = [
  K,
  RIM,
  SN,
  CLAP,
  HH,
  PH,
  OH,
  CR,
  RIDE,
  TAMB,
  BELL,
  BONGO_H,
  BONGO_L,
  CONGA_M,
  CONGA_H,
  CONGA_L,
  TIMB,
  CLAVES,
  WOOD,
  TRI,
  SHK,
  TOM_F,
  TOM_L,
  TOM_M,
  TOM_H,
] as const;

// ---------------------------------------------------------------- melody cells

// 4/4 in sixteenths (g = 4)
const M44 = [
  'x-x- x--- x-x- x---',
  '..x- x-x- x--- x-x-',
  'x--- x-x- ..x- x---',
  'x-.x --x- x--- ..x-',
  '..x- x--x --x- x---',
];
const M44_END = ['x-x- x--- .... ....', 'x--- x--- x--- ....', '..x- x-x- x--- ....'];
const M44_SLOW = ['x--- x-x- x--- x---', 'x-x- x--- ---- x-x-', '..x- x--- x-x- x---'];
const M44_SLOW_END = ['x--- ---- .... ....', 'x-x- x--- .... ....'];
// swung eighths (g = 3)
const S44 = ['x-x x-x x-- x-x', '..x x-- x-x x--', 'x-- x-x ..x x-x'];
const S44_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];
// 2/4 (g = 4)
const M24 = ['x-x- x-x-', 'x--- x-x-', '..x- x---', 'x-xx x---'];
const M24_END = ['x--- ....', 'x-x- ....'];
// reels: running sixteenths of 2/4
const REEL = ['xxxx xxxx', 'x-xx xxxx', 'xxxx x-xx'];
const REEL_END = ['xxxx x...', 'x-xx x...'];
// 3/4 and 6/8 in eighths (g = 2)
const M34 = ['x-x-x-', 'x---x-', 'x-xxx-', '..x-x-'];
const M34_END = ['x-x-..', 'x---..'];
const C68 = ['x-x x-x', 'x-- x-x', 'xxx x-x', '..x x--'];
const C68_END = ['x-x ...', 'x-- ...'];
const C128 = ['x-x x-x x-- x-x', 'x-- x-x x-x x--', '..x x-x x-x x--'];
const C128_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];

// ---------------------------------------------------------------- shared drum parts

const FILL16 = [SN, SN, TOM_M, TOM_L];
const FILL8 = [SN, TOM_M, TOM_L];
const HANDFILL = [CONGA_H, CONGA_M, CONGA_L];
const BACKBEAT = { [SN]: '.... x... .... x...' };
const HAT8 = { [HH]: 'x.o.' };
const HAT16 = { [HH]: 'xooo' };
const FLOOR = { [K]: 'x...' };

const s44 = { metre: '4/4', g: 4 } as const;

// ---------------------------------------------------------------- the styles

export const STYLES: readonly AtStyle[] = [
  {
    name: 'cumbia',
    metre: '2/4',
    g: 4,
    feel: 'syncopated',
    tempi: [
      [86, 98],
      [99, 110],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'accordion', comp: 'nylon', bass: 'pluck-bass' },
    drums: {
      intro: { [SHK]: 'x.xx' },
      a: { [SHK]: 'x.xx', [CONGA_H]: '..x. ..x.', [CONGA_L]: '.... ...x', [K]: 'x... x...' },
      b: { [SHK]: 'x.xx', [CONGA_H]: '..x. ..xx', [CONGA_L]: '...x ...x', [K]: 'x... x...', [BELL]: 'x.x.' },
      brk: { [SHK]: 'x.xx', [K]: 'x... ....' },
      fill: HANDFILL,
    },
    bass: { a: 'R-.. 5-..', b: 'R-.5 5-.a' },
    comp: { a: '..x. ..x.', b: '..x. .xx.', intro: 'x-.. ..x.' },
    lead: { cells: M24, ends: M24_END, lo: 67 },
  },
  {
    name: 'bachata',
    ...s44,
    feel: 'syncopated',
    tempi: [[124, 140]],
    pairs: 1,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'tres', comp: 'steel', bass: 'pluck-bass' },
    drums: {
      intro: { [SHK]: 'x.xx' },
      a: { [SHK]: 'x.xx', [BONGO_H]: 'x.o. x.o. x.o. x.o.', [BONGO_L]: '.... ..x. .... ..x.' },
      b: {
        [SHK]: 'xoxx',
        [BONGO_H]: 'x.o. x.o. x.o. x.o.',
        [BONGO_L]: '...x ..x. ...x ..x.',
        [K]: 'x... .... x... ....',
      },
      brk: { [BONGO_H]: 'x... x... x... x...' },
      fill: HANDFILL,
    },
    bass: { a: 'R... ..5. 8... ..5.', b: 'R..5 ..5. R..5 ..a.' },
    comp: { a: '1.2. 3.4. 1.2. 3.2.', b: '1234 3214 1234 3212', intro: '1.2. 3.4. 1.2. 3.4.' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'merengue',
    ...s44,
    feel: 'syncopated',
    tempi: [[132, 156]],
    pairs: 1,
    modes: 'major',
    minorKinds: [],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'accordion', comp: 'piano', bass: 'synth-bass' },
    drums: {
      intro: { [SHK]: 'x.x.' },
      a: { [SHK]: 'x.x.', [TOM_L]: 'x... .... x... x.x.', [CONGA_H]: '..x. ..x. ..x. ..x.' },
      b: { [SHK]: 'x.x.', [TOM_L]: 'x... ..x. x... x.x.', [CONGA_H]: '..x. ..x. ..x. ..x.', [K]: 'x...' },
      brk: { [SHK]: 'x.x.' },
      fill: FILL8,
    },
    bass: { a: 'R... ..5. R... ..5.', b: 'R.5. ..R. 5... ..a.' },
    comp: { a: '..x. ..x. ..x. ..x.', b: 'x.x. ..x. x.x. ..x.' },
    lead: { cells: M44, ends: M44_END, lo: 69 },
  },
  {
    name: 'salsa',
    ...s44,
    feel: 'clave',
    tempi: [[168, 188]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'brass', comp: 'piano', bass: 'upright' },
    drums: {
      intro: { [CLAVES]: 'x..x ..x. ..x. x...' },
      a: {
        [CLAVES]: 'x..x ..x. ..x. x...',
        [BELL]: 'x.x.',
        [CONGA_H]: '.... ..xx .... ..xx',
        [CONGA_M]: '..x. .... ..x. ....',
      },
      b: {
        [CLAVES]: 'x..x ..x. ..x. x...',
        [BELL]: 'X.x. x.x. X.x. x.x.',
        [CONGA_H]: '.... ..xx .... ..xx',
        [CONGA_M]: '..x. .... ..x. ....',
        [TIMB]: '.... .... ...x ....',
      },
      brk: { [CLAVES]: 'x..x ..x. ..x. x...', [CONGA_M]: '..x. .... ..x. ....' },
      fill: [TIMB, TIMB, CONGA_H],
    },
    bass: { a: '.... ..R- .... 5-..', b: '.... ..R- ..5- --8-' },
    comp: { a: 'x.x. .x.x .x.x x.x.', b: '1.2. 3.1. 2.3. 1.2.' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'bossa-nova',
    ...s44,
    feel: 'clave',
    tempi: [[124, 142]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    sixteenths: false,
    sevenths: true,
    barsPerChord: 2,
    voices: { lead: 'flute', comp: 'nylon', bass: 'upright', pad: 'strings' },
    drums: {
      intro: { [SHK]: 'x.o.' },
      a: { [SHK]: 'x.o.', [RIM]: 'x..x ..x. ..x. .x..', [K]: 'x..x x..x' },
      b: { [HH]: 'x.o.', [RIM]: 'x..x ..x. ..x. .x..', [K]: 'x..x x..x' },
      brk: { [RIM]: 'x..x ..x. ..x. .x..' },
      fill: [SN, RIM, SN],
    },
    bass: { a: 'R--- --5- R--- --5-' },
    comp: { a: 'x.-x --x- -x-- x---', intro: 'x--- x--- x--- x---' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 69 },
  },
  {
    name: 'bossa-violao',
    ...s44,
    feel: 'none',
    tempi: [[112, 132]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    sixteenths: false,
    sevenths: true,
    barsPerChord: 2,
    voices: { lead: 'flute', comp: 'nylon', bass: 'nylon' },
    bass: { a: 'R--- 5--- R--- 5---', b: 'R--- 5--- 8--- 5-a-' },
    comp: { a: 'x.-x --x- x-.x --x-', intro: 'x--- x--- x--- x---' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 67 },
  },
  {
    name: 'samba',
    metre: '2/4',
    g: 4,
    feel: 'syncopated',
    tempi: [[92, 106]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'sax', comp: 'nylon', bass: 'pluck-bass' },
    drums: {
      intro: { [SHK]: 'xoox' },
      a: { [SHK]: 'xoox', [TOM_F]: 'o... X...', [WOOD]: 'x.xx .x.x' },
      b: { [SHK]: 'XooX', [TOM_F]: 'o... X...', [WOOD]: 'x.xx .x.x', [SN]: '.x.x x.xx', [K]: 'x... x...' },
      brk: { [TOM_F]: 'o... X...', [SHK]: 'xoox' },
      fill: [SN, SN, TOM_M, TOM_F],
    },
    bass: { a: 'R..5 5...', b: 'R..5 5.a.' },
    comp: { a: 'x.xx .x.x', b: 'x.x. .xx.' },
    lead: { cells: M24, ends: M24_END, lo: 69 },
  },
  {
    name: 'baiao',
    metre: '2/4',
    g: 4,
    feel: 'syncopated',
    tempi: [[96, 116]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'accordion', comp: 'steel', bass: 'upright' },
    drums: {
      intro: { [TRI]: 'xoXo' },
      a: { [TRI]: 'xoXo', [TOM_F]: 'x..x ..x.', [SN]: '.... x...' },
      b: { [TRI]: 'xoXo', [TOM_F]: 'x..x ..x.', [SN]: '..o. x..o', [K]: 'x..x ....' },
      brk: { [TRI]: 'xoXo' },
      fill: [TOM_F, SN, TOM_F],
    },
    bass: { a: 'R..5 ..R.', b: 'R..5 ..a.' },
    comp: { a: 'x..x ..x.', b: 'x.xx ..x.' },
    lead: { cells: M24, ends: M24_END, lo: 67 },
  },
  {
    name: 'one-drop',
    ...s44,
    feel: 'half-time',
    tempi: [[66, 80]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'organ', comp: 'steel', bass: 'synth-bass' },
    drums: {
      intro: { [HH]: 'x.o.' },
      a: { [HH]: 'x.o.', [RIM]: '.... .... x... ....', [K]: '.... .... x... ....' },
      b: {
        [HH]: 'x.ox',
        [SN]: '.... .... x... ....',
        [K]: '.... .... x... ....',
        [OH]: '.... ..x. .... ....',
      },
      brk: { [RIM]: '.... .... x... ....', [K]: '.... .... x... ....' },
      fill: [SN, TOM_H, TOM_M, TOM_L],
    },
    bass: { a: 'R--. ..5. 8-.. 5-a.', b: 'R-.R ..5. 3--. 5-a.' },
    comp: { a: '.... x... .... x...', b: '.... x.x. .... x.x.' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 67 },
  },
  {
    name: 'steppers',
    ...s44,
    feel: 'four-on-the-floor',
    tempi: [[70, 84]],
    pairs: 1,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'mallet', comp: 'organ', bass: 'synth-bass' },
    drums: {
      intro: { [K]: 'x...' },
      a: { ...FLOOR, [HH]: 'x.ox', [RIM]: '.... .... x... ....' },
      b: { ...FLOOR, [HH]: 'xoxo', [SN]: '.... .... x... ....', [OH]: '..x.' },
      brk: { ...FLOOR },
      fill: FILL16,
    },
    bass: { a: 'R-.. R-.5 8-.. 5-..', b: 'R-.R ..5. R-.. a-..' },
    comp: { a: '.... x... .... x...', b: '..x. x... ..x. x...' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 67 },
  },
  {
    name: 'soca',
    ...s44,
    feel: 'four-on-the-floor',
    tempi: [[150, 166]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'synth', comp: 'brass', bass: 'synth-bass', pad: 'pad' },
    drums: {
      intro: { [K]: 'x...', [SHK]: 'xooo' },
      a: { ...FLOOR, [SHK]: 'xooo', [SN]: '.... x..x .... x...', [OH]: '..x.' },
      b: { ...FLOOR, [SHK]: 'xoxo', [SN]: '.... x..x .... x..x', [OH]: '..x.', [BELL]: 'x.xx' },
      brk: { [SHK]: 'xooo', [CLAP]: '.... x... .... x...' },
      fill: FILL16,
    },
    bass: { a: 'R..R ..R. R..R ..5.', b: 'R.8. R..8 ..R. 5.a.' },
    comp: { a: '..x. ..x. ..x. ..x.', b: 'x..x ..x. ..x. x...' },
    lead: { cells: M44, ends: M44_END, lo: 69 },
  },
  {
    name: 'bembe',
    metre: '12/8',
    g: 2,
    feel: 'compound',
    tempi: [[84, 108]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['dorian', 'natural'],
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'sax', comp: 'piano', bass: 'upright' },
    drums: {
      intro: { [BELL]: 'x.x xx. x.x .x.' },
      a: {
        [BELL]: 'x.x xx. x.x .x.',
        [CONGA_H]: '..x ..x ..x ..x',
        [CONGA_L]: 'x.. ... x.. ...',
        [SHK]: 'xoo',
      },
      b: {
        [BELL]: 'X.x xX. x.x .x.',
        [CONGA_H]: '..x ..x ..x .xx',
        [CONGA_L]: 'x.. x.. x.. x..',
        [SHK]: 'xoo',
        [K]: 'x.. ... x.. ...',
      },
      brk: { [BELL]: 'x.x xx. x.x .x.', [SHK]: 'xoo' },
      fill: HANDFILL,
    },
    bass: { a: 'R-. .5. R-. 5..', b: 'R-. 5.. 8-. a..' },
    comp: { a: 'x.. x.x .x. x..', b: 'x.x .x. x.x .x.' },
    lead: { cells: C128, ends: C128_END, lo: 67 },
  },
  {
    name: 'highlife',
    ...s44,
    feel: 'syncopated',
    tempi: [[110, 128]],
    pairs: 1,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'brass', comp: 'tres', bass: 'pluck-bass' },
    drums: {
      intro: { [BELL]: 'x.x. x.x. .x.x .x.x' },
      a: {
        [BELL]: 'x.x. x.x. .x.x .x.x',
        [SHK]: 'xooo',
        [K]: 'x... .... x... ....',
        [CONGA_H]: '.... ..x. .... ..x.',
      },
      b: { [BELL]: 'x.x. x.x. .x.x .x.x', [SHK]: 'xoxo', [K]: 'x... ..x. x... ....', ...BACKBEAT },
      brk: { [BELL]: 'x.x. x.x. .x.x .x.x' },
      fill: FILL16,
    },
    bass: { a: 'R..5 ..8. R... 5.a.', b: 'R.5. 8.5. R..5 ..a.' },
    comp: { a: '1.23 .1.2 3.12 .3.1', b: '.x.x .x.x .x.x .x.x' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'soukous',
    ...s44,
    feel: 'backbeat',
    tempi: [[132, 150]],
    pairs: 1,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'tumbi', comp: 'steel', bass: 'pluck-bass' },
    drums: {
      intro: { [HH]: 'xoxo' },
      a: { [HH]: 'xoxo', [SN]: '.... x... .... x..x', [K]: 'x... ..x. x... ....' },
      b: { [HH]: 'xoxo', [SN]: '..x. x... ..x. x..x', [K]: 'x... ..x. x... ..x.', [CONGA_H]: '..xx' },
      brk: { [HH]: 'xoxo', [K]: 'x... ....' },
      fill: FILL16,
    },
    bass: { a: 'R..R ..5. R..R ..5.', b: 'R.5. 8..5 R..R ..a.' },
    comp: { a: '1213 1213 1213 1213', b: '1234 3212 1234 3212' },
    lead: { cells: M44, ends: M44_END, lo: 72 },
  },
  {
    name: 'gnawa',
    metre: '6/8',
    g: 2,
    feel: 'compound',
    tempi: [[88, 108]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['dorian', 'natural'],
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'flute', comp: 'tres', bass: 'pluck-bass' },
    drums: {
      intro: { [WOOD]: 'xx. xx.' },
      a: { [WOOD]: 'xx. xx.', [CLAP]: 'x.. x..', [TOM_L]: 'x.. ...' },
      b: { [WOOD]: 'Xx. Xx.', [CLAP]: 'x.. x..', [TOM_L]: 'x.. x..', [CONGA_H]: '..x ..x' },
      brk: { [WOOD]: 'xx. xx.' },
      fill: [CONGA_H, CONGA_M, CONGA_L],
    },
    bass: { a: 'R.R .5.', b: 'R.8 5.a' },
    comp: { a: 'x.. x.x', b: 'x.x x.x' },
    lead: { cells: C68, ends: C68_END, lo: 67 },
  },
  {
    name: 'rai',
    ...s44,
    feel: 'syncopated',
    tempi: [[96, 116]],
    pairs: 1,
    modes: 'minor',
    minorKinds: ['harmonic'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'synth', comp: 'epiano', bass: 'synth-bass', pad: 'pad' },
    drums: {
      intro: { [CONGA_L]: 'x... .... x... ....' },
      a: { [CONGA_L]: 'x... ..x. x... ....', [CONGA_H]: '.... x... ..x. x.x.', [SHK]: 'xoxo' },
      b: {
        [K]: 'x... ..x. x... ....',
        [CLAP]: '.... x... .... x...',
        [CONGA_H]: '..x. x..x ..x. x.x.',
        [SHK]: 'xoxo',
      },
      brk: { [CONGA_L]: 'x... .... x... ....', [SHK]: 'xoxo' },
      fill: HANDFILL,
    },
    bass: { a: 'R... ..R. 5... ..a.', b: 'R..R ..R. 5..5 ..a.' },
    comp: { a: '.x.x .x.x .x.x .x.x', b: 'x.x. ..x. x.x. ..x.' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'dabke',
    ...s44,
    feel: 'syncopated',
    tempi: [[120, 140]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'clarinet', comp: 'tres', bass: 'synth-bass' },
    drums: {
      intro: { [TOM_L]: 'x... ..x. ..x. ....' },
      a: { [TOM_L]: 'x... ..x. ..x. ....', [RIM]: '..x. x... .... x.x.', [SHK]: 'x.x.' },
      b: {
        [TOM_L]: 'X... ..x. ..x. ....',
        [RIM]: '..x. x... .... x.x.',
        [SHK]: 'x.x.',
        [CLAP]: '.... x... .... x...',
      },
      brk: { [TOM_L]: 'x... ..x. ..x. ....' },
      fill: [RIM, TOM_L, TOM_F],
    },
    bass: { a: 'R... ..R. ..5. ....', b: 'R... ..R. ..5. a...' },
    comp: { a: '..x. x... ..x. x...', b: 'x.x. x... x.x. x...' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'freylekhs',
    metre: '2/4',
    g: 4,
    feel: 'backbeat',
    tempi: [[124, 148]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'clarinet', comp: 'accordion', bass: 'tuba' },
    drums: {
      intro: { [SN]: '.... x...' },
      a: { [K]: 'x... ....', [SN]: '.... x...', [HH]: 'x.xx' },
      b: { [K]: 'x... ....', [SN]: '..o. x.oo', [HH]: 'x.xx' },
      brk: { [SN]: '.... x...' },
      fill: FILL16,
    },
    bass: { a: 'R... 5...', b: 'R... a...' },
    comp: { a: '.... x...', b: '..x. x...' },
    lead: { cells: M24, ends: M24_END, lo: 69 },
  },
  {
    name: 'polka',
    metre: '2/4',
    g: 4,
    feel: 'backbeat',
    tempi: [[108, 128]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'accordion', comp: 'accordion', bass: 'tuba' },
    drums: {
      intro: { [SN]: '.... x...' },
      a: { [K]: 'x... ....', [SN]: '.... x...' },
      b: { [K]: 'x... ....', [SN]: '..o. x...', [HH]: 'x.x.' },
      brk: { [K]: 'x... ....' },
      fill: FILL8,
    },
    bass: { a: 'R... 5...', b: 'R... 5.a.' },
    comp: { a: '.... x...', b: '..x. x.x.' },
    lead: { cells: M24, ends: M24_END, lo: 69 },
  },
  {
    name: 'viennese-waltz',
    metre: '3/4',
    g: 2,
    feel: 'none',
    tempi: [[150, 180]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic'],
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'fiddle', comp: 'strings', bass: 'upright' },
    bass: { a: 'R-....', b: 'R---5-' },
    comp: { a: '..x-x-', intro: '..x-x-' },
    lead: { cells: M34, ends: M34_END, lo: 69 },
  },
  {
    name: 'musette',
    metre: '3/4',
    g: 2,
    feel: 'none',
    tempi: [[126, 150]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'accordion', comp: 'nylon', bass: 'upright' },
    bass: { a: 'R-....', b: '5-....' },
    comp: { a: '..x.x.', b: '..xxx.', intro: '..x.x.' },
    lead: { cells: M34, ends: M34_END, lo: 67 },
  },
  {
    name: 'tarantella',
    metre: '6/8',
    g: 2,
    feel: 'compound',
    tempi: [[120, 150]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'accordion', comp: 'steel', bass: 'upright' },
    drums: {
      intro: { [TAMB]: 'x.x x.x' },
      a: { [TAMB]: 'xox xox', [TOM_L]: 'x.. x..' },
      b: { [TAMB]: 'XxX Xxx', [TOM_L]: 'x.. x..', [CONGA_H]: '..x ..x' },
      brk: { [TAMB]: 'x.x x.x' },
      fill: [TAMB, TOM_M, TOM_L],
    },
    bass: { a: 'R.. 5..', b: 'R.. a..' },
    comp: { a: '.xx .xx', b: 'x.x .xx' },
    lead: { cells: C68, ends: C68_END, lo: 69 },
  },
  {
    name: 'rumba-flamenca',
    ...s44,
    feel: 'syncopated',
    tempi: [[100, 124]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic'],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'nylon', comp: 'nylon', bass: 'pluck-bass' },
    drums: {
      intro: { [CLAP]: '..x. x... ..x. x...' },
      a: {
        [CLAP]: '..x. x... ..x. x...',
        [CONGA_L]: 'x... ..x. x... ..x.',
        [CONGA_H]: '.... x... .... x...',
      },
      b: {
        [CLAP]: '..x. x.x. ..x. x.x.',
        [CONGA_L]: 'x... ..x. x... ..x.',
        [CONGA_H]: '.... x..x .... x..x',
        [SHK]: 'xoxo',
      },
      brk: { [CLAP]: '..x. x... ..x. x...' },
      fill: HANDFILL,
    },
    bass: { a: 'R... ..5. R... ..5.', b: 'R..R ..5. 8... a...' },
    comp: { a: 'x.xx .xx. x.xx .xx.', b: 'X.xx .xx. X.xx .xxx' },
    lead: { cells: M44, ends: M44_END, lo: 64 },
  },
  {
    name: 'fado',
    ...s44,
    feel: 'none',
    tempi: [[62, 78]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic', 'natural'],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'tres', comp: 'nylon', bass: 'nylon' },
    bass: { a: 'R--- 5--- R--- 5---' },
    comp: { a: '..12 ..32 ..12 ..32', b: '.x12 .x32 .x12 .x32', intro: 'x--- x--- x--- x---' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 67 },
  },
  {
    name: 'tango',
    metre: '2/4',
    g: 4,
    feel: 'none',
    tempi: [[110, 126]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'accordion', comp: 'piano', bass: 'upright' },
    bass: { a: 'R--. R---', b: 'R..5 R.a.' },
    comp: { a: 'X... x...', b: 'X..x ..x.', intro: 'X... x...' },
    lead: { cells: M24, ends: M24_END, lo: 67 },
  },
  {
    name: 'irish-reel',
    metre: '2/4',
    g: 4,
    feel: 'none',
    tempi: [[100, 116]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    mixo: true,
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'fiddle', comp: 'steel', bass: 'steel' },
    bass: { a: 'R... 5...', b: 'R.5. 8.5.' },
    comp: { a: '..x. ..x.', b: 'x.x. x.xx', intro: 'x.x. x.x.' },
    lead: { cells: REEL, ends: REEL_END, lo: 67 },
  },
  {
    name: 'irish-jig',
    metre: '6/8',
    g: 2,
    feel: 'compound',
    tempi: [[104, 124]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'flute', comp: 'steel', bass: 'pluck-bass' },
    drums: {
      intro: { [TOM_L]: 'x.. x..' },
      a: { [TOM_L]: 'X.o x.o', [RIM]: '..x ..x' },
      b: { [TOM_L]: 'X.o X.o', [RIM]: '.xx ..x', [TAMB]: 'x.. x..' },
      brk: { [TOM_L]: 'x.. x..' },
      fill: [TOM_L, TOM_M, TOM_L],
    },
    bass: { a: 'R.. 5..', b: 'R.. a..' },
    comp: { a: 'x.x x.x', intro: 'x.. x..' },
    lead: { cells: ['xxx xxx', 'x-x xxx', 'xxx x-x'], ends: ['xxx x..', 'x-x x..'], lo: 67 },
  },
  {
    name: 'bhangra',
    metre: '4/4',
    g: 3,
    feel: 'swing',
    tempi: [[92, 108]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'tumbi', comp: 'organ', bass: 'synth-bass' },
    drums: {
      intro: { [TOM_F]: 'x.. ..x x.. ..x' },
      a: { [TOM_F]: 'X.. ..x X.. ..x', [RIM]: '..x x.. ..x x..', [SHK]: 'x.x' },
      b: {
        [TOM_F]: 'X.. ..x X.. ..x',
        [RIM]: '..x x.x ..x x.x',
        [SHK]: 'x.x',
        [CLAP]: '... x.. ... x..',
        [K]: 'x.. ... x.. ...',
      },
      brk: { [TOM_F]: 'x.. ..x x.. ..x' },
      fill: [RIM, TOM_F, TOM_F],
    },
    bass: { a: 'R.. ..R 5.. ..R', b: 'R.. ..8 5.. ..a' },
    comp: { a: '..x ..x ..x ..x', b: 'x.x ..x x.x ..x' },
    lead: { cells: S44, ends: S44_END, lo: 72 },
  },
  {
    name: 'filmi',
    ...s44,
    feel: 'backbeat',
    tempi: [[88, 108]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'flute', comp: 'mallet', bass: 'pluck-bass', pad: 'strings' },
    drums: {
      intro: { [CONGA_L]: 'x..x ..x. x... ....' },
      a: { [CONGA_L]: 'x..x ..x. x... ....', [CONGA_H]: '..x. x..x ..x. x.xx', ...BACKBEAT },
      b: {
        [CONGA_L]: 'x..x ..x. x... ....',
        [CONGA_H]: '..x. x..x ..x. x.xx',
        ...BACKBEAT,
        [K]: 'x... ..x. x... ....',
        ...HAT8,
      },
      brk: { [CONGA_L]: 'x..x ..x. x... ....' },
      fill: HANDFILL,
    },
    bass: { a: 'R..R ..5. R... 5.a.', b: 'R.5. 8..5 R..5 ..a.' },
    comp: { a: 'x... ..x. ..x. ....', b: '1.2. 3.2. 1.2. 3.4.' },
    lead: { cells: M44, ends: M44_END, lo: 69 },
  },
  {
    name: 'k-pop',
    ...s44,
    feel: 'half-time',
    tempi: [[130, 150]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    sixteenths: true,
    barsPerChord: 1,
    voices: { lead: 'synth', comp: 'epiano', bass: 'synth-bass', pad: 'pad' },
    drums: {
      intro: { [HH]: 'x.x.' },
      a: { [HH]: 'x.x.', [SN]: '.... .... x... ....', [K]: 'x... .... ...x ..x.' },
      b: {
        [HH]: 'x.xx',
        [SN]: '.... .... x... ....',
        [CLAP]: '.... .... x... ....',
        [K]: 'x..x .... ...x ..x.',
      },
      brk: { [HH]: 'x.x.' },
      fill: FILL16,
    },
    bass: { a: 'R--- ---. ..R. 5-..', b: 'R--. ..R. ..8. 5-a.' },
    comp: { a: 'x--- .... x--- ....', b: 'x..x ..x. x..x ..x.' },
    lead: { cells: M44, ends: M44_END, lo: 69 },
  },
  {
    name: 'city-pop',
    ...s44,
    feel: 'backbeat',
    tempi: [[100, 118]],
    pairs: 1,
    modes: 'both',
    minorKinds: ['dorian'],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    voices: { lead: 'synth', comp: 'epiano', bass: 'synth-bass', pad: 'strings' },
    drums: {
      intro: { ...HAT16 },
      a: { ...HAT16, ...BACKBEAT, [K]: 'x... ..x. x... ....' },
      b: { ...HAT16, ...BACKBEAT, [K]: 'x... ..x. x.x. ....', [OH]: '.... .... .... ..x.' },
      brk: { ...HAT16 },
      fill: FILL16,
    },
    bass: { a: 'R.8. .R.8 R.8. 5.a.', b: 'R..8 .R.5 R..8 5.a.' },
    comp: { a: '..x. .x.. ..x. .x..', b: 'x.x. .x.x ..x. .x..' },
    lead: { cells: M44, ends: M44_END, lo: 69 },
  },
  {
    name: 'c-ballad',
    ...s44,
    feel: 'none',
    tempi: [[60, 76]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'epiano', comp: 'piano', bass: 'piano', pad: 'strings' },
    bass: { a: 'R--- 5--- 8--- 5---' },
    comp: { a: '1.2. 3.2. 1.2. 3.2.', b: '1.2. 3.4. 1.2. 3.4.', intro: 'x--- x--- x--- x---' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 67 },
  },
  {
    name: 'gamelan',
    ...s44,
    feel: 'none',
    tempi: [[70, 96]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    pentatonic: true,
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'bells', comp: 'mallet', bass: 'mallet' },
    bass: { a: 'R--- ---- 5--- ----', b: 'R--- 5--- R--- 5---' },
    comp: { a: '1.2. 1.2. 2.1. 2.1.', b: '1212 2121 1212 2121', intro: '1.2. 1.2. 2.1. 2.1.' },
    lead: { cells: M44, ends: M44_END, lo: 72 },
  },
  {
    name: 'two-step',
    ...s44,
    feel: 'backbeat',
    tempi: [[160, 186]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    sixteenths: false,
    barsPerChord: 2,
    voices: { lead: 'fiddle', comp: 'steel', bass: 'upright' },
    drums: {
      intro: { [HH]: 'x.x.' },
      a: { [K]: 'x... .... x... ....', ...BACKBEAT, [HH]: 'x.x.' },
      b: { [K]: 'x... .... x... ....', ...BACKBEAT, [RIDE]: 'x.x.' },
      brk: { [HH]: 'x.x.' },
      fill: FILL8,
    },
    bass: { a: 'R... .... 5... ....', b: 'R... 3... 5... a...' },
    comp: { a: '.... x... .... x...', b: '..x. x... ..x. x...' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'western-swing',
    metre: '4/4',
    g: 3,
    feel: 'swing',
    tempi: [[140, 176]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: false,
    sevenths: true,
    barsPerChord: 1,
    voices: { lead: 'fiddle', comp: 'steel', bass: 'upright' },
    drums: {
      intro: { [RIDE]: 'x.. x.x x.. x.x' },
      a: { [RIDE]: 'x.. x.x x.. x.x', [SN]: '... x.. ... x..', [K]: 'x.. ... x.. ...' },
      b: {
        [RIDE]: 'x.. x.x x.. x.x',
        [SN]: '... x.. ... x.o',
        [K]: 'x.. ... x.. ...',
        [PH]: '... x.. ... x..',
      },
      brk: { [RIDE]: 'x.. x.x x.. x.x' },
      fill: FILL8,
    },
    bass: { a: 'R.. 3.. 5.. a..', b: 'R.. 5.. 8.. a..' },
    comp: { a: '... x.. ... x..', b: 'x.. x.. x.. x..' },
    lead: { cells: S44, ends: S44_END, lo: 67 },
  },
  {
    name: 'zydeco',
    ...s44,
    feel: 'backbeat',
    tempi: [[112, 132]],
    pairs: 1,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'accordion', comp: 'steel', bass: 'pluck-bass' },
    drums: {
      intro: { [SHK]: 'xoxo' },
      a: { [SHK]: 'xoxo', ...BACKBEAT, [K]: 'x... ..x. x... ....' },
      b: { [SHK]: 'XoXo', ...BACKBEAT, [K]: 'x... ..x. x.x. ....', [HH]: 'x.x.' },
      brk: { [SHK]: 'xoxo' },
      fill: FILL16,
    },
    bass: { a: 'R..R ..5. R... 5.a.', b: 'R... 3... 5... a...' },
    comp: { a: '.... x..x .... x...', b: '..x. x..x ..x. x...' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'second-line',
    ...s44,
    feel: 'syncopated',
    tempi: [[92, 112]],
    pairs: 1,
    modes: 'major',
    minorKinds: [],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    voices: { lead: 'brass', comp: 'brass', bass: 'tuba' },
    drums: {
      intro: { [SN]: 'x..x ..x. x.xx .x..' },
      a: { [SN]: 'x..x ..x. x.xx .x..', [K]: 'x... ..x. x... ....', [TAMB]: '..x.' },
      b: { [SN]: 'x.gx g.x. x.xx gx.g', [K]: 'x... ..x. x..x ....', [TAMB]: '..x.' },
      brk: { [SN]: 'x..x ..x. x.xx .x..' },
      fill: FILL16,
    },
    bass: { a: 'R... 5..8 .... 5.a.', b: 'R..3 5..8 R..5 ..a.' },
    comp: { a: '..x. ..x. ..x. x...', b: '..x. .x.. ..x. x...' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'doo-wop',
    metre: '12/8',
    g: 2,
    feel: 'compound',
    tempi: [[60, 76]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'sax', comp: 'piano', bass: 'upright', pad: 'organ' },
    drums: {
      intro: { [HH]: 'xoo' },
      a: { [HH]: 'xoo', [SN]: '... x.. ... x..', [K]: 'x.. ... x.. ...' },
      b: { [RIDE]: 'xoo', [SN]: '... x.. ... x..', [K]: 'x.. ..x x.. ...' },
      brk: { [HH]: 'xoo' },
      fill: FILL8,
    },
    bass: { a: 'R.. 3.. 5.. 8..', b: 'R.. 5.. 8.. a..' },
    comp: { a: 'xxx xxx xxx xxx' },
    lead: { cells: C128, ends: C128_END, lo: 67 },
  },
  {
    name: 'motown',
    ...s44,
    feel: 'backbeat',
    tempi: [[116, 132]],
    pairs: 1,
    modes: 'major',
    minorKinds: [],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'sax', comp: 'piano', bass: 'pluck-bass', pad: 'strings' },
    drums: {
      intro: { [TAMB]: '.... x... .... x...' },
      a: { [TAMB]: '.... x... .... x...', [SN]: 'x... x... x... x...', [K]: 'x... ..x. x... ....', ...HAT8 },
      b: { [TAMB]: 'x.x.', [SN]: 'x... x... x... x...', [K]: 'x... ..x. x.x. ....', ...HAT8 },
      brk: { [TAMB]: '.... x... .... x...' },
      fill: FILL8,
    },
    bass: { a: 'R.R. 5.8. R... 5.a.', b: 'R.5. 8.5. R.3. 5.a.' },
    comp: { a: 'x... x... x... x...' },
    lead: { cells: M44, ends: M44_END, lo: 67 },
  },
  {
    name: 'disco',
    ...s44,
    feel: 'four-on-the-floor',
    tempi: [
      [112, 122],
      [123, 132],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    sixteenths: true,
    sevenths: true,
    barsPerChord: 1,
    voices: { lead: 'strings', comp: 'epiano', bass: 'synth-bass', pad: 'pad' },
    drums: {
      intro: { ...FLOOR, ...HAT16 },
      a: { ...FLOOR, ...HAT16, [OH]: '..x.', ...BACKBEAT },
      b: { ...FLOOR, ...HAT16, [OH]: '..x.', ...BACKBEAT, [CLAP]: '.... x... .... x...', [TAMB]: 'xoxo' },
      brk: { ...FLOOR, [OH]: '..x.' },
      fill: FILL16,
    },
    bass: { a: 'R.8. R.8. R.8. 5.8.', b: 'R.8. R.8. 5.8. a.8.' },
    comp: { a: '..x. ..x. ..x. ..x.', b: '.x.x .x.x .x.x .x.x' },
    lead: { cells: M44, ends: M44_END, lo: 69 },
  },
  {
    name: 'new-jack',
    metre: '4/4',
    g: 3,
    feel: 'swing',
    tempi: [[96, 110]],
    pairs: 1,
    modes: 'minor',
    minorKinds: ['dorian'],
    sixteenths: false,
    sevenths: true,
    barsPerChord: 1,
    voices: { lead: 'synth', comp: 'brass', bass: 'synth-bass' },
    drums: {
      intro: { [HH]: 'x.x' },
      a: { [HH]: 'x.x', [SN]: '... x.. ... x..', [K]: 'x.. ..x x.x ...' },
      b: { [HH]: 'x.x', [SN]: '... x.. ... x..', [CLAP]: '... x.. ... x..', [K]: 'x.. ..x x.x ..x' },
      brk: { [HH]: 'x.x' },
      fill: FILL8,
    },
    bass: { a: 'R.. ..R ..5 ...', b: 'R.. ..8 ..5 ..a' },
    comp: { a: '..x ... ..x x..', b: 'x.x ... ..x x..' },
    lead: { cells: S44, ends: S44_END, lo: 67 },
  },
  {
    name: 'grunge',
    ...s44,
    feel: 'backbeat',
    tempi: [[92, 120]],
    pairs: 1,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'dist', comp: 'dist', bass: 'synth-bass' },
    drums: {
      intro: { ...HAT8 },
      a: { ...HAT8, ...BACKBEAT, [K]: 'x... ..x. x... ....' },
      b: { [CR]: 'x.x.', ...BACKBEAT, [K]: 'x... ..x. x.x. ....' },
      brk: { [K]: 'x... .... x... ....' },
      fill: FILL8,
    },
    bass: { a: 'R.R. R.R. R.R. 5.5.', b: 'R.R. R.R. 8.8. a.a.' },
    comp: { a: 'x-x- x-x- x--- x-x-', b: 'x-x- x-x- x-x- x-x-', intro: 'x--- ---- x--- ----' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 64 },
  },
  {
    name: 'metal',
    ...s44,
    feel: 'backbeat',
    tempi: [[170, 190]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: true,
    barsPerChord: 2,
    voices: { lead: 'dist', comp: 'dist', bass: 'synth-bass' },
    drums: {
      intro: { [RIDE]: 'x.x.', [K]: 'x... x...' },
      a: { [K]: 'xxxx', ...BACKBEAT, [RIDE]: 'x.x.' },
      b: { [K]: 'xxxx', ...BACKBEAT, [CR]: 'x... ....' },
      brk: { [RIDE]: 'x.x.', [K]: 'x... x...' },
      fill: FILL16,
    },
    bass: { a: 'R.R. R.R. R.R. R.R.', b: 'R.R. R.R. 5.5. a.a.' },
    comp: { a: 'x.x. x.x. x.x. x.x.', intro: 'x--- ---- ---- ----' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 64 },
  },
  {
    name: 'emo-68',
    metre: '6/8',
    g: 2,
    feel: 'compound',
    tempi: [[60, 76]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'steel', comp: 'dist', bass: 'synth-bass' },
    drums: {
      intro: { [HH]: 'xoo xoo' },
      a: { [HH]: 'xoo xoo', [SN]: '... x..', [K]: 'x.. ...' },
      b: { [RIDE]: 'xox xox', [SN]: '... x..', [K]: 'x.x ..x' },
      brk: { [HH]: 'xoo xoo' },
      fill: FILL8,
    },
    bass: { a: 'R-- 5--', b: 'R.. 5.a' },
    comp: { a: 'x-x x-x', b: 'xxx xxx', intro: 'x-- ---' },
    lead: { cells: C68, ends: C68_END, lo: 67 },
  },
  {
    name: 'folk-guitar',
    ...s44,
    feel: 'none',
    tempi: [
      [84, 98],
      [99, 112],
    ],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'flute', comp: 'steel', bass: 'steel' },
    bass: { a: 'R... 5... R... 5...', b: 'R... 5... 8... a...' },
    comp: { a: '..1. 2.3. ..1. 2.3.', b: '..12 3.21 ..12 3.21', intro: 'x.x. x.x. x.x. x.x.' },
    lead: { cells: M44_SLOW, ends: M44_SLOW_END, lo: 67 },
  },
  {
    name: 'folk-piano-68',
    metre: '6/8',
    g: 2,
    feel: 'none',
    tempi: [[60, 80]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    sixteenths: false,
    barsPerChord: 1,
    voices: { lead: 'piano', comp: 'piano', bass: 'piano' },
    bass: { a: 'R-- 5--', b: 'R-- a--' },
    comp: { a: '.12 .32', b: '123 432', intro: 'x-- x--' },
    lead: { cells: C68, ends: C68_END, lo: 67 },
  },
];

export const styleOf = (name: string): AtStyle => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`no atlas style ${name}`);
  return s;
};

// ---------------------------------------------------------------- the items

export interface AtlasItem {
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: AtMetre;
  feel: AtFeel;
  drums: boolean;
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: AtMinorKind | null;
  /** csound's reverbsc: none, a small room or a hall. */
  reverb: AtReverb;
  /** Stereo width of the master (mid/side: 1 as mixed, below narrower, above wider). */
  width: number;
  /** The master's colour: clean, tape saturation, or a lo-fi band-limit. */
  colour: AtColour;
  /** The clip's peak level after mastering, dBFS. */
  peakDb: number;
  seed: number;
}

export const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const COLOURS: readonly AtColour[] = ['clean', 'tape', 'lofi'];
const PEAKS = [-1, -3, -6] as const;
const WIDTHS = [0.6, 1, 1.4] as const;

/**
 * A deck per key that deals its values in seeded cycles (each value once per cycle), passing over
 * `avoid` while the deck holds another card (it stays in the deck for a later deal).
 */
function decks<T>(values: readonly T[], rnd: () => number): (key: string, avoid?: T) => T {
  const open = new Map<string, T[]>();
  return (key, avoid) => {
    let deck = open.get(key);
    if (!deck || deck.length === 0) {
      deck = shuffled(values, rnd);
      open.set(key, deck);
    }
    let at = deck.length - 1;
    while (at > 0 && deck[at] === avoid) at--;
    return deck.splice(at, 1)[0]!;
  };
}

/** The 160 items: pairs of each style dealt in a seeded order, keys dealt so each half has all 24. */
export function atlas(seed = ATLAS_SEED): AtlasItem[] {
  const rnd = mulberry32(seed);
  const pairStyles = shuffled(
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, () => s)),
    rnd,
  );
  const tonic = decks(
    Array.from({ length: 12 }, (_, i) => i),
    rnd,
  );
  // a 'both' style alternates which half of its pairs is major
  const flip = new Map<string, number>();
  const items: AtlasItem[] = [];
  for (const [p, s] of pairStyles.entries()) {
    const [lo, hi] = s.tempi[Math.floor(rnd() * s.tempi.length)]!;
    const turn = flip.get(s.name) ?? Math.floor(rnd() * 2);
    flip.set(s.name, turn + 1);
    const reverbOn = rnd() < 0.5;
    const hall = rnd() < 0.5;
    const c0 = Math.floor(rnd() * 3);
    const p0 = Math.floor(rnd() * 3);
    const w0 = Math.floor(rnd() * 3);
    const k0 = Math.floor(rnd() * 3);
    for (let h = 0; h < 2; h++) {
      const n = 2 * p + h;
      const mode = s.modes === 'both' ? (['major', 'minor'] as const)[(turn + h) % 2]! : s.modes;
      // the held-out item never shares its tuning twin's key
      const twin = items[2 * p];
      const tonicPc = tonic(`${h} ${mode}`, h === 1 && twin?.mode === mode ? twin.tonicPc : undefined);
      const minorKind = mode === 'minor' ? s.minorKinds[(k0 + h) % s.minorKinds.length]! : null;
      const bpm = lo + Math.floor(rnd() * (hi - lo + 1));
      // a pair's two items take reverb on and off and different colours, widths and peak levels
      const on = h === 0 ? reverbOn : !reverbOn;
      items.push({
        id: `${indexId('at', n)}-${s.name}-${KEY_NAMES[tonicPc]}${mode === 'major' ? 'maj' : 'min'}`,
        set: h === 1 ? 'held-out' : 'tuning',
        style: s.name,
        metre: s.metre,
        feel: s.feel,
        drums: s.drums !== undefined,
        bpm,
        tonicPc,
        mode,
        minorKind,
        reverb: on ? (hall ? 'hall' : 'room') : 'none',
        width: WIDTHS[(w0 + h) % 3]!,
        colour: COLOURS[(c0 + h) % 3]!,
        peakDb: PEAKS[(p0 + 2 * h) % 3]!,
        seed: Math.floor(rnd() * 2 ** 31),
      });
    }
  }
  return items;
}

/** The score's quarter notes per minute: the label, or 1.5 × the label in 6/8 and 12/8. */
export const atlasQpm = (item: Pick<AtlasItem, 'bpm' | 'metre'>) => labelledQpm(item);

// ---------------------------------------------------------------- the score

export interface AtNote extends ScoreNote {
  part: AtPart;
}

export interface AtSection {
  name: 'intro' | 'A' | 'B' | 'break' | 'B2';
  /** The section's first bar. */
  bar: number;
}

export interface AtScore {
  qpm: number;
  bars: number;
  barQ: number;
  beatQ: number;
  introEndQ: number;
  /** One program per part's channel (the SMF beside the render only records the notes). */
  programs: SmfProgram[];
  notes: AtNote[];
  sections: AtSection[];
  /** The chord of each bar: scale degree (0 = the tonic chord). */
  chords: number[];
  /** Pitch classes (relative to the tonic) the item's scale allows. */
  allowedPcs: number[];
}

const BAR_Q: Record<AtMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };
const PART_CHANNEL: Record<AtPart, number> = { bass: 0, comp: 1, lead: 2, pad: 3, drums: 9 };

/** The item's scale, relative to the tonic. */
export function atlasScale(item: Pick<AtlasItem, 'mode' | 'minorKind' | 'style'>): number[] {
  return keyScale(item.mode, item.minorKind, styleOf(item.style).mixo);
}

/**
 * Four-chord loops as scale degrees (0 = the tonic chord), by harmonic family: the A loops open on
 * the tonic, the B loops open elsewhere and end on (or turn back to) it. Only degrees whose triad is
 * major or minor in the family's scale (no diminished or augmented chords).
 */
const LOOPS: Record<string, { a: readonly (readonly number[])[]; b: readonly (readonly number[])[] }> = {
  major: {
    a: [
      [0, 4, 5, 3],
      [0, 3, 4, 0],
      [0, 5, 3, 4],
      [0, 3, 0, 4],
      [0, 1, 4, 0],
    ],
    b: [
      [3, 4, 0, 5],
      [5, 3, 4, 0],
      [3, 0, 4, 0],
      [1, 4, 0, 0],
    ],
  },
  mixo: {
    a: [
      [0, 6, 3, 0],
      [0, 3, 6, 0],
      [0, 6, 3, 4],
    ],
    b: [
      [3, 6, 0, 0],
      [6, 3, 0, 4],
    ],
  },
  natural: {
    a: [
      [0, 5, 2, 6],
      [0, 6, 5, 6],
      [0, 3, 5, 6],
      [0, 3, 4, 0],
    ],
    b: [
      [5, 6, 0, 0],
      [3, 6, 0, 4],
      [5, 2, 6, 0],
    ],
  },
  harmonic: {
    a: [
      [0, 5, 3, 4],
      [0, 3, 0, 4],
      [0, 4, 0, 4],
      [0, 3, 4, 0],
    ],
    b: [
      [3, 4, 0, 0],
      [5, 3, 4, 4],
      [3, 0, 4, 0],
    ],
  },
  dorian: {
    a: [
      [0, 3, 0, 3],
      [0, 6, 3, 0],
      [0, 1, 0, 3],
      [0, 3, 6, 0],
    ],
    b: [
      [3, 6, 0, 0],
      [6, 3, 0, 3],
      [1, 3, 0, 0],
    ],
  },
  // the gamelan pieces: bare fifths on the degrees whose fifth stays in the major pentatonic
  pentatonic: {
    a: [
      [0, 5, 0, 4],
      [0, 4, 0, 5],
    ],
    b: [
      [5, 0, 4, 0],
      [4, 5, 0, 0],
    ],
  },
};

function family(item: AtlasItem, style: AtStyle): keyof typeof LOOPS {
  if (style.pentatonic) return 'pentatonic';
  if (item.mode === 'major') return style.mixo ? 'mixo' : 'major';
  return item.minorKind!;
}

/** A chord's tones relative to the tonic: root, third, fifth (and the seventh); bare fifths when pentatonic. */
function chordTones(scale: readonly number[], degree: number, style: AtStyle): number[] {
  const at = (k: number) => scale[(degree + k) % 7]!;
  if (style.pentatonic) return [at(0), at(4)];
  return style.sevenths ? [at(0), at(2), at(4), at(6)] : [at(0), at(2), at(4)];
}

/** Where each section starts: a 2- or 4-bar intro, then A, B, a short breakdown and B again. */
function sectionsOf(bars: number, barQ: number): AtSection[] {
  const intro = barQ <= 2 ? 4 : 2;
  const body = bars - intro;
  const a = Math.max(2, Math.round(body * 0.34));
  const b = Math.max(2, Math.round(body * 0.28));
  const brk = Math.max(1, Math.round(body * 0.12));
  return [
    { name: 'intro', bar: 0 },
    { name: 'A', bar: intro },
    { name: 'B', bar: intro + a },
    { name: 'break', bar: intro + a + b },
    { name: 'B2', bar: intro + a + b + brk },
  ];
}

/** The chord (scale degree) of every bar: tonic intro, A and B loops from their section starts, tonic last bar. */
function chordPlan(
  sections: readonly AtSection[],
  bars: number,
  per: number,
  loopA: readonly number[],
  loopB: readonly number[],
): number[] {
  const chords: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const sec = [...sections].reverse().find((s) => s.bar <= bar)!;
    if (sec.name === 'intro' || bar === bars - 1) {
      chords.push(0);
      continue;
    }
    const loop = sec.name === 'A' || sec.name === 'break' ? loopA : loopB;
    chords.push(loop[Math.floor((bar - sec.bar) / per) % loop.length]!);
  }
  return chords;
}

const VELOCITY: Record<string, number> = { X: 112, x: 92, o: 70, g: 48 };

/** What the parts' composers share: the item's grid, form and harmony, its random stream and the notes. */
interface Ctx {
  item: AtlasItem;
  style: AtStyle;
  rnd: () => number;
  barQ: number;
  beatQ: number;
  /** Grid steps in a bar. */
  steps: number;
  bars: number;
  scale: readonly number[];
  sections: readonly AtSection[];
  chords: readonly number[];
  sectionAt: (bar: number) => AtSection['name'];
  /** A grid step → quarter notes. */
  q: (step: number) => number;
  /** A velocity around `base`, humanised. */
  vel: (base: number, spread?: number) => number;
  add: (part: AtPart, pitch: number, start: number, duration: number, velocity: number) => void;
}

export function composeAtlas(item: AtlasItem): AtScore {
  const style = styleOf(item.style);
  const rnd = mulberry32(item.seed);
  const qpm = atlasQpm(item);
  const barQ = BAR_Q[item.metre];
  const bars = Math.ceil((ATLAS_CLIP_SEC * qpm) / 60 / barQ) + 1;
  const scale = atlasScale(item);
  const sections = sectionsOf(bars, barQ);
  const loops = LOOPS[family(item, style)]!;
  const loopA = loops.a[Math.floor(rnd() * loops.a.length)]!;
  const loopB = loops.b[Math.floor(rnd() * loops.b.length)]!;
  const chords = chordPlan(sections, bars, style.barsPerChord, loopA, loopB);
  const notes: AtNote[] = [];
  const c: Ctx = {
    item,
    style,
    rnd,
    barQ,
    beatQ: compound(item.metre) ? 1.5 : 1,
    steps: barQ * style.g,
    bars,
    scale,
    sections,
    chords,
    sectionAt: (bar) => [...sections].reverse().find((s) => s.bar <= bar)!.name,
    q: (step) => step / style.g,
    vel: (base, spread = 10) => Math.max(20, Math.min(127, Math.round(base + (rnd() * 2 - 1) * spread))),
    // timing humanised within 10 ms (6 ms for the drums)
    add: (part, pitch, start, duration, velocity) =>
      notes.push({
        part,
        channel: PART_CHANNEL[part],
        pitch,
        start,
        duration,
        velocity,
        jitterSec: (rnd() * 2 - 1) * (part === 'drums' ? 6 : 10) * 1e-3,
      }),
  };
  if (style.drums) composeDrums(c, style.drums);
  composeBass(c);
  composeComp(c);
  composeLead(c);
  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  return {
    qpm,
    bars,
    barQ,
    beatQ: c.beatQ,
    introEndQ: sections[1]!.bar * barQ,
    programs: Object.values(PART_CHANNEL).map((channel) => ({ channel, program: 0 })),
    notes,
    sections,
    chords,
    allowedPcs: scale,
  };
}

/** The drums: the section's kit, a fill in the beat before each section and a crash (with a kick) on its downbeat. */
function composeDrums(c: Ctx, drums: NonNullable<AtStyle['drums']>): void {
  const kits = { intro: drums.intro, A: drums.a, B: drums.b, break: drums.brk, B2: drums.b };
  const changes = new Set(c.sections.slice(1).map((s) => s.bar));
  const fillSteps = Math.round(c.beatQ * c.style.g);
  for (let bar = 0; bar < c.bars; bar++) {
    const fillFrom = changes.has(bar + 1) ? c.steps - fillSteps : c.steps;
    for (const [note, p] of Object.entries(kits[c.sectionAt(bar)])) {
      for (const o of onsets(pat(p, c.steps), /[Xxog]/))
        if (o.step < fillFrom)
          c.add('drums', Number(note), bar * c.barQ + c.q(o.step), 0.2, c.vel(VELOCITY[o.ch]!, 6));
    }
    // the fill builds: each hit louder than the last
    for (let k = fillFrom; k < c.steps; k++)
      c.add(
        'drums',
        drums.fill[(k - fillFrom) % drums.fill.length]!,
        bar * c.barQ + c.q(k),
        0.2,
        c.vel(80 + (k - fillFrom) * 8, 5),
      );
    if (changes.has(bar)) {
      c.add('drums', CR, bar * c.barQ, 1, c.vel(110, 6));
      c.add('drums', K, bar * c.barQ, 0.2, c.vel(110, 6));
    }
  }
}

/** The bass: the section's pattern on the bar's chord; the last bar holds the tonic. */
function composeBass(c: Ctx): void {
  const nextRoot = (bar: number) => c.scale[c.chords[Math.min(bar + 1, c.bars - 1)]!]!;
  for (let bar = 0; bar < c.bars; bar++) {
    const tones = chordTones(c.scale, c.chords[bar]!, c.style);
    const s = c.sectionAt(bar);
    const { a, b } = c.style.bass;
    const p =
      bar === c.bars - 1 ? 'R'.padEnd(c.steps, '-') : pat(s === 'B' || s === 'B2' ? (b ?? a) : a, c.steps);
    for (const o of onsets(p, /[R583a]/)) {
      const rel = {
        R: tones[0]!,
        // the fifth is the triad's third tone, a bare fifth's second
        5: tones[tones.length > 2 ? 2 : 1]!,
        8: tones[0]!,
        3: tones[1]!,
        // a scale step below the next chord's root
        a: c.scale[(c.scale.indexOf(nextRoot(bar)) + 6) % 7]!,
      }[o.ch]!;
      const pitch = near(c.item.tonicPc, rel, 40) + (o.ch === '8' ? 12 : 0);
      c.add('bass', pitch, bar * c.barQ + c.q(o.step), c.q(o.len) * 0.9, c.vel(o.step === 0 ? 100 : 86));
    }
  }
}

/** The comp (and the pad in the B sections): the chord voiced near middle C; the last bar holds the tonic chord. */
function composeComp(c: Ctx): void {
  for (let bar = 0; bar < c.bars; bar++) {
    const tones = chordTones(c.scale, c.chords[bar]!, c.style);
    const voicing = tones.map((t) => near(c.item.tonicPc, t, 62)).sort((x, y) => x - y);
    const s = c.sectionAt(bar);
    const { a, b, intro } = c.style.comp;
    const src = s === 'intro' ? (intro ?? a) : s === 'B' || s === 'B2' ? (b ?? a) : a;
    const p = bar === c.bars - 1 ? 'x'.padEnd(c.steps, '-') : pat(src, c.steps);
    for (const o of onsets(p, /[Xx1-4]/)) {
      const start = bar * c.barQ + c.q(o.step);
      const dur = c.q(o.len) * 0.92;
      const v = c.vel(o.ch === 'X' ? 100 : 80);
      if (o.ch === 'X' || o.ch === 'x') for (const pitch of voicing) c.add('comp', pitch, start, dur, v);
      else c.add('comp', voicing[(Number(o.ch) - 1) % voicing.length]!, start, dur, v);
    }
    if (c.style.voices.pad && (s === 'B' || s === 'B2'))
      for (const t of tones) c.add('pad', near(c.item.tonicPc, t, 55), bar * c.barQ, c.barQ, c.vel(64, 6));
  }
}

/**
 * The melody: after the intro, phrases of two bars (four in 2/4), each bar a rhythm cell and the
 * phrase's last an ending cell with a rest; pitches walk the scale (the major pentatonic where the
 * style keeps to it), chord tones on the bar's downbeat, the phrase ending on one; silent in the
 * breakdown; the piece's last phrase ends on the tonic.
 */
function composeLead(c: Ctx): void {
  const { item, style } = c;
  const degrees = style.pentatonic ? [0, 2, 4, 7, 9] : c.scale;
  const relOf = (p: number) => (((p - item.tonicPc) % 12) + 12) % 12;
  const ladder: number[] = [];
  for (let p = style.lead.lo; p < style.lead.lo + 15; p++) if (degrees.includes(relOf(p))) ladder.push(p);
  const phraseBars = c.barQ <= 2 ? 4 : 2;
  const first = c.sections[1]!.bar;
  const brk = c.sections[3]!.bar;
  const brkEnd = c.sections[4]!.bar;
  const isChordTone = (p: number, bar: number) =>
    chordTones(c.scale, c.chords[bar]!, style).includes(relOf(p));
  let at = Math.floor(ladder.length / 2);
  for (let bar = first; bar < c.bars - 1; bar++) {
    if (bar >= brk && bar < brkEnd) continue;
    const end = (bar - first) % phraseBars === phraseBars - 1 || bar === c.bars - 2 || bar === brk - 1;
    const cells = end ? style.lead.ends : style.lead.cells;
    const hits = onsets(pat(cells[Math.floor(c.rnd() * cells.length)]!, c.steps), /x/);
    for (const [i, o] of hits.entries()) {
      at = Math.max(0, Math.min(ladder.length - 1, at + [-2, -1, -1, 1, 1, 2, 0][Math.floor(c.rnd() * 7)]!));
      const last = end && i === hits.length - 1;
      if (o.step === 0 || last) {
        // settle on the nearest chord tone (the tonic at the piece's end)
        const want = (p: number) => (bar === c.bars - 2 && last ? relOf(p) === 0 : isChordTone(p, bar));
        const k = [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6]
          .map((d) => at + d)
          .find((j) => j >= 0 && j < ladder.length && want(ladder[j]!));
        if (k !== undefined) at = k;
      }
      const v = Math.max(40, Math.min(120, Math.round((o.step === 0 ? 98 : 84) + (c.rnd() * 2 - 1) * 12)));
      c.add('lead', ladder[at]!, bar * c.barQ + c.q(o.step), c.q(o.len) * 0.9, v);
    }
  }
}

export function atlasMidi(item: AtlasItem): Uint8Array {
  return scoreToSmf(composeAtlas(item), item.metre, { cutOverlaps: true });
}

// The concert programme (set P, the twelfth composer, written blind of the analyser): 160 seeded 30 s
// pieces of orchestral, chamber, band and film music — Viennese and slow waltzes, minuets, mazurkas,
// polonaises, marches in 2/4, 4/4 and 6/8, galops and the can-can, brass-band hymns, string-quartet
// allegros, adagios for strings, baroque concerti grossi, Bach-style chorales, barcarolles,
// sicilianas, tarantellas, gigues, habaneras, a Boléro-like snare ostinato, film action ostinatos,
// fanfares, suspense cues and 12/8 epics, piano nocturnes and études, tango orchestras, ragtime,
// wind-band pop, choir-and-organ anthems, pizzicato polkas, scherzi, big-band swing and minimalist
// pulse pieces — played by FluidSynth from the full MuseScore General SoundFont (every pair's other
// item from the csound GM bank or FluidR3) with FluidSynth's own reverb, and mastered as a concert-hall
// recording (concert-render.ts). What makes them orchestral, not sequenced: parts of their own
// (melody, a countermelody a third or sixth below, accompaniment figures, arpeggios, sustained
// chords, timpani, orchestral percussion), the dynamics shaped per phrase (velocity arches and CC11
// swells, the middle section louder), small timing offsets per part, and in the expressive styles the
// tempo breathing: a ritardando over the last bar of a section, then a tempo return. Tests and
// benches only.
//
// THE LABEL CONVENTION. The label is the beat a listener taps:
// - 2/4, 3/4 and 4/4: the quarter note (a fast Viennese waltz or a scherzo too, never the bar; a
//   march in 2/4 at the quarter). 6/8 and 12/8: the dotted quarter (the score's quarter-note tempo
//   is then 1.5 × the label).
// - Half-time feels (the film suspense cue, a hit on beat 3 of 4) are labelled at the tempo the
//   style is counted in.
// - Where the tempo breathes (a ritardando of at most CONCERT_MAX_RIT over the last bar of a section,
//   written as SMF tempo events, the tempo back on the next downbeat), the label is the mean tempo
//   over the clip: the beats heard in the 30 s (an anacrusis included) divided by the time they take.
//   Elsewhere the tempo is the label throughout.
// The key label is the tonic and mode the harmony and melody are built on: majors, and minors natural,
// harmonic (the raised 7th, a major V) or dorian (the major 6th, melodic minor's flavour). The piece
// opens on the tonic chord (the melody sometimes with a short anacrusis climbing to the tonic), the
// middle section starts elsewhere and comes back, and the piece cadences V (or v) – I at its end.
//
// Items come in pairs: item 2k (tuning) and item 2k+1 (held-out) share style, metre, feel and tempo
// range, never a key; the render (SoundFont, FluidSynth reverb room, hall tail, EQ tilt, peak level)
// is dealt pair by pair.
import { mulberry32 } from './corpus.ts';
import {
  compound,
  decks,
  indexId,
  keyScale,
  labelledQpm,
  near,
  onsets,
  pat,
  shuffled,
} from './score-patterns.ts';
import {
  type ScoreNote,
  SMF_PPQ,
  SMF_TIME_SIGNATURES,
  type SmfEvent,
  smfFromEvents,
  smfTempoEvent,
  smfTimeSigEvent,
} from './smf.ts';

export const CONCERT_SEED = 9393;
export const CONCERT_CLIP_SEC = 30;
/** The deepest ritardando: the last beat of a breathing section's last bar this much below its tempo. */
export const CONCERT_MAX_RIT = 0.04;

export type CoMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type CoMinorKind = 'natural' | 'harmonic' | 'dorian';
/** How the percussion carries the beat; 'none' is drumless (no percussion at all, no timpani). */
export type CoFeel = 'none' | 'march' | 'oom-pah-pah' | 'dance' | 'film' | 'half-time' | 'backbeat' | 'swing';
export type CoPart = 'lead' | 'counter' | 'comp' | 'bass' | 'arp' | 'pad' | 'timp' | 'drums';
export type CoFont = 'musescore-full' | 'csound' | 'fluidr3';
/** The concert hall's tail the master adds (ffmpeg aecho), or none. */
export type CoHall = 'none' | 'hall' | 'cathedral';

/** Drum note → one bar's hits ('X' accent, 'x' hit, 'o' soft, 'g' ghost, '.' none; spaces ignored; a shorter string repeats). */
type Kit = Readonly<Record<number, string>>;

/**
 * A style's score: the grid, the parts and their patterns (one bar each, repeated; section A's and
 * section B's), the GM programs.
 * - bass: 'R' root, '3' third, '5' fifth, '8' octave, 'a' a scale step below the next chord's root, '-' hold, '.' rest.
 * - comp: 'X'/'x' the chord, '1'-'4' one tone of the voicing, '-' hold, '.' rest.
 * - arp: '1'-'9' the chord's tones counted up from the part's floor, '-' hold, '.' rest.
 * - timp: 'R' root, '5' fifth.
 * - lead: rhythm cells 'x' (a note), '-' hold, '.' rest; `ends` close a phrase.
 */
interface Texture {
  /** Grid steps per quarter note: 4 sixteenths, 3 swung (triplet) eighths, 2 eighths. */
  g: 2 | 3 | 4;
  /** Sixteenths enough that a beat twice the label's would leave onsets off its grid. */
  sixteenths: boolean;
  /** Continuous eighths somewhere (false: a beat half the label's would leave most of its beats silent). */
  eighths: boolean;
  /** Chords per bar (a chorale changes on the half bar). */
  harm?: 1 | 2;
  /** The tempo breathes: a ritardando over the last bar of a section. */
  breathe?: boolean;
  kit?: { program: number; a: Kit; b: Kit; crash: number };
  timp?: string;
  bass: { a: string; b: string; program: number };
  comp?: { a: string; b: string; program: number; centre: number };
  arp?: { a: string; b: string; program: number; floor: number };
  pad?: { program: number };
  lead: { cells: readonly string[]; ends: readonly string[]; program: number; floor: number };
  /** A second voice this many scale steps below the melody (2 a third, 5 a sixth). */
  counter?: { program: number; below: 2 | 5 };
  /** A beat (0-based quarter) accented besides the downbeat, one of these per item (the mazurka's 2 or 3). */
  accent?: readonly number[];
}

// ---------------------------------------------------------------- GM programs and drum notes

const GM = {
  piano: 0,
  harpsichord: 6,
  glockenspiel: 9,
  marimba: 12,
  organ: 19,
  bandoneon: 23,
  acousticBass: 32,
  violin: 40,
  viola: 41,
  cello: 42,
  contrabass: 43,
  pizzicato: 45,
  harp: 46,
  timpani: 47,
  strings: 48,
  slowStrings: 49,
  choir: 52,
  trumpet: 56,
  trombone: 57,
  tuba: 58,
  horn: 60,
  brass: 61,
  altoSax: 65,
  tenorSax: 66,
  oboe: 68,
  englishHorn: 69,
  clarinet: 71,
  piccolo: 72,
  flute: 73,
} as const;

/** Drum kits (bank 128 programs on channel 10). */
const KIT = { standard: 0, jazz: 32, orchestra: 48 } as const;

const BD = 36;
const SN = 38;
const HH = 42;
const PH = 44;
const CR = 49;
const RIDE = 51;
const TAMB = 54;
const CYM = 57;
const TRI = 81;
const CAST = 85;

// ---------------------------------------------------------------- the styles

export interface CoStyle {
  name: string;
  metre: CoMetre;
  feel: CoFeel;
  /** The label's tempo ranges (BPM of the tapped beat); a pair takes one. */
  tempi: readonly (readonly [number, number])[];
  pairs: 2 | 3;
  modes: 'major' | 'minor' | 'both';
  minorKinds: readonly CoMinorKind[];
  t: Texture;
}

const S = (
  name: string,
  metre: CoMetre,
  feel: CoFeel,
  tempi: readonly [number, number],
  pairs: 2 | 3,
  modes: CoStyle['modes'],
  minorKinds: readonly CoMinorKind[],
  t: Texture,
): CoStyle => ({ name, metre, feel, tempi: [tempi], pairs, modes, minorKinds, t });

export const STYLES: readonly CoStyle[] = [
  // ------------------------------------------------ drumless
  S('adagio-for-strings', '4/4', 'none', [50, 62], 3, 'both', ['natural', 'harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: false,
    breathe: true,
    bass: { a: 'R- -- 5- --', b: 'R- -- R- 5-', program: GM.cello },
    comp: { a: 'x- x- x- x-', b: 'x- x- x- x-', program: GM.slowStrings, centre: 57 },
    lead: {
      cells: ['x- -- x- x-', 'x- x- x- --', 'x- -- -- x-'],
      ends: ['x- -- -- ..', 'x- x- x- ..'],
      program: GM.violin,
      floor: 67,
    },
    counter: { program: GM.viola, below: 5 },
  }),
  S('bach-chorale', '4/4', 'none', [56, 72], 3, 'both', ['harmonic', 'natural'], {
    g: 2,
    sixteenths: false,
    eighths: false,
    harm: 2,
    breathe: true,
    bass: { a: 'R- 3- R- 5-', b: 'R- 5- R- a-', program: GM.organ },
    comp: { a: 'x- x- x- x-', b: 'x- x- x- x-', program: GM.organ, centre: 55 },
    lead: {
      cells: ['x- x- x- x-', 'x- x- x- --', 'x- x- xx x-'],
      ends: ['x- x- x- ..', 'x- -- x- ..'],
      program: GM.choir,
      floor: 65,
    },
    counter: { program: GM.choir, below: 2 },
  }),
  S('brass-band-hymn', '4/4', 'none', [60, 76], 2, 'major', [], {
    g: 2,
    sixteenths: false,
    eighths: false,
    breathe: true,
    bass: { a: 'R- 5- R- 5-', b: 'R- 3- 5- a-', program: GM.tuba },
    comp: { a: 'x- -- x- --', b: 'x- x- x- x-', program: GM.horn, centre: 55 },
    lead: {
      cells: ['x- x- x- x-', 'x- -- x- x-', 'x- x- x- --'],
      ends: ['x- -- x- ..', 'x- x- x- ..'],
      program: GM.trumpet,
      floor: 62,
    },
    counter: { program: GM.trombone, below: 5 },
  }),
  S('barcarolle', '6/8', 'none', [50, 66], 3, 'both', ['natural', 'harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    breathe: true,
    bass: { a: 'R-- ---', b: 'R-- 5--', program: GM.cello },
    arp: { a: '123 432', b: '124 342', program: GM.harp, floor: 48 },
    pad: { program: GM.slowStrings },
    lead: {
      cells: ['x-x x--', 'x-- x-x', 'x-- ---', 'xxx x--'],
      ends: ['x-- ...', 'x-x x..'],
      program: GM.clarinet,
      floor: 62,
    },
  }),
  S('siciliana', '12/8', 'none', [50, 60], 2, 'minor', ['harmonic', 'natural'], {
    g: 4,
    sixteenths: false,
    eighths: true,
    breathe: true,
    bass: { a: 'R----------- 5-----------', b: 'R----- 5----- R----- 5-----', program: GM.cello },
    arp: { a: '1-2-3-4-3-2-', b: '1-3-2-4-3-2-', program: GM.harp, floor: 48 },
    pad: { program: GM.slowStrings },
    lead: {
      cells: ['x--xx- x-x-x- x----- x-----', 'x----- x-x-x- x--xx- x-----', 'x-x-x- x----- x----- x-x-x-'],
      ends: ['x--xx- x----- x----- ......', 'x----- x----- x----- ......'],
      program: GM.flute,
      floor: 67,
    },
  }),
  S('piano-nocturne', '4/4', 'none', [56, 72], 3, 'both', ['harmonic', 'natural'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    breathe: true,
    bass: { a: 'R- -- -- --', b: 'R- -- 5- --', program: GM.piano },
    arp: { a: '13 54 65 43', b: '13 54 63 54', program: GM.piano, floor: 43 },
    lead: {
      cells: ['x- -- x- x-', 'x- xx x- --', 'x- -- xx x-', 'x- x- -- x-'],
      ends: ['x- -- -- ..', 'x- x- x- ..'],
      program: GM.piano,
      floor: 67,
    },
  }),
  S('piano-etude', '4/4', 'none', [96, 132], 2, 'both', ['harmonic', 'natural'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    bass: { a: 'R--- 5--- R--- 5---', b: 'R--- 5--- 8--- a---', program: GM.piano },
    arp: { a: '1234 5432 1234 5432', b: '1324 3546 1324 5432', program: GM.piano, floor: 52 },
    lead: {
      cells: ['x--- x--- x--- x---', 'x------- x--- x---', 'x--- x--- x-------'],
      ends: ['x------- x--- ....', 'x--- x--- ........'],
      program: GM.piano,
      floor: 72,
    },
  }),
  S('string-quartet-allegro', '4/4', 'none', [120, 144], 3, 'both', ['harmonic', 'dorian'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    bass: { a: 'R-R- 5-5- R-R- 5-5-', b: 'R-3- 5-3- R-5- 8-a-', program: GM.cello },
    comp: { a: '1-1- 2-2- 1-1- 2-2-', b: '1-2- 1-2- 1-2- 1-2-', program: GM.viola, centre: 57 },
    lead: {
      cells: ['x-xx x-x- x-x- x---', 'xxxx x-x- x--- x-x-', 'x-x- xxxx x-x- x---', 'x--- x-xx x-x- x-x-'],
      ends: ['x-x- x--- x--- ....', 'xxxx x--- x--- ....'],
      program: GM.violin,
      floor: 67,
    },
    counter: { program: GM.violin, below: 2 },
  }),
  S('concerto-grosso', '4/4', 'none', [92, 116], 3, 'both', ['harmonic', 'natural'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    bass: { a: 'R-3- 5-3- R-5- 8-a-', b: 'R-R- 5-5- 3-3- 5-a-', program: GM.cello },
    comp: { a: 'x--- x-x- x--- x-x-', b: 'x-x- x-x- x-x- x-x-', program: GM.harpsichord, centre: 60 },
    lead: {
      cells: ['x-xx x-xx x-x- x-x-', 'xxxx x-x- xxxx x---', 'x-x- x-xx x-xx x---', 'x--- xxxx x-x- x-x-'],
      ends: ['x-xx x--- x--- ....', 'x-x- x-x- x--- ....'],
      program: GM.strings,
      floor: 67,
    },
    counter: { program: GM.violin, below: 2 },
  }),
  S('minuet', '3/4', 'none', [96, 126], 2, 'both', ['harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    bass: { a: 'R- -- 5-', b: 'R- 3- 5-', program: GM.cello },
    comp: { a: '.. x- x-', b: '.. x- x-', program: GM.harpsichord, centre: 60 },
    lead: {
      cells: ['x- x- x-', 'x- -- x-', 'xx x- x-', 'x- xx x-'],
      ends: ['x- -- ..', 'x- x- ..'],
      program: GM.oboe,
      floor: 67,
    },
  }),
  S('slow-waltz', '3/4', 'none', [84, 100], 2, 'both', ['natural', 'harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: false,
    breathe: true,
    bass: { a: 'R- -- --', b: 'R- -- --', program: GM.cello },
    comp: { a: '.. x- x-', b: '.. x- x-', program: GM.strings, centre: 57 },
    arp: { a: '1- 2- 3-', b: '1- 3- 5-', program: GM.harp, floor: 55 },
    lead: {
      cells: ['x- -- x-', 'x- x- x-', 'x- -- --', 'x- x- --'],
      ends: ['x- -- ..', 'x- x- ..'],
      program: GM.violin,
      floor: 67,
    },
  }),
  S('choir-organ-anthem', '4/4', 'none', [66, 84], 2, 'major', [], {
    g: 2,
    sixteenths: false,
    eighths: false,
    breathe: true,
    bass: { a: 'R- -- R- --', b: 'R- 5- R- a-', program: GM.organ },
    comp: { a: 'x- x- x- x-', b: 'x- x- x- x-', program: GM.choir, centre: 55 },
    pad: { program: GM.organ },
    lead: {
      cells: ['x- x- x- x-', 'x- -- x- x-', 'x- x- x- --'],
      ends: ['x- -- x- ..', 'x- x- -- ..'],
      program: GM.choir,
      floor: 64,
    },
    counter: { program: GM.choir, below: 2 },
  }),
  S('gigue', '6/8', 'none', [100, 126], 2, 'both', ['dorian', 'harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    bass: { a: 'R-- 5--', b: 'R-R 5-a', program: GM.cello },
    comp: { a: 'x-- x--', b: 'x-x x-x', program: GM.harpsichord, centre: 60 },
    lead: {
      cells: ['xxx xxx', 'x-x x-x', 'xxx x--', 'x-x xxx'],
      ends: ['x-x x..', 'x-- ...'],
      program: GM.violin,
      floor: 67,
    },
  }),
  S('mazurka', '3/4', 'none', [120, 152], 2, 'both', ['harmonic', 'natural'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    accent: [1, 2],
    bass: { a: 'R--- ---- ----', b: 'R--- ---- 5---', program: GM.piano },
    comp: { a: '.... x--- x---', b: '.... x--- x---', program: GM.piano, centre: 57 },
    lead: {
      cells: ['x--x x--- x---', 'x--x x-x- x---', 'x-x- x--x x---', 'x--x x--- x-x-'],
      ends: ['x--x x--- ....', 'x--- x--x x...'],
      program: GM.piano,
      floor: 67,
    },
  }),
  S('minimalist-pulse', '4/4', 'none', [120, 160], 2, 'both', ['dorian', 'natural'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    bass: { a: 'R- -- R- --', b: 'R- -- 5- --', program: GM.cello },
    arp: { a: '1231 2312', b: '1324 1324', program: GM.marimba, floor: 55 },
    comp: { a: 'xx xx xx xx', b: '12 13 12 13', program: GM.piano, centre: 60 },
    lead: {
      cells: ['x- -- -- --', 'x- -- x- --', 'x- -- -- x-'],
      ends: ['x- -- -- ..'],
      program: GM.clarinet,
      floor: 64,
    },
  }),
  S('pizzicato-polka', '2/4', 'none', [112, 132], 2, 'major', [], {
    g: 4,
    sixteenths: true,
    eighths: true,
    bass: { a: 'R--- 5---', b: 'R--- 5-a-', program: GM.pizzicato },
    comp: { a: '..x. ..x.', b: '..x. ..x.', program: GM.pizzicato, centre: 60 },
    lead: {
      cells: ['x-xx x-x-', 'x-x- x---', 'xxx- x-x-', 'x-x- x-xx'],
      ends: ['x-x- x...', 'x--- ....'],
      program: GM.pizzicato,
      floor: 67,
    },
    counter: { program: GM.glockenspiel, below: 2 },
  }),
  S('ragtime', '2/4', 'none', [84, 104], 2, 'major', [], {
    g: 4,
    sixteenths: true,
    eighths: true,
    bass: { a: 'R-.. 5-..', b: 'R-.. 8-..', program: GM.piano },
    comp: { a: '..x. ..x.', b: '..x. ..x.', program: GM.piano, centre: 58 },
    lead: {
      cells: ['x-xx --x-', '.x-x --x-', 'x-x- xx-x', '.xx- x-x-'],
      ends: ['x-x- x...', 'xx-x x...'],
      program: GM.piano,
      floor: 67,
    },
  }),
  S('tango-orchestra', '4/4', 'none', [108, 126], 2, 'minor', ['harmonic', 'natural'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    bass: { a: 'R--- R--- 5--- R---', b: 'R--- 5--- R--- 5-.a', program: GM.contrabass },
    comp: { a: 'x-.. x-.. x-.. x-..', b: 'x--x --x- x-.. x-..', program: GM.bandoneon, centre: 57 },
    lead: {
      cells: ['x--x --x- x-x- x---', 'x-x- x-xx x--- x---', 'x--- x--x --x- x---'],
      ends: ['x--x --x- x... ....', 'x-x- x--- x... ....'],
      program: GM.violin,
      floor: 67,
    },
  }),
  S('scherzo', '3/4', 'none', [160, 196], 2, 'both', ['harmonic', 'natural'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    bass: { a: 'R- -- --', b: 'R- -- 5-', program: GM.cello },
    comp: { a: '.. x. x.', b: '.. x. x.', program: GM.strings, centre: 60 },
    lead: {
      cells: ['xx xx x-', 'x- x- x-', 'xx x- x-', 'x- xx xx'],
      ends: ['x- x- ..', 'x- -- ..'],
      program: GM.flute,
      floor: 72,
    },
    counter: { program: GM.clarinet, below: 2 },
  }),
  // ------------------------------------------------ with percussion
  S('viennese-waltz', '3/4', 'oom-pah-pah', [168, 192], 3, 'both', ['harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x. .. ..', [SN]: '.. o. o.' },
      b: { [BD]: 'X. .. ..', [SN]: '.. x. x.', [TRI]: 'x. .. ..' },
      crash: CYM,
    },
    bass: { a: 'R- -- --', b: 'R- -- --', program: GM.contrabass },
    comp: { a: '.. x- x-', b: '.. x- x-', program: GM.horn, centre: 57 },
    lead: {
      cells: ['x- -- --', 'x- x- x-', 'x- -- x-', 'xx x- x-'],
      ends: ['x- -- ..', 'x- x- ..'],
      program: GM.strings,
      floor: 67,
    },
  }),
  S('polonaise', '3/4', 'dance', [88, 104], 2, 'both', ['harmonic'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [SN]: 'x.xx x.x. x.x.', [BD]: 'x... .... ....' },
      b: { [SN]: 'X.xx x.x. x.x.', [BD]: 'x... .... x...' },
      crash: CYM,
    },
    timp: 'R--- .... ....',
    bass: { a: 'R--- R--- 5---', b: 'R--- 5--- R---', program: GM.cello },
    comp: { a: 'x-xx x-x- x-x-', b: 'x-xx x-x- x-x-', program: GM.strings, centre: 57 },
    lead: {
      cells: ['x--- x-xx x---', 'x-xx x--- x-x-', 'x--- x--- x-x-'],
      ends: ['x--- x--- ....', 'x-xx x--- ....'],
      program: GM.trumpet,
      floor: 64,
    },
  }),
  S('military-march', '2/4', 'march', [108, 124], 3, 'major', [], {
    g: 4,
    sixteenths: true,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x... x...', [SN]: 'x.xx x.x.' },
      b: { [BD]: 'X... x...', [SN]: 'x.xx x.xx', [CYM]: 'x... x...' },
      crash: CYM,
    },
    bass: { a: 'R--- 5---', b: 'R--- 5-a-', program: GM.tuba },
    comp: { a: '..x. ..x.', b: '..x. ..x.', program: GM.horn, centre: 57 },
    lead: {
      cells: ['x--x x-x-', 'x-x- x-x-', 'x--- x--x', 'x-xx x---'],
      ends: ['x-x- x...', 'x--- ....'],
      program: GM.trumpet,
      floor: 64,
    },
    counter: { program: GM.trombone, below: 5 },
  }),
  S('concert-march', '4/4', 'march', [100, 120], 2, 'both', ['harmonic'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x... .... x... ....', [SN]: '..x. x.xx ..x. x...' },
      b: { [BD]: 'x... .... x... ....', [SN]: 'x.xx x.xx x.xx x...', [CYM]: '.... x... .... x...' },
      crash: CYM,
    },
    timp: 'R--- .... 5--- ....',
    bass: { a: 'R--- 5--- R--- 5---', b: 'R--- 3--- 5--- a---', program: GM.tuba },
    comp: { a: '.... x... .... x...', b: '..x. x... ..x. x...', program: GM.horn, centre: 57 },
    lead: {
      cells: ['x--x x-x- x--- x-x-', 'x-x- x-x- x--x x---', 'x--- x--x x-x- x---'],
      ends: ['x--x x--- x--- ....', 'x-x- x--- x... ....'],
      program: GM.trumpet,
      floor: 62,
    },
    counter: { program: GM.clarinet, below: 2 },
  }),
  S('galop', '2/4', 'march', [164, 190], 2, 'major', [], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x. x.', [SN]: '.x .x' },
      b: { [BD]: 'X. x.', [SN]: '.x .x', [CYM]: 'x. ..' },
      crash: CYM,
    },
    bass: { a: 'R- 5-', b: 'R- 8-', program: GM.tuba },
    comp: { a: '.x .x', b: '.x .x', program: GM.strings, centre: 60 },
    lead: {
      cells: ['xx xx', 'x- xx', 'xx x-', 'x- x-'],
      ends: ['x- x.', 'x- ..'],
      program: GM.flute,
      floor: 72,
    },
    counter: { program: GM.violin, below: 2 },
  }),
  S('can-can', '2/4', 'march', [144, 164], 2, 'major', [], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x. x.', [SN]: '.. x.' },
      b: { [BD]: 'X. x.', [SN]: '.x x.', [CYM]: 'x. x.' },
      crash: CYM,
    },
    bass: { a: 'R- 5-', b: 'R- 5-', program: GM.tuba },
    comp: { a: '.x .x', b: '.x .x', program: GM.brass, centre: 57 },
    lead: {
      cells: ['x- x-', 'xx xx', 'x- xx', 'xx x-'],
      ends: ['x- x.', 'x- ..'],
      program: GM.strings,
      floor: 67,
    },
  }),
  S('habanera', '2/4', 'dance', [66, 80], 2, 'both', ['harmonic', 'dorian'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [CAST]: 'x..x x.x.' },
      b: { [CAST]: 'X..x x.x.', [TAMB]: 'x... x...' },
      crash: CYM,
    },
    bass: { a: 'R--5 R-5-', b: 'R--5 R-5-', program: GM.cello },
    comp: { a: '.... ..x.', b: '..x. ..x.', program: GM.pizzicato, centre: 57 },
    lead: {
      cells: ['x--- x-x-', 'x-xx x---', 'x--x x-x-', 'x--- ----'],
      ends: ['x--- x...', 'x-xx x...'],
      program: GM.englishHorn,
      floor: 62,
    },
  }),
  S('bolero-ostinato', '3/4', 'dance', [66, 76], 2, 'both', ['natural'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [SN]: 'x.xx x.xx x.x.' },
      b: { [SN]: 'x.xx x.xx xxxx', [BD]: 'x... .... ....' },
      crash: CYM,
    },
    bass: { a: 'R--- ---- 5---', b: 'R--- ---- 5---', program: GM.pizzicato },
    comp: { a: '.... x--- x---', b: 'x--- x--- x---', program: GM.harp, centre: 57 },
    lead: {
      cells: ['x--- ---- x-x-', 'x--- x--x x---', 'x------- x---', 'x-x- x--- ----'],
      ends: ['x--- ---- ....', 'x--- x--- ....'],
      program: GM.flute,
      floor: 67,
    },
  }),
  S('tarantella', '6/8', 'dance', [144, 168], 2, 'minor', ['harmonic', 'natural'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [TAMB]: 'xox xox' },
      b: { [TAMB]: 'Xox Xox', [BD]: 'x.. x..' },
      crash: CYM,
    },
    bass: { a: 'R-- 5--', b: 'R-- 5-a', program: GM.cello },
    comp: { a: '.xx .xx', b: '.xx .xx', program: GM.pizzicato, centre: 60 },
    lead: {
      cells: ['xxx xxx', 'x-x x-x', 'xxx x--', 'x-x xxx'],
      ends: ['x-x x..', 'x-- ...'],
      program: GM.clarinet,
      floor: 67,
    },
  }),
  S('film-action-ostinato', '4/4', 'film', [140, 170], 3, 'minor', ['natural', 'harmonic', 'dorian'], {
    g: 4,
    sixteenths: true,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x... ..x. x... ....' },
      b: { [BD]: 'x... ..x. x... ..x.', [SN]: '.... x... .... x...' },
      crash: CYM,
    },
    timp: 'R-.R ..R. R--- ....',
    bass: { a: 'R-R- R-R- R-R- R-R-', b: 'R-R- R-R- R-R- 5-a-', program: GM.contrabass },
    arp: { a: '1-12 1-12 1-13 1-12', b: '1213 1213 1214 1213', program: GM.strings, floor: 52 },
    lead: {
      cells: ['x--- x--- x-x- x---', 'x------- x--x x---', 'x--- ---- x--- x-x-'],
      ends: ['x------- x--- ....', 'x--- x--- ........'],
      program: GM.horn,
      floor: 55,
    },
    counter: { program: GM.trombone, below: 5 },
  }),
  S('film-adventure-fanfare', '4/4', 'film', [96, 124], 2, 'major', [], {
    g: 4,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x... .... x... ....', [SN]: '.... x..x .... x...' },
      b: { [BD]: 'x... ..x. x... ....', [SN]: '.... x..x .... x.xx' },
      crash: CYM,
    },
    timp: 'R--- .... 5--- ....',
    bass: { a: 'R--- R--- 5--- R---', b: 'R--- 5--- R--- 5-a-', program: GM.contrabass },
    comp: { a: 'x-x- x-x- x-x- x-x-', b: 'x-x- x-x- x-x- x-x-', program: GM.strings, centre: 57 },
    lead: {
      cells: ['x--x x--- x-x- x---', 'x--- x-xx x--- x---', 'x-x- x--- x--- ----'],
      ends: ['x------- x--- ....', 'x--x x--- x... ....'],
      program: GM.trumpet,
      floor: 64,
    },
    counter: { program: GM.horn, below: 2 },
  }),
  S('film-suspense', '4/4', 'half-time', [120, 150], 2, 'minor', ['natural', 'harmonic'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x. .. .. ..', [SN]: '.. .. x. ..' },
      b: { [BD]: 'x. .. .. .x', [SN]: '.. .. X. ..' },
      crash: CYM,
    },
    bass: { a: 'R- -- -- --', b: 'R- -- R- --', program: GM.contrabass },
    arp: { a: '12 12 13 12', b: '12 13 12 14', program: GM.strings, floor: 55 },
    pad: { program: GM.slowStrings },
    lead: {
      cells: ['x- -- -- --', 'x- -- x- --', 'x- x- -- --'],
      ends: ['x- -- -- ..'],
      program: GM.horn,
      floor: 55,
    },
  }),
  S('film-epic-128', '12/8', 'film', [60, 76], 2, 'both', ['natural', 'dorian'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x.. ... x.. ...', [SN]: '... x.. ... x..' },
      b: { [BD]: 'x.. ..x x.. ...', [SN]: '... x.. ... x..' },
      crash: CYM,
    },
    timp: 'R.. ... R.R ...',
    bass: { a: 'R-- --- 5-- ---', b: 'R-- --- R-- 5--', program: GM.contrabass },
    arp: { a: '123 212 321 232', b: '135 313 531 353', program: GM.strings, floor: 52 },
    comp: { a: 'x-- --- --- ---', b: 'x-- --- x-- ---', program: GM.choir, centre: 60 },
    lead: {
      cells: ['x-- --- x-x x--', 'x-- x-- x-- ---', 'x-x x-- x-- x--'],
      ends: ['x-- --- x-- ...', 'x-- x-- --- ...'],
      program: GM.horn,
      floor: 55,
    },
  }),
  S('wind-band-pop', '4/4', 'backbeat', [104, 128], 2, 'both', ['dorian', 'natural'], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.standard,
      a: { [BD]: 'x. .. x. ..', [SN]: '.. x. .. x.', [HH]: 'xx' },
      b: { [BD]: 'x. .x x. ..', [SN]: '.. X. .. X.', [RIDE]: 'xo' },
      crash: CR,
    },
    bass: { a: 'R- .R 5- .a', b: 'R- R- 5- 5a', program: GM.tuba },
    comp: { a: 'x- .x -x x-', b: 'x- x- x- x-', program: GM.brass, centre: 57 },
    lead: {
      cells: ['x- x- x- x-', '.x x- x- x-', 'x- -x -x x-', 'x- -- x- x-'],
      ends: ['x- x- .. ..', 'x- -- x- ..'],
      program: GM.altoSax,
      floor: 62,
    },
    counter: { program: GM.clarinet, below: 2 },
  }),
  S('big-band-swing', '4/4', 'swing', [140, 184], 3, 'both', ['dorian'], {
    g: 3,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.jazz,
      a: { [RIDE]: 'x.. x.x x.. x.x', [PH]: '... x.. ... x..', [BD]: 'o.. ... o.. ...' },
      b: {
        [RIDE]: 'X.. x.x X.. x.x',
        [PH]: '... x.. ... x..',
        [SN]: '... ..g ... ..x',
        [BD]: 'x.. ... x.. ...',
      },
      crash: CR,
    },
    bass: { a: 'R-- 3-- 5-- a--', b: 'R-- 5-- 8-- a--', program: GM.acousticBass },
    comp: { a: 'x-- ..x --- ...', b: '... x-- ..x ...', program: GM.brass, centre: 57 },
    lead: {
      cells: ['x-x x-- x-x x--', '..x x-- x-x x-x', 'x-- x-x ..x x--'],
      ends: ['x-x x-- ... ...', 'x-- x-x x-- ...'],
      program: GM.altoSax,
      floor: 62,
    },
    counter: { program: GM.tenorSax, below: 2 },
  }),
  S('march-68', '6/8', 'march', [108, 126], 2, 'major', [], {
    g: 2,
    sixteenths: false,
    eighths: true,
    kit: {
      program: KIT.orchestra,
      a: { [BD]: 'x.. x..', [SN]: 'x.x x.x' },
      b: { [BD]: 'X.. x..', [SN]: 'x.x x.x', [CYM]: 'x.. x..' },
      crash: CYM,
    },
    bass: { a: 'R-- 5--', b: 'R-- 5-a', program: GM.tuba },
    comp: { a: '..x ..x', b: '.xx .xx', program: GM.horn, centre: 57 },
    lead: {
      cells: ['x-x x-x', 'x-- x-x', 'xxx x--', 'x-x x--'],
      ends: ['x-x x..', 'x-- ...'],
      program: GM.trumpet,
      floor: 64,
    },
    counter: { program: GM.trombone, below: 5 },
  }),
];

export const styleOf = (name: string): CoStyle => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`no concert style ${name}`);
  return s;
};

// ---------------------------------------------------------------- the items

export interface ConcertItem {
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: CoMetre;
  feel: CoFeel;
  drums: boolean;
  /** The mean tempo of the clip (BPM of the tapped beat). */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: CoMinorKind | null;
  /** The melody opens with an anacrusis: the last beat of a bar before the first. */
  upbeat: boolean;
  /** How far the tempo sinks over the last bar of a section (0: a steady tempo). */
  ritardando: number;
  soundfont: CoFont;
  /** FluidSynth's reverb: room size and level (0-1). */
  roomSize: number;
  reverbLevel: number;
  /** The concert hall's tail the master adds. */
  hall: CoHall;
  /** A gentle EQ tilt, dB: treble up and bass down by this much (negative: darker). */
  tiltDb: number;
  /** The clip's peak level after mastering, dBFS. */
  peakDb: number;
  seed: number;
}

export const CO_KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const ROOMS = [0.45, 0.7, 0.9] as const;
const LEVELS = [0.45, 0.65, 0.85] as const;
const HALLS: readonly CoHall[] = ['none', 'hall', 'cathedral'];
const TILTS = [-1.5, 0, 1.5] as const;
const PEAKS = [-1, -3, -6] as const;

/** The 160 items: pairs of each style in a seeded order, keys dealt so each half has all 24. */
export function concert(seed = CONCERT_SEED): ConcertItem[] {
  const rnd = mulberry32(seed);
  const pairStyles = shuffled(
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, () => s)),
    rnd,
  );
  const tonic = decks(
    Array.from({ length: 12 }, (_, i) => i),
    rnd,
  );
  const flip = new Map<string, number>();
  const items: ConcertItem[] = [];
  for (const [p, s] of pairStyles.entries()) {
    const [lo, hi] = s.tempi[Math.floor(rnd() * s.tempi.length)]!;
    const turn = flip.get(s.name) ?? Math.floor(rnd() * 2);
    flip.set(s.name, turn + 1);
    const [f0, r0, l0, h0, t0, p0, k0] = Array.from({ length: 7 }, () => Math.floor(rnd() * 6));
    // the pair's other SoundFont: the csound GM bank and FluidR3 by turns
    const other: CoFont = p % 2 === 0 ? 'csound' : 'fluidr3';
    for (let h = 0; h < 2; h++) {
      const n = 2 * p + h;
      const mode = s.modes === 'both' ? (['major', 'minor'] as const)[(turn + h) % 2]! : s.modes;
      // the held-out item never shares its tuning twin's key
      const twin = items[2 * p];
      const tonicPc = tonic(`${h} ${mode}`, h === 1 && twin?.mode === mode ? twin.tonicPc : undefined);
      items.push({
        id: `${indexId('co', n)}-${s.name}`,
        set: h === 1 ? 'held-out' : 'tuning',
        style: s.name,
        metre: s.metre,
        feel: s.feel,
        drums: s.feel !== 'none',
        bpm: lo + Math.floor(rnd() * (hi - lo + 1)),
        tonicPc,
        mode,
        minorKind: mode === 'minor' ? s.minorKinds[(k0! + h) % s.minorKinds.length]! : null,
        upbeat: rnd() < 0.3,
        ritardando: s.t.breathe ? Math.round((0.02 + rnd() * 0.02) * 1000) / 1000 : 0,
        // a pair's two items take the MuseScore font and another, and different rooms, halls, tilts and peaks
        soundfont: (f0! + h) % 2 === 0 ? 'musescore-full' : other,
        roomSize: ROOMS[(r0! + h) % 3]!,
        reverbLevel: LEVELS[(l0! + h) % 3]!,
        hall: HALLS[(h0! + h) % 3]!,
        tiltDb: TILTS[(t0! + h) % 3]!,
        peakDb: PEAKS[(p0! + 2 * h) % 3]!,
        seed: Math.floor(rnd() * 2 ** 31),
      });
    }
  }
  return items;
}

/** The score's mean quarter notes per minute: the label, or 1.5 × the label in 6/8 and 12/8. */
export const concertQpm = (item: Pick<ConcertItem, 'bpm' | 'metre'>) => labelledQpm(item);

// ---------------------------------------------------------------- the score

export interface CoNote extends ScoreNote {
  part: CoPart;
}

export type CoSectionName = 'pre' | 'intro' | 'A' | 'B' | 'A2';

export interface CoSection {
  name: CoSectionName;
  bar: number;
}

export interface CoControl {
  /** Position in quarter notes. */
  q: number;
  channel: number;
  controller: number;
  value: number;
}

export interface CoScore {
  /** The mean quarter notes per minute over the clip (the label × the beat's quarter notes). */
  qpm: number;
  /** The tempo changes (quarter notes per minute) from where the recording starts. */
  tempo: { q: number; qpm: number }[];
  bars: number;
  barQ: number;
  beatQ: number;
  /** Where the recording starts (quarter notes): inside bar 0 where there is an anacrusis. */
  startQ: number;
  /** The first bar of the melody's section A: the label checks read from here. */
  introEndQ: number;
  programs: { channel: number; program: number }[];
  notes: CoNote[];
  controls: CoControl[];
  sections: CoSection[];
  /** The chord of each harmonic slot (scale degree, 0 = the tonic chord); slotQ quarter notes each. */
  chords: number[];
  slotQ: number;
  /** Bars whose tempo sinks (a ritardando). */
  ritBars: number[];
  /** Pitch classes (relative to the tonic) the item's scale allows. */
  allowedPcs: number[];
}

const BAR_Q: Record<CoMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };
export const PART_CHANNEL: Record<CoPart, number> = {
  lead: 0,
  counter: 1,
  comp: 2,
  bass: 3,
  arp: 4,
  pad: 5,
  timp: 6,
  drums: 9,
};
/** Each part's level (CC7). */
const PART_VOLUME: Record<CoPart, number> = {
  lead: 112,
  counter: 92,
  comp: 92,
  bass: 104,
  arp: 96,
  pad: 72,
  timp: 96,
  drums: 100,
};

/** The item's scale, relative to the tonic. */
export function concertScale(item: Pick<ConcertItem, 'mode' | 'minorKind'>): number[] {
  return keyScale(item.mode, item.minorKind);
}

/**
 * Four-chord progressions as scale degrees (0 = the tonic chord) by harmonic family: A's open on the
 * tonic, B's elsewhere and turn back; no diminished or augmented triads.
 */
const LOOPS: Record<'major' | CoMinorKind, { a: readonly number[][]; b: readonly number[][] }> = {
  major: {
    a: [
      [0, 3, 4, 0],
      [0, 5, 3, 4],
      [0, 1, 4, 0],
      [0, 3, 0, 4],
    ],
    b: [
      [3, 4, 0, 0],
      [5, 1, 4, 0],
      [3, 0, 1, 4],
      [5, 3, 4, 0],
    ],
  },
  natural: {
    a: [
      [0, 5, 6, 0],
      [0, 3, 4, 0],
      [0, 6, 5, 4],
    ],
    b: [
      [5, 6, 0, 0],
      [3, 6, 2, 4],
      [5, 3, 4, 0],
    ],
  },
  harmonic: {
    a: [
      [0, 3, 4, 0],
      [0, 5, 3, 4],
      [0, 4, 0, 3],
    ],
    b: [
      [5, 3, 4, 0],
      [3, 0, 4, 4],
      [5, 4, 0, 4],
    ],
  },
  dorian: {
    a: [
      [0, 3, 0, 3],
      [0, 6, 3, 0],
      [0, 1, 3, 0],
    ],
    b: [
      [3, 6, 0, 0],
      [6, 3, 4, 0],
      [1, 3, 6, 0],
    ],
  },
};

/** A chord's tones relative to the tonic: root, third, fifth. */
const chordTones = (scale: readonly number[], degree: number) =>
  [0, 2, 4].map((k) => scale[(degree + k) % 7]!);

const VELOCITY: Record<string, number> = { X: 112, x: 92, o: 70, g: 48 };
/** The middle section is the loudest, the intro the softest. */
const DYNAMIC: Record<CoSectionName, number> = { pre: 0.8, intro: 0.78, A: 0.86, B: 1, A2: 0.93 };

/** Each part's timing: its offset behind (+) or ahead of the beat, and its looseness (ms). */
const TIMING: Record<CoPart, { offset: readonly [number, number]; spread: number }> = {
  drums: { offset: [0, 0], spread: 3 },
  timp: { offset: [0, 4], spread: 3 },
  bass: { offset: [2, 10], spread: 5 },
  comp: { offset: [-4, 8], spread: 7 },
  arp: { offset: [-3, 5], spread: 5 },
  pad: { offset: [4, 14], spread: 6 },
  lead: { offset: [-6, 10], spread: 8 },
  counter: { offset: [-6, 10], spread: 8 },
};

/** The form: the anacrusis bar (if any), a short intro without one, A, B (from elsewhere), A again. */
function sectionsOf(upbeat: boolean, bars: number, barQ: number): CoSection[] {
  const secs: CoSection[] = [];
  let at = 0;
  if (upbeat) secs.push({ name: 'pre', bar: at++ });
  else {
    secs.push({ name: 'intro', bar: 0 });
    at = barQ <= 2 ? 2 : 1;
  }
  const body = bars - at;
  const a = Math.max(2, Math.round(body * 0.38));
  const b = Math.max(2, Math.round(body * 0.34));
  secs.push({ name: 'A', bar: at }, { name: 'B', bar: at + a }, { name: 'A2', bar: at + a + b });
  return secs;
}

/**
 * The tempo changes: the groove's tempo, and over each ritardando bar one per beat, each lower (the
 * last beat `depth` below), the tempo back on the next downbeat. The groove's tempo is set so that
 * the clip's first CONCERT_CLIP_SEC seconds hold exactly the label's beats: the label is the mean.
 */
export function concertTempo(
  qpm: number,
  o: { barQ: number; beatQ: number; startQ: number; ritBars: readonly number[]; depth: number },
): { q: number; qpm: number }[] {
  const n = Math.round(o.barQ / o.beatQ);
  const rit = new Set(o.ritBars);
  const shape: { q: number; f: number }[] = [{ q: o.startQ, f: 1 }];
  for (const bar of [...rit].sort((x, y) => x - y)) {
    for (let k = 0; k < n; k++) shape.push({ q: bar * o.barQ + k * o.beatQ, f: 1 - (o.depth * (k + 1)) / n });
    if (!rit.has(bar + 1)) shape.push({ q: (bar + 1) * o.barQ, f: 1 });
  }
  // the quarter notes the clip holds at the label, and their length in "minutes at tempo 1"
  const wantQ = o.startQ + (qpm * CONCERT_CLIP_SEC) / 60;
  let span = 0;
  for (const [i, s] of shape.entries()) {
    const end = Math.min(wantQ, shape[i + 1]?.q ?? Number.POSITIVE_INFINITY);
    if (end > s.q) span += (end - s.q) / s.f;
  }
  const base = (span * 60) / CONCERT_CLIP_SEC;
  return shape.map((s) => ({ q: s.q, qpm: base * s.f }));
}

interface Ctx {
  item: ConcertItem;
  t: Texture;
  rnd: () => number;
  barQ: number;
  beatQ: number;
  steps: number;
  bars: number;
  scale: readonly number[];
  sections: readonly CoSection[];
  firstBar: number;
  slotQ: number;
  chordAt: (q: number) => number;
  sectionAt: (bar: number) => CoSectionName;
  q: (step: number) => number;
  vel: (base: number, q: number) => number;
  add: (part: CoPart, pitch: number, start: number, duration: number, velocity: number) => void;
}

export function composeConcert(item: ConcertItem): CoScore {
  const style = styleOf(item.style);
  const t = style.t;
  const rnd = mulberry32(item.seed);
  const qpm = concertQpm(item);
  const barQ = BAR_Q[item.metre];
  const beatQ = compound(item.metre) ? 1.5 : 1;
  const startQ = item.upbeat ? barQ - beatQ : 0;
  // a bar to spare beyond the clip
  const bars = Math.ceil((startQ + (CONCERT_CLIP_SEC * qpm * 1.02) / 60) / barQ) + 1;
  const scale = concertScale(item);
  const sections = sectionsOf(item.upbeat, bars, barQ);
  const firstBar = sections.find((s) => s.name === 'A')!.bar;
  const sectionAt = (bar: number) => [...sections].reverse().find((s) => s.bar <= bar)!.name;
  const harm = t.harm ?? 1;
  const slotQ = barQ / harm;
  const fam = item.mode === 'major' ? 'major' : item.minorKind!;
  const loopA = LOOPS[fam].a[Math.floor(rnd() * LOOPS[fam].a.length)]!;
  const loopB = LOOPS[fam].b[Math.floor(rnd() * LOOPS[fam].b.length)]!;
  const chords = Array.from({ length: bars * harm }, (_, slot) => {
    const bar = Math.floor(slot / harm);
    const sec = [...sections].reverse().find((s) => s.bar <= bar)!;
    if (bar === bars - 1 || sec.name === 'pre' || sec.name === 'intro') return 0;
    // the cadence: the dominant (v in natural and dorian minor) before the last bar
    if (bar === bars - 2) return 4;
    const loop = sec.name === 'B' ? loopB : loopA;
    return loop[(slot - sec.bar * harm) % loop.length]!;
  });
  const ritBars = item.ritardando > 0 ? [sections.find((s) => s.name === 'B')!.bar - 1] : [];
  if (item.ritardando > 0) ritBars.push(sections.find((s) => s.name === 'A2')!.bar - 1);
  const tempo = concertTempo(qpm, { barQ, beatQ, startQ, ritBars, depth: item.ritardando });
  const offsets = Object.fromEntries(
    (Object.keys(TIMING) as CoPart[]).map((p) => {
      const [lo, hi] = TIMING[p].offset;
      return [p, lo + rnd() * (hi - lo)];
    }),
  ) as Record<CoPart, number>;
  const accent = t.accent ? t.accent[item.seed % t.accent.length]! : -1;
  const notes: CoNote[] = [];
  const phraseBars = barQ <= 2 ? 4 : 2;
  // the phrase's arch: softer at its ends, fuller in its middle
  const arch = (q: number) => {
    const bar = Math.floor(q / barQ);
    const from = bar < firstBar ? 0 : firstBar + Math.floor((bar - firstBar) / phraseBars) * phraseBars;
    const len = bar < firstBar ? Math.max(1, firstBar) : phraseBars;
    return Math.sin((Math.PI * (q - from * barQ)) / (len * barQ));
  };
  const c: Ctx = {
    item,
    t,
    rnd,
    barQ,
    beatQ,
    steps: barQ * t.g,
    bars,
    scale,
    sections,
    firstBar,
    slotQ,
    chordAt: (q) => chords[Math.min(chords.length - 1, Math.floor(q / slotQ + 1e-9))]!,
    sectionAt,
    q: (step) => step / t.g,
    vel: (base, q) => {
      const inBar = q - Math.floor(q / barQ) * barQ;
      const beat = Math.abs(inBar / beatQ - Math.round(inBar / beatQ)) < 1e-9;
      const acc = Math.abs(inBar) < 1e-9 || Math.abs(inBar - accent) < 1e-9 ? 14 : beat ? 3 : 0;
      const v = base * DYNAMIC[sectionAt(Math.floor(q / barQ))] * (0.9 + 0.1 * arch(q)) + acc;
      return Math.max(24, Math.min(127, Math.round(v + (rnd() * 2 - 1) * 5)));
    },
    add: (part, pitch, start, duration, velocity) =>
      notes.push({
        part,
        channel: PART_CHANNEL[part],
        pitch,
        start,
        duration,
        velocity,
        jitterSec: (offsets[part] + (rnd() * 2 - 1) * TIMING[part].spread) * 1e-3,
      }),
  };
  const from = item.upbeat ? 1 : 0;
  if (t.kit) composeKit(c, t.kit, from);
  if (t.timp) composeTimpani(c, t.timp, from);
  composeBass(c, from);
  if (t.comp) composeComp(c, t.comp, from);
  if (t.arp) composeArp(c, t.arp, from);
  if (t.pad) composePad(c, from);
  composeLead(c);
  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  const programs = (['lead', 'counter', 'comp', 'bass', 'arp', 'pad', 'timp', 'drums'] as const).flatMap(
    (part) => {
      const program =
        part === 'lead'
          ? t.lead.program
          : part === 'counter'
            ? t.counter?.program
            : part === 'comp'
              ? t.comp?.program
              : part === 'bass'
                ? t.bass.program
                : part === 'arp'
                  ? t.arp?.program
                  : part === 'pad'
                    ? t.pad?.program
                    : part === 'timp'
                      ? t.timp
                        ? GM.timpani
                        : undefined
                      : t.kit?.program;
      return program === undefined ? [] : [{ channel: PART_CHANNEL[part], program }];
    },
  );
  return {
    qpm,
    tempo,
    bars,
    barQ,
    beatQ,
    startQ,
    introEndQ: firstBar * barQ,
    programs,
    notes,
    controls: composeControls(c, programs, arch),
    sections,
    chords,
    slotQ,
    ritBars,
    allowedPcs: scale,
  };
}

/** The percussion: section A's kit (B's in the middle section), the cymbal on each section's downbeat. */
function composeKit(c: Ctx, kit: NonNullable<Texture['kit']>, from: number): void {
  const starts = new Set(
    c.sections.filter((s) => s.name === 'A' || s.name === 'B' || s.name === 'A2').map((s) => s.bar),
  );
  for (let bar = from; bar < c.bars; bar++) {
    const k = c.sectionAt(bar) === 'B' ? kit.b : kit.a;
    for (const [note, p] of Object.entries(k))
      for (const o of onsets(pat(p, c.steps), /[Xxog]/)) {
        const q = bar * c.barQ + c.q(o.step);
        c.add('drums', Number(note), q, 0.2, c.vel(VELOCITY[o.ch]!, q));
      }
    if (starts.has(bar) && bar > from) c.add('drums', kit.crash, bar * c.barQ, 1, c.vel(104, bar * c.barQ));
  }
}

function composeTimpani(c: Ctx, p: string, from: number): void {
  for (let bar = from; bar < c.bars; bar++)
    for (const o of onsets(pat(p, c.steps), /[R5]/)) {
      const q = bar * c.barQ + c.q(o.step);
      const tones = chordTones(c.scale, c.chordAt(q));
      c.add(
        'timp',
        near(c.item.tonicPc, o.ch === 'R' ? tones[0]! : tones[2]!, 45),
        q,
        c.q(o.len),
        c.vel(88, q),
      );
    }
}

/** The bass: the section's pattern on the chord of the moment; the last bar holds the tonic. */
function composeBass(c: Ctx, from: number): void {
  for (let bar = from; bar < c.bars; bar++) {
    const p =
      bar === c.bars - 1
        ? 'R'.padEnd(c.steps, '-')
        : pat(c.sectionAt(bar) === 'B' ? c.t.bass.b : c.t.bass.a, c.steps);
    for (const o of onsets(p, /[R583a]/)) {
      const q = bar * c.barQ + c.q(o.step);
      const tones = chordTones(c.scale, c.chordAt(q));
      const nextRoot = c.scale[c.chordAt(Math.floor(q / c.slotQ + 1) * c.slotQ)]!;
      const rel = {
        R: tones[0]!,
        3: tones[1]!,
        5: tones[2]!,
        8: tones[0]!,
        a: c.scale[(c.scale.indexOf(nextRoot) + 6) % 7]!,
      }[o.ch]!;
      const pitch = near(c.item.tonicPc, rel, 42) + (o.ch === '8' ? 12 : 0);
      c.add('bass', pitch, q, c.q(o.len) * 0.92, c.vel(88, q));
    }
  }
}

/** The accompaniment: chords (or single voices) voiced near its centre; the last bar holds the tonic chord. */
function composeComp(c: Ctx, comp: NonNullable<Texture['comp']>, from: number): void {
  for (let bar = from; bar < c.bars; bar++) {
    const p =
      bar === c.bars - 1
        ? 'x'.padEnd(c.steps, '-')
        : pat(c.sectionAt(bar) === 'B' ? comp.b : comp.a, c.steps);
    for (const o of onsets(p, /[Xx1-4]/)) {
      const q = bar * c.barQ + c.q(o.step);
      const voicing = chordTones(c.scale, c.chordAt(q))
        .map((t) => near(c.item.tonicPc, t, comp.centre))
        .sort((x, y) => x - y);
      const v = c.vel(o.ch === 'X' ? 90 : 74, q);
      const dur = c.q(o.len) * 0.9;
      if (o.ch === 'X' || o.ch === 'x') for (const pitch of voicing) c.add('comp', pitch, q, dur, v);
      else {
        const k = Number(o.ch) - 1;
        c.add('comp', voicing[k % 3]! + (k >= 3 ? 12 : 0), q, dur, v);
      }
    }
  }
}

/** Arpeggios: the chord's tones counted up from the part's floor; the last bar holds the root. */
function composeArp(c: Ctx, arp: NonNullable<Texture['arp']>, from: number): void {
  for (let bar = from; bar < c.bars; bar++) {
    const p =
      bar === c.bars - 1 ? '1'.padEnd(c.steps, '-') : pat(c.sectionAt(bar) === 'B' ? arp.b : arp.a, c.steps);
    for (const o of onsets(p, /[1-9]/)) {
      const q = bar * c.barQ + c.q(o.step);
      const tones = chordTones(c.scale, c.chordAt(q));
      const ladder: number[] = [];
      for (let pitch = arp.floor; ladder.length < 9; pitch++)
        if (tones.includes((((pitch - c.item.tonicPc) % 12) + 12) % 12)) ladder.push(pitch);
      c.add('arp', ladder[Number(o.ch) - 1]!, q, c.q(o.len) * 0.95, c.vel(70, q));
    }
  }
}

/** Sustained chords, one per harmonic slot, soft. */
function composePad(c: Ctx, from: number): void {
  for (let q = from * c.barQ; q < c.bars * c.barQ - 1e-9; q += c.slotQ) {
    const voicing = chordTones(c.scale, c.chordAt(q)).map((t) => near(c.item.tonicPc, t, 60));
    for (const pitch of voicing) c.add('pad', pitch, q, c.slotQ * 0.98, c.vel(58, q));
  }
}

/**
 * The melody from section A on: phrases of two bars (four in 2/4), each bar a rhythm
 * cell and the phrase's last an ending cell; pitches walk the scale, chord tones on the downbeat and
 * at the phrase's end, the last bar holding the tonic. The anacrusis climbs to the tonic
 * the melody opens on. A countermelody a third or sixth below doubles the rhythm.
 */
function composeLead(c: Ctx): void {
  const lead = c.t.lead;
  const relOf = (p: number) => (((p - c.item.tonicPc) % 12) + 12) % 12;
  const ladder: number[] = [];
  for (let p = lead.floor; p < lead.floor + 19; p++) if (c.scale.includes(relOf(p))) ladder.push(p);
  // the counter's ladder reaches an octave lower
  const low: number[] = [];
  for (let p = lead.floor - 12; p < lead.floor + 19; p++) if (c.scale.includes(relOf(p))) low.push(p);
  const phraseBars = c.barQ <= 2 ? 4 : 2;
  const changes = new Set(c.sections.map((s) => s.bar));
  const tonics = ladder.map((p, i) => (relOf(p) === 0 ? i : -1)).filter((i) => i >= 3);
  let at = tonics[0] ?? Math.floor(ladder.length / 2);
  const addNote = (pitch: number, q: number, dur: number, v: number) => {
    c.add('lead', pitch, q, dur, v);
    if (c.t.counter) {
      const k = low.indexOf(pitch) - c.t.counter.below;
      if (k >= 0) c.add('counter', low[k]!, q, dur, Math.max(24, v - 12));
    }
  };
  if (c.item.upbeat) {
    const n = c.beatQ === 1.5 ? 3 : 2;
    const step = c.beatQ / n;
    for (let k = 0; k < n; k++)
      addNote(ladder[at - n + k]!, c.barQ - c.beatQ + k * step, step * 0.9, 70 + k * 6);
  }
  for (let bar = c.firstBar; bar < c.bars - 1; bar++) {
    const end =
      (bar - c.firstBar) % phraseBars === phraseBars - 1 || bar === c.bars - 2 || changes.has(bar + 1);
    const cells = end ? lead.ends : lead.cells;
    const hits = onsets(pat(cells[Math.floor(c.rnd() * cells.length)]!, c.steps), /x/);
    for (const [i, o] of hits.entries()) {
      const q = bar * c.barQ + c.q(o.step);
      const first = bar === c.firstBar && i === 0;
      if (!first)
        at = Math.max(
          0,
          Math.min(ladder.length - 1, at + [-2, -1, -1, 1, 1, 2, 0][Math.floor(c.rnd() * 7)]!),
        );
      const last = end && i === hits.length - 1;
      if (o.step === 0 || last) {
        const want = (p: number) => chordTones(c.scale, c.chordAt(q)).includes(relOf(p));
        // seven scale steps either way always reach the tonic
        const k = [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7]
          .map((d) => at + d)
          .find((j) => j >= 0 && j < ladder.length && want(ladder[j]!));
        if (k !== undefined) at = k;
      }
      addNote(ladder[at]!, q, c.q(o.len) * 0.92, c.vel(86, q));
    }
  }
  // the last bar: the melody home on the tonic, held
  const home = [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7]
    .map((d) => at + d)
    .find((j) => j >= 0 && j < ladder.length && relOf(ladder[j]!) === 0)!;
  const q = (c.bars - 1) * c.barQ;
  addNote(ladder[home]!, q, c.barQ * 0.95, c.vel(86, q));
}

/**
 * The controllers: each part's level (CC7), reverb send (CC91), no chorus (CC93), and the phrase
 * swells: expression (CC11) on every beat, rising to the middle of each phrase and falling away,
 * higher in the louder sections.
 */
function composeControls(
  c: Ctx,
  programs: readonly { channel: number }[],
  arch: (q: number) => number,
): CoControl[] {
  const out: CoControl[] = [];
  const origin = c.item.upbeat ? c.barQ - c.beatQ : 0;
  const part = (ch: number) => (Object.keys(PART_CHANNEL) as CoPart[]).find((p) => PART_CHANNEL[p] === ch)!;
  for (const { channel } of programs) {
    out.push(
      { q: origin, channel, controller: 7, value: PART_VOLUME[part(channel)] },
      { q: origin, channel, controller: 91, value: 96 },
      { q: origin, channel, controller: 93, value: 0 },
    );
    if (channel === PART_CHANNEL.drums) continue;
    for (let q = origin; q < c.bars * c.barQ - 1e-9; q += c.beatQ) {
      const dyn = DYNAMIC[c.sectionAt(Math.floor(q / c.barQ))];
      out.push({
        q,
        channel,
        controller: 11,
        value: Math.round(Math.min(127, 40 + 60 * dyn + 25 * arch(q))),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- the MIDI file

/**
 * Format-0 SMF at PPQ 480 from where the recording starts: the time signature, the tempo changes, the
 * programs (the drum kit's on channel 10), the controllers, then the notes, each humanised by its
 * seconds of jitter at the local tempo; overlapping notes of one pitch on a channel cut short.
 */
export function concertMidi(item: ConcertItem): Uint8Array {
  const s = composeConcert(item);
  const originQ = s.startQ;
  const qpmAt = (q: number) => [...s.tempo].reverse().find((t) => t.q <= q + 1e-9)?.qpm ?? s.tempo[0]!.qpm;
  const tickOf = (q: number) => Math.round((q - originQ) * SMF_PPQ);
  const notes = s.notes.map((n) => ({
    tick: Math.max(0, tickOf(n.start) + Math.round((n.jitterSec * qpmAt(n.start) * SMF_PPQ) / 60)),
    channel: n.channel,
    pitch: n.pitch & 0x7f,
    velocity: n.velocity & 0x7f,
    len: Math.max(1, Math.round(n.duration * SMF_PPQ)),
  }));
  const byKey = new Map<number, typeof notes>();
  for (const n of notes) {
    const k = n.channel * 128 + n.pitch;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(n);
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => a.tick - b.tick);
    for (let i = 0; i + 1 < list.length; i++)
      list[i]!.len = Math.max(1, Math.min(list[i]!.len, list[i + 1]!.tick - list[i]!.tick));
  }
  const ts = SMF_TIME_SIGNATURES[item.metre];
  const events: SmfEvent[] = [
    smfTimeSigEvent(ts),
    ...s.tempo.map((ch) => smfTempoEvent(tickOf(ch.q), ch.qpm)),
    ...s.programs.map((p) => ({ tick: 0, order: 1, bytes: [0xc0 | p.channel, p.program] })),
    ...s.controls.map((k) => ({
      tick: Math.max(0, tickOf(k.q)),
      order: 1,
      bytes: [0xb0 | k.channel, k.controller, k.value & 0x7f],
    })),
    ...notes.flatMap((n) => [
      { tick: n.tick, order: 3, bytes: [0x90 | n.channel, n.pitch, n.velocity] },
      { tick: n.tick + n.len, order: 2, bytes: [0x80 | n.channel, n.pitch, 0] },
    ]),
  ];
  return smfFromEvents(events, tickOf(s.bars * s.barQ));
}

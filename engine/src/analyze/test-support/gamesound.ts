// The game soundtrack (set O, the eleventh composer, written blind of the analyser): 160 seeded 30 s
// pieces of video-game music — 8-bit platformer overworlds, caves, castles and bosses, JRPG town
// waltzes, battles and field marches, 6/8 villages and tavern jigs, shoot-'em-up stages, racing in
// drum and bass and eurobeat, bossa puzzles, title fanfares, shop shuffles and pause-menu swing,
// spooky mansions, underwater and snow levels, desert bazaars, half-time space and stealth stages,
// sports funk, fighting-game hard rock, lo-fi menus, credits ballads, chip-metal, 16-bit FM slap
// funk, Game Boy minimalism, 12/8 hero themes, galops, circus levels, save rooms and fairy
// fountains — played by a console-style synthesizer of our own (gamesound-render.ts: PolyBLEP
// pulses, a 4-bit triangle, an LFSR noise channel, 2-operator FM, music-box bells). Video-game
// music is sequenced: the tempo is constant and every note sits on the grid; a piece may open with
// a one- or two-bar fanfare or arpeggio before the groove. Tests and benches only.
//
// THE LABEL CONVENTION (as the live sets'). The label is the beat a listener taps:
// - 2/4, 3/4 and 4/4: the quarter note. 6/8 and 12/8: the dotted quarter (the score's quarter-note
//   tempo is then 1.5 × the label).
// - Half-time feels are labelled at the tempo the style is counted in, the snare on beat 3 of 4.
// - The tempo is constant over the clip, intro included.
// The key label is the tonic and mode the harmony and melody are built on: majors (some styles
// borrowing the mixolydian ♭7, the ♭VII chord) and minors natural, harmonic (the raised 7th on V)
// or dorian (the major 6th). The intro and the first section open on the tonic chord, the second
// section opens elsewhere and comes back, the piece ends on the tonic.
//
// Items come in pairs: item 2k (tuning) and item 2k+1 (held-out) share style, metre, feel and tempo
// range, never a key; the opening is dealt per half and the render (pulse duty, echo, NTSC or PAL
// frame rate, master colour, peak level) pair by pair.
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
import { type ScoreNote, scoreToSmf } from './smf.ts';

export const GAMESOUND_SEED = 8181;
export const GAMESOUND_CLIP_SEC = 30;

export type GsMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type GsMinorKind = 'natural' | 'harmonic' | 'dorian';
/** How the drums carry the beat; 'none' is drumless. */
export type GsFeel =
  | 'none'
  | 'four-on-the-floor'
  | 'backbeat'
  | 'half-time'
  | 'shuffle'
  | 'breakbeat'
  | 'march'
  | 'oom-pah';
export type GsOpening = 'straight' | 'fanfare' | 'arpeggio';
export type GsPart = 'drums' | 'bass' | 'comp' | 'lead';
/** The sound chip: NES-like (pulses, triangle, noise), Game Boy-like (pulses, wave channel, noise), 16-bit FM, a music box. */
export type GsPalette = 'nes' | 'gb' | 'fm' | 'box';
export type GsLeadVoice = 'pulse' | 'fm-lead' | 'fm-brass' | 'fm-flute' | 'bell';
export type GsCompVoice = 'arp' | 'pulse' | 'fm-epiano' | 'fm-brass' | 'fm-pad' | 'bell';
export type GsBassVoice = 'triangle' | 'wave' | 'fm-bass' | 'fm-slap' | 'bell';
/** The master's colour (ffmpeg): clean, a small TV speaker (band-limited), or bit-crushed. */
export type GsMaster = 'clean' | 'tv' | 'crush';

/** Drum note → one bar's hits ('X' accent, 'x' hit, 'o' soft, 'g' ghost, '.' none; spaces ignored; a shorter string repeats). */
type Kit = Readonly<Record<number, string>>;

/** A groove: the metre and grid, the drums of sections A and B, bass, comp and melody rhythms. */
interface Groove {
  metre: GsMetre;
  feel: GsFeel;
  /** Grid steps per quarter note: 4 sixteenths, 3 swung (triplet) eighths, 2 eighths. */
  g: 2 | 3 | 4;
  /** The music divides the labelled beat into sixteenths (half the label would be rejected). */
  sixteenths: boolean;
  drums?: { a: Kit; b: Kit; fill: readonly number[] };
  /** Bass: 'R' root, '5' fifth, '8' octave, '3' third, 'a' a step to the next chord's root, '-' hold, '.' rest. */
  bass: { a: string; b: string };
  /** Comp: 'X'/'x' the chord, '1'-'4' one tone of the voicing, '-' hold, '.' rest. */
  comp: { a: string; b: string };
  lead: { cells: readonly string[]; ends: readonly string[] };
}

// ---------------------------------------------------------------- drum notes (GM numbering)

export const KICK = 36;
const RIM = 37;
export const SNARE = 38;
const CLAP = 39;
const HH = 42;
const TOM_L = 45;
const OH = 46;
const TOM_M = 47;
export const CRASH = 49;
const TOM_H = 50;
const RIDE = 51;

// ---------------------------------------------------------------- melody rhythm cells (one bar each)

const L16 = [
  'x-xx x-x- x--- x-x-',
  'x--x --x- x-xx x---',
  '..x- x-x- xxx- x---',
  'x-x- x-x- x--x --x-',
  'x--- x-xx x-x- x---',
];
const L16_END = ['x-xx x--- .... ....', 'x--- x--- x--- ....'];
const L44 = ['x-x- x--- x-x- x---', '..x- x-x- x--- x-x-', 'x--- x-x- ..x- x---', 'x--- ---- x-x- x---'];
const L44_END = ['x-x- x--- .... ....', 'x--- x--- x--- ....'];
const LMARCH = ['x--x x--- x--x x---', 'x-x- x--x x--- x---', 'x--x x--x x-x- x---'];
const LMARCH_END = ['x--x x--- x--- ....', 'x--- x--- x--- ....'];
const L8 = ['x-x- x-x-', 'x--x --x-', '.-x- x---', 'xxx- x-x-'];
const L8_END = ['x-x- x...', 'x--- ....'];
const L8_SLOW = ['x--- x-x-', 'x--- --x-', 'x-x- x---', 'x--- x---'];
const L8_SLOW_END = ['x--- ....', 'x-x- x...'];
const LSW = ['x-x x-- x-x x--', '..x x-- x-x x-x', 'x-- x-x ..x x--'];
const LSW_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];
const L24 = ['x-xx x-x-', 'x-x- x-x-', 'xxxx x-x-', 'x--x x-x-'];
const L24_END = ['x--- ....', 'x-x- ....'];
const L34 = ['x-x-x-', 'x---x-', '..x-x-', 'x-xxx-'];
const L34_END = ['x-x-..', 'x---..'];
const L68 = ['x-x x-x', 'x-- x-x', '..x x--', 'xxx x-x'];
const L68_END = ['x-x ...', 'x-- ...'];
const LJIG = ['xxx xxx', 'x-x xxx', 'xxx x-x', 'x-x x-x'];
const L128 = ['x-x x-x x-- x-x', 'x-- x-x x-x x--', 'xxx x-- x-x x--'];
const L128_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];

const BACKBEAT = '.... x... .... x...';
const FILL = [SNARE, SNARE, TOM_H, TOM_L];

// ---------------------------------------------------------------- the grooves

const GROOVES = {
  chipRock: {
    metre: '4/4',
    feel: 'backbeat',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... .... x.x. ....', [SNARE]: BACKBEAT, [HH]: 'x.x.' },
      b: { [KICK]: 'x... ..x. x.x. ..x.', [SNARE]: '.... x... .... x..x', [HH]: 'x.xx' },
      fill: FILL,
    },
    bass: { a: 'R.R. 8.R. R.R. 8.a.', b: 'R-RR 5-5. 8-8. 5-a.' },
    comp: { a: 'x-.x -.x- x-.x -.x-', b: 'x.x. x.x. x.x. x.xx' },
    lead: { cells: L16, ends: L16_END },
  },
  drive: {
    metre: '4/4',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x. .. x. ..', [SNARE]: '.. x. .. x.', [HH]: 'xx' },
      b: { [KICK]: 'x. .x x. .x', [SNARE]: '.. X. .. X.', [RIDE]: 'xx' },
      fill: [SNARE, SNARE, TOM_M, TOM_L],
    },
    bass: { a: 'RR RR RR RR', b: 'RR RR 55 5a' },
    comp: { a: 'x- -x -x x-', b: 'xx xx xx xx' },
    lead: { cells: L8, ends: L8_END },
  },
  metal: {
    metre: '4/4',
    feel: 'backbeat',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'xxxx', [SNARE]: BACKBEAT, [HH]: 'x.x.' },
      b: { [KICK]: 'xxxx', [SNARE]: '.... X... .... X...', [RIDE]: 'x.x.' },
      fill: FILL,
    },
    bass: { a: 'RRRR RRRR 5555 RRa.', b: 'RRRR 8R8R 5555 5Ra.' },
    comp: { a: 'x--- ..x- x--- ..x-', b: 'x.x. x.x. x.x. x.x.' },
    lead: { cells: L16, ends: L16_END },
  },
  dnb: {
    metre: '4/4',
    feel: 'breakbeat',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... .... ..x. ....', [SNARE]: '.... x..g .g.. x...', [HH]: 'x.x.' },
      b: { [KICK]: 'x..x .... ..x. ..x.', [SNARE]: '.... x..g .g.. x..g', [HH]: 'x.xx' },
      fill: FILL,
    },
    bass: { a: 'R--- ---- ..R- -5--', b: 'R--. ..R. ..8- 5-a-' },
    comp: { a: 'x--- ---- x--- ----', b: 'x--- ---- x--- --x-' },
    lead: { cells: L16, ends: L16_END },
  },
  funk: {
    metre: '4/4',
    feel: 'breakbeat',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x..x ..x. ..x. ....', [SNARE]: '.... x..g .g.. x...', [HH]: 'xoxo' },
      b: {
        [KICK]: 'x..x ..x. x.x. ...x',
        [SNARE]: '.... X..g .g.. X..g',
        [HH]: 'xoxo',
        [OH]: '.... .... .... ..x.',
      },
      fill: FILL,
    },
    bass: { a: 'R-.R ..8. .R.. 5-a.', b: 'R.RR .88. R..5 .8a.' },
    comp: { a: '.xx. x... .xx. x...', b: 'x.xx .x.. x.x. .x.x' },
    lead: { cells: L16, ends: L16_END },
  },
  bossa: {
    metre: '4/4',
    feel: 'breakbeat',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [RIM]: 'x..x ..x. ..x. .x..', [KICK]: 'x..x x..x', [HH]: 'x.o.' },
      b: { [RIM]: 'x..x ..x. ..x. .x..', [KICK]: 'x..x x..x', [RIDE]: 'x.x.' },
      fill: [SNARE, RIM, SNARE, SNARE],
    },
    bass: { a: 'R--- --5- R--- --5-', b: 'R--- --5- 8--- --a-' },
    comp: { a: 'x.-x --x- -x-- x---', b: 'x.-x --x- x.-x --x-' },
    lead: { cells: L44, ends: L44_END },
  },
  bazaar: {
    metre: '4/4',
    feel: 'breakbeat',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... .... x... ....', [RIM]: '..x. ..x. .... x...', [HH]: 'x.x.' },
      b: { [KICK]: 'x... .... x... ....', [RIM]: '..x. ..xx .... x.x.', [HH]: 'xxxx' },
      fill: [RIM, RIM, TOM_H, TOM_L],
    },
    bass: { a: 'R-.R ..R. R-.5 ..a.', b: 'R-.R ..8. R-.5 ..a.' },
    comp: { a: 'x... ..x. x... ..x.', b: 'x..x ..x. x..x ..x.' },
    lead: { cells: L16, ends: L16_END },
  },
  march: {
    metre: '4/4',
    feel: 'march',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... .... x... ....', [SNARE]: '..x. x... ..x. x.xx', [HH]: 'x...' },
      b: { [KICK]: 'x... x... x... x...', [SNARE]: 'x.xx x.x. x.xx x.x.', [CRASH]: '.... .... .... ....' },
      fill: [SNARE, SNARE, SNARE, SNARE],
    },
    bass: { a: 'R--- 5--- R--- 5-a-', b: 'R-R- 5-5- R-R- 5-a-' },
    comp: { a: 'x-.. x-.. x-.. x-..', b: 'x.xx x.x. x.xx x---' },
    lead: { cells: LMARCH, ends: LMARCH_END },
  },
  galop: {
    metre: '2/4',
    feel: 'march',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... ....', [SNARE]: 'x.xx x.x.' },
      b: { [KICK]: 'x... x...', [SNARE]: 'x.xx x.xx', [HH]: '..x. ..x.' },
      fill: [SNARE, SNARE, SNARE, SNARE],
    },
    bass: { a: 'R-.. 5-..', b: 'R-.. 5-a.' },
    comp: { a: '..x. ..x.', b: '..x. ..xx' },
    lead: { cells: L24, ends: L24_END },
  },
  oompah24: {
    metre: '2/4',
    feel: 'oom-pah',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... x...', [CLAP]: '..x. ..x.', [HH]: '...x ...x' },
      b: { [KICK]: 'X... x...', [SNARE]: '..x. ..x.', [HH]: 'x.xx' },
      fill: [SNARE, SNARE, TOM_M, TOM_L],
    },
    bass: { a: 'R--- 5---', b: 'R--- 5-a-' },
    comp: { a: '..x. ..x.', b: '..X. ..X.' },
    lead: { cells: L24, ends: L24_END },
  },
  waltz: {
    metre: '3/4',
    feel: 'oom-pah',
    g: 2,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x. .. ..', [SNARE]: '.. o. o.', [HH]: 'x. x. x.' },
      b: { [KICK]: 'x. .. ..', [SNARE]: '.. x. x.', [RIDE]: 'x. xo x.' },
      fill: [SNARE, TOM_L],
    },
    bass: { a: 'R- -- --', b: 'R- -- 5-' },
    comp: { a: '.. x- x-', b: '.. x. x.' },
    lead: { cells: L34, ends: L34_END },
  },
  shuffle: {
    metre: '4/4',
    feel: 'shuffle',
    g: 3,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x.. ... x.. ...', [SNARE]: '... x.. ... x..', [HH]: 'x.x' },
      b: { [KICK]: 'x.. ..x x.. ...', [SNARE]: '... X.. ... X..', [RIDE]: 'x.x' },
      fill: [SNARE, SNARE, TOM_L],
    },
    bass: { a: 'R.R 3.3 5.5 3.3', b: 'R.8 3.3 5.5 8.a' },
    comp: { a: 'x-- ..x x-- ..x', b: 'x.x x.x x.x x.x' },
    lead: { cells: LSW, ends: LSW_END },
  },
  swing: {
    metre: '4/4',
    feel: 'shuffle',
    g: 3,
    sixteenths: false,
    drums: {
      a: { [RIDE]: 'x.. x.x x.. x.x', [HH]: '... x.. ... x..', [KICK]: 'o.. ... o.. ...' },
      b: {
        [RIDE]: 'X.. x.x X.. x.x',
        [HH]: '... x.. ... x..',
        [SNARE]: '... ..g ... ..x',
        [KICK]: 'x.. ... x.. ...',
      },
      fill: [SNARE, SNARE, TOM_M],
    },
    bass: { a: 'R-- 3-- 5-- a--', b: 'R-- 5-- 8-- a--' },
    comp: { a: 'x-- ..x --- ...', b: '... x-- ..x ...' },
    lead: { cells: LSW, ends: LSW_END },
  },
  halfTime: {
    metre: '4/4',
    feel: 'half-time',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x... .... ..x. ....', [SNARE]: '.... .... x... ....', [HH]: 'x.x.' },
      b: { [KICK]: 'x... ..x. ..x. ...x', [SNARE]: '.... .... X... ....', [HH]: 'x.xx' },
      fill: [SNARE, TOM_H, TOM_M, TOM_L],
    },
    bass: { a: 'R--- ---- R--- 5---', b: 'R-R- ..R. R--- 5-a-' },
    comp: { a: '1-2- 3-4- 1-2- 3-4-', b: 'x--- ---- x--- --x-' },
    lead: { cells: L44, ends: L44_END },
  },
  four: {
    metre: '4/4',
    feel: 'four-on-the-floor',
    g: 4,
    sixteenths: true,
    drums: {
      a: { [KICK]: 'x...', [CLAP]: BACKBEAT, [OH]: '..x.' },
      b: { [KICK]: 'X...', [SNARE]: BACKBEAT, [CLAP]: BACKBEAT, [HH]: 'xxx.' },
      fill: FILL,
    },
    bass: { a: 'R.8. R.8. R.8. R.8.', b: '.R.8 .R.8 .R.8 .a.8' },
    comp: { a: '..x. ..x. ..x. ..x.', b: 'x.xx .x.x x.xx .x.x' },
    lead: { cells: L16, ends: L16_END },
  },
  jig: {
    metre: '6/8',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x.. ...', [SNARE]: '... x..', [HH]: 'xoo' },
      b: { [KICK]: 'x.. x..', [SNARE]: '... x.x', [HH]: 'xoo' },
      fill: [SNARE, TOM_M, TOM_L],
    },
    bass: { a: 'R-5 8-5', b: 'R.R 5.a' },
    comp: { a: '.xx .xx', b: 'x-x x-x' },
    lead: { cells: LJIG, ends: L68_END },
  },
  sixEightLight: {
    metre: '6/8',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x.. ...', [RIM]: '... x..', [HH]: 'x.x' },
      b: { [KICK]: 'x.. ..x', [SNARE]: '... x..', [HH]: 'xoo' },
      fill: [SNARE, TOM_M, TOM_L],
    },
    bass: { a: 'R-- 5--', b: 'R-5 8-5' },
    comp: { a: '123 432', b: 'x-x x-x' },
    lead: { cells: L68, ends: L68_END },
  },
  hero128: {
    metre: '12/8',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x.. ... x.. ...', [SNARE]: '... x.. ... x..', [HH]: 'xoo' },
      b: { [KICK]: 'x.. ..x x.. ...', [SNARE]: '... X.. ... X.x', [RIDE]: 'x.x' },
      fill: [SNARE, TOM_M, TOM_L],
    },
    bass: { a: 'R-5 8-5 R-5 8-5', b: 'R.R R.R 5.5 5.a' },
    comp: { a: 'x-- x-- x-- x--', b: 'xxx xxx xxx xxx' },
    lead: { cells: L128, ends: L128_END },
  },
  ballad: {
    metre: '4/4',
    feel: 'backbeat',
    g: 4,
    sixteenths: false,
    drums: {
      a: { [KICK]: 'x... .... x... ....', [RIM]: BACKBEAT, [HH]: 'x.x.' },
      b: { [KICK]: 'x... ..x. x... ....', [SNARE]: BACKBEAT, [RIDE]: 'x.x.' },
      fill: FILL,
    },
    bass: { a: 'R--- ---- 5--- ----', b: 'R--- --R- 5--- 5-a-' },
    comp: { a: '1-2- 3-2- 1-2- 3-2-', b: 'x--- x--- x--- x---' },
    lead: { cells: L44, ends: L44_END },
  },
  // drumless: the bass and the comp sound every labelled beat between them
  caveWalk: {
    metre: '4/4',
    feel: 'none',
    g: 4,
    sixteenths: true,
    bass: { a: 'R-.. 5-.. 8-.. 5-..', b: 'R-.R 5-.. 8-.8 5-a.' },
    comp: { a: '..x. .... ..x. ....', b: '..x. ..x. ..x. ..x.' },
    lead: { cells: L16, ends: L16_END },
  },
  pastoral68: {
    metre: '6/8',
    feel: 'none',
    g: 2,
    sixteenths: false,
    bass: { a: 'R-- 5--', b: 'R-- a--' },
    comp: { a: '.12 .32', b: '123 432' },
    lead: { cells: L68, ends: L68_END },
  },
  spookyWaltz: {
    metre: '3/4',
    feel: 'none',
    g: 2,
    sixteenths: false,
    bass: { a: 'R- -- --', b: 'R- -- 5-' },
    comp: { a: '.. x- x-', b: '.. x. x.' },
    lead: { cells: L34, ends: L34_END },
  },
  arpFlow: {
    metre: '4/4',
    feel: 'none',
    g: 2,
    sixteenths: false,
    bass: { a: 'R- -- -- --', b: 'R- -- 5- --' },
    comp: { a: '12 32 12 32', b: '12 34 32 12' },
    lead: { cells: L8_SLOW, ends: L8_SLOW_END },
  },
  musicBox: {
    metre: '3/4',
    feel: 'none',
    g: 2,
    sixteenths: false,
    bass: { a: 'R- -- --', b: 'R- 5- --' },
    comp: { a: '.. 1- 2-', b: '.. 23 1-' },
    lead: { cells: L34, ends: L34_END },
  },
  harp128: {
    metre: '12/8',
    feel: 'none',
    g: 2,
    sixteenths: false,
    bass: { a: 'R-- --- 5-- ---', b: 'R-- --- 5-- ---' },
    comp: { a: '123 432 123 432', b: '.12 3.2 .12 3.2' },
    lead: { cells: L128, ends: L128_END },
  },
} as const satisfies Record<string, Groove>;

type GrooveName = keyof typeof GROOVES;

// ---------------------------------------------------------------- the styles

export interface GsStyle {
  name: string;
  groove: GrooveName;
  /** The label's tempo ranges (BPM of the tapped beat); a pair takes one. */
  tempi: readonly (readonly [number, number])[];
  pairs: 2 | 3;
  modes: 'major' | 'minor' | 'both';
  minorKinds: readonly GsMinorKind[];
  /** Majors borrow the mixolydian ♭7 (the ♭VII chord). */
  mixo?: boolean;
  palette: GsPalette;
  voices: { lead: GsLeadVoice; comp: GsCompVoice; bass: GsBassVoice };
}

const NES_ARP = { lead: 'pulse', comp: 'arp', bass: 'triangle' } as const;
const NES_PULSE = { lead: 'pulse', comp: 'pulse', bass: 'triangle' } as const;
const GB = { lead: 'pulse', comp: 'arp', bass: 'wave' } as const;
const BOX = { lead: 'bell', comp: 'bell', bass: 'bell' } as const;
const fm = (lead: GsLeadVoice, comp: GsCompVoice, bass: GsBassVoice) => ({ lead, comp, bass });

export const STYLES: readonly GsStyle[] = [
  {
    name: 'platformer-overworld',
    groove: 'chipRock',
    tempi: [[132, 156]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    palette: 'nes',
    voices: NES_ARP,
  },
  {
    name: 'underground-cave',
    groove: 'caveWalk',
    tempi: [[100, 124]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    palette: 'nes',
    voices: NES_PULSE,
  },
  {
    name: 'castle-boss',
    groove: 'chipRock',
    tempi: [[162, 184]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['harmonic', 'natural'],
    palette: 'nes',
    voices: NES_ARP,
  },
  {
    name: 'jrpg-town-waltz',
    groove: 'waltz',
    tempi: [[88, 112]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic'],
    palette: 'fm',
    voices: fm('fm-flute', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'jrpg-battle',
    groove: 'chipRock',
    tempi: [[150, 172]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['harmonic', 'natural', 'dorian'],
    palette: 'fm',
    voices: fm('fm-brass', 'fm-brass', 'fm-bass'),
  },
  {
    name: 'jrpg-field-march',
    groove: 'march',
    tempi: [[104, 124]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'fm',
    voices: fm('fm-brass', 'fm-pad', 'fm-bass'),
  },
  {
    name: 'village-68',
    groove: 'pastoral68',
    tempi: [[60, 80]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    palette: 'fm',
    voices: fm('fm-flute', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'tavern-jig',
    groove: 'jig',
    tempi: [[96, 120]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    palette: 'nes',
    voices: NES_PULSE,
  },
  {
    name: 'shmup-stage',
    groove: 'dnb',
    tempi: [[160, 180]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-pad', 'fm-bass'),
  },
  {
    name: 'racing-dnb',
    groove: 'dnb',
    tempi: [[170, 186]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-brass', 'fm-bass'),
  },
  {
    name: 'puzzle-bossa',
    groove: 'bossa',
    tempi: [[112, 132]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    palette: 'fm',
    voices: fm('fm-flute', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'title-fanfare',
    groove: 'march',
    tempi: [[92, 112]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'fm',
    voices: fm('fm-brass', 'fm-brass', 'fm-bass'),
  },
  {
    name: 'shop-shuffle',
    groove: 'shuffle',
    tempi: [[100, 126]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    palette: 'nes',
    voices: NES_ARP,
  },
  {
    name: 'pause-swing',
    groove: 'swing',
    tempi: [[120, 150]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'spooky-mansion-waltz',
    groove: 'spookyWaltz',
    tempi: [[72, 96]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['harmonic'],
    palette: 'nes',
    voices: NES_ARP,
  },
  {
    name: 'spooky-68',
    groove: 'sixEightLight',
    tempi: [[60, 76]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    palette: 'gb',
    voices: GB,
  },
  {
    name: 'underwater',
    groove: 'arpFlow',
    tempi: [[60, 76]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    palette: 'fm',
    voices: fm('fm-flute', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'snow-music-box',
    groove: 'musicBox',
    tempi: [[84, 108]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    palette: 'box',
    voices: BOX,
  },
  {
    name: 'desert-bazaar',
    groove: 'bazaar',
    tempi: [[96, 120]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-pad', 'fm-bass'),
  },
  {
    name: 'space-halftime',
    groove: 'halfTime',
    tempi: [[76, 92]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-pad', 'fm-bass'),
  },
  {
    name: 'stealth-halftime',
    groove: 'halfTime',
    tempi: [[86, 100]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    palette: 'nes',
    voices: NES_PULSE,
  },
  {
    name: 'sports-funk',
    groove: 'funk',
    tempi: [[104, 120]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    palette: 'fm',
    voices: fm('fm-brass', 'fm-epiano', 'fm-slap'),
  },
  {
    name: 'fighting-hard-rock',
    groove: 'drive',
    tempi: [[140, 168]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural', 'dorian'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-brass', 'fm-bass'),
  },
  {
    name: 'menu-lofi',
    groove: 'halfTime',
    tempi: [[68, 84]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    palette: 'fm',
    voices: fm('fm-flute', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'credits-ballad',
    groove: 'ballad',
    tempi: [[62, 76]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-epiano', 'fm-bass'),
  },
  {
    name: 'chip-metal',
    groove: 'metal',
    tempi: [[176, 200]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic', 'natural'],
    palette: 'nes',
    voices: NES_PULSE,
  },
  {
    name: 'fm-slap-funk',
    groove: 'funk',
    tempi: [[96, 112]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    mixo: true,
    palette: 'fm',
    voices: fm('fm-lead', 'fm-brass', 'fm-slap'),
  },
  {
    name: 'gameboy-minimal',
    groove: 'four',
    tempi: [[120, 140]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    palette: 'gb',
    voices: GB,
  },
  {
    name: 'hero-theme-128',
    groove: 'hero128',
    tempi: [[64, 80]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    palette: 'fm',
    voices: fm('fm-brass', 'fm-brass', 'fm-bass'),
  },
  {
    name: 'arcade-racer',
    groove: 'four',
    tempi: [[150, 164]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural'],
    palette: 'fm',
    voices: fm('fm-lead', 'fm-brass', 'fm-bass'),
  },
  {
    name: 'overworld-galop',
    groove: 'galop',
    tempi: [[120, 144]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'nes',
    voices: NES_ARP,
  },
  {
    name: 'circus-level',
    groove: 'oompah24',
    tempi: [[132, 160]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'nes',
    voices: NES_PULSE,
  },
  {
    name: 'save-room',
    groove: 'arpFlow',
    tempi: [[64, 80]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'nes',
    voices: NES_PULSE,
  },
  {
    name: 'fairy-fountain',
    groove: 'harp128',
    tempi: [[60, 72]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    palette: 'fm',
    voices: fm('fm-flute', 'fm-epiano', 'fm-bass'),
  },
];

export const styleOf = (name: string): GsStyle => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`no game-soundtrack style ${name}`);
  return s;
};

export const grooveOf = (style: string): Groove => GROOVES[styleOf(style).groove];

// ---------------------------------------------------------------- the items

export interface GamesoundItem {
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: GsMetre;
  feel: GsFeel;
  drums: boolean;
  /** The constant tempo (BPM of the tapped beat). */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: GsMinorKind | null;
  opening: GsOpening;
  palette: GsPalette;
  /** The pulse lead's duty cycle (the NES's 12.5, 25 and 50 %). */
  duty: 0.125 | 0.25 | 0.5;
  /** The lead's echo (a dotted-eighth delay, an eighth in 6/8 and 12/8). */
  echo: boolean;
  /** The sequencer's frame rate: arpeggio chords cycle and the vibrato is stepped at it. */
  frameHz: 50 | 60;
  master: GsMaster;
  /** The clip's peak level after mastering, dBFS. */
  peakDb: number;
  seed: number;
}

export const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const PEAKS = [-1, -3, -6] as const;
const DUTIES = [0.125, 0.25, 0.5] as const;
const MASTERS: readonly GsMaster[] = ['clean', 'tv', 'crush'];
const FRAMES = [60, 50] as const;

/** The 160 items: pairs of each style in a seeded order, keys and openings dealt so each half has all. */
export function gamesound(seed = GAMESOUND_SEED): GamesoundItem[] {
  const rnd = mulberry32(seed);
  const pairStyles = shuffled(
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, () => s)),
    rnd,
  );
  const tonic = decks(
    Array.from({ length: 12 }, (_, i) => i),
    rnd,
  );
  const openings = decks<GsOpening>(['straight', 'fanfare', 'arpeggio'], rnd);
  const flip = new Map<string, number>();
  const items: GamesoundItem[] = [];
  for (const [p, s] of pairStyles.entries()) {
    const g = GROOVES[s.groove];
    const [lo, hi] = s.tempi[Math.floor(rnd() * s.tempi.length)]!;
    const turn = flip.get(s.name) ?? Math.floor(rnd() * 2);
    flip.set(s.name, turn + 1);
    const [d0, e0, f0, m0, p0, k0] = Array.from({ length: 6 }, () => Math.floor(rnd() * 6));
    for (let h = 0; h < 2; h++) {
      const n = 2 * p + h;
      const mode = s.modes === 'both' ? (['major', 'minor'] as const)[(turn + h) % 2]! : s.modes;
      // the held-out item never shares its tuning twin's key
      const twin = items[2 * p];
      const tonicPc = tonic(`${h} ${mode}`, h === 1 && twin?.mode === mode ? twin.tonicPc : undefined);
      items.push({
        id: `${indexId('gs', n)}-${s.name}`,
        set: h === 1 ? 'held-out' : 'tuning',
        style: s.name,
        metre: g.metre,
        feel: g.feel,
        drums: g.feel !== 'none',
        bpm: lo + Math.floor(rnd() * (hi - lo + 1)),
        tonicPc,
        mode,
        minorKind: mode === 'minor' ? s.minorKinds[(k0! + h) % s.minorKinds.length]! : null,
        opening: openings(String(h)),
        palette: s.palette,
        // a pair's two items take different duties, echo on and off, both frame rates, different masters and peaks
        duty: DUTIES[(d0! + h) % 3]!,
        echo: (e0! + h) % 2 === 0,
        frameHz: FRAMES[(f0! + h) % 2]!,
        master: MASTERS[(m0! + h) % 3]!,
        peakDb: PEAKS[(p0! + 2 * h) % 3]!,
        seed: Math.floor(rnd() * 2 ** 31),
      });
    }
  }
  return items;
}

/** The score's quarter notes per minute: the label, or 1.5 × the label in 6/8 and 12/8. */
export const gamesoundQpm = (item: Pick<GamesoundItem, 'bpm' | 'metre'>) => labelledQpm(item);

// ---------------------------------------------------------------- the score

export interface GsNote extends ScoreNote {
  part: GsPart;
}

export type GsSectionName = 'intro' | 'A' | 'B';

export interface GsSection {
  name: GsSectionName;
  bar: number;
}

export interface GsScore {
  qpm: number;
  bars: number;
  barQ: number;
  beatQ: number;
  /** Bars of intro (fanfare or arpeggio) before the groove. */
  introBars: number;
  /** The first groove bar's position: the label checks read from here. */
  introEndQ: number;
  programs: { channel: number; program: number }[];
  notes: GsNote[];
  sections: GsSection[];
  /** The chord of each bar: scale degree (0 = the tonic chord). */
  chords: number[];
  /** Pitch classes (relative to the tonic) the item's scale allows. */
  allowedPcs: number[];
}

const BAR_Q: Record<GsMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };
export const PART_CHANNEL: Record<GsPart, number> = { bass: 0, comp: 1, lead: 2, drums: 9 };

/** GM programs the SMF names for each voice (the render plays our own synth, not these). */
const GM_PROGRAM: Record<GsLeadVoice | GsCompVoice | GsBassVoice, number> = {
  pulse: 80,
  arp: 80,
  triangle: 38,
  wave: 39,
  'fm-lead': 81,
  'fm-brass': 62,
  'fm-flute': 73,
  'fm-epiano': 4,
  'fm-pad': 89,
  'fm-bass': 38,
  'fm-slap': 36,
  bell: 10,
};

/** The item's scale, relative to the tonic. */
export function gamesoundScale(item: Pick<GamesoundItem, 'mode' | 'minorKind' | 'style'>): number[] {
  return keyScale(item.mode, item.minorKind, styleOf(item.style).mixo);
}

/**
 * Four-chord loops as scale degrees (0 = the tonic chord), by harmonic family: A loops open on the
 * tonic, B loops elsewhere and turn back to it; no diminished or augmented triads (harmonic minor's
 * III is left out), harmonic minor always sounding its major V, dorian its major IV.
 */
const LOOPS: Record<string, { a: readonly (readonly number[])[]; b: readonly (readonly number[])[] }> = {
  major: {
    a: [
      [0, 3, 4, 0],
      [0, 5, 3, 4],
      [0, 4, 5, 3],
      [0, 3, 0, 4],
    ],
    b: [
      [3, 4, 0, 0],
      [5, 3, 4, 0],
      [3, 0, 4, 4],
    ],
  },
  mixo: {
    a: [
      [0, 6, 3, 0],
      [0, 3, 0, 6],
    ],
    b: [
      [3, 6, 0, 0],
      [6, 3, 0, 4],
    ],
  },
  natural: {
    a: [
      [0, 5, 6, 0],
      [0, 3, 5, 6],
      [0, 6, 5, 6],
    ],
    b: [
      [5, 6, 0, 0],
      [3, 6, 0, 4],
    ],
  },
  harmonic: {
    a: [
      [0, 3, 4, 0],
      [0, 5, 3, 4],
      [0, 5, 4, 0],
    ],
    b: [
      [3, 4, 0, 0],
      [5, 3, 4, 4],
    ],
  },
  dorian: {
    a: [
      [0, 3, 0, 3],
      [0, 6, 3, 0],
    ],
    b: [
      [3, 6, 0, 0],
      [6, 3, 0, 3],
    ],
  },
};

function family(item: GamesoundItem, style: GsStyle): keyof typeof LOOPS {
  if (item.mode === 'major') return style.mixo ? 'mixo' : 'major';
  return item.minorKind!;
}

/** A chord's tones relative to the tonic: root, third, fifth. */
const chordTones = (scale: readonly number[], degree: number) =>
  [0, 2, 4].map((k) => scale[(degree + k) % 7]!);

const VELOCITY: Record<string, number> = { X: 112, x: 92, o: 70, g: 48 };
/** Section B is played louder than A. */
const DYNAMIC: Record<GsSectionName, number> = { intro: 0.9, A: 0.85, B: 1 };

interface Ctx {
  item: GamesoundItem;
  groove: Groove;
  rnd: () => number;
  barQ: number;
  beatQ: number;
  steps: number;
  bars: number;
  introBars: number;
  scale: readonly number[];
  sections: readonly GsSection[];
  chords: readonly number[];
  sectionAt: (bar: number) => GsSectionName;
  q: (step: number) => number;
  vel: (base: number, bar: number, step: number) => number;
  add: (part: GsPart, pitch: number, start: number, duration: number, velocity: number) => void;
}

/** Bars of intro: none straight in; a fanfare one bar (two in 2/4); an arpeggio two (one in 12/8). */
function introBarsOf(opening: GsOpening, barQ: number): number {
  if (opening === 'straight') return 0;
  if (opening === 'fanfare') return barQ <= 2 ? 2 : 1;
  return barQ >= 6 ? 1 : 2;
}

/** The loop's form after the intro: sections A and B alternating, 4 bars each (8 in 2/4 or in long pieces). */
function sectionsOf(introBars: number, bars: number, barQ: number): GsSection[] {
  const body = bars - introBars;
  const len = barQ <= 2 || body >= 20 ? 8 : 4;
  const out: GsSection[] = introBars > 0 ? [{ name: 'intro', bar: 0 }] : [];
  for (let b = introBars, k = 0; b < bars; b += len, k++) out.push({ name: k % 2 === 0 ? 'A' : 'B', bar: b });
  return out;
}

export function composeGamesound(item: GamesoundItem): GsScore {
  const style = styleOf(item.style);
  const groove: Groove = GROOVES[style.groove];
  const rnd = mulberry32(item.seed);
  const qpm = gamesoundQpm(item);
  const barQ = BAR_Q[item.metre];
  const beatQ = compound(item.metre) ? 1.5 : 1;
  // a bar to spare beyond the clip
  const bars = Math.ceil((GAMESOUND_CLIP_SEC * qpm) / 60 / barQ) + 1;
  const introBars = introBarsOf(item.opening, barQ);
  const scale = gamesoundScale(item);
  const sections = sectionsOf(introBars, bars, barQ);
  const sectionAt = (bar: number) => [...sections].reverse().find((s) => s.bar <= bar)!.name;
  const loops = LOOPS[family(item, style)]!;
  const loopA = loops.a[Math.floor(rnd() * loops.a.length)]!;
  const loopB = loops.b[Math.floor(rnd() * loops.b.length)]!;
  const perChord = barQ <= 2 ? 2 : 1;
  const chords = Array.from({ length: bars }, (_, bar) => {
    const sec = [...sections].reverse().find((s) => s.bar <= bar)!;
    if (sec.name === 'intro' || bar === bars - 1) return 0;
    const loop = sec.name === 'B' ? loopB : loopA;
    return loop[Math.floor((bar - sec.bar) / perChord) % loop.length]!;
  });
  const notes: GsNote[] = [];
  const steps = barQ * groove.g;
  const strong = (step: number) =>
    step % Math.round((compound(item.metre) ? beatQ : barQ <= 2 ? 1 : 2) * groove.g) === 0;
  const c: Ctx = {
    item,
    groove,
    rnd,
    barQ,
    beatQ,
    steps,
    bars,
    introBars,
    scale,
    sections,
    chords,
    sectionAt,
    q: (step) => step / groove.g,
    vel: (base, bar, step) =>
      Math.max(24, Math.min(127, Math.round(base * DYNAMIC[sectionAt(bar)] + (strong(step) ? 10 : 0)))),
    add: (part, pitch, start, duration, velocity) =>
      notes.push({ part, channel: PART_CHANNEL[part], pitch, start, duration, velocity, jitterSec: 0 }),
  };
  if (groove.drums) composeDrums(c, groove.drums);
  composeBass(c);
  composeComp(c);
  composeLead(c);
  if (item.opening === 'fanfare') composeFanfare(c);
  if (item.opening === 'arpeggio') composeArpeggio(c);
  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  return {
    qpm,
    bars,
    barQ,
    beatQ,
    introBars,
    introEndQ: introBars * barQ,
    programs: (['bass', 'comp', 'lead'] as const).map((p) => ({
      channel: PART_CHANNEL[p],
      program: GM_PROGRAM[style.voices[p]],
    })),
    notes,
    sections,
    chords,
    allowedPcs: scale,
  };
}

/** The drums from the groove on: A's kit (B's in B sections), a fill before each section change and a crash on its downbeat. */
function composeDrums(c: Ctx, drums: NonNullable<Groove['drums']>): void {
  const changes = new Set(c.sections.filter((s) => s.bar > c.introBars).map((s) => s.bar));
  const fillSteps = Math.round(c.beatQ * c.groove.g);
  for (let bar = c.introBars; bar < c.bars; bar++) {
    const fillFrom = changes.has(bar + 1) ? c.steps - fillSteps : c.steps;
    const kit = c.sectionAt(bar) === 'B' ? drums.b : drums.a;
    for (const [note, p] of Object.entries(kit))
      for (const o of onsets(pat(p, c.steps), /[Xxog]/))
        if (o.step < fillFrom)
          c.add('drums', Number(note), bar * c.barQ + c.q(o.step), 0.2, c.vel(VELOCITY[o.ch]!, bar, o.step));
    for (let k = fillFrom; k < c.steps; k++)
      c.add(
        'drums',
        drums.fill[(k - fillFrom) % drums.fill.length]!,
        bar * c.barQ + c.q(k),
        0.2,
        c.vel(84 + (k - fillFrom) * 8, bar, k),
      );
    if (changes.has(bar) || bar === c.introBars) c.add('drums', CRASH, bar * c.barQ, 1, c.vel(104, bar, 0));
  }
}

/** The bass from the groove on: the section's pattern on the bar's chord; the last bar holds the tonic. */
function composeBass(c: Ctx): void {
  const nextRoot = (bar: number) => c.scale[c.chords[Math.min(bar + 1, c.bars - 1)]!]!;
  for (let bar = c.introBars; bar < c.bars; bar++) {
    const tones = chordTones(c.scale, c.chords[bar]!);
    const { a, b } = c.groove.bass;
    const p = bar === c.bars - 1 ? 'R'.padEnd(c.steps, '-') : pat(c.sectionAt(bar) === 'B' ? b : a, c.steps);
    for (const o of onsets(p, /[R583a]/)) {
      const rel = {
        R: tones[0]!,
        5: tones[2]!,
        8: tones[0]!,
        3: tones[1]!,
        a: c.scale[(c.scale.indexOf(nextRoot(bar)) + 6) % 7]!,
      }[o.ch]!;
      const pitch = near(c.item.tonicPc, rel, 40) + (o.ch === '8' ? 12 : 0);
      c.add('bass', pitch, bar * c.barQ + c.q(o.step), c.q(o.len) * 0.85, c.vel(92, bar, o.step));
    }
  }
}

/** The comp from the groove on, its chords voiced near middle C; the last bar holds the tonic chord. */
function composeComp(c: Ctx): void {
  for (let bar = c.introBars; bar < c.bars; bar++) {
    const voicing = chordTones(c.scale, c.chords[bar]!)
      .map((t) => near(c.item.tonicPc, t, 62))
      .sort((x, y) => x - y);
    // broken chords ('1'-'4') climb from the root in root position
    const tones = chordTones(c.scale, c.chords[bar]!);
    const root = near(c.item.tonicPc, tones[0]!, 57);
    const broken = tones.map((t) => root + ((t - tones[0]! + 12) % 12));
    const { a, b } = c.groove.comp;
    const p = bar === c.bars - 1 ? 'x'.padEnd(c.steps, '-') : pat(c.sectionAt(bar) === 'B' ? b : a, c.steps);
    for (const o of onsets(p, /[Xx1-4]/)) {
      const start = bar * c.barQ + c.q(o.step);
      const dur = c.q(o.len) * 0.9;
      const v = c.vel(o.ch === 'X' ? 96 : 80, bar, o.step);
      if (o.ch === 'X' || o.ch === 'x') for (const pitch of voicing) c.add('comp', pitch, start, dur, v);
      else c.add('comp', broken[(Number(o.ch) - 1) % 3]! + (o.ch === '4' ? 12 : 0), start, dur, v);
    }
  }
}

/** The melody's ladder: the scale's pitches over an octave and a fifth from G above middle C. */
function ladderOf(c: Ctx): number[] {
  const ladder: number[] = [];
  for (let p = 67; p < 82; p++) if (c.scale.includes((((p - c.item.tonicPc) % 12) + 12) % 12)) ladder.push(p);
  return ladder;
}

/**
 * The melody from the groove on: phrases of two bars (four in 2/4), each bar a rhythm cell and the
 * phrase's last an ending cell with a rest; pitches walk the scale, chord tones on the downbeat and
 * at the phrase's end; the piece's last phrase ends on the tonic.
 */
function composeLead(c: Ctx): void {
  const relOf = (p: number) => (((p - c.item.tonicPc) % 12) + 12) % 12;
  const ladder = ladderOf(c);
  const phraseBars = c.barQ <= 2 ? 4 : 2;
  const changes = new Set(c.sections.map((s) => s.bar));
  let at = Math.floor(ladder.length / 2);
  for (let bar = c.introBars; bar < c.bars - 1; bar++) {
    const end =
      (bar - c.introBars) % phraseBars === phraseBars - 1 || bar === c.bars - 2 || changes.has(bar + 1);
    const cells = end ? c.groove.lead.ends : c.groove.lead.cells;
    const hits = onsets(pat(cells[Math.floor(c.rnd() * cells.length)]!, c.steps), /x/);
    for (const [i, o] of hits.entries()) {
      at = Math.max(0, Math.min(ladder.length - 1, at + [-2, -1, -1, 1, 1, 2, 0][Math.floor(c.rnd() * 7)]!));
      const last = end && i === hits.length - 1;
      if (o.step === 0 || last) {
        const want = (p: number) =>
          bar === c.bars - 2 && last
            ? relOf(p) === 0
            : chordTones(c.scale, c.chords[bar]!).includes(relOf(p));
        const k = [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7]
          .map((d) => at + d)
          .find((j) => j >= 0 && j < ladder.length && want(ladder[j]!));
        if (k !== undefined) at = k;
      }
      c.add('lead', ladder[at]!, bar * c.barQ + c.q(o.step), c.q(o.len) * 0.9, c.vel(90, bar, o.step));
    }
  }
}

/**
 * The fanfare intro: the tonic chord struck on every labelled beat (a snare roll under it where
 * there are drums), the melody rising through the tonic triad in the last beat to the tonic on the
 * groove's downbeat.
 */
function composeFanfare(c: Ctx): void {
  const endQ = c.introBars * c.barQ;
  const voicing = chordTones(c.scale, 0).map((t) => near(c.item.tonicPc, t, 62));
  for (let q = 0; q < endQ - c.beatQ; q += c.beatQ)
    for (const p of voicing) c.add('comp', p, q, c.beatQ * 0.6, q === 0 ? 110 : 96);
  const home = near(c.item.tonicPc, 0, 72);
  const triad = chordTones(c.scale, 0);
  const n = c.beatQ === 1.5 ? 3 : 2;
  const step = c.beatQ / n;
  const from = endQ - c.beatQ;
  for (let k = 0; k < n; k++)
    c.add('lead', home - 12 + triad[k + (3 - n)]!, from + k * step, step * 0.9, 90 + k * 6);
  if (c.groove.drums)
    for (let k = 0; k < Math.round(c.beatQ * c.groove.g); k++)
      c.add('drums', SNARE, from + c.q(k), 0.2, 80 + k * 8);
}

/** The arpeggio intro: the tonic chord broken upwards and back on every eighth note, no drums, no bass. */
function composeArpeggio(c: Ctx): void {
  const endQ = c.introBars * c.barQ;
  const root = near(c.item.tonicPc, 0, 60);
  const [, third, fifth] = chordTones(c.scale, 0);
  const run = [0, third!, fifth!, 12, 12 + third!, 12 + fifth!, 24].map((d) => root + d);
  const cycle = [...run, ...run.slice(1, -1).reverse()];
  for (let k = 0; k * 0.5 < endQ; k++)
    c.add('comp', cycle[k % cycle.length]!, k * 0.5, 0.45, k % 2 === 0 ? 104 : 92);
}

// ---------------------------------------------------------------- the MIDI file

/**
 * The score as a format-0 SMF at its constant tempo (PPQ 480): the item's own, or the `score` already
 * composed for it (the renderer composes once for the SMF and the synth).
 */
export function gamesoundMidi(item: GamesoundItem, score: GsScore = composeGamesound(item)): Uint8Array {
  return scoreToSmf(score, item.metre, { cutOverlaps: true });
}

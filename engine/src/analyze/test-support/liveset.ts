// The live sets (set N, the tenth composer, written blind of the analyser): 160 seeded 30 s pieces
// as a live band plays them in clubs, bars, churches and weddings — blues shuffles and slow 12/8
// blues, rock'n'roll, garage, classic and hard rock, punk, ska, rocksteady, reggae, soul, funk,
// gospel in 6/8 and 4/4, country ballads, bluegrass, honky-tonk, swing, bebop, jazz ballads, bossa,
// latin jazz, cumbia, polka, wedding waltzes and horas, 6/8 slow dances, drumless singer-songwriters,
// the piano bar, cover-band pop, disco, Motown, new wave, indie, post-rock, metal and jam bands —
// played by TiMidity++ with a GM SoundFont and mastered as a room recording (liveset-render.ts).
// What makes them live, not sequenced: the tempo wanders (a smooth random walk within ±2 %, a new
// tempo every bar, some bands pushing in the chorus), some start with a pickup or a drum fill before
// bar 1, some with a one-bar stick count-in, some with 2-4 s of free-time chord or arpeggio before
// the groove; each part keeps its own timing offset and looseness (drums tight, bass behind, comping
// loosest), velocities accent the style's strong beats, and the verse is quieter than the chorus.
// Tests and benches only.
//
// THE LABEL CONVENTION. The label is the beat a listener taps:
// - 2/4, 3/4 and 4/4: the quarter note. 6/8 and 12/8: the dotted quarter (the score's quarter-note
//   tempo is then 1.5 × the label).
// - Half-time feels are labelled at the tempo the style is counted in, the snare on beat 3 of 4.
// - The tempo drifts, so the label is its mean over the clip: the groove's beats heard in the 30 s
//   divided by the time they take (a free-time intro is not part of it; the count-in is, at the
//   labelled tempo like the rest).
// The key label is the tonic and mode the harmony and melody are built on: majors (some styles
// borrowing the mixolydian ♭7) and minors natural, harmonic (the raised 7th on V) or dorian (the
// major 6th). The intro and verse open on the tonic chord, the chorus opens elsewhere and comes back,
// the piece ends on the tonic.
//
// Items come in pairs: item 2k (tuning) and item 2k+1 (held-out) share style, metre, feel and tempo
// range, never a key; the opening (straight in, pickup, count-in, free-time intro) is dealt per half
// and the render (SoundFont, room, compressor, EQ tilt, noise floor, peak level) pair by pair.
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

export const LIVESET_SEED = 6262;
export const LIVESET_CLIP_SEC = 30;
/** The most the tempo of any bar strays from the label (the walk is scaled back inside it). */
export const LIVESET_MAX_DRIFT = 0.019;

export type LvMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type LvMinorKind = 'natural' | 'harmonic' | 'dorian';
/** How the drums carry the beat; 'none' is drumless. */
export type LvFeel =
  | 'none'
  | 'four-on-the-floor'
  | 'backbeat'
  | 'half-time'
  | 'shuffle'
  | 'syncopated'
  | 'oom-pah';
export type LvOpening = 'straight' | 'pickup' | 'count-in' | 'rubato';
export type LvPart = 'drums' | 'bass' | 'comp' | 'lead';
export type LvFont = 'fluidr3' | 'timgm6mb';
export type LvCompressor = 'none' | 'gentle' | 'glue';

/** Drum note → one bar's hits ('X' accent, 'x' hit, 'o' soft, 'g' ghost, '.' none; spaces ignored; a shorter string repeats). */
type Kit = Readonly<Record<number, string>>;

/** A band's groove: the metre and grid, the drums of verse and chorus, bass, comp and melody rhythms. */
interface Groove {
  metre: LvMetre;
  feel: LvFeel;
  /** Grid steps per quarter note: 4 sixteenths, 3 swung (triplet) eighths, 2 eighths. */
  g: 2 | 3 | 4;
  /** The music divides the labelled beat into sixteenths. */
  sixteenths: boolean;
  drums?: { verse: Kit; chorus: Kit; fill: readonly number[] };
  /** Bass: 'R' root, '5' fifth, '8' octave, '3' third, 'a' a step to the next chord's root, '-' hold, '.' rest. */
  bass: { verse: string; chorus: string };
  /** Comp: 'X'/'x' the chord, '1'-'4' one tone of the voicing, '-' hold, '.' rest. */
  comp: { verse: string; chorus: string };
  lead: { cells: readonly string[]; ends: readonly string[] };
}

// ---------------------------------------------------------------- drum notes (GM numbering)

const K = 36;
const STICKS = 31;
const RIM = 37;
const SN = 38;
const CLAP = 39;
const HH = 42;
const PH = 44;
const TOM_L = 45;
const OH = 46;
const TOM_M = 47;
const CR = 49;
const TOM_H = 50;
const RIDE = 51;
const TAMB = 54;
const BELL = 56;
const CONGA_H = 63;
const CONGA_L = 64;
const CLAVES = 75;
const SHK = 82;

/** The count-in's stick click (liveset.test.ts checks it sounds on every beat of the count-in bar). */
export const COUNT_IN_NOTE = STICKS;

// ---------------------------------------------------------------- melody rhythm cells (one bar each)

const L44 = ['x-x- x--- x-x- x---', '..x- x-x- x--- x-x-', 'x--- x-x- ..x- x---', 'x-.x --x- x--- ..x-'];
const L44_END = ['x-x- x--- .... ....', 'x--- x--- x--- ....'];
const L8 = ['x-x- x-x-', 'x--x --x-', '.-x- x---'];
const L8_END = ['x-x- x...', 'x--- ....'];
const LSW = ['x-x x-- x-x x--', '..x x-- x-x x-x', 'x-- x-x ..x x--'];
const LSW_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];
const L24 = ['x-x- x-x-', 'x--- x-x-', '..x- x---'];
const L24_END = ['x--- ....', 'x-x- ....'];
const L34 = ['x-x-x-', 'x---x-', '..x-x-'];
const L34_END = ['x-x-..', 'x---..'];
const L68 = ['x-x x-x', 'x-- x-x', '..x x--'];
const L68_END = ['x-x ...', 'x-- ...'];
const L128 = ['x-x x-x x-- x-x', 'x-- x-x x-x x--'];
const L128_END = ['x-x x-- ... ...', 'x-- x-x x-- ...'];

const BACKBEAT = '.... x... .... x...';
const FILL = [SN, SN, TOM_H, TOM_L];

// ---------------------------------------------------------------- the grooves bands play

const GROOVES = {
  rock: {
    metre: '4/4',
    feel: 'backbeat',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x... .... x.x. ....', [SN]: BACKBEAT, [HH]: 'x.o.' },
      chorus: { [K]: 'x... ..x. x.x. ....', [SN]: '.... X... .... X...', [RIDE]: 'x.x.' },
      fill: FILL,
    },
    bass: { verse: 'R--- ..R- 5--- ..R-', chorus: 'R-R- R-R- 5-5- R-a-' },
    comp: { verse: 'x-.x --x- x-.x --x-', chorus: 'x-x- x-x- x-x- x-x-' },
    lead: { cells: L44, ends: L44_END },
  },
  drive: {
    metre: '4/4',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x. .. x. ..', [SN]: '.. x. .. x.', [HH]: 'xo' },
      chorus: { [K]: 'x. .x x. ..', [SN]: '.. X. .. X.', [RIDE]: 'xx' },
      fill: [SN, SN, TOM_M, TOM_L],
    },
    bass: { verse: 'RR RR RR RR', chorus: 'RR RR 55 5a' },
    comp: { verse: 'x- -x -x x-', chorus: 'xx xx xx xx' },
    lead: { cells: L8, ends: L8_END },
  },
  shuffle: {
    metre: '4/4',
    feel: 'shuffle',
    g: 3,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x.. ... x.. ...', [SN]: '... x.. ... x..', [HH]: 'x.x' },
      chorus: { [K]: 'x.. ..x x.. ...', [SN]: '... X.. ... X..', [RIDE]: 'x.x' },
      fill: [SN, SN, TOM_L],
    },
    bass: { verse: 'R.R 3.3 5.5 3.3', chorus: 'R.8 3.3 5.5 8.a' },
    comp: { verse: 'x-- ..x x-- ..x', chorus: 'x.x x.x x.x x.x' },
    lead: { cells: LSW, ends: LSW_END },
  },
  swing: {
    metre: '4/4',
    feel: 'shuffle',
    g: 3,
    sixteenths: false,
    drums: {
      verse: { [RIDE]: 'x.. x.x x.. x.x', [PH]: '... x.. ... x..', [K]: 'o.. ... o.. ...' },
      chorus: {
        [RIDE]: 'X.. x.x X.. x.x',
        [PH]: '... x.. ... x..',
        [SN]: '... ..g ... ..x',
        [K]: 'x.. ... x.. ...',
      },
      fill: [SN, SN, TOM_M],
    },
    bass: { verse: 'R-- 3-- 5-- a--', chorus: 'R-- 5-- 8-- a--' },
    comp: { verse: 'x-- ..x --- ...', chorus: '... x-- ..x ...' },
    lead: { cells: LSW, ends: LSW_END },
  },
  slowBlues: {
    metre: '12/8',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x.. ... x.. ...', [SN]: '... x.. ... x..', [HH]: 'xoo' },
      chorus: { [K]: 'x.. ..x x.. ...', [SN]: '... X.. ... X..', [RIDE]: 'xoo' },
      fill: [SN, TOM_M, TOM_L],
    },
    bass: { verse: 'R-5 8-5 R-5 8-5', chorus: 'R.R 3.3 5.5 8.a' },
    comp: { verse: 'x-- x-- x-- x--', chorus: 'xxx xxx xxx xxx' },
    lead: { cells: L128, ends: L128_END },
  },
  sixEight: {
    metre: '6/8',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x.. ...', [SN]: '... x..', [HH]: 'xoo' },
      chorus: { [K]: 'x.. ..x', [SN]: '... X..', [RIDE]: 'x.x' },
      fill: [SN, TOM_M, TOM_L],
    },
    bass: { verse: 'R-- 5--', chorus: 'R-5 8-5' },
    comp: { verse: '123 432', chorus: 'x-x x-x' },
    lead: { cells: L68, ends: L68_END },
  },
  disco: {
    metre: '4/4',
    feel: 'four-on-the-floor',
    g: 4,
    sixteenths: true,
    drums: {
      verse: { [K]: 'x...', [SN]: BACKBEAT, [OH]: '..x.', [SHK]: 'xoxo' },
      chorus: { [K]: 'X...', [SN]: BACKBEAT, [CLAP]: BACKBEAT, [HH]: 'xoXo' },
      fill: FILL,
    },
    bass: { verse: 'R-8- R-8- R-8- R-8-', chorus: 'R.8R ..8. R.8R ..a.' },
    comp: { verse: '..x. ..x. ..x. ..x.', chorus: 'x.xx .x.x x.xx .x.x' },
    lead: { cells: L44, ends: L44_END },
  },
  motown: {
    metre: '4/4',
    feel: 'four-on-the-floor',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x...', [SN]: 'x...', [TAMB]: BACKBEAT },
      chorus: { [K]: 'x...', [SN]: 'X... x... X... x...', [TAMB]: 'x.x.' },
      fill: FILL,
    },
    bass: { verse: 'R-.R 5-.5 R-.R 5-a-', chorus: 'R-R- 5-5- 8-8- 5-a-' },
    comp: { verse: '.... x... .... x...', chorus: 'x.x. x.x. x.x. x.x.' },
    lead: { cells: L44, ends: L44_END },
  },
  funk: {
    metre: '4/4',
    feel: 'syncopated',
    g: 4,
    sixteenths: true,
    drums: {
      verse: { [K]: 'x..x ..x. ..x. ....', [SN]: '.... x..g .g.. x...', [HH]: 'xoxo' },
      chorus: {
        [K]: 'x..x ..x. x.x. ...x',
        [SN]: '.... X..g .g.. X..g',
        [HH]: 'xoxo',
        [OH]: '.... .... .... ..x.',
      },
      fill: FILL,
    },
    bass: { verse: 'R-.R ..8. .R.. 5-a.', chorus: 'R.RR .88. R..5 .8a.' },
    comp: { verse: '.xx. x... .xx. x...', chorus: 'x.xx .x.. x.x. .x.x' },
    lead: { cells: L44, ends: L44_END },
  },
  oneDrop: {
    metre: '4/4',
    feel: 'half-time',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [HH]: 'x.o.', [RIM]: '.... .... x... ....', [K]: '.... .... x... ....' },
      chorus: { [HH]: 'x.ox', [SN]: '.... .... X... ....', [K]: '.... .... x... ....' },
      fill: [SN, TOM_H, TOM_M, TOM_L],
    },
    bass: { verse: 'R--. ..5. 8-.. 5-a.', chorus: 'R-.R ..5. 3--. 5-a.' },
    comp: { verse: '.... x... .... x...', chorus: '.... x.x. .... x.x.' },
    lead: { cells: L44, ends: L44_END },
  },
  halfTime: {
    metre: '4/4',
    feel: 'half-time',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x... .... ..x. ....', [SN]: '.... .... x... ....', [HH]: 'x.o.' },
      chorus: {
        [K]: 'x... ..x. ..x. ....',
        [SN]: '.... .... X... ....',
        [RIDE]: 'x.x.',
        [CR]: 'x... .... .... ....',
      },
      fill: FILL,
    },
    bass: { verse: 'R--- ---- R--- 5---', chorus: 'R-R- R-R- R-R- 5-a-' },
    comp: { verse: '1-2- 3-4- 1-2- 3-4-', chorus: 'x-x- x-x- x-x- x-x-' },
    lead: { cells: L44, ends: L44_END },
  },
  ska: {
    metre: '4/4',
    feel: 'backbeat',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x... .... x... ....', [SN]: BACKBEAT, [HH]: 'x.x.' },
      chorus: { [K]: 'x... .... x... ....', [SN]: '.... X... .... X...', [RIDE]: 'x.X.' },
      fill: FILL,
    },
    bass: { verse: 'R-3- 5-8- R-3- 5-a-', chorus: 'R-R- 5-5- 8-8- 5-a-' },
    comp: { verse: '..x. ..x. ..x. ..x.', chorus: '..X. ..X. ..X. ..X.' },
    lead: { cells: L44, ends: L44_END },
  },
  twoStep: {
    metre: '4/4',
    feel: 'backbeat',
    g: 2,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x. .. x. ..', [SN]: '.. x. .. x.', [HH]: 'x.' },
      chorus: { [K]: 'x. .. x. .x', [SN]: '.. X. .. X.', [RIDE]: 'xo' },
      fill: [SN, SN, TOM_L],
    },
    bass: { verse: 'R- -- 5- --', chorus: 'R- 3- 5- a-' },
    comp: { verse: '.. x. .. x.', chorus: 'x. x. x. x.' },
    lead: { cells: L8, ends: L8_END },
  },
  bossa: {
    metre: '4/4',
    feel: 'syncopated',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [RIM]: 'x..x ..x. ..x. .x..', [K]: 'x..x x..x', [HH]: 'x.o.' },
      chorus: { [RIM]: 'x..x ..x. ..x. .x..', [K]: 'x..x x..x', [RIDE]: 'x.x.' },
      fill: [SN, RIM, SN],
    },
    bass: { verse: 'R--- --5- R--- --5-', chorus: 'R--- --5- 8--- --a-' },
    comp: { verse: 'x.-x --x- -x-- x---', chorus: 'x.-x --x- x.-x --x-' },
    lead: { cells: L44, ends: L44_END },
  },
  latin: {
    metre: '4/4',
    feel: 'syncopated',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [CLAVES]: '..x. x... x..x ..x.', [CONGA_H]: '.... ..xx .... ..xx', [BELL]: 'x.x.' },
      chorus: {
        [CLAVES]: '..x. x... x..x ..x.',
        [CONGA_H]: '.... ..xx .... ..xx',
        [BELL]: 'X.x.',
        [K]: '.... ..x. .... ..x.',
      },
      fill: [TOM_H, TOM_H, CONGA_L],
    },
    bass: { verse: '.... ..R- --.. 5---', chorus: '.... ..R- ..5- --8-' },
    comp: { verse: 'x.x. .x.x .x.x x.x.', chorus: '1.2. 3.1. 2.3. 1.2.' },
    lead: { cells: L44, ends: L44_END },
  },
  cumbia: {
    metre: '2/4',
    feel: 'syncopated',
    g: 4,
    sixteenths: true,
    drums: {
      verse: { [SHK]: 'x.xx', [CONGA_H]: '..x. ..x.', [K]: 'x... x...' },
      chorus: {
        [SHK]: 'x.xx',
        [CONGA_H]: '..x. ..xx',
        [CONGA_L]: '...x ...x',
        [K]: 'x... x...',
        [BELL]: 'x.x.',
      },
      fill: [CONGA_H, CONGA_H, CONGA_L],
    },
    bass: { verse: 'R-.. 5-..', chorus: 'R-.5 5-.a' },
    comp: { verse: '..x. ..x.', chorus: '..x. .xx.' },
    lead: { cells: L24, ends: L24_END },
  },
  polka: {
    metre: '2/4',
    feel: 'oom-pah',
    g: 4,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x... x...', [SN]: '..x. ..x.' },
      chorus: { [K]: 'X... x...', [SN]: '..X. ..X.', [RIDE]: 'x.x.' },
      fill: [SN, SN, TOM_M, TOM_L],
    },
    bass: { verse: 'R--- 5---', chorus: 'R--- 5-a-' },
    comp: { verse: '..x. ..x.', chorus: '..X. ..X.' },
    lead: { cells: L24, ends: L24_END },
  },
  waltz: {
    metre: '3/4',
    feel: 'oom-pah',
    g: 2,
    sixteenths: false,
    drums: {
      verse: { [K]: 'x. .. ..', [SN]: '.. o. o.', [HH]: 'x. x. x.' },
      chorus: { [K]: 'x. .. ..', [SN]: '.. x. x.', [RIDE]: 'x. xo x.' },
      fill: [SN, TOM_L],
    },
    bass: { verse: 'R- -- --', chorus: 'R- -- 5-' },
    comp: { verse: '.. x- x-', chorus: '.. x. x.' },
    lead: { cells: L34, ends: L34_END },
  },
  // drumless: the bass (or the left hand) and the comp sound every beat between them
  fingerpicked: {
    metre: '4/4',
    feel: 'none',
    g: 4,
    sixteenths: false,
    bass: { verse: 'R--- 5--- R--- 5---', chorus: 'R--- 5--- 8--- a---' },
    comp: { verse: '1.2. 3.2. 1.2. 3.2.', chorus: 'x.x. x.x. x.x. x.x.' },
    lead: { cells: L44, ends: L44_END },
  },
  pianoSixEight: {
    metre: '6/8',
    feel: 'none',
    g: 2,
    sixteenths: false,
    bass: { verse: 'R-- 5--', chorus: 'R-- a--' },
    comp: { verse: '.12 .32', chorus: '123 432' },
    lead: { cells: L68, ends: L68_END },
  },
  stride: {
    metre: '4/4',
    feel: 'none',
    g: 3,
    sixteenths: false,
    bass: { verse: 'R-- --- 5-- ---', chorus: 'R-- 3-- 5-- a--' },
    comp: { verse: '... x-- ... x--', chorus: '..x x-- ..x x--' },
    lead: { cells: LSW, ends: LSW_END },
  },
  chop: {
    metre: '2/4',
    feel: 'none',
    g: 4,
    sixteenths: false,
    bass: { verse: 'R--- 5---', chorus: 'R--- 5-a-' },
    comp: { verse: '..x. ..x.', chorus: '..x. ..xx' },
    lead: { cells: L24, ends: L24_END },
  },
} as const satisfies Record<string, Groove>;

type GrooveName = keyof typeof GROOVES;

// ---------------------------------------------------------------- GM programs

const GM = {
  piano: 0,
  brightPiano: 1,
  honkyTonk: 3,
  epiano: 4,
  vibes: 11,
  organ: 16,
  rockOrgan: 18,
  accordion: 21,
  harmonica: 22,
  nylon: 24,
  steel: 25,
  jazzGuitar: 26,
  cleanGuitar: 27,
  mutedGuitar: 28,
  overdrive: 29,
  distortion: 30,
  acousticBass: 32,
  fingerBass: 33,
  pickBass: 34,
  fretless: 35,
  synthBass: 38,
  violin: 40,
  strings: 48,
  trumpet: 56,
  trombone: 57,
  brass: 61,
  altoSax: 65,
  tenorSax: 66,
  clarinet: 71,
  flute: 73,
  whistle: 78,
  banjo: 105,
  fiddle: 110,
  leadSynth: 81,
} as const;

// ---------------------------------------------------------------- the styles

export interface LvStyle {
  name: string;
  groove: GrooveName;
  /** The label's tempo ranges (BPM of the tapped beat); a pair takes one. */
  tempi: readonly (readonly [number, number])[];
  pairs: 2 | 3;
  modes: 'major' | 'minor' | 'both';
  minorKinds: readonly LvMinorKind[];
  /** Majors borrow the mixolydian ♭7 (the ♭VII chord). */
  mixo?: boolean;
  /** GM programs of the lead, the comp and the bass. */
  programs: { lead: number; comp: number; bass: number };
}

const band = (lead: number, comp: number, bass: number) => ({ lead, comp, bass });

export const STYLES: readonly LvStyle[] = [
  {
    name: 'blues-shuffle',
    groove: 'shuffle',
    tempi: [[96, 126]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    programs: band(GM.harmonica, GM.cleanGuitar, GM.fingerBass),
  },
  {
    name: 'chicago-slow-blues',
    groove: 'slowBlues',
    tempi: [[60, 72]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    programs: band(GM.overdrive, GM.piano, GM.fingerBass),
  },
  {
    name: 'rock-and-roll',
    groove: 'drive',
    tempi: [[150, 180]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    programs: band(GM.tenorSax, GM.honkyTonk, GM.acousticBass),
  },
  {
    name: 'garage-rock',
    groove: 'drive',
    tempi: [[130, 160]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    programs: band(GM.rockOrgan, GM.overdrive, GM.pickBass),
  },
  {
    name: 'classic-rock',
    groove: 'rock',
    tempi: [[104, 128]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    mixo: true,
    programs: band(GM.overdrive, GM.distortion, GM.pickBass),
  },
  {
    name: 'hard-rock',
    groove: 'rock',
    tempi: [[88, 112]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['natural', 'harmonic'],
    programs: band(GM.distortion, GM.distortion, GM.pickBass),
  },
  {
    name: 'punk',
    groove: 'drive',
    tempi: [[168, 190]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    programs: band(GM.overdrive, GM.distortion, GM.pickBass),
  },
  {
    name: 'ska',
    groove: 'ska',
    tempi: [[140, 172]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    programs: band(GM.trumpet, GM.cleanGuitar, GM.fingerBass),
  },
  {
    name: 'rocksteady',
    groove: 'oneDrop',
    tempi: [[76, 92]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    programs: band(GM.organ, GM.cleanGuitar, GM.fingerBass),
  },
  {
    name: 'reggae',
    groove: 'oneDrop',
    tempi: [[64, 80]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['dorian', 'natural'],
    programs: band(GM.rockOrgan, GM.mutedGuitar, GM.fingerBass),
  },
  {
    name: 'soul',
    groove: 'rock',
    tempi: [[90, 110]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    programs: band(GM.tenorSax, GM.epiano, GM.fingerBass),
  },
  {
    name: 'funk',
    groove: 'funk',
    tempi: [[96, 116]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    mixo: true,
    programs: band(GM.brass, GM.mutedGuitar, GM.fingerBass),
  },
  {
    name: 'gospel-68',
    groove: 'sixEight',
    tempi: [[60, 76]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic'],
    programs: band(GM.organ, GM.piano, GM.fingerBass),
  },
  {
    name: 'gospel-shout',
    groove: 'shuffle',
    tempi: [[120, 144]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic', 'dorian'],
    programs: band(GM.organ, GM.piano, GM.fingerBass),
  },
  {
    name: 'country-ballad',
    groove: 'waltz',
    tempi: [[72, 92]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    programs: band(GM.fiddle, GM.steel, GM.acousticBass),
  },
  {
    name: 'bluegrass',
    groove: 'chop',
    tempi: [[104, 132]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    programs: band(GM.banjo, GM.steel, GM.acousticBass),
  },
  {
    name: 'honky-tonk',
    groove: 'twoStep',
    tempi: [[120, 150]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    programs: band(GM.fiddle, GM.honkyTonk, GM.acousticBass),
  },
  {
    name: 'swing',
    groove: 'swing',
    tempi: [[130, 166]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'harmonic'],
    programs: band(GM.clarinet, GM.jazzGuitar, GM.acousticBass),
  },
  {
    name: 'bebop',
    groove: 'swing',
    tempi: [[172, 190]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    programs: band(GM.altoSax, GM.piano, GM.acousticBass),
  },
  {
    name: 'jazz-ballad',
    groove: 'swing',
    tempi: [[60, 72]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic'],
    programs: band(GM.tenorSax, GM.piano, GM.acousticBass),
  },
  {
    name: 'bossa',
    groove: 'bossa',
    tempi: [[120, 140]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian'],
    programs: band(GM.flute, GM.nylon, GM.acousticBass),
  },
  {
    name: 'latin-jazz',
    groove: 'latin',
    tempi: [[150, 180]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic', 'dorian'],
    programs: band(GM.trumpet, GM.piano, GM.acousticBass),
  },
  {
    name: 'cumbia-band',
    groove: 'cumbia',
    tempi: [[88, 104]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    programs: band(GM.accordion, GM.nylon, GM.pickBass),
  },
  {
    name: 'polka-band',
    groove: 'polka',
    tempi: [[112, 136]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    programs: band(GM.accordion, GM.brass, GM.brass),
  },
  {
    name: 'wedding-waltz',
    groove: 'waltz',
    tempi: [[84, 108]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['harmonic'],
    programs: band(GM.violin, GM.piano, GM.acousticBass),
  },
  {
    name: 'wedding-hora',
    groove: 'polka',
    tempi: [[120, 150]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic'],
    programs: band(GM.clarinet, GM.accordion, GM.acousticBass),
  },
  {
    name: 'slow-dance-68',
    groove: 'sixEight',
    tempi: [[60, 74]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    programs: band(GM.tenorSax, GM.epiano, GM.fingerBass),
  },
  {
    name: 'singer-songwriter-guitar',
    groove: 'fingerpicked',
    tempi: [[84, 112]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    programs: band(GM.whistle, GM.steel, GM.steel),
  },
  {
    name: 'singer-songwriter-piano',
    groove: 'pianoSixEight',
    tempi: [[60, 80]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    programs: band(GM.flute, GM.piano, GM.piano),
  },
  {
    name: 'piano-bar',
    groove: 'stride',
    tempi: [[96, 128]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian', 'harmonic'],
    programs: band(GM.piano, GM.piano, GM.piano),
  },
  {
    name: 'cover-band-pop',
    groove: 'rock',
    tempi: [[100, 124]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    programs: band(GM.leadSynth, GM.epiano, GM.fingerBass),
  },
  {
    name: 'disco-band',
    groove: 'disco',
    tempi: [[112, 128]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    programs: band(GM.strings, GM.mutedGuitar, GM.fingerBass),
  },
  {
    name: 'motown',
    groove: 'motown',
    tempi: [[120, 140]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    programs: band(GM.tenorSax, GM.piano, GM.fingerBass),
  },
  {
    name: 'new-wave',
    groove: 'drive',
    tempi: [[132, 156]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    programs: band(GM.leadSynth, GM.cleanGuitar, GM.synthBass),
  },
  {
    name: 'indie-rock',
    groove: 'rock',
    tempi: [[110, 140]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    programs: band(GM.cleanGuitar, GM.overdrive, GM.pickBass),
  },
  {
    name: 'post-rock-build',
    groove: 'halfTime',
    tempi: [[64, 84]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    programs: band(GM.vibes, GM.cleanGuitar, GM.fingerBass),
  },
  {
    name: 'metal',
    groove: 'halfTime',
    tempi: [[132, 176]],
    pairs: 2,
    modes: 'minor',
    minorKinds: ['harmonic', 'natural'],
    programs: band(GM.distortion, GM.distortion, GM.pickBass),
  },
  {
    name: 'jam-band',
    groove: 'rock',
    tempi: [[100, 124]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    mixo: true,
    programs: band(GM.rockOrgan, GM.cleanGuitar, GM.fingerBass),
  },
];

export const styleOf = (name: string): LvStyle => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`no live-set style ${name}`);
  return s;
};

export const grooveOf = (style: string): Groove => GROOVES[styleOf(style).groove];

// ---------------------------------------------------------------- the items

export interface LivesetItem {
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: LvMetre;
  feel: LvFeel;
  drums: boolean;
  /** The mean tempo of the clip (BPM of the tapped beat). */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: LvMinorKind | null;
  opening: LvOpening;
  soundfont: LvFont;
  /** The room's early reflections (ffmpeg aecho) or none. */
  room: boolean;
  compressor: LvCompressor;
  /** A gentle EQ tilt, dB: treble up and bass down by this much (negative: darker). */
  tiltDb: number;
  /** The noise floor mixed under the band (tape hiss or the room's tone), dB below the band's peak. */
  noiseDb: number;
  noise: 'hiss' | 'room';
  /** The clip's peak level after mastering, dBFS. */
  peakDb: number;
  seed: number;
}

export const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const PEAKS = [-1, -3, -6] as const;
const COMPRESSORS: readonly LvCompressor[] = ['none', 'gentle', 'glue'];
const TILTS = [-2, 0, 2] as const;
const FONTS: readonly LvFont[] = ['fluidr3', 'timgm6mb'];

/** The 160 items: pairs of each style in a seeded order, keys and openings dealt so each half has all. */
export function liveset(seed = LIVESET_SEED): LivesetItem[] {
  const rnd = mulberry32(seed);
  const pairStyles = shuffled(
    STYLES.flatMap((s) => Array.from({ length: s.pairs }, () => s)),
    rnd,
  );
  const tonic = decks(
    Array.from({ length: 12 }, (_, i) => i),
    rnd,
  );
  // drumless bands have no drummer to count in
  const openings = decks<LvOpening>(['straight', 'pickup', 'count-in', 'rubato'], rnd);
  const drumlessOpenings = decks<LvOpening>(['straight', 'pickup', 'rubato'], rnd);
  const flip = new Map<string, number>();
  const items: LivesetItem[] = [];
  for (const [p, s] of pairStyles.entries()) {
    const g = GROOVES[s.groove];
    const [lo, hi] = s.tempi[Math.floor(rnd() * s.tempi.length)]!;
    const turn = flip.get(s.name) ?? Math.floor(rnd() * 2);
    flip.set(s.name, turn + 1);
    const [f0, r0, c0, t0, p0, k0] = Array.from({ length: 6 }, () => Math.floor(rnd() * 6));
    for (let h = 0; h < 2; h++) {
      const n = 2 * p + h;
      const mode = s.modes === 'both' ? (['major', 'minor'] as const)[(turn + h) % 2]! : s.modes;
      // the held-out item never shares its tuning twin's key
      const twin = items[2 * p];
      const tonicPc = tonic(`${h} ${mode}`, h === 1 && twin?.mode === mode ? twin.tonicPc : undefined);
      const drums = g.feel !== 'none';
      items.push({
        id: `${indexId('lv', n)}-${s.name}-${KEY_NAMES[tonicPc]}${mode === 'major' ? 'maj' : 'min'}`,
        set: h === 1 ? 'held-out' : 'tuning',
        style: s.name,
        metre: g.metre,
        feel: g.feel,
        drums,
        bpm: lo + Math.floor(rnd() * (hi - lo + 1)),
        tonicPc,
        mode,
        minorKind: mode === 'minor' ? s.minorKinds[(k0! + h) % s.minorKinds.length]! : null,
        opening: (drums ? openings : drumlessOpenings)(String(h)),
        // a pair's two items take both fonts, the room on and off, and different compressors, tilts and peaks
        soundfont: FONTS[(f0! + h) % 2]!,
        room: (r0! + h) % 2 === 0,
        compressor: COMPRESSORS[(c0! + h) % 3]!,
        tiltDb: TILTS[(t0! + h) % 3]!,
        noiseDb: -50 + Math.round(rnd() * 20) / 2,
        noise: rnd() < 0.5 ? 'hiss' : 'room',
        peakDb: PEAKS[(p0! + 2 * h) % 3]!,
        seed: Math.floor(rnd() * 2 ** 31),
      });
    }
  }
  return items;
}

/** The score's mean quarter notes per minute: the label, or 1.5 × the label in 6/8 and 12/8. */
export const livesetQpm = (item: Pick<LivesetItem, 'bpm' | 'metre'>) => labelledQpm(item);

// ---------------------------------------------------------------- the score

export interface LvNote extends ScoreNote {
  part: LvPart;
}

export type LvSectionName = 'pre' | 'intro' | 'verse' | 'chorus' | 'verse2' | 'chorus2';

export interface LvSection {
  name: LvSectionName;
  bar: number;
}

export interface LvScore {
  /** The mean quarter notes per minute of the groove over the clip. */
  qpm: number;
  /** Each groove bar's tempo, quarter notes per minute (bar 0 is the count-in or pickup bar where there is one). */
  barQpm: number[];
  bars: number;
  barQ: number;
  beatQ: number;
  /** Where the recording starts (quarter notes; the groove's bar 0 is at 0): a pickup starts inside bar 0, a free-time intro before it. */
  startQ: number;
  /** The free-time intro: its span in quarter notes before 0 (written at a tempo of its own) and its length in seconds; 0 without one. */
  rubatoQ: number;
  rubatoSec: number;
  /** The first verse bar's position: the label checks read from here. */
  introEndQ: number;
  programs: { channel: number; program: number }[];
  notes: LvNote[];
  sections: LvSection[];
  /** The chord of each bar: scale degree (0 = the tonic chord). */
  chords: number[];
  /** Pitch classes (relative to the tonic) the item's scale allows. */
  allowedPcs: number[];
}

const BAR_Q: Record<LvMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };
const PART_CHANNEL: Record<LvPart, number> = { bass: 0, comp: 1, lead: 2, drums: 9 };
/** The free-time intro spans this many quarter notes of its own tempo. */
const RUBATO_Q = 4;

/** The item's scale, relative to the tonic. */
export function livesetScale(item: Pick<LivesetItem, 'mode' | 'minorKind' | 'style'>): number[] {
  return keyScale(item.mode, item.minorKind, styleOf(item.style).mixo);
}

/**
 * Four-chord loops as scale degrees (0 = the tonic chord), by harmonic family: verse loops open on
 * the tonic, chorus loops elsewhere and turn back to it; no diminished or augmented triads.
 */
const LOOPS: Record<
  string,
  { verse: readonly (readonly number[])[]; chorus: readonly (readonly number[])[] }
> = {
  major: {
    verse: [
      [0, 3, 4, 0],
      [0, 5, 3, 4],
      [0, 4, 5, 3],
    ],
    chorus: [
      [3, 4, 0, 0],
      [5, 3, 4, 0],
      [3, 0, 4, 0],
    ],
  },
  mixo: {
    verse: [
      [0, 6, 3, 0],
      [0, 3, 0, 6],
    ],
    chorus: [
      [3, 6, 0, 0],
      [6, 3, 0, 4],
    ],
  },
  natural: {
    verse: [
      [0, 5, 6, 0],
      [0, 3, 5, 6],
      [0, 6, 5, 6],
    ],
    chorus: [
      [5, 6, 0, 0],
      [3, 6, 0, 4],
    ],
  },
  harmonic: {
    verse: [
      [0, 3, 4, 0],
      [0, 5, 3, 4],
    ],
    chorus: [
      [3, 4, 0, 0],
      [5, 3, 4, 4],
    ],
  },
  dorian: {
    verse: [
      [0, 3, 0, 3],
      [0, 6, 3, 0],
    ],
    chorus: [
      [3, 6, 0, 0],
      [6, 3, 0, 3],
    ],
  },
};

function family(item: LivesetItem, style: LvStyle): keyof typeof LOOPS {
  if (item.mode === 'major') return style.mixo ? 'mixo' : 'major';
  return item.minorKind!;
}

/** A chord's tones relative to the tonic: root, third, fifth. */
const chordTones = (scale: readonly number[], degree: number) =>
  [0, 2, 4].map((k) => scale[(degree + k) % 7]!);

/** The form after the count-in or pickup bar (`pre`): a 2-bar intro (4 in 2/4), verse, chorus, a shorter verse, chorus. */
function sectionsOf(pre: number, bars: number, barQ: number): LvSection[] {
  const intro = barQ <= 2 ? 4 : 2;
  const body = bars - pre - intro;
  const verse = Math.max(2, Math.round(body * 0.3));
  const chorus = Math.max(2, Math.round(body * 0.3));
  const verse2 = Math.max(2, Math.round(body * 0.16));
  const at = [
    pre,
    pre + intro,
    pre + intro + verse,
    pre + intro + verse + chorus,
    pre + intro + verse + chorus + verse2,
  ];
  const names: LvSectionName[] = ['intro', 'verse', 'chorus', 'verse2', 'chorus2'];
  const secs = names.map((name, i) => ({ name, bar: at[i]! }));
  return pre ? [{ name: 'pre', bar: 0 }, ...secs] : secs;
}

const isChorus = (s: LvSectionName) => s === 'chorus' || s === 'chorus2';

/** The chord of every bar: tonic before the verse and in the last bar, verse and chorus loops from their starts. */
function chordPlan(
  sections: readonly LvSection[],
  bars: number,
  loopV: readonly number[],
  loopC: readonly number[],
): number[] {
  return Array.from({ length: bars }, (_, bar) => {
    const sec = [...sections].reverse().find((s) => s.bar <= bar)!;
    if (sec.name === 'pre' || sec.name === 'intro' || bar === bars - 1) return 0;
    const loop = isChorus(sec.name) ? loopC : loopV;
    return loop[(bar - sec.bar) % loop.length]!;
  });
}

/**
 * Each bar's tempo: a smooth random walk of the beat's length (some bands push in the chorus),
 * shifted so that the beats heard in the clip take exactly as long as at the label — the label is
 * the clip's mean tempo — and scaled back inside ±LIVESET_MAX_DRIFT.
 */
function tempoWalk(
  rnd: () => number,
  qpm: number,
  barQ: number,
  bars: number,
  fromQ: number,
  grooveSec: number,
  chorusBars: ReadonlySet<number>,
): number[] {
  const push = rnd() < 0.4 ? 0.006 + rnd() * 0.006 : 0;
  const e: number[] = [];
  let walk = (rnd() * 2 - 1) * 0.006;
  for (let b = 0; b < bars; b++) {
    walk = walk * 0.85 + (rnd() * 2 - 1) * 0.004;
    e.push(walk - (chorusBars.has(b) ? push : 0));
  }
  const qpmOf = (b: number) => qpm / (1 + e[b]!);
  // the heard span ends where the clip does, which moves as the walk is shifted: settle it
  for (let round = 0; round < 4; round++) {
    const endQ = qAtSec(fromQ, grooveSec, barQ, bars, qpmOf);
    const w = e.map((_, b) => Math.max(0, Math.min((b + 1) * barQ, endQ) - Math.max(b * barQ, fromQ)));
    const mean = e.reduce((s, x, b) => s + x * w[b]!, 0) / w.reduce((s, x) => s + x, 0);
    for (let b = 0; b < bars; b++) e[b]! -= mean;
    const most = Math.max(...e.map(Math.abs));
    if (most > LIVESET_MAX_DRIFT) for (let b = 0; b < bars; b++) e[b]! *= LIVESET_MAX_DRIFT / most;
  }
  return e.map((_, b) => qpmOf(b));
}

/** The groove position (quarter notes) `sec` seconds after `fromQ`, given each bar's tempo. */
function qAtSec(
  fromQ: number,
  sec: number,
  barQ: number,
  bars: number,
  qpmOf: (bar: number) => number,
): number {
  let q = fromQ;
  let left = sec;
  for (let b = Math.floor(fromQ / barQ); b < bars; b++) {
    const span = (b + 1) * barQ - q;
    const t = (span * 60) / qpmOf(b);
    if (t >= left) return q + (left * qpmOf(b)) / 60;
    left -= t;
    q = (b + 1) * barQ;
  }
  return q;
}

const VELOCITY: Record<string, number> = { X: 112, x: 92, o: 70, g: 48 };
/** The band plays the verse softer than the chorus. */
const DYNAMIC: Record<LvSectionName, number> = {
  pre: 0.85,
  intro: 0.85,
  verse: 0.72,
  chorus: 1,
  verse2: 0.75,
  chorus2: 1,
};

/** Each part's timing: its offset behind (+) or ahead of the beat, and its looseness (ms). */
const TIMING: Record<LvPart, { offset: readonly [number, number]; spread: number }> = {
  drums: { offset: [0, 0], spread: 4 },
  bass: { offset: [6, 14], spread: 6 },
  comp: { offset: [-8, 12], spread: 14 },
  lead: { offset: [-6, 10], spread: 10 },
};

interface Ctx {
  item: LivesetItem;
  groove: Groove;
  rnd: () => number;
  barQ: number;
  beatQ: number;
  steps: number;
  bars: number;
  scale: readonly number[];
  sections: readonly LvSection[];
  chords: readonly number[];
  sectionAt: (bar: number) => LvSectionName;
  q: (step: number) => number;
  /** A velocity: `base` in the section's dynamic, accented on the bar's strong beats, humanised. */
  vel: (base: number, bar: number, step: number) => number;
  add: (part: LvPart, pitch: number, start: number, duration: number, velocity: number) => void;
}

export function composeLiveset(item: LivesetItem): LvScore {
  const style = styleOf(item.style);
  const groove: Groove = GROOVES[style.groove];
  const rnd = mulberry32(item.seed);
  const qpm = livesetQpm(item);
  const barQ = BAR_Q[item.metre];
  const beatQ = compound(item.metre) ? 1.5 : 1;
  const pre = item.opening === 'count-in' || item.opening === 'pickup' ? 1 : 0;
  const startQ = item.opening === 'pickup' ? barQ - beatQ : 0;
  const rubatoSec = item.opening === 'rubato' ? 2 + Math.round(rnd() * 20) / 10 : 0;
  const grooveSec = LIVESET_CLIP_SEC - rubatoSec;
  // a bar to spare beyond the clip, the drift's slowest tempo counted in
  const bars = Math.ceil((startQ + (grooveSec * qpm * 1.03) / 60) / barQ) + 1;
  const scale = livesetScale(item);
  const sections = sectionsOf(pre, bars, barQ);
  const sectionAt = (bar: number) => [...sections].reverse().find((s) => s.bar <= bar)!.name;
  const chorusBars = new Set(Array.from({ length: bars }, (_, b) => b).filter((b) => isChorus(sectionAt(b))));
  const barQpm = tempoWalk(rnd, qpm, barQ, bars, startQ, grooveSec, chorusBars);
  const loops = LOOPS[family(item, style)]!;
  const loopV = loops.verse[Math.floor(rnd() * loops.verse.length)]!;
  const loopC = loops.chorus[Math.floor(rnd() * loops.chorus.length)]!;
  const chords = chordPlan(sections, bars, loopV, loopC);
  const offsets = Object.fromEntries(
    (Object.keys(TIMING) as LvPart[]).map((p) => {
      const [lo, hi] = TIMING[p].offset;
      return [p, lo + rnd() * (hi - lo)];
    }),
  ) as Record<LvPart, number>;
  const notes: LvNote[] = [];
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
    scale,
    sections,
    chords,
    sectionAt,
    q: (step) => step / groove.g,
    vel: (base, bar, step) =>
      Math.max(
        24,
        Math.min(
          127,
          Math.round(base * DYNAMIC[sectionAt(bar)] + (strong(step) ? 10 : 0) + (rnd() * 2 - 1) * 6),
        ),
      ),
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
  if (groove.drums) composeDrums(c, groove.drums);
  composeBass(c);
  composeComp(c);
  composeLead(c);
  if (item.opening === 'count-in') composeCountIn(c);
  if (item.opening === 'pickup') composePickup(c);
  if (item.opening === 'rubato') composeRubato(c);
  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  return {
    qpm,
    barQpm,
    bars,
    barQ,
    beatQ,
    startQ,
    rubatoQ: rubatoSec > 0 ? RUBATO_Q : 0,
    rubatoSec,
    introEndQ: sections.find((s) => s.name === 'verse')!.bar * barQ,
    programs: (['bass', 'comp', 'lead'] as const).map((p) => ({
      channel: PART_CHANNEL[p],
      program: style.programs[p],
    })),
    notes,
    sections,
    chords,
    allowedPcs: scale,
  };
}

/** The drums from the intro on: the verse kit (the chorus kit in choruses), a fill before each section and a crash on its downbeat. */
function composeDrums(c: Ctx, drums: NonNullable<Groove['drums']>): void {
  const first = c.sections.find((s) => s.name === 'intro')!.bar;
  const changes = new Set(c.sections.filter((s) => s.bar > first).map((s) => s.bar));
  const fillSteps = Math.round(c.beatQ * c.groove.g);
  for (let bar = first; bar < c.bars; bar++) {
    const fillFrom = changes.has(bar + 1) ? c.steps - fillSteps : c.steps;
    const kit = isChorus(c.sectionAt(bar)) ? drums.chorus : drums.verse;
    for (const [note, p] of Object.entries(kit))
      for (const o of onsets(pat(p, c.steps), /[Xxog]/))
        if (o.step < fillFrom)
          c.add('drums', Number(note), bar * c.barQ + c.q(o.step), 0.2, c.vel(VELOCITY[o.ch]!, bar, o.step));
    // the fill builds: each hit louder than the last
    for (let k = fillFrom; k < c.steps; k++)
      c.add(
        'drums',
        drums.fill[(k - fillFrom) % drums.fill.length]!,
        bar * c.barQ + c.q(k),
        0.2,
        c.vel(84 + (k - fillFrom) * 8, bar, k),
      );
    if (changes.has(bar)) c.add('drums', CR, bar * c.barQ, 1, c.vel(108, bar, 0));
  }
}

/** The bass from the intro on: the section's pattern on the bar's chord; the last bar holds the tonic. */
function composeBass(c: Ctx): void {
  const first = c.sections.find((s) => s.name === 'intro')!.bar;
  const nextRoot = (bar: number) => c.scale[c.chords[Math.min(bar + 1, c.bars - 1)]!]!;
  for (let bar = first; bar < c.bars; bar++) {
    const tones = chordTones(c.scale, c.chords[bar]!);
    const { verse, chorus } = c.groove.bass;
    const p =
      bar === c.bars - 1
        ? 'R'.padEnd(c.steps, '-')
        : pat(isChorus(c.sectionAt(bar)) ? chorus : verse, c.steps);
    for (const o of onsets(p, /[R583a]/)) {
      const rel = {
        R: tones[0]!,
        5: tones[2]!,
        8: tones[0]!,
        3: tones[1]!,
        a: c.scale[(c.scale.indexOf(nextRoot(bar)) + 6) % 7]!,
      }[o.ch]!;
      const pitch = near(c.item.tonicPc, rel, 40) + (o.ch === '8' ? 12 : 0);
      c.add('bass', pitch, bar * c.barQ + c.q(o.step), c.q(o.len) * 0.9, c.vel(90, bar, o.step));
    }
  }
}

/** The comp from the intro on (the chord on every labelled beat of the intro): voiced near middle C; the last bar holds the tonic chord. */
function composeComp(c: Ctx): void {
  const first = c.sections.find((s) => s.name === 'intro')!.bar;
  const intro = 'x'.padEnd(Math.round(c.beatQ * c.groove.g), '-');
  for (let bar = first; bar < c.bars; bar++) {
    const voicing = chordTones(c.scale, c.chords[bar]!)
      .map((t) => near(c.item.tonicPc, t, 62))
      .sort((x, y) => x - y);
    const s = c.sectionAt(bar);
    const { verse, chorus } = c.groove.comp;
    const p =
      bar === c.bars - 1
        ? 'x'.padEnd(c.steps, '-')
        : pat(s === 'intro' ? intro : isChorus(s) ? chorus : verse, c.steps);
    for (const o of onsets(p, /[Xx1-4]/)) {
      const start = bar * c.barQ + c.q(o.step);
      const dur = c.q(o.len) * 0.92;
      const v = c.vel(o.ch === 'X' ? 96 : 78, bar, o.step);
      if (o.ch === 'X' || o.ch === 'x') for (const pitch of voicing) c.add('comp', pitch, start, dur, v);
      else c.add('comp', voicing[(Number(o.ch) - 1) % voicing.length]!, start, dur, v);
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
 * The melody from the verse on: phrases of two bars (four in 2/4), each bar a rhythm cell and the
 * phrase's last an ending cell with a rest; pitches walk the scale, chord tones on the downbeat and
 * at the phrase's end; the piece's last phrase ends on the tonic.
 */
function composeLead(c: Ctx): void {
  const relOf = (p: number) => (((p - c.item.tonicPc) % 12) + 12) % 12;
  const ladder = ladderOf(c);
  const phraseBars = c.barQ <= 2 ? 4 : 2;
  const first = c.sections.find((s) => s.name === 'verse')!.bar;
  const changes = new Set(c.sections.map((s) => s.bar));
  let at = Math.floor(ladder.length / 2);
  for (let bar = first; bar < c.bars - 1; bar++) {
    const end = (bar - first) % phraseBars === phraseBars - 1 || bar === c.bars - 2 || changes.has(bar + 1);
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
        // seven scale steps either way always reach the tonic
        const k = [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7]
          .map((d) => at + d)
          .find((j) => j >= 0 && j < ladder.length && want(ladder[j]!));
        if (k !== undefined) at = k;
      }
      c.add('lead', ladder[at]!, bar * c.barQ + c.q(o.step), c.q(o.len) * 0.9, c.vel(88, bar, o.step));
    }
  }
}

/** A one-bar count-in: the drummer's sticks on every labelled beat of bar 0, the first accented. */
function composeCountIn(c: Ctx): void {
  for (let b = 0; b * c.beatQ < c.barQ; b++) c.add('drums', STICKS, b * c.beatQ, 0.1, b === 0 ? 104 : 88);
}

/**
 * The anacrusis in bar 0's last beat: a drum fill where there is a drummer and the seed says so,
 * otherwise the melody climbing two (three in 6/8 and 12/8) scale steps to the tonic on the
 * intro's downbeat, held there.
 */
function composePickup(c: Ctx): void {
  const from = c.barQ - c.beatQ;
  const n = c.beatQ === 1.5 ? 3 : 2;
  const step = c.beatQ / n;
  if (c.groove.drums && c.rnd() < 0.5) {
    for (let k = 0; k < n; k++)
      c.add('drums', c.groove.drums.fill[k % c.groove.drums.fill.length]!, from + k * step, 0.2, 86 + k * 10);
    return;
  }
  const home = near(c.item.tonicPc, 0, 72);
  for (let k = 0; k < n; k++)
    c.add('lead', home - 12 + c.scale[7 - n + k]!, from + k * step, step * 0.9, 80 + k * 6);
  c.add('lead', home, c.barQ, c.barQ * 0.9, 96);
}

/**
 * The free-time intro before the groove: the tonic chord held, an arpeggio over it rising in
 * unequal steps (no pulse), and a last breath before the band comes in. Written over RUBATO_Q
 * quarter notes before 0 at a tempo of its own (scoreToLivesetSmf) that makes it rubatoSec long.
 */
function composeRubato(c: Ctx): void {
  const voicing = chordTones(c.scale, 0).map((t) => near(c.item.tonicPc, t, 60));
  for (const p of voicing) c.add('comp', p, -RUBATO_Q, RUBATO_Q - 0.35, 60);
  const arp = [...voicing, ...voicing.map((p) => p + 12)].sort((x, y) => x - y);
  let at = -RUBATO_Q + 0.2;
  for (const p of arp) {
    if (at > -0.6) break;
    c.add('comp', p, at, 0.5, 52 + Math.floor(c.rnd() * 16));
    at += 0.35 + c.rnd() * 0.45;
  }
}

// ---------------------------------------------------------------- the MIDI file

/**
 * The SMF positions of a score: quarter notes from where the recording starts (a free-time intro's
 * start, or the pickup), and the tempo of the quarter note at any position: the free-time intro's
 * own, then each groove bar's.
 */
export function livesetTimeline(
  s: Pick<LvScore, 'barQpm' | 'barQ' | 'bars' | 'startQ' | 'rubatoQ' | 'rubatoSec'>,
) {
  const originQ = s.rubatoQ > 0 ? -s.rubatoQ : s.startQ;
  const rubatoQpm = s.rubatoQ > 0 ? (60 * s.rubatoQ) / s.rubatoSec : 0;
  const qpmAt = (q: number) => (q < 0 ? rubatoQpm : s.barQpm[Math.min(s.bars - 1, Math.floor(q / s.barQ))]!);
  // a tempo event where the recording starts and at every groove bar after it
  const changes: { q: number; qpm: number }[] = [{ q: originQ, qpm: qpmAt(originQ) }];
  for (let b = 0; b < s.bars; b++)
    if (b * s.barQ > originQ) changes.push({ q: b * s.barQ, qpm: s.barQpm[b]! });
  return { originQ, qpmAt, changes };
}

/**
 * Format-0 SMF at PPQ 480 with the drifting tempo map (smf.ts writes one tempo only): tempo events
 * at the start and every bar, the time signature, programs, then the notes, each humanised by its
 * seconds of jitter at the local tempo; overlapping notes of one pitch on a channel cut short.
 */
export function livesetMidi(item: LivesetItem): Uint8Array {
  const s = composeLiveset(item);
  const { originQ, qpmAt, changes } = livesetTimeline(s);
  const tickOf = (q: number) => Math.round((q - originQ) * SMF_PPQ);
  const notes = s.notes.map((n) => ({
    tick: Math.max(0, tickOf(n.start) + Math.round((n.jitterSec * qpmAt(n.start) * SMF_PPQ) / 60)),
    channel: n.channel,
    pitch: n.pitch & 0x7f,
    velocity: n.velocity & 0x7f,
    len: Math.max(1, Math.round(n.duration * SMF_PPQ)),
  }));
  const byKey = new Map<number, typeof notes>();
  for (const n of notes)
    byKey.set(n.channel * 128 + n.pitch, [...(byKey.get(n.channel * 128 + n.pitch) ?? []), n]);
  for (const list of byKey.values()) {
    list.sort((a, b) => a.tick - b.tick);
    for (let i = 0; i + 1 < list.length; i++)
      list[i]!.len = Math.max(1, Math.min(list[i]!.len, list[i + 1]!.tick - list[i]!.tick));
  }
  const ts = SMF_TIME_SIGNATURES[item.metre];
  const events: SmfEvent[] = [
    smfTimeSigEvent(ts),
    ...changes.map((ch) => smfTempoEvent(tickOf(ch.q), ch.qpm)),
    ...s.programs.map((p) => ({ tick: 0, order: 1, bytes: [0xc0 | p.channel, p.program] })),
    ...notes.flatMap((n) => [
      { tick: n.tick, order: 3, bytes: [0x90 | n.channel, n.pitch, n.velocity] },
      { tick: n.tick + n.len, order: 2, bytes: [0x80 | n.channel, n.pitch, 0] },
    ]),
  ];
  return smfFromEvents(events, tickOf(s.bars * s.barQ));
}

// The rehearsal room (thirteenth composer): seeded, labelled pieces of live band music as a rehearsal
// room plays it — rock backbeats, shuffles, slow 12/8 blues, country train beats, bluegrass, folk
// waltzes and 6/8 ballads, soul, Motown, gospel organ, reggae, ska, punk, surf, rockabilly, boogie,
// funk, grunge half-time, indie — and about a quarter drumless (fingerpicked guitar, organ chorale,
// guitar and bass duos). Each item's labels (the tempo of its labelled beat, a dotted quarter in 6/8
// and 12/8; its key and mode; its metre) are the composer's own, written blind of the analyser.
// Rendered by our own synthesizer (bandroom-render.ts): Karplus–Strong guitar and bass, an additive
// drawbar organ, analogue-style drums, a small reverb. 160 items in 80 pairs (odd index held-out,
// even tuning); a pair shares its style and differs in key, tempo and render settings. Tests and
// benches only.
import { mulberry32 } from './corpus.ts';
import { compound, decks, indexId, keyScale, labelledQpm, near, onsets, shuffled } from './score-patterns.ts';
import { type ScoreNote, scoreToSmf } from './smf.ts';

export const BANDROOM_SEED = 7272;
export const BANDROOM_CLIP_SEC = 30;

export type BrMetre = '4/4' | '3/4' | '6/8' | '12/8' | '2/4';
export type BrMinorKind = 'natural' | 'harmonic' | 'dorian';
export type BrFeel =
  | 'backbeat'
  | 'shuffle'
  | 'train'
  | 'two-beat'
  | 'waltz'
  | 'four-snare'
  | 'one-drop'
  | 'skank'
  | 'punk'
  | 'funk'
  | 'half-time'
  | 'twelve-eight'
  | 'six-eight'
  | 'none';
export type BrPart = 'drums' | 'bass' | 'comp' | 'lead';
/** The instruments of the synth: Karplus–Strong guitar and bass, the drawbar organ. */
export type BrInstrument = 'guitar' | 'bass' | 'organ';
export type BrRoom = 'booth' | 'room' | 'hall';

// ---------------------------------------------------------------- the styles

export interface BrStyle {
  name: string;
  metre: BrMetre;
  feel: BrFeel;
  /** The label's tempo ranges (BPM of the labelled beat); a pair takes one. */
  tempi: readonly (readonly [number, number])[];
  pairs: 2 | 3 | 4;
  modes: 'major' | 'minor' | 'both';
  minorKinds: readonly BrMinorKind[];
  /** Majors borrow the mixolydian ♭7 (the ♭VII chord). */
  mixo?: boolean;
  /** The 12-bar blues form instead of a four-chord loop. */
  blues?: boolean;
  /** Quarter notes a pattern step lasts: 1/4 (sixteenths), 1/3 (triplets), 1/2 (eighths of 6/8, 12/8). */
  stepQ: number;
  /** Onsets off the half-beat grid (odd sixteenths, triplets): half the labelled beat would fail. */
  fine: boolean;
  /** One bar each: kick, snare ('x', ghost 'o', side stick 's'), cymbals ('x' hat, 'o' soft hat, 'O' open hat, 'r' ride). */
  drums?: { kick: string; snare: string; cym: string };
  /** Bass rhythm: 'R' root, '3' chord third, '5' fifth, '8' octave, '-' held, '.' rest. */
  bass: string;
  /** Comp rhythm: 'x' chord, 'a' the next note of an arpeggio, '-' held, '.' rest. */
  comp: string;
  inst: { bass: BrInstrument; comp: BrInstrument; lead: BrInstrument | null };
}

const G44 = { stepQ: 0.25 } as const;
const TRIP = { stepQ: 1 / 3 } as const;
const COMP8 = { stepQ: 0.5 } as const;
const ROCK = { bass: 'bass', comp: 'guitar', lead: 'guitar' } as const;
const ORGAN_BAND = { bass: 'bass', comp: 'organ', lead: 'guitar' } as const;

export const STYLES: readonly BrStyle[] = [
  {
    name: 'rock-backbeat',
    metre: '4/4',
    feel: 'backbeat',
    tempi: [[100, 140]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural'],
    mixo: true,
    ...G44,
    fine: false,
    drums: { kick: 'x... .... x.x. ....', snare: '.... x... .... x...', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R-R- R-R- R-R- R-R-',
    comp: 'x--- x-x- --x- x---',
    inst: ROCK,
  },
  {
    name: 'blues-shuffle',
    metre: '4/4',
    feel: 'shuffle',
    tempi: [[84, 124]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    blues: true,
    ...TRIP,
    fine: true,
    drums: { kick: 'x.. ... x.. ...', snare: '... x.. ... x..', cym: 'x.x x.x x.x x.x' },
    bass: 'R-3 5-8 5-3 R-5',
    comp: 'x-x x-x x-x x-x',
    inst: ROCK,
  },
  {
    name: 'slow-blues-12-8',
    metre: '12/8',
    feel: 'twelve-eight',
    tempi: [[60, 72]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    blues: true,
    ...COMP8,
    fine: true,
    drums: { kick: 'x.. ... x.x ...', snare: '... x.. ... x..', cym: 'xxx xxx xxx xxx' },
    bass: 'R-5 8-5 R-5 3-5',
    comp: 'x-- x-- x-- x--',
    inst: ORGAN_BAND,
  },
  {
    name: 'jump-blues-12-8',
    metre: '12/8',
    feel: 'twelve-eight',
    tempi: [[88, 110]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    blues: true,
    ...COMP8,
    fine: true,
    drums: { kick: 'x.. x.. x.. x..', snare: '... x.. ... x..', cym: 'x.x x.x x.x x.x' },
    bass: 'R.3 5.8 5.3 R.5',
    comp: '..x ..x ..x ..x',
    inst: ROCK,
  },
  {
    name: 'country-train',
    metre: '4/4',
    feel: 'train',
    tempi: [[150, 184]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    ...G44,
    fine: true,
    drums: { kick: 'x... .... x... ....', snare: 'oxox oxox oxox oxox', cym: '.... x... .... x...' },
    bass: 'R--- 5--- R--- 5---',
    comp: '..x- ..x- ..x- ..x-',
    inst: ROCK,
  },
  {
    name: 'bluegrass-2-4',
    metre: '2/4',
    feel: 'two-beat',
    tempi: [[150, 190]],
    pairs: 3,
    modes: 'major',
    minorKinds: [],
    ...G44,
    fine: false,
    drums: { kick: 'x... ....', snare: '.... s...', cym: 'x.x. x.x.' },
    bass: 'R--- 5---',
    comp: '..x- ..x-',
    inst: { bass: 'bass', comp: 'guitar', lead: 'guitar' },
  },
  {
    name: 'folk-waltz',
    metre: '3/4',
    feel: 'waltz',
    tempi: [[96, 150]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    ...G44,
    fine: false,
    drums: { kick: 'x... .... ....', snare: '.... s... s...', cym: 'x... x... x...' },
    bass: 'R--- .... 5...',
    comp: '.... x--- x---',
    inst: ROCK,
  },
  {
    name: 'folk-ballad-6-8',
    metre: '6/8',
    feel: 'six-eight',
    tempi: [[60, 80]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    ...COMP8,
    fine: true,
    drums: { kick: 'x.. ...', snare: '... x..', cym: 'xxx xxx' },
    bass: 'R-- 5--',
    comp: 'aaa aaa',
    inst: ROCK,
  },
  {
    name: 'soul',
    metre: '4/4',
    feel: 'backbeat',
    tempi: [[72, 100]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian'],
    ...G44,
    fine: true,
    drums: { kick: 'x... ..x. x... ....', snare: '.... x..o .... x...', cym: 'xxxx xxxx xxxx xxxx' },
    bass: 'R--5 ..8- R--- 5-3-',
    comp: '.... x-.. .... x-..',
    inst: ORGAN_BAND,
  },
  {
    name: 'motown',
    metre: '4/4',
    feel: 'four-snare',
    tempi: [[112, 136]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    ...G44,
    fine: false,
    drums: { kick: 'x... x... x... x...', snare: 'x... x... x... x...', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R--- R-5- 8--- 5-3-',
    comp: '.... x... .... x...',
    inst: ROCK,
  },
  {
    name: 'gospel-12-8-organ',
    metre: '12/8',
    feel: 'twelve-eight',
    tempi: [[60, 78]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic'],
    ...COMP8,
    fine: true,
    drums: { kick: 'x.. ... x.. ...', snare: '... x.. ... x..', cym: 'x.x x.x x.x x.x' },
    bass: 'R-- 5-- 8-- 5--',
    comp: 'x-x x-x x-x x-x',
    inst: { bass: 'bass', comp: 'organ', lead: 'organ' },
  },
  {
    name: 'reggae-one-drop',
    metre: '4/4',
    feel: 'one-drop',
    tempi: [[64, 84]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    ...G44,
    fine: false,
    drums: { kick: '.... .... x... ....', snare: '.... .... s... ....', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R--- ..5- ..R- 3-5-',
    comp: '..x. ..x. ..x. ..x.',
    inst: ORGAN_BAND,
  },
  {
    name: 'ska-upbeats',
    metre: '4/4',
    feel: 'skank',
    tempi: [[140, 176]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural'],
    ...G44,
    fine: false,
    drums: { kick: 'x... .... x... ....', snare: '.... x... .... x...', cym: '..x. ..x. ..x. ..x.' },
    bass: 'R-3- 5-8- 5-3- R-5-',
    comp: '..x. ..x. ..x. ..x.',
    inst: ROCK,
  },
  {
    name: 'punk',
    metre: '4/4',
    feel: 'punk',
    tempi: [[160, 190]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural'],
    ...G44,
    fine: false,
    drums: { kick: 'x.x. x.x. x.x. x.x.', snare: '.... x... .... x...', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R-R- R-R- R-R- R-R-',
    comp: 'x-x- x-x- x-x- x-x-',
    inst: { bass: 'bass', comp: 'guitar', lead: null },
  },
  {
    name: 'surf',
    metre: '4/4',
    feel: 'backbeat',
    tempi: [[140, 168]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic'],
    ...G44,
    fine: true,
    drums: { kick: 'x... ..x. x... ....', snare: '.... x... .... x...', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R-R- 5-5- 8-8- 5-5-',
    comp: 'xxxx xxxx x--- ----',
    inst: ROCK,
  },
  {
    name: 'rockabilly',
    metre: '4/4',
    feel: 'shuffle',
    tempi: [[150, 186]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    blues: true,
    ...TRIP,
    fine: false,
    drums: { kick: 'x.. ... x.. ...', snare: '..x x.. ..x x..', cym: 'x.x x.x x.x x.x' },
    bass: 'R-. 3-. 5-. 8-.',
    comp: 'x-x x-x x-x x-x',
    inst: ROCK,
  },
  {
    name: 'boogie-woogie',
    metre: '4/4',
    feel: 'shuffle',
    tempi: [[120, 156]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    blues: true,
    ...TRIP,
    fine: true,
    drums: { kick: 'x.. x.. x.. x..', snare: '... x.. ... x..', cym: 'x.x x.x x.x x.x' },
    bass: 'R-R 3-3 5-5 8-5',
    comp: 'x-. x-. x-. x-.',
    inst: { bass: 'bass', comp: 'organ', lead: 'organ' },
  },
  {
    name: 'funk',
    metre: '4/4',
    feel: 'funk',
    tempi: [[90, 116]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian'],
    mixo: true,
    ...G44,
    fine: true,
    drums: { kick: 'x..x ..x. ..x. .x..', snare: '.... x..o .o.. x..o', cym: 'xxxx xxxx xxxx xxxx' },
    bass: 'R..8 ..R. ..5. .8..',
    comp: '.x.x .x.x .x.x .x.x',
    inst: ROCK,
  },
  {
    name: 'grunge-half-time',
    metre: '4/4',
    feel: 'half-time',
    tempi: [[66, 92]],
    pairs: 3,
    modes: 'minor',
    minorKinds: ['natural'],
    ...G44,
    fine: false,
    drums: { kick: 'x... ..x. .... ....', snare: '.... .... x... ....', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R-R- R-R- R-R- 5-5-',
    comp: 'x--- ---- x--- ----',
    inst: { bass: 'bass', comp: 'guitar', lead: null },
  },
  {
    name: 'indie',
    metre: '4/4',
    feel: 'backbeat',
    tempi: [[108, 140]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    ...G44,
    fine: false,
    drums: { kick: 'x... ..x. x... ....', snare: '.... x... .... x...', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R-R- R-5- R-R- 8-5-',
    comp: 'a-a- a-a- a-a- a-a-',
    inst: ROCK,
  },
  {
    name: 'garage-rock',
    metre: '4/4',
    feel: 'backbeat',
    tempi: [[128, 160]],
    pairs: 2,
    modes: 'both',
    minorKinds: ['natural'],
    mixo: true,
    ...G44,
    fine: false,
    drums: { kick: 'x.x. ..x. x.x. ....', snare: '.... x... .... x...', cym: 'x.x. x.x. x.x. x.x.' },
    bass: 'R-R- R-R- 5-5- 8-8-',
    comp: 'x-x- x-x- x-x- x-x-',
    inst: { bass: 'bass', comp: 'organ', lead: 'guitar' },
  },
  {
    name: 'country-waltz',
    metre: '3/4',
    feel: 'waltz',
    tempi: [[84, 120]],
    pairs: 2,
    modes: 'major',
    minorKinds: [],
    ...G44,
    fine: false,
    drums: { kick: 'x... .... ....', snare: '.... x... x...', cym: 'r.r. r.r. r.r.' },
    bass: 'R--- .... 5...',
    comp: '.... x... x...',
    inst: ROCK,
  },
  {
    name: 'fingerpicked-guitar',
    metre: '4/4',
    feel: 'none',
    tempi: [[76, 116]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'harmonic', 'dorian'],
    ...G44,
    fine: false,
    bass: 'R--- 5--- R--- 5---',
    comp: '..a- a-a- ..a- a-a-',
    inst: { bass: 'guitar', comp: 'guitar', lead: null },
  },
  {
    name: 'organ-chorale',
    metre: '4/4',
    feel: 'none',
    tempi: [[60, 84]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    ...G44,
    fine: false,
    bass: 'R--- R--- 5--- R---',
    comp: 'x--- x--- x--- x---',
    inst: { bass: 'organ', comp: 'organ', lead: 'organ' },
  },
  {
    name: 'guitar-bass-duo',
    metre: '4/4',
    feel: 'none',
    tempi: [[92, 132]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['dorian', 'natural'],
    ...G44,
    fine: false,
    bass: 'R--- 3--- 5--- 8---',
    comp: 'x--- ..x- .... x---',
    inst: { bass: 'bass', comp: 'guitar', lead: null },
  },
  {
    name: 'fingerpicked-waltz',
    metre: '3/4',
    feel: 'none',
    tempi: [[80, 126]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic', 'natural'],
    ...G44,
    fine: false,
    bass: 'R--- 5--- 8---',
    comp: '..a- a-a- a-a-',
    inst: { bass: 'guitar', comp: 'guitar', lead: null },
  },
  {
    name: 'organ-hymn-waltz',
    metre: '3/4',
    feel: 'none',
    tempi: [[66, 96]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['harmonic', 'dorian'],
    ...G44,
    fine: false,
    bass: 'R--- ---- 5---',
    comp: 'x--- x--- x---',
    inst: { bass: 'organ', comp: 'organ', lead: 'organ' },
  },
  {
    name: 'drumless-6-8-ballad',
    metre: '6/8',
    feel: 'none',
    tempi: [[60, 84]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'dorian'],
    ...COMP8,
    fine: true,
    bass: 'R-- 5--',
    comp: '.aa aaa',
    inst: { bass: 'guitar', comp: 'guitar', lead: null },
  },
  {
    name: 'drumless-12-8-duo',
    metre: '12/8',
    feel: 'none',
    tempi: [[62, 80]],
    pairs: 3,
    modes: 'both',
    minorKinds: ['natural', 'harmonic'],
    blues: true,
    ...COMP8,
    fine: true,
    bass: 'R-5 8-5 R-5 3-5',
    comp: '.x- .x- .x- .x-',
    inst: { bass: 'bass', comp: 'guitar', lead: null },
  },
];

export const styleOf = (name: string): BrStyle => {
  const s = STYLES.find((x) => x.name === name);
  if (!s) throw new Error(`no rehearsal-room style ${name}`);
  return s;
};

// ---------------------------------------------------------------- the items

export interface BandroomItem {
  id: string;
  set: 'tuning' | 'held-out';
  style: string;
  metre: BrMetre;
  feel: BrFeel;
  drums: boolean;
  /** The constant tempo (BPM of the labelled beat: the dotted quarter in 6/8 and 12/8). */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: BrMinorKind | null;
  /** The reverb's room. */
  room: BrRoom;
  /** Where the strings are plucked, as a fraction of their length from the bridge. */
  pick: number;
  /** The organ's drawbar registration, nine digits 0–8 (16' 5⅓' 8' 4' 2⅔' 2' 1⅗' 1⅓' 1'). */
  drawbars: string;
  /** How far the parts are panned apart (0 mono, 1 hard left and right). */
  spread: number;
  /** The clip's peak level after mastering, dBFS. */
  peakDb: number;
  seed: number;
}

export const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const ROOMS: readonly BrRoom[] = ['booth', 'room', 'hall'];
const PICKS = [0.12, 0.2, 0.3] as const;
const DRAWBARS = ['888000000', '838000004', '886400000'] as const;
const SPREADS = [0.3, 0.6, 0.9] as const;
const PEAKS = [-1, -3, -6] as const;

/** The 160 items: pairs of each style in a seeded order, keys dealt so each half has all 24. */
export function bandroom(seed = BANDROOM_SEED): BandroomItem[] {
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
  const items: BandroomItem[] = [];
  for (const [p, s] of pairStyles.entries()) {
    const [lo, hi] = s.tempi[Math.floor(rnd() * s.tempi.length)]!;
    const turn = flip.get(s.name) ?? Math.floor(rnd() * 2);
    flip.set(s.name, turn + 1);
    const [r0, p0, d0, s0, l0, k0] = Array.from({ length: 6 }, () => Math.floor(rnd() * 6));
    // two different tempi in the style's range
    const b0 = lo + Math.floor(rnd() * (hi - lo + 1));
    const b1 = lo + ((b0 - lo + 1 + Math.floor(rnd() * (hi - lo))) % (hi - lo + 1));
    for (let h = 0; h < 2; h++) {
      const n = 2 * p + h;
      const mode = s.modes === 'both' ? (['major', 'minor'] as const)[(turn + h) % 2]! : s.modes;
      // the held-out item never shares its tuning twin's key
      const twin = items[2 * p];
      const tonicPc = tonic(`${h} ${mode}`, h === 1 && twin?.mode === mode ? twin.tonicPc : undefined);
      items.push({
        id: `${indexId('br', n)}-${s.name}`,
        set: h === 1 ? 'held-out' : 'tuning',
        style: s.name,
        metre: s.metre,
        feel: s.feel,
        drums: s.feel !== 'none',
        bpm: h === 0 ? b0 : b1,
        tonicPc,
        mode,
        minorKind: mode === 'minor' ? s.minorKinds[(k0! + h) % s.minorKinds.length]! : null,
        // a pair's two items take different rooms, pick positions, registrations, spreads and peaks
        room: ROOMS[(r0! + h) % 3]!,
        pick: PICKS[(p0! + h) % 3]!,
        drawbars: DRAWBARS[(d0! + h) % 3]!,
        spread: SPREADS[(s0! + h) % 3]!,
        peakDb: PEAKS[(l0! + 2 * h) % 3]!,
        seed: Math.floor(rnd() * 2 ** 31),
      });
    }
  }
  return items;
}

/** The score's quarter notes per minute: the label, or 1.5 × the label in 6/8 and 12/8. */
export const bandroomQpm = (item: Pick<BandroomItem, 'bpm' | 'metre'>) => labelledQpm(item);

// ---------------------------------------------------------------- the score

export interface BrNote extends ScoreNote {
  part: BrPart;
}

export interface BrScore {
  qpm: number;
  bars: number;
  barQ: number;
  beatQ: number;
  /** One bar of count-in (sticks, or the tonic chord alone where drumless) before the band. */
  introBars: number;
  introEndQ: number;
  programs: { channel: number; program: number }[];
  notes: BrNote[];
  /** The chord of each bar: scale degree (0 = the tonic chord). */
  chords: number[];
  /** Pitch classes (relative to the tonic) the item's scale allows. */
  allowedPcs: number[];
}

const BAR_Q: Record<BrMetre, number> = { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 };
export const PART_CHANNEL: Record<BrPart, number> = { bass: 0, comp: 1, lead: 2, drums: 9 };
/** GM programs the SMF names (the render plays our own synth). */
const GM_PROGRAM: Record<BrInstrument, number> = { guitar: 25, bass: 33, organ: 16 };

export const KICK = 36;
export const STICK = 37;
export const SNARE = 38;
export const HAT = 42;
export const OPEN_HAT = 46;
export const CRASH = 49;
export const RIDE = 51;

/** The item's scale, relative to the tonic. */
export function bandroomScale(item: Pick<BandroomItem, 'mode' | 'minorKind' | 'style'>): number[] {
  return keyScale(item.mode, item.minorKind, styleOf(item.style).mixo);
}

/**
 * Four-chord loops as scale degrees (0 = the tonic chord), all opening on the tonic, no diminished or
 * augmented triads; harmonic minor always sounds its major V, dorian its major IV.
 */
const LOOPS: Record<string, readonly (readonly number[])[]> = {
  major: [
    [0, 3, 4, 0],
    [0, 5, 3, 4],
    [0, 4, 5, 3],
    [0, 3, 0, 4],
    [0, 1, 4, 0],
  ],
  mixo: [
    [0, 6, 3, 0],
    [0, 3, 6, 0],
    [0, 6, 3, 3],
    [0, 4, 6, 3],
  ],
  natural: [
    [0, 5, 6, 0],
    [0, 5, 2, 6],
    [0, 3, 4, 0],
    [0, 6, 5, 6],
  ],
  harmonic: [
    [0, 3, 4, 0],
    [0, 5, 3, 4],
    [0, 3, 0, 4],
    [0, 5, 4, 0],
  ],
  dorian: [
    [0, 3, 0, 3],
    [0, 3, 6, 0],
    [0, 1, 3, 0],
    [0, 6, 3, 0],
  ],
};

/** The 12-bar blues: major I–IV–V; minor i–iv–v (natural) or i–iv–V (harmonic); VI before V in minor. */
const BLUES_MAJOR = [0, 3, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4];
const BLUES_MINOR = [0, 3, 0, 0, 3, 3, 0, 0, 5, 4, 0, 4];

const chordTones = (scale: readonly number[], degree: number) =>
  [0, 2, 4].map((k) => scale[(degree + k) % 7]!);

const VELOCITY: Record<string, number> = { X: 112, x: 92, o: 52, s: 80, r: 78, O: 88 };

/** The item's score: one bar of count-in, then the band to the clip's end and a bar more. */
export function composeBandroom(item: BandroomItem): BrScore {
  const style = styleOf(item.style);
  const rnd = mulberry32(item.seed);
  const qpm = bandroomQpm(item);
  const barQ = BAR_Q[item.metre];
  const beatQ = compound(item.metre) ? 1.5 : 1;
  const stepQ = style.stepQ;
  const steps = Math.round(barQ / stepQ);
  const drumPats = style.drums ? [style.drums.kick, style.drums.snare, style.drums.cym] : [];
  for (const p of [style.bass, style.comp, ...drumPats])
    if (p.replace(/\s+/g, '').length !== steps)
      throw new Error(`${style.name}: '${p}' is not a bar of ${steps} steps`);
  const scale = bandroomScale(item);
  const introBars = 1;
  const introEndQ = introBars * barQ;
  const bars = introBars + Math.ceil((BANDROOM_CLIP_SEC * qpm) / 60 / barQ) + 1;
  // the chords: the 12-bar form or a loop (a chord a bar, two bars each in 2/4)
  const family = item.mode === 'major' ? (style.mixo ? 'mixo' : 'major') : (item.minorKind ?? 'natural');
  const loop = LOOPS[family]![Math.floor(rnd() * LOOPS[family]!.length)]!;
  const per = item.metre === '2/4' ? 2 : 1;
  const chords: number[] = [];
  for (let b = 0; b < bars; b++) {
    if (b < introBars) chords.push(0);
    else if (style.blues)
      chords.push((item.mode === 'major' ? BLUES_MAJOR : BLUES_MINOR)[(b - introBars) % 12]!);
    else chords.push(loop[Math.floor((b - introBars) / per) % 4]!);
  }
  const notes: BrNote[] = [];
  const jit = (sd: number) => (rnd() - 0.5) * 2 * sd;
  const add = (
    part: BrPart,
    pitch: number,
    start: number,
    duration: number,
    velocity: number,
    jitterSec = 0,
  ) =>
    notes.push({
      part,
      channel: PART_CHANNEL[part],
      pitch,
      start,
      duration,
      velocity: Math.max(1, Math.min(127, Math.round(velocity))),
      jitterSec,
    });
  const tonicPc = item.tonicPc;
  const bassCentre = style.inst.bass === 'bass' ? 38 : style.inst.bass === 'guitar' ? 45 : 40;
  const compCentre = style.inst.comp === 'organ' ? 62 : 60;
  const hold = (s: { len: number }) => s.len * stepQ;

  // the count-in: sticks on each beat where there are drums; the tonic chord alone where not
  if (item.drums) {
    for (let b = 0; b < barQ / beatQ; b++) add('drums', STICK, b * beatQ, 0.1, 70 + 10 * (b === 0 ? 1 : 0));
  }
  const lead = style.inst.lead;
  // the lead's pitches: the scale from E4 to A5; it starts on the tonic
  const leadPitches: number[] = [];
  for (let p = 64; p <= 81; p++) if (scale.includes((((p - tonicPc) % 12) + 12) % 12)) leadPitches.push(p);
  let leadAt = leadPitches.findIndex((p) => (p - tonicPc) % 12 === 0);
  const nearestChordTone = (at: number, tones: readonly number[]) => {
    for (let d = 0; d < leadPitches.length; d++)
      for (const i of rnd() < 0.5 ? [at - d, at + d] : [at + d, at - d])
        if (
          i >= 0 &&
          i < leadPitches.length &&
          tones.includes((((leadPitches[i]! - tonicPc) % 12) + 12) % 12)
        )
          return i;
    return at;
  };
  for (let b = 0; b < bars; b++) {
    const bar0 = b * barQ;
    const deg = chords[b]!;
    const tones = chordTones(scale, deg);
    const root = tones[0]!;
    const intro = b < introBars;
    // chord voicing: root, third, fifth, root above, near the comp centre
    const rootP = near(tonicPc, root, compCentre - 3);
    const voicing = [rootP, rootP + ((tones[1]! - root + 12) % 12), rootP + ((tones[2]! - root + 12) % 12)];
    if (style.inst.comp === 'guitar') voicing.push(rootP + 12);
    // comp
    let arp = 0;
    const arpOrder = [0, 2, 1, 3, 2, 1];
    for (const o of onsets(style.comp.replace(/\s+/g, ''), /[xa]/)) {
      if (intro && item.drums && o.step > 0) continue;
      const start = bar0 + o.step * stepQ;
      const dur = intro && item.drums ? barQ : hold(o);
      if (o.ch === 'x') {
        const down = rnd() < 0.7;
        for (const [i, p] of voicing.entries()) {
          // a guitar's strings strummed down (low first) or up, 6 ms apart; the organ's keys together
          const strum = style.inst.comp === 'guitar' ? (down ? i : 3 - i) * 0.006 : 0;
          add('comp', p, start, dur * 0.95, 78 + rnd() * 14, strum);
        }
      } else {
        const p = voicing[arpOrder[arp++ % arpOrder.length]! % voicing.length]!;
        add('comp', p, start, Math.max(dur, beatQ) * 0.95, 70 + rnd() * 16, jit(0.004));
      }
    }
    if (intro) continue;
    // bass
    const pat = style.bass.replace(/\s+/g, '');
    for (const o of onsets(pat, /[R358]/)) {
      const rel = o.ch === 'R' ? root : o.ch === '3' ? tones[1]! : o.ch === '5' ? tones[2]! : root;
      let p = near(tonicPc, rel, bassCentre);
      if (o.ch === '8') p = near(tonicPc, root, bassCentre) + 12;
      add('bass', p, bar0 + o.step * stepQ, hold(o) * 0.9, 88 + rnd() * 14, jit(0.005));
    }
    // drums
    if (style.drums) {
      const d = style.drums;
      for (const o of onsets(d.kick.replace(/\s+/g, ''), /x/))
        add('drums', KICK, bar0 + o.step * stepQ, 0.1, 100 + rnd() * 15, jit(0.003));
      for (const o of onsets(d.snare.replace(/\s+/g, ''), /[xos]/))
        add(
          'drums',
          o.ch === 's' ? STICK : SNARE,
          bar0 + o.step * stepQ,
          0.1,
          VELOCITY[o.ch]! + rnd() * 10,
          jit(0.003),
        );
      for (const o of onsets(d.cym.replace(/\s+/g, ''), /[xoOr]/)) {
        const accent = (o.step * stepQ) % beatQ === 0 ? 12 : 0;
        const pitch = o.ch === 'O' ? OPEN_HAT : o.ch === 'r' ? RIDE : HAT;
        add(
          'drums',
          pitch,
          bar0 + o.step * stepQ,
          0.1,
          VELOCITY[o.ch === 'o' ? 'o' : o.ch]! - 14 + accent + rnd() * 8,
          jit(0.003),
        );
      }
      if (b === introBars || (b - introBars) % 8 === 0) add('drums', CRASH, bar0, 0.5, 100);
    }
    // lead: a melody on the beats and their halves (thirds in triplet and compound feels), chord tones on beats
    if (lead && b >= introBars + 2) {
      const sub = stepQ === 0.25 ? 2 : 3;
      const unit = beatQ / sub;
      for (let beat = 0; beat < barQ / beatQ; beat++) {
        const r = rnd();
        const starts =
          r < 0.35 ? [0] : r < 0.8 ? [0, sub === 2 ? 1 : 2] : r < 0.9 ? [] : sub === 2 ? [0, 1] : [0, 1, 2];
        for (const [k, u] of starts.entries()) {
          const start = bar0 + beat * beatQ + u * unit;
          const next = k + 1 < starts.length ? starts[k + 1]! : sub;
          if (u === 0) leadAt = nearestChordTone(leadAt, tones);
          else leadAt = Math.max(0, Math.min(leadPitches.length - 1, leadAt + (rnd() < 0.5 ? 1 : -1)));
          add('lead', leadPitches[leadAt]!, start, (next - u) * unit * 0.9, 80 + rnd() * 20, jit(0.006));
        }
      }
    }
  }
  const programs = (['bass', 'comp', 'lead'] as const)
    .filter((p) => style.inst[p])
    .map((p) => ({ channel: PART_CHANNEL[p], program: GM_PROGRAM[style.inst[p]!] }));
  notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  return { qpm, bars, barQ, beatQ, introBars, introEndQ, programs, notes, chords, allowedPcs: scale };
}

/** The item's SMF (format 0, the labelled tempo, the metre's time signature). */
export function bandroomMidi(item: BandroomItem, score: BrScore = composeBandroom(item)): Uint8Array {
  return scoreToSmf(score, item.metre, { cutOverlaps: true });
}

// One-bar grooves on a 16-step grid. Characters: X accent, x normal, o medium, g ghost, . rest.
// `light` plays in intros, bridges and outros; `full` in verses; `lift` is added in choruses.
import type { BaseDrumStyle } from './genres.ts';

export const KICK = 36;
export const SNARE = 38;
export const RIM = 37;
export const CLAP = 39;
export const HAT = 42;
export const PEDAL_HAT = 44;
export const OPEN_HAT = 46;
export const CRASH = 49;
export const RIDE = 51;
export const TAMBOURINE = 54;
export const COWBELL = 56;
export const SHAKER = 70;
export const HIGH_BONGO = 60;
export const LOW_BONGO = 61;
export const MUTE_CONGA = 62;
export const OPEN_CONGA = 63;
export const LOW_CONGA = 64;
export const CLAVES = 75;
export const TOMS = [50, 48, 47, 45, 43] as const;

export type Groove = Partial<Record<number, string>>;
export interface DrumPattern {
  light: Groove;
  full: Groove;
  lift: Groove;
}

export const DRUM_PATTERNS: Record<Exclude<BaseDrumStyle, 'none'>, DrumPattern> = {
  'four-floor': {
    light: { [KICK]: 'x...x...x...x...', [HAT]: '..o...o...o...o.' },
    full: {
      [KICK]: 'X...x...X...x...',
      [CLAP]: '....x.......x...',
      [OPEN_HAT]: '..o...o...o...o.',
      [HAT]: 'g.g.g.g.g.g.g.g.',
    },
    lift: { [SHAKER]: 'oggooggooggooggo', [TAMBOURINE]: '....o.......o...' },
  },
  techno: {
    light: { [KICK]: 'X...x...X...x...', [HAT]: 'gggggggggggggggg' },
    full: {
      [KICK]: 'X...x...X...x...',
      [OPEN_HAT]: '..o...o...o...o.',
      [HAT]: 'g.ggg.ggg.ggg.gg',
      [RIM]: '...o..o....o..o.',
    },
    lift: { [CLAP]: '....x.......x...', [RIDE]: 'o.o.o.o.o.o.o.o.' },
  },
  edm: {
    light: { [KICK]: 'x...x...x...x...', [HAT]: 'o.o.o.o.o.o.o.o.' },
    full: {
      [KICK]: 'X...x...X...x...',
      [SNARE]: '....x.......x...',
      [HAT]: 'o.o.o.o.o.o.o.o.',
      [OPEN_HAT]: '..g...g...g...g.',
    },
    lift: { [CLAP]: '....x.......x...', [HAT]: 'gogogogogogogogo' },
  },
  dnb: {
    light: { [HAT]: 'o.o.o.o.o.o.o.o.', [RIDE]: 'o...o...o...o...' },
    full: {
      [KICK]: 'X.........x.....',
      [SNARE]: '....X.......X...',
      [HAT]: 'o.o.ogo.o.o.ogo.',
      [RIM]: '.......g.g......',
    },
    lift: { [RIDE]: 'o.o.o.o.o.o.o.o.', [KICK]: 'X.........x..o..' },
  },
  trap: {
    light: { [HAT]: 'o.o.o.o.o.o.o.o.', [CLAP]: '........x.......' },
    full: { [KICK]: 'X......x..x.....', [CLAP]: '........X.......', [HAT]: 'ogogogogogogogog' },
    lift: { [OPEN_HAT]: '......o.......o.', [SNARE]: '........o.......' },
  },
  // Kick on 1, the 'a' of 1 and 3: the old 3 and 3-and pair, an eighth apart, made bpm-tools hear
  // the drums alone at double time at 88 BPM.
  'boom-bap': {
    light: { [KICK]: 'x.......x.......', [HAT]: 'x...x...x...x...' },
    full: {
      [KICK]: 'X..x....x.......',
      [SNARE]: '....X.......X...',
      [HAT]: 'x...x...x...x..g',
    },
    lift: { [OPEN_HAT]: '..............o.', [TAMBOURINE]: '....o.......o...' },
  },
  lofi: {
    light: { [KICK]: 'x.......x.......', [HAT]: 'x...x...x...x...' },
    full: { [KICK]: 'X.......x.......', [RIM]: '....X.......X...', [HAT]: 'x...x...x...x..g' },
    lift: { [SNARE]: '....o.......o...', [SHAKER]: 'o...o...o...o...' },
  },
  pop: {
    light: { [KICK]: 'x.......x.......', [HAT]: 'o.o.o.o.o.o.o.o.' },
    full: { [KICK]: 'X.....x.x.......', [SNARE]: '....X.......X...', [HAT]: 'o.o.o.o.o.o.o.o.' },
    lift: { [CLAP]: '....x.......x...', [TAMBOURINE]: 'g.g.o.g.g.g.o.g.', [KICK]: 'X.....x.x.....o.' },
  },
  rock: {
    light: { [KICK]: 'x.......x.......', [HAT]: 'o.o.o.o.o.o.o.o.' },
    full: { [KICK]: 'X.....x.x.......', [SNARE]: '....X.......X...', [HAT]: 'x.o.x.o.x.o.x.o.' },
    lift: { [RIDE]: 'x.o.x.o.x.o.x.o.', [KICK]: 'X.x...x.x.x.....' },
  },
  funk: {
    light: { [HAT]: 'xgogxgogxgogxgog', [KICK]: 'x.........x.....' },
    full: { [KICK]: 'X..x....X.x.....', [SNARE]: '....X..g.g..X..g', [HAT]: 'xgogxgogxgogxgog' },
    lift: { [OPEN_HAT]: '......o.......o.', [COWBELL]: 'o...o...o...o...' },
  },
  jazz: {
    light: { [RIDE]: 'x...o..ox...o..o', [PEDAL_HAT]: '....o.......o...' },
    full: {
      [RIDE]: 'x...o..ox...o..o',
      [PEDAL_HAT]: '....o.......o...',
      [KICK]: 'g...g...g...g...',
      [SNARE]: '.......g......g.',
    },
    lift: { [SNARE]: '...g...g..g....g', [RIDE]: 'x...x..ox...x..o' },
  },
  // A soft heartbeat under the pads: the bass drum on every beat, the shaker with it, nothing between
  // the beats (at 70–86 BPM anything there makes the double tempo the one heard).
  ambient: {
    light: { [SHAKER]: 'o...o...o...o...', [KICK]: 'o...g...o...g...' },
    full: { [SHAKER]: 'x...o...x...o...', [KICK]: 'x...o...x...o...' },
    lift: { [RIM]: '....g.......g...' },
  },
  orchestral: {
    light: { [KICK]: 'o.......o.......' },
    full: { [KICK]: 'x.......x.......', [SNARE]: '....g.......g...' },
    lift: { [SNARE]: '....o.......o...', [KICK]: 'X...o...x...o...' },
  },
  folk: {
    light: { [SHAKER]: 'o.g.o.g.o.g.o.g.' },
    full: { [KICK]: 'x.......x.......', [SNARE]: '....o.......o...', [SHAKER]: 'o.g.o.g.o.g.o.g.' },
    lift: { [TAMBOURINE]: '....x.......x...', [KICK]: 'x.....o.x.......' },
  },
  // The son clave stays, but under the beat: a loud 3-3-2 over a kick on 1 and 3 alone made bpm-tools
  // hear 4/3 of the tempo, and a sixteenth shaker with accents off the beat made aubio hear ~9/8.
  // A low drum on every beat, a shaker on the beats with a pickup on the 'a', a conga tumbao (heel,
  // slap, heel, open tones on 4 and 4-and) and a ghosted clave in verses carry the pulse.
  world: {
    light: {
      [SHAKER]: 'x..gx..gx..gx..g',
      [CLAVES]: 'o..o..o...o.o...',
      [LOW_CONGA]: 'o...o...o...o...',
    },
    full: {
      [SHAKER]: 'x..gx..gx..gx..g',
      [CLAVES]: 'g..g..g...g.g...',
      [KICK]: 'x...o...x...o...',
      [MUTE_CONGA]: 'o.g.x.g.o.g.....',
      [OPEN_CONGA]: '............x.x.',
    },
    lift: { [COWBELL]: 'x.o.x.o.x.o.x.o.', [HIGH_BONGO]: 'g.o.g.o.g.o.g.oo' },
  },
};

export function velocityOf(ch: string): number {
  switch (ch) {
    case 'X':
      return 118;
    case 'x':
      return 100;
    case 'o':
      return 82;
    case 'g':
      return 48;
    default:
      return 0;
  }
}

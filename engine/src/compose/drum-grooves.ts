// Grooves of the named styles, and the meter fallbacks. Same notation as drum-patterns.ts, but a
// pattern's length is the bar's grid: 16 sixteenths in 4/4, 12 in 3/4, 8 in 2/4, 6 eighths in 6/8,
// 12 in 12/8. Every groove marks the felt beat clearly (kick, hat or shaker accents on it), so the
// tempo a listener taps is the plan's.
import type { DrumPattern } from './drum-patterns.ts';
import {
  CLAP,
  CLAVES,
  COWBELL,
  HAT,
  HIGH_BONGO,
  KICK,
  LOW_BONGO,
  LOW_CONGA,
  MUTE_CONGA,
  OPEN_CONGA,
  OPEN_HAT,
  PEDAL_HAT,
  RIDE,
  RIM,
  SHAKER,
  SNARE,
  TAMBOURINE,
} from './drum-patterns.ts';
import type { MeterName } from './meter.ts';

const GUIRO = 73;
const LOW_TOM = 45;
const LOW_FLOOR_TOM = 41;
const HIGH_TIMBALE = 65;

export const STYLE_GROOVES = {
  // One drop: kick and rim together on 3 only; the hats keep the beat the skank answers.
  'one-drop': {
    light: { [HAT]: 'x...x...x...x...', [RIM]: '........x.......' },
    full: { [KICK]: '........X.......', [RIM]: '........X.......', [HAT]: 'x...x...x...x...' },
    lift: { [OPEN_HAT]: '..............o.', [SHAKER]: 'g.g.g.g.g.g.g.g.' },
  },
  // Rockers (dub's steppers): the kick on every beat and the hats with it, the rim on 3. Hats and
  // shaker in eighths made essentia.js hear 164 and aubio 128 at 82 BPM (tuning seeds 31–32): in dub
  // the echoes fill between the beats.
  rockers: {
    light: { [KICK]: 'x...x...x...x...', [HAT]: 'x...x...x...x...' },
    full: { [KICK]: 'X...x...X...x...', [RIM]: '........X.......', [HAT]: 'x...x...x...x...' },
    lift: { [SHAKER]: 'o...o...o...o...' },
  },
  ska: {
    light: { [HAT]: 'o.x.o.x.o.x.o.x.', [KICK]: 'x.......x.......' },
    full: { [KICK]: 'X.......X.......', [SNARE]: '....X.......X...', [HAT]: 'o.x.o.x.o.x.o.x.' },
    lift: { [OPEN_HAT]: '..o...o...o...o.', [RIDE]: 'x...x...x...x...' },
  },
  metal: {
    light: { [KICK]: 'X...x...X...x...', [RIDE]: 'x...x...x...x...' },
    full: { [KICK]: 'XoooXoooXoooXooo', [SNARE]: '....X.......X...', [RIDE]: 'x...x...x...x...' },
    lift: { [OPEN_HAT]: 'x...x...x...x...' },
  },
  punk: {
    light: { [KICK]: 'x...x...x...x...', [HAT]: 'x.x.x.x.x.x.x.x.' },
    full: { [KICK]: 'X...x.x.X...x.x.', [SNARE]: '....X.......X...', [HAT]: 'x.o.x.o.x.o.x.o.' },
    lift: { [OPEN_HAT]: 'x...x...x...x...' },
  },
  train: {
    light: { [SNARE]: 'g.g.o.g.g.g.o.g.', [KICK]: 'x.......x.......' },
    full: { [KICK]: 'X.......X.......', [SNARE]: 'g.g.X.g.g.g.X.g.', [HAT]: 'x...x...x...x...' },
    lift: { [TAMBOURINE]: '....x.......x...' },
  },
  disco: {
    light: { [KICK]: 'x...x...x...x...', [OPEN_HAT]: '..o...o...o...o.' },
    full: {
      [KICK]: 'X...X...X...X...',
      [SNARE]: '....X.......X...',
      [OPEN_HAT]: '..x...x...x...x.',
      [HAT]: 'o...o...o...o...',
    },
    lift: { [TAMBOURINE]: 'g.g.o.g.g.g.o.g.', [CLAP]: '....x.......x...' },
  },
  'two-step': {
    light: { [HAT]: 'x.o.x.o.x.o.x.o.', [KICK]: 'x.........x.....' },
    full: {
      [KICK]: 'X.........x.....',
      [SNARE]: '....X.......X...',
      [HAT]: 'x.o.x.o.x.o.x.o.',
      [RIM]: '.......g.....g..',
    },
    lift: { [SHAKER]: 'gogogogogogogogo' },
  },
  afrobeat: {
    light: { [SHAKER]: 'xgogxgogxgogxgog', [KICK]: 'x.......x.......' },
    full: {
      [KICK]: 'X.....x.X.......',
      [SNARE]: '....x.......x..g',
      [HAT]: 'x.o.x.o.x.o.x.o.',
      [SHAKER]: 'xgogxgogxgogxgog',
      [COWBELL]: 'x..x..x...x.x...',
    },
    lift: { [OPEN_CONGA]: '......x.......x.', [MUTE_CONGA]: '..o...o...o...o.' },
  },
  amapiano: {
    light: { [SHAKER]: 'xgogxgogxgogxgog', [KICK]: 'x...x...x...x...' },
    full: {
      [KICK]: 'X...x...X...x...',
      [SHAKER]: 'xgogxgogxgogxgog',
      [RIM]: '...x..x....x..x.',
      [CLAP]: '....x.......x...',
    },
    lift: { [OPEN_HAT]: '..o...o...o...o.' },
  },
  dembow: {
    light: { [KICK]: 'x...x...x...x...', [HAT]: 'x...x...x...x...' },
    full: { [KICK]: 'X...x...X...x...', [SNARE]: '...x..x....x..x.', [HAT]: 'x.o.x.o.x.o.x.o.' },
    lift: { [OPEN_HAT]: '..o...o...o...o.', [CLAP]: '...x..x....x..x.' },
  },
  clave: {
    light: { [COWBELL]: 'x...x...x...x...', [CLAVES]: '..x.x...x..x..x.' },
    full: {
      [COWBELL]: 'X...x...X...x...',
      [CLAVES]: '..x.x...x..x..x.',
      [KICK]: 'x.......x.......',
      [MUTE_CONGA]: 'x.o.x.o.x.o.x.o.',
      [OPEN_CONGA]: '......x.......xx',
    },
    lift: { [HIGH_TIMBALE]: '..............xx', [SHAKER]: 'gogogogogogogogo' },
  },
  bossa: {
    light: { [RIM]: 'g..g..g...g..g..', [HAT]: 'x.g.x.g.x.g.x.g.' },
    full: { [KICK]: 'x.....x.x.....x.', [RIM]: 'g..g..g...g..g..', [HAT]: 'x.g.x.g.x.g.x.g.' },
    lift: { [SHAKER]: 'xgggxgggxgggxggg' },
  },
  samba: {
    light: { [SHAKER]: 'xgogxgogxgogxgog', [KICK]: 'x...X...x...X...' },
    full: {
      [KICK]: 'x...X...x...X...',
      [SHAKER]: 'xgogxgogxgogxgog',
      [TAMBOURINE]: 'g.gg.g.g.gg.g.g.',
      [SNARE]: 'g.g.x.g.g.g.x.g.',
    },
    lift: { [COWBELL]: 'x.g.x.g.x.g.x.g.', [HIGH_BONGO]: '..g...g...g...g.' },
  },
  // Cumbia: the kick on every beat and the guacharaca's accented scrape on it, the congas between.
  cumbia: {
    light: { [GUIRO]: 'x.g.x.g.x.g.x.g.', [KICK]: 'x...x...x...x...' },
    full: {
      [KICK]: 'X...x...X...x...',
      [GUIRO]: 'X.ggx.ggX.ggx.gg',
      [OPEN_CONGA]: '..x...x...x...x.',
      [LOW_CONGA]: '..........o.....',
    },
    lift: { [COWBELL]: 'x...x...x...x...' },
  },
  rumba: {
    light: { [CLAP]: 'x..xx.x.x..xx.x.' },
    full: {
      [KICK]: 'X.....x.X.....x.',
      [SNARE]: '....x.......x...',
      [CLAP]: 'x..xx.x.x..xx.x.',
      [SHAKER]: 'x.o.x.o.x.o.x.o.',
    },
    lift: { [TAMBOURINE]: '....x.......x...' },
  },
  march: {
    light: { [SNARE]: 'x...x...x...x...', [KICK]: 'x.......x.......' },
    full: { [KICK]: 'X.......X.......', [SNARE]: 'X.ggx.g.X.ggx.g.' },
    lift: { [CLAP]: 'x...x...x...x...' },
  },
  'half-time': {
    light: { [HAT]: 'x.o.x.o.x.o.x.o.', [KICK]: 'x.........x.....' },
    full: { [KICK]: 'X.........x.....', [SNARE]: '........X.......', [HAT]: 'x.o.x.o.x.o.x.o.' },
    lift: { [OPEN_HAT]: '..o...o...o...o.', [CLAP]: '........x.......' },
  },
  drill: {
    light: { [HAT]: 'x.o.x.o.x.o.x.o.', [KICK]: 'x.........x.....' },
    full: { [KICK]: 'X.....x...x.....', [SNARE]: '........X.....x.', [HAT]: 'x.oox.o.x.oox.o.' },
    lift: { [OPEN_HAT]: '......o.......o.' },
  },
  breakbeat: {
    light: { [KICK]: 'x.........x.....', [HAT]: 'x.o.x.o.x.o.x.o.' },
    full: { [KICK]: 'X.x.......xx....', [SNARE]: '....X..g.g..X..g', [HAT]: 'x.o.x.o.x.o.x.o.' },
    lift: { [RIDE]: 'x.o.x.o.x.o.x.o.' },
  },
  // Phonk: Memphis half-time (the clap on 3, the kick on 1 and under the clap) with the 808 cowbell
  // keeping the beat in eighths, accented on it; hats in eighths. A kick on the and of 3 (with the
  // 808 bass's dotted notes) was heard at ⅔ and 4⁄3 of the tempo on tuning seeds 11 and 12.
  phonk: {
    light: { [COWBELL]: 'x.g.x.g.x.g.x.g.', [HAT]: 'x.o.x.o.x.o.x.o.' },
    full: {
      [KICK]: 'X.......x.......',
      [CLAP]: '........X.......',
      [HAT]: 'x.o.x.o.x.o.x.o.',
      [COWBELL]: 'X.g.x.g.X.g.x.g.',
    },
    lift: { [OPEN_HAT]: '......o.......o.', [SNARE]: '........o.......' },
  },
  // Hyperpop: a bouncy pop backbeat at 140–170 with trap hats and a kick pickup before 3 and 1.
  hyperpop: {
    light: { [KICK]: 'x.......x.......', [HAT]: 'x.o.x.o.x.o.x.o.' },
    full: {
      [KICK]: 'X.....x.X.....x.',
      [CLAP]: '....X.......X...',
      [HAT]: 'x.o.x.o.x.o.x.o.',
    },
    lift: { [HAT]: 'xgogxgogxgogxgog', [OPEN_HAT]: '..............o.' },
  },
  // Dancehall riddim: kick on 1, the and of 2, and 3; claps on 2 and 4; the 3-3-2 ghosted on the rim.
  // Hats on the beat only (at 92–104 BPM eighths between the beats make the double the tempo heard).
  dancehall: {
    light: { [KICK]: 'x.......x.......', [HAT]: 'x...x...x...x...', [RIM]: 'g..g..g.g..g..g.' },
    full: {
      [KICK]: 'X.....x.X.......',
      [CLAP]: '....X.......X...',
      [RIM]: 'g..g..g.g..g..g.',
      [HAT]: 'x...x...x...x...',
    },
    lift: { [SHAKER]: 'o...o...o...o...', [OPEN_HAT]: '..............o.' },
  },
  // Trip-hop: a slow, heavy break, kick on 1 and the and of 3, the snare big on 2 and 4, ghosts
  // around it; the hats on the beats (78–94 BPM).
  'trip-hop': {
    light: { [KICK]: 'x.......x.......', [HAT]: 'x...x...x...x...' },
    full: {
      [KICK]: 'X.........x.....',
      [SNARE]: '....X.......X...',
      [RIM]: '.......g......g.',
      [HAT]: 'x...x...x...x...',
    },
    lift: { [RIDE]: 'o...o...o...o...', [TAMBOURINE]: '....o.......o...' },
  },
  // Hardstyle: the distorted kick on every beat, all accented, claps on 2 and 4, open hats between
  // (the reverse bass fills the off-beats).
  hardstyle: {
    light: { [KICK]: 'X...X...X...X...', [HAT]: '..o...o...o...o.' },
    full: {
      [KICK]: 'X...X...X...X...',
      [CLAP]: '....x.......x...',
      [OPEN_HAT]: '..o...o...o...o.',
    },
    lift: { [HAT]: 'g.g.g.g.g.g.g.g.', [RIDE]: 'o...o...o...o...' },
  },
  // Future bass: half-time (snare on 3), the kick leading into it, hats in eighths with rolls in
  // the drop.
  'future-bass': {
    light: { [HAT]: 'x.o.x.o.x.o.x.o.', [KICK]: 'x.......x.......' },
    full: {
      [KICK]: 'X.....x...x.....',
      [SNARE]: '........X.......',
      [CLAP]: '........X.......',
      [HAT]: 'x.o.x.o.x.o.x.o.',
    },
    lift: { [HAT]: 'x.oox.o.x.oox.o.', [OPEN_HAT]: '..............o.' },
  },
  // Jungle: the chopped amen break at 160–172 (kick on 1 and its and, 3 and 3-and-a; snare on 2 and
  // 4 with the break's ghost hits), a ride on the beats.
  jungle: {
    light: { [RIDE]: 'x...x...x...x...', [HAT]: '..o...o...o...o.' },
    full: {
      [KICK]: 'X.x.......xx....',
      [SNARE]: '....X..g.g..X..g',
      [HAT]: 'x.o.x.o.x.o.x.o.',
      [RIDE]: 'o...o...o...o...',
    },
    lift: { [SNARE]: '....X..x.g.gX..g', [OPEN_HAT]: '..............o.' },
  },
  // Bachata: the güira scraping eighths accented on the beat, the bongos' martillo with the low
  // bongo on each half bar's last eighth, the bass drum on 1 and 3; the mambo's cowbell in choruses.
  bachata: {
    light: { [GUIRO]: 'X.g.x.g.X.g.x.g.', [HIGH_BONGO]: 'x.g.x.g.x.g.x.g.' },
    full: {
      [KICK]: 'X.......x.......',
      [GUIRO]: 'X.g.x.g.X.g.x.g.',
      [HIGH_BONGO]: 'x.g.x.g.x.g.x.g.',
      [LOW_BONGO]: '......o.......o.',
    },
    lift: { [COWBELL]: 'x...x...x...x...' },
  },
  // Afro house: four to the floor under a sixteenth shaker accented on the beat, conga tones on the
  // off-beats and a rim on 2 and 4 instead of a clap.
  'afro-house': {
    light: { [KICK]: 'x...x...x...x...', [SHAKER]: 'xgogxgogxgogxgog' },
    full: {
      [KICK]: 'X...x...X...x...',
      [SHAKER]: 'xgogxgogxgogxgog',
      [OPEN_CONGA]: '..o...o...o...o.',
      [MUTE_CONGA]: 'g...g...g...g...',
      [RIM]: '....x.......x...',
    },
    lift: { [OPEN_HAT]: '..o...o...o...o.', [TAMBOURINE]: '....o.......o...' },
  },
  // Emo rap: trap's half time (the clap on 3, the kick on 1 and under it) with the hats in eighths,
  // only the beat accented. Trap's kick on the "a" of 2 and the "and" of 3, and hats accented on
  // every eighth, made essentia.js hear the drums at ⅔ of the tempo under the guitar loop (tuning
  // seed 12 at 147: 97.9).
  'emo-rap': {
    light: { [HAT]: 'x.g.x.g.x.g.x.g.', [KICK]: 'x.......x.......' },
    full: {
      [KICK]: 'X.......x.......',
      [CLAP]: '........X.......',
      [HAT]: 'x.g.x.g.x.g.x.g.',
    },
    lift: { [OPEN_HAT]: '......o.......o.', [SNARE]: '........o.......' },
  },
  // Bhangra: the dhol's chaal — the bass side (dagga) on 1 and the swung "and" of 2, on 3 and the
  // "and" of 4 (DHA – na-DHA), the treble stick (tilli) on the off-beats with ghosts between; the
  // style's swung eighths give the lope. Claps on 2 and 4 as in modern bhangra.
  bhangra: {
    light: { [LOW_FLOOR_TOM]: 'X.....x.X.....x.', [HIGH_TIMBALE]: 'g.x.g.x.g.x.g.x.' },
    full: {
      [LOW_FLOOR_TOM]: 'X.....x.X.....x.',
      [KICK]: 'x.......x.......',
      [HIGH_TIMBALE]: 'g.x.g.x.g.x.g.x.',
      [CLAP]: '....x.......x...',
    },
    lift: { [TAMBOURINE]: 'x.o.x.o.x.o.x.o.', [OPEN_HAT]: '..............o.' },
  },
  // Soca: the kick on every beat, the snare on the "and" of 2 and on 4, the iron (the brake drum:
  // the cowbell) in 3-3-2, open hats on the off-beats.
  soca: {
    light: { [KICK]: 'x...x...x...x...', [OPEN_HAT]: '..o...o...o...o.' },
    full: {
      [KICK]: 'X...X...X...X...',
      [SNARE]: '......x.....x...',
      [COWBELL]: 'x..x..x.x..x..x.',
      [OPEN_HAT]: '..o...o...o...o.',
    },
    lift: { [CLAP]: '......x.....x...', [TAMBOURINE]: 'g.g.g.g.g.g.g.g.' },
  },
  // Merengue (2/4): the güira's long scrape on the beat and two short ones after it, the tambora's
  // "ta-ka-TA" into beat 2 (its open head on 2 after a pickup) with the stick on the off-beats, the
  // bass drum on both beats; the mambo's cowbell in choruses.
  merengue: {
    light: { [GUIRO]: 'X.xxX.xx', [KICK]: 'x...x...' },
    full: {
      [KICK]: 'X...x...',
      [GUIRO]: 'X.xxX.xx',
      [LOW_TOM]: '...gX...',
      [RIM]: '..x...x.',
    },
    lift: { [COWBELL]: 'x.g.x.g.' },
  },
  // Christmas: sleigh bells (the tambourine) in swung eighths accented on the beat over a light
  // backbeat, the "jingle bell rock" shuffle.
  christmas: {
    light: { [TAMBOURINE]: 'x.g.x.g.x.g.x.g.', [KICK]: 'x.......x.......' },
    full: {
      [KICK]: 'X.......x.......',
      [SNARE]: '....x.......x...',
      [TAMBOURINE]: 'x.o.x.o.x.o.x.o.',
    },
    lift: { [CLAP]: '....x.......x...', [OPEN_HAT]: '..............o.' },
  },
  ballad: {
    // Slow styles: every beat marked and nothing busier than the beat (else the double is heard).
    light: { [RIM]: '....o.......o...', [HAT]: 'x...x...x...x...', [KICK]: 'o.......o.......' },
    full: { [KICK]: 'X.......x.......', [SNARE]: '....x.......x...', [HAT]: 'x...x...x...x...' },
    lift: { [RIDE]: 'x...x...x...x...' },
  },
  waltz: {
    light: { [KICK]: 'x...........', [PEDAL_HAT]: '....o...o...' },
    full: { [KICK]: 'X...........', [SNARE]: '....o...o...', [RIDE]: 'x...x...x.o.' },
    lift: { [TAMBOURINE]: '....x...x...' },
  },
  polka: {
    light: { [KICK]: 'x...x...', [HAT]: '..o...o.' },
    full: { [KICK]: 'X...x...', [SNARE]: '..x...x.', [HAT]: 'x...x...' },
    lift: { [TAMBOURINE]: '..x...x.' },
  },
  jig: {
    light: { [LOW_TOM]: 'X..x..', [SHAKER]: 'xooxoo' },
    full: { [KICK]: 'X..x..', [LOW_TOM]: 'x..x..', [SNARE]: '.g..g.', [SHAKER]: 'xooxoo' },
    lift: { [TAMBOURINE]: 'x..x..' },
  },
  'twelve-eight': {
    light: { [RIDE]: 'xggxggxggxgg', [KICK]: 'x..o..x..o..' },
    full: { [KICK]: 'X..o..x..o..', [SNARE]: '...X.....X..', [RIDE]: 'xggxggxggxgg' },
    lift: { [OPEN_HAT]: '...o.....o..' },
  },
} satisfies Record<string, DrumPattern>;

export type StyleGroove = keyof typeof STYLE_GROOVES;

/** The groove a style plays in a meter its own pattern was not written for ("pop in 3/4"). */
export const METER_FALLBACK: Record<Exclude<MeterName, '4/4'>, StyleGroove> = {
  '3/4': 'waltz',
  '2/4': 'polka',
  '6/8': 'jig',
  '12/8': 'twelve-eight',
};

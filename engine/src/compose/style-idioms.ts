// Harmony idioms the named styles draw from: progressions as scale degrees (0 = I/i), one chord per
// `barsPerChord` bars, whether minor keys raise the leading tone on V, and how often 7ths appear.
import type { GenreProfile } from './genres.ts';

export interface Idiom {
  progressions: GenreProfile['progressions'];
  harmonicDominant: boolean;
  sevenths?: number;
}

export const IDIOMS = {
  /** I–V–vi–IV and relatives. */
  pop: {
    progressions: {
      major: [
        [0, 4, 5, 3],
        [0, 5, 3, 4],
        [3, 0, 4, 5],
      ],
      minor: [
        [0, 5, 2, 6],
        [0, 3, 5, 4],
      ],
    },
    harmonicDominant: false,
  },
  /** I–IV–V three-chord songs (country, bluegrass, punk, surf, polka, march). */
  threeChord: {
    progressions: {
      major: [
        [0, 3, 4, 0],
        [0, 0, 3, 4],
        [0, 3, 0, 4],
      ],
      minor: [
        [0, 3, 4, 0],
        [0, 6, 3, 4],
      ],
    },
    harmonicDominant: true,
    sevenths: 0,
  },
  /** Twelve-bar blues with dominant sevenths. */
  blues: {
    progressions: {
      major: [[0, 0, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4]],
      minor: [[0, 0, 0, 0, 3, 3, 0, 0, 5, 4, 0, 4]],
    },
    harmonicDominant: true,
    sevenths: 0.9,
  },
  /** ii–V–I and turnarounds with sevenths (bebop, big band, bossa, smooth jazz). */
  jazz: {
    progressions: {
      major: [
        [1, 4, 0, 0],
        [0, 5, 1, 4],
        [2, 5, 1, 4],
      ],
      minor: [
        [1, 4, 0, 0],
        [0, 3, 1, 4],
      ],
    },
    harmonicDominant: true,
    sevenths: 1,
  },
  /** i–VII–VI–VII riff harmony (metal, grunge, dubstep, drill). */
  modalMinor: {
    progressions: {
      major: [
        [0, 6, 3, 0],
        [0, 3, 6, 3],
      ],
      minor: [
        [0, 6, 5, 6],
        [0, 5, 6, 0],
        [0, 0, 5, 6],
      ],
    },
    harmonicDominant: false,
    sevenths: 0,
  },
  /** Andalusian cadence i–VII–VI–V (flamenco, tango, film noir). */
  andalusian: {
    progressions: {
      major: [
        [5, 4, 3, 2],
        [0, 3, 4, 0],
      ],
      minor: [
        [0, 6, 5, 4],
        [0, 3, 6, 4],
      ],
    },
    harmonicDominant: true,
    sevenths: 0.2,
  },
  /** Functional I–IV–V–I, ii–V (baroque, classical, waltz, lullaby, string quartet, hymn). */
  classical: {
    progressions: {
      major: [
        [0, 3, 4, 0],
        [0, 5, 1, 4],
        [0, 4, 5, 3],
      ],
      minor: [
        [0, 3, 4, 0],
        [0, 5, 1, 4],
      ],
    },
    harmonicDominant: true,
    sevenths: 0,
  },
  /** One- and two-chord vamps (afrobeat, funk, dub, amapiano, reggaeton). */
  vamp: {
    progressions: {
      major: [
        [0, 0, 3, 3],
        [0, 3, 0, 3],
      ],
      minor: [
        [0, 0, 3, 3],
        [0, 3, 0, 3],
        [0, 6, 0, 6],
      ],
    },
    harmonicDominant: false,
  },
  /** I–IV–V alternation and the I–vi–IV–V doo-wop loop. */
  doowop: {
    progressions: {
      major: [
        [0, 5, 3, 4],
        [0, 5, 1, 4],
      ],
      minor: [
        [0, 5, 3, 4],
        [0, 3, 4, 4],
      ],
    },
    harmonicDominant: true,
    sevenths: 0.3,
  },
  /** Uplifting vi–IV–I–V and i–VI–III–VII (trance, k-pop, j-pop, synthwave, video game). */
  anthem: {
    progressions: {
      major: [
        [0, 4, 5, 3],
        [3, 4, 2, 5],
        [0, 2, 3, 4],
      ],
      minor: [
        [0, 5, 2, 6],
        [0, 3, 6, 5],
      ],
    },
    harmonicDominant: false,
  },
  /** I–IV reggae alternation. */
  reggae: {
    progressions: {
      major: [
        [0, 3, 0, 3],
        [0, 4, 3, 4],
        [0, 3, 4, 3],
      ],
      minor: [
        [0, 3, 0, 3],
        [0, 6, 0, 6],
        [0, 3, 6, 0],
      ],
    },
    harmonicDominant: false,
  },
  /**
   * Ska: I–IV–V moves that come home to I every cycle. Against ska's offbeat chops and walking bass,
   * a loop that dwells on V (I–V–IV–V) is heard in V's key.
   */
  ska: {
    progressions: {
      major: [
        [0, 3, 4, 0],
        [0, 5, 3, 0],
        [0, 3, 0, 4],
      ],
      minor: [
        [0, 3, 0, 3],
        [0, 6, 0, 6],
        [0, 3, 6, 0],
      ],
    },
    harmonicDominant: false,
  },
  /** Gospel and soul: plagal IV–I, sevenths, I–iii–IV–V. */
  gospel: {
    progressions: {
      major: [
        [0, 3, 0, 4],
        [0, 2, 3, 4],
        [3, 0, 1, 4],
      ],
      minor: [
        [0, 3, 0, 4],
        [0, 5, 3, 4],
      ],
    },
    harmonicDominant: true,
    sevenths: 0.6,
  },
} satisfies Record<string, Idiom>;

export type IdiomName = keyof typeof IDIOMS;

// The hymnal: a THIRD labelled composer for the analyser's tempo and key (tests and benches only),
// written independently of corpus-compose.ts and songbook.ts. Each item is a short arrangement in
// one of 18 styles as a church band, a pub band, a film, a game, a school orchestra or a DJ would
// write it (hymn, march, country two-step, reggae, bossa nova, ska, gospel 12/8, metal, drum & bass,
// lo-fi hip hop, string quartet, fingerpicked guitar, Baroque, film ostinato, minuet, jig, 6/8
// ballad): an intro, two sections (A B A …), fills and cadences at section ends, section dynamics,
// humanised velocities and ±6 ms timing jitter at a steady tempo. hymnal-render.ts renders the
// first 30 s with FluidSynth.
//
// LABELS: the beat of the notation a published chart of the style would use — the quarter note in
// 2/4, 3/4 and 4/4, the dotted quarter in 6/8 and 12/8. Reggae comes in two charts: 'reggae' written
// at 65–90 (skank on every eighth off-beat, the one drop on beat 3 of each bar) and 'reggae-140'
// written at 130–170 (skank on 2 and 4, kick and rim on 3: the half-time feel of the same groove
// as its chart writes it).
//
// THE SPLIT, fixed here once, before any figure was measured on this material, and never to be
// changed to improve a figure: item n (0-based, in the order hymnal() returns) is 'held-out' when
// n % 2 === 1, 'tuning' otherwise. Every stratum (style and metre) is a contiguous block of even
// size starting at an even index, so each splits exactly in half; keys are dealt per half so that
// each half holds all 24 keys.

import { mulberry32 } from './corpus.ts';
import { SMF_PPQ as PPQ, writeSmf } from './smf.ts';

export const HYMNAL_SEED = 5353;
export const HYMNAL_CLIP_SEC = 30;

export type HymnalFont = 'fluidr3' | 'timgm6mb';
export type HymnalMetre = '2/4' | '3/4' | '4/4' | '6/8' | '12/8';
export type HymnalStyle =
  | 'hymn'
  | 'march'
  | 'country'
  | 'reggae'
  | 'reggae-140'
  | 'bossa'
  | 'ska'
  | 'gospel'
  | 'metal'
  | 'dnb'
  | 'lofi'
  | 'quartet'
  | 'fingerpick'
  | 'baroque'
  | 'film'
  | 'minuet'
  | 'jig'
  | 'ballad68';

export interface HymnalItem {
  id: string;
  set: 'tuning' | 'held-out';
  soundfont: HymnalFont;
  style: HymnalStyle;
  metre: HymnalMetre;
  /** Beats per minute of the labelled beat (quarter, or dotted quarter in 6/8 and 12/8), 1 decimal. */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: 'natural' | 'harmonic' | null;
  seed: number;
}

interface Stratum {
  style: HymnalStyle;
  metre: HymnalMetre;
  lo: number;
  hi: number;
  count: number;
  minorKinds: ('natural' | 'harmonic')[];
}

const CLASSICAL: ('natural' | 'harmonic')[] = ['harmonic'];
const FOLK: ('natural' | 'harmonic')[] = ['natural'];
const BOTH: ('natural' | 'harmonic')[] = ['natural', 'harmonic'];

/** The strata, in item order. Counts are even (each splits in half); they sum to 160. */
const STRATA: Stratum[] = [
  { style: 'hymn', metre: '4/4', lo: 60, hi: 110, count: 8, minorKinds: CLASSICAL },
  { style: 'march', metre: '2/4', lo: 100, hi: 130, count: 6, minorKinds: CLASSICAL },
  { style: 'march', metre: '4/4', lo: 100, hi: 130, count: 6, minorKinds: CLASSICAL },
  { style: 'country', metre: '4/4', lo: 90, hi: 170, count: 12, minorKinds: FOLK },
  { style: 'reggae', metre: '4/4', lo: 65, hi: 90, count: 8, minorKinds: FOLK },
  { style: 'reggae-140', metre: '4/4', lo: 130, hi: 170, count: 8, minorKinds: FOLK },
  { style: 'bossa', metre: '4/4', lo: 120, hi: 150, count: 8, minorKinds: BOTH },
  { style: 'ska', metre: '4/4', lo: 140, hi: 180, count: 8, minorKinds: FOLK },
  { style: 'gospel', metre: '12/8', lo: 50, hi: 80, count: 8, minorKinds: BOTH },
  { style: 'metal', metre: '4/4', lo: 90, hi: 180, count: 12, minorKinds: FOLK },
  { style: 'dnb', metre: '4/4', lo: 160, hi: 178, count: 8, minorKinds: FOLK },
  { style: 'lofi', metre: '4/4', lo: 70, hi: 95, count: 8, minorKinds: FOLK },
  { style: 'quartet', metre: '4/4', lo: 60, hi: 140, count: 12, minorKinds: CLASSICAL },
  { style: 'fingerpick', metre: '4/4', lo: 80, hi: 140, count: 8, minorKinds: BOTH },
  { style: 'baroque', metre: '4/4', lo: 60, hi: 100, count: 8, minorKinds: CLASSICAL },
  { style: 'film', metre: '4/4', lo: 80, hi: 140, count: 8, minorKinds: BOTH },
  { style: 'minuet', metre: '3/4', lo: 100, hi: 150, count: 8, minorKinds: CLASSICAL },
  { style: 'jig', metre: '6/8', lo: 90, hi: 130, count: 8, minorKinds: FOLK },
  { style: 'ballad68', metre: '6/8', lo: 40, hi: 65, count: 8, minorKinds: BOTH },
];

export const HYMNAL_STYLES: HymnalStyle[] = [...new Set(STRATA.map((s) => s.style))];

const KEY_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

function shuffle<T>(xs: T[], rng: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** The 160 items (deterministic: seed 5353). */
export function hymnal(): HymnalItem[] {
  const rng = mulberry32(HYMNAL_SEED);
  const total = STRATA.reduce((n, s) => n + s.count, 0);
  // Keys dealt per half: all 24 in each, the rest drawn at random, then shuffled.
  const keysFor = () => {
    const keys = Array.from({ length: total / 2 }, (_, i) => i % 24);
    return shuffle(keys, rng);
  };
  const keys = { tuning: keysFor(), 'held-out': keysFor() };
  const items: HymnalItem[] = [];
  for (const st of STRATA) {
    for (let i = 0; i < st.count; i++) {
      const n = items.length;
      const set = n % 2 === 1 ? 'held-out' : 'tuning';
      const key = keys[set][Math.floor(n / 2)]!;
      const tonicPc = key % 12;
      const mode = key < 12 ? 'major' : 'minor';
      // Tempi spread over the range, pair by pair (each half spans it), log-uniform within a slot.
      const pairs = st.count / 2;
      const slot = (Math.floor(i / 2) + rng()) / pairs;
      const bpm = Math.round(st.lo * (st.hi / st.lo) ** slot * 10) / 10;
      const minorKind = mode === 'minor' ? st.minorKinds[Math.floor(rng() * st.minorKinds.length)]! : null;
      const soundfont: HymnalFont = Math.floor(n / 2) % 2 === 0 ? 'fluidr3' : 'timgm6mb';
      const seed = Math.floor(rng() * 2 ** 31);
      const keyName = `${KEY_NAMES[tonicPc]}${mode === 'minor' ? 'm' : ''}`;
      items.push({
        id: `hy-${String(n).padStart(3, '0')}-${st.style}-${keyName}`,
        set,
        soundfont,
        style: st.style,
        metre: st.metre,
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

// ---------------------------------------------------------------- the score

export interface HymnalNote {
  part: 'bass' | 'chords' | 'inner' | 'melody' | 'drums';
  channel: number;
  /** In quarter notes from the start. */
  start: number;
  duration: number;
  pitch: number;
  velocity: number;
  /** Timing humanisation, applied when the MIDI file is written (within ±6 ms). */
  jitterSec: number;
}

export interface HymnalScore {
  /** Quarter notes per minute (the MIDI tempo). */
  qpm: number;
  /** The labelled beat in quarter notes (1, or 1.5 in 6/8 and 12/8). */
  beatQ: number;
  barQ: number;
  bars: number;
  introEndQ: number;
  sections: { name: string; bar: number }[];
  notes: HymnalNote[];
  programs: { channel: number; program: number; volume: number }[];
  timeSig: [number, number];
}

const METRES: Record<HymnalMetre, { barQ: number; beatQ: number; sig: [number, number] }> = {
  '2/4': { barQ: 2, beatQ: 1, sig: [2, 4] },
  '3/4': { barQ: 3, beatQ: 1, sig: [3, 4] },
  '4/4': { barQ: 4, beatQ: 1, sig: [4, 4] },
  '6/8': { barQ: 3, beatQ: 1.5, sig: [6, 8] },
  '12/8': { barQ: 6, beatQ: 1.5, sig: [12, 8] },
};

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const NATURAL = [0, 2, 3, 5, 7, 8, 10];
const HARMONIC = [0, 2, 3, 5, 7, 8, 11];

// GM percussion
const KICK = 36;
const SIDE = 37;
const SNARE = 38;
const CLOSED = 42;
const PEDAL = 44;
const OPEN = 46;
const CRASH = 49;
const RIDE = 51;
const TOM_LO = 45;
const TOM_MID = 47;
const TOM_HI = 50;
const TAMB = 54;
const SHAKER = 70;

/** Bar-level progressions (scale degrees, 0 = tonic), four bars each; A and B sections. */
const PROG_MAJOR = [
  [0, 3, 4, 0],
  [0, 5, 3, 4],
  [0, 4, 5, 3],
  [0, 3, 0, 4],
  [5, 3, 0, 4],
  [3, 4, 0, 0],
];
const PROG_MINOR = [
  [0, 5, 6, 0],
  [0, 3, 4, 0],
  [0, 5, 3, 4],
  [0, 6, 5, 4],
  [5, 6, 0, 0],
  [3, 0, 4, 0],
];

interface Section {
  name: string;
  bar: number;
  len: number;
  prog: number[];
  dyn: number;
}

class Composer {
  readonly notes: HymnalNote[] = [];
  readonly rng: () => number;
  readonly scale: number[];
  dyn = 1;
  melodyDeg = 4;

  constructor(
    readonly item: HymnalItem,
    readonly barQ: number,
    readonly beatQ: number,
  ) {
    this.rng = mulberry32(item.seed);
    this.scale = item.mode === 'major' ? MAJOR : item.minorKind === 'harmonic' ? HARMONIC : NATURAL;
  }

  pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rng() * xs.length)]!;
  }

  add(
    part: HymnalNote['part'],
    channel: number,
    start: number,
    duration: number,
    pitch: number,
    vel: number,
  ) {
    const velocity = Math.max(1, Math.min(127, Math.round(vel * this.dyn + (this.rng() * 2 - 1) * 7)));
    const jitterSec = Math.round((this.rng() * 2 - 1) * 0.006 * 10000) / 10000;
    this.notes.push({ part, channel, start, duration, pitch, velocity, jitterSec });
  }

  drum(start: number, pitch: number, vel: number, duration = 0.25) {
    this.add('drums', 9, start, duration, pitch, vel);
  }

  /** MIDI pitch of scale degree d (any integer) counted from the tonic at `base` + tonicPc. */
  deg(d: number, base: number): number {
    const o = Math.floor(d / 7);
    return base + this.item.tonicPc + 12 * o + this.scale[((d % 7) + 7) % 7]!;
  }

  /** Chord tones of degree d (triad, or seventh chord) placed in [lo, lo + 12). */
  voicing(d: number, lo: number, seventh = false): number[] {
    const tones = [d, d + 2, d + 4, ...(seventh ? [d + 6] : [])].map((x) => this.deg(x, 0) % 12);
    return tones.map((pc) => lo + ((((pc - lo) % 12) + 12) % 12)).sort((a, b) => a - b);
  }

  /** Semitones from degree d up to its chord's fifth (degree d + 4), in this scale. */
  fifthOf(d: number): number {
    return (((this.deg(d + 4, 0) - this.deg(d, 0)) % 12) + 12) % 12;
  }

  /** Bass root of degree d in the octave from 36 (E1 area to B2). */
  root(d: number, fifth = false): number {
    const p = this.deg(d + (fifth ? 4 : 0), 0) % 12;
    return 36 + ((((p - 36) % 12) + 12) % 12) + (p < 4 ? 12 : 0);
  }

  /**
   * A tune over one bar: rhythm as [position, duration] in quarters from the bar start; strong
   * positions take chord tones near the last note, others step through the scale.
   */
  tune(
    startQ: number,
    chord: number,
    rhythm: [number, number][],
    channel: number,
    base: number,
    vel: number,
  ) {
    for (const [pos, dur] of rhythm) {
      const strong = Math.abs(pos / this.beatQ - Math.round(pos / this.beatQ)) < 1e-9;
      let d: number;
      if (strong) {
        const cands: number[] = [];
        for (let x = Math.max(0, this.melodyDeg - 4); x <= Math.min(9, this.melodyDeg + 4); x++)
          if ([0, 2, 4].some((k) => (((x - chord - k) % 7) + 7) % 7 === 0)) cands.push(x);
        cands.sort((a, b) => Math.abs(a - this.melodyDeg) - Math.abs(b - this.melodyDeg));
        d = cands[Math.floor(this.rng() * Math.min(3, cands.length))]!;
      } else d = this.melodyDeg + (this.rng() < 0.5 ? -1 : 1);
      if (d < 0) d += 2;
      if (d > 9) d -= 2;
      this.melodyDeg = d;
      // the tonic nearest `base` from below-ish: tonic in [base - 6, base + 5]
      const tonic = base - 6 + ((((this.item.tonicPc - base + 6) % 12) + 12) % 12) - this.item.tonicPc;
      this.add('melody', channel, startQ + pos, dur * 0.95, this.deg(d, tonic), vel + (strong ? 8 : 0));
    }
  }

  /** Tom fill over the last `beats` beats of the bar starting at startQ, in steps of `step` quarters. */
  fill(startQ: number, beats: number, step: number, vel = 90) {
    const from = startQ + this.barQ - beats * this.beatQ;
    const toms = [TOM_HI, TOM_HI, TOM_MID, TOM_MID, TOM_LO, TOM_LO];
    const n = Math.round((beats * this.beatQ) / step);
    for (let i = 0; i < n; i++)
      this.drum(from + i * step, i === n - 1 ? SNARE : toms[Math.floor((i * 6) / n)]!, vel);
  }
}

type Writer = (c: Composer, ctx: BarCtx) => void;

interface BarCtx {
  q: number;
  bar: number;
  chord: number;
  next: number;
  intro: boolean;
  sec: Section;
  barInSec: number;
  first: boolean;
  last: boolean;
  /** Section index after the intro (0 = A, 1 = B, …). */
  secIndex: number;
}

const ch = { bass: 0, chords: 1, inner: 2, melody: 3, extra: 4 } as const;

/** Standard drum helpers for 4/4 kits. */
function crashIfFirst(c: Composer, x: BarCtx) {
  if (x.first && !x.intro) c.drum(x.q, CRASH, 100, 2);
}

const tuneRhythms44: [number, number][][] = [
  [
    [0, 1.5],
    [1.5, 0.5],
    [2, 2],
  ],
  [
    [0, 1],
    [1, 1],
    [2, 1],
    [3, 0.5],
    [3.5, 0.5],
  ],
  [
    [0.5, 0.5],
    [1, 1],
    [2, 1.5],
  ],
  [[0, 3]],
  [
    [0, 1],
    [1, 0.5],
    [1.5, 0.5],
    [2, 2],
  ],
];

function tune44(c: Composer, x: BarCtx, channel: number, base: number, vel: number) {
  if (x.last) c.tune(x.q, x.chord, [[0, 3]], channel, base, vel);
  else c.tune(x.q, x.chord, c.pick(tuneRhythms44), channel, base, vel);
}

const WRITERS: Record<HymnalStyle, Writer> = {
  hymn(c, x) {
    // SATB chorale, a chord per beat; the section's last bar is a cadence in two half notes.
    const cadence = x.last || x.barInSec % 4 === 3;
    const beats = cadence
      ? [
          [x.barInSec % 8 === 3 && !x.last ? 0 : 4, 2],
          [x.barInSec % 8 === 3 && !x.last ? 4 : 0, 2],
        ]
      : [
          [x.chord, 1],
          [c.pick([x.chord, 0, (x.chord + 5) % 7]), 1],
          [c.pick([3, 0, 5, x.chord]), 1],
          [c.pick([4, 0, x.chord]), 1],
        ];
    let at = 0;
    for (const [d, len] of beats) {
      // root doubled in the soprano or the tenor, third in the alto, fifth in the other voice
      const [r, t, f] = [0, 2, 4].map((k) => c.deg(d! + k, 0) % 12) as [number, number, number];
      const place = (pc: number, lo: number) => lo + ((((pc - lo) % 12) + 12) % 12);
      const sopRoot = c.rng() < 0.5;
      const vel = 70;
      c.add('melody', ch.chords, x.q + at, len! * 0.97, place(c.pick(sopRoot ? [r] : [t, f]), 66), vel + 6);
      c.add('chords', ch.chords, x.q + at, len! * 0.97, place(t, 59), vel);
      c.add('inner', ch.chords, x.q + at, len! * 0.97, place(sopRoot ? f : r, 51), vel);
      c.add('bass', ch.bass, x.q + at, len! * 0.97, c.root(d!), vel + 4);
      at += len!;
    }
  },
  march(c, x) {
    // Oom-pah: tuba on the beats (root, fifth), brass after-beats, snare drum and bass drum.
    const beats = c.barQ;
    for (let b = 0; b < beats; b++) {
      c.add('bass', ch.bass, x.q + b, 0.45, c.root(x.chord, b % 2 === 1), 92);
      if (beats === 2) {
        for (const p of c.voicing(x.chord, 58)) c.add('chords', ch.chords, x.q + b + 0.5, 0.3, p, 72);
      } else if (b % 2 === 1) {
        for (const p of c.voicing(x.chord, 58)) c.add('chords', ch.chords, x.q + b, 0.45, p, 74);
      }
    }
    if (!x.intro) {
      if (x.last) c.fill(x.q, beats === 2 ? 1 : 2, 0.25, 95);
      else {
        c.drum(x.q, KICK, 100);
        if (beats === 4) c.drum(x.q + 2, KICK, 90);
        for (let s = 0; s < beats * 2; s++) c.drum(x.q + s * 0.5, SNARE, s % 2 ? 55 : 78);
        c.drum(x.q + beats - 0.25, SNARE, 60);
      }
      crashIfFirst(c, x);
      if (beats === 2) {
        const r: [number, number][][] = [
          [
            [0, 0.75],
            [0.75, 0.25],
            [1, 1],
          ],
          [
            [0, 0.5],
            [0.5, 0.5],
            [1, 0.5],
            [1.5, 0.5],
          ],
          [[0, 2]],
        ];
        c.tune(x.q, x.chord, x.last ? [[0, 2]] : c.pick(r), ch.melody, 72, 88);
      } else tune44(c, x, ch.melody, 72, 88);
    }
  },
  country(c, x) {
    // Two-step: bass on 1 and 3 (root, fifth), brushed snare on 2 and 4, guitar boom-chick.
    for (let b = 0; b < 4; b++) {
      if (b % 2 === 0) c.add('bass', ch.bass, x.q + b, 0.9, c.root(x.chord, b === 2), 95);
      else {
        for (const p of c.voicing(x.chord, 55)) c.add('chords', ch.chords, x.q + b, 0.4, p, 70);
        c.add('chords', ch.chords, x.q + b + 0.5, 0.3, c.voicing(x.chord, 60)[2]!, 55);
      }
    }
    if (!x.intro) {
      crashIfFirst(c, x);
      if (x.last) c.fill(x.q, 2, 0.5, 85);
      for (let b = 0; b < (x.last ? 2 : 4); b++) {
        if (b % 2 === 1) c.drum(x.q + b, SNARE, 62);
        else c.drum(x.q + b, KICK, 85);
        c.drum(x.q + b, PEDAL, 45);
      }
      tune44(c, x, ch.melody, 67, 82);
    } else {
      c.drum(x.q + 1, SIDE, 50);
      c.drum(x.q + 3, SIDE, 50);
    }
  },
  reggae(c, x) {
    // Written at 65–90: skank on every eighth off-beat, the one drop (kick + rim) on beat 3.
    for (let b = 0; b < 4; b++) {
      for (const p of c.voicing(x.chord, 60)) c.add('chords', ch.chords, x.q + b + 0.5, 0.2, p, 72);
      c.add('inner', ch.inner, x.q + b + 0.5, 0.2, c.voicing(x.chord, 67)[0]!, 55);
    }
    // bass: rests on 1, a figure through the bar
    const r = c.root(x.chord);
    c.add('bass', ch.bass, x.q + 0.5, 0.5, r, 95);
    c.add('bass', ch.bass, x.q + 1, 0.75, r, 90);
    const f = r + c.fifthOf(x.chord);
    c.add('bass', ch.bass, x.q + 2, 0.5, f > 55 ? f - 12 : f, 88);
    c.add('bass', ch.bass, x.q + 2.5, 1, c.root(x.next), 92);
    if (!x.intro) {
      crashIfFirst(c, x);
      c.drum(x.q + 2, KICK, 100);
      c.drum(x.q + 2, SIDE, 95);
      for (let s = 0; s < 8; s++) c.drum(x.q + s * 0.5, CLOSED, s % 2 ? 48 : 62);
      if (x.last) c.fill(x.q, 1, 0.25, 80);
      c.tune(x.q, x.chord, x.last ? [[0, 3]] : c.pick(tuneRhythms44), ch.melody, 67, 78);
    }
  },
  'reggae-140'(c, x) {
    // Written at 130–170: skank on 2 and 4, kick and rim on 3, bass line in quarters and eighths.
    for (const b of [1, 3])
      for (const p of c.voicing(x.chord, 60)) c.add('chords', ch.chords, x.q + b, 0.3, p, 74);
    const r = c.root(x.chord);
    c.add('bass', ch.bass, x.q, 1.5, r, 96);
    c.add('bass', ch.bass, x.q + 1.5, 0.5, c.root(x.chord + 2), 80);
    c.add('bass', ch.bass, x.q + 2, 1, c.root(x.chord, true), 90);
    if (!x.intro) {
      crashIfFirst(c, x);
      c.drum(x.q + 2, KICK, 100);
      c.drum(x.q + 2, SIDE, 92);
      for (let s = 0; s < 4; s++) c.drum(x.q + s, CLOSED, 55);
      if (x.last) c.fill(x.q, 1, 0.5, 80);
      if (x.bar % 2 === 0 || x.last) {
        c.tune(
          x.q,
          x.chord,
          x.last
            ? [[0, 2]]
            : c.pick([
                [
                  [0, 1],
                  [1, 1],
                  [2, 2],
                ],
                [[0, 3]],
                [
                  [1, 1],
                  [2, 1.5],
                ],
              ]),
          ch.melody,
          67,
          78,
        );
      }
    }
  },
  bossa(c, x) {
    // Nylon guitar in a two-bar clave-like figure, bass on 1 and 3 with pick-ups, rim clave, shaker.
    const even = x.bar % 2 === 0;
    const hits = even ? [0, 1.5, 3] : [1, 2.5];
    for (const h of hits)
      for (const p of c.voicing(x.chord, 57, true)) c.add('chords', ch.chords, x.q + h, 0.45, p, 64);
    const r = c.root(x.chord);
    c.add('bass', ch.bass, x.q, 1.4, r, 90);
    c.add('bass', ch.bass, x.q + 1.5, 0.5, c.root(x.chord, true), 75);
    c.add('bass', ch.bass, x.q + 2, 1.4, c.root(x.chord, true), 85);
    c.add('bass', ch.bass, x.q + 3.5, 0.5, r, 75);
    for (let s = 0; s < 8; s++) c.drum(x.q + s * 0.5, SHAKER, s % 2 ? 40 : 55);
    if (!x.intro) {
      crashIfFirst(c, x);
      for (const h of hits) c.drum(x.q + h, SIDE, 70);
      c.drum(x.q, KICK, 75);
      c.drum(x.q + 2, KICK, 70);
      c.tune(
        x.q,
        x.chord,
        x.last
          ? [[0, 3]]
          : c.pick([
              [
                [0, 1.5],
                [1.5, 1],
                [2.5, 1.5],
              ],
              [
                [0.5, 1],
                [1.5, 0.5],
                [2, 2],
              ],
              [[0, 4]],
            ]),
        ch.melody,
        67,
        76,
      );
    }
  },
  ska(c, x) {
    // Upstrokes on every eighth off-beat, walking bass in quarters, backbeat, horn line.
    for (let b = 0; b < 4; b++) {
      for (const p of c.voicing(x.chord, 62)) c.add('chords', ch.chords, x.q + b + 0.5, 0.2, p, 78);
      const walk = [0, 2, 4, 5];
      let p = c.deg(x.chord + walk[b]!, 36);
      while (p > 55) p -= 12;
      c.add('bass', ch.bass, x.q + b, 0.9, p, 92);
    }
    if (!x.intro) {
      crashIfFirst(c, x);
      if (x.last) c.fill(x.q, 2, 0.25, 95);
      for (let b = 0; b < (x.last ? 2 : 4); b++) {
        c.drum(x.q + b, b % 2 ? SNARE : KICK, b % 2 ? 95 : 92);
        c.drum(x.q + b + 0.5, b === 3 ? OPEN : CLOSED, 60);
      }
      tune44(c, x, ch.melody, 67, 90);
    } else for (let b = 0; b < 4; b++) c.drum(x.q + b + 0.5, CLOSED, 50);
  },
  gospel(c, x) {
    // 12/8: piano triplet chords, organ pad, bass on the beats with a pick-up, shuffle kit.
    for (let e = 0; e < 12; e++)
      for (const p of c.voicing(x.chord, 60))
        c.add('chords', ch.chords, x.q + e * 0.5, 0.45, p, e % 3 ? 50 : 70);
    for (const p of c.voicing(x.chord, 55)) c.add('inner', ch.inner, x.q, 5.8, p, 55);
    for (let b = 0; b < 4; b++) c.add('bass', ch.bass, x.q + b * 1.5, 1, c.root(x.chord, b === 2), 92);
    c.add('bass', ch.bass, x.q + 5.5, 0.5, c.root(x.next + 6), 70);
    if (!x.intro) {
      crashIfFirst(c, x);
      if (x.last) c.fill(x.q, 2, 0.5, 90);
      for (let b = 0; b < (x.last ? 2 : 4); b++) {
        c.drum(x.q + b * 1.5, b % 2 ? SNARE : KICK, b % 2 ? 92 : 95);
        for (let e = 0; e < 3; e++) c.drum(x.q + b * 1.5 + e * 0.5, RIDE, e === 0 ? 70 : 50);
      }
      c.tune(
        x.q,
        x.chord,
        x.last
          ? [[0, 4.5]]
          : c.pick([
              [
                [0, 1.5],
                [1.5, 1],
                [2.5, 0.5],
                [3, 3],
              ],
              [
                [0, 3],
                [3, 1.5],
                [4.5, 1.5],
              ],
              [
                [1.5, 1.5],
                [3, 1],
                [4, 2],
              ],
            ]),
        ch.melody,
        67,
        80,
      );
    }
  },
  metal(c, x) {
    // Double kick in sixteenths, snare on 2 and 4, palm-muted power chords in eighths.
    const r = c.root(x.chord);
    for (let s = 0; s < 8; s++) {
      const accent = s % 4 === 0;
      c.add('chords', ch.chords, x.q + s * 0.5, accent ? 0.45 : 0.25, r + 12, accent ? 100 : 80);
      c.add(
        'chords',
        ch.chords,
        x.q + s * 0.5,
        accent ? 0.45 : 0.25,
        r + 12 + c.fifthOf(x.chord),
        accent ? 95 : 75,
      );
      c.add('bass', ch.bass, x.q + s * 0.5, 0.4, r, 90);
    }
    if (x.intro) {
      for (let b = 0; b < 4; b++) c.drum(x.q + b, CLOSED, 60);
      return;
    }
    crashIfFirst(c, x);
    if (x.last) c.fill(x.q, 2, 0.25, 105);
    for (let s = 0; s < (x.last ? 8 : 16); s++) c.drum(x.q + s * 0.25, KICK, s % 4 ? 80 : 95);
    for (let b = 0; b < (x.last ? 2 : 4); b++) {
      if (b % 2) c.drum(x.q + b, SNARE, 110);
      c.drum(x.q + b, b === 0 && !x.first ? CRASH : RIDE, 80);
    }
    if (x.secIndex % 2 === 1) tune44(c, x, ch.melody, 64, 95);
  },
  dnb(c, x) {
    // Two-step breakbeat at 160–178 (kick 1 and the "and" of 3, snare 2 and 4, ghosts), sub bass in
    // half notes, a pad in whole bars.
    c.add('bass', ch.bass, x.q, 1.9, c.root(x.chord) - 12 < 28 ? c.root(x.chord) : c.root(x.chord) - 12, 100);
    c.add(
      'bass',
      ch.bass,
      x.q + 2,
      1.9,
      c.root(x.chord) - 12 < 28 ? c.root(x.chord) : c.root(x.chord) - 12,
      92,
    );
    for (const p of c.voicing(x.chord, 60, true)) c.add('inner', ch.inner, x.q, 3.9, p, 50);
    for (let s = 0; s < 8; s++) c.drum(x.q + s * 0.5, CLOSED, s % 2 ? 55 : 70);
    if (!x.intro) {
      crashIfFirst(c, x);
      if (x.last) c.fill(x.q, 2, 0.25, 100);
      c.drum(x.q, KICK, 105);
      c.drum(x.q + 2.5, KICK, 95);
      if (!x.last) {
        c.drum(x.q + 1, SNARE, 110);
        c.drum(x.q + 3, SNARE, 110);
        c.drum(x.q + 1.75, SNARE, 40);
        c.drum(x.q + 3.25, SNARE, 38);
      } else c.drum(x.q + 1, SNARE, 110);
      if (x.bar % 2 === 1)
        c.tune(
          x.q,
          x.chord,
          [
            [0, 2],
            [2, 2],
          ],
          ch.melody,
          72,
          70,
        );
    }
  },
  lofi(c, x) {
    // Lazy swing: swung eighths (on the triplet), e-piano seventh chords, sparse bass.
    // The loop returns to the tonic seventh every other bar (i7 – VI7 – i7 – VII7 …).
    if (x.barInSec % 2 === 0) x = { ...x, chord: 0 };
    const sw = 2 / 3;
    for (const h of [0, 1 + sw, 3])
      for (const p of c.voicing(x.chord, 57, true)) c.add('chords', ch.chords, x.q + h, 0.9, p, 58);
    c.add('bass', ch.bass, x.q, 1.5, c.root(x.chord), 88);
    c.add('bass', ch.bass, x.q + 2 + sw, 1, c.root(x.chord, true), 78);
    for (let b = 0; b < 4; b++) {
      c.drum(x.q + b, CLOSED, 55);
      c.drum(x.q + b + sw, CLOSED, 38);
    }
    if (!x.intro) {
      crashIfFirst(c, x);
      c.drum(x.q, KICK, 95);
      c.drum(x.q + 2 + sw, KICK, 80);
      c.drum(x.q + 3 + sw, KICK, 60);
      c.drum(x.q + 1, SNARE, 85);
      c.drum(x.q + 3, x.last ? TOM_LO : SNARE, 85);
      c.tune(
        x.q,
        x.chord,
        x.last
          ? [[0, 3]]
          : c.pick([
              [
                [0, 1 + sw],
                [1 + sw, 4 / 3],
              ],
              [[1, 2]],
              [
                [0, 1],
                [1, 2],
              ],
            ]),
        ch.melody,
        72,
        70,
      );
    }
  },
  quartet(c, x) {
    // String quartet: cello roots on the beats, viola halves, second violin eighth-note broken
    // chords, first violin the tune.
    const v = c.voicing(x.chord, 60);
    const fig = [v[0]!, v[1]!, v[2]!, v[1]!];
    for (let e = 0; e < 8; e++) c.add('inner', ch.inner, x.q + e * 0.5, 0.48, fig[e % 4]!, e % 2 ? 55 : 66);
    for (let b = 0; b < 4; b += 2)
      c.add('chords', ch.chords, x.q + b, 1.9, c.voicing(x.chord, 53)[b / 2]!, 60);
    for (let b = 0; b < 4; b++)
      c.add('bass', ch.bass, x.q + b, 0.9, c.root(x.chord, b === 2) + 12, b % 2 ? 58 : 70);
    if (!x.intro) tune44(c, x, ch.melody, 72, 78);
  },
  fingerpick(c, x) {
    // Travis picking: thumb on every beat (root, 3rd/5th alternating), fingers on the off-beats.
    const third = c.root(x.chord + 2) + 12;
    const thumbs = [c.root(x.chord) + 12, third, c.root(x.chord, true) + 12, third];
    const hi = c.voicing(x.chord, 62);
    for (let b = 0; b < 4; b++) {
      c.add('bass', ch.bass, x.q + b, 0.9, thumbs[b]!, 80);
      c.add('chords', ch.bass, x.q + b + 0.5, 0.45, hi[(b + 1) % 3]!, 62);
    }
    if (!x.intro && x.barInSec % 2 === 0) c.add('melody', ch.bass, x.q, 1.9, c.voicing(x.chord, 67)[2]!, 78);
    if (x.last) c.add('melody', ch.bass, x.q + 2, 1.9, c.voicing(x.chord, 67)[0]!, 72);
  },
  baroque(c, x) {
    // Harpsichord continuo, a solo line in running sixteenths, bass in eighths.
    const v = [...c.voicing(x.chord, 62), ...c.voicing(x.chord, 74)];
    const shapes = [
      [0, 1, 2, 3, 2, 1, 0, 1],
      [0, 2, 1, 3, 2, 4, 3, 5],
      [5, 4, 3, 2, 1, 0, 1, 2],
    ];
    for (let half = 0; half < 2; half++) {
      const shape = c.pick(shapes);
      for (let s = 0; s < 8; s++)
        c.add('melody', ch.melody, x.q + half * 2 + s * 0.25, 0.24, v[shape[s]!]!, s % 4 ? 62 : 78);
    }
    for (let e = 0; e < 8; e++)
      c.add(
        'bass',
        ch.bass,
        x.q + e * 0.5,
        0.45,
        c.root(x.chord, e % 4 === 2) + (e % 2 ? 12 : 0),
        e % 2 ? 58 : 72,
      );
    for (const b of [0, 2])
      for (const p of c.voicing(x.chord, 55)) c.add('chords', ch.bass, x.q + b, 1.9, p, 55);
  },
  film(c, x) {
    // Eighth-note string ostinato, slow brass tune, low strings, timpani.
    const v = c.voicing(x.chord, 55);
    const pat = [v[0]!, v[0]!, v[2]!, v[0]!, v[1]!, v[0]!, v[2]!, v[1]!];
    for (let e = 0; e < 8; e++) c.add('inner', ch.inner, x.q + e * 0.5, 0.4, pat[e]!, e % 2 ? 62 : 78);
    c.add('bass', ch.bass, x.q, 3.9, c.root(x.chord), 82);
    if (!x.intro) {
      c.add('inner', ch.extra, x.q, 1, c.root(x.chord), 95); // timpani
      if (x.last)
        for (let s = 0; s < 8; s++)
          c.add('inner', ch.extra, x.q + 2 + s * 0.25, 0.25, c.root(x.chord), 60 + s * 5);
      if (x.barInSec % 2 === 0)
        c.tune(
          x.q,
          x.chord,
          [
            [0, 2],
            [2, 2],
          ],
          ch.melody,
          60,
          80,
        );
      else c.tune(x.q, x.chord, [[0, 4]], ch.melody, 60, 80);
    }
  },
  minuet(c, x) {
    // 3/4: bass quarter on 1, chords on 2 and 3, a tune in quarters and eighths.
    c.add('bass', ch.bass, x.q, 0.95, c.root(x.chord) + 12, 80);
    for (const b of [1, 2])
      for (const p of c.voicing(x.chord, 57)) c.add('chords', ch.chords, x.q + b, 0.8, p, 55);
    if (!x.intro) {
      const r: [number, number][][] = [
        [
          [0, 1],
          [1, 0.5],
          [1.5, 0.5],
          [2, 1],
        ],
        [
          [0, 2],
          [2, 1],
        ],
        [
          [0, 0.5],
          [0.5, 0.5],
          [1, 0.5],
          [1.5, 0.5],
          [2, 1],
        ],
      ];
      c.tune(x.q, x.chord, x.last ? [[0, 2]] : c.pick(r), ch.melody, 72, 80);
    }
  },
  jig(c, x) {
    // 6/8: fiddle in running eighths, guitar boom-chick (bass on the beat, chord on the third eighth),
    // bodhrán on the beats.
    for (let b = 0; b < 2; b++) {
      c.add('bass', ch.chords, x.q + b * 1.5, 0.9, c.root(x.chord, b === 1) + 12, 80);
      for (const p of c.voicing(x.chord, 57)) c.add('chords', ch.chords, x.q + b * 1.5 + 1, 0.45, p, 62);
    }
    if (!x.intro) {
      const r: [number, number][] = x.last
        ? [[0, 3]]
        : [0, 0.5, 1, 1.5, 2, 2.5].map((p) => [p, 0.5] as [number, number]);
      c.tune(x.q, x.chord, r, ch.melody, 72, 85);
      crashIfFirst(c, x);
      for (let b = 0; b < 2; b++) {
        c.drum(x.q + b * 1.5, TOM_LO, 90);
        c.drum(x.q + b * 1.5 + 1, TOM_MID, 55);
      }
    }
  },
  ballad68(c, x) {
    // 6/8 at 40–65 dotted quarters: piano eighth arpeggios, bass on 1, strings pad, a sung tune;
    // soft kit (kick on 1, rim on 4, tambourine) from the second section.
    const v = c.voicing(x.chord, 55);
    const arp = [c.root(x.chord) + 12, v[0]!, v[1]!, v[2]!, v[1]!, v[0]!];
    for (let e = 0; e < 6; e++) c.add('chords', ch.chords, x.q + e * 0.5, 0.5, arp[e]!, e % 3 ? 52 : 66);
    c.add('bass', ch.bass, x.q, 2.9, c.root(x.chord), 78);
    for (const p of c.voicing(x.chord, 60)) c.add('inner', ch.inner, x.q, 2.9, p, 40);
    if (!x.intro) {
      c.tune(
        x.q,
        x.chord,
        x.last
          ? [[0, 3]]
          : c.pick([
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
                [0.5, 0.5],
                [1, 0.5],
                [1.5, 1],
                [2.5, 0.5],
              ],
            ]),
        ch.melody,
        67,
        72,
      );
      if (x.secIndex >= 1) {
        crashIfFirst(c, x);
        c.drum(x.q, KICK, 70);
        c.drum(x.q + 1.5, SIDE, 60);
        for (let e = 0; e < 6; e++) c.drum(x.q + e * 0.5, TAMB, e % 3 ? 30 : 45);
      }
    }
  },
};

/** GM programs per style: [bass, chords, inner, melody, extra] (channels 0–4). */
const PROGRAMS: Record<HymnalStyle, number[][]> = {
  hymn: [
    [19, 19, 19, 19, 19],
    [52, 52, 52, 52, 52],
  ],
  march: [
    [58, 61, 61, 56, 56],
    [58, 57, 57, 72, 72],
  ],
  country: [
    [32, 25, 25, 110, 110],
    [32, 25, 25, 26, 26],
  ],
  reggae: [
    [33, 28, 17, 65, 65],
    [33, 27, 16, 56, 56],
  ],
  'reggae-140': [
    [33, 28, 17, 65, 65],
    [33, 27, 16, 56, 56],
  ],
  bossa: [
    [32, 24, 24, 73, 73],
    [32, 24, 24, 66, 66],
  ],
  ska: [
    [33, 27, 27, 56, 56],
    [33, 28, 28, 57, 57],
  ],
  gospel: [
    [33, 0, 16, 52, 52],
    [33, 0, 17, 53, 53],
  ],
  metal: [
    [34, 30, 30, 30, 30],
    [34, 29, 29, 30, 30],
  ],
  dnb: [
    [38, 89, 89, 81, 81],
    [39, 88, 88, 80, 80],
  ],
  lofi: [
    [33, 4, 4, 11, 11],
    [32, 5, 5, 73, 73],
  ],
  quartet: [
    [42, 41, 40, 40, 40],
    [42, 41, 40, 40, 40],
  ],
  fingerpick: [
    [25, 25, 25, 25, 25],
    [24, 24, 24, 24, 24],
  ],
  baroque: [
    [6, 6, 6, 40, 6],
    [6, 6, 6, 6, 6],
  ],
  film: [
    [43, 48, 48, 61, 47],
    [43, 49, 49, 60, 47],
  ],
  minuet: [
    [42, 48, 48, 40, 40],
    [6, 6, 6, 6, 6],
  ],
  jig: [
    [25, 25, 25, 110, 110],
    [25, 25, 25, 73, 73],
  ],
  ballad68: [
    [32, 0, 49, 53, 53],
    [32, 0, 48, 73, 73],
  ],
};

const DRUMLESS: HymnalStyle[] = ['hymn', 'quartet', 'fingerpick', 'baroque', 'film', 'minuet'];

/** The item's arrangement (deterministic from its seed). */
export function composeHymnal(item: HymnalItem): HymnalScore {
  const m = METRES[item.metre];
  const c = new Composer(item, m.barQ, m.beatQ);
  const qpm = item.bpm * m.beatQ;
  const barSec = (m.barQ * 60) / qpm;
  const bars = Math.ceil(HYMNAL_CLIP_SEC / barSec) + 1;
  const introBars = barSec >= 3 ? 1 : 2;
  const secLen = barSec > 3.2 ? 4 : 8;
  const progs = item.mode === 'major' ? PROG_MAJOR : PROG_MINOR;
  const progA = c.pick(progs);
  let progB = c.pick(progs);
  if (progB === progA) progB = progs[(progs.indexOf(progA) + 1) % progs.length]!;
  const sections: Section[] = [{ name: 'intro', bar: 0, len: introBars, prog: progA, dyn: 0.72 }];
  let at = introBars;
  let k = 0;
  while (at < bars) {
    const b = k % 2 === 1;
    sections.push({ name: b ? 'B' : 'A', bar: at, len: secLen, prog: b ? progB : progA, dyn: b ? 1 : 0.86 });
    at += secLen;
    k++;
  }
  const writer = WRITERS[item.style];
  const chordAt = (bar: number): number => {
    const s = [...sections].reverse().find((x) => x.bar <= bar)!;
    const i = bar - s.bar;
    // the section's last bar resolves home
    if (s.name !== 'intro' && i === s.len - 1) return 0;
    const d = s.prog[i % 4]!;
    // harmonic minor: the subtonic chord (a diminished triad on the raised 7th) becomes V
    return d === 6 && item.minorKind === 'harmonic' ? 4 : d;
  };
  for (let bar = 0; bar < bars; bar++) {
    let secIndex = 0;
    while (secIndex + 1 < sections.length && sections[secIndex + 1]!.bar <= bar) secIndex++;
    const sec = sections[secIndex]!;
    c.dyn = sec.dyn;
    const barInSec = bar - sec.bar;
    writer(c, {
      q: bar * m.barQ,
      bar,
      chord: chordAt(bar),
      next: chordAt(bar + 1),
      intro: sec.name === 'intro',
      sec,
      barInSec,
      first: barInSec === 0,
      last: barInSec === sec.len - 1,
      secIndex: secIndex - 1,
    });
  }
  const pi = Math.floor(mulberry32(item.seed ^ 0x5a5a)() * 2);
  const progs5 = PROGRAMS[item.style][pi]!;
  const programs = progs5.map((program, channel) => ({ channel, program, volume: channel === 3 ? 100 : 92 }));
  if (!DRUMLESS.includes(item.style)) programs.push({ channel: 9, program: 0, volume: 100 });
  c.notes.sort((a, b) => a.start - b.start || a.channel - b.channel || a.pitch - b.pitch);
  return {
    qpm,
    beatQ: m.beatQ,
    barQ: m.barQ,
    bars,
    introEndQ: introBars * m.barQ,
    sections: sections.map((s) => ({ name: s.name, bar: s.bar })),
    notes: c.notes,
    programs,
    timeSig: m.sig,
  };
}

// ---------------------------------------------------------------- our SMF writer

/** A format-0 Standard MIDI File of the item's score (tempo, metre, programs, notes with jitter). */
export function hymnalMidi(item: HymnalItem): Uint8Array {
  const s = composeHymnal(item);
  const programs = s.programs.map((p) => ({
    channel: p.channel,
    program: p.program,
    controllers: [
      [7, p.volume],
      [91, 40],
    ] as const,
  }));
  const ticksPerSec = (PPQ * s.qpm) / 60;
  let endTick = 0;
  const notes = s.notes.map((n) => {
    const on = Math.max(0, Math.round(n.start * PPQ + n.jitterSec * ticksPerSec) + PPQ);
    const durationTicks = Math.max(12, Math.round(n.duration * PPQ) - 6);
    endTick = Math.max(endTick, on + durationTicks);
    return { tick: on, channel: n.channel, note: n.pitch, velocity: n.velocity, durationTicks };
  });
  return writeSmf(s.qpm, programs, notes, {
    timeSig: { num: s.timeSig[0], den: s.timeSig[1], clocksPerClick: 24 },
    // the end of the track two quarter notes after the last note-off
    endTick: endTick + 2 * PPQ,
  });
}

// The analyser's labelled corpus (issue 19): music it was not tuned on, written as note events by
// a seeded generator and rendered by four independent renderers (corpus-render.ts). Tests and
// bench only.
//
// What varies: renderer (FluidSynth with Debian's FluidR3 GM, FluidSynth with MuseScore General
// Lite, sox-synthesised samples, the engine's own generateTrack), drum feel (four-on-the-floor,
// backbeat, half-time, shuffle, breakbeat, none), metre (4/4, 3/4, 6/8), tempo 60–190 BPM, all 24
// keys, natural-minor (Aeolian) and harmonic-minor loops, bass and chord rhythms (whole bar to
// every eighth), harmonic rhythm (half bar to two bars), instruments, a little timing jitter.
//
// Labels: bpm is the beat a listener taps — the quarter note in 4/4 and 3/4 (also under a
// half-time feel, where the snare lands on 3), the dotted quarter in 6/8.
//
// THE SPLIT (fixed before any tuning, 2026-12-02; never change it to improve a figure): the
// generator enumerates CORPUS_SIZE items from seed CORPUS_SEED; within each stratum
// (renderer × feel × metre) the items are shuffled with a PRNG seeded by the stratum's name and
// every item whose position in that order is ≡ 1 or 3 (mod 5) goes to the held-out set (40 %),
// the others to the tuning set. Constants of the analyser may be chosen by looking at the tuning
// set only; the held-out figures are reported, never tuned against.

import { GENRES, type Genre } from '../../types.ts';

export const CORPUS_SEED = 19;
export const CORPUS_SIZE = 240;
/**
 * Bump when the generator or a renderer changes: the render cache is keyed by it.
 * v2 (after inspecting tuning-set misses only; split rule unchanged): half-time grooves keep 8th
 * or 16th hats (a quarter-note ride made them plain backbeats at half the tempo), eighth-note
 * bass and broken chords accent the beat, and 6/8 arpeggios run in threes.
 * v3 (same reason): hats and shakers play 8ths instead of 16ths above 130 BPM.
 */
export const CORPUS_VERSION = 3;

export const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

export type Renderer = 'fluidsynth-fluidr3' | 'fluidsynth-musescore' | 'sox' | 'engine';
/** 'genre': an engine item, whose groove is its genre's. */
export type Feel =
  | 'four-on-the-floor'
  | 'backbeat'
  | 'half-time'
  | 'shuffle'
  | 'breakbeat'
  | 'none'
  | 'genre';
export type Metre = '4/4' | '3/4' | '6/8';
export type CorpusSet = 'tuning' | 'held-out';
export type MinorKind = 'natural' | 'harmonic';

export interface CorpusItem {
  id: string;
  set: CorpusSet;
  renderer: Renderer;
  feel: Feel;
  metre: Metre;
  /** The labelled beat rate (see the header); for engine items, the plan's. */
  bpm: number;
  tonicPc: number;
  mode: 'major' | 'minor';
  minorKind: MinorKind;
  seed: number;
  /** Engine items only: the genre asked for (the engine picks bpm in its range; the label is the plan's). */
  genre?: Genre;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

/** Tempo ranges per feel (log-uniform within), as such grooves are usually played. */
const FEEL_TEMPI: Record<Feel, [number, number]> = {
  genre: [60, 190],
  'four-on-the-floor': [100, 150],
  backbeat: [70, 180],
  'half-time': [110, 190],
  shuffle: [70, 160],
  breakbeat: [85, 180],
  none: [60, 190],
};
const METRE_TEMPI: Record<Exclude<Metre, '4/4'>, [number, number]> = { '3/4': [80, 190], '6/8': [60, 100] };

const FEELS: readonly Feel[] = ['four-on-the-floor', 'backbeat', 'half-time', 'shuffle', 'breakbeat', 'none'];
const RENDERER_COUNTS: [Renderer, number][] = [
  ['fluidsynth-fluidr3', 90],
  ['fluidsynth-musescore', 50],
  ['sox', 70],
  ['engine', 30],
];

function heldOutByStratum(items: Omit<CorpusItem, 'set'>[]): CorpusItem[] {
  const strata = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = `${it.renderer}/${it.feel}/${it.metre}`;
    strata.set(key, [...(strata.get(key) ?? []), i]);
  });
  const set = new Array<CorpusSet>(items.length).fill('tuning');
  for (const [key, members] of strata) {
    const rnd = mulberry32(hashString(key) ^ CORPUS_SEED);
    const order = [...members];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    order.forEach((idx, pos) => {
      if (pos % 5 === 1 || pos % 5 === 3) set[idx] = 'held-out';
    });
  }
  return items.map((it, i) => ({ ...it, set: set[i]! }));
}

/** The whole corpus, deterministic; filter by `set`. Engine items carry the requested bpm until rendered. */
export function corpus(): CorpusItem[] {
  const rnd = mulberry32(CORPUS_SEED);
  const items: Omit<CorpusItem, 'set'>[] = [];
  let n = 0;
  for (const [renderer, count] of RENDERER_COUNTS) {
    for (let i = 0; i < count; i++, n++) {
      // Keys walk all 24 in every renderer (×7 mod 24 is a permutation).
      const key = (n * 7 + 5) % 24;
      const tonicPc = key >> 1;
      const mode = key & 1 ? 'minor' : 'major';
      // Two thirds of minor loops are natural minor (Aeolian: ♭VII, minor v, no leading tone).
      const minorKind: MinorKind = rnd() < 2 / 3 ? 'natural' : 'harmonic';
      let metre: Metre = '4/4';
      let feel: Feel = 'genre';
      const genre = renderer === 'engine' ? GENRES[i % GENRES.length]! : undefined;
      if (renderer !== 'engine') {
        const m = rnd();
        if (m < 0.15) metre = '3/4';
        else if (m < 0.3) metre = '6/8';
        // 3/4 and 6/8 are played with drums (kick on 1, snare/hats after) or without.
        feel = metre === '4/4' ? FEELS[i % FEELS.length]! : rnd() < 0.6 ? 'backbeat' : 'none';
      }
      const [lo, hi] = metre === '4/4' ? FEEL_TEMPI[feel] : METRE_TEMPI[metre];
      const drawn = Math.round(lo * (hi / lo) ** rnd() * 10) / 10;
      // Engine items: the engine chooses the tempo within the genre's range (label filled in at render).
      const bpm = genre ? 0 : drawn;
      const seed = 100_000 + n * 31;
      const what = genre ? genre : `${metre.replace('/', '')}-${feel}-${bpm}`;
      const id = `${renderer}-${String(i).padStart(2, '0')}-${what}-${PITCH_CLASSES[tonicPc]}${mode === 'minor' ? 'm' : ''}`;
      items.push({
        id,
        renderer,
        feel,
        metre,
        bpm,
        tonicPc,
        mode,
        minorKind,
        seed,
        ...(genre ? { genre } : {}),
      });
    }
  }
  return heldOutByStratum(items);
}

export function corpusSet(set: CorpusSet): CorpusItem[] {
  return corpus().filter((it) => it.set === set);
}

/**
 * More TUNING material (issue 19, 2026-12-02, third session), made after the split and outside
 * it: the same generator and renderers (not the engine: its renders are tuned on through the
 * bench's engine seeds), another seed, and only the kinds of piece whose metrical level was
 * hardest on the tuning set — half-time grooves, 3/4 and 6/8 with and without drums — with
 * slow backbeats and drumless 4/4 beside them so the fit does not learn "slow means wrong".
 * Every item is a tuning item; none of the 240 items above changes or moves.
 */
export const EXTRA_TUNING_SEED = 1919;
export const EXTRA_TUNING_PER_RENDERER = 28;

const EXTRA_KINDS: { feel: Feel; metre: Metre; tempi?: [number, number] }[] = [
  { feel: 'half-time', metre: '4/4' },
  { feel: 'half-time', metre: '4/4' },
  { feel: 'backbeat', metre: '3/4' },
  { feel: 'none', metre: '3/4' },
  { feel: 'backbeat', metre: '6/8' },
  { feel: 'none', metre: '6/8' },
  // slow backbeats (16th hats below 130 BPM): the half-time groove's twin at half its tempo
  { feel: 'backbeat', metre: '4/4', tempi: [65, 100] },
];

/**
 * A second batch (issue 19, fifth session), same rules and renderers, another seed: drumless 3/4
 * and 6/8 — most of what the fit still got wrong — with drumless 4/4 beside them so "no drums"
 * does not come to mean "triple". Ids start with `x2-`, seeds at 600 000: neither collides with
 * the split nor with the first batch (corpus-split.test.ts).
 */
export const TRIPLE_TUNING_SEED = 2929;
export const TRIPLE_TUNING_PER_RENDERER = 15;
const TRIPLE_KINDS: { feel: Feel; metre: Metre }[] = [
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'none', metre: '4/4' },
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
];

/**
 * A third batch (issue 19, sixth session, seed 3939, ids `x3-`, item seeds from 800 000): the
 * kinds still missed in cross-validation — half-time grooves, 3/4 and 6/8 with and without
 * drums — with their twins beside them (slow backbeats, drumless 4/4) so neither "slow" nor
 * "no drums" comes to mean "wrong level".
 */
export const THIRD_TUNING_SEED = 3939;
export const THIRD_TUNING_PER_RENDERER = 21;
const THIRD_KINDS: { feel: Feel; metre: Metre; tempi?: [number, number] }[] = [
  { feel: 'half-time', metre: '4/4' },
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'half-time', metre: '4/4', tempi: [140, 190] },
  { feel: 'backbeat', metre: '3/4' },
  { feel: 'backbeat', metre: '6/8' },
  { feel: 'backbeat', metre: '4/4', tempi: [65, 100] },
];

/**
 * A fourth batch (issue 19, seventh session, seed 4646, ids `x4-`, item seeds from 1 000 000,
 * 72 items), drawn after held-out set C was fixed and apart from it: the kinds the sixth session
 * still missed — fast half-time grooves (140–190), drumless 4/4, 3/4 and 6/8 — with their twins
 * (slow backbeats, half-time at its usual tempi, 3/4 and 6/8 with drums).
 */
export const FOURTH_TUNING_SEED = 4646;
export const FOURTH_TUNING_PER_RENDERER = 24;
const FOURTH_KINDS: { feel: Feel; metre: Metre; tempi?: [number, number] }[] = [
  { feel: 'half-time', metre: '4/4', tempi: [140, 190] },
  { feel: 'none', metre: '4/4' },
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'half-time', metre: '4/4', tempi: [140, 190] },
  { feel: 'backbeat', metre: '4/4', tempi: [65, 100] },
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'none', metre: '4/4' },
  { feel: 'half-time', metre: '4/4' },
  { feel: 'backbeat', metre: '3/4' },
  { feel: 'backbeat', metre: '6/8' },
];

/**
 * A fifth batch (issue 19, eighth session, seed 5757, ids `x5-`, item seeds from 1 200 000, 72
 * items), drawn after held-out set D was fixed and apart from it: the kinds the seventh session
 * still missed — slow backbeats (60–85) and drumless 4/4 at 60–90 read at double time, fast
 * half-time grooves (150–190) read at half, drumless 3/4 and 6/8 — with the twins that must stay
 * where they are (backbeats and drumless 4/4 at 120–180), so "slow" does not come to mean "wrong".
 */
export const FIFTH_TUNING_SEED = 5757;
export const FIFTH_TUNING_PER_RENDERER = 24;
const FIFTH_KINDS: { feel: Feel; metre: Metre; tempi?: [number, number] }[] = [
  { feel: 'backbeat', metre: '4/4', tempi: [60, 85] },
  { feel: 'none', metre: '4/4', tempi: [60, 90] },
  { feel: 'half-time', metre: '4/4', tempi: [150, 190] },
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'backbeat', metre: '4/4', tempi: [120, 180] },
  { feel: 'backbeat', metre: '4/4', tempi: [60, 85] },
  { feel: 'none', metre: '4/4', tempi: [60, 90] },
  { feel: 'half-time', metre: '4/4', tempi: [150, 190] },
  { feel: 'none', metre: '3/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'none', metre: '4/4', tempi: [120, 180] },
];

/**
 * A sixth batch (issue 19, ninth session, seed 6262, ids `x6-`, item seeds from 1 400 000, 72
 * items), drawn after held-out set E was committed and apart from it: the kinds sets A–D still
 * missed — four-on-the-floor at 110–140 read at half, fast half-time grooves (146–190) and fast
 * 3/4 backbeats (150–190) read at half, drumless 6/8, slow backbeats (60–85) and slow drumless
 * 4/4 (60–90) read at double — with the twins that must stay where they are (four-on-the-floor
 * and backbeats at their usual tempi, half-time grooves at 110–145, slow 3/4 backbeats).
 */
export const SIXTH_TUNING_SEED = 6262;
export const SIXTH_TUNING_PER_RENDERER = 24;
const SIXTH_KINDS: { feel: Feel; metre: Metre; tempi?: [number, number] }[] = [
  { feel: 'four-on-the-floor', metre: '4/4', tempi: [110, 140] },
  { feel: 'half-time', metre: '4/4', tempi: [146, 190] },
  { feel: 'backbeat', metre: '3/4', tempi: [150, 190] },
  { feel: 'none', metre: '6/8' },
  { feel: 'backbeat', metre: '4/4', tempi: [60, 85] },
  { feel: 'none', metre: '4/4', tempi: [60, 90] },
  { feel: 'four-on-the-floor', metre: '4/4' },
  { feel: 'half-time', metre: '4/4', tempi: [146, 190] },
  { feel: 'backbeat', metre: '4/4', tempi: [100, 180] },
  { feel: 'half-time', metre: '4/4', tempi: [110, 145] },
  { feel: 'backbeat', metre: '3/4', tempi: [80, 130] },
  { feel: 'none', metre: '6/8' },
];

/** All the extra tuning items: the batches of seeds 1919, 2929 (drumless triple metres), 3939, 4646 and 5757 (6262: sixthTuningBatch). */
export function extraTuningCorpus(): CorpusItem[] {
  return [
    ...extraBatch({
      seed: EXTRA_TUNING_SEED,
      kinds: EXTRA_KINDS,
      perRenderer: EXTRA_TUNING_PER_RENDERER,
      prefix: 'x',
      seedBase: 500_000,
      keyStep: 5,
      keyOffset: 11,
    }),
    ...extraBatch({
      seed: TRIPLE_TUNING_SEED,
      kinds: TRIPLE_KINDS,
      perRenderer: TRIPLE_TUNING_PER_RENDERER,
      prefix: 'x2',
      seedBase: 600_000,
      keyStep: 7,
      keyOffset: 3,
    }),
    ...extraBatch({
      seed: THIRD_TUNING_SEED,
      kinds: THIRD_KINDS,
      perRenderer: THIRD_TUNING_PER_RENDERER,
      prefix: 'x3',
      seedBase: 800_000,
      keyStep: 11,
      keyOffset: 1,
    }),
    ...extraBatch({
      seed: FOURTH_TUNING_SEED,
      kinds: FOURTH_KINDS,
      perRenderer: FOURTH_TUNING_PER_RENDERER,
      prefix: 'x4',
      seedBase: 1_000_000,
      keyStep: 17,
      keyOffset: 9,
    }),
    ...extraBatch({
      seed: FIFTH_TUNING_SEED,
      kinds: FIFTH_KINDS,
      perRenderer: FIFTH_TUNING_PER_RENDERER,
      prefix: 'x5',
      seedBase: 1_200_000,
      keyStep: 23,
      keyOffset: 6,
    }),
  ];
}

/**
 * The sixth batch on its own: tuning material, but not in `extraTuningCorpus()` (nor in the
 * committed fit) — it missed the ninth session's keep rule (`fit:metre -- --untrained=x6-`
 * against trained on it: +3.7 on the mean, one shuffle −4; engine/src/analyze/README.md).
 * `fit:metre -- --x6` adds it.
 */
export function sixthTuningBatch(): CorpusItem[] {
  return extraBatch({
    seed: SIXTH_TUNING_SEED,
    kinds: SIXTH_KINDS,
    perRenderer: SIXTH_TUNING_PER_RENDERER,
    prefix: 'x6',
    seedBase: 1_400_000,
    keyStep: 5,
    keyOffset: 1,
  });
}

/**
 * HELD-OUT SET B (issue 19, sixth session, 2026-12-03): made AFTER that session's choices were
 * fixed on tuning material, from a seed no earlier batch, fold shuffle or engine render used, by
 * the same generator and the three non-engine renderers (FluidSynth with two SoundFonts, sox);
 * measured once, at the end. Every drum feel (half-time, shuffle and none twice as often as
 * one 4/4 feel would be), 3/4 and 6/8 with and without drums, tempi in each kind's usual range
 * (60–190), all 24 keys in each renderer. Ids start with `hb-`, seeds at 700 000. Never tune on
 * these: corpus-split.test.ts checks they stay out of the tuning material and pins their digest.
 */
export const HELD_OUT_B_SEED = 7373;
export const HELD_OUT_B_PER_RENDERER = 24;
const HELD_OUT_B_KINDS: { feel: Feel; metre: Metre }[] = [
  { feel: 'four-on-the-floor', metre: '4/4' },
  { feel: 'backbeat', metre: '4/4' },
  { feel: 'half-time', metre: '4/4' },
  { feel: 'shuffle', metre: '4/4' },
  { feel: 'breakbeat', metre: '4/4' },
  { feel: 'none', metre: '4/4' },
  { feel: 'backbeat', metre: '3/4' },
  { feel: 'none', metre: '3/4' },
  { feel: 'backbeat', metre: '6/8' },
  { feel: 'none', metre: '6/8' },
  { feel: 'half-time', metre: '4/4' },
  { feel: 'shuffle', metre: '4/4' },
];

export function heldOutB(): CorpusItem[] {
  return extraBatch({
    seed: HELD_OUT_B_SEED,
    kinds: HELD_OUT_B_KINDS,
    perRenderer: HELD_OUT_B_PER_RENDERER,
    prefix: 'hb',
    seedBase: 700_000,
    keyStep: 5,
    keyOffset: 7,
    set: 'held-out',
  });
}

/**
 * HELD-OUT SET C (issue 19, seventh session, 2026-12-03): defined, committed and rendered BEFORE
 * that session's tuning, because sets A and B had both been looked at and could no longer show
 * generalisation on their own. Same generator and three non-engine renderers, a seed no earlier
 * batch, held-out set, fold shuffle or engine render used (8484), ids `hc-`, item seeds from
 * 900 000. Every drum feel (half-time and shuffle twice as often), 3/4 and 6/8 with and without
 * drums, 60–190 BPM, all 24 keys in each renderer (key step 13, coprime with 24). Analysed by our
 * analyser once, after the session's choices were committed. corpus-split.test.ts pins its
 * digest and checks it shares no id or seed with tuning items or the other held-out sets.
 */
export const HELD_OUT_C_SEED = 8484;
export const HELD_OUT_C_PER_RENDERER = 24;
const HELD_OUT_C_KINDS: { feel: Feel; metre: Metre }[] = [
  { feel: 'half-time', metre: '4/4' },
  { feel: 'none', metre: '3/4' },
  { feel: 'four-on-the-floor', metre: '4/4' },
  { feel: 'shuffle', metre: '4/4' },
  { feel: 'backbeat', metre: '6/8' },
  { feel: 'none', metre: '4/4' },
  { feel: 'backbeat', metre: '4/4' },
  { feel: 'half-time', metre: '4/4' },
  { feel: 'none', metre: '6/8' },
  { feel: 'breakbeat', metre: '4/4' },
  { feel: 'backbeat', metre: '3/4' },
  { feel: 'shuffle', metre: '4/4' },
];

export function heldOutC(): CorpusItem[] {
  return extraBatch({
    seed: HELD_OUT_C_SEED,
    kinds: HELD_OUT_C_KINDS,
    perRenderer: HELD_OUT_C_PER_RENDERER,
    prefix: 'hc',
    seedBase: 900_000,
    keyStep: 13,
    keyOffset: 2,
    set: 'held-out',
  });
}

/**
 * HELD-OUT SET D (issue 19, eighth session, 2026-12-03): defined and committed BEFORE that
 * session's tuning or any look at a result, because sets A, B and C had all been looked at. Same
 * generator, three non-engine renderers and strata as set C (every drum feel, half-time and
 * shuffle twice as often, 3/4 and 6/8 with and without drums, 60–190 BPM, all 24 keys in each
 * renderer: key step 19, coprime with 24), a seed no earlier batch, held-out set, fold shuffle or
 * engine render used (9595), ids `hd-`, item seeds from 1 100 000. Analysed by our analyser once,
 * after the session's choices were committed. corpus-split.test.ts pins its digest and checks it
 * shares no id or seed with tuning items or the other held-out sets.
 */
export const HELD_OUT_D_SEED = 9595;
export const HELD_OUT_D_PER_RENDERER = 24;

export function heldOutD(): CorpusItem[] {
  return extraBatch({
    seed: HELD_OUT_D_SEED,
    kinds: HELD_OUT_C_KINDS,
    perRenderer: HELD_OUT_D_PER_RENDERER,
    prefix: 'hd',
    seedBase: 1_100_000,
    keyStep: 19,
    keyOffset: 4,
    set: 'held-out',
  });
}

/**
 * HELD-OUT SET E (issue 19, ninth session, 2026-12-04): defined and committed BEFORE that
 * session's tuning or any look at a result, because sets A, B, C and D had all been looked at.
 * Same generator, three non-engine renderers and strata as sets C and D (every drum feel,
 * half-time and shuffle twice as often, 3/4 and 6/8 with and without drums, 60–190 BPM, all 24
 * keys in each renderer: key step 7, coprime with 24), a seed no earlier batch, held-out set,
 * fold shuffle or engine render used (7171), ids `he-`, item seeds from 1 300 000 (the fifth
 * batch ends at 1 202 201). Analysed by our analyser once, after the session's choices were
 * committed. corpus-split.test.ts pins its digest and checks it shares no id or seed with tuning
 * items or the other held-out sets.
 */
export const HELD_OUT_E_SEED = 7171;
export const HELD_OUT_E_PER_RENDERER = 24;

export function heldOutE(): CorpusItem[] {
  return extraBatch({
    seed: HELD_OUT_E_SEED,
    kinds: HELD_OUT_C_KINDS,
    perRenderer: HELD_OUT_E_PER_RENDERER,
    prefix: 'he',
    seedBase: 1_300_000,
    keyStep: 7,
    keyOffset: 10,
    set: 'held-out',
  });
}

interface ExtraBatch {
  set?: CorpusSet;
  seed: number;
  kinds: { feel: Feel; metre: Metre; tempi?: [number, number] }[];
  perRenderer: number;
  /** Id prefix; items' own seeds are seedBase + 31·n. */
  prefix: string;
  seedBase: number;
  /** Keys walk all 24: item n gets key (n·keyStep + keyOffset) mod 24. */
  keyStep: number;
  keyOffset: number;
}

function extraBatch({
  set = 'tuning',
  seed,
  kinds,
  perRenderer,
  prefix,
  seedBase,
  keyStep,
  keyOffset,
}: ExtraBatch): CorpusItem[] {
  const rnd = mulberry32(seed);
  const items: CorpusItem[] = [];
  const renderers: Renderer[] = ['fluidsynth-fluidr3', 'fluidsynth-musescore', 'sox'];
  let n = 0;
  for (const renderer of renderers) {
    for (let i = 0; i < perRenderer; i++, n++) {
      const key = (n * keyStep + keyOffset) % 24;
      const tonicPc = key >> 1;
      const mode = key & 1 ? 'minor' : 'major';
      const minorKind: MinorKind = rnd() < 2 / 3 ? 'natural' : 'harmonic';
      const kind = kinds[i % kinds.length]!;
      const [lo, hi] = kind.tempi ?? (kind.metre === '4/4' ? FEEL_TEMPI[kind.feel] : METRE_TEMPI[kind.metre]);
      const bpm = Math.round(lo * (hi / lo) ** rnd() * 10) / 10;
      const what = `${kind.metre.replace('/', '')}-${kind.feel}-${bpm}`;
      items.push({
        id: `${prefix}-${renderer}-${String(i).padStart(2, '0')}-${what}-${PITCH_CLASSES[tonicPc]}${mode === 'minor' ? 'm' : ''}`,
        set,
        renderer,
        feel: kind.feel,
        metre: kind.metre,
        bpm,
        tonicPc,
        mode,
        minorKind,
        seed: seedBase + n * 31,
      });
    }
  }
  return items;
}

// Metrical level: given the comb's best beat rate, decide between it and its relatives (×2, ×½,
// ×3, ×⅓, ×3⁄2, ×2⁄3) with evidence the full-band autocorrelation does not carry. The comb scores
// octave-related rates almost equally when hats on 8ths pulse as strongly as the beat, and a
// half-time groove (kick on 1, snare on 3) is, drum for drum, a backbeat at half the tempo — so
// the choice reads every layer, not only kick and snare:
// - each layer on its own autocorrelation: the kick/bass band (< 200 Hz), the mid band (chords,
//   melody, 200 Hz–1 kHz) and the high band (snare, hats, shakers, > 1 kHz): its beat salience
//   and its pulse on the beat, its 8ths and its 16ths — how bass, harmony and hats divide it;
// - backbeat: the snare answers the kick one beat later — at the true beat kick and snare
//   alternate with a period of two beats; at double time they fall in phase on that period;
// - subdivision: a steady full-band pulse at ⅛ of a candidate beat (32nds) says the beat is
//   faster; triple division: a pulse at ⅓ of the beat against one at ½ (6/8, shuffles);
// - a beat track at the candidate period (beats.ts, Ellis 2007), phase-aware where the
//   autocorrelation is not: how strongly each layer's onsets land on the beats, on the beat's
//   division (halves or thirds) and on its 16ths. A 6/8 read in quarter notes puts two beats of
//   three on weak eighths; a half-time reading leaves the real beats halfway between its own.
// - how the parts move against that beat track (motion.ts): the bass's, harmony's and hats' notes
//   per beat, their share on the beats and halfway between, and whether the harmony changes
//   within a beat as much as across beats (a half-time reading of music moving at the real beat);
//   and where the pitched parts change (motion.ts harmonicNovelty) against the beat track — a
//   melody moving in 8ths of the real tempo changes on a half-time reading's 16ths.
// The features are weighed by a linear score (METRE_WEIGHTS) plus 100 small boosted trees
// (METRE_TREES), both fitted on tuning material only (npm run fit:metre); the prior over tempi
// inside the comb is the published one (tempo.ts). The levels' softmax shares are the
// alternatives' weights in the analysis.
import { acfPeakNear, pulseProminence } from './acf.ts';
import { beatPhase, trackBeats } from './beats.ts';
import { harmonicChange, partMotion } from './motion.ts';

/** Bands centred below this carry the kick (and bass); above SNARE_BAND_MIN_HZ, snare and hats. */
export const KICK_BAND_MAX_HZ = 200;
export const SNARE_BAND_MIN_HZ = 1000;
/** A pulse at ⅛ of the beat counts above this prominence (≈0 at the true beat of everything measured). */
export const SUBDIVISION_FLOOR = 0.05;
const BACKBEAT_WINDOW_SEC = 8;

export interface BandEnvelopes {
  /** Onset strength of the bands below KICK_BAND_MAX_HZ, local mean removed. */
  kick: Float32Array;
  /** Onset strength of the bands above SNARE_BAND_MIN_HZ, local mean removed. */
  high: Float32Array;
  frameRate: number;
}

/**
 * How much of the kick envelope shows up in the high bands (least-squares slope of high on kick).
 * A kick's click reaches the snare bands in phase with the kick; subtracting this share keeps it
 * from passing for a snare on the same beat.
 */
export function kickLeak(kick: Float32Array, high: Float32Array): number {
  const n = Math.min(kick.length, high.length);
  if (n === 0) return 0;
  let mk = 0;
  let mh = 0;
  for (let t = 0; t < n; t++) {
    mk += kick[t]!;
    mh += high[t]!;
  }
  mk /= n;
  mh /= n;
  let kk = 0;
  let kh = 0;
  for (let t = 0; t < n; t++) {
    const dk = kick[t]! - mk;
    kk += dk * dk;
    kh += dk * (high[t]! - mh);
  }
  return kk > 0 ? Math.max(0, kh / kk) : 0;
}

/** Fourier coefficient of x[start..end) at the given period (frames), with the plain sum. */
function coefficient(x: Float32Array, period: number, start: number, end: number): [number, number, number] {
  const w = (2 * Math.PI) / period;
  let re = 0;
  let im = 0;
  let sum = 0;
  for (let t = start; t < end; t++) {
    const v = x[t]!;
    re += v * Math.cos(w * t);
    im -= v * Math.sin(w * t);
    sum += v;
  }
  return [re, im, sum];
}

/**
 * Backbeat evidence for a beat of `periodFrames`: on the two-beat period, how strongly the kick
 * and the (kick-leak-corrected) high bands are in anti-phase, as a fraction of their total
 * onset strength: ≈0.1 for a plain rock beat, ≈0 without drums, negative when they coincide.
 * Computed over 8 s windows and summed, so a slowly drifting live tempo keeps its phase.
 */
export function backbeatEvidence(bands: BandEnvelopes, periodFrames: number, leak: number): number {
  const { kick, high, frameRate } = bands;
  const n = Math.min(kick.length, high.length);
  const win = Math.max(1, Math.round(BACKBEAT_WINDOW_SEC * frameRate));
  let cross = 0;
  let kickNorm = 0;
  let highNorm = 0;
  for (let start = 0; start + win / 2 < n; start += win) {
    const end = Math.min(n, start + win);
    const [kr, ki, ks] = coefficient(kick, 2 * periodFrames, start, end);
    const [hr, hi, hs] = coefficient(high, 2 * periodFrames, start, end);
    const sr = hr - leak * kr;
    const si = hi - leak * ki;
    cross -= kr * sr + ki * si;
    kickNorm += ks * ks;
    highNorm += hs * hs;
  }
  const norm = Math.sqrt(kickNorm * highNorm);
  return norm > 0 ? cross / norm : 0;
}

/**
 * Prominence of a pulse at 1⁄8 of the beat: the autocorrelation peak there above the troughs
 * halfway to its neighbours. ≈0 at the true beat of every labelled and engine item measured
 * (≤ 0.08, unpitched cinematic textures); 0.16–0.24 for half-time trap read at 70 BPM, whose
 * hats run in 16ths of 140.
 */
export function subdivisionPulse(acf: Float64Array, periodFrames: number): number {
  return pulseProminence(acf, periodFrames / 8);
}

export interface LevelCandidate {
  bpm: number;
  /** The comb × prior score at this rate. */
  score: number;
}

export interface LevelChoice extends LevelCandidate {
  /** Comb score plus the weighted evidence. */
  total: number;
  /** Share of the evidence among the levels considered (softmax of total). */
  weight: number;
}

export interface MetreEvidence {
  /** Autocorrelation of the full-band onset strength. */
  acf: Float64Array;
  /** Autocorrelations of the layers' onset strength (same lags). */
  layers: { low: Float64Array; mid: Float64Array; high: Float64Array };
  bands: BandEnvelopes;
  /** The onset envelopes themselves (full band and each layer), for the beat tracker. */
  onsets: Record<TrackedLayer, Float32Array>;
  /** Each layer's onset peaks (motion.ts: its notes and hits), frames ascending. */
  peaks: Record<Layer, Int32Array>;
  /** The coarse harmony spectrum (tempo.ts OnsetEnvelope.harmony) and its bands a frame. */
  harmony: { values: Float32Array; bands: number };
  /** Where the pitched parts change (motion.ts harmonicNovelty) and its peaks. */
  pitch: Float32Array;
  pitchPeaks: Int32Array;
  /** Where the chords change (motion.ts chordChanges). */
  chordPeaks: Int32Array;
  leak: number;
  frameRate: number;
}

type Layer = 'low' | 'mid' | 'high';
const LAYERS: readonly Layer[] = ['low', 'mid', 'high'];
type TrackedLayer = 'full' | Layer;
const TRACKED: readonly TrackedLayer[] = ['full', ...LAYERS];

/**
 * The evidence about one beat rate (period P), before weighting. Every layer is read on its own
 * autocorrelation: its beat salience (× prior) and its pulse at P, P/2 (8ths) and P/4 (16ths) —
 * how bass, harmony/melody and hats divide the candidate beat.
 */
export const FEATURES = [
  'comb', // full-band comb × prior (the scan's score)
  'logPrior', // log of the published tempo prior
  'backbeat', // kick–snare anti-phase on the two-beat period
  'subdivision', // full-band pulse at P/8 above a floor
  'triple', // full-band pulse at P/3 minus at P/2 (compound division)
  ...LAYERS.flatMap((l) => [`${l}Comb`, `${l}Beat`, `${l}Eighth`, `${l}Sixteenth`]),
  // From a beat track at the candidate period (beats.ts), per layer and for the full band: the
  // onsets on the beats, on the beat's division (halves or thirds) and on its 16ths.
  ...TRACKED.flatMap((l) => [`${l}OnBeats`, `${l}OnDivision`, `${l}On16ths`]),
  // How the parts move against that beat track (motion.ts): each layer's notes per beat (log2),
  // the share of beats and of half-beats with a note; the harmony's change across beats and
  // within a beat against across.
  ...LAYERS.flatMap((l) => [`${l}Rate`, `${l}HitBeats`, `${l}HitHalves`]),
  'harmonyAcross',
  'harmonyWithin',
  // Where the pitched parts change (motion.ts harmonicNovelty) against the beat track: on the
  // beats, the division and the 16ths; its changes per beat and on beats and half-beats.
  'pitchOnBeats',
  'pitchOnDivision',
  'pitchOn16ths',
  'pitchRate',
  'pitchHitBeats',
  'pitchHitHalves',
  // Eighth session: chord changes per candidate beat (log2; trees only, as the other rates) and
  // the half-time backbeat — kick and snare in anti-phase on a four-beat cycle (snare on 3).
  'chordRate',
  'backbeatHalf',
] as const;
export type Feature = (typeof FEATURES)[number];

export function levelFeatures(c: LevelCandidate, e: MetreEvidence): Record<Feature, number> {
  const period = (60 / c.bpm) * e.frameRate;
  const p = prior(c.bpm);
  const tol = Math.max(1, period * 0.02);
  const f = {
    comb: c.score,
    logPrior: Math.log(p),
    backbeat: backbeatEvidence(e.bands, period, e.leak),
    subdivision: Math.max(0, subdivisionPulse(e.acf, period) - SUBDIVISION_FLOOR),
    triple: pulseProminence(e.acf, period / 3) - pulseProminence(e.acf, period / 2),
  } as Record<Feature, number>;
  for (const layer of LAYERS) {
    const acf = e.layers[layer];
    f[`${layer}Comb`] = p * layerSalience(acf, period);
    f[`${layer}Beat`] = acfPeakNear(acf, period, tol);
    f[`${layer}Eighth`] = acfPeakNear(acf, period / 2, tol / 2);
    f[`${layer}Sixteenth`] = acfPeakNear(acf, period / 4, Math.max(0.5, tol / 4));
  }
  const beats = trackBeats(e.onsets.full, period);
  for (const layer of TRACKED) {
    const phase = beatPhase(e.onsets[layer], beats);
    f[`${layer}OnBeats`] = phase.on;
    f[`${layer}OnDivision`] = phase.division;
    f[`${layer}On16ths`] = phase.quarter;
  }
  for (const layer of LAYERS) {
    const m = partMotion(e.peaks[layer], beats);
    f[`${layer}Rate`] = m.rate;
    f[`${layer}HitBeats`] = m.onBeats;
    f[`${layer}HitHalves`] = m.onHalves;
  }
  const h = harmonicChange(e.harmony.values, e.harmony.bands, beats);
  f.harmonyAcross = h.acrossBeats;
  f.harmonyWithin = h.withinVsAcross;
  const pp = beatPhase(e.pitch, beats);
  f.pitchOnBeats = pp.on;
  f.pitchOnDivision = pp.division;
  f.pitchOn16ths = pp.quarter;
  const pm = partMotion(e.pitchPeaks, beats);
  f.pitchRate = pm.rate;
  f.pitchHitBeats = pm.onBeats;
  f.pitchHitHalves = pm.onHalves;
  f.chordRate = partMotion(e.chordPeaks, beats).rate;
  f.backbeatHalf = backbeatEvidence(e.bands, 2 * period, e.leak);
  return f;
}

/**
 * Weights of the features (raw units) and the trees added to them (METRE_TREES), fitted on
 * tuning material only by `npm run fit:metre -- --lambda=0.03 --rounds=100 --depth=3
 * --no-split=pitch` (bench/fit-metre.ts, 2026-12-03, seventh session; refitted in the eighth, below): 568 items — the corpus's
 * tuning set (144), the extra tuning items (264: 84 of seed 1919, 45 drumless 3/4, 6/8 and 4/4 of
 * seed 2929, 63 half-time, 3/4, 6/8 and slow backbeats of seed 3939, 72 of seed 4646), the engine's 30 s renders on the seeds the bench lists as tuned
 * on or inspected (1, 7, 2024; 1234, 42, 99, 777: 112) and the older FluidSynth tuning set
 * (48); never the corpus's held-out set. Multinomial logistic regression over each item's
 * candidate levels (the labelled level against its ×2, ×½, ×3, ×⅓, ×3⁄2, ×2⁄3 relatives),
 * features standardised, L2 0.03, 1500 gradient steps; then 100 gradient-boosted regression
 * trees of depth 3 on the same softmax loss (bench/metre-boost.ts: Newton leaves, shrinkage
 * 0.1, leaf L2 1). Depth and count chosen by 4-fold cross-validation on that material, mean
 * over three fold shuffles (seeds 4, 11, 23): levels right of 388 — linear score on the
 * earlier features 351.3, + the motion features 357.3, + trees of depth 2 ×100 364.0, of
 * depth 3 ×50 365.0 (fitted on all: 385). Fifth session, same features and settings, on 433
 * items: 406.6 cross-validated (mean of fold seeds 4, 11, 23, 37, 51), 425 fitted on all; the
 * same folds with the 45 seed-2929 items scored but never trained on: 402.0 (more drumless
 * triple-metre material: +4.6, +1 to +11 per shuffle). Sixth session, on 496 items (fold seeds
 * 4, 11, 23): the fifth session's features 460.0 (100 trees), + the pitched-change evidence in
 * the linear score only 464.0 (fitted on all: 495); the trees never split on the `pitch…`
 * features (with them in the trees 467.3, but a plain 174 BPM click track read at 87; README).
 * Seventh session: refitted, same features and settings, on 568 items (+ the 72 of seed 4646,
 * ids x4-): cross-validated 529.7 (fold seeds 4, 11, 23: 534 / 527 / 528; the same folds with
 * the x4 items scored but never trained on 523.3), fitted on all 567. Tried and not kept (under
 * +3): note lengths against the beat (+0.0) and synthetic guard items letting the trees split on
 * the `pitch…` features (+1.7; README).
 * Eighth session: refitted on 640 items (+ the 72 of seed 5757, ids x5-) with two more features,
 * the chord changes per candidate beat (chordRate, trees only) and the half-time backbeat
 * (backbeatHalf). Cross-validated (fold seeds 4, 11, 23): the seventh session's features without
 * the x5 items trained 581 / 589 / 594 (588.0), with them 587 / 591 / 593 (590.3); the new
 * features without the x5 items trained 590 / 585 / 593 (589.3), with both 591 / 597 / 595
 * (594.3, fitted on all 638). Each alone missed the +3 rule, together +6.3 (README).
 * Ninth session: a sixth batch, kick/bass evenness on the division, a Rayleigh prior and the bass's
 * note length each missed the keep rule (README), so these weights and trees were unchanged.
 * Tenth session: refitted on 800 items — the 640 above, the songbook's tuning half (120 songs by
 * a second, independently written composer, test-support/songbook.ts) and the 40 synthetic guard
 * items (click tracks, clicks over chords, drum loops: without them the songbook refit read
 * tempo.test.ts's clicks over chords at 110 as 55) — by `npm run fit:metre -- --songbook --guard
 * --lambda=0.03 --rounds=100 --depth=3 --no-split=pitch`. Cross-validated (fold seeds 4, 11, 23):
 * the songbook's tuning items 89 / 89 / 91 of 120 when scored but never trained on (our composer's
 * fit carried to another's: 0.75), 98 / 102 / 101 trained on (+10.7); the other 680 items 632 /
 * 633 / 623 → 634 / 627 / 618 (−3.0, the rule's limit). A narrower published prior (the logPrior
 * weight held at 2 or 5) gained under 1 on the songbook once it was trained on; depth 2 or 4 and
 * 30–200 trees did not carry our composer's fit any better (85–91 of 120). The hymnal's tuning
 * half (a third composer) trained on too gained +3.3 on it but lost 3.7 on the rest: not kept.
 * Eleventh session: refitted on 880 items, the hymnal's tuning half (80) added, by `npm run
 * fit:metre -- --songbook --hymnal --guard --lambda=0.03 --rounds=100 --depth=3 --no-split=pitch`
 * (cross-validated 799/880 on fold seed 4, fitted on all 863). Why: leave one composer out
 * (`--loco`: fitted on all composers but one, scored on that one — what the fit is worth on a
 * composer it never saw) rose with every composer added to the training: the songbook left out
 * 87 → 94 of 120 with the hymnal trained on, the hymnal left out 65 → 70 of 80 with the songbook,
 * our corpus left out 502 → 533 of 640 with the hymnal. λ, depth and tree count are where leave one
 * composer out put them (λ 0.003–1, depth 2–3, 50–200 trees). The fourth composer (the beat store,
 * test-support/beatstore.ts) is never fitted on. Twelfth and thirteenth sessions: the beat store's
 * tuning half trained on too missed both sessions' keep rules (the hymnal −2 in leave one composer
 * out; +2 of 80 on the fifth composer's tuning half against +3 asked), so nothing was refitted.
 * The prior's weight is held at 0 on purpose: it
 * stays the published one inside `comb`; so are the notes-per-beat rates' linear weights (a
 * linear weight on log2 notes per beat is, within an item, one on −log2 bpm: a fitted prior).
 */
export const METRE_WEIGHTS: Record<Feature, number> = {
  comb: 1.0506,
  logPrior: 0,
  backbeat: 4.116,
  subdivision: -12.9899,
  triple: -0.7612,
  lowComb: 1.0832,
  lowBeat: -0.9056,
  lowEighth: -0.2059,
  lowSixteenth: 0.5297,
  midComb: 0.8699,
  midBeat: -1.1602,
  midEighth: 0.1293,
  midSixteenth: 0.8086,
  highComb: 1.1437,
  highBeat: -0.1589,
  highEighth: 0.12,
  highSixteenth: -1.444,
  fullOnBeats: 0.5018,
  fullOnDivision: -0.1297,
  fullOn16ths: -0.0802,
  lowOnBeats: 0.4534,
  lowOnDivision: 0.1637,
  lowOn16ths: -0.0292,
  midOnBeats: 0.0866,
  midOnDivision: -0.2075,
  midOn16ths: 0.0869,
  highOnBeats: 0.4382,
  highOnDivision: -0.0363,
  highOn16ths: -0.4429,
  lowRate: 0,
  lowHitBeats: -0.0706,
  lowHitHalves: -1.0884,
  midRate: 0,
  midHitBeats: -0.347,
  midHitHalves: -0.4979,
  highRate: 0,
  highHitBeats: 1.2529,
  highHitHalves: 0.1881,
  harmonyAcross: 2.4193,
  harmonyWithin: 0.4087,
  pitchOnBeats: 0.6466,
  pitchOnDivision: 0.0653,
  pitchOn16ths: -1.5114,
  pitchRate: 0,
  pitchHitBeats: 0.8545,
  pitchHitHalves: -0.0095,
  chordRate: 0,
  backbeatHalf: 5.6467,
};

/**
 * A regression tree over one level's features, added to the linear score: a leaf value, or
 * [feature, threshold, subtree below the threshold, subtree at or above it].
 */
export type MetreTree = number | readonly [Feature, number, MetreTree, MetreTree];

export function treeValue(tree: MetreTree, f: Record<Feature, number>): number {
  let node = tree;
  while (typeof node !== 'number') node = f[node[0]]! < node[1] ? node[2] : node[3];
  return node;
}

/**
 * What the linear score cannot say: interactions between the layers' evidence. The features
 * split on most (of 610 splits, seventh session's fit): the full band on the beats (49), the
 * full band's pulse at ⅓ against ½ of the beat (triple, 38), whether the harmony changes within
 * the level's beats as much as across them (harmonyWithin, 38), the high layer's comb (31), the
 * backbeat (31), the full band on the 16ths (29) and the high layer on the beats (27). Fitted with METRE_WEIGHTS (see there); regenerate
 * both together.
 */
// biome-ignore format: fitted constants, one tree a line
export const METRE_TREES: readonly MetreTree[] = [
  ['chordRate',-1.77948,['triple',-0.041286,['midBeat',0.167769,0.2088,0.0575],['lowComb',1.44709,-0.0415,0.1148]],['highComb',1.52802,['lowOnBeats',2.91365,-0.055,0.0566],['highOn16ths',0.865458,-0.0606,-0.2371]]],
  ['chordRate',-1.77948,['harmonyWithin',-1.4167,['highEighth',0.0872398,-0.1573,-0.0075],['highComb',0.94493,-0.026,0.0774]],['highComb',1.42372,['lowOnBeats',2.91365,-0.0453,0.0559],['lowOnDivision',1.68636,-0.1961,-0.0595]]],
  ['chordRate',-1.77948,['triple',-0.041286,['fullOn16ths',0.734207,0.0247,0.1178],['lowComb',1.44709,-0.0377,0.1042]],['highComb',1.52802,['lowOnBeats',2.91365,-0.0447,0.0483],['highOn16ths',0.865458,-0.044,-0.2015]]],
  ['harmonyWithin',-1.4167,['backbeatHalf',0.00723071,['highHitHalves',0.375672,-0.0697,0.0496],['highOn16ths',0.439294,-0.1907,-0.0586]],['highRate',1.75147,['highOnBeats',2.2073,-0.0917,0.0371],['midBeat',0.647813,-0.021,-0.1467]]],
  ['harmonyWithin',-1.4167,['backbeatHalf',0.00723071,['fullOn16ths',0.286507,0.0623,-0.0616],['fullOnBeats',2.90358,-0.0647,-0.1793]],['chordRate',-1.77948,['highComb',0.94493,-0.0247,0.0638],['midBeat',0.647813,-0.0088,-0.129]]],
  ['harmonyWithin',-1.4167,['backbeatHalf',0.00723071,['highHitHalves',0.255111,-0.0737,0.0368],['highComb',1.14992,-0.0568,-0.1665]],['highRate',1.75147,['highOnBeats',2.2073,-0.0887,0.0324],['highEighth',0.0526928,0.062,-0.0378]]],
  ['comb',0.483209,-0.0993,['harmonyWithin',-1.4167,['backbeatHalf',0.00723071,-0.0184,-0.1332],['chordRate',-1.77948,0.0326,-0.0166]]],
  ['highComb',0.505626,['midComb',0.586352,-0.0994,-0.0297],['harmonyWithin',-1.4167,['midBeat',0.554689,-0.0998,0.0223],['highRate',1.65766,0.0272,-0.0155]]],
  ['lowComb',0.336087,-0.1116,['highBeat',0.649232,['lowComb',1.30997,0.0006,0.0674],['highRate',1.28053,0.0349,-0.0995]]],
  ['highComb',0.505626,['midComb',0.586352,-0.0975,-0.0309],['harmonyWithin',-1.4167,['midEighth',0.149665,-0.0943,0.0282],['highRate',0.984718,0.0421,-0.0018]]],
  ['midComb',0.727086,['highComb',0.94493,['backbeat',-0.00988159,0.0221,-0.0678],['highRate',1.65766,0.123,-0.0352]],['fullOn16ths',0.734207,['fullOnBeats',2.81253,-0.0758,0.0209],['fullOnBeats',2.95521,0.0915,-0.0484]]],
  ['lowComb',0.336087,-0.1104,['midOnDivision',1.04339,['lowBeat',0.0645057,0.0855,-0.0502],['harmonyWithin',-0.371208,0.0424,-0.0055]]],
  ['lowComb',0.336087,-0.1088,['lowEighth',0.54386,['triple',-0.0860724,0.0276,-0.0124],['harmonyAcross',0.213392,-0.1234,-0.0191]]],
  ['highComb',0.505626,['lowRate',1.47463,['midComb',0.55228,-0.0718,0.0164],-0.1013],['harmonyWithin',-1.4167,['midBeat',0.554689,-0.0894,0.0262],['midBeat',0.599102,0.0155,-0.0394]]],
  ['triple',0.246996,['triple',-0.0860724,['backbeat',0.0096221,-0.0081,0.0702],['lowHitBeats',0.975305,-0.0368,0.0821]],['highOnBeats',2.89938,['highOnDivision',2.43434,0.0529,-0.0854],['lowOnBeats',3.13754,0.1531,0.0181]]],
  ['highComb',0.505626,['lowRate',1.47463,-0.0329,-0.0994],['highBeat',0.649232,['lowComb',1.44709,0.0036,0.0833],['highRate',1.28053,0.0333,-0.0893]]],
  ['lowComb',0.336087,-0.1063,['lowHitHalves',0.829779,['lowOn16ths',1.62924,0.0155,-0.0983],['midComb',0.970758,-0.0716,0.0014]]],
  ['highBeat',0.379516,['highOn16ths',1.07624,['highRate',1.28053,-0.0087,-0.0688],['midComb',0.727086,-0.0248,0.0903]],['midBeat',0.599102,['backbeat',0.00722308,0.0052,0.0736],['fullOnBeats',3.42677,-0.0045,-0.1274]]],
  ['fullOnBeats',2.42787,['lowOn16ths',1.23117,['highOnBeats',2.58543,-0.0755,0.0246],['backbeat',-0.00165359,0.1135,-0.003]],['harmonyWithin',-1.4167,['highComb',1.01074,0.0197,-0.0969],['chordRate',-1.77948,0.0319,-0.0089]]],
  ['triple',0.246996,['triple',-0.0860724,['lowRate',2.20311,0.0307,-0.0428],['lowHitBeats',0.975305,-0.0347,0.0735]],['comb',1.13453,['highHitHalves',0.255111,0.1676,0.0063],['fullOnDivision',2.4747,0.0497,-0.082]]],
  ['highBeat',0.379516,['midOn16ths',0.933037,['midOnBeats',3.14834,-0.0574,0.0854],['midComb',0.911321,-0.0129,0.0926]],['midBeat',0.599102,['highRate',0.130821,-0.0895,0.0341],['highOn16ths',1.0082,0.0039,-0.101]]],
  ['comb',0.483209,-0.0901,['fullOn16ths',0.682739,['fullOnBeats',2.81253,-0.0726,0.0164],['chordRate',-1.77948,0.0518,-0.0151]]],
  ['triple',0.246996,['triple',-0.0860724,['backbeat',0.0096221,-0.0062,0.0603],['lowHitBeats',0.975305,-0.0322,0.0681]],['highOnBeats',2.89938,['harmonyWithin',-0.273183,0.0698,-0.0596],['highOnDivision',2.7106,0.1409,0.0264]]],
  ['lowComb',0.336087,-0.1026,['lowOn16ths',1.95711,['fullOn16ths',0.780141,-0.0087,0.023],-0.0958]],
  ['comb',0.483209,-0.0876,['highBeat',0.649232,['lowComb',1.30997,0.0004,0.0586],['highRate',1.28053,0.0322,-0.0833]]],
  ['triple',0.246996,['chordRate',-2.05254,['lowBeat',0.0645057,0.099,-0.0014],['midBeat',0.231262,-0.0758,-0.0035]],['comb',1.13453,['highHitHalves',0.255111,0.1393,0.0039],['fullOnDivision',2.4747,0.0415,-0.0766]]],
  ['fullOnBeats',2.42787,['lowOn16ths',1.23117,['midComb',0.727086,-0.0907,-0.0212],['lowHitHalves',0.578219,0.0016,0.1068]],['midOn16ths',0.89446,['midOnBeats',2.60284,-0.0675,0.0151],['chordRate',-1.77948,0.0707,-0.0086]]],
  ['lowComb',0.336087,-0.0999,['lowOn16ths',1.95711,['fullOn16ths',0.682739,-0.0102,0.0185],-0.0903]],
  ['highBeat',0.379516,['backbeat',-0.00260636,['highBeat',0.215633,0.0542,-0.0307],['harmonyAcross',0.467289,-0.0587,0.0631]],['midBeat',0.599102,['harmonyWithin',-1.4167,-0.0768,0.0325],['fullOnBeats',3.42677,-0.0055,-0.1099]]],
  ['highComb',0.505626,['highBeat',0.0946067,-0.0245,-0.0955],['harmonyWithin',-1.4167,['highRate',0.775431,-0.0866,0.0033],['highRate',0.984718,0.0348,-0.0037]]],
  ['triple',0.246996,['triple',-0.0860724,['midHitHalves',0.895969,0.0335,-0.0223],['lowHitBeats',0.975305,-0.0298,0.0629]],['highOnBeats',2.89938,['harmonyWithin',-0.273183,0.0615,-0.0551],['highOnDivision',2.7106,0.1249,0.0222]]],
  ['lowComb',0.336087,-0.0967,['lowEighth',0.54386,['highBeat',0.338309,-0.015,0.0148],['harmonyAcross',0.264533,-0.0997,-0.0068]]],
  ['fullOnBeats',2.42787,['lowOn16ths',1.23117,['highOnBeats',2.58543,-0.0677,0.0242],['highOnDivision',1.30496,-0.0062,0.0876]],['fullOn16ths',0.780141,['fullOnBeats',2.81253,-0.0503,0.0126],['fullOnBeats',2.95521,0.0659,-0.037]]],
  ['triple',0.246996,['triple',-0.0860724,['highBeat',0.165198,0.1087,0.0042],['fullOn16ths',1.41197,-0.0127,-0.121]],['highHitHalves',0.255111,['comb',1.37638,0.106,-0.0257],['highOnDivision',2.0577,0.0459,-0.0732]]],
  ['highComb',0.505626,['lowRate',1.47463,-0.0181,-0.0929],['fullOn16ths',0.682739,['fullOnBeats',2.81253,-0.0635,0.0131],['highRate',1.39197,0.059,-0.0033]]],
  ['highBeat',0.338309,['backbeat',-0.00260636,['lowHitHalves',0.338722,0.0656,-0.0057],['harmonyAcross',0.467289,-0.0661,0.0318]],['midBeat',0.599102,['backbeat',0.00722308,-0.0029,0.0673],['highRate',1.1568,0.0217,-0.0682]]],
  ['midEighth',0.0045052,['comb',1.59642,0.0177,0.0963],['highRate',0.130821,['highBeat',0.570294,-0.1101,-0.0358],['chordRate',-2.05254,0.0249,-0.0116]]],
  ['highBeat',0.379516,['highRate',2.38363,['triple',-0.0232089,0.0077,-0.0525],['lowOnDivision',1.35582,0.0859,-0.0269]],['midBeat',0.599102,['highRate',0.130821,-0.0751,0.0285],['highOn16ths',1.0082,0.0025,-0.0833]]],
  ['triple',0.246996,['fullOn16ths',0.682739,['fullOnBeats',2.81253,-0.0638,0.0007],['midComb',0.727086,-0.0265,0.0272]],['lowHitBeats',0.853913,-0.0311,['highHitHalves',0.255111,0.0918,-0.016]]],
  ['lowComb',0.336087,-0.0905,['lowEighth',0.54386,['midOnDivision',1.04339,-0.0197,0.0114],['harmonyAcross',0.329192,-0.09,0.0015]]],
  ['highComb',0.505626,['highBeat',0.0946067,-0.0149,-0.0926],['harmonyWithin',-1.4167,['highOn16ths',0.574994,-0.0719,0.0187],['highRate',0.984718,0.0334,-0.0042]]],
  ['midEighth',0.0045052,['comb',1.59642,0.0175,0.0919],['highRate',0.130821,['midOnBeats',2.87287,-0.1085,-0.0358],['chordRate',-2.05254,0.0244,-0.0121]]],
  ['highBeat',0.379516,['highRate',2.38363,['highRate',1.28053,0.0034,-0.0541],['midOnBeats',1.98973,-0.0426,0.0701]],['midBeat',0.599102,['backbeat',0.00292509,-0.0004,0.0449],['fullOnBeats',3.42677,-0.0022,-0.0924]]],
  ['highComb',0.505626,['lowRate',1.47463,-0.012,-0.0909],['midOn16ths',0.933037,['midOnBeats',2.54871,-0.061,0.0112],['midOnBeats',3.03198,0.0268,-0.0694]]],
  ['comb',0.483209,-0.0774,['fullOn16ths',0.682739,['fullOnBeats',2.81253,-0.0545,0.0089],['chordRate',-1.77948,0.0382,-0.01]]],
  ['highBeat',0.0593791,['fullOnBeats',3.00842,-0.0888,0.0391],['harmonyWithin',-1.4167,['highOnBeats',2.79338,0.0482,-0.0888],['highRate',0.984718,0.0334,-0.0032]]],
  ['triple',0.246996,['highHitHalves',0.303684,['highComb',1.52802,-0.0587,0.062],['highRate',0.984718,0.0656,-0.0114]],['lowHitBeats',0.853913,-0.031,['highEighth',0.0399861,0.0836,-0.0162]]],
  ['lowOnBeats',2.393,['backbeat',-0.00988159,['midComb',0.812518,0.0748,-0.0568],['comb',0.86628,-0.0655,-0.0076]],['lowOn16ths',0.805789,['fullOnDivision',0.696714,-0.0618,0.0053],['fullOnBeats',2.95521,0.0647,-0.0123]]],
  ['midEighth',0.0045052,['comb',1.59642,0.0206,0.0883],['highRate',0.130821,['midOnBeats',2.87287,-0.1024,-0.0301],['highSixteenth',0.000227865,-0.0844,0.0039]]],
  ['highBeat',0.379516,['highRate',2.38363,['backbeat',0.000293474,0.0003,-0.0547],['lowOnDivision',1.35582,0.0751,-0.0239]],['midBeat',0.647813,['backbeat',-0.0000768861,-0.0141,0.032],['chordRate',-1.77948,0.0323,-0.0775]]],
  ['lowOn16ths',1.95711,['midOn16ths',0.933037,['midOnBeats',2.54871,-0.0541,0.008],['midOnBeats',1.98973,-0.0335,0.0307]],-0.0734],
  ['highOnDivision',2.7106,['triple',-0.0860724,['midRate',2.08457,0.0413,-0.0245],['backbeatHalf',-0.00297816,0.0352,-0.021]],['backbeat',0.0096221,['highEighth',0.0165466,0.0439,-0.0822],['harmonyWithin',0.106534,-0.0068,0.1051]]],
  ['midEighth',0.0045052,['comb',1.59642,0.0177,0.0815],['highRate',0.130821,['midOnBeats',2.87287,-0.0995,-0.028],['chordRate',-2.05254,0.0214,-0.011]]],
  ['highBeat',0.379516,['highEighth',0.0526928,['lowBeat',0.204707,-0.1006,0.0385],['midBeat',0.195502,0.0514,-0.0264]],['midBeat',0.599102,['lowOnBeats',2.97569,0.0051,0.0515],['fullOnBeats',3.42677,-0.0031,-0.0827]]],
  ['triple',0.246996,['fullOn16ths',0.40443,['highOnBeats',3.05205,-0.068,0.0119],['midComb',0.970758,-0.011,0.0246]],['comb',1.13453,['harmonyAcross',0.366948,0.096,0.0053],['fullOnDivision',2.39007,0.0281,-0.0439]]],
  ['comb',0.483209,-0.0734,['highBeat',0.649232,['lowComb',1.30997,-0.0008,0.0536],['highRate',1.28053,0.0327,-0.0649]]],
  ['lowOnBeats',2.393,['midSixteenth',0.106819,['midOnBeats',2.54871,-0.1075,-0.015],['midOnBeats',1.98973,-0.0411,0.0233]],['lowOn16ths',0.805789,['fullOnDivision',0.696714,-0.0596,0.0054],['fullOnBeats',2.95521,0.0586,-0.0108]]],
  ['highOnDivision',2.7106,['highBeat',0.338309,['highEighth',0.0526928,-0.0595,0.0045],['triple',0.00603201,0.0032,0.0448]],['backbeat',0.0096221,['highEighth',0.0165466,0.0344,-0.0768],['harmonyWithin',0.106534,-0.0064,0.0945]]],
  ['lowEighth',0.54386,['triple',-0.0860724,['fullOn16ths',0.943544,-0.0007,0.0476],['fullOn16ths',1.41197,-0.0031,-0.0945]],['harmonyAcross',0.329192,-0.082,0.0037]],
  ['chordRate',-2.05254,['lowBeat',0.0645057,['backbeatHalf',0.0039299,0.0021,0.1246],['lowSixteenth',0.0860942,-0.0375,0.0346]],['midBeat',0.231262,['backbeat',-0.00455093,-0.006,-0.1122],['highComb',1.42372,0.0223,-0.0414]]],
  ['lowOn16ths',1.95711,['midOn16ths',0.933037,['midOnBeats',2.60284,-0.0439,0.0092],['midOnBeats',1.98973,-0.03,0.027]],-0.0681],
  ['chordRate',-2.05254,['highHitHalves',0.303684,['triple',0.00603201,-0.0655,0.0681],['highOnBeats',2.64018,-0.0157,0.0726]],['midBeat',0.231262,['backbeat',-0.00455093,-0.0059,-0.107],['highEighth',0.0526928,0.0507,-0.0101]]],
  ['backbeat',0.0642804,['midSixteenth',0.188512,['fullOnBeats',2.42787,-0.0611,-0.004],['midOnBeats',1.98973,-0.0239,0.0534]],['lowRate',1.47463,0.0683,-0.0135]],
  ['midOnDivision',2.87502,['lowComb',1.30997,['lowOn16ths',1.62924,0.0012,-0.0787],['fullOnBeats',3.30878,0.0496,-0.0501]],['backbeatHalf',0.000796724,-0.0891,0.0144]],
  ['highComb',0.505626,['lowRate',1.47463,-0.0045,-0.0843],['highOn16ths',0.638742,['highOnBeats',3.00031,-0.0347,0.0133],['highRate',1.06629,0.0947,0.0035]]],
  ['highComb',0.505626,-0.0515,['lowOnBeats',2.26781,['backbeat',-0.0287032,0.0555,-0.0345],['highBeat',0.649232,0.014,-0.0258]]],
  ['highBeat',0.379516,['highEighth',0.16361,['highBeat',0.252908,-0.0078,-0.0672],['harmonyAcross',0.467289,-0.0114,0.0853]],['highRate',2.10656,['comb',1.13453,0.0575,0.0035],['highEighth',0.0658061,0.0785,-0.0464]]],
  ['fullOn16ths',0.40443,['highOnBeats',2.89938,['lowHitBeats',0.794696,0.0054,-0.1174],['fullOnBeats',3.42677,0.0228,-0.0539]],['highHitBeats',0.707505,['highOnDivision',1.6324,-0.0611,0.019],['chordRate',-2.05254,0.0362,-0.0013]]],
  ['backbeat',0.0642804,['midSixteenth',0.153149,['midOnBeats',2.50018,-0.0437,0.0018],['midOnBeats',1.98973,-0.0246,0.0335]],['midRate',1.78993,['midOn16ths',0.554108,0.0222,0.0808],-0.0121]],
  ['midOnDivision',1.04339,['harmonyAcross',0.194161,['backbeatHalf',0.00513664,-0.0527,0.1296],['highEighth',0.0872398,-0.0752,0.0072]],['highSixteenth',0.000227865,-0.0668,['lowOnBeats',2.91365,-0.003,0.0344]]],
  ['chordRate',-2.05254,['highOnBeats',2.2073,['highComb',0.776913,-0.0831,0.0211],['highHitHalves',0.303684,-0.0284,0.0492]],['midBeat',0.231262,['highComb',0.685688,0.0015,-0.094],['highComb',1.42372,0.0183,-0.0353]]],
  ['highOnDivision',2.7106,['triple',-0.0860724,['midRate',2.08457,0.0366,-0.02],['backbeatHalf',-0.00297816,0.0311,-0.0186]],['backbeat',0.00722308,['fullOnBeats',3.06069,-0.0871,-0.0046],['lowEighth',0.212087,-0.033,0.077]]],
  ['midOnDivision',2.87502,['lowComb',1.30997,['lowOn16ths',1.62924,0.001,-0.0732],['fullOnBeats',3.21423,0.0544,-0.0284]],['backbeatHalf',0.000796724,-0.0845,0.0103]],
  ['midSixteenth',0.213731,['fullOnBeats',2.36348,['backbeatHalf',-0.00521097,0.0222,-0.1001],['highOn16ths',1.46958,0.0038,-0.0476]],['midOnDivision',1.65644,['lowEighth',0.0956811,-0.0657,0.019],['lowOnDivision',1.80771,0.1205,0.0088]]],
  ['fullOn16ths',0.40443,['highOnBeats',3.05205,['harmonyWithin',-0.0513403,-0.016,-0.1024],['fullOnBeats',3.42677,0.0374,-0.0487]],['lowComb',0.476038,['lowOnDivision',1.35582,-0.0023,-0.0792],['highHitBeats',0.796107,-0.0164,0.0208]]],
  ['lowEighth',0.54386,['midSixteenth',0.213731,['fullOnBeats',2.36348,-0.0564,0.0013],['midOnDivision',1.65644,-0.0004,0.0811]],['backbeat',0.000293474,-0.0771,0.0011]],
  ['backbeat',0.0642804,['midOn16ths',0.933037,['midOnBeats',2.70675,-0.0372,0.008],['lowRate',2.20311,0.027,-0.018]],['midRate',1.78993,['lowOnDivision',1.26505,0.0302,0.0748],-0.0118]],
  ['lowHitHalves',0.338722,['lowOnBeats',2.73244,['backbeat',-0.00260636,0.1305,0.0119],['fullOnDivision',0.696714,-0.0418,0.0234]],['backbeat',0.00292509,['midHitBeats',0.952935,-0.0053,-0.0547],['midHitBeats',0.952935,-0.0032,0.0613]]],
  ['highOnDivision',2.7106,['triple',-0.0860724,['backbeatHalf',-0.00717207,-0.0518,0.0262],['fullOn16ths',1.41197,-0.0016,-0.0773]],['highOnBeats',3.00031,-0.0843,['harmonyWithin',0.106534,-0.0308,0.0575]]],
  ['highComb',0.505626,-0.0485,['lowOnBeats',2.33503,['lowEighth',0.0829871,-0.0919,-0.0063],['midOn16ths',0.933037,-0.0022,0.0247]]],
  ['midOnDivision',2.87502,['midSixteenth',0.00404462,0.0639,['highRate',0.130821,-0.0601,0.0029]],['lowBeat',0.481208,0.0084,-0.0809]],
  ['highBeat',0.0593791,['fullOnBeats',2.90358,-0.078,0.0155],['fullOn16ths',0.40443,['highOnBeats',2.89938,-0.0597,0.0054],['midBeat',0.647813,0.0123,-0.0436]]],
  ['chordRate',-2.05254,['highComb',1.52802,['highHitHalves',0.303684,-0.0513,0.0186],['backbeatHalf',0.01087,0.097,0.02]],['midBeat',0.231262,['backbeat',-0.00260636,-0.0112,-0.1009],['highComb',1.42372,0.0177,-0.0339]]],
  ['lowHitHalves',0.338722,['lowOnBeats',2.73244,['backbeat',-0.00260636,0.1187,0.0118],['triple',-0.041286,0.0498,-0.0174]],['backbeat',0.00292509,['lowEighth',0.0829871,-0.0618,-0.0071],['harmonyAcross',0.158488,-0.048,0.026]]],
  ['fullOn16ths',0.40443,['highOnBeats',2.89938,['lowHitBeats',0.794696,0.0131,-0.111],['midOnDivision',2.87502,0.0172,-0.0586]],['highBeat',0.338309,['backbeat',-0.00260636,0.0137,-0.038],['chordRate',-2.05254,0.0496,0.0039]]],
  ['backbeat',0.0642804,['fullOn16ths',0.682739,['lowOnBeats',2.393,-0.0706,-0.0047],['highRate',1.39197,0.0384,-0.0053]],['lowRate',1.47463,0.0574,-0.0081]],
  ['highComb',0.505626,-0.0469,['highOn16ths',0.638742,['highRate',2.23806,-0.002,-0.0937],['highRate',0.984718,0.0847,0.0038]]],
  ['highBeat',0.379516,['highEighth',0.16361,['comb',0.655225,0.0288,-0.0412],['harmonyAcross',0.467289,-0.0118,0.0768]],['midBeat',0.599102,['highOn16ths',0.250802,-0.0144,0.0285],['midRate',1.89065,0.0053,-0.0614]]],
  ['lowEighth',0.54386,['lowEighth',0.434941,['lowOn16ths',1.62924,0.0028,-0.0673],['lowOnDivision',2.57983,-0.0061,0.0786]],-0.0437],
  ['triple',0.246996,['midHitHalves',0.641742,['highComb',1.52802,-0.0251,0.0407],['midRate',1.78993,0.0368,-0.0077]],['midOnDivision',2.28322,['fullOnBeats',2.76754,0.0224,0.0878],['midOn16ths',0.494805,0.0287,-0.0465]]],
  ['lowHitHalves',0.338722,['backbeat',0.00117675,['harmonyWithin',-0.733487,-0.0105,0.0712],['highBeat',0.379516,-0.0531,0.0135]],['midOnDivision',1.04339,['lowBeat',0.273339,-0.0042,-0.0754],['backbeat',0.00292509,-0.0139,0.0236]]],
  ['highComb',0.505626,-0.0452,['lowOnBeats',2.33503,['harmonyWithin',-0.485923,0.0205,-0.0346],['highBeat',0.764543,0.01,-0.0407]]],
  ['backbeat',0.0642804,['midSixteenth',0.188512,['fullOnBeats',2.42787,-0.0506,-0.0036],['midOnBeats',1.98973,-0.0236,0.0454]],['highComb',1.06765,-0.0069,0.0556]],
  ['harmonyAcross',0.467289,['highComb',1.01074,['fullOnBeats',3.12949,-0.0285,0.0347],['lowBeat',0.521053,0.0197,-0.0329]],['fullOnDivision',0.696714,-0.0569,['midRate',1.60587,0.0676,0.0021]]],
  ['lowHitHalves',0.829779,['lowOn16ths',1.62924,['midOn16ths',1.08481,-0.0011,0.0384],-0.0597],['midOnBeats',2.50018,['highBeat',0.495849,-0.0796,-0.007],['highBeat',0.649232,0.0266,-0.0437]]],
  ['highOnDivision',2.7106,['triple',0.246996,['triple',-0.0860724,0.0147,-0.0111],['highHitHalves',0.255111,0.0698,-0.0129]],['backbeat',0.00722308,['fullOnBeats',3.06069,-0.0785,-0.0046],['lowEighth',0.212087,-0.0263,0.0678]]],
  ['lowEighth',0.54386,['lowEighth',0.434941,['lowOn16ths',1.62924,0.0027,-0.0604],['lowOnDivision',2.57983,-0.0059,0.0694]],-0.0435],
  ['lowHitHalves',0.338722,['lowOnBeats',2.79022,['highEighth',0.0526928,-0.0053,0.08],['backbeatHalf',0.0000691835,0.0313,-0.0237]],['lowHitHalves',0.435564,['lowSixteenth',0.0860942,-0.0651,0.0006],['backbeat',0.00722308,-0.0086,0.0257]]],
  ['midOnDivision',2.70187,['midOnBeats',2.70675,['midOn16ths',0.933037,-0.0279,0.0112],['highComb',1.42372,0.0302,-0.0185]],['backbeatHalf',0.00298479,['highOnBeats',3.27269,-0.0761,-0.0218],0.0306]],
  ['chordRate',-2.05254,['highOnBeats',2.2073,['highComb',0.776913,-0.0779,0.0209],['highOn16ths',1.07624,0.0109,0.1091]],['midBeat',0.231262,['highSixteenth',0.0583956,-0.0892,-0.0026],['highEighth',0.0526928,0.0442,-0.009]]],
];

export interface MetreTuning {
  weights: Record<Feature, number>;
  /** Boosted trees added to the linear score (their sum). */
  trees: readonly MetreTree[];
  /** Softmax temperature turning scores into the levels' weights (shares of the evidence). */
  temperature: number;
}

export const DEFAULT_METRE_TUNING: MetreTuning = {
  weights: METRE_WEIGHTS,
  trees: METRE_TREES,
  temperature: 1,
};

/** Weighted sum of a level's evidence. */
export function levelScore(
  c: LevelCandidate,
  e: MetreEvidence,
  t: MetreTuning = DEFAULT_METRE_TUNING,
): number {
  const f = levelFeatures(c, e);
  let total = 0;
  for (const name of FEATURES) total += t.weights[name]! * f[name]!;
  for (const tree of t.trees) total += treeValue(tree, f);
  return total;
}

/** The layer's beat salience at a period: pulses at 1–4 periods, as the full-band comb. */
function layerSalience(acf: Float64Array, periodFrames: number): number {
  const tol = Math.max(1, periodFrames * 0.02);
  let s = 0;
  for (let k = 1; k <= 4; k++) s += acfPeakNear(acf, k * periodFrames, tol * k) / k ** 0.5;
  return s;
}

/** Log-normal prior over beat rates (tempo.ts documents the source); repeated here to avoid a cycle. */
function prior(bpm: number): number {
  return Math.exp(-0.5 * Math.log2(bpm / 120) ** 2);
}

export const RELATIVES = [2, 0.5, 3, 1 / 3, 1.5, 2 / 3];

/** The comb's winner (its local best) and its relatives within the search range: the levels weighed. */
export function levelCandidates(
  best: LevelCandidate,
  localBest: (bpm: number) => LevelCandidate | null,
): LevelCandidate[] {
  const home = localBest(best.bpm) ?? best;
  const out = [home];
  for (const ratio of RELATIVES) {
    const c = localBest(home.bpm * ratio);
    if (c) out.push(c);
  }
  return out;
}

/**
 * The metrical levels among the comb's winner and its relatives (×2, ×½, ×3, ×⅓, ×3⁄2, ×2⁄3),
 * best first, with their share of the evidence (softmax of the scores). ×3⁄2 and ×2⁄3 used to
 * need backbeat support to win (ungated, they read the engine's techno and trap at ×2⁄3); the
 * beat-track features tell those levels apart, and the gate kept drumless 3/4 and 6/8 pieces
 * from ever being corrected. `localBest(bpm)` returns the best comb candidate within ±1.5 % of
 * a rate (or null outside the search range).
 */
export function chooseLevel(
  best: LevelCandidate,
  localBest: (bpm: number) => LevelCandidate | null,
  e: MetreEvidence,
  t: MetreTuning = DEFAULT_METRE_TUNING,
): LevelChoice[] {
  const levels = levelCandidates(best, localBest).map((c) => ({ c, total: levelScore(c, e, t) }));
  levels.sort((a, b) => b.total - a.total);
  const top = Math.max(...levels.map((l) => l.total));
  let sum = 0;
  const w = levels.map((l) => {
    const x = Math.exp((l.total - top) / t.temperature);
    sum += x;
    return x;
  });
  const chosen = { ...levels[0]!.c, total: levels[0]!.total, weight: w[0]! / sum };
  const others = levels
    .slice(1)
    .map((l, i) => ({ ...l.c, total: l.total, weight: w[i + 1]! / sum }))
    .sort((a, b) => b.weight - a.weight);
  return [chosen, ...others];
}

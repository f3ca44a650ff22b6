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
 * Seventeenth session: refitted on 1120 items — every composer's tuning half (ours, the songbook,
 * the hymnal, the beat store, the jam tracks, the MIDI archive) and the guard — by `npm run
 * fit:metre -- --songbook --hymnal --guard --ma --beatstore --jam --lambda=0.03 --rounds=100
 * --depth=3 --no-split=pitch` (cross-validated 1029/1120 on fold seed 4, fitted on all 1085). A
 * seventh composer written blind that session (the karaoke book) arbitrated through its tuning half,
 * by the rule in bench/fit-metre.ts committed before either candidate was scored: 74 of 80 at the
 * labelled tempo against 69 for the eleventh session's fit (the MIDI archive's half alone: 68).
 * The prior's weight is held at 0 on purpose: it
 * stays the published one inside `comb`; so are the notes-per-beat rates' linear weights (a
 * linear weight on log2 notes per beat is, within an item, one on −log2 bpm: a fitted prior).
 */
export const METRE_WEIGHTS: Record<Feature, number> = {
  comb: 1.0855,
  logPrior: 0,
  backbeat: 4.0003,
  subdivision: -12.3265,
  triple: -0.8931,
  lowComb: 1.1377,
  lowBeat: -0.8193,
  lowEighth: -0.5128,
  lowSixteenth: 0.1441,
  midComb: 1.0215,
  midBeat: -1.3481,
  midEighth: 0.2226,
  midSixteenth: 1.0939,
  highComb: 1.2805,
  highBeat: -0.1983,
  highEighth: 0.1063,
  highSixteenth: -1.5056,
  fullOnBeats: 0.4386,
  fullOnDivision: -0.0724,
  fullOn16ths: -0.0061,
  lowOnBeats: 0.3792,
  lowOnDivision: 0.1971,
  lowOn16ths: -0.1594,
  midOnBeats: 0.0813,
  midOnDivision: -0.1855,
  midOn16ths: 0.1771,
  highOnBeats: 0.4093,
  highOnDivision: 0.0359,
  highOn16ths: -0.1815,
  lowRate: 0,
  lowHitBeats: -0.2377,
  lowHitHalves: -1.1662,
  midRate: 0,
  midHitBeats: -0.3948,
  midHitHalves: -0.6859,
  highRate: 0,
  highHitBeats: 1.2698,
  highHitHalves: 0.2844,
  harmonyAcross: 2.4122,
  harmonyWithin: 0.3915,
  pitchOnBeats: 0.7156,
  pitchOnDivision: 0.0096,
  pitchOn16ths: -1.6377,
  pitchRate: 0,
  pitchHitBeats: 0.9102,
  pitchHitHalves: -0.1966,
  chordRate: 0,
  backbeatHalf: 3.8077,
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
  ['highRate',1.78477,['triple',-0.0658261,['highOn16ths',0.534131,0.008,0.1045],['lowHitBeats',0.886945,-0.0476,0.0444]],['highOn16ths',1.79198,['highOn16ths',0.457475,-0.0978,-0.0147],['highOnBeats',2.74195,-0.0463,-0.1605]]],
  ['highRate',1.78477,['harmonyWithin',-1.35775,['backbeatHalf',0.00789511,0.0069,-0.1826],['highComb',0.904035,-0.0253,0.0521]],['highOn16ths',1.79198,['harmonyWithin',-0.456189,0.0211,-0.0495],['highOnBeats',2.74195,-0.0425,-0.1538]]],
  ['highRate',1.78477,['triple',-0.0658261,['highOn16ths',0.534131,0.0061,0.0895],['lowHitBeats',0.886945,-0.0439,0.0391]],['highOn16ths',1.79198,['highOn16ths',0.398718,-0.0967,-0.0121],['highOnBeats',2.74195,-0.0388,-0.1479]]],
  ['highRate',1.78477,['harmonyWithin',-1.35775,['backbeatHalf',0.00789511,0.0079,-0.1721],['highComb',0.904035,-0.0231,0.0441]],['midBeat',0.64132,['harmonyWithin',-0.456189,0.0294,-0.0486],['highOnBeats',3.0964,-0.0546,-0.2433]]],
  ['highRate',1.78477,['harmonyWithin',-1.35775,['backbeatHalf',0.00789511,0.0083,-0.1629],['highOnBeats',2.21006,-0.0808,0.0323]],['highOn16ths',1.79198,['highEighth',0.0586675,0.0651,-0.0302],['midOnBeats',2.31781,-0.0438,-0.1376]]],
  ['chordRate',-1.96603,['highComb',1.31616,['fullOn16ths',0.718241,-0.0532,0.0478],['highHitHalves',0.397513,0.0232,0.1151]],['highBeat',0.644777,['backbeat',0.00750032,-0.0248,0.0573],['highHitHalves',0.605662,0.0153,-0.1383]]],
  ['highRate',1.31625,['highEighth',0.0759613,['lowComb',1.18907,-0.0641,0.0783],['midBeat',0.156684,0.2382,0.0333]],['midBeat',0.64132,['midBeat',0.246642,-0.0718,0.0137],['highOnBeats',3.0964,-0.025,-0.2214]]],
  ['midRate',1.95284,['triple',-0.0658261,['midBeat',0.274184,0.1196,0.0215],['lowComb',1.3042,-0.0354,0.0591]],['highEighth',0.0188988,['lowBeat',0.251419,-0.0393,0.1284],['midBeat',0.555925,-0.0205,-0.1096]]],
  ['comb',0.498885,-0.1001,['lowOn16ths',1.67603,['fullOn16ths',0.718241,-0.0129,0.0325],['highOnBeats',3.03365,0.011,-0.1433]]],
  ['comb',0.498885,-0.0985,['lowOn16ths',2.01893,['fullOn16ths',0.718241,-0.012,0.0244],['highSixteenth',0.268893,-0.1425,-0.0546]]],
  ['backbeat',-0.022445,['harmonyWithin',-0.697075,['backbeatHalf',-0.00152459,0.0995,-0.0715],['fullOnDivision',1.43818,0.0463,0.1693]],['backbeat',0.0102265,['highOnDivision',2.60133,-0.0084,-0.0694],['lowOnDivision',1.49735,-0.0274,0.0725]]],
  ['comb',0.498885,-0.0965,['lowEighth',0.54782,['lowOn16ths',1.67603,0.0112,-0.0681],['backbeatHalf',0.000953901,-0.1149,0.0075]]],
  ['highComb',0.850257,['fullOnBeats',3.17104,['highOn16ths',1.26793,-0.0526,0.0471],['lowOnBeats',3.39143,0.157,0.0096]],['chordRate',-1.96603,['highOn16ths',0.673774,0.0004,0.1056],['highComb',1.63945,0.0049,-0.1027]]],
  ['comb',0.498885,-0.0948,['backbeat',-0.022445,['lowOnDivision',1.39095,0.0064,0.1364],['backbeat',0.00560092,-0.0181,0.0229]]],
  ['highComb',0.798322,['fullOnBeats',3.01908,['midOn16ths',1.07505,-0.0712,-0.0049],['harmonyWithin',-0.522667,-0.0284,0.1021]],['chordRate',-1.96603,['highOn16ths',0.673774,-0.0029,0.0964],['highBeat',0.644777,0.0096,-0.077]]],
  ['lowOn16ths',2.01893,['lowComb',0.420305,['fullOnBeats',2.90933,-0.0927,0.052],['fullOn16ths',0.718241,-0.0107,0.0231]],-0.1037],
  ['comb',0.498885,-0.092,['harmonyWithin',-1.35775,['midOnBeats',2.50241,0.0555,-0.0997],['highRate',1.31625,0.0301,-0.0096]]],
  ['lowEighth',0.54782,['triple',-0.0658261,['backbeat',0.0102265,-0.0001,0.0588],['triple',0.205121,-0.0283,0.0426]],['backbeatHalf',0.000953901,['highSixteenth',0.0734285,-0.123,-0.0385],0.0117]],
  ['highComb',0.850257,['fullOnBeats',3.17104,['highOn16ths',1.26793,-0.0468,0.0425],['lowOnBeats',3.39143,0.1328,0.0013]],['chordRate',-1.96603,['highOn16ths',0.673774,-0.0016,0.0896],['highComb',1.4151,0.0161,-0.0596]]],
  ['fullOnBeats',2.65287,['fullOn16ths',1.05438,['backbeat',-0.022445,0.0628,-0.057],['fullOnBeats',1.96977,-0.0482,0.0621]],['harmonyWithin',-1.35775,['midBeat',0.555925,-0.1117,0.0335],['midBeat',0.64132,0.0292,-0.0596]]],
  ['lowOn16ths',2.01893,['highBeat',0.356114,['backbeat',-0.00237676,0.0255,-0.0492],['backbeat',0.00242183,-0.0136,0.0369]],-0.0966],
  ['comb',0.498885,-0.0896,['lowEighth',0.54782,['lowOn16ths',1.67603,0.0086,-0.0588],['backbeatHalf',0.000953901,-0.0979,0.0124]]],
  ['highComb',0.517724,['midComb',0.606193,-0.0856,-0.0193],['midOn16ths',0.9661,['midOnBeats',2.60365,-0.0502,0.0195],['midOnBeats',2.97211,0.0309,-0.0842]]],
  ['highRate',1.31625,['highHitHalves',0.397513,['harmonyAcross',0.200375,0.0627,-0.0526],['lowBeat',0.0780991,0.1566,0.0222]],['midBeat',0.246642,['lowOn16ths',1.28162,-0.0893,0.0228],['midBeat',0.64132,0.0177,-0.0991]]],
  ['highEighth',0.594516,['fullOnBeats',2.65287,['midSixteenth',0.106001,-0.0812,0.0046],['harmonyWithin',-1.35775,-0.0706,0.0197]],['highOnBeats',3.25266,['lowRate',1.84748,0.0295,-0.0665],-0.1317]],
  ['highRate',1.31625,['highHitHalves',0.397513,['comb',1.58514,-0.0448,0.061],['highOnBeats',2.6386,-0.0409,0.0691]],['midBeat',0.246642,['lowOn16ths',1.28162,-0.0852,0.0201],['midBeat',0.64132,0.0154,-0.0888]]],
  ['triple',0.205121,['triple',-0.0658261,['highOn16ths',0.457475,-0.0256,0.032],['lowComb',1.3042,-0.0341,0.0408]],['highOnBeats',2.83622,['fullOnDivision',1.92891,0.0743,-0.0686],['highOnDivision',2.79264,0.1331,-0.0015]]],
  ['backbeat',-0.022445,['lowOnDivision',1.39095,['fullOn16ths',0.61499,-0.0629,0.0454],['highEighth',0.0993738,0.0098,0.146]],['backbeat',0.00750032,['harmonyWithin',-0.289426,0.0107,-0.035],['highHitBeats',0.964071,-0.0099,0.0932]]],
  ['highRate',1.31625,['highSixteenth',0.0415846,['highComb',1.5178,-0.0186,0.051],['highOnDivision',1.15108,-0.0362,0.1023]],['midBeat',0.246642,['highSixteenth',0.0498798,-0.1213,-0.0376],['highBeat',0.644777,0.0165,-0.067]]],
  ['comb',0.498885,-0.0871,['lowEighth',0.54782,['lowOn16ths',1.67603,0.008,-0.0528],['harmonyAcross',0.325258,-0.1082,-0.0026]]],
  ['triple',0.205121,['highRate',1.31625,['highEighth',0.0443341,-0.0369,0.0321],['midSixteenth',0.149399,-0.0448,0.0107]],['highOnBeats',2.83622,['fullOnDivision',1.92891,0.0691,-0.0638],['highOnDivision',2.69607,0.1261,0.011]]],
  ['comb',0.498885,-0.0855,['highEighth',0.594516,['lowEighth',0.54782,0.0063,-0.0737],['highOnBeats',3.25266,-0.0205,-0.1281]]],
  ['highComb',0.517724,['midComb',0.606193,-0.0824,-0.0156],['midOn16ths',0.9661,['midOnBeats',2.70663,-0.0364,0.022],['fullOnBeats',2.96458,0.0356,-0.0385]]],
  ['highBeat',0.760444,['lowOnBeats',2.07974,['highEighth',0.149677,-0.0808,-0.0065],['fullOn16ths',0.718241,-0.0066,0.0294]],['chordRate',-1.96603,0.0905,['lowOnBeats',2.8505,-0.0128,-0.1274]]],
  ['triple',0.205121,['triple',-0.0658261,['lowRate',0.813251,0.0918,0.0001],['backbeatHalf',-0.0104882,0.0661,-0.029]],['highOnBeats',2.83622,['fullOnDivision',1.92891,0.0627,-0.0592],['highOnDivision',2.69607,0.1183,0.0112]]],
  ['highEighth',0.594516,['comb',0.498885,-0.0826,['midOnDivision',0.988204,-0.024,0.0093]],['highOnBeats',3.25266,['lowRate',1.84748,0.0319,-0.0611],-0.1237]],
  ['backbeat',-0.022445,['lowOnDivision',1.39095,['fullOn16ths',0.61499,-0.0588,0.0393],['backbeatHalf',0.0118145,0.128,0.028]],['fullOnBeats',2.65287,['lowComb',1.3042,-0.0391,0.0795],['lowComb',0.691097,0.0511,-0.0056]]],
  ['highBeat',0.644777,['lowComb',1.3042,['fullOnBeats',2.65287,-0.0265,0.0131],['highOnDivision',2.69607,0.0645,-0.0442]],['chordRate',-1.96603,['highOn16ths',0.275236,0.0149,0.1198],['highEighth',0.122869,0.0229,-0.0911]]],
  ['backbeat',0.0102265,['highOnDivision',2.60133,['lowRate',2.2741,0.0132,-0.0291],['highEighth',0.0188988,0.0511,-0.0762]],['highHitBeats',0.964071,['lowOnDivision',1.49735,-0.046,0.0283],['lowComb',0.691097,0.1692,0.0397]]],
  ['lowOn16ths',2.01893,['lowOn16ths',1.21245,['lowOnBeats',2.38866,-0.0321,0.0061],['fullOnBeats',3.26375,0.0403,-0.0689]],-0.0796],
  ['backbeat',0.0635728,['midSixteenth',0.183528,['fullOnBeats',2.69265,-0.0368,0.0008],['midOnBeats',1.97063,-0.0222,0.0434]],['highComb',1.08349,-0.0391,['midOnBeats',3.08429,0.1252,-0.0258]]],
  ['subdivision',0.0125155,['midOn16ths',0.9661,['midOnBeats',2.70663,-0.0316,0.0169],['midEighth',0.299197,0.0006,0.0607]],['highHitBeats',0.814384,0.0193,['midHitBeats',0.961289,-0.0446,-0.1114]]],
  ['midRate',1.95284,['highOnBeats',2.21006,['highBeat',0.308881,-0.1052,0.0557],['highOn16ths',0.673774,-0.0034,0.0625]],['highEighth',0.0188988,['lowBeat',0.251419,-0.0437,0.0973],['midBeat',0.555925,-0.0119,-0.0799]]],
  ['midBeat',0.64132,['backbeat',0.0102265,['highOnDivision',2.60133,0.0025,-0.047],['triple',-0.0658261,0.062,-0.0214]],['highOn16ths',1.03915,['fullOnDivision',2.62692,0.0583,-0.0971],['lowOnDivision',1.13832,-0.16,-0.0141]]],
  ['lowComb',0.343441,-0.0754,['backbeat',-0.022445,['highEighth',0.0993738,-0.0091,0.0749],['midRate',0.364852,0.0745,-0.0049]]],
  ['midOnDivision',0.988204,['lowBeat',0.251419,['highEighth',0.0759613,-0.0302,0.0894],['lowSixteenth',0.000687911,0.079,-0.0926]],['lowBeat',0.219279,['midRate',1.47984,0.0432,-0.0401],['highEighth',0.0586675,0.0539,0.0048]]],
  ['highBeat',0.760444,['lowOnBeats',2.07974,['highHitHalves',0.779831,-0.0494,0.0145],['fullOn16ths',0.718241,-0.006,0.0259]],['fullOnBeats',2.96458,0.0624,['highOn16ths',0.398718,-0.0112,-0.1207]]],
  ['lowOn16ths',1.67603,['midOn16ths',1.40505,['lowComb',0.420305,-0.0604,0.0024],['backbeat',0.00127336,-0.0458,0.1072]],['highOnDivision',2.16399,-0.111,['lowHitHalves',0.940588,-0.0259,0.0868]]],
  ['backbeat',0.0635728,['highBeat',0.644777,['lowComb',1.3042,-0.0052,0.0461],['chordRate',-1.96603,0.0466,-0.0567]],['highComb',1.0255,-0.0478,['midOnBeats',3.08429,0.1014,-0.0058]]],
  ['midOnDivision',0.988204,['lowBeat',0.251419,['highEighth',0.0759613,-0.0302,0.079],['lowSixteenth',0.000687911,0.0745,-0.0843]],['backbeat',-0.022445,['lowBeat',0.162846,0.0073,0.0881],['highBeat',0.308881,-0.0344,0.0106]]],
  ['highComb',0.517724,['midComb',0.606193,-0.0762,-0.01],['harmonyWithin',-1.35775,['backbeatHalf',0.00789511,0.0094,-0.1006],['midRate',0.654892,0.0677,0.0019]]],
  ['triple',0.205121,['lowEighth',0.0851632,['lowRate',1.3546,-0.0025,-0.0586],['lowRate',2.2741,0.0183,-0.0276]],['highOnBeats',2.83622,['fullOnDivision',1.92891,0.0587,-0.0545],['highOnDivision',2.79264,0.1002,-0.0069]]],
  ['highBeat',0.356114,['highRate',0.821039,['highHitHalves',0.397513,-0.0126,0.1302],['midOn16ths',1.07505,-0.0571,0.0093]],['backbeat',0.00242183,['midBeat',0.156684,0.0896,-0.0175],['midHitBeats',0.961289,0.0032,0.0703]]],
  ['comb',0.786108,['highOnDivision',1.35495,['midOnBeats',1.97063,-0.1062,-0.039],['fullOnDivision',1.5569,0.0841,-0.0141]],['midSixteenth',0.200197,['backbeat',0.0635728,-0.0063,0.0608],['midBeat',0.555925,0.0527,-0.0588]]],
  ['highComb',0.517724,['midComb',0.606193,-0.0749,-0.0116],['lowOnBeats',3.39143,['fullOn16ths',0.718241,-0.0072,0.0164],['highOnBeats',3.48388,-0.0644,0.0168]]],
  ['chordRate',-3.03402,-0.0654,['highRate',1.31625,['highHitHalves',0.397513,-0.0155,0.0382],['midBeat',0.246642,-0.0589,0.0037]]],
  ['triple',0.205121,['lowEighth',0.0851632,['highEighth',0.394566,-0.0128,-0.1018],['lowRate',2.2741,0.0164,-0.0264]],['fullOnBeats',2.73567,['midOnDivision',1.73853,0.0547,-0.0733],['highOnDivision',2.69607,0.0929,0.0003]]],
  ['fullOnBeats',2.33802,['lowBeat',0.219279,['fullOn16ths',1.12831,-0.1027,-0.0245],['midEighth',0.262273,0.0535,-0.0405]],['midRate',1.95284,['lowSixteenth',0.0902437,-0.0069,0.0475],['highComb',1.5178,0.0003,-0.0644]]],
  ['triple',0.205121,['highOn16ths',0.457475,['midComb',1.38396,-0.0324,0.0361],['highHitBeats',0.912662,-0.013,0.0298]],['highOnBeats',2.83622,['harmonyWithin',-0.338144,0.0473,-0.052],['highOnDivision',2.79264,0.0918,-0.0047]]],
  ['lowOn16ths',1.67603,['lowOn16ths',1.21245,['fullOnBeats',2.26046,-0.0555,0.0009],['backbeat',0.0145382,0.0153,0.0958]],['triple',-0.246605,['lowHitHalves',0.940588,-0.0244,0.079],-0.0963]],
  ['lowEighth',0.54782,['midEighth',0.343289,['lowOn16ths',1.67603,0.0001,-0.0818],['harmonyAcross',0.262355,-0.0188,0.0502]],['harmonyAcross',0.325258,-0.0931,0.0063]],
  ['highEighth',0.594516,['highBeat',0.394754,['highRate',0.821039,0.0267,-0.0239],['lowComb',0.772708,0.0459,-0.0042]],['harmonyWithin',0.0711252,-0.0879,-0.0003]],
  ['comb',0.498885,-0.0744,['highBeat',0.760444,['lowOnBeats',2.07974,-0.023,0.0085],['fullOnBeats',2.96458,0.0584,-0.0738]]],
  ['chordRate',-3.03402,-0.0637,['highRate',1.78477,['highOnBeats',2.21006,-0.0626,0.0134],['highEighth',0.0586675,0.0557,-0.0226]]],
  ['lowComb',0.343441,-0.0671,['subdivision',0.0125155,['midSixteenth',0.183528,-0.0029,0.0251],['midOn16ths',1.21756,0.0024,-0.0924]]],
  ['harmonyWithin',-1.35775,['midOnBeats',2.50241,0.0527,['highComb',1.08349,0.0151,-0.1179]],['highBeat',0.356114,['backbeat',-0.00237676,0.0137,-0.0383],['midBeat',0.64132,0.0187,-0.0397]]],
  ['highEighth',0.594516,['midEighth',0.343289,['lowOn16ths',1.67603,0.0001,-0.0768],['midOn16ths',0.886463,-0.0097,0.0582]],['harmonyWithin',0.0711252,-0.0836,-0.0022]],
  ['lowEighth',0.54782,['highEighth',0.594516,['midEighth',0.343289,-0.0024,0.0294],-0.0667],['backbeat',0.000418349,-0.088,0.0064]],
  ['triple',0.205121,['highEighth',0.0340671,['comb',1.01139,-0.0904,0.005],['midBeat',0.156684,0.0518,-0.0044]],['fullOnBeats',2.73567,['midOnDivision',1.73853,0.0502,-0.0687],['highHitHalves',0.355197,0.0784,-0.0191]]],
  ['comb',0.786108,['highOnDivision',1.35495,['lowBeat',0.0301862,0.0041,-0.0768],['fullOnDivision',1.5569,0.0747,-0.0144]],['midSixteenth',0.149399,['fullOnBeats',2.77553,-0.0328,0.0068],['fullOnBeats',2.96458,0.0398,-0.041]]],
  ['lowComb',0.343441,-0.0656,['highRate',1.78477,['highOnBeats',2.21006,-0.0622,0.0124],['backbeatHalf',0.000134643,0.006,-0.0447]]],
  ['backbeat',0.00560092,['lowHitHalves',0.368993,['harmonyWithin',-0.841097,-0.0349,0.0503],['lowBeat',0.162846,-0.055,-0.0078]],['highHitBeats',0.964071,['lowOnDivision',0.915446,-0.0522,0.0088],['fullOn16ths',0.61499,0.0072,0.0973]]],
  ['highComb',0.517724,['lowRate',1.54859,-0.0073,-0.0727],['lowOnBeats',3.39143,['lowBeat',0.0175143,0.0744,0.0026],['highOnBeats',3.48388,-0.0586,0.0161]]],
  ['lowComb',0.420305,['lowOnDivision',1.13832,0.0178,-0.0864],['lowEighth',0.0851632,['highEighth',0.394566,-0.0048,-0.0952],['highBeat',0.0644708,-0.0777,0.0115]]],
  ['lowEighth',0.54782,['lowOn16ths',1.67603,['midOn16ths',1.40505,0.0009,0.0582],['midOnDivision',1.98628,-0.0836,0.0212]],['harmonyAcross',0.325258,-0.0851,0.0075]],
  ['chordRate',-3.03402,-0.0601,['highRate',1.78477,['midOn16ths',1.07505,0.0005,0.0378],['highEighth',0.0586675,0.0527,-0.021]]],
  ['backbeat',0.0635728,['highOnDivision',1.46867,['backbeatHalf',0.0321805,-0.0068,-0.1049],['highRate',2.01075,0.0163,-0.0299]],['highComb',1.08349,-0.0268,['comb',1.47319,0.1039,0.0075]]],
  ['lowComb',0.420305,['fullOnBeats',2.90933,['backbeat',0.00242183,-0.0926,-0.0194],0.035],['backbeat',-0.022445,['highOn16ths',1.03915,0.0087,0.1027],['midRate',0.654892,0.0498,-0.0041]]],
  ['highBeat',0.394754,['highRate',0.821039,['highEighth',0.0340671,-0.0381,0.0619],['midOn16ths',1.07505,-0.0451,0.0135]],['lowComb',0.772708,['lowOn16ths',1.21245,0.0193,0.0829],['harmonyWithin',-1.35775,-0.088,0]]],
  ['chordRate',-3.03402,-0.0585,['highRate',1.31625,['highOn16ths',0.534131,-0.001,0.0469],['midBeat',0.246642,-0.054,0.0036]]],
  ['fullOnBeats',2.33802,['lowBeat',0.219279,['midSixteenth',0.230778,-0.104,-0.0357],['midEighth',0.262273,0.0488,-0.0368]],['midOnDivision',0.988204,['harmonyAcross',0.200375,0.055,-0.0416],['midRate',1.95284,0.0238,-0.0071]]],
  ['lowEighth',0.54782,['highEighth',0.594516,['midEighth',0.343289,-0.002,0.0262],-0.0645],['backbeat',0.000418349,-0.0844,0.0071]],
  ['triple',0.205121,['highEighth',0.0993738,['fullOnBeats',3.26375,-0.0335,0.034],['highRate',1.31625,0.0258,-0.0101]],['fullOnBeats',2.73567,['fullOnDivision',2.02133,0.0302,-0.0679],['fullOnDivision',2.72294,0.0808,-0.0053]]],
  ['fullOnDivision',2.83262,['comb',0.786108,['highOnDivision',1.35495,-0.06,0.0091],['midOn16ths',0.360276,0.048,0.0039]],['backbeat',0.00560092,['highOnBeats',3.25266,-0.1032,-0.004],0.0427]],
  ['highBeat',0.760444,['lowOnBeats',2.07974,['highHitHalves',0.779831,-0.0465,0.017],['lowSixteenth',0.0804862,-0.0055,0.0206]],['midOnBeats',2.82115,0.0336,['highOn16ths',0.398718,-0.0052,-0.1072]]],
  ['subdivision',0.0125155,['midSixteenth',0.183528,['fullOnBeats',2.8132,-0.0232,0.0085],['midOnBeats',2.04164,-0.0151,0.0486]],['highHitBeats',0.814384,0.0099,-0.0756]],
  ['chordRate',-1.96603,['highComb',1.5178,['highEighth',0.0340671,-0.062,0.0136],['backbeatHalf',0.0168257,0.0964,0.0023]],['midBeat',0.246642,['highSixteenth',0.0599061,-0.1034,-0.0094],['highComb',1.4151,0.018,-0.0344]]],
  ['triple',0.205121,['lowEighth',0.0851632,['lowRate',1.3546,0.001,-0.0512],['lowRate',2.2741,0.0144,-0.0221]],['highOnBeats',2.83622,['harmonyWithin',-0.338144,0.0411,-0.0437],['highOnDivision',2.79264,0.0793,-0.0074]]],
  ['lowComb',0.420305,['lowOnDivision',1.13832,0.0129,-0.081],['backbeat',0.0635728,['highOn16ths',0.457475,-0.0141,0.0082],['highComb',1.0255,-0.0268,0.0593]]],
  ['midBeat',0.700129,['highBeat',0.394754,['highRate',0.821039,0.0241,-0.0207],['lowComb',0.772708,0.033,-0.0013]],['highRate',1.31625,0.0252,-0.0816]],
  ['triple',0.10903,['highEighth',0.0340671,['harmonyAcross',0.216094,0.0258,-0.064],['midBeat',0.156684,0.0454,-0.0045]],['midHitBeats',0.859825,['lowOnBeats',2.44713,-0.0831,0.0049],['highEighth',0.0443341,0.0663,-0.0244]]],
  ['lowComb',0.420305,['lowOnBeats',2.61157,-0.0809,0.0061],['lowEighth',0.54782,['lowEighth',0.0851632,-0.0105,0.0105],['backbeat',0.0000306576,-0.0831,0.0067]]],
  ['fullOnDivision',2.83262,['lowComb',1.3042,['highOnDivision',0.763211,-0.0391,0.0011],['backbeatHalf',-0.000177061,0.0628,-0.0023]],['backbeat',0.0102265,['midRate',2.25538,-0.0925,0.0005],0.0493]],
  ['fullOnBeats',1.96977,['midBeat',0.246642,-0.0821,0.0053],['midSixteenth',0.183528,['lowOnBeats',2.61157,-0.021,0.0073],['fullOnBeats',2.96458,0.0337,-0.0519]]],
  ['highRate',1.78477,['highOnBeats',2.21006,['highComb',0.850257,-0.0874,0.003],['midOn16ths',0.927674,-0.0035,0.0317]],['highOn16ths',1.79198,['midSixteenth',0.230778,-0.0179,0.0365],-0.0797]],
  ['fullOnBeats',2.33802,['lowBeat',0.219279,['midSixteenth',0.230778,-0.1016,-0.0321],['midEighth',0.207663,0.0687,-0.0168]],['chordRate',-1.96603,['fullOn16ths',0.982767,0.0053,0.0932],['lowBeat',0.0947242,-0.0687,0.0012]]],
  ['backbeat',0.0635728,['highBeat',0.644777,['lowComb',1.44835,-0.0025,0.0547],['highEighth',0.122869,0.023,-0.052]],['lowOn16ths',0.912375,['highRate',0.821039,0.0537,-0.0441],0.0811]],
  ['backbeat',0.00560092,['fullOnDivision',2.19692,['lowComb',1.44835,-0.0008,0.0587],['fullOnBeats',3.01908,-0.0546,0.0139]],['highHitBeats',0.964071,['lowHitBeats',0.932011,-0.0172,0.0406],['lowOn16ths',0.953819,0.0134,0.0948]]],
  ['lowOnBeats',3.39143,['highOnDivision',1.35495,['backbeatHalf',0.0321805,-0.0017,-0.0954],['lowRate',0.813251,0.0678,0.0039]],['highOnDivision',1.35495,0.0319,['lowEighth',0.0851632,-0.075,0.0261]]],
  ['lowComb',0.420305,['highSixteenth',0.0201035,0.0193,['lowHitBeats',0.671143,-0.0799,-0.0301]],['backbeat',-0.022445,['harmonyAcross',0.360923,0.0497,-0.0265],['midRate',0.654892,0.0469,-0.004]]],
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

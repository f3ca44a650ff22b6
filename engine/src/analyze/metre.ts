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
//   within a beat as much as across beats (a half-time reading of music moving at the real beat).
// The features are weighed by a linear score (METRE_WEIGHTS) plus 50 small boosted trees
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
  return f;
}

/**
 * Weights of the features (raw units) and the trees added to them (METRE_TREES), fitted on
 * tuning material only by `npm run fit:metre -- --lambda=0.03 --rounds=50 --depth=3`
 * (bench/fit-metre.ts, 2026-12-02, fourth session): 388 items — the corpus's tuning set (144),
 * the extra tuning items (84), the engine's 30 s renders on the seeds the bench lists as tuned
 * on or inspected (1, 7, 2024; 1234, 42, 99, 777: 112) and the older FluidSynth tuning set
 * (48); never the corpus's held-out set. Multinomial logistic regression over each item's
 * candidate levels (the labelled level against its ×2, ×½, ×3, ×⅓, ×3⁄2, ×2⁄3 relatives),
 * features standardised, L2 0.03, 1500 gradient steps; then 50 gradient-boosted regression
 * trees of depth 3 on the same softmax loss (bench/metre-boost.ts: Newton leaves, shrinkage
 * 0.1, leaf L2 1). Depth and count chosen by 4-fold cross-validation on that material, mean
 * over three fold shuffles (seeds 4, 11, 23): levels right of 388 — linear score on the
 * earlier features 351.3, + the motion features 357.3, + trees of depth 2 ×100 364.0, of
 * depth 3 ×50 365.0 (fitted on all: 385). The prior's weight is held at 0 on purpose: it
 * stays the published one inside `comb`; so are the notes-per-beat rates' linear weights (a
 * linear weight on log2 notes per beat is, within an item, one on −log2 bpm: a fitted prior).
 */
export const METRE_WEIGHTS: Record<Feature, number> = {
  comb: 1.295,
  logPrior: 0,
  backbeat: 5.4607,
  subdivision: -9.7391,
  triple: -0.8337,
  lowComb: 1.0094,
  lowBeat: -1.2661,
  lowEighth: -0.5744,
  lowSixteenth: -0.1077,
  midComb: 1.1071,
  midBeat: -1.2501,
  midEighth: 0.177,
  midSixteenth: -0.5205,
  highComb: 1.5311,
  highBeat: 0.136,
  highEighth: 0.7297,
  highSixteenth: -1.9876,
  fullOnBeats: 0.4303,
  fullOnDivision: -0.0915,
  fullOn16ths: -0.1737,
  lowOnBeats: 0.4877,
  lowOnDivision: 0.1549,
  lowOn16ths: 0.1255,
  midOnBeats: 0.1079,
  midOnDivision: -0.1591,
  midOn16ths: -0.0232,
  highOnBeats: 0.4529,
  highOnDivision: -0.2078,
  highOn16ths: -0.4083,
  lowRate: 0,
  lowHitBeats: -0.1629,
  lowHitHalves: -1.6718,
  midRate: 0,
  midHitBeats: -0.6953,
  midHitHalves: 0.2229,
  highRate: 0,
  highHitBeats: 1.7939,
  highHitHalves: 0.5155,
  harmonyAcross: 2.522,
  harmonyWithin: 0.1339,
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
 * split on most (of 282 splits): the hats' and snare's onsets per beat (highRate, 31: in 16ths of
 * the level or fewer), whether the harmony changes within the level's beats as much as across
 * them (harmonyWithin, 22), the high layer's comb (21), the bass on the beat's division
 * (lowOnDivision, 18) and the backbeat (18). Fitted with METRE_WEIGHTS (see there); regenerate
 * both together.
 */
// biome-ignore format: fitted constants, one tree a line
export const METRE_TREES: readonly MetreTree[] = [
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.1236,['highComb',0.903211,-0.0506,0.0682]],['highOnDivision',1.39072,['midRate',2.22761,-0.0952,0.0898],['highOn16ths',1.2872,-0.0566,-0.1488]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.1153,['highComb',0.903211,-0.0475,0.0624]],['highOnDivision',1.39072,['midRate',2.22761,-0.0905,0.0827],['highOn16ths',1.2872,-0.0521,-0.1438]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.1073,['highComb',0.903211,-0.0445,0.0572]],['harmonyWithin',-0.560844,['midEighth',0.241193,0.064,-0.0506],['highOn16ths',1.21887,-0.0491,-0.1369]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.0997,['lowHitHalves',0.30538,0.1128,0.0173]],['highRate',2.46186,['highHitBeats',0.945255,-0.099,0.0263],['highOnDivision',1.39072,0.0732,-0.0488]]],
  ['highRate',1.85918,['backbeat',0.00395469,['highHitHalves',0.480385,-0.0637,0.026],['midBeat',0.60424,0.0819,-0.0196]],['highOn16ths',1.2872,['midBeat',0.410225,-0.0631,0.0575],['highOnBeats',2.85879,-0.0523,-0.1449]]],
  ['highRate',1.85918,['highComb',0.903211,['lowHitHalves',0.30538,0.039,-0.0797],['midBeat',0.108293,0.1736,0.0247]],['harmonyWithin',-0.560844,['triple',-0.00572508,-0.0148,0.0795],['highOn16ths',1.21887,-0.0393,-0.1256]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.0917,['lowHitHalves',0.30538,0.0992,0.0112]],['harmonyWithin',-0.560844,['midOn16ths',0.895973,-0.033,0.0558],['highOn16ths',1.21887,-0.0372,-0.119]]],
  ['backbeat',0.00686902,['harmonyWithin',-0.258894,['fullOnDivision',0.520008,-0.1042,0.0298],['lowComb',1.12574,-0.0798,0.0114]],['highOn16ths',1.39182,['lowHitBeats',0.60102,-0.0561,0.0855],['fullOnBeats',2.86892,0.051,-0.1238]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,0.0004,-0.0945],['highRate',1.75605,['harmonyWithin',-0.755566,-0.0435,0.0521],['highOnDivision',1.9009,0.0205,-0.0617]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,-0.0011,-0.0921],['highRate',1.75605,['highOnDivision',0.506581,-0.0775,0.0403],['highComb',1.3108,0.004,-0.0829]]],
  ['backbeat',0.00686902,['harmonyWithin',-0.258894,['backbeat',0.000455026,0.0433,-0.0467],['lowComb',1.12574,-0.0758,0.0072]],['lowOnDivision',1.41566,['highRate',1.56427,0.0315,-0.1035],['lowOn16ths',1.36502,0.102,-0.0254]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,-0.0001,-0.0896],['lowEighth',0.0297061,['lowBeat',0.475887,0.0017,-0.1296],['lowOnDivision',2.42213,0.0395,-0.0415]]],
  ['backbeat',0.00686902,['highOnDivision',2.37816,['highComb',1.01914,-0.0332,0.0315],['fullOnBeats',3.03222,-0.0864,0.0083]],['lowOnDivision',1.41566,['highRate',1.56427,0.0258,-0.0938],['fullOn16ths',1.32333,0.0972,-0.0167]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.0772,['lowHitHalves',0.30538,0.087,0.0066]],['harmonyWithin',-0.560844,['midEighth',0.221005,0.0483,-0.0225],['highRate',2.61902,-0.0712,0.0171]]],
  ['highComb',0.960793,['backbeat',-0.00174502,['lowEighth',0.123958,0.0654,-0.054],['midBeat',0.375689,-0.0853,-0.0005]],['midOnBeats',3.08762,['fullOn16ths',0.693089,-0.0017,0.0589],['lowOnDivision',1.06889,-0.1539,0.0091]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,0.0007,-0.0861],['lowEighth',0.0297061,['midRate',2.00794,-0.066,0.0569],['lowHitHalves',0.30538,0.1075,0.0087]]],
  ['backbeat',0.00686902,['harmonyWithin',-0.258894,['fullOnDivision',0.520008,-0.0854,0.0275],['highComb',1.07752,-0.0917,-0.0148]],['lowOnDivision',1.41566,['highHitBeats',0.823223,0.0501,-0.061],['fullOn16ths',1.32333,0.0885,-0.0147]]],
  ['highComb',0.960793,['backbeat',-0.00174502,['lowEighth',0.123958,0.0602,-0.0532],['midBeat',0.375689,-0.0814,-0.0015]],['midOnBeats',3.08762,['backbeat',0.00395469,0.0005,0.0594],['highSixteenth',0.0835885,0.021,-0.1275]]],
  ['highRate',1.85918,['highOnDivision',0.506581,-0.0678,['lowHitHalves',0.30538,0.0865,0.0026]],['harmonyAcross',0.222445,-0.087,['highOn16ths',1.21887,0.0145,-0.0663]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,-0.0003,-0.0829],['lowEighth',0.0297061,['lowBeat',0.475887,0.0018,-0.1037],['lowOnDivision',2.42213,0.035,-0.0361]]],
  ['highComb',0.960793,['midOnBeats',2.7479,['backbeat',-0.00174502,0.0019,-0.0814],0.0346],['midOnBeats',3.08762,['fullOn16ths',0.693089,-0.0018,0.0524],['highSixteenth',0.0835885,0.0209,-0.1115]]],
  ['backbeat',0.00686902,['highOnDivision',2.52797,['harmonyAcross',0.389473,-0.0202,0.0406],['midRate',2.22761,-0.0993,-0.0063]],['midEighth',0.182949,['highOn16ths',0.867108,0.0239,-0.0667],['fullOn16ths',1.32333,0.0913,-0.009]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.0661,['highComb',0.960793,-0.0272,0.0346]],['triple',0.00987774,['midEighth',0.146884,-0.1209,-0.0182],['harmonyWithin',-0.437827,0.0717,-0.0454]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,0.0001,-0.0791],['fullOnDivision',0.520008,-0.0628,['midBeat',0.60424,0.0237,-0.0401]]],
  ['highRate',1.85918,['highHitHalves',0.432266,['harmonyWithin',-0.755566,-0.0902,0.0193],['highRate',1.0704,0.0749,-0.0047]],['harmonyAcross',0.222445,-0.0824,['highOnDivision',1.9009,0.0241,-0.0442]]],
  ['highComb',0.960793,['midOnDivision',1.42657,['lowHitHalves',0.30538,0.0597,-0.0371],['highBeat',0.332069,-0.1032,-0.0172]],['midOnBeats',3.08762,['highOnDivision',2.52797,0.0365,-0.0205],['lowOnDivision',1.06889,-0.1047,0.0162]]],
  ['backbeat',0.00686902,['harmonyAcross',0.410379,['triple',0.00987774,-0.0469,0.0233],['lowRate',2.03534,0.0576,-0.0302]],['lowOnDivision',1.41566,['highHitBeats',0.823223,0.0419,-0.0518],['fullOn16ths',1.32333,0.0747,-0.0054]]],
  ['fullOnBeats',2.41985,['triple',-0.0706984,-0.0015,-0.076],['fullOnDivision',0.520008,-0.0569,['lowHitHalves',0.30538,0.0544,0.0003]]],
  ['highComb',0.960793,['backbeat',-0.00174502,['lowEighth',0.123958,0.0572,-0.0545],['midBeat',0.340568,-0.0787,-0.0109]],['midOnBeats',3.08762,['fullOn16ths',0.639205,-0.0048,0.045],['highSixteenth',0.0835885,0.0206,-0.0922]]],
  ['highRate',1.85918,['highHitHalves',0.432266,['harmonyWithin',-0.755566,-0.0826,0.0175],['highRate',1.0704,0.0683,-0.0042]],['midBeat',0.410225,['triple',0.00295939,-0.0905,0.0091],['highOn16ths',1.21887,0.0646,-0.0751]]],
  ['highComb',0.960793,['midOnDivision',1.42657,['lowHitHalves',0.30538,0.055,-0.0351],['highBeat',0.332069,-0.097,-0.017]],['highOnDivision',2.52797,['lowOnDivision',0.740475,-0.0351,0.0369],['backbeat',0.00395469,-0.0677,0.0222]]],
  ['highRate',1.85918,['highHitHalves',0.432266,['highRate',1.0704,-0.0591,0.0319],['lowOnDivision',2.42213,0.0449,-0.0336]],['harmonyAcross',0.222445,-0.0791,['midComb',0.932447,-0.037,0.0245]]],
  ['fullOnBeats',2.41985,['triple',-0.0366001,-0.0115,-0.0701],['midOnBeats',2.20992,0.0552,['highComb',0.960793,-0.0311,0.0097]]],
  ['fullOnBeats',2.41985,['triple',-0.0366001,-0.0113,-0.0677],['fullOnDivision',0.520008,-0.0497,['lowHitHalves',0.30538,0.0505,-0.0008]]],
  ['highOnBeats',2.62236,['highSixteenth',0.0835885,-0.0839,['midBeat',0.271752,-0.0271,0.0487]],['lowOnDivision',0.956583,['triple',-0.0366001,0.044,-0.0702],['lowRate',1.72992,0.0483,-0.0099]]],
  ['backbeat',0.00686902,['highOnDivision',2.52797,['harmonyAcross',0.389473,-0.0166,0.0392],['midHitBeats',0.945799,-0.0901,-0.0066]],['midEighth',0.182949,['highHitHalves',0.661154,0.0155,-0.0613],['highBeat',0.640225,0.0789,0.0052]]],
  ['highRate',1.85918,['highComb',0.960793,['highRate',1.17569,-0.0595,0.0232],['midOnDivision',2.41324,0.0327,-0.0333]],['triple',0.00987774,['midEighth',0.146884,-0.1005,-0.0148],0.0211]],
  ['fullOnBeats',2.41985,-0.0453,['midOn16ths',0.854322,['highOnBeats',2.85879,-0.0512,0.0135],['harmonyWithin',0.0831944,0.0447,-0.0295]]],
  ['highRate',1.39606,['highComb',1.40458,['highHitHalves',0.432266,-0.0682,0.0258],['lowOnDivision',2.32969,0.0825,0.0122]],['midRate',1.7452,['lowRate',1.35984,-0.0108,-0.096],['highHitBeats',0.862565,-0.0436,0.0345]]],
  ['highRate',1.85918,['harmonyWithin',-1.21904,-0.0499,['lowHitHalves',0.30538,0.0567,0.0006]],['harmonyAcross',0.222445,-0.0705,['highOn16ths',1.21887,0.0165,-0.0475]]],
  ['highComb',0.960793,['midOnDivision',1.42657,['lowHitHalves',0.30538,0.0493,-0.0336],['highBeat',0.332069,-0.0881,-0.0132]],['midOnBeats',3.08762,['fullOnBeats',3.09316,0.0064,0.0713],['highSixteenth',0.0835885,0.0166,-0.0761]]],
  ['comb',1.34108,['lowHitHalves',0.30538,['lowOnDivision',0.740475,-0.0253,0.0756],['fullOnBeats',3.03222,-0.0418,0.0277]],['highRate',1.49536,['midOnDivision',2.32,0.0739,0.0049],['highComb',1.40458,0.0403,-0.0678]]],
  ['midHitHalves',0.688194,['lowOnDivision',2.42213,['midBeat',0.136241,0.0295,-0.0392],0.0428],['lowOnDivision',2.42213,['midComb',0.73702,-0.0339,0.0638],['lowRate',1.54439,0.0163,-0.0694]]],
  ['fullOnBeats',2.41985,-0.0424,['lowSixteenth',0.113646,['midOnBeats',2.7479,-0.0263,0.0178],['highOnBeats',3.23192,0.0417,-0.0231]]],
  ['highRate',1.85918,['highOnDivision',1.18285,['comb',1.34108,-0.0541,0.0356],['lowHitHalves',0.30538,0.0693,0.0017]],['triple',0.00987774,['midBeat',0.410225,-0.0781,-0.0007],0.0185]],
  ['highRate',1.85918,['midHitHalves',0.730464,['harmonyWithin',-0.755566,-0.0525,0.0114],['lowOnDivision',2.42213,0.0614,-0.0133]],['harmonyWithin',-0.560844,0.0167,['midBeat',0.410225,-0.0718,-0.0017]]],
  ['highComb',0.960793,['backbeat',-0.00174502,['lowOnBeats',2.60676,-0.0247,0.0383],['highBeat',0.273442,-0.069,-0.0167]],['highOnDivision',2.52797,['lowOnDivision',1.51661,-0.0072,0.0479],['backbeat',0.00395469,-0.0551,0.0155]]],
  ['highRate',1.39606,['highEighth',0.0248833,-0.0502,['lowHitHalves',0.30538,0.0827,0.0106]],['midRate',1.7452,['lowRate',1.45646,-0.0109,-0.0864],['highHitBeats',0.862565,-0.0394,0.0292]]],
  ['comb',1.34108,['harmonyAcross',0.435348,['triple',0.00987774,-0.0392,0.0175],['midRate',1.84109,0.0501,-0.0017]],['highRate',1.49536,['highOnBeats',3.14505,0.0695,0.0187],['comb',1.52955,0.0245,-0.0615]]],
  ['highComb',0.960793,['midOnDivision',1.42657,['lowHitHalves',0.30538,0.0376,-0.03],-0.0515],['highOnDivision',2.52797,['lowOnDivision',1.51661,-0.0066,0.0456],['backbeat',0.00395469,-0.0507,0.0141]]],
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

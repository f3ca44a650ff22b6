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
 * Twentieth session: refitted on 1280 items — the same material plus the karaoke book's and the
 * world-music atlas's tuning halves (`--kk --at`; cross-validated 1151/1280 on fold seed 4, fitted on
 * all 1231). A tenth composer written blind that session (the live sets: live-band timing, tempo
 * drifting within ±2 %, TiMidity++ with GM SoundFonts) arbitrated through its tuning half, by the
 * second rule in bench/fit-metre.ts committed before either candidate was scored: 78 of 80 at the
 * labelled tempo against 75 for the seventeenth session's fit (with the library's half too: 76).
 * The prior's weight is held at 0 on purpose: it
 * stays the published one inside `comb`; so are the notes-per-beat rates' linear weights (a
 * linear weight on log2 notes per beat is, within an item, one on −log2 bpm: a fitted prior).
 */
export const METRE_WEIGHTS: Record<Feature, number> = {
  comb: 1.0764,
  logPrior: 0,
  backbeat: 4.1845,
  subdivision: -12.8553,
  triple: -0.816,
  lowComb: 1.276,
  lowBeat: -0.7761,
  lowEighth: -0.7045,
  lowSixteenth: 0.5962,
  midComb: 0.9851,
  midBeat: -1.3772,
  midEighth: 0.2466,
  midSixteenth: 0.7543,
  highComb: 1.3139,
  highBeat: -0.1899,
  highEighth: -0.0031,
  highSixteenth: -1.4612,
  fullOnBeats: 0.4309,
  fullOnDivision: -0.0541,
  fullOn16ths: 0.048,
  lowOnBeats: 0.4554,
  lowOnDivision: 0.1464,
  lowOn16ths: -0.1198,
  midOnBeats: 0.049,
  midOnDivision: -0.1586,
  midOn16ths: 0.1808,
  highOnBeats: 0.4195,
  highOnDivision: 0.0554,
  highOn16ths: -0.1311,
  lowRate: 0,
  lowHitBeats: -0.1038,
  lowHitHalves: -1.0476,
  midRate: 0,
  midHitBeats: -0.3319,
  midHitHalves: -0.5989,
  highRate: 0,
  highHitBeats: 1.0423,
  highHitHalves: 0.3601,
  harmonyAcross: 2.2301,
  harmonyWithin: 0.342,
  pitchOnBeats: 0.6663,
  pitchOnDivision: 0.1197,
  pitchOn16ths: -1.6707,
  pitchRate: 0,
  pitchHitBeats: 0.805,
  pitchHitHalves: -0.332,
  chordRate: 0,
  backbeatHalf: 2.7867,
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
  ['highRate',1.79331,['highSixteenth',0.0421001,['fullOnBeats',2.8035,-0.0475,0.0329],['fullOnBeats',3.25052,0.0786,-0.1675]],['midBeat',0.636886,['harmonyWithin',-0.450813,0.0246,-0.0603],['midOnDivision',1.4283,-0.2777,-0.0926]]],
  ['highRate',1.68046,['fullOn16ths',0.773405,['lowComb',1.18075,-0.0209,0.0494],['highBeat',0.0632038,-0.0912,0.0874]],['midBeat',0.636886,['backbeat',0.00564508,-0.0482,0.0321],['lowOnDivision',1.1535,-0.2593,-0.0858]]],
  ['highRate',1.68046,['highOnDivision',1.16613,['highComb',1.50059,-0.0599,0.0736],['highSixteenth',0.0421001,0.0109,0.0803]],['highEighth',0.0597513,['highBeat',0.395055,-0.0856,0.1311],['highBeat',0.641536,-0.0317,-0.136]]],
  ['highRate',1.79331,['triple',-0.0774469,['highBeat',0.233016,0.1675,0.0302],['lowComb',1.44245,-0.0291,0.0865]],['highOn16ths',1.81229,['highOn16ths',0.475709,-0.089,-0.0042],['midOnBeats',2.19618,0.0272,-0.1477]]],
  ['highRate',1.68046,['fullOn16ths',0.773405,['fullOnBeats',2.72468,-0.0421,0.0175],['highComb',0.563554,-0.093,0.0695]],['midBeat',0.636886,['backbeat',0.00564508,-0.0374,0.0347],['lowOnBeats',3.18701,-0.0598,-0.2051]]],
  ['lowOn16ths',2.04661,['backbeat',0.00564508,['fullOnDivision',2.19775,0.0102,-0.0585],['lowOnDivision',1.40863,-0.025,0.0675]],['midOnDivision',2.248,-0.155,-0.0185]],
  ['highRate',1.79331,['highOnDivision',1.37553,['highComb',1.50059,-0.0448,0.0505],['chordRate',-2.17995,0.0747,0.0063]],['highEighth',0.0597513,['highBeat',0.395055,-0.0757,0.1432],['highHitHalves',0.778595,-0.0803,-0.012]]],
  ['lowOn16ths',2.04661,['highComb',0.801231,['fullOnBeats',3.15658,-0.0441,0.0746],['chordRate',-2.17995,0.0453,-0.0031]],['midOnDivision',2.248,-0.1458,-0.0138]],
  ['backbeat',0.00564508,['fullOnDivision',2.19775,['lowComb',1.44245,-0.0051,0.0929],['harmonyWithin',-0.389264,0.0194,-0.0688]],['lowOnDivision',0.952093,['highRate',1.59775,-0.0113,-0.1748],['highHitBeats',0.903002,-0.0026,0.0828]]],
  ['highComb',0.906882,['fullOnBeats',3.15658,['backbeat',-0.00735398,0.0219,-0.0581],['lowBeat',0.0199783,-0.0557,0.1137]],['chordRate',-2.17995,['midBeat',0.160107,0.2279,0.0255],['backbeat',0.00751811,-0.031,0.0387]]],
  ['triple',-0.0774469,['highBeat',0.685523,['highOn16ths',0.604806,-0.0109,0.0595],['harmonyAcross',0.349366,-0.1155,0.0206]],['triple',0.208948,['lowComb',1.29867,-0.0467,0.048],['highOnBeats',2.81966,-0.0363,0.1276]]],
  ['lowOn16ths',2.04661,['highComb',0.801231,['highOnBeats',3.23104,-0.0383,0.0803],['fullOn16ths',0.722881,-0.0061,0.0327]],['midOnDivision',2.16055,-0.1352,-0.0252]],
  ['comb',0.500573,['triple',0.0316787,-0.0986,-0.0405],['lowOn16ths',2.04661,['lowEighth',0.546356,0.0088,-0.0767],['midOnDivision',2.16055,-0.1304,-0.0184]]],
  ['triple',-0.0774469,['midRate',1.97377,['midBeat',0.27957,0.1188,0.0187],['backbeat',0.0105146,-0.0458,0.0431]],['triple',0.208948,['lowOn16ths',1.53444,-0.025,-0.1472],['highOnBeats',2.81966,-0.0336,0.1127]]],
  ['highComb',0.906882,['fullOnBeats',3.15658,['lowComb',1.18075,-0.0449,0.0671],['lowBeat',0.0199783,-0.0571,0.0941]],['lowBeat',0.0623397,['midRate',1.41028,0.1822,-0.0769],['midOnDivision',1.0194,-0.0495,0.0143]]],
  ['lowComb',0.42084,['fullOnBeats',2.89483,['fullOn16ths',1.06821,-0.1095,-0.0425],0.0405],['backbeat',-0.020363,['harmonyWithin',-1.02775,-0.0848,0.0999],['backbeat',0.00564508,-0.0176,0.0222]]],
  ['highComb',0.517346,['midComb',0.610126,-0.0908,-0.026],['harmonyWithin',-1.32742,['backbeatHalf',0.00786202,0.0138,-0.1517],['highRate',1.51553,0.0274,-0.0124]]],
  ['highComb',0.906882,['lowOnBeats',2.91346,['backbeat',-0.00735398,0.0177,-0.0565],['midBeat',0.160107,-0.0778,0.0684]],['chordRate',-2.17995,['midBeat',0.160107,0.1825,0.0203],['highComb',1.6193,0.0079,-0.0701]]],
  ['highComb',0.517346,['midComb',0.610126,-0.0888,-0.0248],['fullOn16ths',0.722881,['fullOnBeats',2.8035,-0.0591,0.0215],['fullOnBeats',2.951,0.0393,-0.043]]],
  ['lowEighth',0.546356,['triple',-0.0774469,['highBeat',0.755334,0.0243,-0.0884],['triple',0.208948,-0.0282,0.0413]],['backbeat',0.0000450595,-0.1205,['backbeatHalf',0.000514112,-0.0671,0.0565]]],
  ['highComb',0.906882,['highOnBeats',3.23104,['lowComb',1.18075,-0.0404,0.0683],['lowOnDivision',1.06462,-0.0791,0.136]],['midRate',1.97377,['fullOn16ths',0.675429,-0.0048,0.0659],['highEighth',0.0597513,0.0631,-0.0331]]],
  ['lowComb',0.42084,['fullOnBeats',2.89483,['fullOn16ths',1.06821,-0.1064,-0.0356],0.0408],['lowOn16ths',2.04661,['highOn16ths',0.604806,-0.0116,0.021],['highOn16ths',2.10958,-0.1121,-0.0223]]],
  ['chordRate',-2.87681,['highHitHalves',0.691267,['midComb',1.18867,-0.0919,0.0167],0.0542],['highRate',1.51553,['highSixteenth',0.0421001,-0.0034,0.0637],['midBeat',0.253402,-0.0712,0.0028]]],
  ['fullOnBeats',2.32812,['lowBeat',0.220473,['midEighth',0.137473,-0.0105,-0.1005],['harmonyWithin',-0.389264,0.0815,-0.0361]],['lowEighth',0.546356,['midOnDivision',1.0194,-0.0279,0.0161],['backbeatHalf',0.000906918,-0.1024,-0.0065]]],
  ['lowOnBeats',3.37958,['lowComb',1.29867,['lowOn16ths',1.70415,0.0011,-0.0784],['fullOnDivision',2.81464,0.0531,-0.0874]],['comb',1.46847,['highHitHalves',0.0827626,-0.1253,0.0509],['fullOn16ths',0.773405,-0.0649,-0.2096]]],
  ['harmonyWithin',-1.32742,['backbeatHalf',0.00786202,['midOnBeats',2.39869,0.0861,-0.0126],['comb',1.22131,-0.0633,-0.1918]],['midBeat',0.636886,['highOnBeats',2.62027,-0.02,0.0225],['highOn16ths',0.975581,0.0113,-0.1211]]],
  ['comb',0.500573,-0.0812,['harmonyWithin',-1.32742,['backbeatHalf',0.00786202,0.0183,-0.1327],['midBeat',0.636886,0.0105,-0.0437]]],
  ['highComb',0.517346,['lowOn16ths',0.64511,-0.0149,-0.0815],['lowOnBeats',3.37958,['fullOn16ths',0.722881,-0.0099,0.0214],['comb',1.46847,0.0043,-0.1344]]],
  ['fullOnBeats',2.32812,['lowBeat',0.220473,['lowOnDivision',1.1535,-0.0103,-0.1004],['lowOn16ths',1.21999,-0.0364,0.0827]],['lowEighth',0.546356,['triple',-0.0774469,0.0204,-0.0088],['backbeat',0.0000450595,-0.1095,-0.0223]]],
  ['triple',0.271135,['triple',-0.0774469,['highBeat',0.233016,0.0852,0.0007],['backbeatHalf',-0.0106413,0.0719,-0.029]],['highOnBeats',2.81966,['highOnDivision',2.16375,0.0529,-0.0765],['highOnDivision',2.78452,0.1346,-0.0046]]],
  ['highComb',0.906882,['comb',1.29162,['backbeat',-0.00735398,0.0205,-0.0416],['lowOnBeats',2.72086,-0.0192,0.1255]],['chordRate',-2.17995,['highOn16ths',0.824448,0.0075,0.1121],['backbeat',0.0105146,-0.0223,0.0356]]],
  ['chordRate',-2.87681,['midComb',0.983886,['midRate',1.50489,-0.0987,-0.0146],['highOnBeats',2.81966,0.0576,-0.0485]],['chordRate',-2.17995,['midBeat',0.160107,0.0973,0.006],['midBeat',0.223674,-0.0679,0.0043]]],
  ['triple',0.208948,['triple',-0.0387159,['highBeat',0.755334,0.0126,-0.0895],['backbeatHalf',-0.0106413,0.0645,-0.0314]],['highOnBeats',2.81966,['fullOnDivision',1.93828,0.0695,-0.0613],['highOnDivision',2.78452,0.1175,-0.009]]],
  ['lowComb',0.42084,['fullOnBeats',2.89483,['fullOn16ths',1.06821,-0.1041,-0.0248],0.0378],['backbeat',-0.020363,['harmonyWithin',-1.02775,-0.0746,0.0758],['midRate',0.427757,0.0949,-0.0042]]],
  ['fullOnBeats',2.25289,['lowOn16ths',1.21999,['midBeat',0.253402,-0.1022,-0.0196],['lowBeat',0.251717,-0.0373,0.1033]],['fullOn16ths',0.722881,['fullOnBeats',2.8035,-0.0481,0.0153],['fullOnBeats',2.951,0.0428,-0.0345]]],
  ['highComb',0.517346,['midComb',0.610126,-0.083,-0.0184],['highEighth',0.591717,['harmonyWithin',-1.32742,-0.0455,0.008],['highOnBeats',3.23104,-0.0154,-0.1242]]],
  ['subdivision',0.0144465,['midOn16ths',1.23048,['fullOnBeats',2.72468,-0.0242,0.0106],['midBeat',0.590308,0.0616,-0.0959]],['midOn16ths',1.23048,['backbeatHalf',0.000906918,-0.0419,0.0552],-0.1076]],
  ['triple',0.208948,['triple',-0.0387159,['midRate',1.97377,0.0258,-0.0217],['fullOn16ths',1.50933,-0.0149,-0.1164]],['highOnBeats',2.81966,['harmonyWithin',-0.332335,0.0595,-0.0613],['highOnDivision',2.78452,0.1087,-0.0092]]],
  ['lowOnBeats',3.37958,['lowComb',1.29867,['triple',0.271135,-0.0082,0.0572],['highOnBeats',3.3349,0.0487,-0.0887]],['comb',1.46847,['highHitHalves',0.0827626,-0.106,0.0384],['fullOn16ths',0.773405,-0.0446,-0.1622]]],
  ['highComb',0.906882,['highOnBeats',3.23104,['lowComb',1.18075,-0.0345,0.0566],['lowOnDivision',1.06462,-0.0708,0.1095]],['fullOnDivision',2.81464,['midRate',1.97377,0.0259,-0.0086],['backbeat',0.00751811,-0.0898,0.0294]]],
  ['comb',0.500573,-0.0748,['highEighth',0.591717,['fullOnBeats',2.32812,-0.0308,0.0081],['highOnBeats',3.23104,-0.0124,-0.1197]]],
  ['lowOnBeats',3.37958,['lowComb',1.29867,['highOnDivision',0.804521,-0.0574,0.0026],['highBeat',0.641536,0.0578,-0.0295]],['comb',1.46847,['highHitHalves',0.0827626,-0.0977,0.0339],['highSixteenth',0.0501774,-0.036,-0.148]]],
  ['lowComb',0.42084,['fullOnBeats',2.89483,['fullOn16ths',1.06821,-0.1004,-0.0222],0.0347],['highOn16ths',0.604806,['fullOnBeats',2.72468,-0.0522,0.0098],['midBeat',0.590308,0.0255,-0.0624]]],
  ['backbeat',0.00564508,['fullOnDivision',2.19775,['lowComb',1.44245,-0.0011,0.0662],['harmonyWithin',-0.389264,0.0178,-0.051]],['highHitBeats',0.903002,['highRate',1.10252,0.026,-0.0554],['backbeatHalf',0.0319545,0.0574,-0.1033]]],
  ['harmonyWithin',-1.32742,['backbeatHalf',0.00786202,['midEighth',0.137473,-0.0208,0.0837],['midComb',0.983886,-0.0459,-0.1444]],['backbeatHalf',0.00432024,['midBeat',0.135615,-0.0639,-0.0008],['highOnDivision',1.27618,-0.0228,0.0402]]],
  ['lowOnBeats',3.37958,['lowOnBeats',2.98127,['fullOn16ths',0.933872,-0.0184,0.0224],['fullOnDivision',0.795671,-0.0409,0.0499]],['highComb',1.6193,['harmonyWithin',0.370273,-0.0399,0.0987],-0.1269]],
  ['lowOn16ths',2.04661,['midOn16ths',0.971612,['midOnBeats',2.5879,-0.0359,0.0097],['fullOnDivision',1.57674,-0.0099,0.0344]],['lowEighth',0.271536,-0.0936,-0.0263]],
  ['highEighth',0.591717,['fullOnBeats',2.44795,['fullOn16ths',1.06821,-0.0481,0.0203],['harmonyWithin',-1.32742,-0.0441,0.0115]],['highOnBeats',3.23104,['lowRate',1.8619,0.043,-0.0667],-0.1184]],
  ['highComb',0.517346,['midComb',0.610126,-0.0789,-0.0168],['lowOnBeats',3.37958,['subdivision',0.0144465,0.0076,-0.0559],['highComb',1.6193,-0.0133,-0.1186]]],
  ['highEighth',0.591717,['highComb',0.906882,['fullOnBeats',3.15658,-0.0245,0.0361],['subdivision',0.0144465,0.0124,-0.0629]],['highOnBeats',3.23104,['midSixteenth',0.097678,0.0375,-0.0669],-0.1136]],
  ['backbeat',-0.020363,['harmonyWithin',-1.02775,['highHitHalves',0.220684,0.0167,-0.1097],['highRate',1.20596,0.0963,-0.0009]],['backbeat',0.00564508,['harmonyWithin',-0.450813,0.0126,-0.0271],['highHitBeats',0.903002,-0.0209,0.0407]]],
  ['lowOn16ths',2.04661,['lowComb',0.42084,['fullOnBeats',2.89483,-0.0805,0.0318],['highOn16ths',0.475709,-0.0109,0.0136]],['highEighth',0.342,-0.0918,-0.0268]],
  ['lowOnBeats',3.37958,['highComb',0.517346,['midOnBeats',2.34961,-0.0319,-0.0881],['fullOn16ths',0.722881,-0.0066,0.0157]],['comb',1.46847,['harmonyWithin',0.126405,-0.0355,0.0701],['fullOn16ths',0.773405,-0.0277,-0.1332]]],
  ['highEighth',0.591717,['lowEighth',0.546356,['highComb',0.906882,-0.0138,0.011],['highEighth',0.3942,-0.0942,-0.0155]],['highOnBeats',3.14958,['highRate',1.59775,0.0375,-0.0579],-0.1]],
  ['lowOn16ths',2.04661,['fullOnBeats',2.25289,['lowOn16ths',1.21999,-0.0598,0.0266],['midSixteenth',0.206409,-0.0008,0.0431]],['highOnDivision',2.24161,-0.0893,-0.0265]],
  ['highRate',1.51553,['highEighth',0.0597513,['lowComb',1.29867,-0.0447,0.05],['midBeat',0.160107,0.1114,0.0125]],['midBeat',0.253402,['midOnDivision',1.11034,0.0003,-0.0838],['highComb',1.40006,0.0177,-0.05]]],
  ['triple',0.208948,['lowRate',1.37706,['highEighth',0.0357389,-0.0385,0.029],['lowEighth',0.114265,-0.0553,0.0005]],['highOnBeats',2.81966,['fullOnDivision',2.11909,0.0365,-0.0655],['highOnDivision',2.78452,0.0951,-0.0082]]],
  ['lowComb',0.343719,['backbeat',0.000799133,-0.0925,-0.0213],['backbeat',-0.020363,['harmonyWithin',-1.02775,-0.059,0.0555],['midRate',0.427757,0.0722,-0.0041]]],
  ['triple',0.271135,['highOn16ths',0.475709,['midOnDivision',1.35567,0.0138,-0.0398],['highRate',1.10252,0.0509,-0.0036]],['highOnBeats',2.81966,['harmonyWithin',-0.389264,0.0546,-0.0574],['lowOnBeats',3.18701,0.09,-0.0233]]],
  ['chordRate',-2.87681,['midOn16ths',0.55499,0.0456,['harmonyWithin',-0.109815,-0.0979,0.0201]],['harmonyWithin',-1.32742,['midOnBeats',2.48833,0.0531,-0.0818],['highRate',1.10252,0.0266,-0.0041]]],
  ['lowComb',0.42084,['fullOnBeats',2.89483,['backbeat',0.00245405,-0.1002,-0.0226],0.0258],['highOn16ths',0.604806,['fullOnBeats',2.72468,-0.0448,0.0079],['highRate',1.01595,0.0878,0.0044]]],
  ['highOnDivision',1.16613,['highComb',1.50059,['midBeat',0.55495,-0.0511,0.0974],['midEighth',0.26954,0.0857,-0.0688]],['chordRate',-2.17995,['midBeat',0.190377,0.0807,0.0143],['midBeat',0.223674,-0.0719,0.0045]]],
  ['fullOnBeats',2.25289,['lowBeat',0.220473,['harmonyWithin',-0.109815,-0.0931,0.0026],['lowRate',1.8619,-0.0529,0.0429]],['midOn16ths',0.89446,['midOnBeats',2.5879,-0.0391,0.0082],['lowRate',1.37706,0.0711,0.0026]]],
  ['lowComb',0.343719,-0.0654,['subdivision',0.0144465,['backbeatHalf',0.0319545,0.0057,-0.0414],['midOn16ths',1.23048,0.0087,-0.0961]]],
  ['fullOnBeats',2.25289,['lowBeat',0.220473,['harmonyWithin',-0.109815,-0.0897,0.0014],['midEighth',0.26954,0.0346,-0.0604]],['midSixteenth',0.150686,['fullOnBeats',2.76534,-0.0309,0.0081],['fullOnBeats',2.951,0.0359,-0.0442]]],
  ['highEighth',0.591717,['highComb',1.0255,['fullOnBeats',3.15658,-0.0225,0.0515],['highOnBeats',3.14958,0.0228,-0.0173]],['lowRate',1.66592,0.0107,['midBeat',0.636886,-0.0967,-0.0284]]],
  ['highComb',0.517346,['midComb',0.610126,-0.0717,-0.0122],['harmonyWithin',-1.32742,['triple',0.00582052,-0.0657,0.0652],['lowHitHalves',0.309307,0.0302,-0.0011]]],
  ['lowOn16ths',2.04661,['fullOn16ths',0.933872,['fullOnBeats',2.76534,-0.0299,0.0104],['highComb',1.50059,0.0305,-0.0553]],-0.0625],
  ['lowOnBeats',3.37958,['lowOnBeats',2.98127,['highComb',1.0255,-0.0226,0.0104],['fullOnDivision',0.795671,-0.0431,0.0464]],['highOnBeats',3.46958,['highOnBeats',3.14958,0.0094,-0.0952],['harmonyAcross',0.31449,-0.0341,0.0651]]],
  ['fullOnDivision',2.81464,['midOnDivision',2.248,['lowOn16ths',1.70415,0.0009,-0.0654],['lowOnBeats',2.60455,-0.0269,0.0561]],['backbeat',0.00751811,['midRate',2.28053,-0.1018,0.0036],['harmonyWithin',0.262257,-0.0148,0.081]]],
  ['highEighth',0.591717,['lowEighth',0.546356,['lowComb',1.29867,-0.0012,0.0275],['harmonyWithin',0.126405,-0.0197,-0.0818]],['highOnBeats',3.14958,['midSixteenth',0.097678,0.044,-0.0544],-0.0907]],
  ['fullOnBeats',2.18113,['lowOn16ths',1.21999,['midComb',0.743859,-0.0946,-0.002],['lowBeat',0.251717,-0.0396,0.0934]],['subdivision',0.0144465,['midSixteenth',0.150686,-0.004,0.0254],['highComb',1.08316,-0.0001,-0.0976]]],
  ['backbeat',0.0642804,['highOnDivision',1.16613,['highComb',1.50059,-0.043,0.0377],['chordRate',-2.17995,0.0308,-0.0068]],['lowOn16ths',0.913601,['lowComb',0.776872,-0.0707,0.0418],0.1301]],
  ['backbeat',-0.020363,['harmonyWithin',-1.02775,['midComb',0.87376,-0.007,-0.0838],['lowComb',0.691524,-0.0003,0.0796]],['backbeat',0.0000450595,['highOnDivision',1.01184,-0.074,-0.0098],['lowHitBeats',0.9558,-0.0069,0.0446]]],
  ['fullOnBeats',2.25289,['midBeat',0.253402,['highHitHalves',0.520621,0.0126,-0.0924],['midEighth',0.26954,0.0406,-0.0678]],['highRate',1.68046,['midOn16ths',0.971612,-0.003,0.0423],['highEighth',0.0597513,0.0447,-0.0193]]],
  ['backbeatHalf',-0.0106413,['highEighth',0.342,['lowSixteenth',0.127034,0.0071,0.1065],-0.0739],['backbeatHalf',-0.00713932,['lowRate',1.8619,0.0063,-0.085],['lowOnBeats',2.07985,-0.0283,0.0055]]],
  ['highComb',0.517346,['midComb',0.610126,-0.0691,-0.0098],['lowOnBeats',3.37958,['fullOn16ths',0.933872,-0.0031,0.0179],['harmonyWithin',0.262257,-0.0477,0.032]]],
  ['highOnBeats',2.62027,['highSixteenth',0.0908744,['harmonyWithin',-0.450813,0.0176,-0.0796],['lowHitHalves',0.908392,0.0179,-0.0832]],['highOnDivision',1.49052,['backbeat',0.0642804,-0.0275,0.0718],['highBeat',0.755334,0.0203,-0.063]]],
  ['midEighth',0.472781,['midEighth',0.347928,['lowOn16ths',1.70415,0.0004,-0.0667],['harmonyAcross',0.267074,-0.022,0.0607]],['backbeatHalf',0.000906918,['fullOnDivision',2.61712,-0.0101,-0.089],['midSixteenth',0.0579195,0.0722,-0.0219]]],
  ['lowComb',0.42084,['lowOnDivision',1.1535,['highOnDivision',1.27618,-0.0484,0.074],-0.0823],['backbeat',-0.020363,['harmonyWithin',-1.02775,-0.0487,0.0486],['midRate',0.427757,0.0625,-0.0033]]],
  ['highBeat',0.356796,['highRate',1.10252,['highEighth',0.0460313,-0.0314,0.0473],['highOn16ths',0.824448,-0.0763,-0.0091]],['backbeat',0.00245405,['harmonyWithin',-0.450813,0.0167,-0.0252],['backbeatHalf',0.0319545,0.0288,-0.0778]]],
  ['triple',0.271135,['highComb',0.906882,['highEighth',0.0357389,-0.0776,-0.0072],['highOnBeats',3.14958,0.0127,-0.0169]],['highOnBeats',2.81966,['highOnDivision',2.16375,0.0415,-0.0598],['lowOnBeats',3.18701,0.0775,-0.0239]]],
  ['fullOnBeats',2.18113,['lowOn16ths',1.21999,['midComb',0.743859,-0.0904,-0.002],['lowBeat',0.251717,-0.0378,0.0793]],['subdivision',0.0144465,['midSixteenth',0.206409,-0.0008,0.0346],['comb',1.14783,0.0039,-0.0895]]],
  ['backbeatHalf',-0.0106413,['lowSixteenth',0.127034,['lowOnBeats',2.91346,-0.0641,0.025],['lowBeat',0.220473,0.0285,0.1025]],['midComb',0.87376,['highOnBeats',3.23104,-0.0261,0.0342],['highBeat',0.641536,0.0149,-0.0262]]],
  ['highRate',1.51553,['highSixteenth',0.0421001,['highComb',1.50059,-0.017,0.0347],['midRate',2.17945,0.0454,-0.0505]],['midBeat',0.223674,['midOnDivision',1.11034,0.0059,-0.0979],['midOnDivision',1.0194,-0.0826,0.0064]]],
  ['triple',0.271135,['lowRate',1.37706,['highEighth',0.0357389,-0.034,0.0243],['lowBeat',0.189644,-0.047,0.0031]],['fullOnBeats',2.72468,['fullOnDivision',2.19775,0.0467,-0.0787],['fullOnDivision',2.61712,0.0937,-0.0028]]],
  ['fullOnDivision',2.81464,['midOnDivision',2.248,['highRate',1.10252,0.0145,-0.0145],['lowOnBeats',2.60455,-0.0215,0.0497]],['backbeat',0.0105146,['midRate',2.28053,-0.0893,0.0033],0.0443]],
  ['chordRate',-2.87681,['lowComb',0.621975,0.0352,['harmonyWithin',-0.152559,-0.0842,-0.0075]],['midRate',1.50489,['midBeat',0.27957,0.0594,-0.0083],['midBeat',0.253402,-0.045,0.0058]]],
  ['lowComb',0.343719,-0.0573,['midSixteenth',0.335707,['backbeat',0.0642804,0.0001,0.0388],-0.0544]],
  ['midComb',0.87376,['highOnBeats',3.07763,['midEighth',0.26954,-0.0105,-0.0718],['lowComb',0.58525,0.0891,-0.0146]],['highBeat',0.641536,['midOn16ths',1.04572,0.0015,0.0495],['highRate',1.10252,0.0348,-0.0517]]],
  ['lowComb',0.42084,['lowOnDivision',1.1535,['highOnDivision',1.27618,-0.0474,0.0611],-0.0778],['backbeat',0.0642804,['highOnDivision',1.16613,-0.022,0.005],['highComb',1.0255,-0.0441,0.0699]]],
  ['lowOn16ths',2.04661,['highBeat',0.356796,['highRate',1.10252,0.0156,-0.0289],['backbeat',0.00245405,-0.0091,0.0215]],-0.0555],
  ['fullOnBeats',2.18113,['lowOn16ths',1.21999,['midComb',0.743859,-0.0875,-0.0029],['lowBeat',0.251717,-0.0327,0.069]],['fullOn16ths',0.722881,['midBeat',0.483153,-0.0217,0.0216],['midBeat',0.517525,0.0252,-0.0305]]],
  ['comb',0.500573,-0.0556,['comb',0.594564,['lowOnDivision',1.22718,0.1008,-0.0121],['highComb',0.607463,-0.0566,0.0013]]],
  ['highEighth',0.591717,['highOnBeats',2.62027,['highSixteenth',0.0908744,-0.0494,0.0106],['highOnDivision',1.49052,-0.0151,0.0166]],['lowRate',1.66592,0.0137,-0.0662]],
  ['highRate',1.51553,['highOn16ths',0.677586,['highComb',1.50059,-0.0139,0.0341],['backbeatHalf',0.00432024,0.0044,0.085]],['midBeat',0.223674,['midOnDivision',1.11034,0.0058,-0.0915],['midBeat',0.636886,0.0065,-0.0594]]],
  ['midEighth',0.472781,['midEighth',0.347928,['lowOn16ths',1.70415,0.0005,-0.0632],['harmonyAcross',0.283059,-0.0176,0.0569]],['backbeatHalf',0.000906918,['fullOnDivision',2.61712,-0.0108,-0.0829],['lowEighth',0.211013,-0.041,0.0457]]],
  ['backbeat',-0.020363,['lowBeat',0.164049,['highOn16ths',0.824448,-0.0512,0.0431],['backbeat',-0.0536362,-0.0232,0.0892]],['midHitHalves',0.139388,['highOnBeats',3.01993,-0.0281,0.0741],['highOnDivision',1.01184,-0.0425,-0.0001]]],
  ['backbeatHalf',0.0319545,['midBeat',0.113336,['midRate',1.00894,0.0441,-0.0795],['backbeat',0.0105146,-0.0037,0.0259]],['highOnDivision',1.27618,['triple',-0.0187463,-0.1352,-0.0292],['harmonyWithin',-0.389264,-0.0381,0.1091]]],
  ['lowRate',2.16374,['highOnBeats',3.14958,['fullOn16ths',0.993517,0.0023,0.058],['midHitHalves',0.139388,0.0513,-0.043]],['highEighth',0.0150501,0.0836,['lowComb',0.776872,0.0109,-0.0553]]],
];

export interface MetreTuning {
  weights: Record<Feature, number>;
  /** Boosted trees added to the linear score (their sum). */
  trees: readonly MetreTree[];
  /** Softmax temperature turning scores into the levels' weights (shares of the evidence). */
  temperature: number;
  /** The ratios to the comb's winner weighed against it (RELATIVES unless told). */
  relatives?: readonly number[];
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

// ×3⁄4 and ×4⁄3 (a beat read at its dotted eighth) were judged in the twenty-fourth session, weighed by
// the committed model and by a refit that weighs them (bench/judge-levels.ts, bench/fit-metre.ts): not
// kept, neither moved the rehearsal room's tuning half up.
export const RELATIVES: readonly number[] = [2, 0.5, 3, 1 / 3, 1.5, 2 / 3];

/** The comb's winner (its local best) and its relatives within the search range: the levels weighed. */
export function levelCandidates(
  best: LevelCandidate,
  localBest: (bpm: number) => LevelCandidate | null,
  relatives: readonly number[] = RELATIVES,
): LevelCandidate[] {
  const home = localBest(best.bpm) ?? best;
  const out = [home];
  for (const ratio of relatives) {
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
  const levels = levelCandidates(best, localBest, t.relatives).map((c) => ({
    c,
    total: levelScore(c, e, t),
  }));
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

// Tempo: onset strength (spectral flux of a log-magnitude spectrogram), its autocorrelation,
// a comb over metrical multiples with a prior over musical tempi to choose the beat level,
// then a fine search over long lags for a precise BPM.
import FFT from 'fft.js';
import { acfAt, acfPeakNear, autocorrelation } from './acf.ts';
import {
  chooseLevel,
  DEFAULT_METRE_TUNING,
  KICK_BAND_MAX_HZ,
  kickLeak,
  type LevelCandidate,
  type LevelChoice,
  type MetreEvidence,
  type MetreTuning,
  SNARE_BAND_MIN_HZ,
} from './metre.ts';
import { chordChanges, harmonicNovelty, onsetPeaks } from './motion.ts';
import { hannWindow } from './signal.ts';

export { autocorrelation };

import { frameCount } from './spectrogram.ts';

export const ONSET_FFT_SIZE = 256;
export const ONSET_HOP = 128;

export interface OnsetEnvelope {
  /** Onset strength per frame, ≥ 0, local mean removed. */
  strength: Float32Array;
  /** The same flux of the bands centred below KICK_BAND_MAX_HZ (kick, bass), local mean removed. */
  kick: Float32Array;
  /** The same flux of the bands centred above SNARE_BAND_MIN_HZ (snare, clap, hats), local mean removed. */
  high: Float32Array;
  /** The same flux of the bands in between (chords, melody, the body of a snare), local mean removed. */
  mid: Float32Array;
  /** Frames per second. */
  frameRate: number;
  /**
   * log(1 + γ²·power) of the bands centred between HARMONY_MIN_HZ and HARMONY_MAX_HZ, frame-major
   * (`harmonyBands` values a frame): a coarse spectrum of chords and melody, for the harmonic
   * change per candidate beat (motion.ts).
   */
  harmony: Float32Array;
  harmonyBands: number;
}

export const ONSET_BANDS = 40;
const ONSET_MIN_HZ = 30;

/** Band index (0..ONSET_BANDS-1, log-spaced from 30 Hz to Nyquist) of each FFT bin, −1 below. */
export function onsetBandOfBin(fftSize: number, sampleRate: number): Int16Array {
  const bins = fftSize / 2 + 1;
  const map = new Int16Array(bins).fill(-1);
  const maxHz = sampleRate / 2;
  const ratio = Math.log(maxHz / ONSET_MIN_HZ);
  for (let k = 1; k < bins; k++) {
    const hz = (k * sampleRate) / fftSize;
    if (hz < ONSET_MIN_HZ) continue;
    map[k] = Math.min(ONSET_BANDS - 1, Math.floor((Math.log(hz / ONSET_MIN_HZ) / ratio) * ONSET_BANDS));
  }
  return map;
}

/** Centre frequency of onset band b (log-spaced from ONSET_MIN_HZ to Nyquist). */
function bandCentreHz(b: number, sampleRate: number): number {
  return ONSET_MIN_HZ * (sampleRate / 2 / ONSET_MIN_HZ) ** ((b + 0.5) / ONSET_BANDS);
}

/** The bands kept as a coarse spectrum of the harmony (chords, melody, bass's upper partials). */
export const HARMONY_MIN_HZ = 200;
export const HARMONY_MAX_HZ = 2000;

/** Index of the first band centred at or above HARMONY_MIN_HZ and the count up to HARMONY_MAX_HZ. */
function harmonyBandRange(sampleRate: number): [number, number] {
  let first = -1;
  let count = 0;
  for (let b = 0; b < ONSET_BANDS; b++) {
    const centreHz = bandCentreHz(b, sampleRate);
    if (centreHz < HARMONY_MIN_HZ || centreHz >= HARMONY_MAX_HZ) continue;
    if (first < 0) first = b;
    count++;
  }
  return [Math.max(0, first), count];
}

/** Which group each onset band belongs to by its centre frequency: −1 kick/bass, 1 high, 0 mid. */
function bandGroups(sampleRate: number): Int8Array {
  const groups = new Int8Array(ONSET_BANDS);
  for (let b = 0; b < ONSET_BANDS; b++) {
    const centreHz = bandCentreHz(b, sampleRate);
    groups[b] = centreHz < KICK_BAND_MAX_HZ ? -1 : centreHz >= SNARE_BAND_MIN_HZ ? 1 : 0;
  }
  return groups;
}

/**
 * Spectral flux: per frame, the sum over 40 log-spaced bands of the positive increase of
 * log(1 + γ²·band power). Bands (rather than bins) keep one loud partial from dominating and
 * cost 40 logarithms a frame; the log makes quiet instruments count; γ is relative to the
 * signal's RMS so the result does not depend on the level. A one-second moving mean is then
 * subtracted so the autocorrelation sees pulses rather than crescendos. The kick and high-band
 * parts are kept separately for the metrical-level choice (metre.ts).
 */
export function onsetEnvelope(samples: Float32Array, sampleRate: number, signalRms: number): OnsetEnvelope {
  const fftSize = ONSET_FFT_SIZE;
  const bins = fftSize / 2 + 1;
  const frames = frameCount(samples.length, fftSize, ONSET_HOP);
  const fft = new FFT(fftSize);
  const window = hannWindow(fftSize);
  const input = new Float64Array(fftSize);
  const spectrum = new Float64Array(2 * fftSize);
  const bandOf = onsetBandOfBin(fftSize, sampleRate);
  const bands = new Float64Array(ONSET_BANDS);
  const prevLog = new Float64Array(ONSET_BANDS);
  const gamma = signalRms > 0 ? 100 / (signalRms * fftSize) : 1;
  const gamma2 = gamma * gamma;
  const flux = new Float32Array(frames);
  const kickFlux = new Float32Array(frames);
  const highFlux = new Float32Array(frames);
  const midFlux = new Float32Array(frames);
  const groups = bandGroups(sampleRate);
  const [harmonyFirst, harmonyBands] = harmonyBandRange(sampleRate);
  const harmony = new Float32Array(frames * harmonyBands);
  for (let f = 0; f < frames; f++) {
    const start = f * ONSET_HOP;
    const avail = Math.min(fftSize, samples.length - start);
    for (let i = 0; i < avail; i++) input[i] = samples[start + i]! * window[i]!;
    for (let i = avail; i < fftSize; i++) input[i] = 0;
    fft.realTransform(spectrum, input);
    bands.fill(0);
    for (let k = 1; k < bins - 1; k++) {
      const band = bandOf[k]!;
      if (band < 0) continue;
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      bands[band] = bands[band]! + re * re + im * im;
    }
    let sum = 0;
    let kickSum = 0;
    let highSum = 0;
    let midSum = 0;
    for (let b = 0; b < ONSET_BANDS; b++) {
      // log(1 + γ²·power): the log of band power, with the same level normalisation.
      const l = Math.log1p(gamma2 * bands[b]!);
      const d = l - prevLog[b]!;
      if (f > 0 && d > 0) {
        sum += d;
        if (groups[b] === -1) kickSum += d;
        else if (groups[b] === 1) highSum += d;
        else midSum += d;
      }
      prevLog[b] = l;
      const h = b - harmonyFirst;
      if (h >= 0 && h < harmonyBands) harmony[f * harmonyBands + h] = l;
    }
    flux[f] = sum;
    kickFlux[f] = kickSum;
    highFlux[f] = highSum;
    midFlux[f] = midSum;
  }
  const frameRate = sampleRate / ONSET_HOP;
  const half = Math.max(1, Math.round(frameRate / 2));
  return {
    strength: subtractMovingMean(flux, half),
    kick: subtractMovingMean(kickFlux, half),
    high: subtractMovingMean(highFlux, half),
    mid: subtractMovingMean(midFlux, half),
    frameRate,
    harmony,
    harmonyBands,
  };
}

/** x minus its centred moving mean over ±half frames, half-wave rectified (new array). */
export function subtractMovingMean(x: Float32Array, half: number): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  let running = 0;
  let count = 0;
  for (let f = 0; f < Math.min(n, half); f++) {
    running += x[f]!;
    count++;
  }
  for (let f = 0; f < n; f++) {
    const add = f + half;
    if (add < n) {
      running += x[add]!;
      count++;
    }
    const drop = f - half - 1;
    if (drop >= 0) {
      running -= x[drop]!;
      count--;
    }
    const d = x[f]! - running / count;
    out[f] = Math.max(0, d);
  }
  return out;
}

/** Smallest peak onset strength that counts as a note or hit (see estimateTempo). */
export const MIN_ONSET_PEAK = 3;
export const MIN_BPM_SEARCH = 50;
export const MAX_BPM_SEARCH = 220;
/**
 * Prior over beat rates: log-normal, centred on 120 BPM with a standard deviation of one octave.
 * Not fitted to our renders: it is the distribution of tapped and annotated tempi in real music —
 * Moelants, "Preferred tempo reconsidered" (ICMPC 7, 2002: tempi of a large corpus of popular
 * and classical recordings cluster around 120–130 BPM, falling off log-symmetrically), the
 * resonance model of Moelants & McKinney (ICMPC 8, 2004; peak near 2 Hz), and the weighting of
 * Ellis, "Beat tracking by dynamic programming" (J. New Music Research 36(1), 2007: Gaussian on
 * log period around τ0 = 0.5 s); librosa's tempo() uses the same defaults (start_bpm 120,
 * std_bpm 1 octave).
 */
export const PRIOR_CENTER_BPM = 120;
export const PRIOR_WIDTH_OCTAVES = 1;

/** Weight of the half-period pulse that counts against a candidate beat (see beatSalience). */
export const HALF_PERIOD_PENALTY = 0.6;
/** Part of the beat pulse r(P) that a pulse halfway between beats may reach unpenalised. */
export const HALF_PULSE_ALLOWANCE = 0.75;

export interface TempoTuning {
  priorCenterBpm: number;
  priorWidthOctaves: number;
  halfPeriodPenalty: number;
  halfPulseAllowance: number;
  metre: MetreTuning;
}

export const DEFAULT_TEMPO_TUNING: TempoTuning = {
  priorCenterBpm: PRIOR_CENTER_BPM,
  priorWidthOctaves: PRIOR_WIDTH_OCTAVES,
  halfPeriodPenalty: HALF_PERIOD_PENALTY,
  halfPulseAllowance: HALF_PULSE_ALLOWANCE,
  metre: DEFAULT_METRE_TUNING,
};

export function tempoPrior(
  bpm: number,
  tuning: Pick<TempoTuning, 'priorCenterBpm' | 'priorWidthOctaves'> = DEFAULT_TEMPO_TUNING,
): number {
  const octaves = Math.log2(bpm / tuning.priorCenterBpm);
  return Math.exp(-0.5 * (octaves / tuning.priorWidthOctaves) ** 2);
}

/**
 * Beat-level salience: pulses at the period and its multiples up to a bar and more (what
 * repeats every beat also repeats every 2, 3, 4 beats), minus the evidence that the true beat
 * is twice as fast: a pulse halfway between beats, counted only where it is stronger than
 * `halfPulseAllowance` × the pulse at the period itself. Hi-hats and shakers on 8ths put a
 * pulse halfway between the beats of almost any groove; penalising all of it (0.6·r(P/2), the
 * old rule) read our own hip-hop, lo-fi, funk and world renders at double time and house at
 * 2/3. Only an in-between pulse about as strong as the beat says the beat is faster.
 * Measured (scratch sweep, 2026-11-25; engine renders 30 s / FluidSynth tuning / held-out):
 * old rule 10/16, 47/48, 23/24; allowance 0.75 → 14/16, 47/48, 23/24; allowance 1 → 14/16,
 * 46/48; a plain smaller penalty (0.15) → 14/16, 46/48; adding kick/bass-band (< 200 Hz)
 * salience made it worse (bar-long kick patterns favour half time).
 */
export function beatSalience(
  acf: Float64Array,
  periodFrames: number,
  halfPeriodPenalty = HALF_PERIOD_PENALTY,
  halfPulseAllowance = HALF_PULSE_ALLOWANCE,
): number {
  const tol = Math.max(1, periodFrames * 0.02);
  const beatPulse = acfPeakNear(acf, periodFrames, tol);
  let s = beatPulse;
  for (let k = 2; k <= 4; k++) s += acfPeakNear(acf, k * periodFrames, tol * k) / k ** 0.5;
  const halfPulse = acfPeakNear(acf, periodFrames / 2, tol / 2);
  return s - halfPeriodPenalty * Math.max(0, halfPulse - halfPulseAllowance * beatPulse);
}

export interface TempoAlternative {
  bpm: number;
  /** Share of the evidence for this reading among the metrical levels considered (0–1). */
  weight: number;
}

export interface TempoEstimate {
  bpm: number;
  confidence: number;
  /** Other metrical readings of the same pulse (×2, ×½, ×3⁄2, …), most plausible first. */
  alternatives: TempoAlternative[];
}

const NO_TEMPO: TempoEstimate = { bpm: 0, confidence: 0, alternatives: [] };

function relatedTempo(a: number, b: number): boolean {
  for (const ratio of [1, 2, 0.5, 3, 1 / 3, 1.5, 2 / 3, 4 / 3, 3 / 4])
    if (Math.abs(a / (b * ratio) - 1) < 0.04) return true;
  return false;
}

/**
 * What the metrical-level decision reads: the autocorrelation of the full-band onset strength
 * and of each layer (kick/bass, mid, high), and the kick and high envelopes for the backbeat.
 * Null when there is no onset at all.
 */
export function tempoEvidence(env: OnsetEnvelope): MetreEvidence | null {
  const { strength, frameRate } = env;
  let strongest = 0;
  for (let f = 0; f < strength.length; f++) if (strength[f]! > strongest) strongest = strength[f]!;
  // Flux is level-independent (see onsetEnvelope): sustained tones and drones stay below ~1,
  // a struck note or drum reaches 20–60. Without any onset there is no tempo to report.
  if (strongest < MIN_ONSET_PEAK) return null;
  const minPeriod = (60 / MAX_BPM_SEARCH) * frameRate;
  const maxPeriod = (60 / MIN_BPM_SEARCH) * frameRate;
  // Lags up to 4 slow beats for the comb, and at least 12 s so the refinement sees many periods.
  const maxLag = Math.min(strength.length - 1, Math.ceil(Math.max(maxPeriod * 4.2, 12 * frameRate)) + 2);
  if (maxLag < Math.ceil(minPeriod * 2)) return null;
  const acf = autocorrelation(strength, maxLag, new Float64Array(maxLag + 1));
  if (!(acf[0]! > 0)) return null;
  const layer = (x: Float32Array) => autocorrelation(x, maxLag, new Float64Array(maxLag + 1));
  const pitch = harmonicNovelty(env.harmony, env.harmonyBands);
  return {
    acf,
    layers: { low: layer(env.kick), mid: layer(env.mid), high: layer(env.high) },
    bands: env,
    onsets: { full: strength, low: env.kick, mid: env.mid, high: env.high },
    peaks: { low: onsetPeaks(env.kick), mid: onsetPeaks(env.mid), high: onsetPeaks(env.high) },
    harmony: { values: env.harmony, bands: env.harmonyBands },
    pitch,
    pitchPeaks: onsetPeaks(pitch),
    chordPeaks: chordChanges(env.harmony, env.harmonyBands),
    leak: kickLeak(env.kick, env.high),
    frameRate,
  };
}

/** Tempo from an onset envelope; bpm 0 and confidence 0 when there is no pulse at all. */
export function estimateTempo(env: OnsetEnvelope, tuning: TempoTuning = DEFAULT_TEMPO_TUNING): TempoEstimate {
  const evidence = tempoEvidence(env);
  return evidence ? decideTempo(evidence, tuning) : NO_TEMPO;
}

/** The comb scan: every beat rate from MIN_BPM_SEARCH to MAX_BPM_SEARCH in 0.5 % steps, scored. */
export function scanTempi(e: MetreEvidence, tuning: TempoTuning = DEFAULT_TEMPO_TUNING): LevelCandidate[] {
  const candidates: LevelCandidate[] = [];
  for (let bpm = MIN_BPM_SEARCH; bpm <= MAX_BPM_SEARCH; bpm *= 1.005) {
    const period = (60 / bpm) * e.frameRate;
    const score =
      beatSalience(e.acf, period, tuning.halfPeriodPenalty, tuning.halfPulseAllowance) *
      tempoPrior(bpm, tuning);
    candidates.push({ bpm, score });
  }
  return candidates;
}

export function decideTempo(
  e: MetreEvidence,
  tuning: TempoTuning = DEFAULT_TEMPO_TUNING,
  candidates: LevelCandidate[] = scanTempi(e, tuning),
): TempoEstimate {
  let coarseBest = candidates[0]!;
  for (const c of candidates) if (c.score > coarseBest.score) coarseBest = c;
  // Then the metrical level: the winner against its ×2, ×½, ×3, ×⅓ (and ×3⁄2, ×2⁄3) relatives.
  const levels: LevelChoice[] = chooseLevel(coarseBest, (bpm) => localBest(candidates, bpm), e, tuning.metre);
  const best = levels[0]!;
  const bpm = refineTempo(e.acf, best.bpm, e.frameRate);
  // Confidence: how clearly the chosen pulse beats the strongest unrelated one, how strong the
  // pulse is, and how much of the metrical-level evidence the chosen level holds.
  let rival = 0;
  for (const c of candidates) if (!relatedTempo(c.bpm, best.bpm) && c.score > rival) rival = c.score;
  const clarity = best.score > 0 ? Math.max(0, 1 - rival / best.score) : 0;
  const pulse = Math.min(1, Math.max(0, acfPeakNear(e.acf, (60 / bpm) * e.frameRate, 1)) / 0.5);
  const confidence = Math.max(0, Math.min(1, (0.5 * clarity + 0.5 * pulse) * Math.min(1, 2 * best.weight)));
  const alternatives = levels
    .slice(1)
    .filter((l) => l.weight >= 0.05)
    .slice(0, 2)
    .map((l) => ({
      bpm: Math.round(refineTempo(e.acf, l.bpm, e.frameRate) * 10) / 10,
      weight: round2(l.weight),
    }));
  return { bpm: Math.round(bpm * 10) / 10, confidence: round2(confidence), alternatives };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Best scanned candidate within ±1.5 % of `bpm`; null when `bpm` is outside the search range.
 * The relatives are looked up on the same 0.5 % grid as the winner, so that neither side of an
 * octave comparison gains from a finer search than the other.
 */
export function localBest(candidates: LevelCandidate[], bpm: number): LevelCandidate | null {
  if (bpm < MIN_BPM_SEARCH || bpm > MAX_BPM_SEARCH) return null;
  let best: LevelCandidate | null = null;
  for (const c of candidates) {
    if (Math.abs(c.bpm / bpm - 1) > 0.015) continue;
    if (!best || c.score > best.score) best = c;
  }
  return best;
}

/**
 * Precise BPM near `bpm` (±3 %): the period whose multiples up to the longest computed lag
 * best hit autocorrelation peaks. Long lags turn a one-frame resolution into ~0.1 BPM.
 */
export function refineTempo(acf: Float64Array, bpm: number, frameRate: number): number {
  let bestBpm = bpm;
  let bestScore = Number.NEGATIVE_INFINITY;
  const maxLag = acf.length - 2;
  for (let b = bpm * 0.97; b <= bpm * 1.03; b += 0.02) {
    const period = (60 / b) * frameRate;
    let s = 0;
    let n = 0;
    for (let k = 1; k * period <= maxLag; k++) {
      s += acfAt(acf, k * period);
      n++;
    }
    const score = n ? s / n : 0;
    if (score > bestScore) {
      bestScore = score;
      bestBpm = b;
    }
  }
  return bestBpm;
}

// Key: tuning estimate from spectral peaks, a tuning-aware chroma built from those peaks,
// and correlation of the whole-track chroma with 24 rotated key profiles, with the edges' bass as tonic
// evidence (and, when given the beats, the order of the chords on the beat grid: chord-moves.ts).
import type { Mode, Tonic } from '../types.ts';
import { beatChords, CHORD_MOVE_WEIGHT, type ChordMoveTables, chordMoveScores } from './chord-moves.ts';
import { CHORD_MOVE_TABLES } from './chord-moves-table.ts';
import { magnitudeSpectrogram } from './spectrogram.ts';

export const CHROMA_FFT_SIZE = 4096;
export const CHROMA_HOP = 4096;
const MIN_PITCH_HZ = 60;
// Peaks up to 3.5 kHz (twelfth session, fit:key: with 'none' harmonics and a profile learned from
// the chroma this builds, the upper octave's melody and voicings help; was 2 kHz).
const MAX_PITCH_HZ = 3500;
/** Peaks below this fraction of the frame's strongest peak are ignored (noise, reverb tails). */
const PEAK_FLOOR = 0.05;

export const TONIC_NAMES: readonly Tonic[] = [
  'C',
  'C#',
  'D',
  'D#',
  'E',
  'F',
  'F#',
  'G',
  'G#',
  'A',
  'A#',
  'B',
];

export interface SpectralPeak {
  frequencyHz: number;
  magnitude: number;
}

/**
 * Local maxima of one magnitude frame in [minPitchHz, maxPitchHz] (the analyser's MIN_PITCH_HZ,
 * MAX_PITCH_HZ unless told), with the frequency refined by parabolic interpolation of the log
 * magnitude. Appends to `out`.
 */
export function framePeaks(
  mags: Float32Array,
  base: number,
  bins: number,
  binHz: number,
  out: SpectralPeak[],
  maxPitchHz = MAX_PITCH_HZ,
  minPitchHz = MIN_PITCH_HZ,
): void {
  const lo = Math.max(2, Math.floor(minPitchHz / binHz));
  const hi = Math.min(bins - 2, Math.ceil(maxPitchHz / binHz));
  let frameMax = 0;
  for (let k = lo; k <= hi; k++) if (mags[base + k]! > frameMax) frameMax = mags[base + k]!;
  if (frameMax <= 0) return;
  const floor = frameMax * PEAK_FLOOR;
  for (let k = lo; k <= hi; k++) {
    const m = mags[base + k]!;
    if (m < floor || m <= mags[base + k - 1]! || m < mags[base + k + 1]!) continue;
    const a = Math.log(mags[base + k - 1]! + 1e-12);
    const b = Math.log(m + 1e-12);
    const c = Math.log(mags[base + k + 1]! + 1e-12);
    const denom = a - 2 * b + c;
    const offset = denom < 0 ? (0.5 * (a - c)) / denom : 0;
    out.push({ frequencyHz: (k + offset) * binHz, magnitude: m });
  }
}

/** Fractional MIDI pitch of a frequency relative to A4 = 440 Hz × 2^(tuningCents/1200). */
function midiPitch(frequencyHz: number, tuningCents: number): number {
  return 69 + 12 * Math.log2(frequencyHz / 440) - tuningCents / 100;
}

/** Tuning offset in cents (−50..50) from A440: magnitude-weighted circular mean of peak deviations. */
export function estimateTuningCents(peaks: SpectralPeak[]): number {
  let sx = 0;
  let sy = 0;
  for (const p of peaks) {
    const pitch = midiPitch(p.frequencyHz, 0);
    const angle = 2 * Math.PI * (pitch - Math.round(pitch));
    const w = Math.sqrt(p.magnitude);
    sx += w * Math.cos(angle);
    sy += w * Math.sin(angle);
  }
  if (sx === 0 && sy === 0) return 0;
  return (Math.atan2(sy, sx) / (2 * Math.PI)) * 100;
}

/** Odd harmonics (and the octave of the 3rd) that land on another pitch class than their fundamental. */
const PITCH_SHIFTING_HARMONICS = [3, 5, 6] as const;
/** Frequency tolerance for "this peak is a harmonic of that one" (±2 %, a third of a semitone). */
const HARMONIC_TOLERANCE = 0.02;
/** Vote weight left to a peak explained as a harmonic of a peak at least HARMONIC_PARENT_RATIO as strong. */
export const HARMONIC_VOTE = 0.25;
const HARMONIC_PARENT_RATIO = 0.5;

/** Index of the first peak at or above `hz` in peaks sorted by frequency. */
function lowerBound(peaks: SpectralPeak[], hz: number): number {
  let lo = 0;
  let hi = peaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (peaks[mid]!.frequencyHz < hz) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Vote weight of each peak of one frame (sorted by frequency): 1, or HARMONIC_VOTE when a
 * strong enough peak sits at 1⁄3, 1⁄5 or 1⁄6 of its frequency. The 3rd harmonic of every note
 * is its fifth and the 5th its major third; counted as notes, they tilt the chroma of a G-minor
 * track towards D minor (the dominant) — the commonest error of the key finder on our renders.
 */
export function harmonicWeights(peaks: SpectralPeak[], vote = HARMONIC_VOTE): Float64Array {
  const weights = new Float64Array(peaks.length).fill(1);
  for (let i = 0; i < peaks.length; i++) {
    const p = peaks[i]!;
    for (const h of PITCH_SHIFTING_HARMONICS) {
      const f0 = p.frequencyHz / h;
      for (let j = lowerBound(peaks, f0 * (1 - HARMONIC_TOLERANCE)); j < i; j++) {
        const q = peaks[j]!;
        if (q.frequencyHz > f0 * (1 + HARMONIC_TOLERANCE)) break;
        if (q.magnitude >= HARMONIC_PARENT_RATIO * p.magnitude) weights[i] = vote;
      }
      if (weights[i]! < 1) break;
    }
  }
  return weights;
}

/**
 * How the chroma is built (the choices `npm run fit:key` compares; DEFAULT_CHROMA is the analyser's).
 * - `harmonics`: 'suppress' — a peak explained as the 3rd, 5th or 6th harmonic of a strong
 *   enough peak votes with HARMONIC_VOTE (harmonicWeights); 'subharmonic' — every peak also votes
 *   for the fundamentals it could be the 2nd–4th harmonic of, with weight 0.6^(h−1) (the harmonic
 *   summation of Gómez 2006, "Tonal description of music audio signals": the 3rd harmonic's vote
 *   goes back to the fifth below); 'none' — every peak is a note.
 * - `magnitude`: a peak's vote, √magnitude or magnitude.
 * - `frameNorm`: 'sum' — each frame sums to 1 (loud passages do not dominate); 'max' — each frame's
 *   largest pitch class is 1 (essentia's HPCP 'unitMax'); 'none' — louder frames weigh more.
 * - `window`: a peak votes when within this many semitones of the tuned grid (SEMITONE_WINDOW
 *   unless told), with the same cosine taper.
 * - `harmonicVote`: under 'suppress', the vote left to a peak explained as a harmonic (HARMONIC_VOTE
 *   unless told; 1 would be 'none').
 */
export interface ChromaSettings {
  maxPitchHz: number;
  harmonics: 'suppress' | 'subharmonic' | 'none' | 'nnls';
  magnitude: 'sqrt' | 'linear';
  frameNorm: 'sum' | 'max' | 'none';
  window?: number;
  harmonicVote?: number;
}

export const DEFAULT_CHROMA: ChromaSettings = {
  maxPitchHz: MAX_PITCH_HZ,
  harmonics: 'none',
  magnitude: 'sqrt',
  frameNorm: 'none',
};

/**
 * 'nnls' (seventeenth session, fit:key --nnls): the frame's peaks as note activations. Each peak's
 * √magnitude goes into its semitone bin; every note from E1 up owns a harmonic template (partials
 * 1–NNLS_PARTIALS at their nearest semitone, amplitude NNLS_DECAY^(h−1), after Mauch & Dixon 2010,
 * "Approximate note transcription for the improved identification of difficult chords"), and the
 * non-negative activations that best rebuild the bins (least squares, Lee–Seung multiplicative
 * updates) vote for their pitch classes: a note's 3rd and 5th partials go back to it instead of
 * voting for its fifth and major third, whatever the instrument's partials weigh.
 */
const NNLS_PARTIALS = 6;
const NNLS_DECAY = 0.6;
const NNLS_ITERATIONS = 30;
const NNLS_LOW_NOTE = 28; // E1
const NNLS_BINS = 128; // MIDI notes 0–127
/** Per note: [bin, weight] of each partial (bins ≤ 127). */
const NNLS_TEMPLATES: [number, number][][] = Array.from({ length: NNLS_BINS }, (_, n) =>
  Array.from(
    { length: NNLS_PARTIALS },
    (_, k) => [n + Math.round(12 * Math.log2(k + 1)), NNLS_DECAY ** k] as [number, number],
  ).filter(([bin]) => bin < NNLS_BINS),
);

/** Note activations (index MIDI note) explaining `bins` (√magnitude per semitone) by NNLS_TEMPLATES. */
export function noteActivations(bins: Float64Array, lowNote = NNLS_LOW_NOTE): Float64Array {
  const a = new Float64Array(NNLS_BINS);
  const num = new Float64Array(NNLS_BINS);
  let top = -1;
  for (let b = 0; b < NNLS_BINS; b++) if (bins[b]! > 0) top = b;
  if (top < 0) return a;
  // Wᵀy (fixed) and the start: every note at its own bin's level.
  for (let n = lowNote; n <= top; n++) {
    let v = 0;
    for (const [bin, w] of NNLS_TEMPLATES[n]!) v += w * bins[bin]!;
    num[n] = v;
    a[n] = bins[n]!;
  }
  const model = new Float64Array(NNLS_BINS);
  for (let it = 0; it < NNLS_ITERATIONS; it++) {
    model.fill(0);
    for (let n = lowNote; n <= top; n++) {
      if (a[n] === 0) continue;
      for (const [bin, w] of NNLS_TEMPLATES[n]!) model[bin] = model[bin]! + w * a[n]!;
    }
    for (let n = lowNote; n <= top; n++) {
      if (a[n] === 0) continue;
      let den = 0;
      for (const [bin, w] of NNLS_TEMPLATES[n]!) den += w * model[bin]!;
      a[n] = den > 0 ? (a[n]! * num[n]!) / den : 0;
    }
  }
  return a;
}

/** Harmonic summation: harmonic number → (semitones below the peak, weight). */
const SUBHARMONICS = [1, 2, 3, 4].map((h) => ({ semitones: 12 * Math.log2(h), weight: 0.6 ** (h - 1) }));
/** The peak's own pitch only (every setting but 'subharmonic'). */
const FUNDAMENTAL_ONLY = SUBHARMONICS.slice(0, 1);

/** Peaks further than this from the tuned semitone grid (in semitones) do not vote. */
const SEMITONE_WINDOW = 0.35;

/** A vote's weight `dev` semitones off the grid: a cosine taper, 1 on it, 0 beyond `window`. */
function semitoneTaper(dev: number, window = SEMITONE_WINDOW): number {
  const d = Math.abs(dev);
  return d > window ? 0 : Math.cos((Math.PI / 2) * (d / 0.5));
}

/** A peak's vote before any harmonic weighting: √magnitude or magnitude, as ChromaSettings says. */
function peakVote(magnitude: number, settings: ChromaSettings): number {
  return settings.magnitude === 'sqrt' ? Math.sqrt(magnitude) : magnitude;
}

/**
 * One frame's chroma: its peaks vote for their pitch class (only when within SEMITONE_WINDOW of the
 * tuned grid, with a cosine taper) into `out` (cleared first). Returns the votes' sum.
 */
export function frameChroma(
  peaks: SpectralPeak[],
  tuningCents: number,
  settings: ChromaSettings,
  out: Float64Array,
): number {
  if (settings.harmonics === 'nnls') return noteChroma(peaks, tuningCents, settings, out);
  out.fill(0);
  let sum = 0;
  const sources = settings.harmonics === 'subharmonic' ? SUBHARMONICS : FUNDAMENTAL_ONLY;
  const harmonic = settings.harmonics === 'suppress' ? harmonicWeights(peaks, settings.harmonicVote) : null;
  for (let i = 0; i < peaks.length; i++) {
    const p = peaks[i]!;
    const strength = (harmonic ? harmonic[i]! : 1) * peakVote(p.magnitude, settings);
    const peakPitch = midiPitch(p.frequencyHz, tuningCents);
    for (const source of sources) {
      const pitch = peakPitch - source.semitones;
      const nearest = Math.round(pitch);
      const taper = semitoneTaper(pitch - nearest, settings.window);
      if (taper === 0) continue;
      const w = source.weight * strength * taper;
      const pc = ((nearest % 12) + 12) % 12;
      out[pc] = out[pc]! + w;
      sum += w;
    }
  }
  return sum;
}

/**
 * frameChroma's 'nnls' setting: the peaks' votes gathered per semitone (as frameChroma weighs them),
 * explained as notes (noteActivations), the notes' activations summed per pitch class into `out`.
 */
function noteChroma(
  peaks: SpectralPeak[],
  tuningCents: number,
  settings: ChromaSettings,
  out: Float64Array,
): number {
  out.fill(0);
  const bins = new Float64Array(NNLS_BINS);
  for (const p of peaks) {
    const pitch = midiPitch(p.frequencyHz, tuningCents);
    const nearest = Math.round(pitch);
    const taper = semitoneTaper(pitch - nearest, settings.window);
    if (taper === 0 || nearest < 0 || nearest >= NNLS_BINS) continue;
    bins[nearest] = bins[nearest]! + peakVote(p.magnitude, settings) * taper;
  }
  const notes = noteActivations(bins);
  let sum = 0;
  for (let n = 0; n < NNLS_BINS; n++) {
    if (notes[n]! <= 0) continue;
    out[n % 12] = out[n % 12]! + notes[n]!;
    sum += notes[n]!;
  }
  return sum;
}

/** Whole-track chroma: every frame's chroma (frameChroma), normalised as ChromaSettings says, summed. */
export function trackChroma(
  framesPeaks: SpectralPeak[][],
  tuningCents: number,
  settings: ChromaSettings = DEFAULT_CHROMA,
): Float64Array {
  const total = new Float64Array(12);
  const frame = new Float64Array(12);
  for (const peaks of framesPeaks) {
    const sum = frameChroma(peaks, tuningCents, settings, frame);
    if (sum <= 0) continue;
    const scale =
      settings.frameNorm === 'sum' ? 1 / sum : settings.frameNorm === 'max' ? 1 / Math.max(...frame) : 1;
    for (let i = 0; i < 12; i++) total[i] = total[i]! + frame[i]! * scale;
  }
  return total;
}

/** Bass notes: the lowest clear peak of a frame between these frequencies (E1–C4 fundamentals and 2nd harmonics). */
const BASS_MIN_HZ = MIN_PITCH_HZ;
const BASS_MAX_HZ = 260;
/** A peak counts as the bass note when at least this fraction of the strongest peak in the bass range. */
const BASS_PEAK_RATIO = 0.3;

/**
 * Bass chroma of the track's edges: per frame in the first `edgeFrames` and the last `endFrames`
 * (the same number unless told), the pitch class
 * of the lowest clear peak below BASS_MAX_HZ (the bass note, or the root of the lowest chord),
 * weighted by √magnitude, normalised to sum 1. Songs open and close on the tonic chord, which
 * the pitch-class distribution of an Aeolian loop does not show (i–VI–III–VII holds more C than
 * A: A minor read as C major). Measured on the corpus's tuning set: the edges' bass raised the
 * key score 0.886 → 0.941; the whole track's bass did not help (0.886 → 0.891 at best, worse
 * with any weight on top of the edges).
 */
export function edgeBassChroma(
  framesPeaks: SpectralPeak[][],
  tuningCents: number,
  edgeFrames: number,
  endFrames = edgeFrames,
): Float64Array {
  const edges = new Float64Array(12);
  const n = framesPeaks.length;
  framesPeaks.forEach((peaks, f) => {
    if (f >= edgeFrames && f < n - endFrames) return;
    const bass = frameBassNote(peaks, tuningCents);
    if (bass) edges[bass.pc] = edges[bass.pc]! + bass.weight;
  });
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += edges[i]!;
  if (sum > 0) for (let i = 0; i < 12; i++) edges[i] = edges[i]! / sum;
  return edges;
}

/**
 * A frame's bass note: the pitch class of its lowest clear peak below BASS_MAX_HZ (at least
 * BASS_PEAK_RATIO of the strongest peak there), weighted by √magnitude; null when the frame has none.
 */
export function frameBassNote(
  peaks: readonly SpectralPeak[],
  tuningCents: number,
): { pc: number; weight: number } | null {
  let strongest = 0;
  for (const p of peaks) if (p.frequencyHz <= BASS_MAX_HZ && p.magnitude > strongest) strongest = p.magnitude;
  if (strongest <= 0) return null;
  for (const p of peaks) {
    if (p.frequencyHz < BASS_MIN_HZ || p.frequencyHz > BASS_MAX_HZ) continue;
    if (p.magnitude < BASS_PEAK_RATIO * strongest) continue;
    const pitch = midiPitch(p.frequencyHz, tuningCents);
    // peaks are sorted by frequency: the first clear one is the bass
    return { pc: ((Math.round(pitch) % 12) + 12) % 12, weight: Math.sqrt(p.magnitude) };
  }
  return null;
}

export interface KeyProfile {
  major: readonly number[];
  minor: readonly number[];
}

/** Key profiles, index 0 = tonic. The analyser uses DEFAULT_KEY_PROFILE (chosen with npm run fit:key). */
export const KEY_PROFILES = {
  krumhansl: {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  // Krumhansl–Kessler adapted to popular music as in Sha'ath's KeyFinder (2011): the natural
  // minor's flat seventh weighs as much as the sixth, so Aeolian songs are not read as their
  // relative major or the dominant's minor. Best MIREX score on the FluidSynth set (0.93 vs
  // Krumhansl 0.83, Temperley 0.80; held-out set 0.94 / 0.80 / 0.75).
  popular: {
    major: [6.6, 2.0, 3.5, 2.3, 4.6, 4.0, 2.5, 5.2, 2.4, 3.7, 2.3, 3.4],
    minor: [6.5, 2.7, 3.5, 5.4, 2.6, 3.5, 2.5, 5.2, 4.0, 2.7, 4.3, 3.2],
  },
  // Temperley (2007), from the Kostka–Payne harmony textbook's excerpts.
  temperley: {
    major: [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4],
    minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33],
  },
  // Aarden (2003): note counts of the Essen folk-song collection.
  aarden: {
    major: [
      17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998,
      4.95122,
    ],
    minor: [
      18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619,
      1.75623,
    ],
  },
  // Bellman (2005) after Budge (1943): chord counts of 18th- and 19th-century music.
  bellman: {
    major: [16.8, 0.86, 12.95, 1.41, 13.49, 11.93, 1.25, 20.28, 1.8, 8.04, 0.62, 10.57],
    minor: [18.16, 0.69, 12.99, 13.34, 1.07, 11.15, 1.38, 21.07, 7.49, 1.53, 0.92, 10.21],
  },
  // Albrecht & Shanahan (2013): durations in a corpus of common-practice pieces.
  albrecht: {
    major: [0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.08, 0.008, 0.081],
    minor: [0.22, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052],
  },
  // Sapp (2011): scale degrees only (tonic and fifth 2, other scale notes 1).
  simple: {
    major: [2, 0, 1, 0, 1, 1, 0, 2, 0, 1, 0, 1],
    minor: [2, 0, 1, 1, 0, 1, 0, 2, 1, 0, 0.5, 0.5],
  },
  // Learned (twelfth session, `npm run fit:key -- --beatstore`): each tuning item's chroma (the
  // DEFAULT_CHROMA setting), normalised to sum 1, rotated to its labelled tonic and averaged per
  // mode over four composers' tuning halves (corpus, songbook, hymnal, beat store; 424 items),
  // scaled to a tonic of 1. It holds what the renders' harmonics add to each degree, which a
  // profile of note counts cannot. Kept under the rule in fit-key.ts: nested
  // leave-one-composer-out (setting and profile chosen without the scored composer) 0.954
  // against 0.940 for 'popular' at the old setting, no composer lower.
  learned: {
    major: [1, 0.128, 0.512, 0.12, 0.695, 0.454, 0.159, 0.957, 0.13, 0.524, 0.129, 0.489],
    minor: [1, 0.115, 0.517, 0.633, 0.214, 0.494, 0.149, 0.905, 0.385, 0.22, 0.522, 0.218],
  },
} as const satisfies Record<string, KeyProfile>;

export type KeyProfileName = keyof typeof KEY_PROFILES;
export const DEFAULT_KEY_PROFILE: KeyProfileName = 'learned';

/**
 * Pearson correlation of `x` rotated by `rotate` semitones (the key's tonic) with a profile `y`.
 * Both hold one or more blocks of 12 pitch classes (a chroma; a chord histogram, one block per
 * chord type), and each block of `x` is rotated within itself.
 */
export function profileCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, rotate: number): number {
  const n = y.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const pc = i % 12;
    const a = x[i - pc + ((pc + rotate) % 12)]! - mx;
    const b = y[i]! - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export interface KeyEstimate {
  tonic: Tonic;
  mode: Mode;
  confidence: number;
  tuningCents: number;
  /** Correlation with each of the 24 keys (index tonicPc * 2 + (minor ? 1 : 0)). */
  scores: Float64Array;
}

/**
 * Weight of the tonic evidence added to a key's profile correlation: its tonic's share of the
 * bass notes at the track's edges above the uniform 1⁄12 (edgeBassChroma). It decides mostly
 * between a key and its relative. 0.25 with the learned profile (fit:key, twelfth session; was
 * 0.5 with 'popular', chosen on the corpus's tuning set).
 */
export const EDGE_BASS_WEIGHT = 0.25;

/**
 * Best of the 24 keys for a chroma vector; confidence from the margin over the runner-up. With
 * `edgeGate`, only the keys whose profile correlation is within it of the best one take the edges'
 * bonus: the edges choose among the keys the pitch content allows (a relative, a mode, a fifth), and
 * cannot carry a key the notes do not support (a clip opening on its IV chord).
 */
export function keyFromChroma(
  chroma: Float64Array,
  profile: KeyProfile,
  tuningCents = 0,
  edgeBass?: Float64Array,
  edgeBassWeight = EDGE_BASS_WEIGHT,
  edgeGate = Number.POSITIVE_INFINITY,
): KeyEstimate {
  const scores = new Float64Array(24);
  let topProfile = Number.NEGATIVE_INFINITY;
  for (let pc = 0; pc < 12; pc++) {
    scores[pc * 2] = profileCorrelation(chroma, profile.major, pc);
    scores[pc * 2 + 1] = profileCorrelation(chroma, profile.minor, pc);
    topProfile = Math.max(topProfile, scores[pc * 2]!, scores[pc * 2 + 1]!);
  }
  if (edgeBass)
    for (let k = 0; k < 24; k++)
      if (scores[k]! >= topProfile - edgeGate)
        scores[k] = scores[k]! + edgeBassWeight * (edgeBass[k >> 1]! - 1 / 12);
  return keyFromScores(scores, tuningCents);
}

/** The key with the best of 24 scores (index tonicPc * 2 + minor); confidence from its margin. */
export function keyFromScores(scores: Float64Array, tuningCents = 0): KeyEstimate {
  let best = 0;
  for (let i = 1; i < 24; i++) if (scores[i]! > scores[best]!) best = i;
  let second = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 24; i++) if (i !== best && scores[i]! > second) second = scores[i]!;
  const top = scores[best]!;
  const margin = Math.max(0, top - second);
  const confidence = top > 0 ? Math.min(1, Math.sqrt(margin / 0.15)) * Math.min(1, top / 0.7) : 0;
  return {
    tonic: TONIC_NAMES[best >> 1]!,
    mode: best & 1 ? 'minor' : 'major',
    confidence: Math.round(confidence * 100) / 100,
    tuningCents,
    scores,
  };
}

/**
 * Temperature of the keys' shares: softmax(score / τ) over the 24 keys' scores. Calibrated with
 * `npm run fit:key -- --beatstore --calibrate` (fourteenth session, rule in fit-key.ts): the
 * labelled key's log-likelihood on four composers' tuning halves (424 items, each scored with a
 * profile learned without its composer) is highest at 0.05 (−87.0; 0.03: −98.4, 0.08: −110.5).
 * There the reading holds 0.92 of the share on average, 0.37 alternatives are offered per item,
 * and the label is the reading or an alternative on 416 of 424 (the reading alone: 407).
 */
export const KEY_SHARE_TEMPERATURE = 0.05;
/** An alternative key is offered when its share is at least this. */
export const KEY_ALTERNATIVE_MIN_SHARE = 0.05;

/** Each key's share of the evidence (index tonicPc * 2 + (minor ? 1 : 0)), summing to 1. */
export function keyShares(scores: ArrayLike<number>, temperature = KEY_SHARE_TEMPERATURE): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]!);
  const shares = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    shares[i] = Math.exp((scores[i]! - max) / temperature);
    sum += shares[i]!;
  }
  for (let i = 0; i < shares.length; i++) shares[i] = shares[i]! / sum;
  return shares;
}

export interface KeyAlternative {
  tonic: Tonic;
  mode: Mode;
  /** The key's share of the evidence, 0–1, two decimals. */
  weight: number;
}

/**
 * The keys after the reading (the best score) that the evidence does not rule out: at most two,
 * strongest first, each with a share ≥ KEY_ALTERNATIVE_MIN_SHARE. Typically the relative (the same
 * notes), the parallel or a fifth away. Empty when the reading is clear.
 */
export function keyAlternatives(
  scores: ArrayLike<number>,
  temperature = KEY_SHARE_TEMPERATURE,
): KeyAlternative[] {
  const shares = keyShares(scores, temperature);
  const order = Array.from(shares.keys()).sort((a, b) => shares[b]! - shares[a]! || a - b);
  return order
    .slice(1, 3)
    .filter((k) => shares[k]! >= KEY_ALTERNATIVE_MIN_SHARE)
    .map((k) => ({
      tonic: TONIC_NAMES[k >> 1]!,
      mode: k & 1 ? 'minor' : 'major',
      weight: Math.round(shares[k]! * 100) / 100,
    }));
}

/** Camelot wheel code: C major = 8B, A minor = 8A, F# minor = 11A. */
export function camelotCode(tonic: Tonic, mode: Mode): string {
  const pc = TONIC_NAMES.indexOf(tonic);
  const majorPc = mode === 'major' ? pc : (pc + 3) % 12;
  const n = (7 * majorPc + 8) % 12 || 12;
  return `${n}${mode === 'major' ? 'B' : 'A'}`;
}

/** How much of the start and the end counts as the track's edges for the tonic evidence. */
export const EDGE_SEC = 3;

/** Spectral peaks of every chroma frame of a mono signal (≈11 kHz), as framePeaks finds them. */
export function chromaPeaks(
  samples: Float32Array,
  sampleRate: number,
  maxPitchHz = MAX_PITCH_HZ,
  minPitchHz = MIN_PITCH_HZ,
): SpectralPeak[][] {
  const bins = CHROMA_FFT_SIZE / 2 + 1;
  const maxFrames = Math.max(1, 1 + Math.floor((samples.length - CHROMA_FFT_SIZE) / CHROMA_HOP));
  const mags = new Float32Array(maxFrames * bins);
  const { frames } = magnitudeSpectrogram(samples, CHROMA_FFT_SIZE, CHROMA_HOP, mags);
  const binHz = sampleRate / CHROMA_FFT_SIZE;
  const all: SpectralPeak[][] = [];
  for (let f = 0; f < frames; f++) {
    const peaks: SpectralPeak[] = [];
    framePeaks(mags, f * bins, bins, binHz, peaks, maxPitchHz, minPitchHz);
    all.push(peaks);
  }
  return all;
}

/** The chroma frame (of chromaPeaks at `sampleRate`) holding each beat time. */
export function beatChromaFrames(beatsSec: readonly number[], sampleRate: number): number[] {
  return beatsSec.map((sec) => Math.floor(sec * (sampleRate / CHROMA_HOP)));
}

/** Every chroma frame's chroma at `settings` (frameChroma, not normalised). */
export function frameChromas(
  framesPeaks: SpectralPeak[][],
  tuningCents: number,
  settings: ChromaSettings = DEFAULT_CHROMA,
): Float64Array[] {
  return framesPeaks.map((peaks) => {
    const v = new Float64Array(12);
    frameChroma(peaks, tuningCents, settings, v);
    return v;
  });
}

export interface EstimateKeyOptions {
  profile?: KeyProfile;
  /**
   * The beats of the track's tempo reading, in seconds (beatTimes in beats.ts). With them the order of
   * the chords on the beat grid joins the evidence (chord-moves.ts), weighted CHORD_MOVE_WEIGHT.
   * analyzeAudio passes none: the twenty-third session's rule (bench/fit-key.ts) did not keep it.
   */
  beatsSec?: readonly number[];
  /** The chord-move tables (the learned ones unless told). */
  chordMoves?: ChordMoveTables;
}

/** Tuning, chroma and key of a mono signal. */
export function estimateKey(
  samples: Float32Array,
  sampleRate: number,
  options: EstimateKeyOptions = {},
): KeyEstimate & { chroma: Float64Array } {
  const profile = options.profile ?? KEY_PROFILES[DEFAULT_KEY_PROFILE];
  const peaks = chromaPeaks(samples, sampleRate);
  const tuningCents = estimateTuningCents(peaks.flat());
  const chroma = trackChroma(peaks, tuningCents);
  const edgeFrames = Math.max(1, Math.round((EDGE_SEC * sampleRate) / CHROMA_HOP));
  const edgeBass = edgeBassChroma(peaks, tuningCents, edgeFrames);
  const estimate = keyFromChroma(chroma, profile, tuningCents, edgeBass);
  if (!options.beatsSec?.length) return { ...estimate, chroma };
  const chords = beatChords(frameChromas(peaks, tuningCents), beatChromaFrames(options.beatsSec, sampleRate));
  const moves = chordMoveScores(chords, options.chordMoves ?? CHORD_MOVE_TABLES);
  const scores = estimate.scores.map((x, k) => x + CHORD_MOVE_WEIGHT * moves[k]!);
  return { ...keyFromScores(scores, tuningCents), chroma };
}

// How the parts move against a candidate beat (metre.ts reads this for every candidate level):
// the note-onset rate of the bass, harmony/melody and hat layers in candidate beats, how often
// their notes land on the beats and halfway between them, and how much the harmony changes from
// one beat to the next against within a beat.
//
// Why: drum for drum, a half-time groove with 8th hats is a backbeat at half the tempo with 16th
// hats; what tells them apart is the melody, bass and chords moving at the real tempo. At a
// half-time reading the bass and chords play two or more notes a beat, land halfway between the
// beats as often as on them, and the harmony changes within a beat as much as across beats.

/** Onset peaks: local maxima over ±PEAK_HALF_WIDTH frames (±35 ms) above PEAK_MEAN_FACTOR × the layer's mean. */
const PEAK_HALF_WIDTH = 3;
const PEAK_MEAN_FACTOR = 2;

/** Frames of the onset peaks of one layer (its notes and hits), in order. */
export function onsetPeaks(x: Float32Array): Int32Array {
  const n = x.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t]!;
  mean /= n || 1;
  const threshold = PEAK_MEAN_FACTOR * mean;
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    const v = x[t]!;
    if (!(v > threshold)) continue;
    let isMax = true;
    for (let d = -PEAK_HALF_WIDTH; d <= PEAK_HALF_WIDTH && isMax; d++) {
      if (d === 0) continue;
      const w = x[t + d];
      // Ties go to the earliest frame.
      if (w !== undefined && (w > v || (w === v && d < 0))) isMax = false;
    }
    if (isMax) out.push(t);
  }
  return Int32Array.from(out);
}

export interface PartMotion {
  /** log2 of the layer's onset peaks per candidate beat (over the beat track's span). */
  rate: number;
  /** Share of the beats with a peak within ±⅛ beat. */
  onBeats: number;
  /** Share of the points halfway between beats with a peak within ±⅛ beat. */
  onHalves: number;
}

/** Is there a peak within ±tol of frame (peaks sorted)? */
function peakNear(peaks: Int32Array, frame: number, tol: number): boolean {
  let lo = 0;
  let hi = peaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (peaks[mid]! < frame - tol) lo = mid + 1;
    else hi = mid;
  }
  return lo < peaks.length && peaks[lo]! <= frame + tol;
}

/** A layer's notes against a beat track (beat frames, ascending). */
export function partMotion(peaks: Int32Array, beats: number[]): PartMotion {
  if (beats.length < 3) return { rate: 0, onBeats: 0, onHalves: 0 };
  const first = beats[0]!;
  const last = beats[beats.length - 1]!;
  const period = (last - first) / (beats.length - 1);
  const tol = Math.max(1, period / 8);
  let count = 0;
  for (const p of peaks) if (p >= first - tol && p < last - tol) count++;
  let on = 0;
  let half = 0;
  for (let i = 0; i < beats.length; i++) {
    if (peakNear(peaks, beats[i]!, tol)) on++;
    if (i > 0 && peakNear(peaks, (beats[i - 1]! + beats[i]!) / 2, tol)) half++;
  }
  return {
    rate: Math.log2(Math.max(0.5, count) / (beats.length - 1)),
    onBeats: on / beats.length,
    onHalves: half / (beats.length - 1),
  };
}

/** Cosine distance between two spectra (mean-removed within each). */
function distance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let k = 0; k < n; k++) {
    ma += a[k]!;
    mb += b[k]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < n; k++) {
    const x = a[k]! - ma;
    const y = b[k]! - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? 1 - ab / Math.sqrt(aa * bb) : 0;
}

/** Mean of the frame spectra in [from, to). */
function meanSpectrum(
  values: Float32Array,
  bands: number,
  from: number,
  to: number,
  out: Float64Array,
): Float64Array {
  out.fill(0);
  const a = Math.max(0, Math.round(from));
  const b = Math.min(values.length / bands, Math.round(to));
  for (let t = a; t < b; t++) for (let k = 0; k < bands; k++) out[k] = out[k]! + values[t * bands + k]!;
  const n = Math.max(1, b - a);
  for (let k = 0; k < bands; k++) out[k] = out[k]! / n;
  return out;
}

export interface HarmonicChange {
  /** Mean spectral distance between consecutive beats (each beat's mean spectrum). */
  acrossBeats: number;
  /** log of the distance between a beat's halves over the distance across beats (≈0 when the
   * harmony changes within beats as much as across them, < 0 when it changes on the beats). */
  withinVsAcross: number;
}

/** How much the harmony spectrum changes from beat to beat against within a beat. */
export function harmonicChange(values: Float32Array, bands: number, beats: number[]): HarmonicChange {
  if (bands === 0 || beats.length < 3) return { acrossBeats: 0, withinVsAcross: 0 };
  const a = new Float64Array(bands);
  const b = new Float64Array(bands);
  const h1 = new Float64Array(bands);
  const h2 = new Float64Array(bands);
  let across = 0;
  let within = 0;
  let n = 0;
  for (let i = 1; i + 1 < beats.length; i++) {
    const [p, q, r] = [beats[i - 1]!, beats[i]!, beats[i + 1]!];
    meanSpectrum(values, bands, p, q, a);
    meanSpectrum(values, bands, q, r, b);
    across += distance(a, b);
    meanSpectrum(values, bands, q, (q + r) / 2, h1);
    meanSpectrum(values, bands, (q + r) / 2, r, h2);
    within += distance(h1, h2);
    n++;
  }
  across /= n;
  within /= n;
  return { acrossBeats: across, withinVsAcross: Math.log((within + 0.01) / (across + 0.01)) };
}

/** Frames on each side of the point compared by harmonicNovelty (≈35 ms at 86 frames/s). */
const NOVELTY_SPAN = 3;

/**
 * Where the pitched parts change, frame by frame: the spectral distance (mean-removed cosine, as
 * `harmonicChange`) between the coarse harmony spectrum of the NOVELTY_SPAN frames before a frame
 * and of those from it on. A new chord or melody note moves energy between the bands; a drum
 * hit raises them all about alike and moves the shape much less, so this envelope follows the
 * notes of chords, melody and bass partials rather than the drums — what tells a half-time groove
 * (its melody moving at the real tempo) from a backbeat at half that tempo.
 */
export function harmonicNovelty(values: Float32Array, bands: number): Float32Array {
  const frames = bands > 0 ? Math.floor(values.length / bands) : 0;
  const out = new Float32Array(frames);
  if (frames < 2 * NOVELTY_SPAN + 1) return out;
  const before = new Float64Array(bands);
  const after = new Float64Array(bands);
  for (let t = NOVELTY_SPAN; t + NOVELTY_SPAN <= frames; t++) {
    meanSpectrum(values, bands, t - NOVELTY_SPAN, t, before);
    meanSpectrum(values, bands, t, t + NOVELTY_SPAN, after);
    out[t] = distance(before, after);
  }
  return out;
}

/** Frames on each side of the point compared by chordChanges (≈0.58 s at 86 frames/s). */
const CHORD_SPAN = 50;
/** A chord change peaks above this × the mean distance. CHORD_SPAN and this were chosen on 59
 * tuning renders against the generator's own chords (seconds per change within ±½ octave for 38
 * of 59, median error −0.05 octave; spans of 20–65 frames and factors 1.25–3 tried). */
const CHORD_PEAK_FACTOR = 1.5;

/**
 * Where the chords change: the same spectral distance as `harmonicNovelty`, between the mean
 * harmony spectrum of the CHORD_SPAN frames before a frame and of those from it on — long
 * enough that melody notes and drum hits average out and a new chord (a new bass note and its
 * partials) stands — and its peaks: local maxima over ±CHORD_SPAN frames above CHORD_PEAK_FACTOR × the mean.
 * Why: songs change chord every half bar to two bars, so the chord changes per candidate beat
 * say which reading is the beat where the drums cannot (a slow backbeat read at double time
 * changes chord every 8–16 of its beats; a half-time groove read at half, every 1–4).
 */
export function chordChanges(values: Float32Array, bands: number): Int32Array {
  const frames = bands > 0 ? Math.floor(values.length / bands) : 0;
  if (frames < 4 * CHORD_SPAN) return new Int32Array(0);
  const nov = new Float32Array(frames);
  // Running sums of the spectrum over [t − span, t) and [t, t + span): one add and one drop a frame.
  const before = new Float64Array(bands);
  const after = new Float64Array(bands);
  for (let t = 0; t < CHORD_SPAN; t++)
    for (let k = 0; k < bands; k++) {
      before[k] = before[k]! + values[t * bands + k]!;
      after[k] = after[k]! + values[(t + CHORD_SPAN) * bands + k]!;
    }
  let mean = 0;
  for (let t = CHORD_SPAN; t + CHORD_SPAN <= frames; t++) {
    nov[t] = distance(before, after);
    mean += nov[t]!;
    if (t + CHORD_SPAN === frames) break;
    for (let k = 0; k < bands; k++) {
      const mid = values[t * bands + k]!;
      before[k] = before[k]! + mid - values[(t - CHORD_SPAN) * bands + k]!;
      after[k] = after[k]! + values[(t + CHORD_SPAN) * bands + k]! - mid;
    }
  }
  mean /= frames - 2 * CHORD_SPAN + 1;
  const out: number[] = [];
  for (let t = CHORD_SPAN; t + CHORD_SPAN <= frames; t++) {
    const v = nov[t]!;
    if (!(v > CHORD_PEAK_FACTOR * mean)) continue;
    let isMax = true;
    for (let d = -CHORD_SPAN; d <= CHORD_SPAN && isMax; d++) {
      const w = nov[t + d];
      if (d !== 0 && w !== undefined && (w > v || (w === v && d < 0))) isMax = false;
    }
    if (isMax) out.push(t);
  }
  return Int32Array.from(out);
}

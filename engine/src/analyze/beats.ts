// Beat tracking at a given beat period and where each layer's onsets fall against the beats
// (metre.ts reads this for every candidate metrical level).
//
// The tracker is the dynamic programme of Ellis, "Beat tracking by dynamic programming" (J. New
// Music Research 36(1), 2007): each frame's score is its onset strength plus the best score one
// beat earlier, minus a penalty on the log of how far that interval strays from the period.
// Here the period is fixed by the candidate level and the interval may stray by −8 %…+9 % only:
// a looser tracker drifts onto the strong onsets of a wrong level (a 6/8 read in quarter notes
// would skip to the dotted quarters) and the evidence below would no longer tell levels apart.

/** Interval bounds around the period and the penalty weight on log(interval / period)². */
const MIN_INTERVAL = 0.92;
const MAX_INTERVAL = 1.09;
const TIGHTNESS = 400;

/** Beat frames of `onsets` at a beat of `period` frames (Ellis 2007, fixed tempo). */
export function trackBeats(onsets: Float32Array, period: number): number[] {
  const n = onsets.length;
  if (n === 0 || !(period > 1)) return [];
  let mean = 0;
  for (let t = 0; t < n; t++) mean += onsets[t]!;
  mean = mean / n || 1;
  const score = new Float64Array(n);
  const back = new Int32Array(n).fill(-1);
  const lo = Math.max(1, Math.round(period * MIN_INTERVAL));
  const hi = Math.max(lo + 1, Math.round(period * MAX_INTERVAL));
  for (let t = 0; t < n; t++) {
    let best = 0;
    let from = -1;
    for (let d = lo; d <= hi && t - d >= 0; d++) {
      const v = score[t - d]! - TIGHTNESS * Math.log(d / period) ** 2;
      if (from < 0 || v > best) {
        best = v;
        from = t - d;
      }
    }
    const chained = from >= 0 && best > 0;
    score[t] = onsets[t]! / mean + (chained ? best : 0);
    back[t] = chained ? from : -1;
  }
  let end = n - 1;
  for (let t = Math.max(0, n - Math.round(period)); t < n; t++) if (score[t]! > score[end]!) end = t;
  const beats: number[] = [];
  for (let t = end; t >= 0; t = back[t]!) {
    beats.push(t);
    if (back[t]! < 0) break;
  }
  return beats.reverse();
}

export interface BeatPhase {
  /** log(1 + mean onset strength on the beats / the layer's mean). */
  on: number;
  /** The same halfway between beats, or at their thirds, whichever is stronger (the beat's division). */
  division: number;
  /** The same at the quarter and three-quarter points (16ths of the beat). */
  quarter: number;
}

function strongestNear(x: Float32Array, frame: number): number {
  const f = Math.round(frame);
  let m = 0;
  for (let d = -1; d <= 1; d++) {
    const v = x[f + d];
    if (v !== undefined && v > m) m = v;
  }
  return m;
}

function meanAt(x: Float32Array, frames: number[]): number {
  if (frames.length === 0) return 0;
  let s = 0;
  for (const f of frames) s += strongestNear(x, f);
  return s / frames.length;
}

/** Points at the given fractions of every inter-beat interval. */
function between(beats: number[], fractions: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < beats.length; i++) {
    const a = beats[i - 1]!;
    const d = beats[i]! - a;
    for (const q of fractions) out.push(a + q * d);
  }
  return out;
}

/**
 * How one layer's onsets sit against a beat track: on the beats, on their division (halves or
 * thirds) and on their 16ths, each relative to the layer's mean onset strength. At the beat a
 * listener taps, onsets crowd onto the beats and thin out on the 16ths; at double time every
 * other beat is an off-beat (lower `on`), at half time the real beats fall halfway (high
 * `division`), and a 6/8 read in quarter notes puts two beats of three on weak eighths.
 */
export function beatPhase(x: Float32Array, beats: number[]): BeatPhase {
  let mean = 0;
  for (let t = 0; t < x.length; t++) mean += x[t]!;
  mean = mean / (x.length || 1) || 1e-9;
  const half = meanAt(x, between(beats, [0.5]));
  const thirds = meanAt(x, between(beats, [1 / 3, 2 / 3]));
  return {
    on: Math.log1p(meanAt(x, beats) / mean),
    division: Math.log1p(Math.max(half, thirds) / mean),
    quarter: Math.log1p(meanAt(x, between(beats, [0.25, 0.75])) / mean),
  };
}

/** The beats, in seconds, the tracker finds at a tempo reading's period (none without a reading). */
export function beatTimes(onsets: Float32Array, frameRate: number, bpm: number): number[] {
  if (!(bpm > 0)) return [];
  return trackBeats(onsets, (60 / bpm) * frameRate).map((b) => b / frameRate);
}

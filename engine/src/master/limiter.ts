// Look-ahead peak limiter, stereo-linked. The gain reaches its target before the peak arrives
// (a sliding minimum over the look-ahead window, then a box average of the same length, which can
// never exceed the required gain at the peak), and recovers with an exponential release.

export interface LimiterSettings {
  ceilingDb: number;
  lookaheadMs: number;
  releaseMs: number;
}

/** Caller-owned working memory for `limitStereo`, each at least as long as the signal. */
export interface LimiterScratch {
  gain: Float32Array;
  windowMin: Float32Array;
  deque: Int32Array;
}

export function createLimiterScratch(frames: number): LimiterScratch {
  return {
    gain: new Float32Array(frames),
    windowMin: new Float32Array(frames),
    deque: new Int32Array(frames),
  };
}

/** Limits left/right in place. */
export function limitStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  s: LimiterSettings,
  scratch: LimiterScratch,
): void {
  const n = left.length;
  const ceiling = 10 ** (s.ceilingDb / 20);
  const look = Math.max(1, Math.round((s.lookaheadMs / 1000) * sampleRate));
  const g = scratch.gain;
  for (let i = 0; i < n; i++) {
    const peak = Math.max(Math.abs(left[i]!), Math.abs(right[i]!));
    g[i] = peak > ceiling ? ceiling / peak : 1;
  }
  // Backward pass: min over [i, i + look] with a running-min deque implemented over indices.
  const deque = scratch.deque;
  let head = 0;
  let tail = 0;
  const windowMin = scratch.windowMin;
  for (let i = n - 1; i >= 0; i--) {
    while (tail > head && g[deque[tail - 1]!]! >= g[i]!) tail--;
    deque[tail++] = i;
    while (deque[head]! > i + look) head++;
    windowMin[i] = g[deque[head]!]!;
  }
  // Release: gain may rise only slowly after a reduction.
  const rel = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  let state = 1;
  for (let i = 0; i < n; i++) {
    state = Math.min(windowMin[i]!, 1 - (1 - state) * rel);
    windowMin[i] = state;
  }
  // Box average over the previous `look` samples.
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += windowMin[i]!;
    if (i >= look) acc -= windowMin[i - look]!;
    const avg = acc / Math.min(i + 1, look);
    const gain = Math.min(avg, windowMin[i]!);
    left[i] = left[i]! * gain;
    right[i] = right[i]! * gain;
  }
}

// Look-ahead peak limiter, stereo-linked, streaming. The gain reaches its target before the peak
// arrives (a sliding minimum over the look-ahead window, then a box average of the same length,
// which can never exceed the required gain at the peak), and recovers with an exponential release.
// It runs `look` samples behind its input, so it needs only look-sized rings, never a gain curve
// as long as the track (the full-length version held three extra 60 s buffers at mastering time).

export interface LimiterSettings {
  ceilingDb: number;
  lookaheadMs: number;
  releaseMs: number;
}

/** Limits left/right in place. */
export function limitStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  s: LimiterSettings,
): void {
  const n = left.length;
  const ceiling = 10 ** (s.ceilingDb / 20);
  const look = Math.max(1, Math.round((s.lookaheadMs / 1000) * sampleRate));
  const rel = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  // Required gains of recent input samples, indexed by sample index mod size, and a monotonic deque
  // (sample indices, gains increasing) for their running minimum. Between pops the deque spans at
  // most the indices i − 1 … i + look, hence look + 2.
  const size = look + 2;
  const required = new Float32Array(size);
  const deque = new Int32Array(size);
  let head = 0; // deque positions grow without bound; entries live at position mod size
  let tail = 0;
  // The released gains of the last `look` output samples, for the box average.
  const released = new Float32Array(look);
  let acc = 0;
  let state = 1;
  for (let t = 0; t < n + look; t++) {
    if (t < n) {
      const peak = Math.max(Math.abs(left[t]!), Math.abs(right[t]!));
      const g = peak > ceiling ? ceiling / peak : 1;
      required[t % size] = g;
      while (tail > head && required[deque[(tail - 1) % size]! % size]! >= g) tail--;
      deque[tail % size] = t;
      tail++;
    }
    const i = t - look; // the output sample: its window [i, i + look] has been read
    if (i < 0) continue;
    while (deque[head % size]! < i) head++;
    const windowMin = required[deque[head % size]! % size]!;
    state = Math.min(windowMin, 1 - (1 - state) * rel);
    const stored = Math.fround(state);
    acc += stored;
    if (i >= look) acc -= released[i % look]!;
    released[i % look] = stored;
    const avg = acc / Math.min(i + 1, look);
    const gain = Math.min(avg, stored);
    left[i] = left[i]! * gain;
    right[i] = right[i]! * gain;
  }
}

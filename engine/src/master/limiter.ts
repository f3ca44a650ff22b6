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
  // Required gains of recent input samples, indexed by sample index & mask, and a monotonic deque
  // (sample indices, gains increasing) for their running minimum. Between pops the deque spans at
  // most the indices i − 1 … i + look, hence look + 2 entries; rings are powers of two so that an
  // index is a mask, not a division (a modulo per access was most of the limiter's time).
  let size = 1;
  while (size < look + 2) size <<= 1;
  const mask = size - 1;
  const required = new Float32Array(size);
  const deque = new Int32Array(size);
  let head = 0; // deque positions grow without bound; entries live at position & mask
  let tail = 0;
  // The released gains of the last `look` output samples, for the box average.
  const released = new Float32Array(size);
  let acc = 0;
  let state = 1;
  for (let t = 0; t < n + look; t++) {
    if (t < n) {
      const l = left[t]!;
      const r = right[t]!;
      const al = l < 0 ? -l : l;
      const ar = r < 0 ? -r : r;
      const peak = Math.max(al, ar);
      const g = peak > ceiling ? ceiling / peak : 1;
      required[t & mask] = g;
      while (tail > head && required[deque[(tail - 1) & mask]! & mask]! >= g) tail--;
      deque[tail & mask] = t;
      tail++;
    }
    const i = t - look; // the output sample: its window [i, i + look] has been read
    if (i < 0) continue;
    while (deque[head & mask]! < i) head++;
    const windowMin = required[deque[head & mask]! & mask]!;
    const recovered = 1 - (1 - state) * rel;
    state = Math.min(windowMin, recovered);
    const stored = Math.fround(state);
    acc += stored;
    if (i >= look) acc -= released[(i - look) & mask]!;
    released[i & mask] = stored;
    const avg = acc / Math.min(i + 1, look);
    const gain = Math.min(avg, stored);
    left[i] = left[i]! * gain;
    right[i] = right[i]! * gain;
  }
}

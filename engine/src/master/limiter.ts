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

/** Frames per limitChunk call: small, so that the kernel is called often and optimised whole early. */
const CHUNK = 512;

/** Limits left/right in place. */
export function limitStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  s: LimiterSettings,
): void {
  const n = left.length;
  const look = Math.max(1, Math.round((s.lookaheadMs / 1000) * sampleRate));
  // Between pops the deque spans at most the indices i − 1 … i + look, hence look + 2 entries;
  // rings are powers of two so that an index is a mask, not a division (a modulo per access was
  // most of the limiter's time).
  let size = 1;
  while (size < look + 2) size <<= 1;
  const ring: Ring = {
    required: new Float32Array(size),
    deque: new Int32Array(size),
    released: new Float32Array(size),
    ends: new Int32Array(2),
    sums: new Float64Array([0, 1]),
  };
  const ceiling = 10 ** (s.ceilingDb / 20);
  const rel = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  const { required, deque, released, ends, sums } = ring;
  for (let from = 0; from < n + look; from += CHUNK)
    limitChunk(
      left,
      right,
      required,
      deque,
      released,
      ends,
      sums,
      n,
      look,
      size - 1,
      ceiling,
      rel,
      from,
      Math.min(n + look, from + CHUNK),
    );
}

/**
 * The limiter's state between chunks. As one long loop the limiter ran as on-stack-replaced code
 * that boxed its doubles (≈2.6 million heap numbers per pass over a 60 s track, ≈140 MB of garbage
 * per master, and 2–4× the time); a kernel called per short chunk is optimised as a whole, and its
 * state comes in and goes out through typed arrays and arguments (not object fields, whose
 * assumptions deoptimised it on the next call).
 */
interface Ring {
  /** Required gains of recent input samples, indexed by sample index & mask. */
  required: Float32Array;
  /** Monotonic deque (sample indices, gains increasing) for their running minimum. */
  deque: Int32Array;
  /** The released gains of the last `look` output samples, for the box average. */
  released: Float32Array;
  /** [head, tail] of the deque (positions grow without bound; entries live at position & mask). */
  ends: Int32Array;
  /** [acc, state]: the box average's running sum and the release state. */
  sums: Float64Array;
}

/** Steps t in [from, to): reads input sample t and writes output sample t − look. */
function limitChunk(
  left: Float32Array,
  right: Float32Array,
  required: Float32Array,
  deque: Int32Array,
  released: Float32Array,
  ends: Int32Array,
  sums: Float64Array,
  n: number,
  look: number,
  mask: number,
  ceiling: number,
  rel: number,
  from: number,
  to: number,
): void {
  let head = ends[0]!;
  let tail = ends[1]!;
  let acc = sums[0]!;
  let state = sums[1]!;
  for (let t = from; t < to; t++) {
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
  ends[0] = head;
  ends[1] = tail;
  sums[0] = acc;
  sums[1] = state;
}

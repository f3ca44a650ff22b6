// Look-ahead peak limiter, stereo-linked, streaming. The gain reaches its target before the peak
// arrives (a sliding minimum over the look-ahead window, then a box average of the same length,
// which can never exceed the required gain at the peak), and recovers with an exponential release.
// It works chunk by chunk, reading `look` samples ahead of the chunk it writes, so it needs only
// chunk-sized buffers, never a gain curve as long as the track (the full-length version held three
// extra 60 s buffers at mastering time).

export interface LimiterSettings {
  ceilingDb: number;
  lookaheadMs: number;
  releaseMs: number;
}

/**
 * Output frames per chunk. Each chunk reads `look` frames past its end again (≈6 % more required
 * gains at 44.1 kHz); short enough that its buffers stay in L1 and that the kernels are called
 * often and optimised whole early.
 */
const CHUNK = 2048;

/** Limits left/right in place. */
export function limitStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  s: LimiterSettings,
): void {
  const n = left.length;
  const look = Math.max(1, Math.round((s.lookaheadMs / 1000) * sampleRate));
  // The box average reads the released gain of `look` samples ago from a ring whose size is a
  // power of two, so that an index is a mask, not a division.
  let size = 1;
  while (size < look + 2) size <<= 1;
  const ceiling = 10 ** (s.ceilingDb / 20);
  const rel = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  // Per chunk of outputs [from, to): the required gains of inputs [from, to + look] and their
  // running minima within blocks of the window's length (see windowMinima).
  const span = CHUNK + look + 1;
  const required = new Float32Array(span);
  const prefix = new Float32Array(span);
  const suffix = new Float32Array(span);
  const released = new Float32Array(size);
  // [acc, state]: the box average's running sum and the release state between chunks.
  const sums = new Float64Array([0, 1]);
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    const count = to - from + look;
    requiredGains(left, right, required, from, count, n, ceiling);
    windowMinima(required, prefix, suffix, count, look + 1);
    applyChunk(left, right, prefix, suffix, released, sums, look, size - 1, rel, from, to);
  }
}

/**
 * required[k] = the gain input `from + k` needs to stay under the ceiling, for k < count; inputs
 * past the end of the track need none (Infinity: they never set a window's minimum).
 */
function requiredGains(
  left: Float32Array,
  right: Float32Array,
  required: Float32Array,
  from: number,
  count: number,
  n: number,
  ceiling: number,
): void {
  const end = Math.min(count, n - from);
  for (let k = 0; k < end; k++) {
    const l = left[from + k]!;
    const r = right[from + k]!;
    const al = l < 0 ? -l : l;
    const ar = r < 0 ? -r : r;
    const peak = Math.max(al, ar);
    required[k] = peak > ceiling ? ceiling / peak : 1;
  }
  for (let k = end; k < count; k++) required[k] = Number.POSITIVE_INFINITY;
}

/**
 * The sliding minimum over windows of `w` values without a queue (van Herk / Gil–Werman): within
 * blocks of `w` values, prefix[k] is the minimum from the block's start to k and suffix[k] from k
 * to the block's end, so the window [j, j + w − 1], which spans at most two blocks, has the
 * minimum min(suffix[j], prefix[j + w − 1]). Three comparisons per sample and no data-dependent
 * branches: the monotonic queue it replaced spent most of the limiter's time on mispredicted pops.
 * A minimum is exact, so the gains are the same bits as the queue's.
 */
function windowMinima(
  required: Float32Array,
  prefix: Float32Array,
  suffix: Float32Array,
  count: number,
  w: number,
): void {
  for (let start = 0; start < count; start += w) {
    const end = Math.min(count, start + w);
    let m = required[start]!;
    prefix[start] = m;
    for (let k = start + 1; k < end; k++) {
      const v = required[k]!;
      if (v < m) m = v;
      prefix[k] = m;
    }
    m = required[end - 1]!;
    suffix[end - 1] = m;
    for (let k = end - 2; k >= start; k--) {
      const v = required[k]!;
      if (v < m) m = v;
      suffix[k] = m;
    }
  }
}

/**
 * Steps outputs i in [from, to): the window minimum of the required gains over [i, i + look], the
 * release, the box average, and the gain applied in place. Its state comes in and goes out through
 * typed arrays and arguments: as one long loop the limiter ran as on-stack-replaced code that boxed
 * its doubles (≈140 MB of garbage per master), and object fields deoptimised it on the next call.
 */
function applyChunk(
  left: Float32Array,
  right: Float32Array,
  prefix: Float32Array,
  suffix: Float32Array,
  released: Float32Array,
  sums: Float64Array,
  look: number,
  mask: number,
  rel: number,
  from: number,
  to: number,
): void {
  let acc = sums[0]!;
  let state = sums[1]!;
  for (let i = from; i < to; i++) {
    const j = i - from;
    const windowMin = Math.min(suffix[j]!, prefix[j + look]!);
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
  sums[0] = acc;
  sums[1] = state;
}

// ITU-R BS.1770-4 loudness, EBU Tech 3342 loudness range and BS.1770-4 Annex 2 true peak.
//
// Everything here is a pure function of (channels, sampleRate). The K-weighted signal is never
// materialised: each channel is filtered once and only its energy per 100 ms "quarter block" is
// kept, from which the 400 ms momentary blocks (75 % overlap) and the 3 s short-term windows are
// summed. That makes a 3-minute stereo track a single pass of two biquads per sample.

/** Second-order section in direct form, normalised so a0 = 1. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export interface LoudnessMeasurement {
  /** Gated integrated loudness (BS.1770-4), LUFS; −Infinity for silence or < 400 ms of audio. */
  integratedLufs: number;
  /** Maximum of the 4× oversampled signal (Annex 2), dBTP; −Infinity for digital silence. */
  truePeakDbtp: number;
  /** EBU Tech 3342 loudness range, LU; 0 when there is too little gated audio to tell. */
  loudnessRangeLu: number;
  /** Largest absolute sample value, dBFS; −Infinity for digital silence. */
  samplePeakDbfs: number;
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const LRA_RELATIVE_GATE_LU = -20;
const LRA_LOW_PERCENTILE = 0.1;
const LRA_HIGH_PERCENTILE = 0.95;
const QUARTERS_PER_BLOCK = 4; // 400 ms gating block, hop 100 ms
const QUARTERS_PER_SHORT_TERM = 30; // 3 s short-term window, hop 100 ms

/**
 * Stage 1 of the K-weighting: the high-shelf "head" filter (+4 dB above ~1.7 kHz).
 * The analogue prototype parameters are the ones that reproduce the 48 kHz coefficient table of
 * BS.1770-4 exactly under the bilinear transform, so any sample rate gets the same response.
 */
export function kWeightingShelf(sampleRate: number): Biquad {
  const centerHz = 1681.974450955533;
  const gainDb = 3.999843853973347;
  const q = 0.7071752369554196;
  const k = Math.tan((Math.PI * centerHz) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k / q + k * k;
  return {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
}

/** Stage 2 of the K-weighting: the RLB high-pass (~38 Hz), unnormalised numerator 1, −2, 1 as in the table. */
export function kWeightingHighPass(sampleRate: number): Biquad {
  const cutoffHz = 38.13547087602444;
  const q = 0.5003270373238773;
  const k = Math.tan((Math.PI * cutoffHz) / sampleRate);
  const a0 = 1 + k / q + k * k;
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
}

/**
 * BS.1770-4 channel weights by position, assuming the usual orders: mono, stereo, L R C, and
 * 5.0/5.1 (L R C [LFE] Ls Rs). Surrounds weigh 1.41 (+1.5 dB); the LFE is not measured.
 */
export function channelWeights(channelCount: number): Float64Array {
  const weights = new Float64Array(channelCount).fill(1);
  if (channelCount === 5) {
    weights[3] = 1.41;
    weights[4] = 1.41;
  } else if (channelCount === 6) {
    weights[3] = 0;
    weights[4] = 1.41;
    weights[5] = 1.41;
  }
  return weights;
}

/** Samples in one 100 ms quarter of a gating block. */
export function quarterBlockFrames(sampleRate: number): number {
  return Math.round(sampleRate * 0.1);
}

/**
 * K-weights one channel and adds weight × (sum of squares) of each complete 100 ms quarter into
 * `quarterEnergy` (caller-owned, length ≥ floor(frames / quarterFrames)). A trailing partial
 * quarter is ignored, as a meter would not have closed that block yet.
 */
export function accumulateKWeightedEnergy(
  samples: Float32Array,
  sampleRate: number,
  weight: number,
  quarterEnergy: Float64Array,
): void {
  if (weight === 0) return;
  const s1 = kWeightingShelf(sampleRate);
  const s2 = kWeightingHighPass(sampleRate);
  const quarterFrames = quarterBlockFrames(sampleRate);
  const quarters = Math.floor(samples.length / quarterFrames);
  // Transposed direct form II state for both sections, held in locals so the loop stays in registers.
  let z1a = 0;
  let z2a = 0;
  let z1b = 0;
  let z2b = 0;
  const { b0: ab0, b1: ab1, b2: ab2, a1: aa1, a2: aa2 } = s1;
  const { b0: bb0, b1: bb1, b2: bb2, a1: ba1, a2: ba2 } = s2;
  let i = 0;
  for (let q = 0; q < quarters; q++) {
    let sum = 0;
    const end = i + quarterFrames;
    for (; i < end; i++) {
      const x = samples[i]!;
      const y = ab0 * x + z1a;
      z1a = ab1 * x - aa1 * y + z2a;
      z2a = ab2 * x - aa2 * y;
      const w = bb0 * y + z1b;
      z1b = bb1 * y - ba1 * w + z2b;
      z2b = bb2 * y - ba2 * w;
      sum += w * w;
    }
    quarterEnergy[q] = quarterEnergy[q]! + weight * sum;
  }
}

/** One quarter block [i, end) of accumulateKWeightedEnergyPair (its state in `st`, see there). */
function kWeightQuarterPair(
  left: Float32Array,
  right: Float32Array,
  from: number,
  end: number,
  coef: Float64Array,
  st: Float64Array,
  leftBlockMax: Float32Array | undefined,
  rightBlockMax: Float32Array | undefined,
): void {
  const ab0 = coef[0]!;
  const ab1 = coef[1]!;
  const ab2 = coef[2]!;
  const aa1 = coef[3]!;
  const aa2 = coef[4]!;
  const bb0 = coef[5]!;
  const bb1 = coef[6]!;
  const bb2 = coef[7]!;
  const ba1 = coef[8]!;
  const ba2 = coef[9]!;
  let l1a = st[0]!;
  let l2a = st[1]!;
  let l1b = st[2]!;
  let l2b = st[3]!;
  let r1a = st[4]!;
  let r2a = st[5]!;
  let r1b = st[6]!;
  let r2b = st[7]!;
  let maxL = st[8]!;
  let maxR = st[9]!;
  let sumL = 0;
  let sumR = 0;
  for (let i = from; i < end; i++) {
    const xl = left[i]!;
    const xr = right[i]!;
    const yl = ab0 * xl + l1a;
    const yr = ab0 * xr + r1a;
    l1a = ab1 * xl - aa1 * yl + l2a;
    r1a = ab1 * xr - aa1 * yr + r2a;
    l2a = ab2 * xl - aa2 * yl;
    r2a = ab2 * xr - aa2 * yr;
    const wl = bb0 * yl + l1b;
    const wr = bb0 * yr + r1b;
    l1b = bb1 * yl - ba1 * wl + l2b;
    r1b = bb1 * yr - ba1 * wr + r2b;
    l2b = bb2 * yl - ba2 * wl;
    r2b = bb2 * yr - ba2 * wr;
    sumL += wl * wl;
    sumR += wr * wr;
    // Block maxima for the true-peak search ride along: the loop is bound by the filters'
    // latency, so these few extra operations are nearly free.
    const al = xl < 0 ? -xl : xl;
    const ar = xr < 0 ? -xr : xr;
    if (al > maxL) maxL = al;
    if (ar > maxR) maxR = ar;
    if ((i & (PEAK_BLOCK_FRAMES - 1)) === PEAK_BLOCK_FRAMES - 1) {
      const b = i >> PEAK_BLOCK_SHIFT;
      if (leftBlockMax) leftBlockMax[b] = maxL;
      if (rightBlockMax) rightBlockMax[b] = maxR;
      maxL = 0;
      maxR = 0;
    }
  }
  st[0] = l1a;
  st[1] = l2a;
  st[2] = l1b;
  st[3] = l2b;
  st[4] = r1a;
  st[5] = r2a;
  st[6] = r1b;
  st[7] = r2b;
  st[8] = maxL;
  st[9] = maxR;
  st[10] = sumL;
  st[11] = sumR;
}

/**
 * Same as accumulateKWeightedEnergy for two channels at once: the two filter recursions are
 * independent, so interleaving them lets the CPU overlap their latency (≈1.8× faster).
 */
export function accumulateKWeightedEnergyPair(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  leftWeight: number,
  rightWeight: number,
  quarterEnergy: Float64Array,
  leftBlockMax?: Float32Array,
  rightBlockMax?: Float32Array,
): void {
  const s1 = kWeightingShelf(sampleRate);
  const s2 = kWeightingHighPass(sampleRate);
  const quarterFrames = quarterBlockFrames(sampleRate);
  const quarters = Math.floor(Math.min(left.length, right.length) / quarterFrames);
  // Filter state and block maxima between quarters: [l1a, l2a, l1b, l2b, r1a, r2a, r1b, r2b, maxL,
  // maxR, sumL, sumR]. One kernel call per quarter: as one loop over the track this ran as
  // on-stack-replaced code that boxed a heap number per sample (≈40 MB of garbage per master).
  const st = new Float64Array(12);
  const coef = new Float64Array([s1.b0, s1.b1, s1.b2, s1.a1, s1.a2, s2.b0, s2.b1, s2.b2, s2.a1, s2.a2]);
  let i = 0;
  for (let q = 0; q < quarters; q++) {
    const end = i + quarterFrames;
    kWeightQuarterPair(left, right, i, end, coef, st, leftBlockMax, rightBlockMax);
    i = end;
    quarterEnergy[q] = quarterEnergy[q]! + leftWeight * st[10]! + rightWeight * st[11]!;
  }
  let maxL = st[8]!;
  let maxR = st[9]!;
  // Samples after the last whole quarter still count for the peaks.
  const frames = Math.min(left.length, right.length);
  for (; i < frames; i++) {
    const al = Math.abs(left[i]!);
    const ar = Math.abs(right[i]!);
    if (al > maxL) maxL = al;
    if (ar > maxR) maxR = ar;
    if ((i & (PEAK_BLOCK_FRAMES - 1)) === PEAK_BLOCK_FRAMES - 1) {
      const b = i >> PEAK_BLOCK_SHIFT;
      if (leftBlockMax) leftBlockMax[b] = maxL;
      if (rightBlockMax) rightBlockMax[b] = maxR;
      maxL = 0;
      maxR = 0;
    }
  }
  // A last, partial block never reached its boundary above.
  if (frames % PEAK_BLOCK_FRAMES !== 0) {
    const b = (frames - 1) >> PEAK_BLOCK_SHIFT;
    if (leftBlockMax) leftBlockMax[b] = maxL;
    if (rightBlockMax) rightBlockMax[b] = maxR;
  }
}

/** Mean-square energy → loudness in LUFS (the −0.691 dB offset makes a 997 Hz sine at −23 dBFS read −23). */
export function energyToLufs(meanSquare: number): number {
  return meanSquare > 0 ? -0.691 + 10 * Math.log10(meanSquare) : Number.NEGATIVE_INFINITY;
}

function lufsToEnergy(lufs: number): number {
  return 10 ** ((lufs + 0.691) / 10);
}

/**
 * Mean-square energies of windows of `quartersPerWindow` quarters sliding by one quarter
 * (400 ms blocks: 4; 3 s short-term: 30). Written into `out`; returns the window count.
 */
export function slidingWindowEnergy(
  quarterEnergy: Float64Array,
  quarterCount: number,
  quarterFrames: number,
  quartersPerWindow: number,
  out: Float64Array,
): number {
  const windows = quarterCount - quartersPerWindow + 1;
  if (windows <= 0) return 0;
  const norm = 1 / (quartersPerWindow * quarterFrames);
  let running = 0;
  for (let q = 0; q < quartersPerWindow; q++) running += quarterEnergy[q]!;
  out[0] = running * norm;
  for (let w = 1; w < windows; w++) {
    running += quarterEnergy[w + quartersPerWindow - 1]! - quarterEnergy[w - 1]!;
    // The running sum can drift below zero by rounding after a loud passage ends in silence.
    out[w] = running > 0 ? running * norm : 0;
  }
  return windows;
}

/** BS.1770-4 two-stage gating (absolute −70 LUFS, then −10 LU below the absolute-gated mean). */
export function gatedIntegratedLufs(blockEnergy: Float64Array, blockCount: number): number {
  const absoluteGate = lufsToEnergy(ABSOLUTE_GATE_LUFS);
  let sum = 0;
  let count = 0;
  for (let b = 0; b < blockCount; b++) {
    const e = blockEnergy[b]!;
    if (e > absoluteGate) {
      sum += e;
      count++;
    }
  }
  if (count === 0) return Number.NEGATIVE_INFINITY;
  const relativeGate = lufsToEnergy(energyToLufs(sum / count) + RELATIVE_GATE_LU);
  const gate = Math.max(absoluteGate, relativeGate);
  sum = 0;
  count = 0;
  for (let b = 0; b < blockCount; b++) {
    const e = blockEnergy[b]!;
    if (e > gate) {
      sum += e;
      count++;
    }
  }
  return count === 0 ? Number.NEGATIVE_INFINITY : energyToLufs(sum / count);
}

/**
 * EBU Tech 3342 loudness range from short-term (3 s) energies: absolute gate −70 LUFS, relative
 * gate −20 LU below the mean, then the spread between the 10th and 95th percentiles in LU.
 */
export function loudnessRangeFromShortTerm(shortTermEnergy: Float64Array, windowCount: number): number {
  const absoluteGate = lufsToEnergy(ABSOLUTE_GATE_LUFS);
  let sum = 0;
  let count = 0;
  for (let w = 0; w < windowCount; w++) {
    const e = shortTermEnergy[w]!;
    if (e > absoluteGate) {
      sum += e;
      count++;
    }
  }
  if (count === 0) return 0;
  const gate = Math.max(absoluteGate, lufsToEnergy(energyToLufs(sum / count) + LRA_RELATIVE_GATE_LU));
  const kept = new Float64Array(count);
  let n = 0;
  for (let w = 0; w < windowCount; w++) {
    const e = shortTermEnergy[w]!;
    if (e > gate) kept[n++] = e;
  }
  if (n < 2) return 0;
  const sorted = kept.subarray(0, n).sort();
  const low = energyToLufs(percentileOfSorted(sorted, LRA_LOW_PERCENTILE));
  const high = energyToLufs(percentileOfSorted(sorted, LRA_HIGH_PERCENTILE));
  return Math.max(0, high - low);
}

function percentileOfSorted(sorted: Float64Array, fraction: number): number {
  const pos = (sorted.length - 1) * fraction;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const t = pos - lo;
  // Interpolate in the loudness domain, where the percentiles are defined.
  const a = energyToLufs(sorted[lo]!);
  const b = energyToLufs(sorted[hi]!);
  return lufsToEnergy(a + (b - a) * t);
}

/** Largest absolute sample value (linear). */
export function samplePeak(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]!);
    if (a > peak) peak = a;
  }
  return peak;
}

// BS.1770-4 Annex 2: the 48-tap interpolation filter as four polyphase branches of 12 taps.
// TRUE_PEAK_TAPS[phase * 12 + j] multiplies x[n - j]. interpolatedPeakAt() carries the same
// numbers unrolled (the test checks the two agree); this table is the readable reference.
export const TRUE_PEAK_PHASES = 4;
const TAPS_PER_PHASE = 12;
export const TRUE_PEAK_TAPS = new Float64Array([
  0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625,
  0.97216796875, -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
  -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625, 0.77978515625,
  -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375, -0.0189208984375,
  0.0330810546875, -0.0582275390625, 0.1015625, -0.2003173828125, 0.77978515625, 0.465087890625,
  -0.16650390625, 0.089111328125, -0.0517578125, 0.029296875, -0.0291748046875, -0.00830078125,
  0.014892578125, -0.026611328125, 0.047607421875, -0.102294921875, 0.97216796875, 0.1373291015625,
  -0.0594482421875, 0.033203125, -0.0196533203125, 0.010986328125, 0.001708984375,
]);

// Only local maxima of |x| within 6 dB of the sample peak are examined: an inter-sample peak
// more than 6 dB above its neighbouring samples needs strong content near Nyquist, where
// BS.1770-4 itself allows the Annex 2 meter to under-read.
const CANDIDATE_RATIO = 0.5;

/** Annex 2 interpolation of output n (4 phases, unrolled: V8 keeps the 12 inputs in registers), max |y|. */
export function interpolatedPeakAt(samples: Float32Array, n: number): number {
  const frames = samples.length;
  let x0: number, x1: number, x2: number, x3: number, x4: number, x5: number;
  let x6: number, x7: number, x8: number, x9: number, x10: number, x11: number;
  if (n >= TAPS_PER_PHASE - 1 && n < frames) {
    x0 = samples[n - 0]!;
    x1 = samples[n - 1]!;
    x2 = samples[n - 2]!;
    x3 = samples[n - 3]!;
    x4 = samples[n - 4]!;
    x5 = samples[n - 5]!;
    x6 = samples[n - 6]!;
    x7 = samples[n - 7]!;
    x8 = samples[n - 8]!;
    x9 = samples[n - 9]!;
    x10 = samples[n - 10]!;
    x11 = samples[n - 11]!;
  } else {
    // Edges: x outside [0, frames) is zero.
    x0 = n - 0 >= 0 && n - 0 < frames ? samples[n - 0]! : 0;
    x1 = n - 1 >= 0 && n - 1 < frames ? samples[n - 1]! : 0;
    x2 = n - 2 >= 0 && n - 2 < frames ? samples[n - 2]! : 0;
    x3 = n - 3 >= 0 && n - 3 < frames ? samples[n - 3]! : 0;
    x4 = n - 4 >= 0 && n - 4 < frames ? samples[n - 4]! : 0;
    x5 = n - 5 >= 0 && n - 5 < frames ? samples[n - 5]! : 0;
    x6 = n - 6 >= 0 && n - 6 < frames ? samples[n - 6]! : 0;
    x7 = n - 7 >= 0 && n - 7 < frames ? samples[n - 7]! : 0;
    x8 = n - 8 >= 0 && n - 8 < frames ? samples[n - 8]! : 0;
    x9 = n - 9 >= 0 && n - 9 < frames ? samples[n - 9]! : 0;
    x10 = n - 10 >= 0 && n - 10 < frames ? samples[n - 10]! : 0;
    x11 = n - 11 >= 0 && n - 11 < frames ? samples[n - 11]! : 0;
  }
  const y0 = Math.abs(
    0.001708984375 * x0 +
      0.010986328125 * x1 +
      -0.0196533203125 * x2 +
      0.033203125 * x3 +
      -0.0594482421875 * x4 +
      0.1373291015625 * x5 +
      0.97216796875 * x6 +
      -0.102294921875 * x7 +
      0.047607421875 * x8 +
      -0.026611328125 * x9 +
      0.014892578125 * x10 +
      -0.00830078125 * x11,
  );
  const y1 = Math.abs(
    -0.0291748046875 * x0 +
      0.029296875 * x1 +
      -0.0517578125 * x2 +
      0.089111328125 * x3 +
      -0.16650390625 * x4 +
      0.465087890625 * x5 +
      0.77978515625 * x6 +
      -0.2003173828125 * x7 +
      0.1015625 * x8 +
      -0.0582275390625 * x9 +
      0.0330810546875 * x10 +
      -0.0189208984375 * x11,
  );
  const y2 = Math.abs(
    -0.0189208984375 * x0 +
      0.0330810546875 * x1 +
      -0.0582275390625 * x2 +
      0.1015625 * x3 +
      -0.2003173828125 * x4 +
      0.77978515625 * x5 +
      0.465087890625 * x6 +
      -0.16650390625 * x7 +
      0.089111328125 * x8 +
      -0.0517578125 * x9 +
      0.029296875 * x10 +
      -0.0291748046875 * x11,
  );
  const y3 = Math.abs(
    -0.00830078125 * x0 +
      0.014892578125 * x1 +
      -0.026611328125 * x2 +
      0.047607421875 * x3 +
      -0.102294921875 * x4 +
      0.97216796875 * x5 +
      0.1373291015625 * x6 +
      -0.0594482421875 * x7 +
      0.033203125 * x8 +
      -0.0196533203125 * x9 +
      0.010986328125 * x10 +
      0.001708984375 * x11,
  );
  return Math.max(y0, y1, y2, y3);
}

/** Frames per block of `blockPeaks`: small enough to skip quiet stretches between beats. */
export const PEAK_BLOCK_FRAMES = 256;
const PEAK_BLOCK_SHIFT = 8;

/** Max |x| of each PEAK_BLOCK_FRAMES block into `out` (length ≥ ceil(frames / 256)); returns the sample peak. */
export function blockPeaks(samples: Float32Array, out: Float32Array): number {
  let peak = 0;
  const blocks = Math.ceil(samples.length / PEAK_BLOCK_FRAMES);
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(samples.length, (b + 1) * PEAK_BLOCK_FRAMES);
    let m = 0;
    for (let i = b * PEAK_BLOCK_FRAMES; i < end; i++) {
      const v = samples[i]!;
      const a = v < 0 ? -v : v;
      if (a > m) m = a;
    }
    out[b] = m;
    if (m > peak) peak = m;
  }
  return peak;
}

/**
 * True peak (linear) of one channel: max |y| over the 4× oversampled signal (Annex 2 filter),
 * never below the sample peak. A band-limited signal's peak between samples sits next to a
 * local maximum of |x|, so only the two output groups on either side of loud local maxima are
 * interpolated, and whole 256-sample blocks quieter than the threshold are skipped.
 * `floorLinear` is a level already known to be reached (another channel's peak): a quieter
 * channel is then mostly skipped. Returns max(floorLinear, this channel's true peak).
 */
export function truePeak(samples: Float32Array, floorLinear = 0, blockMax?: Float32Array): number {
  const blocks = Math.ceil(samples.length / PEAK_BLOCK_FRAMES);
  const maxima = blockMax ?? new Float32Array(blocks);
  const ownPeak = blockMax
    ? maxima.subarray(0, blocks).reduce((m, v) => Math.max(m, v), 0)
    : blockPeaks(samples, maxima);
  let peak = Math.max(ownPeak, floorLinear);
  if (ownPeak === 0) return peak;
  const threshold = peak * CANDIDATE_RATIO;
  const last = samples.length - 1;
  let lastEvaluated = -1;
  for (let b = 0; b < blocks; b++) {
    if (maxima[b]! < threshold) continue;
    const end = Math.min(last, (b + 1) * PEAK_BLOCK_FRAMES - 1);
    for (let i = b * PEAK_BLOCK_FRAMES; i <= end; i++) {
      const v = samples[i]!;
      const a = v < 0 ? -v : v;
      if (a < threshold) continue;
      const before = i > 0 ? Math.abs(samples[i - 1]!) : 0;
      const after = i < last ? Math.abs(samples[i + 1]!) : 0;
      if (a < before || a < after) continue;
      // Output i + 5 interpolates between x[i - 1] and x[i]; output i + 6 between x[i] and x[i + 1].
      for (let n = Math.max(i + 5, lastEvaluated + 1); n <= i + 6; n++) {
        const y = interpolatedPeakAt(samples, n);
        if (y > peak) peak = y;
      }
      lastEvaluated = i + 6;
    }
  }
  return peak;
}

function linearToDb(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : Number.NEGATIVE_INFINITY;
}

/**
 * Integrated loudness, loudness range, true peak and sample peak of planar audio
 * (one Float32Array per channel, all the same length, full scale ±1).
 */
export function measureLoudness(channels: Float32Array[], sampleRate: number): LoudnessMeasurement {
  if (channels.length === 0 || !(sampleRate > 0)) {
    throw new RangeError('measureLoudness needs at least one channel and a positive sampleRate');
  }
  const frames = channels[0]!.length;
  const quarterFrames = quarterBlockFrames(sampleRate);
  const quarterCount = Math.floor(frames / quarterFrames);
  const quarterEnergy = new Float64Array(Math.max(1, quarterCount));
  const weights = channelWeights(channels.length);
  let peakSample = 0;
  let peakTrue = 0;
  const blocks = Math.ceil(frames / PEAK_BLOCK_FRAMES);
  const maxima = channels.map(() => new Float32Array(blocks));
  let c0 = 0;
  for (; c0 + 1 < channels.length; c0 += 2) {
    accumulateKWeightedEnergyPair(
      channels[c0]!,
      channels[c0 + 1]!,
      sampleRate,
      weights[c0]!,
      weights[c0 + 1]!,
      quarterEnergy,
      maxima[c0],
      maxima[c0 + 1],
    );
  }
  if (c0 < channels.length) {
    accumulateKWeightedEnergy(channels[c0]!, sampleRate, weights[c0]!, quarterEnergy);
    blockPeaks(channels[c0]!, maxima[c0]!);
  }
  // Block maxima first: they give every channel's sample peak, so the true-peak search can
  // start from the loudest channel's level and skip what cannot exceed it.
  for (const m of maxima) for (let b = 0; b < blocks; b++) if (m[b]! > peakSample) peakSample = m[b]!;
  peakTrue = peakSample;
  for (let c = 0; c < channels.length; c++) peakTrue = truePeak(channels[c]!, peakTrue, maxima[c]);
  const windowEnergy = new Float64Array(Math.max(1, quarterCount));
  const blockCount = slidingWindowEnergy(
    quarterEnergy,
    quarterCount,
    quarterFrames,
    QUARTERS_PER_BLOCK,
    windowEnergy,
  );
  const integratedLufs = gatedIntegratedLufs(windowEnergy, blockCount);
  const shortTermCount = slidingWindowEnergy(
    quarterEnergy,
    quarterCount,
    quarterFrames,
    QUARTERS_PER_SHORT_TERM,
    windowEnergy,
  );
  const loudnessRangeLu = loudnessRangeFromShortTerm(windowEnergy, shortTermCount);
  return {
    integratedLufs,
    truePeakDbtp: linearToDb(peakTrue),
    loudnessRangeLu,
    samplePeakDbfs: linearToDb(peakSample),
  };
}

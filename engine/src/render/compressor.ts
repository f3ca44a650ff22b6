// Stereo-linked feed-forward compressor with a smoothed peak detector; gain computed in dB.

export interface CompressorSettings {
  thresholdDb: number;
  ratio: number;
  attackMs: number;
  releaseMs: number;
}

/** Compresses both channels in place with one gain (keeps the stereo image). */
export function compressStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  s: CompressorSettings,
): void {
  const attack = Math.exp(-1 / ((s.attackMs / 1000) * sampleRate));
  const release = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  const slope = 1 - 1 / s.ratio;
  const threshold = 10 ** (s.thresholdDb / 20);
  // The gain is recomputed every 16 samples (0.36 ms) and interpolated: the envelope moves far
  // slower than that, and log/pow per sample would dominate the cost.
  const hop = 16;
  let env = 0;
  let gain = 1;
  for (let start = 0; start < left.length; start += hop) {
    const end = Math.min(left.length, start + hop);
    for (let i = start; i < end; i++) {
      const level = Math.max(Math.abs(left[i]!), Math.abs(right[i]!));
      env = level > env ? attack * env + (1 - attack) * level : release * env + (1 - release) * level;
    }
    const target = env > threshold ? (env / threshold) ** -slope : 1;
    const step = (target - gain) / (end - start);
    for (let i = start; i < end; i++) {
      gain += step;
      left[i] = left[i]! * gain;
      right[i] = right[i]! * gain;
    }
  }
}

/** Level of the active part of a signal: RMS over 100 ms blocks louder than −60 dBFS, in dBFS. */
export function activeRmsDb(left: Float32Array, right: Float32Array, sampleRate: number): number {
  const block = Math.round(sampleRate / 10);
  let sum = 0;
  let blocks = 0;
  for (let start = 0; start + block <= left.length; start += block) {
    let e = 0;
    for (let i = start; i < start + block; i++) e += left[i]! * left[i]! + right[i]! * right[i]!;
    e /= 2 * block;
    if (e > 1e-6) {
      sum += e;
      blocks++;
    }
  }
  return blocks === 0 ? Number.NEGATIVE_INFINITY : 10 * Math.log10(sum / blocks);
}

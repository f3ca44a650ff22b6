// Stereo-linked feed-forward compressor with a smoothed peak detector; gain computed in dB. And the
// "active level" the channel strip normalises stems by.

export interface CompressorSettings {
  thresholdDb: number;
  ratio: number;
  attackMs: number;
  releaseMs: number;
}

/** Level blocks of the active-RMS measure: 100 ms. */
export function levelBlockFrames(sampleRate: number): number {
  return Math.round(sampleRate / 10);
}

/**
 * Level of the active part of a signal from its block energies (Σ l² + r² per 100 ms block, see
 * levelBlockFrames): RMS over the full blocks louder than −60 dBFS, in dBFS.
 */
export function activeRmsDbOfBlocks(energies: Float64Array, blockFrames: number, frames: number): number {
  const fullBlocks = Math.floor(frames / blockFrames);
  let sum = 0;
  let blocks = 0;
  for (let b = 0; b < fullBlocks; b++) {
    const e = energies[b]! / (2 * blockFrames);
    if (e > 1e-6) {
      sum += e;
      blocks++;
    }
  }
  return blocks === 0 ? Number.NEGATIVE_INFINITY : 10 * Math.log10(sum / blocks);
}

/**
 * Compresses both channels in place with one gain (keeps the stereo image) and returns the active
 * level of the result (activeRmsDbOfBlocks), measured on the way.
 */
export function compressStereo(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  s: CompressorSettings,
): number {
  const attack = Math.exp(-1 / ((s.attackMs / 1000) * sampleRate));
  const release = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
  const slope = 1 - 1 / s.ratio;
  const threshold = 10 ** (s.thresholdDb / 20);
  const block = levelBlockFrames(sampleRate);
  const energies = new Float64Array(Math.ceil(left.length / block));
  // The gain is recomputed every 16 samples (0.36 ms) and interpolated: the envelope moves far
  // slower than that, and log/pow per sample would dominate the cost.
  const hop = 16;
  let env = 0;
  let gain = 1;
  let e = 0;
  let inBlock = 0;
  let blockIndex = 0;
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
      const l = left[i]! * gain;
      const r = right[i]! * gain;
      left[i] = l;
      right[i] = r;
      e += l * l + r * r;
      if (++inBlock === block) {
        energies[blockIndex++] = e;
        e = 0;
        inBlock = 0;
      }
    }
  }
  if (inBlock > 0) energies[blockIndex] = e;
  return activeRmsDbOfBlocks(energies, block, left.length);
}

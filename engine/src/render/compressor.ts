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
 * Compresses both channels in place with one gain (keeps the stereo image), streaming over frame
 * ranges, and measures the active level of its output on the way (`levelDb` once all is through).
 */
export class StereoCompressor {
  private readonly attack: number;
  private readonly release: number;
  private readonly slope: number;
  private readonly threshold: number;
  private readonly block: number;
  private readonly energies: Float64Array;
  private env = 0;
  private gain = 1;
  private frames = 0;

  constructor(sampleRate: number, s: CompressorSettings, totalFrames: number) {
    this.attack = Math.exp(-1 / ((s.attackMs / 1000) * sampleRate));
    this.release = Math.exp(-1 / ((s.releaseMs / 1000) * sampleRate));
    this.slope = 1 - 1 / s.ratio;
    this.threshold = 10 ** (s.thresholdDb / 20);
    this.block = levelBlockFrames(sampleRate);
    this.energies = new Float64Array(Math.ceil(totalFrames / this.block));
  }

  /** Frames [from, to), ranges in order; `from` a multiple of 16 (the gain's hop) but for the end. */
  process(left: Float32Array, right: Float32Array, from: number, to: number): void {
    const { attack, release, slope, threshold, block, energies } = this;
    // The gain is recomputed every 16 samples (0.36 ms) and interpolated: the envelope moves far
    // slower than that, and log/pow per sample would dominate the cost.
    const hop = 16;
    let { env, gain } = this;
    for (let start = from; start < to; start += hop) {
      const end = Math.min(to, start + hop);
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
        const b = (i / block) | 0;
        energies[b] = energies[b]! + l * l + r * r;
      }
    }
    this.env = env;
    this.gain = gain;
    this.frames = Math.max(this.frames, to);
  }

  /** Active level of everything compressed so far (activeRmsDbOfBlocks). */
  get levelDb(): number {
    return activeRmsDbOfBlocks(this.energies, this.block, this.frames);
  }
}

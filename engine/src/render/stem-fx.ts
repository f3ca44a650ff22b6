// Per-stem channel strip: high-pass, air shelf, compression, level (normalised, then the genre's
// gain), and the stem's own reverb and delay returns, so each stem is a finished bus and the stems
// sum exactly to the mix.
//
// Passes over a stem are what the strip costs (every sample of every stem, with two threads
// competing for memory bandwidth), so it makes few: the filters run on each block the synth has
// just rendered, while it is in cache, and measure the level on the way; the compressor measures
// its output; delay, reverb and the peak go chunk by chunk in one pass. The level itself is not
// applied here: it comes out as a gain that the stem's WAV writer and the mix sum apply (delay and
// reverb are linear, so gain after them equals gain before them).
import type { MusicPlan, StemName } from '../compose/plan-types.ts';
import { highpass, highShelf, IDENTITY, StereoFilter } from './biquad.ts';
import { activeRmsDbOfBlocks, levelBlockFrames, StereoCompressor } from './compressor.ts';
import { PingPongDelay } from './delay.ts';
import { StereoReverb } from './reverb.ts';
import { addVinylTexture } from './texture.ts';

/** Every stem is first brought to this active RMS, then offset by its mix gain. */
const STEM_REFERENCE_DB = -24;
/** Frames per chunk of the delay → reverb → peak pass (even: the reverb works on pairs). */
const RETURNS_CHUNK = 4096;

/**
 * A stem's peak may not exceed this (+5.6 dBFS) after its strip: stems are written to 16-bit WAV at
 * −6 dB (STEM_WAV_GAIN) and must not clip there. Scaling the stem before it enters the mix keeps
 * the stems summing exactly to the mix.
 */
export const STEM_PEAK_LIMIT = 1.9;
/** Stems in the ZIP are the pre-master mix's components at this fixed gain (−6.02 dB). */
export const STEM_WAV_GAIN = 0.5;

/** One stem's channel strip: `filter` each rendered block, then `finish` once the stem is whole. */
export class StemStrip {
  private readonly filter: StereoFilter;
  private readonly blockFrames: number;

  constructor(
    private readonly stem: StemName,
    private readonly plan: MusicPlan,
    private readonly sampleRate: number,
    private readonly frames: number,
  ) {
    const mix = plan.mix[stem];
    this.blockFrames = levelBlockFrames(sampleRate);
    this.filter = new StereoFilter(
      mix.highpassHz > 0 ? highpass(mix.highpassHz, sampleRate) : IDENTITY,
      Math.abs(mix.airDb) > 0.1 ? highShelf(6000, mix.airDb, sampleRate) : IDENTITY,
      this.blockFrames,
      frames,
    );
  }

  /** High-pass and air shelf over frames [from, to), just rendered (ranges in order). */
  filterRendered(left: Float32Array, right: Float32Array, from: number, to: number): void {
    this.filter.process(left, right, from, to);
  }

  /**
   * The rest of the strip over the whole (filtered) stem, in place, up to its level; returns the
   * gain that finishes it: the stem is `gain` × buffer (brought to its mix level, its peak capped
   * at STEM_PEAK_LIMIT). A silent stem gets gain 1.
   */
  finish(left: Float32Array, right: Float32Array): number {
    const { stem, plan, sampleRate, frames } = this;
    const mix = plan.mix[stem];
    const filteredDb = activeRmsDbOfBlocks(this.filter.energies, this.blockFrames, frames);
    if (!Number.isFinite(filteredDb)) return 1;
    const compressor = mix.compress
      ? new StereoCompressor(
          sampleRate,
          {
            thresholdDb: filteredDb + (stem === 'drums' ? 6 : 3),
            ratio: stem === 'vocals' ? 2.5 : 3,
            attackMs: stem === 'drums' ? 8 : 5,
            releaseMs: 120,
          },
          frames,
        )
      : undefined;
    // Returns are added in place: the delay first (each dry sample enters its line before the echo
    // is added at that index), then the reverb, which so also softens the echoes (delay → reverb).
    const delay =
      mix.delaySend > 0.02
        ? new PingPongDelay(sampleRate, (60 / plan.bpm) * 0.75, 0.35, mix.delaySend * 0.6)
        : undefined;
    const reverb =
      mix.reverbSend > 0.02
        ? new StereoReverb(sampleRate, mix.reverbSend, {
            decaySec: plan.reverbSizeSec,
            damping: 0.35,
            preDelayMs: 18,
          })
        : undefined;
    // The vinyl texture (lo-fi harmony) sits at a fixed level in the finished stem, so it needs the
    // compressed level before the returns: then compression gets a pass of its own.
    const vinyl = stem === 'harmony' && plan.texture.vinyl;
    const levelGainDb = (levelDb: number): number => STEM_REFERENCE_DB - levelDb + mix.gainDb;
    const levelDb = (): number => compressor?.levelDb ?? filteredDb;
    if (vinyl) {
      compressor?.process(left, right, 0, frames);
      if (!Number.isFinite(levelDb())) return 1;
      addVinylTexture(
        left,
        right,
        sampleRate,
        plan.seed,
        STEM_REFERENCE_DB + mix.gainDb - 14 - levelGainDb(levelDb()),
      );
    }
    // Compression (its output level measured on the way), delay, reverb and the peak in one pass,
    // chunk by chunk.
    const even = frames - (frames % 2);
    let peak = 0;
    for (let from = 0; from < frames; from += RETURNS_CHUNK) {
      const to = Math.min(frames, from + RETURNS_CHUNK);
      if (!vinyl) compressor?.process(left, right, from, to);
      delay?.process(left, right, from, to);
      reverb?.process(left, right, from, Math.min(to, even));
      for (let i = from; i < to; i++) {
        const l = Math.abs(left[i]!);
        const r = Math.abs(right[i]!);
        if (l > peak) peak = l;
        if (r > peak) peak = r;
      }
    }
    if (!Number.isFinite(levelDb())) return 1;
    const gain = 10 ** (levelGainDb(levelDb()) / 20);
    return peak * gain > STEM_PEAK_LIMIT ? STEM_PEAK_LIMIT / peak : gain;
  }
}

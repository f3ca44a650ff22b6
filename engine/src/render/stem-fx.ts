// Per-stem channel strip: high-pass, air shelf, compression, level (normalised, then the genre's
// gain), and the stem's own reverb and delay returns, so each stem is a finished bus and the stems
// sum exactly to the mix.
//
// The level is not applied here: it comes out as a gain that the stem's WAV writer and the mix sum
// apply on their way (delay and reverb are linear, so gain after them equals gain before them).
// That saves two passes over the stem (the gain, and the peak cap) — the strip runs over every
// sample of every stem, about a third of the engine's work before this.
import type { MusicPlan, StemName } from '../compose/plan-types.ts';
import { filterStereo, highpass, highShelf, IDENTITY } from './biquad.ts';
import { activeRmsDbOfBlocks, compressStereo, levelBlockFrames } from './compressor.ts';
import { addPingPongDelay } from './delay.ts';
import { addReverb } from './reverb.ts';
import type { StereoBuffer } from './synth-render.ts';
import { addVinylTexture } from './texture.ts';

/** Every stem is first brought to this active RMS, then offset by its mix gain. */
const STEM_REFERENCE_DB = -24;

/**
 * A stem's peak may not exceed this (+5.6 dBFS) after its strip: stems are written to 16-bit WAV at
 * −6 dB (STEM_WAV_GAIN) and must not clip there. Scaling the stem before it enters the mix keeps
 * the stems summing exactly to the mix.
 */
export const STEM_PEAK_LIMIT = 1.9;
/** Stems in the ZIP are the pre-master mix's components at this fixed gain (−6.02 dB). */
export const STEM_WAV_GAIN = 0.5;

function peakOf(left: Float32Array, right: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < left.length; i++) {
    const l = Math.abs(left[i]!);
    const r = Math.abs(right[i]!);
    if (l > peak) peak = l;
    if (r > peak) peak = r;
  }
  return peak;
}

/**
 * Runs the stem's channel strip over `buffer` in place, up to its level, and returns the gain that
 * finishes it: the stem is `gain` × buffer (brought to its mix level, its peak capped at
 * STEM_PEAK_LIMIT). A silent stem gets gain 1.
 */
export function processStem(
  stem: StemName,
  buffer: StereoBuffer,
  plan: MusicPlan,
  sampleRate: number,
): number {
  const mix = plan.mix[stem];
  const [left, right] = buffer;
  const block = levelBlockFrames(sampleRate);
  const energies = filterStereo(
    left,
    right,
    mix.highpassHz > 0 ? highpass(mix.highpassHz, sampleRate) : IDENTITY,
    Math.abs(mix.airDb) > 0.1 ? highShelf(6000, mix.airDb, sampleRate) : IDENTITY,
    block,
  );
  let levelDb = activeRmsDbOfBlocks(energies, block, left.length);
  if (!Number.isFinite(levelDb)) return 1;
  if (mix.compress) {
    levelDb = compressStereo(left, right, sampleRate, {
      thresholdDb: levelDb + (stem === 'drums' ? 6 : 3),
      ratio: stem === 'vocals' ? 2.5 : 3,
      attackMs: stem === 'drums' ? 8 : 5,
      releaseMs: 120,
    });
    if (!Number.isFinite(levelDb)) return 1;
  }
  const levelGainDb = STEM_REFERENCE_DB - levelDb + mix.gainDb;
  // The texture sits at a fixed level in the finished stem: here, before the gain, that is lower by it.
  if (stem === 'harmony' && plan.texture.vinyl)
    addVinylTexture(left, right, sampleRate, plan.seed, STEM_REFERENCE_DB + mix.gainDb - 14 - levelGainDb);
  // Returns are added in place: the delay first (each dry sample enters its line before the echo
  // is added at that index), then the reverb, which so also softens the echoes (delay → reverb).
  if (mix.delaySend > 0.02) {
    const beatSec = 60 / plan.bpm;
    addPingPongDelay(left, right, left, right, sampleRate, beatSec * 0.75, 0.35, mix.delaySend * 0.6);
  }
  if (mix.reverbSend > 0.02) {
    addReverb(left, right, sampleRate, mix.reverbSend, {
      decaySec: plan.reverbSizeSec,
      damping: 0.35,
      preDelayMs: 18,
    });
  }
  const gain = 10 ** (levelGainDb / 20);
  const peak = peakOf(left, right) * gain;
  return peak > STEM_PEAK_LIMIT ? gain * (STEM_PEAK_LIMIT / peak) : gain;
}

// Per-stem channel strip: high-pass, air shelf, compression, level (normalised, then the genre's
// gain), and the stem's own reverb and delay returns, so each stem is a finished bus and the stems
// sum exactly to the mix.
import type { MusicPlan, StemName } from '../compose/plan-types.ts';
import { applyBiquad, highpass, highShelf } from './biquad.ts';
import { activeRmsDb, compressStereo } from './compressor.ts';
import { addPingPongDelay } from './delay.ts';
import { addReverb } from './reverb.ts';
import type { StereoBuffer } from './synth-render.ts';
import { addVinylTexture } from './texture.ts';

/** Every stem is first brought to this active RMS, then offset by its mix gain. */
const STEM_REFERENCE_DB = -24;

export function processStem(stem: StemName, buffer: StereoBuffer, plan: MusicPlan, sampleRate: number): void {
  const mix = plan.mix[stem];
  const [left, right] = buffer;
  if (mix.highpassHz > 0) {
    const hp = highpass(mix.highpassHz, sampleRate);
    applyBiquad(left, hp);
    applyBiquad(right, hp);
  }
  if (Math.abs(mix.airDb) > 0.1) {
    const shelf = highShelf(6000, mix.airDb, sampleRate);
    applyBiquad(left, shelf);
    applyBiquad(right, shelf);
  }
  const levelDb = activeRmsDb(left, right, sampleRate);
  if (!Number.isFinite(levelDb)) return;
  if (mix.compress) {
    compressStereo(left, right, sampleRate, {
      thresholdDb: levelDb + (stem === 'drums' ? 6 : 3),
      ratio: stem === 'vocals' ? 2.5 : 3,
      attackMs: stem === 'drums' ? 8 : 5,
      releaseMs: 120,
    });
  }
  const gain = 10 ** ((STEM_REFERENCE_DB - activeRmsDb(left, right, sampleRate) + mix.gainDb) / 20);
  for (let i = 0; i < left.length; i++) {
    left[i] = left[i]! * gain;
    right[i] = right[i]! * gain;
  }
  if (stem === 'harmony' && plan.texture.vinyl)
    addVinylTexture(left, right, sampleRate, plan.seed, STEM_REFERENCE_DB + mix.gainDb - 14);
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
}

/**
 * A stem's peak may not exceed this (+5.6 dBFS) after its strip: stems are written to 16-bit WAV at
 * −6 dB (STEM_WAV_GAIN) and must not clip there. Scaling the stem before it enters the mix keeps
 * the stems summing exactly to the mix.
 */
export const STEM_PEAK_LIMIT = 1.9;
/** Stems in the ZIP are the pre-master mix's components at this fixed gain (−6.02 dB). */
export const STEM_WAV_GAIN = 0.5;

export function capPeak(left: Float32Array, right: Float32Array): void {
  let peak = 0;
  for (let i = 0; i < left.length; i++) peak = Math.max(peak, Math.abs(left[i]!), Math.abs(right[i]!));
  if (peak <= STEM_PEAK_LIMIT) return;
  const g = STEM_PEAK_LIMIT / peak;
  for (let i = 0; i < left.length; i++) {
    left[i] = left[i]! * g;
    right[i] = right[i]! * g;
  }
}

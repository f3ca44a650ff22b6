// Mastering: gain to the loudness target, true-peak-safe limiting, fades. Loudness and true peak
// come from dsp/loudness.ts (BS.1770-4); this module only decides the gain.
import { measureLoudness } from '../dsp/loudness.ts';
import { limitStereo } from './limiter.ts';

export const TARGET_LUFS = -14;
/** Our meter's true-peak ceiling; ffmpeg's ebur128 reads up to ≈0.5 dB higher, and the contract is ≤ −1 dBTP there. */
export const TRUE_PEAK_CEILING_DBTP = -1.6;

export interface MasterResult {
  left: Float32Array;
  right: Float32Array;
  integratedLufs: number;
  truePeakDbtp: number;
  gainDb: number;
}

function applyFades(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  fadeInSec: number,
  fadeOutSec: number,
): void {
  const inFrames = Math.min(left.length, Math.round(fadeInSec * sampleRate));
  for (let i = 0; i < inFrames; i++) {
    const g = i / inFrames;
    left[i] = left[i]! * g;
    right[i] = right[i]! * g;
  }
  const outFrames = Math.min(left.length, Math.round(fadeOutSec * sampleRate));
  const start = left.length - outFrames;
  for (let i = 0; i < outFrames; i++) {
    const g = 0.5 + 0.5 * Math.cos((Math.PI * (i + 1)) / outFrames);
    left[start + i] = left[start + i]! * g;
    right[start + i] = right[start + i]! * g;
  }
}

/**
 * out = mix × g over [from, to). A kernel per short chunk rather than one loop over the track: the
 * long loop ran as on-stack-replaced code that boxed a heap number per sample (≈65 MB of garbage
 * per master for a 60 s track); this one is optimised whole after a few calls.
 */
const SCALE_CHUNK = 1024;
function scaleChunk(
  mixL: Float32Array,
  mixR: Float32Array,
  outL: Float32Array,
  outR: Float32Array,
  g: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    outL[i] = mixL[i]! * g;
    outR[i] = mixR[i]! * g;
  }
}

/** Masters a stereo mix (not modified) into `out` (new buffers when not given). */
export function masterMix(
  mixL: Float32Array,
  mixR: Float32Array,
  sampleRate: number,
  fadeOutSec: number,
  out: [Float32Array, Float32Array] = [new Float32Array(mixL.length), new Float32Array(mixR.length)],
): MasterResult {
  const [outL, outR] = out;
  const before = measureLoudness([mixL, mixR], sampleRate);
  let gainDb = Number.isFinite(before.integratedLufs) ? TARGET_LUFS - before.integratedLufs : 0;
  let ceilingDb = TRUE_PEAK_CEILING_DBTP - 0.4;
  let result = { integratedLufs: Number.NEGATIVE_INFINITY, truePeakDbtp: Number.NEGATIVE_INFINITY };
  // Limiting takes some loudness away, so iterate: re-measure, correct the gain, re-limit from the mix.
  for (let pass = 0; pass < 4; pass++) {
    const g = 10 ** (gainDb / 20);
    for (let from = 0; from < mixL.length; from += SCALE_CHUNK)
      scaleChunk(mixL, mixR, outL, outR, g, from, Math.min(mixL.length, from + SCALE_CHUNK));
    limitStereo(outL, outR, sampleRate, { ceilingDb, lookaheadMs: 3, releaseMs: 80 });
    applyFades(outL, outR, sampleRate, 0.01, fadeOutSec);
    const m = measureLoudness([outL, outR], sampleRate);
    result = m;
    const loudOk = !Number.isFinite(m.integratedLufs) || Math.abs(m.integratedLufs - TARGET_LUFS) <= 0.2;
    const peakOk = m.truePeakDbtp <= TRUE_PEAK_CEILING_DBTP;
    if (loudOk && peakOk) break;
    if (!peakOk) ceilingDb -= m.truePeakDbtp - TRUE_PEAK_CEILING_DBTP + 0.1;
    if (!loudOk) gainDb += TARGET_LUFS - m.integratedLufs;
  }
  return {
    left: outL,
    right: outR,
    integratedLufs: result.integratedLufs,
    truePeakDbtp: result.truePeakDbtp,
    gainDb,
  };
}

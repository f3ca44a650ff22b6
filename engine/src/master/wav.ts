// 16-bit PCM WAV writer (hand-written 44-byte header), with TPDF dither from a seeded generator so
// the output stays deterministic.

/** Bytes of a 16-bit WAV of `frames` frames. */
export function wav16Bytes(frames: number, channelCount: number): number {
  return 44 + frames * channelCount * 2;
}

/** Adds the samples, times `gain`, into `mix` on the way (one pass for a stem's WAV and its sum). */
export interface WavSum {
  mix: readonly Float32Array[];
  gain: number;
}

/**
 * `gain` scales the samples on the way out (lets callers write scaled stems without a copy).
 * `into`, when given, receives the file (exactly wav16Bytes long, at a 4-byte aligned offset):
 * a stem is written straight into its place in the stems ZIP. `sum` adds the samples into a mix
 * in the same pass.
 */
export function encodeWav16(
  channels: readonly Float32Array[],
  sampleRate: number,
  ditherSeed = 1,
  gain = 1,
  into?: Uint8Array,
  sum?: WavSum,
): Uint8Array {
  const channelCount = channels.length;
  const frames = channels[0]?.length ?? 0;
  const fileBytes = wav16Bytes(frames, channelCount);
  const dataBytes = fileBytes - 44;
  const out = into ?? new Uint8Array(fileBytes);
  if (out.length !== fileBytes || out.byteOffset % 4 !== 0)
    throw new Error('wav: the target must be exactly the file size and 4-byte aligned');
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const writeAscii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  writeAscii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(8, 'WAVE');
  writeAscii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  writeAscii(36, 'data');
  view.setUint32(40, dataBytes, true);
  // TPDF dither of ±1 LSB from the two 16-bit halves of one xorshift32 draw (cheap, deterministic),
  // then round half up. Frames are written in order, channel after channel within each frame.
  const samples = new Int16Array(out.buffer, out.byteOffset + 44, frames * channelCount);
  const scale = 32767 * gain;
  let state = ditherSeed >>> 0 || 1;
  if (channelCount === 2) {
    const [l, r] = channels as [Float32Array, Float32Array];
    for (let from = 0; from < frames; from += STEREO_CHUNK) {
      const to = Math.min(frames, from + STEREO_CHUNK);
      state = sum
        ? stereoChunkSum(l, r, samples, scale, state, from, to, sum.mix[0]!, sum.mix[1]!, sum.gain)
        : stereoChunk(l, r, samples, scale, state, from, to);
    }
    return out;
  }
  const mixGain = sum?.gain ?? 0;
  for (let i = 0, j = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++, j++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const r = state >>> 0;
      const v = channels[c]![i]!;
      const x = v * scale + ((r & 0xffff) - (r >>> 16)) / 65536 + 0.5;
      // floor(x) for x within ±65536 without Math.floor: truncation of a positive number.
      samples[j] = x >= 32767 ? 32767 : x <= -32768 ? -32768 : ((x + 65536) | 0) - 65536;
      if (sum) {
        const m = sum.mix[c]!;
        m[i] = m[i]! + v * mixGain;
      }
    }
  }
  return out;
}

/**
 * Stereo (every stem and master) goes through these kernels, a chunk per call: the same arithmetic
 * as the general loop, without its per-sample channel loop, array lookups and branch on the sum
 * (≈3× faster), and short enough to be optimised whole rather than on-stack-replaced (which boxes
 * a heap number per sample). They return the dither generator's state for the next chunk.
 */
const STEREO_CHUNK = 4096;

function stereoChunk(
  l: Float32Array,
  r: Float32Array,
  samples: Int16Array,
  scale: number,
  state: number,
  from: number,
  to: number,
): number {
  for (let i = from; i < to; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    let d = state >>> 0;
    let x = l[i]! * scale + ((d & 0xffff) - (d >>> 16)) / 65536 + 0.5;
    samples[2 * i] = x >= 32767 ? 32767 : x <= -32768 ? -32768 : ((x + 65536) | 0) - 65536;
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    d = state >>> 0;
    x = r[i]! * scale + ((d & 0xffff) - (d >>> 16)) / 65536 + 0.5;
    samples[2 * i + 1] = x >= 32767 ? 32767 : x <= -32768 ? -32768 : ((x + 65536) | 0) - 65536;
  }
  return state;
}

function stereoChunkSum(
  l: Float32Array,
  r: Float32Array,
  samples: Int16Array,
  scale: number,
  state: number,
  from: number,
  to: number,
  mixL: Float32Array,
  mixR: Float32Array,
  mixGain: number,
): number {
  state = stereoChunk(l, r, samples, scale, state, from, to);
  for (let i = from; i < to; i++) {
    mixL[i] = mixL[i]! + l[i]! * mixGain;
    mixR[i] = mixR[i]! + r[i]! * mixGain;
  }
  return state;
}

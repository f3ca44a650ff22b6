// The preview MP3 cut from the full MP3's frames, with its fades applied in the compressed domain
// (as mp3DirectCut and mp3gain do): each granule's global_gain, an 8-bit field of the frame's side
// information, scales that granule's decoded samples by 2^(−1/4) ≈ −1.5 dB per step, so lowering
// it per granule draws a fade without decoding or re-encoding anything. The synthesis window
// overlaps neighbouring granules, which smooths the 1.5 dB steps into a continuous curve. Encoding a
// separate 30 s preview with LAME cost ≈0.5 s of CPU and a second encoder instance (≈17 MB).
//
// Supported: what our encoder writes (mp3.ts) — MPEG-1 Layer III, stereo or joint stereo, no CRC.

const SAMPLES_PER_FRAME = 1152;
const GRANULE = 576;
/** LAME's encoder delay plus the decoder's: decoded sample n is input sample n − 1105. */
const CODEC_DELAY = 576 + 529;
/** Frames kept before the cut, silenced: the first cut frame's data may start in earlier frames (the bit reservoir). */
const PRIMING_FRAMES = 2;
const BITRATES_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
const SAMPLE_RATES = [44100, 48000, 32000, 0];

interface Frame {
  offset: number;
  length: number;
}

/** Frame offsets and lengths of an MPEG-1 Layer III stream without tags. */
export function mp3Frames(mp3: Uint8Array): { frames: Frame[]; sampleRate: number } {
  const frames: Frame[] = [];
  let sampleRate = 0;
  let at = 0;
  while (at + 4 <= mp3.length) {
    const b1 = mp3[at + 1]!;
    const b2 = mp3[at + 2]!;
    const b3 = mp3[at + 3]!;
    // Sync (11 bits), MPEG-1 (11), Layer III (01), no CRC (protection bit 1).
    if (mp3[at] !== 0xff || (b1 & 0xfe) !== 0xfa || (b1 & 1) !== 1)
      throw new Error(`mp3 cut: no MPEG-1 Layer III frame without CRC at byte ${at}`);
    if (b3 >> 6 === 3) throw new Error('mp3 cut: mono streams are not supported');
    const kbps = BITRATES_KBPS[b2 >> 4]!;
    const rate = SAMPLE_RATES[(b2 >> 2) & 3]!;
    if (kbps === 0 || rate === 0) throw new Error(`mp3 cut: unsupported frame header at byte ${at}`);
    sampleRate = rate;
    const length = Math.floor((144 * kbps * 1000) / rate) + ((b2 >> 1) & 1);
    frames.push({ offset: at, length });
    at += length;
  }
  return { frames, sampleRate };
}

/** Lowers the global_gain of granule `gr`, channel `ch` of the frame at `offset` by `steps` (1.5 dB each). */
function lowerGlobalGain(bytes: Uint8Array, offset: number, gr: number, ch: number, steps: number): void {
  if (steps <= 0) return;
  // Side info after the 4-byte header: main_data_begin 9, private_bits 3, scfsi 2×4 bits, then
  // 59 bits per granule and channel, whose global_gain starts 21 bits in.
  const bit = 32 + 20 + (gr * 2 + ch) * 59 + 21;
  const byte = offset + (bit >> 3);
  const shift = bit & 7;
  // The 8-bit field spans two bytes (unless shift is 0).
  const word = (bytes[byte]! << 8) | bytes[byte + 1]!;
  const gain = (word >> (8 - shift)) & 0xff;
  const lowered = Math.max(0, gain - steps);
  const mask = 0xff << (8 - shift);
  const next = (word & ~mask) | (lowered << (8 - shift));
  bytes[byte] = (next >> 8) & 0xff;
  bytes[byte + 1] = next & 0xff;
}

export interface Mp3CutOptions {
  startSec: number;
  durationSec: number;
  /** Linear fade-in; none when the cut starts at 0. */
  fadeInSec: number;
  /** Linear fade-out at the end of the cut. */
  fadeOutSec: number;
}

/**
 * `durationSec` of `mp3` from `startSec` (to the nearest frame, ±13 ms) as a new MP3 with linear
 * fades drawn by each granule's global gain. Two silenced frames go before the cut: they carry the
 * bit-reservoir bytes that the first kept frame may start in.
 */
export function cutMp3(mp3: Uint8Array, o: Mp3CutOptions): Uint8Array {
  const { frames, sampleRate } = mp3Frames(mp3);
  // From the start, the stream is kept as it is: no priming, no fade-in.
  const first =
    o.startSec > 0 ? Math.max(0, Math.round((o.startSec * sampleRate + CODEC_DELAY) / SAMPLES_PER_FRAME)) : 0;
  const count = Math.ceil((o.durationSec * sampleRate) / SAMPLES_PER_FRAME);
  const from = Math.max(0, first - PRIMING_FRAMES);
  const to = Math.min(frames.length, first + count);
  if (to <= first) throw new Error('mp3 cut: the cut starts after the end of the stream');
  const start = frames[from]!.offset;
  const end = frames[to - 1]!.offset + frames[to - 1]!.length;
  const out = mp3.slice(start, end);
  const keptSamples = (to - first) * SAMPLES_PER_FRAME;
  const fadeIn = o.startSec > 0 ? o.fadeInSec * sampleRate : 0;
  const fadeOut = o.fadeOutSec * sampleRate;
  for (let f = from; f < to; f++) {
    const offset = frames[f]!.offset - start;
    for (let gr = 0; gr < 2; gr++) {
      // Time of the granule's centre within the cut, in samples.
      const t = (f - first) * SAMPLES_PER_FRAME + gr * GRANULE + GRANULE / 2;
      let g = 1;
      if (t < 0) g = 0;
      else if (t < fadeIn) g = t / fadeIn;
      if (keptSamples - t < fadeOut) g = Math.min(g, Math.max(0, keptSamples - t) / fadeOut);
      // 255 steps is −382 dB: silence.
      const steps = g <= 0 ? 255 : Math.round((-20 * Math.log10(g)) / 1.5);
      for (let ch = 0; ch < 2; ch++) lowerGlobalGain(out, offset, gr, ch, steps);
    }
  }
  return out;
}

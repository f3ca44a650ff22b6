// Where to cut an MP3 so that its second part can be decoded on another thread with exactly the
// samples one decoder would have produced (issue 19). Pure functions over the bytes; the threads
// are in decode.ts and analysis-helper.ts.
//
// What makes a frame's output depend on earlier frames, and how the cut answers each (measured
// on mpg123, the decoder of @audio/decode-mp3, and asserted in mp3-split.test.ts):
// - the bit reservoir (a frame's main data may start up to 511 bytes before its header) and the
//   IMDCT overlap-add of the previous granule: the second decoder starts WARMUP_FRAMES (≥ 12)
//   frames before the cut and its output for them is thrown away. mpg123 does not skip a frame
//   whose reservoir is missing: it outputs a frame of silence, so the sample count stays exact.
// - the polyphase synthesis's ring buffer: its write position moves by 36 slots per MPEG-1
//   frame, modulo 16, and the float sums come out a few ulps different at another position.
//   The two decoders agree bit for bit only when each has synthesised the same number of frames
//   modulo 4 when they reach the cut (the Xing/Info frame is not synthesised, a starved first
//   frame of the second decoder is), so the warm-up is lengthened to match. MPEG-2/2.5 frames
//   (576 samples, rates ≤ 24 kHz) skip the synthesis of a starved frame only sometimes: they are
//   not split (they are cheap to decode anyway). decode.ts also compares the two decoders'
//   output for the two frames before the cut and decodes on one thread when they differ.
// - gapless trimming: mpg123 reads the LAME tag of the Info frame and drops delay + 529 samples
//   at the start and everything after frames·spf − padding + 529 at the end. The second decoder
//   never sees that frame, so its end is trimmed here.

import { id3v2Size, mp3FrameHeader } from './sniff.ts';

/** mpg123's own decoder delay, added to the LAME tag's encoder delay (GAPLESS_DELAY). */
const DECODER_DELAY = 529;
const WARMUP_FRAMES = 12;
/** Trailing bytes after the last whole frame accepted for a split (ID3v1, APE tag, a cut frame). */
const MAX_TRAILER_BYTES = 8192;

export interface Mp3Split {
  /** Byte where the first decoder stops (the header of the first frame the second one keeps). */
  splitByte: number;
  /** Byte where the second decoder starts. */
  tailStartByte: number;
  /** Samples (per channel) the second decoder outputs before the cut: discarded. */
  discardSamples: number;
  /** The last this many discarded samples must equal the first decoder's last ones (two frames). */
  checkSamples: number;
  /** Samples the first decoder must have produced for the cut to be exact (checked, else no split). */
  headSamples: number;
  /** Most samples the second decoder may contribute after the discard (gapless end), or null. */
  tailKeepSamples: number | null;
  sampleRate: number;
  /** Samples of audio in all whole frames. */
  totalSamples: number;
  /** Most samples the second decoder can output after the discard (its frames and the trailer's). */
  maxTailSamples: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Where a Xing/Info tag would sit in a frame: after the header, the CRC and the side info. */
function xingOffset(bytes: Uint8Array, at: number): number {
  const mpeg1 = ((bytes[at + 1]! >> 3) & 3) === 3;
  const mono = bytes[at + 3]! >> 6 === 3;
  const crc = (bytes[at + 1]! & 1) === 0 ? 2 : 0;
  return 4 + crc + (mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17);
}

interface InfoFrame {
  /** The Xing frame count (audio frames), or 0 when absent. */
  frames: number;
  /** Encoder delay and padding of the LAME tag, or null without one. */
  lame: { delay: number; padding: number } | null;
}

/** The Xing/Info tag of the first frame as mpg123 reads it, or null when the frame is audio. */
function readInfoFrame(bytes: Uint8Array, at: number, frameBytes: number): InfoFrame | null {
  const x = at + xingOffset(bytes, at);
  const end = at + frameBytes;
  if (x + 8 > end) return null;
  const tag = String.fromCharCode(bytes[x]!, bytes[x + 1]!, bytes[x + 2]!, bytes[x + 3]!);
  if (tag !== 'Xing' && tag !== 'Info') return null;
  const u32 = (i: number) =>
    ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
  const flags = u32(x + 4);
  let p = x + 8;
  let frames = 0;
  if (flags & 1) {
    frames = p + 4 <= end ? u32(p) : 0;
    p += 4;
  }
  if (flags & 2) p += 4;
  if (flags & 4) p += 100;
  if (flags & 8) p += 4;
  // The LAME extension: 9 bytes of encoder name, then delay and padding 12 bits each at +21.
  const lame =
    p + 24 <= end
      ? {
          delay: (bytes[p + 21]! << 4) | (bytes[p + 22]! >> 4),
          padding: ((bytes[p + 22]! & 15) << 8) | bytes[p + 23]!,
        }
      : null;
  return { frames, lame };
}

/**
 * The cut for an MP3 whose frames run back to back from the first to (almost) the end, with
 * one sample rate and frame size throughout, at about `headShare` of its frames; null when the
 * stream is not that simple (free format, junk between frames, rate changes, too short):
 * such files are decoded on one thread.
 */
export function planMp3Split(bytes: Uint8Array, headShare: number, minFrames = 64): Mp3Split | null {
  let at = id3v2Size(bytes);
  const limit = Math.min(bytes.length - 4, at + 4096);
  while (at <= limit && !mp3FrameHeader(bytes, at)) at++;
  const first = mp3FrameHeader(bytes, at);
  if (!first) return null;
  const { sampleRate, samplesPerFrame: spf } = first;
  if (spf !== 1152) return null;
  const starts: number[] = [];
  while (at + 4 <= bytes.length) {
    const h = mp3FrameHeader(bytes, at);
    if (!h || h.sampleRate !== sampleRate || h.samplesPerFrame !== spf || at + h.frameBytes > bytes.length)
      break;
    starts.push(at);
    at += h.frameBytes;
  }
  if (bytes.length - at > MAX_TRAILER_BYTES) return null;
  const info = readInfoFrame(bytes, starts[0]!, first.frameBytes);
  const infoFrames = info ? 1 : 0;
  const audioFrames = starts.length - infoFrames;
  if (audioFrames < minFrames) return null;
  const gapless = info?.lame && info.frames > 0 ? { ...info.lame, frames: info.frames } : null;
  const begin = gapless ? gapless.delay + DECODER_DELAY : 0;

  const split = infoFrames + Math.round(audioFrames * headShare);
  // Frames synthesised before the cut must agree modulo the ring's period (see above).
  const period = 16 / gcd(spf / 32, 16); // 4
  const before = split - infoFrames;
  const warmup = WARMUP_FRAMES + ((((before - WARMUP_FRAMES) % period) + period) % period);
  if (split - warmup <= infoFrames || split >= starts.length) return null;
  const headSamples = before * spf - begin;
  if (headSamples <= 0) return null;
  const endSample = gapless ? gapless.frames * spf - gapless.padding + DECODER_DELAY : null;
  return {
    splitByte: starts[split]!,
    tailStartByte: starts[split - warmup]!,
    discardSamples: warmup * spf,
    checkSamples: 2 * spf,
    headSamples,
    tailKeepSamples: endSample === null ? null : Math.max(0, endSample - before * spf),
    sampleRate,
    totalSamples: audioFrames * spf,
    // The smallest MPEG-1 Layer III frame is 96 bytes (32 kbps at 48 kHz).
    maxTailSamples: (starts.length - split + Math.ceil((bytes.length - at) / 96)) * spf,
  };
}

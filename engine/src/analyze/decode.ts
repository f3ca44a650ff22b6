// Decoding of uploads with the MIT @audio/decode-* packages, under a duration and wall-time
// budget. Every format goes through the same streaming loop so that a long file is refused
// after decoding at most maxDurationSec of it, and header claims are checked before that.
import { AudioAnalysisError, checkBudget } from './errors.ts';
import { id3v2Size, mp3FrameHeader, type SniffedFormat, sniffFormat } from './sniff.ts';

export interface DecodedAudio {
  format: SniffedFormat;
  sampleRate: number;
  /** Planar, full scale ±1, all the same length. */
  channels: Float32Array[];
}

export interface DecodeLimits {
  maxDurationSec: number;
  /** performance.now() value after which decoding stops with TIMEOUT. */
  deadlineMs: number;
  signal?: AbortSignal;
}

interface ChunkDecoder {
  decode(chunk: Uint8Array): { channelData: Float32Array[]; sampleRate: number };
  flush?(): { channelData: Float32Array[]; sampleRate: number };
  free(): void;
}

const CHUNK_BYTES = 256 * 1024;
const MIN_SAMPLE_RATE = 8000;
const MAX_SAMPLE_RATE = 192_000;
const MAX_CHANNELS = 8;

const UNSUPPORTED_MESSAGES: Record<string, string> = {
  m4a: 'M4A/AAC audio is not supported (no permissively licensed decoder); please upload MP3, WAV, FLAC, OGG or Opus.',
  aac: 'Raw AAC audio is not supported; please upload MP3, WAV, FLAC, OGG or Opus.',
  aiff: 'AIFF audio is not supported; please upload MP3, WAV, FLAC, OGG or Opus.',
  zip: 'This is a ZIP archive, not an audio file; please upload MP3, WAV, FLAC, OGG or Opus.',
  'ogg-other':
    'This Ogg file holds neither Vorbis nor Opus audio; please upload MP3, WAV, FLAC, OGG or Opus.',
  unknown: 'This file is not audio we recognise; please upload MP3, WAV, FLAC, OGG or Opus.',
};

function formatMinutes(sec: number): string {
  return sec >= 120 ? `${Math.round(sec / 60)} minutes` : `${Math.round(sec)} seconds`;
}

function tooLong(claimedSec: number | null, maxSec: number): AudioAnalysisError {
  const claim = claimedSec === null ? 'longer than' : `${formatMinutes(claimedSec)} long; the limit is`;
  return new AudioAnalysisError(
    'TOO_LONG',
    `The audio is ${claim} ${formatMinutes(maxSec)}; please upload a shorter excerpt.`,
  );
}

export interface WavHeaderInfo {
  channels: number;
  sampleRate: number;
  blockAlign: number;
  /** Bytes of sample data the header claims (RF64 64-bit sizes included); null when unknown/streamed. */
  dataBytes: number | null;
  dataStart: number;
}

/** Reads the fmt and data chunk headers without touching sample data; null if malformed. */
export function parseWavHeader(bytes: Uint8Array): WavHeaderInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rf64 = bytes[0] === 0x52 && bytes[1] === 0x46 && bytes[2] === 0x36 && bytes[3] === 0x34;
  let at = 12;
  let fmt: Omit<WavHeaderInfo, 'dataBytes' | 'dataStart'> | null = null;
  let ds64DataBytes: number | null = null;
  while (at + 8 <= bytes.length) {
    const id = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'ds64' && body + 16 <= bytes.length) {
      ds64DataBytes = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 2 ** 32;
    } else if (id === 'fmt ' && body + 16 <= bytes.length) {
      fmt = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
      };
    } else if (id === 'data') {
      if (!fmt) return null;
      let dataBytes: number | null = size === 0 || size === 0xffffffff ? null : size;
      if (rf64 && ds64DataBytes !== null) dataBytes = ds64DataBytes;
      return { ...fmt, dataBytes, dataStart: body };
    }
    at = body + size + (size & 1); // chunks are word-aligned
  }
  return null;
}

/** Duration claimed by the container before decoding, in seconds, or null if it does not say. */
export function claimedDurationSec(format: SniffedFormat, bytes: Uint8Array): number | null {
  if (format === 'wav') {
    const h = parseWavHeader(bytes);
    if (!h || h.blockAlign === 0 || h.sampleRate === 0) return null;
    return (h.dataBytes ?? bytes.length - h.dataStart) / h.blockAlign / h.sampleRate;
  }
  if (format === 'mp3') {
    const start = id3v2Size(bytes);
    for (let at = start; at < Math.min(bytes.length - 4, start + 4096); at++) {
      const head = mp3FrameHeader(bytes, at);
      if (!head) continue;
      // A Xing/Info header in the first frame gives the exact frame count (VBR files).
      const frame = bytes.subarray(at, Math.min(bytes.length, at + head.frameBytes));
      for (let i = 4; i + 12 <= frame.length && i < 64; i++) {
        const tag = String.fromCharCode(frame[i]!, frame[i + 1]!, frame[i + 2]!, frame[i + 3]!);
        if ((tag === 'Xing' || tag === 'Info') && (frame[i + 7]! & 1) !== 0) {
          const frames =
            ((frame[i + 8]! << 24) | (frame[i + 9]! << 16) | (frame[i + 10]! << 8) | frame[i + 11]!) >>> 0;
          return (frames * head.samplesPerFrame) / head.sampleRate;
        }
      }
      // Otherwise assume constant bitrate: close for CBR, an estimate for VBR.
      return ((bytes.length - at) * 8) / (head.bitrateKbps * 1000);
    }
  }
  return null;
}

/**
 * Duration to size the first PCM allocation: the container's claim, but never more than the
 * bytes can hold, so a small file with a large (under-limit) claim cannot make us allocate
 * hundreds of MB. MP3 is bounded at 32 kbps (lower rates just grow the buffer later).
 */
export function allocationHintSec(
  format: SniffedFormat,
  bytes: Uint8Array,
  claimed: number | null,
): number | null {
  if (claimed === null) return null;
  if (format === 'wav') {
    const h = parseWavHeader(bytes);
    if (!h || h.blockAlign === 0 || h.sampleRate === 0) return null;
    return Math.min(claimed, (bytes.length - h.dataStart) / h.blockAlign / h.sampleRate);
  }
  if (format === 'mp3') return Math.min(claimed, (bytes.length * 8) / 32_000);
  return null;
}

async function createDecoder(format: SniffedFormat): Promise<ChunkDecoder> {
  switch (format) {
    case 'wav':
      return (await import('@audio/decode-wav')).decoder();
    case 'mp3':
      return (await import('@audio/decode-mp3')).decoder();
    case 'flac':
      return (await import('@audio/decode-flac')).decoder();
    case 'ogg-vorbis':
      return (await import('@audio/decode-vorbis')).decoder();
    case 'ogg-opus':
      return (await import('@audio/decode-opus')).decoder();
  }
}

/** Growable planar PCM buffer: decoded chunks are copied in at once (decoders may reuse theirs). */
class PcmAccumulator {
  channels: Float32Array[] = [];
  frames = 0;
  sampleRate = 0;

  /** Expected duration from the container (WAV size, Xing frames, CBR estimate): sizes the first allocation. */
  constructor(private readonly expectedSec: number | null) {}

  append(channelData: Float32Array[], sampleRate: number, maxFrames: number): void {
    const n = channelData[0]?.length ?? 0;
    if (n === 0) return;
    if (this.channels.length === 0) {
      if (channelData.length > MAX_CHANNELS) {
        throw new AudioAnalysisError(
          'UNSUPPORTED_FORMAT',
          `Audio with ${channelData.length} channels is not supported.`,
        );
      }
      this.sampleRate = sampleRate;
      // A good guess avoids the copies (and the 1.5× peak) of growing; otherwise start at 30 s.
      const guess =
        this.expectedSec !== null ? Math.ceil(this.expectedSec * sampleRate * 1.01) + 1152 : sampleRate * 30;
      this.channels = channelData.map(() => new Float32Array(Math.min(maxFrames, Math.max(n, guess))));
    }
    const capacity = this.channels[0]!.length;
    const needed = this.frames + n;
    if (needed > capacity) {
      const grown = Math.min(maxFrames, Math.max(needed, capacity * 2));
      this.channels = this.channels.map((old) => {
        const next = new Float32Array(grown);
        next.set(old.subarray(0, this.frames));
        return next;
      });
    }
    const take = Math.min(n, this.channels[0]!.length - this.frames);
    for (let c = 0; c < this.channels.length; c++) {
      // A decoder that drops a channel mid-stream would leave silence there rather than crash.
      const src = channelData[c] ?? channelData[0]!;
      this.channels[c]!.set(src.subarray(0, take), this.frames);
    }
    this.frames += take;
  }

  result(): Float32Array[] {
    return this.channels.map((ch) => ch.subarray(0, this.frames));
  }
}

/**
 * Float PCM may exceed full scale a little (±1 is 0 dBFS); values 24 dB beyond it, or
 * NaN/Infinity, are not audio, and would turn loudness and energy into NaN/Infinity
 * (3e38 squared overflows). Checked on each decoded chunk.
 */
const MAX_SAMPLE_MAGNITUDE = 16;

function assertPlausibleSamples(channelData: Float32Array[]): void {
  for (const ch of channelData) {
    for (let i = 0; i < ch.length; i++) {
      const v = ch[i]!;
      // NaN fails both comparisons, so the negated form catches it too.
      if (!(v <= MAX_SAMPLE_MAGNITUDE && v >= -MAX_SAMPLE_MAGNITUDE)) {
        throw new AudioAnalysisError(
          'CORRUPT',
          'The audio holds sample values far beyond full scale (or not numbers at all): it is not valid audio.',
        );
      }
    }
  }
}

/** Sniffs, checks header claims, and decodes under the limits. Throws AudioAnalysisError. */
export async function decodeAudio(bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new AudioAnalysisError('EMPTY', 'The file is empty.');
  const sniffed = sniffFormat(bytes);
  if (!sniffed.ok) throw new AudioAnalysisError('UNSUPPORTED_FORMAT', UNSUPPORTED_MESSAGES[sniffed.kind]!);
  const format = sniffed.format;
  const claimed = claimedDurationSec(format, bytes);
  // WAV and Xing claims are exact; a CBR estimate for a VBR file can be off, hence the margin.
  const margin = format === 'wav' ? 1 : 2;
  if (claimed !== null && claimed > limits.maxDurationSec * margin)
    throw tooLong(claimed, limits.maxDurationSec);
  if (format === 'wav') {
    const h = parseWavHeader(bytes);
    if (!h || h.channels === 0 || h.blockAlign === 0) {
      throw new AudioAnalysisError('CORRUPT', 'The WAV file has a damaged header and cannot be read.');
    }
  }

  let decoder: ChunkDecoder;
  try {
    decoder = await createDecoder(format);
  } catch (err) {
    throw new AudioAnalysisError('CORRUPT', `The audio decoder could not start: ${(err as Error).message}`);
  }
  const pcm = new PcmAccumulator(allocationHintSec(format, bytes, claimed));
  let maxFrames = Number.POSITIVE_INFINITY;
  const accept = (out: { channelData: Float32Array[]; sampleRate: number }) => {
    if (!out.channelData.length || !out.channelData[0]?.length) return;
    if (pcm.frames === 0) {
      if (!(out.sampleRate >= MIN_SAMPLE_RATE && out.sampleRate <= MAX_SAMPLE_RATE)) {
        throw new AudioAnalysisError(
          'CORRUPT',
          `The audio reports an impossible sample rate (${out.sampleRate} Hz).`,
        );
      }
      maxFrames = Math.ceil(limits.maxDurationSec * out.sampleRate) + 1;
    }
    assertPlausibleSamples(out.channelData);
    pcm.append(out.channelData, out.sampleRate, maxFrames);
    if (pcm.frames >= maxFrames) throw tooLong(null, limits.maxDurationSec);
  };
  try {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      checkBudget(limits.deadlineMs, limits.signal);
      accept(decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES))));
    }
    if (decoder.flush) accept(decoder.flush());
  } catch (err) {
    if (err instanceof AudioAnalysisError) throw err;
    throw new AudioAnalysisError(
      'CORRUPT',
      `The ${format.toUpperCase()} data is damaged and cannot be decoded.`,
    );
  } finally {
    try {
      decoder.free();
    } catch {
      // Freeing a decoder that already failed is best effort.
    }
  }
  if (pcm.frames === 0) {
    throw new AudioAnalysisError(
      'CORRUPT',
      `The ${format.toUpperCase()} file contains no decodable audio (truncated or damaged).`,
    );
  }
  return { format, sampleRate: pcm.sampleRate, channels: pcm.result() };
}

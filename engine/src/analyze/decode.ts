// Decoding of uploads with the MIT @audio/decode-* packages, under a duration and wall-time
// budget. Every format goes through the same streaming loop so that a long file is refused
// after decoding at most maxDurationSec of it, and header claims are checked before that.

import { type HelperJob, startTailDecode } from './analysis-helper.ts';
import type { TailReply } from './analysis-helper-thread.ts';
import { AudioAnalysisError, checkBudget } from './errors.ts';
import { type Mp3Split, planMp3Split } from './mp3-split.ts';
import { containerFacts, id3v2Size, mp3FrameHeader, type SniffedFormat, sniffFormat } from './sniff.ts';

export interface DecodedAudio {
  format: SniffedFormat;
  sampleRate: number;
  /** Planar, full scale ±1, all the same length. */
  channels: Float32Array[];
  /** 2 when a helper thread decoded part of it (long MP3s), else 1; the samples are the same. */
  threads: 1 | 2;
}

export interface DecodeLimits {
  maxDurationSec: number;
  /** Most channels accepted (default 8). */
  maxChannels?: number;
  /** Highest decoded sample rate accepted (default 192 kHz). */
  maxSampleRate?: number;
  /** Most bytes of decoded float PCM (all channels) held at once (default 1 GiB). */
  maxDecodedBytes?: number;
  /** performance.now() value after which decoding stops with TIMEOUT. */
  deadlineMs: number;
  signal?: AbortSignal;
  /** May a long MP3 be decoded on two threads (default true)? Same samples either way. */
  helperThread?: boolean;
}

interface ChunkDecoder {
  decode(chunk: Uint8Array): { channelData: Float32Array[]; sampleRate: number };
  flush?(): { channelData: Float32Array[]; sampleRate: number };
  free(): void;
}

const CHUNK_BYTES = 256 * 1024;
/**
 * What one decoder call may produce, roughly: a 256 KB chunk of FLAC silence expands
 * to hundreds of MB in a single call (inside the decoder, before we see any of it), so
 * the next chunk's size follows the expansion ratio seen so far.
 */
const TARGET_OUTPUT_BYTES = 4 * 1024 * 1024;
const FIRST_CHUNK_BYTES = 1024;
const MIN_CHUNK_BYTES = 512;

/** The next input chunk size given the decoded/input byte ratio observed so far. */
export function nextChunkBytes(inputSoFar: number, outputSoFar: number): number {
  // Until a decoder has produced something (it may buffer a few KB first), stay small.
  if (outputSoFar === 0) return FIRST_CHUNK_BYTES;
  const ratio = Math.max(1, outputSoFar / inputSoFar);
  return Math.max(MIN_CHUNK_BYTES, Math.min(CHUNK_BYTES, Math.floor(TARGET_OUTPUT_BYTES / ratio)));
}
const MIN_SAMPLE_RATE = 8000;
export const DEFAULT_DECODE_BUDGET = {
  maxChannels: 8,
  maxSampleRate: 192_000,
  maxDecodedBytes: 1024 * 1024 * 1024,
} as const;
const BYTES_PER_SAMPLE = 4; // float32 PCM

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

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

function overBudget(message: string): AudioAnalysisError {
  return new AudioAnalysisError('OVER_BUDGET', message);
}

/** The budgets in force, defaults filled in. */
function budgetOf(limits: DecodeLimits) {
  return {
    maxChannels: limits.maxChannels ?? DEFAULT_DECODE_BUDGET.maxChannels,
    maxSampleRate: limits.maxSampleRate ?? DEFAULT_DECODE_BUDGET.maxSampleRate,
    maxDecodedBytes: limits.maxDecodedBytes ?? DEFAULT_DECODE_BUDGET.maxDecodedBytes,
  };
}

/**
 * The budget decision made before any decoding, from what the container states:
 * channels, rate, and the decoded size its duration implies. A small file that
 * promises gigabytes of PCM (a decompression bomb) stops here, having cost nothing.
 */
export function checkHeaderBudget(
  facts: { channels: number | null; decodedSampleRate: number | null; durationSec: number | null },
  limits: DecodeLimits,
): void {
  const b = budgetOf(limits);
  const { channels, decodedSampleRate: rate, durationSec } = facts;
  if (channels !== null && channels > b.maxChannels) {
    throw overBudget(`Audio with ${channels} channels is not accepted (at most ${b.maxChannels}).`);
  }
  if (rate !== null && rate > b.maxSampleRate) {
    throw overBudget(`A sample rate of ${rate} Hz is not accepted (at most ${b.maxSampleRate / 1000} kHz).`);
  }
  if (channels !== null && rate !== null && durationSec !== null) {
    const bytes = channels * rate * durationSec * BYTES_PER_SAMPLE;
    if (bytes > b.maxDecodedBytes) {
      throw overBudget(
        `This audio (${channels} channels at ${rate / 1000} kHz for ${formatMinutes(durationSec)}) would decode to ${mb(bytes)}; the limit is ${mb(b.maxDecodedBytes)}.`,
      );
    }
  }
}

/** Growable planar PCM buffer: decoded chunks are copied in at once (decoders may reuse theirs). */
class PcmAccumulator {
  channels: Float32Array[] = [];
  frames = 0;
  sampleRate = 0;

  /**
   * Expected duration from the container (WAV size, Xing frames, CBR estimate): sizes the first
   * allocation; or the buffers themselves (shared memory the helper thread writes into).
   */
  constructor(
    private readonly expectedSec: number | null,
    private readonly preallocated: Float32Array[] | null = null,
  ) {}

  append(channelData: Float32Array[], sampleRate: number, maxFrames: number): void {
    const n = channelData[0]?.length ?? 0;
    if (n === 0) return;
    if (this.channels.length === 0) {
      this.sampleRate = sampleRate;
      if (this.preallocated?.length === channelData.length && this.preallocated[0]!.length >= n) {
        this.channels = this.preallocated;
      }
    }
    if (this.channels.length === 0) {
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

  /** Moves the samples so far into buffers of its own (off the helper's shared memory). */
  detach(): void {
    if (this.channels.length === 0) return;
    this.channels = this.channels.map((ch) => ch.slice());
  }

  /** Counts `n` samples the helper thread wrote in place after the current end. */
  extend(n: number): void {
    this.frames += n;
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

/** MP3s shorter than this decode on one thread: a hand-over costs more than it saves. */
const SPLIT_MIN_SEC = 20;
/**
 * Share of an MP3's frames decoded by the calling thread; the helper thread decodes the rest
 * (and then measures the loudness while the calling thread works on tempo and key).
 */
const HEAD_SHARE = 0.5;

/**
 * Hands the second part of a long, plain MP3 to the helper thread (mp3-split.ts), before the
 * calling thread starts on the first part. Only when the result cannot run into a budget:
 * whatever the tail holds beyond what the budgets leave makes the helper answer "no", and the
 * calling thread then decodes on, meeting the budget exactly as it would have alone.
 */
function startMp3Tail(
  bytes: Uint8Array,
  limits: DecodeLimits,
  budget: ReturnType<typeof budgetOf>,
): { plan: Mp3Split; job: HelperJob<TailReply>; pcm: Float32Array[] } | null {
  const plan = planMp3Split(bytes, HEAD_SHARE);
  if (!plan || plan.totalSamples < SPLIT_MIN_SEC * plan.sampleRate) return null;
  const rate = plan.sampleRate;
  // mpg123 outputs two channels, mono files included.
  if (budget.maxChannels < 2 || rate > budget.maxSampleRate || rate < MIN_SAMPLE_RATE) return null;
  const maxFrames = Math.min(
    Math.ceil(limits.maxDurationSec * rate) + 1,
    Math.floor(budget.maxDecodedBytes / (BYTES_PER_SAMPLE * 2)),
  );
  const room = Math.min(maxFrames - 1 - plan.headSamples, plan.tailKeepSamples ?? plan.maxTailSamples);
  if (room <= 0) return null;
  // Shared memory: the helper writes the tail in place, and later reads it all for the loudness.
  const pcm = [0, 1].map(
    () => new Float32Array(new SharedArrayBuffer((plan.headSamples + room) * BYTES_PER_SAMPLE)),
  );
  const job = startTailDecode({
    bytes: bytes.subarray(plan.tailStartByte),
    sampleRate: rate,
    discardSamples: plan.discardSamples,
    checkSamples: plan.checkSamples,
    keepSamples: plan.tailKeepSamples,
    out: pcm.map((ch) => ch.subarray(plan.headSamples)),
  });
  return job ? { plan, job, pcm } : null;
}

/** Whether `head`'s samples just before `frames` equal `check` (the helper's, just before the cut). */
function sameSamples(head: Float32Array[], frames: number, check: Float32Array[]): boolean {
  if (head.length !== check.length) return false;
  for (let c = 0; c < head.length; c++) {
    const a = head[c]!;
    const b = check[c]!;
    if (frames < b.length) return false;
    for (let i = 0, j = frames - b.length; i < b.length; i++, j++) if (a[j] !== b[i]) return false;
  }
  return true;
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
    checkHeaderBudget(
      { channels: h.channels, decodedSampleRate: h.sampleRate, durationSec: claimed },
      limits,
    );
  } else {
    const facts = containerFacts(format, bytes);
    checkHeaderBudget(facts, limits);
    if (facts.durationSec !== null && facts.durationSec > limits.maxDurationSec * 1.01) {
      throw tooLong(facts.durationSec, limits.maxDurationSec);
    }
  }
  const budget = budgetOf(limits);
  // Long MP3s: the helper thread starts on the second part while this one decodes the first.
  const tail = format === 'mp3' && limits.helperThread !== false ? startMp3Tail(bytes, limits, budget) : null;
  let threads: 1 | 2 = 1;

  let decoder: ChunkDecoder;
  try {
    decoder = await createDecoder(format);
  } catch (err) {
    tail?.job.cancel();
    throw new AudioAnalysisError('CORRUPT', `The audio decoder could not start: ${(err as Error).message}`);
  }
  const pcm = new PcmAccumulator(allocationHintSec(format, bytes, claimed), tail?.pcm);
  let maxFrames = Number.POSITIVE_INFINITY;
  let byteFrames = Number.POSITIVE_INFINITY;
  // Enforced while decoding too: headers can lie, and decoders report what they found.
  const accept = (out: { channelData: Float32Array[]; sampleRate: number }) => {
    if (!out.channelData.length || !out.channelData[0]?.length) return;
    if (pcm.frames === 0) {
      if (!(out.sampleRate >= MIN_SAMPLE_RATE && out.sampleRate <= budget.maxSampleRate * 1.0001)) {
        throw out.sampleRate > budget.maxSampleRate
          ? overBudget(`A sample rate of ${out.sampleRate} Hz is not accepted.`)
          : new AudioAnalysisError(
              'CORRUPT',
              `The audio reports an impossible sample rate (${out.sampleRate} Hz).`,
            );
      }
      if (out.channelData.length > budget.maxChannels) {
        throw overBudget(
          `Audio with ${out.channelData.length} channels is not accepted (at most ${budget.maxChannels}).`,
        );
      }
      maxFrames = Math.ceil(limits.maxDurationSec * out.sampleRate) + 1;
      byteFrames = Math.floor(budget.maxDecodedBytes / (BYTES_PER_SAMPLE * out.channelData.length));
    }
    assertPlausibleSamples(out.channelData);
    if (pcm.frames + out.channelData[0].length > byteFrames) {
      throw overBudget(
        `This audio decodes to more than ${mb(budget.maxDecodedBytes)}; please upload a shorter excerpt.`,
      );
    }
    pcm.append(out.channelData, out.sampleRate, Math.min(maxFrames, byteFrames));
    if (pcm.frames >= maxFrames) throw tooLong(null, limits.maxDurationSec);
  };
  let at = 0;
  let outputBytes = 0;
  const decodeUpTo = (end: number) => {
    while (at < end) {
      checkBudget(limits.deadlineMs, limits.signal);
      const size = Math.min(nextChunkBytes(at, outputBytes), end - at);
      const out = decoder.decode(bytes.subarray(at, at + size));
      at += size;
      outputBytes += (out.channelData[0]?.length ?? 0) * out.channelData.length * BYTES_PER_SAMPLE;
      accept(out);
    }
  };
  try {
    if (tail) {
      decodeUpTo(tail.plan.splitByte);
      const { plan, job } = tail;
      // The cut is exact only if this decoder trimmed what mp3-split.ts expects.
      const got = pcm.frames === plan.headSamples ? await job.result(limits.deadlineMs, limits.signal) : null;
      job.cancel();
      // Written in place, within the budgets (startMp3Tail), every sample checked by the helper.
      if (got && pcm.channels === tail.pcm && sameSamples(pcm.channels, pcm.frames, got.check)) {
        pcm.extend(got.length);
        at = bytes.length;
        threads = 2;
      } else {
        // A cancelled helper may still be writing for a moment: go on in memory of our own.
        pcm.detach();
      }
    }
    decodeUpTo(bytes.length);
    if (decoder.flush) accept(decoder.flush());
  } catch (err) {
    tail?.job.cancel();
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
  return { format, sampleRate: pcm.sampleRate, channels: pcm.result(), threads };
}

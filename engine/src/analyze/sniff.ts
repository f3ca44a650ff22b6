// Container detection from magic bytes only: the upload's name and MIME type are never trusted.

export type SniffedFormat = 'wav' | 'mp3' | 'flac' | 'ogg-vorbis' | 'ogg-opus';

/** What the bytes are when we cannot decode them, for a useful message. */
export type UnsupportedKind = 'm4a' | 'aac' | 'aiff' | 'zip' | 'ogg-other' | 'unknown';

export type SniffResult = { ok: true; format: SniffedFormat } | { ok: false; kind: UnsupportedKind };

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Size of an ID3v2 tag at the start (header + synchsafe size + optional footer), else 0. */
export function id3v2Size(bytes: Uint8Array): number {
  if (!ascii(bytes, 0, 'ID3') || bytes.length < 10) return 0;
  const size =
    ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  const footer = (bytes[5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MPEG_RATES = [
  [11025, 12000, 8000], // MPEG 2.5
  [0, 0, 0],
  [22050, 24000, 16000], // MPEG 2
  [44100, 48000, 32000], // MPEG 1
];

export interface Mp3FrameHeader {
  bitrateKbps: number;
  sampleRate: number;
  frameBytes: number;
  samplesPerFrame: number;
}

/** Parses an MPEG audio Layer III frame header at `at`, or null if there is none. */
export function mp3FrameHeader(bytes: Uint8Array, at: number): Mp3FrameHeader | null {
  if (at + 4 > bytes.length) return null;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
  const layer = (b1 >> 1) & 3; // 1: Layer III
  if (version === 1 || layer !== 1) return null;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const bitrateKbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex]!;
  const sampleRate = MPEG_RATES[version]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  const samplesPerFrame = version === 3 ? 1152 : 576;
  const frameBytes = Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return { bitrateKbps, sampleRate, frameBytes, samplesPerFrame };
}

/** An MP3 starts (after any ID3v2 tag) with two consecutive valid frame headers. */
function looksLikeMp3(bytes: Uint8Array): boolean {
  const start = id3v2Size(bytes);
  // Some encoders leave a little padding after the tag: search a short window for sync.
  const limit = Math.min(bytes.length - 4, start + 4096);
  for (let at = start; at <= limit; at++) {
    const first = mp3FrameHeader(bytes, at);
    if (!first) continue;
    const next = at + first.frameBytes;
    if (next + 4 > bytes.length) return at === start; // a single-frame file
    if (mp3FrameHeader(bytes, next)) return true;
  }
  return false;
}

export function sniffFormat(bytes: Uint8Array): SniffResult {
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return { ok: true, format: 'wav' };
  if (ascii(bytes, 0, 'RF64') && ascii(bytes, 8, 'WAVE')) return { ok: true, format: 'wav' };
  const tag = id3v2Size(bytes);
  if (ascii(bytes, 0, 'fLaC') || (tag > 0 && ascii(bytes, tag, 'fLaC'))) return { ok: true, format: 'flac' };
  if (ascii(bytes, 0, 'OggS')) {
    // The first page carries the codec identification header.
    const head = bytes.subarray(0, Math.min(bytes.length, 512));
    for (let i = 0; i + 7 <= head.length; i++) {
      if (ascii(head, i, 'OpusHead')) return { ok: true, format: 'ogg-opus' };
      if (head[i] === 1 && ascii(head, i + 1, 'vorbis')) return { ok: true, format: 'ogg-vorbis' };
    }
    return { ok: false, kind: 'ogg-other' };
  }
  if (ascii(bytes, 4, 'ftyp')) return { ok: false, kind: 'm4a' };
  if (ascii(bytes, 0, 'FORM') && (ascii(bytes, 8, 'AIFF') || ascii(bytes, 8, 'AIFC')))
    return { ok: false, kind: 'aiff' };
  if (ascii(bytes, 0, 'PK\x03\x04') || ascii(bytes, 0, 'PK\x05\x06')) return { ok: false, kind: 'zip' };
  if (looksLikeMp3(bytes)) return { ok: true, format: 'mp3' };
  // ADTS AAC: sync word with layer bits 00.
  if (bytes.length > 2 && bytes[0] === 0xff && (bytes[1]! & 0xf6) === 0xf0) return { ok: false, kind: 'aac' };
  return { ok: false, kind: 'unknown' };
}

/** What a container says about its audio before any decoding (null: it does not say). */
export interface ContainerFacts {
  channels: number | null;
  sampleRate: number | null;
  /** The rate decoded PCM will have (Opus always decodes at 48 kHz). */
  decodedSampleRate: number | null;
  durationSec: number | null;
}

const UNKNOWN: ContainerFacts = {
  channels: null,
  sampleRate: null,
  decodedSampleRate: null,
  durationSec: null,
};

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** FLAC STREAMINFO (always the first metadata block): rate, channels, total samples. */
function flacFacts(bytes: Uint8Array): ContainerFacts {
  const tag = id3v2Size(bytes);
  const at = tag > 0 && ascii(bytes, tag, 'fLaC') ? tag : 0;
  const info = at + 4 + 4; // "fLaC", block header
  if ((bytes[at + 4]! & 0x7f) !== 0 || info + 18 > bytes.length) return UNKNOWN;
  const b = (i: number) => bytes[info + i]!;
  const sampleRate = (b(10) << 12) | (b(11) << 4) | (b(12) >> 4);
  const channels = ((b(12) >> 1) & 0x07) + 1;
  const total = (b(13) & 0x0f) * 2 ** 32 + u32be(bytes, info + 14);
  return {
    channels,
    sampleRate,
    decodedSampleRate: sampleRate,
    durationSec: total > 0 && sampleRate > 0 ? total / sampleRate : null,
  };
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** The granule position of the last Ogg page (within the last 64 KB), or null. */
function lastOggGranule(bytes: Uint8Array): number | null {
  for (let i = bytes.length - 27; i >= Math.max(0, bytes.length - 65_536); i--) {
    if (bytes[i] === 0x4f && ascii(bytes, i, 'OggS')) {
      const lo = u32le(bytes, i + 6);
      const hi = u32le(bytes, i + 10);
      if (hi === 0xffffffff) continue; // -1: no packet ends on this page
      return hi * 2 ** 32 + lo;
    }
  }
  return null;
}

function oggFacts(bytes: Uint8Array, format: 'ogg-vorbis' | 'ogg-opus'): ContainerFacts {
  const head = bytes.subarray(0, Math.min(bytes.length, 512));
  for (let i = 0; i + 19 <= head.length; i++) {
    if (format === 'ogg-opus' && ascii(head, i, 'OpusHead')) {
      const channels = head[i + 9]!;
      const preSkip = head[i + 10]! | (head[i + 11]! << 8);
      const inputRate = u32le(head, i + 12);
      const granule = lastOggGranule(bytes);
      return {
        channels,
        sampleRate: inputRate || 48_000,
        decodedSampleRate: 48_000,
        durationSec: granule === null ? null : Math.max(0, granule - preSkip) / 48_000,
      };
    }
    if (format === 'ogg-vorbis' && head[i] === 1 && ascii(head, i + 1, 'vorbis')) {
      const channels = head[i + 11]!;
      const sampleRate = u32le(head, i + 12);
      const granule = lastOggGranule(bytes);
      return {
        channels,
        sampleRate,
        decodedSampleRate: sampleRate,
        durationSec: granule === null || sampleRate === 0 ? null : granule / sampleRate,
      };
    }
  }
  return UNKNOWN;
}

/** The first MP3 frame: its rate and channel mode (duration comes from decode.ts's claim). */
function mp3Facts(bytes: Uint8Array): ContainerFacts {
  const start = id3v2Size(bytes);
  for (let at = start; at < Math.min(bytes.length - 4, start + 4096); at++) {
    const head = mp3FrameHeader(bytes, at);
    if (!head) continue;
    const channels = bytes[at + 3]! >> 6 === 3 ? 1 : 2;
    return { channels, sampleRate: head.sampleRate, decodedSampleRate: head.sampleRate, durationSec: null };
  }
  return UNKNOWN;
}

/**
 * Channels, rates and duration as the container's headers state them, for budgets
 * decided before decoding. WAV is read by decode.ts's header parser; here the rest.
 */
export function containerFacts(format: SniffedFormat, bytes: Uint8Array): ContainerFacts {
  switch (format) {
    case 'flac':
      return flacFacts(bytes);
    case 'ogg-vorbis':
    case 'ogg-opus':
      return oggFacts(bytes, format);
    case 'mp3':
      return mp3Facts(bytes);
    case 'wav':
      return UNKNOWN;
  }
}

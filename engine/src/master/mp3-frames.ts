// Reading (and patching) MPEG-1 Layer III frames as our encoder writes them (mp3.ts): stereo or joint
// stereo, no CRC, no tags. Used to cut the preview (mp3-cut.ts) and to join two encodes (mp3-join.ts).

export const SAMPLES_PER_FRAME = 1152;
export const GRANULE = 576;
/** Header (4 bytes) and stereo side information (32 bytes) precede a frame's main-data area. */
export const SIDE_INFO_END = 36;
const BITRATES_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
const SAMPLE_RATES = [44100, 48000, 32000, 0];

export interface Frame {
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
      throw new Error(`mp3: no MPEG-1 Layer III frame without CRC at byte ${at}`);
    if (b3 >> 6 === 3) throw new Error('mp3: mono streams are not supported');
    const kbps = BITRATES_KBPS[b2 >> 4]!;
    const rate = SAMPLE_RATES[(b2 >> 2) & 3]!;
    if (kbps === 0 || rate === 0) throw new Error(`mp3: unsupported frame header at byte ${at}`);
    sampleRate = rate;
    const length = Math.floor((144 * kbps * 1000) / rate) + ((b2 >> 1) & 1);
    frames.push({ offset: at, length });
    at += length;
  }
  return { frames, sampleRate };
}

/** `n` bits (≤ 16) at bit `bit` of the frame at `offset`, most significant first. */
export function readBits(bytes: Uint8Array, offset: number, bit: number, n: number): number {
  let value = 0;
  for (let i = 0; i < n; i++) {
    const b = bit + i;
    value = (value << 1) | ((bytes[offset + (b >> 3)]! >> (7 - (b & 7))) & 1);
  }
  return value;
}

/** Bit position (within the frame) of granule `gr`, channel `ch`'s side information. */
export function granuleBit(gr: number, ch: number): number {
  // After the 4-byte header: main_data_begin 9, private_bits 3, scfsi 2×4 bits, then 59 bits per
  // granule and channel.
  return 32 + 20 + (gr * 2 + ch) * 59;
}

/** main_data_begin: how many main-data bytes before this frame's area its main data starts. */
export function mainDataBegin(bytes: Uint8Array, frame: Frame): number {
  return readBits(bytes, frame.offset, 32, 9);
}

/** Bytes of main data the frame's four granule-channels use (Σ part2_3_length, rounded up). */
export function mainDataBytes(bytes: Uint8Array, frame: Frame): number {
  let bits = 0;
  for (let gr = 0; gr < 2; gr++)
    for (let ch = 0; ch < 2; ch++) bits += readBits(bytes, frame.offset, granuleBit(gr, ch), 12);
  return Math.ceil(bits / 8);
}

/** Window switching flag and block type of granule `gr`, both channels, as one comparable number. */
export function blockTypes(bytes: Uint8Array, frame: Frame, gr: number): number {
  let code = 0;
  for (let ch = 0; ch < 2; ch++) {
    const bit = granuleBit(gr, ch) + 12 + 9 + 8 + 4;
    const switching = readBits(bytes, frame.offset, bit, 1);
    const type = switching ? readBits(bytes, frame.offset, bit + 1, 2) : 0;
    code = code * 8 + switching * 4 + type;
  }
  return code;
}

// 16-bit PCM WAV writer (hand-written 44-byte header), with TPDF dither from a seeded generator so
// the output stays deterministic.

/** `gain` scales the samples on the way out (lets callers write scaled stems without a copy). */
export function encodeWav16(
  channels: readonly Float32Array[],
  sampleRate: number,
  ditherSeed = 1,
  gain = 1,
): Uint8Array {
  const channelCount = channels.length;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * channelCount * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
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
  let state = ditherSeed >>> 0 || 1;
  const rand = (): number => {
    // xorshift32: cheap and deterministic.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const samples = new Int16Array(out.buffer, 44, frames * channelCount);
  const scale = 32767 * gain;
  for (let c = 0; c < channelCount; c++) {
    const ch = channels[c]!;
    for (let i = 0, j = c; i < frames; i++, j += channelCount) {
      // TPDF dither of ±1 LSB from the two 16-bit halves of one draw, then round half up.
      const r = rand() * 4294967296;
      const x = ch[i]! * scale + ((r & 0xffff) - (r >>> 16)) / 65536 + 0.5;
      samples[j] = x >= 32767 ? 32767 : x <= -32768 ? -32768 : Math.floor(x);
    }
  }
  return out;
}

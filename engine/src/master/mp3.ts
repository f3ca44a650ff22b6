// MP3 encoding with LAME (wasm-media-encoders), 192 kbps CBR at 44.1 kHz.
import { createMp3Encoder } from 'wasm-media-encoders';

const CHUNK_FRAMES = 1152 * 64;

type Mp3Encoder = Awaited<ReturnType<typeof createMp3Encoder>>;
/**
 * One LAME instance per thread, reset by configure() for each file: a new instance reserves
 * ≈17 MB of WebAssembly memory, which lingers until garbage collection. From configure() to
 * finalize() the encoding below never yields, so two encodes in one thread cannot interleave.
 */
let encoderPromise: Promise<Mp3Encoder> | undefined;

export async function encodeMp3(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  bitrate: 128 | 192 = 192,
): Promise<Uint8Array> {
  encoderPromise ??= createMp3Encoder().catch((error: unknown) => {
    encoderPromise = undefined;
    throw error;
  });
  const encoder = await encoderPromise;
  encoder.configure({ channels: 2, sampleRate, bitrate, outputSampleRate: 44100 });
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let start = 0; start < left.length; start += CHUNK_FRAMES) {
    const end = Math.min(left.length, start + CHUNK_FRAMES);
    // The returned buffer belongs to the encoder: copy it.
    const out = encoder.encode([left.subarray(start, end), right.subarray(start, end)]).slice();
    chunks.push(out);
    total += out.length;
  }
  const tail = encoder.finalize().slice();
  chunks.push(tail);
  total += tail.length;
  const mp3 = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    mp3.set(c, at);
    at += c.length;
  }
  return mp3;
}

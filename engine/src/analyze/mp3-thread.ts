// Worker-thread entry of the MP3 tail decoder (mp3-helper.ts): decodes the bytes it is sent
// with its own mpg123 instance (the WASM module is compiled once per thread, then reused), drops
// the warm-up samples, keeps at most keepSamples, and checks every kept sample as decode.ts
// would. Any surprise is answered with ok: false, and the caller decodes on one thread instead.
import { parentPort } from 'node:worker_threads';
import { decoder } from '@audio/decode-mp3';

export interface TailRequest {
  id: number;
  bytes: Uint8Array;
  sampleRate: number;
  discardSamples: number;
  checkSamples: number;
  /** Samples after the discard that one decoder would output before its gapless end, or null. */
  keepSamples: number | null;
  /**
   * Most samples accepted after the discard (what the budgets leave, and what the frames can
   * hold): more is answered ok: false, and one decoder then meets the budget as before.
   */
  capacity: number;
}

export type TailReply =
  | { id: number; ok: true; channels: Float32Array[]; check: Float32Array[] }
  | { id: number; ok: false; reason: string };

/** Same bound as decode.ts's assertPlausibleSamples. */
const MAX_SAMPLE_MAGNITUDE = 16;
const CHUNK_BYTES = 256 * 1024;

export async function decodeTail(req: TailRequest): Promise<TailReply> {
  const { id, bytes, discardSamples, checkSamples } = req;
  const dec = await decoder();
  try {
    const limit = req.keepSamples ?? Number.POSITIVE_INFINITY;
    const capacity = Math.min(limit, req.capacity);
    let kept: Float32Array[] | null = null;
    const check = [new Float32Array(checkSamples), new Float32Array(checkSamples)];
    let produced = 0; // samples output so far, warm-up included
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const out = dec.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)));
      const n = out.channelData[0]?.length ?? 0;
      if (n === 0) continue;
      if (out.sampleRate !== req.sampleRate || out.channelData.length !== 2) {
        return { id, ok: false, reason: 'format changed' };
      }
      if (!kept) {
        // The decoder outputs two channels, mono files included.
        kept = [new Float32Array(capacity), new Float32Array(capacity)];
      }
      for (let c = 0; c < 2; c++) {
        const src = out.channelData[c]!;
        const dst = kept[c]!;
        const chk = check[c]!;
        for (let i = 0; i < n; i++) {
          const v = src[i]!;
          if (!(v <= MAX_SAMPLE_MAGNITUDE && v >= -MAX_SAMPLE_MAGNITUDE)) {
            return { id, ok: false, reason: 'implausible samples' };
          }
          const k = produced + i - discardSamples;
          if (k >= 0) {
            if (k < capacity) dst[k] = v;
          } else if (k >= -checkSamples) chk[k + checkSamples] = v;
        }
      }
      produced += n;
      if (Math.min(produced - discardSamples, limit) > capacity) {
        return { id, ok: false, reason: 'over capacity' };
      }
    }
    const length = Math.max(0, Math.min(produced - discardSamples, capacity));
    if (!kept || length === 0) return { id, ok: false, reason: 'no output' };
    return { id, ok: true, channels: kept.map((ch) => ch.subarray(0, length)), check };
  } catch (err) {
    return { id, ok: false, reason: (err as Error)?.message ?? String(err) };
  } finally {
    dec.free();
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async (req: TailRequest) => {
    const reply = await decodeTail(req);
    const transfer = reply.ok ? [...reply.channels, ...reply.check].map((a) => a.buffer as ArrayBuffer) : [];
    port.postMessage(reply, transfer);
  });
}

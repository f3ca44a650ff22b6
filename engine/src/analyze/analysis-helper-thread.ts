// Worker-thread entry of the analysis helper (analysis-helper.ts). Two jobs:
// - 'tail': decodes the second part of a long MP3 (mp3-split.ts) with its own mpg123 instance
//   (the WASM module is compiled once per thread, then reused), drops the warm-up samples and
//   writes the kept ones straight into the caller's shared PCM buffers, checking each sample as
//   decode.ts would. Any surprise is answered with ok: false, and the caller decodes on one
//   thread instead.
// - 'loudness': measureLoudness over the shared PCM, while the caller works on tempo and key.
// - 'warm': compiles the decoder now (a fresh thread's first tail otherwise pays for it).
import { parentPort } from 'node:worker_threads';
import { decoder } from '@audio/decode-mp3';
import { type LoudnessMeasurement, measureLoudness } from '../dsp/loudness.ts';

export interface TailRequest {
  kind: 'tail';
  id: number;
  bytes: Uint8Array;
  sampleRate: number;
  discardSamples: number;
  checkSamples: number;
  /** Samples after the discard that one decoder would output before its gapless end, or null. */
  keepSamples: number | null;
  /**
   * Where the kept samples go (shared memory, one view per channel, starting at the cut). More
   * samples than these hold is answered ok: false: one decoder then meets the budget as before.
   */
  out: Float32Array[];
}

export interface LoudnessRequest {
  kind: 'loudness';
  id: number;
  /** Shared memory: read in place. */
  channels: Float32Array[];
  sampleRate: number;
}

export interface WarmRequest {
  kind: 'warm';
  id: number;
}

export type HelperRequest = TailRequest | LoudnessRequest | WarmRequest;

export type WarmReply = { id: number; ok: true } | { id: number; ok: false; reason: string };

export type TailReply =
  | { id: number; ok: true; length: number; check: Float32Array[] }
  | { id: number; ok: false; reason: string };

export type LoudnessReply =
  | { id: number; ok: true; loudness: LoudnessMeasurement }
  | { id: number; ok: false; reason: string };

/** Same bound as decode.ts's assertPlausibleSamples. */
const MAX_SAMPLE_MAGNITUDE = 16;
const CHUNK_BYTES = 256 * 1024;

export async function decodeTail(req: TailRequest): Promise<TailReply> {
  const { id, bytes, discardSamples, checkSamples, out } = req;
  const dec = await decoder();
  try {
    const limit = req.keepSamples ?? Number.POSITIVE_INFINITY;
    const room = out[0]!.length;
    const capacity = Math.min(limit, room);
    const check = [new Float32Array(checkSamples), new Float32Array(checkSamples)];
    let produced = 0; // samples output so far, warm-up included
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const decoded = dec.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)));
      const n = decoded.channelData[0]?.length ?? 0;
      if (n === 0) continue;
      // The decoder outputs two channels, mono files included.
      if (decoded.sampleRate !== req.sampleRate || decoded.channelData.length !== out.length) {
        return { id, ok: false, reason: 'format changed' };
      }
      if (Math.min(produced + n - discardSamples, limit) > room) {
        return { id, ok: false, reason: 'over capacity' };
      }
      for (let c = 0; c < out.length; c++) {
        const src = decoded.channelData[c]!;
        const dst = out[c]!;
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
    }
    const length = Math.max(0, Math.min(produced - discardSamples, capacity));
    if (length === 0) return { id, ok: false, reason: 'no output' };
    return { id, ok: true, length, check };
  } catch (err) {
    return { id, ok: false, reason: (err as Error)?.message ?? String(err) };
  } finally {
    dec.free();
  }
}

function loudnessOf(req: LoudnessRequest): LoudnessReply {
  try {
    return { id: req.id, ok: true, loudness: measureLoudness(req.channels, req.sampleRate) };
  } catch (err) {
    return { id: req.id, ok: false, reason: (err as Error)?.message ?? String(err) };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async (req: HelperRequest) => {
    if (req.kind === 'tail') {
      const reply = await decodeTail(req);
      port.postMessage(reply, reply.ok ? reply.check.map((a) => a.buffer as ArrayBuffer) : []);
    } else if (req.kind === 'warm') {
      try {
        (await decoder()).free();
        port.postMessage({ id: req.id, ok: true } satisfies WarmReply);
      } catch (err) {
        port.postMessage({
          id: req.id,
          ok: false,
          reason: (err as Error)?.message ?? String(err),
        } satisfies WarmReply);
      }
    } else {
      port.postMessage(loudnessOf(req));
    }
  });
}

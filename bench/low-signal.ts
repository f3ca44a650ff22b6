// A rendered file as the analyser reads it before tempo and key (analyze-audio.ts): decoded without the
// API's limits (a bench reads its own renders), down-mixed and decimated to the analysis rate. The
// fits (fit-key.ts, fit-metre.ts) and judge-levels.ts read their material through it.
import { readFileSync } from 'node:fs';
import { decodeAudio } from '../engine/src/analyze/decode.ts';
import { decimatedLength, decimationFactor, downmixDecimate } from '../engine/src/analyze/signal.ts';

/** The mono analysis-rate signal of an audio file and its rate. */
export async function lowSignalOf(path: string): Promise<{ low: Float32Array; rate: number }> {
  const decoded = await decodeAudio(new Uint8Array(readFileSync(path)), {
    maxDurationSec: 900,
    deadlineMs: 1e12,
  });
  const factor = decimationFactor(decoded.sampleRate);
  const frames = decoded.channels[0]!.length;
  const low = downmixDecimate(decoded.channels, factor, new Float32Array(decimatedLength(frames, factor)));
  return { low, rate: decoded.sampleRate / factor };
}

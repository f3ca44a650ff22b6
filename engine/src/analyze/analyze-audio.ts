// The analysis pipeline: decode → loudness on the original channels → mono ≈11 kHz signal →
// onset envelope → tempo, chroma → key, and the energy score. Runs synchronously apart from
// decoder start-up; call it in a worker thread (analyzer-worker.ts) inside a server.

import { type LoudnessMeasurement, measureLoudness } from '../dsp/loudness.ts';
import type { Mode, Tonic } from '../types.ts';
import { startLoudness } from './analysis-helper.ts';
import { decodeAudio } from './decode.ts';
import { energyScore, highFrequencyRatio, meanOnsetStrength } from './energy.ts';
import { AudioAnalysisError, checkBudget } from './errors.ts';
import { camelotCode, estimateKey, keyAlternatives } from './key.ts';
import { decimatedLength, decimationFactor, downmixDecimate, rms } from './signal.ts';
import type { SniffedFormat } from './sniff.ts';
import { estimateTempo, onsetEnvelope } from './tempo.ts';

/** The analysis as JSON-ready snake_case fields. Loudness fields are null for digital silence. */
export interface AudioAnalysis {
  format: SniffedFormat;
  duration_s: number;
  sample_rate: number;
  channels: number;
  /** Beats per minute, one decimal; 0 when no pulse is found (then bpm_confidence is 0). */
  bpm: number;
  bpm_confidence: number;
  /**
   * Other metrical readings of the same pulse (half or double time, ×3⁄2 …), most plausible
   * first, each with its share of the evidence (0–1; bpm's own share is 1 − their sum, roughly).
   * Empty when the reading is unambiguous or there is no pulse.
   */
  bpm_alternatives: { bpm: number; weight: number }[];
  key: Tonic;
  mode: Mode;
  key_confidence: number;
  /**
   * Other keys the evidence does not rule out (the relative, the parallel, a fifth away …), at
   * most two, most plausible first, each with its share (0–1; keyAlternatives in key.ts). Empty
   * when the key is clear.
   */
  key_alternatives: { key: Tonic; mode: Mode; weight: number }[];
  camelot: string;
  energy: number;
  loudness_lufs: number | null;
  loudness_range_lu: number;
  true_peak_dbtp: number | null;
}

export interface AnalyzeOptions {
  signal?: AbortSignal;
  /** Longest audio accepted (default 15 minutes). */
  maxDurationSec?: number;
  /** Wall-time budget in ms for decode + analysis (default 30 s). */
  timeoutMs?: number;
  /** Decoding budgets checked from the headers and while decoding (defaults: decode.ts). */
  maxChannels?: number;
  maxSampleRate?: number;
  maxDecodedBytes?: number;
  /** May a long MP3 be decoded on two threads (default true; same samples either way)? */
  helperThread?: boolean;
}

export const DEFAULT_MAX_DURATION_SEC = 15 * 60;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Shorter audio has too few beats and chords to say anything. */
export const MIN_DURATION_SEC = 1;

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function finiteOrNull(x: number, digits: number): number | null {
  return Number.isFinite(x) ? round(x, digits) : null;
}

export async function analyzeAudio(bytes: Uint8Array, options: AnalyzeOptions = {}): Promise<AudioAnalysis> {
  const maxDurationSec = options.maxDurationSec ?? DEFAULT_MAX_DURATION_SEC;
  const deadlineMs = performance.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const decoded = await decodeAudio(bytes, {
    maxDurationSec,
    deadlineMs,
    signal: options.signal,
    maxChannels: options.maxChannels,
    maxSampleRate: options.maxSampleRate,
    maxDecodedBytes: options.maxDecodedBytes,
    helperThread: options.helperThread,
  });
  const { sampleRate, channels } = decoded;
  const frames = channels[0]!.length;
  const durationSec = frames / sampleRate;
  if (durationSec < MIN_DURATION_SEC) {
    throw new AudioAnalysisError(
      'CORRUPT',
      `The audio is only ${durationSec.toFixed(2)} s long; at least 1 s is needed.`,
    );
  }
  checkBudget(deadlineMs, options.signal);

  // PCM in shared memory (a long MP3 decoded on two threads): the helper thread measures the
  // loudness while this one works on tempo and key. The same function on the same samples.
  const loudnessJob = options.helperThread === false ? null : startLoudness(channels, sampleRate);
  try {
    const ownLoudness = loudnessJob ? null : measureLoudness(channels, sampleRate);
    checkBudget(deadlineMs, options.signal);

    const factor = decimationFactor(sampleRate);
    const analysisRate = sampleRate / factor;
    const low = downmixDecimate(channels, factor, new Float32Array(decimatedLength(frames, factor)));
    const lowRms = rms(low);
    checkBudget(deadlineMs, options.signal);

    const onsets = onsetEnvelope(low, analysisRate, lowRms);
    const tempo = estimateTempo(onsets);
    checkBudget(deadlineMs, options.signal);

    const key = estimateKey(low, analysisRate);
    const loudness =
      ownLoudness ??
      (await loudnessJob?.result(deadlineMs, options.signal))?.loudness ??
      measureLoudness(channels, sampleRate);
    const energy = energyScore(
      loudness.integratedLufs,
      highFrequencyRatio(low),
      meanOnsetStrength(onsets.strength),
    );
    return result(decoded, durationSec, tempo, key, energy, loudness);
  } finally {
    loudnessJob?.cancel();
  }
}

function result(
  decoded: { format: SniffedFormat; sampleRate: number; channels: Float32Array[] },
  durationSec: number,
  tempo: ReturnType<typeof estimateTempo>,
  key: ReturnType<typeof estimateKey>,
  energy: number,
  loudness: LoudnessMeasurement,
): AudioAnalysis {
  const { sampleRate, channels } = decoded;
  return {
    format: decoded.format,
    duration_s: round(durationSec, 2),
    sample_rate: sampleRate,
    channels: channels.length,
    bpm: tempo.bpm,
    bpm_confidence: tempo.confidence,
    bpm_alternatives: tempo.alternatives,
    key: key.tonic,
    mode: key.mode,
    key_confidence: key.confidence,
    key_alternatives: keyAlternatives(key.scores).map((k) => ({
      key: k.tonic,
      mode: k.mode,
      weight: k.weight,
    })),
    camelot: camelotCode(key.tonic, key.mode),
    energy,
    loudness_lufs: finiteOrNull(loudness.integratedLufs, 1),
    loudness_range_lu: round(loudness.loudnessRangeLu, 1),
    true_peak_dbtp: finiteOrNull(loudness.truePeakDbtp, 1),
  };
}

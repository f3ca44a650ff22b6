// Test/bench only: what independent tools hear in a rendered track (the "listen proxy"): tempo by
// aubio, bpm-tools and essentia.js RhythmExtractor2013 (each with one fixed configuration for every
// render, nothing chosen from the plan), key by essentia.js, loudness and true peak by ffmpeg, and
// simple measurements (duration, clipping, silence, spectral centroid and balance, onset density).

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  aubioTempo,
  clippedSamples,
  decodeWav16,
  essentiaKey,
  essentiaTempo,
  ffmpegEbur128,
  longestSilenceSec,
  mono,
  onsetsPerSecond,
  requireTool,
  spectralCentroidHz,
} from './reference-tools.ts';

/** Tolerance for "the same tempo": 4 %, no ×2/×½ allowance. */
export const TEMPO_TOLERANCE = 0.04;

/**
 * bpm-tools with one fixed search range for every render: its default 84–146 cannot report slow or
 * fast styles at all, and a range as wide as 50–210 drifts to its top end (its autodifference
 * favours short periods: 200+ for 100 BPM plans on the tuning seeds); 60–180 covers the styles' ranges.
 */
export const BPM_TOOLS_RANGE: [number, number] = [60, 180];

export function bpmToolsTempoRange(monoSamples: Float32Array): number {
  requireTool('bpm', 'bpm-tools');
  const run = spawnSync(
    'bpm',
    ['-f', '%0.2f', '-m', String(BPM_TOOLS_RANGE[0]), '-x', String(BPM_TOOLS_RANGE[1])],
    {
      input: Buffer.from(monoSamples.buffer, monoSamples.byteOffset, monoSamples.byteLength),
      encoding: 'utf8',
    },
  );
  return Number(run.stdout.trim());
}

export interface ListenReading {
  planBpm: number;
  aubio: number;
  bpmTools: number;
  essentia: number;
  /** How many of the three tools read the plan's tempo within 4 % (no octave allowance). */
  agree: number;
  essentiaKey: string;
  lufs: number;
  truePeak: number;
  durationSec: number;
  clipped: number;
  silenceSec: number;
  centroidHz: number;
  onsetsPerSec: number;
  /** Share of spectral energy below 250 Hz (bass weight). */
  lowShare: number;
}

export function within(measured: number, expected: number, tolerance = TEMPO_TOLERANCE): boolean {
  return Math.abs(measured - expected) / expected <= tolerance;
}

/** Low-band share of the magnitude spectrum (below 250 Hz), over 2048-sample frames. */
function lowShare(x: Float32Array, sampleRate: number): number {
  const size = 2048;
  let low = 0;
  let total = 0;
  for (let start = 0; start + size <= x.length; start += size * 8) {
    // Time-domain split: a one-pole low-pass at 250 Hz against the full signal.
    const a = Math.exp((-2 * Math.PI * 250) / sampleRate);
    let y = 0;
    for (let i = start; i < start + size; i++) {
      y = (1 - a) * x[i]! + a * y;
      low += y * y;
      total += x[i]! * x[i]!;
    }
  }
  return total > 0 ? low / total : 0;
}

/** Measures a rendered WAV (the engine's 16-bit output) with the independent tools. */
export function listen(wav: Uint8Array, planBpm: number, dir: string, name: string): ListenReading {
  const path = join(dir, `${name}.wav`);
  writeFileSync(path, wav);
  const { channels, sampleRate } = decodeWav16(wav);
  const x = mono(channels);
  const aubio = aubioTempo(path);
  const bpmTools = bpmToolsTempoRange(x);
  const essentia = essentiaTempo(x);
  const loud = ffmpegEbur128(path);
  return {
    planBpm,
    aubio,
    bpmTools,
    essentia,
    agree: [aubio, bpmTools, essentia].filter((t) => within(t, planBpm)).length,
    essentiaKey: essentiaKey(x, sampleRate).key,
    lufs: loud.integratedLufs,
    truePeak: loud.truePeakDbtp,
    durationSec: x.length / sampleRate,
    clipped: clippedSamples(channels),
    // The last second is the final chord's fade-out, which the form asks for.
    silenceSec: longestSilenceSec(x.subarray(0, x.length - sampleRate), sampleRate),
    centroidHz: spectralCentroidHz(x, sampleRate),
    onsetsPerSec: onsetsPerSecond(x, sampleRate),
    lowShare: lowShare(x, sampleRate),
  };
}

/**
 * Meter evidence from audio alone, given the tempo, from an onset-strength envelope (10 ms hops,
 * positive energy change). Within the beat: the envelope folded at the beat period, and the strength
 * of the fold's 3rd and 2nd harmonics (phase-free, so the beat's position need not be known):
 * `third` repeats every third of a beat (compound 6/8, 12/8), `half` every half beat (simple meters).
 * Bar length: the envelope's autocorrelation at 3 beats (`bar3`, 3/4) and 4 beats (`bar4`).
 */
export function meterEvidence(
  x: Float32Array,
  sampleRate: number,
  bpm: number,
): { bar3: number; bar4: number; third: number; half: number } {
  const hopSec = 0.01;
  const hop = Math.round(sampleRate * hopSec);
  const env: number[] = [];
  let prev = 0;
  for (let start = 0; start + hop <= x.length; start += hop) {
    let e = 0;
    for (let i = start; i < start + hop; i++) e += x[i]! * x[i]!;
    const db = 10 * Math.log10(e / hop + 1e-10);
    env.push(Math.max(0, db - prev));
    prev = db;
  }
  const beatSec = 60 / bpm;
  const harmonic = (periodSec: number, k: number): number => {
    // |k-th harmonic| relative to the mean of the envelope folded at `periodSec`.
    let re = 0;
    let im = 0;
    let dc = 0;
    for (let i = 0; i < env.length; i++) {
      const phase = (2 * Math.PI * k * ((i * hopSec) % periodSec)) / periodSec;
      re += env[i]! * Math.cos(phase);
      im += env[i]! * Math.sin(phase);
      dc += env[i]!;
    }
    return dc > 0 ? Math.hypot(re, im) / dc : 0;
  };
  // Bar length: autocorrelation of the envelope at 3 and 4 beats.
  const mean = env.reduce((acc, v) => acc + v, 0) / env.length;
  const d = env.map((v) => v - mean);
  const ac = (lagHops: number): number => {
    const at = (lag: number): number => {
      let sum = 0;
      let norm = 0;
      for (let i = 0; i + lag < d.length; i++) {
        sum += d[i]! * d[i + lag]!;
        norm += d[i]! * d[i]!;
      }
      return norm > 0 ? sum / norm : 0;
    };
    const lo = Math.floor(lagHops);
    return at(lo) * (1 - (lagHops - lo)) + at(lo + 1) * (lagHops - lo);
  };
  const beatHops = beatSec / hopSec;
  return {
    bar3: ac(3 * beatHops),
    bar4: ac(4 * beatHops),
    third: harmonic(beatSec, 3),
    half: harmonic(beatSec, 2),
  };
}

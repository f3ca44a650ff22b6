// Test/bench only: measurements of rendered audio with tools independent of the engine.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ffmpegEbur128, requireTool } from '../dsp/test-support.ts';

export { ffmpegEbur128, requireTool };

/** Decodes a 16-bit PCM WAV (as written by the engine) to planar floats. */
export function decodeWav16(bytes: Uint8Array): { sampleRate: number; channels: Float32Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channelCount = view.getUint16(22, true);
  const sampleRate = view.getUint32(24, true);
  const dataBytes = view.getUint32(40, true);
  const frames = dataBytes / (2 * channelCount);
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++)
      channels[c]![i] = view.getInt16(44 + (i * channelCount + c) * 2, true) / 32768;
  }
  return { sampleRate, channels };
}

/**
 * Decodes an MP3 with ffmpeg to float samples: the mix of both channels, or only the left with
 * `leftOnly`. `stderr` is what ffmpeg reported as errors (empty for a clean stream).
 */
export function ffmpegDecodeMp3(
  mp3: Uint8Array,
  { leftOnly = false }: { leftOnly?: boolean } = {},
): { samples: Float32Array; stderr: string } {
  const channel = leftOnly ? ['-af', 'pan=mono|c0=c0'] : ['-ac', '1'];
  const run = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', 'pipe:0', ...channel, '-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1'],
    { input: mp3, maxBuffer: 1 << 28 },
  );
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr.toString()}`);
  const out = run.stdout as Buffer;
  const copy = new Uint8Array(out.length);
  copy.set(out);
  return { samples: new Float32Array(copy.buffer, 0, out.length / 4), stderr: run.stderr.toString() };
}

export function mono(channels: Float32Array[]): Float32Array {
  const out = new Float32Array(channels[0]!.length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] = out[i]! + ch[i]! / channels.length;
  return out;
}

/** Tempo from bpm-tools (`bpm`), reading raw 32-bit float mono at 44.1 kHz on stdin. */
export function bpmToolsTempo(monoSamples: Float32Array): number {
  requireTool('bpm', 'bpm-tools');
  const run = spawnSync('bpm', ['-f', '%0.2f'], {
    input: Buffer.from(monoSamples.buffer, monoSamples.byteOffset, monoSamples.byteLength),
    encoding: 'utf8',
  });
  return Number(run.stdout.trim());
}

/** Tempo from `aubio tempo` on a WAV file (last line is "N bpm"). */
export function aubioTempo(wavPath: string): number {
  requireTool('aubio', 'aubio-tools');
  const run = spawnSync('aubio', ['tempo', wavPath], { encoding: 'utf8' });
  const m = /([\d.]+) bpm/.exec(run.stdout);
  return m ? Number(m[1]) : Number.NaN;
}

/** True when `measured` is `expected` within `tolerance` (fraction), allowing the usual ×2 / ×½ octave errors of detectors. */
export function tempoMatches(measured: number, expected: number, tolerance = 0.04): boolean {
  return [1, 2, 0.5].some((f) => Math.abs(measured * f - expected) / expected <= tolerance);
}

type EssentiaInstance = {
  arrayToVector(a: Float32Array): { delete(): void };
  KeyExtractor(v: unknown, ...args: unknown[]): { key: string; scale: string; strength: number };
};
let essentia: EssentiaInstance | undefined;

/** Key with essentia.js KeyExtractor (AGPL: tests only). Returns e.g. "F# minor". */
export function essentiaKey(
  monoSamples: Float32Array,
  sampleRate: number,
): { key: string; strength: number } {
  if (!essentia) {
    const require = createRequire(import.meta.url);
    const { Essentia, EssentiaWASM } = require('essentia.js') as {
      Essentia: new (w: unknown) => EssentiaInstance;
      EssentiaWASM: unknown;
    };
    essentia = new Essentia(EssentiaWASM);
  }
  const vector = essentia.arrayToVector(monoSamples);
  try {
    const r = essentia.KeyExtractor(vector, true, 4096, 4096, 12, 3500, 60, 25, 0.2, 'bgate', sampleRate);
    const flats: Record<string, string> = { Db: 'C#', Eb: 'D#', Gb: 'F#', Ab: 'G#', Bb: 'A#' };
    return { key: `${flats[r.key] ?? r.key} ${r.scale}`, strength: r.strength };
  } finally {
    vector.delete();
  }
}

/** Mean spectral centroid (Hz) over 2048-sample frames with a naive DFT-free estimate via zero crossings is too crude, so use FFT. */
export function spectralCentroidHz(monoSamples: Float32Array, sampleRate: number): number {
  const require = createRequire(import.meta.url);
  const FFT = require('fft.js') as new (
    n: number,
  ) => { createComplexArray(): number[]; realTransform(out: number[], input: Float32Array): void };
  const size = 2048;
  const fft = new FFT(size);
  const out = fft.createComplexArray();
  const frame = new Float32Array(size);
  let weighted = 0;
  let total = 0;
  for (let start = 0; start + size <= monoSamples.length; start += size * 4) {
    for (let i = 0; i < size; i++)
      frame[i] = monoSamples[start + i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
    fft.realTransform(out, frame);
    for (let k = 1; k < size / 2; k++) {
      const mag = Math.hypot(out[2 * k]!, out[2 * k + 1]!);
      weighted += mag * ((k * sampleRate) / size);
      total += mag;
    }
  }
  return total > 0 ? weighted / total : 0;
}

/** Onsets per second from a simple spectral-flux-free energy novelty (positive jumps of 10 ms RMS > 3 dB). */
export function onsetsPerSecond(monoSamples: Float32Array, sampleRate: number): number {
  const hop = Math.round(sampleRate / 100);
  let prevDb = -120;
  let onsets = 0;
  let refractory = 0;
  for (let start = 0; start + hop <= monoSamples.length; start += hop) {
    let e = 0;
    for (let i = start; i < start + hop; i++) e += monoSamples[i]! * monoSamples[i]!;
    const db = 10 * Math.log10(e / hop + 1e-12);
    if (refractory > 0) refractory--;
    else if (db - prevDb > 3 && db > -45) {
      onsets++;
      refractory = 5;
    }
    prevDb = db;
  }
  return onsets / (monoSamples.length / sampleRate);
}

/** Longest run (seconds) of 50 ms windows quieter than `thresholdDb` RMS. */
export function longestSilenceSec(monoSamples: Float32Array, sampleRate: number, thresholdDb = -50): number {
  const win = Math.round(sampleRate / 20);
  let run = 0;
  let longest = 0;
  for (let start = 0; start + win <= monoSamples.length; start += win) {
    let e = 0;
    for (let i = start; i < start + win; i++) e += monoSamples[i]! * monoSamples[i]!;
    const db = 10 * Math.log10(e / win + 1e-12);
    run = db < thresholdDb ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return (longest * win) / sampleRate;
}

/** Count of samples at or beyond full scale (clipping) in 16-bit terms. */
export function clippedSamples(channels: Float32Array[]): number {
  let n = 0;
  for (const ch of channels) for (const v of ch) if (v >= 32767 / 32768 || v <= -1) n++;
  return n;
}

type EssentiaRhythm = {
  RhythmExtractor2013(v: unknown, maxTempo: number, method: string, minTempo: number): { bpm: number };
};

/** Tempo with essentia.js RhythmExtractor2013 (degara method; AGPL: tests only). */
export function essentiaTempo(monoSamples: Float32Array): number {
  if (!essentia) essentiaKey(new Float32Array(44100), 44100);
  const e = essentia as unknown as EssentiaRhythm & EssentiaInstance;
  const vector = e.arrayToVector(monoSamples);
  try {
    return e.RhythmExtractor2013(vector, 208, 'degara', 40).bpm;
  } finally {
    vector.delete();
  }
}

type EssentiaMeterApi = {
  vectorToArray(v: unknown): Float32Array;
  RhythmExtractor2013(
    v: unknown,
    maxTempo: number,
    method: string,
    minTempo: number,
  ): { bpm: number; ticks: unknown };
};

/**
 * Bar length heard from the audio alone, nothing taken from the plan (AGPL essentia.js: tests only).
 * Beats: essentia.js RhythmExtractor2013 (multifeature). Accent of each beat: the energy below
 * 200 Hz in the 100 ms from just before it (the bass and kick that mark downbeats). `ac2`, `ac3`,
 * `ac4`: the accent sequence's normalised autocorrelation at 2, 3 and 4 beats; triple bars repeat
 * every 3 beats (ac3 above ac2 and ac4), duple and quadruple bars every 2 or 4. (essentia's own
 * Beatogram → Meter was tried first: it heard the held-out waltz in twos.)
 */
export function essentiaMeter(
  monoSamples: Float32Array,
  sampleRate: number,
): { bpm: number; ac2: number; ac3: number; ac4: number } {
  if (!essentia) essentiaKey(new Float32Array(44100), 44100);
  const e = essentia as unknown as EssentiaMeterApi & EssentiaInstance;
  const signal = e.arrayToVector(monoSamples);
  let rhythm: { bpm: number; ticks: unknown };
  let ticks: number[];
  try {
    rhythm = e.RhythmExtractor2013(signal, 208, 'multifeature', 40);
    ticks = Array.from(e.vectorToArray(rhythm.ticks));
  } finally {
    signal.delete();
  }
  const a = Math.exp((-2 * Math.PI * 200) / sampleRate);
  const low = new Float32Array(monoSamples.length);
  let y = 0;
  for (let i = 0; i < low.length; i++) {
    y = (1 - a) * monoSamples[i]! + a * y;
    low[i] = y;
  }
  const accents = ticks.map((t) => {
    const from = Math.max(0, Math.round((t - 0.02) * sampleRate));
    const to = Math.min(low.length, from + Math.round(0.1 * sampleRate));
    let sum = 0;
    for (let i = from; i < to; i++) sum += low[i]! * low[i]!;
    return Math.sqrt(sum);
  });
  const mean = accents.reduce((p, v) => p + v, 0) / Math.max(1, accents.length);
  const d = accents.map((v) => v - mean);
  const norm = d.reduce((p, v) => p + v * v, 0);
  const ac = (lag: number): number => {
    let sum = 0;
    for (let i = 0; i + lag < d.length; i++) sum += d[i]! * d[i + lag]!;
    return norm > 0 ? sum / norm : 0;
  };
  return { bpm: rhythm.bpm, ac2: ac(2), ac3: ac(3), ac4: ac(4) };
}

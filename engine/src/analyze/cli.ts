// What `soundfoundry analyze <file> [--json]` prints. Argument parsing lives in the server's CLI.
import { readFile, stat } from 'node:fs/promises';
import { type AnalyzeOptions, type AudioAnalysis, analyzeAudio } from './analyze-audio.ts';
import { AudioAnalysisError } from './errors.ts';

/** Files larger than this are refused before reading (the upload limit is 50 MB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

function formatNumber(x: number | null, unit: string, digits = 1): string {
  return x === null ? 'silent' : `${x.toFixed(digits)} ${unit}`;
}

/** "; or 70.0 BPM (0.30)" for the other metrical readings, if any. */
function alternatives(a: AudioAnalysis): string {
  return a.bpm_alternatives
    .map((alt) => `; or ${alt.bpm.toFixed(1)} BPM (${alt.weight.toFixed(2)})`)
    .join('');
}

/** "; or C major (0.31)" for the other keys the evidence allows, if any. */
function keyAlternatives(a: AudioAnalysis): string {
  return a.key_alternatives.map((alt) => `; or ${alt.key} ${alt.mode} (${alt.weight.toFixed(2)})`).join('');
}

/** Human-readable multi-line summary. */
export function formatAnalysis(path: string, a: AudioAnalysis): string {
  const minutes = Math.floor(a.duration_s / 60);
  const seconds = (a.duration_s - minutes * 60).toFixed(1).padStart(4, '0');
  return [
    `${path}`,
    `  format      ${a.format.toUpperCase()}, ${a.sample_rate} Hz, ${a.channels === 1 ? 'mono' : a.channels === 2 ? 'stereo' : `${a.channels} channels`}, ${minutes}:${seconds}`,
    `  tempo       ${a.bpm > 0 ? `${a.bpm.toFixed(1)} BPM` : 'no steady beat'} (confidence ${a.bpm_confidence.toFixed(2)}${alternatives(a)})`,
    `  key         ${a.key} ${a.mode} (${a.camelot}, confidence ${a.key_confidence.toFixed(2)}${keyAlternatives(a)})`,
    `  energy      ${a.energy.toFixed(2)}`,
    `  loudness    ${formatNumber(a.loudness_lufs, 'LUFS')} integrated, range ${a.loudness_range_lu.toFixed(1)} LU, true peak ${formatNumber(a.true_peak_dbtp, 'dBTP')}`,
  ].join('\n');
}

/**
 * Analyses a file and returns the text to print: with `json`, one line of JSON (the
 * AudioAnalysis fields, bpm/key/mode first); otherwise a readable summary. Throws
 * AudioAnalysisError (or a filesystem error) for the CLI to report.
 */
export async function analyzeFileCommand(
  path: string,
  opts: { json?: boolean } & AnalyzeOptions = {},
): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw new AudioAnalysisError('UNSUPPORTED_FORMAT', `${path} is not a file.`);
  if (info.size > MAX_FILE_BYTES) {
    throw new AudioAnalysisError(
      'TOO_LONG',
      `${path} is ${Math.round(info.size / 2 ** 20)} MB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MB.`,
    );
  }
  const bytes = new Uint8Array(await readFile(path));
  const { json, ...options } = opts;
  const a = await analyzeAudio(bytes, options);
  if (json) {
    const { bpm, key, mode, energy, loudness_lufs, true_peak_dbtp, duration_s, ...rest } = a;
    return JSON.stringify({ bpm, key, mode, energy, loudness_lufs, true_peak_dbtp, duration_s, ...rest });
  }
  return formatAnalysis(path, a);
}

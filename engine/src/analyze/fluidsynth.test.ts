// Analyser vs. material from an independent synthesizer (Debian FluidSynth + FluidR3 GM),
// rendered at test time from MIDI files with a known tempo and key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegEbur128, requireTool } from '../dsp/test-support.ts';
import { type AudioAnalysis, analyzeAudio } from './analyze-audio.ts';
import {
  labelledSet,
  PITCH_CLASSES,
  renderFixture,
  requireFluidSynth,
} from './test-support/midi-fixtures.ts';
import { mirexKeyScore } from './test-support/scores.ts';

// 12 of the 48 bench items (8 bars each): 6 major, 6 minor, 60–180 BPM, every drum style.
const SPECS = labelledSet(48, 8).filter((_, i) => i % 4 === (Math.floor(i / 4) % 2 ? 2 : 1));
const dir = mkdtempSync(join(tmpdir(), 'sf-fluid-'));
const results = new Map<string, { analysis: AudioAnalysis; path: string }>();

beforeAll(async () => {
  requireFluidSynth();
  requireTool('ffmpeg', 'ffmpeg');
  for (const spec of SPECS) {
    const path = renderFixture(spec, dir);
    results.set(spec.id, { analysis: await analyzeAudio(new Uint8Array(readFileSync(path))), path });
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FluidSynth renders with known tempo and key', () => {
  it('tempo: at least 11 of 12 within 4 % (Accuracy1), all 12 within 4 % allowing ×2/×½/×3/×⅓', () => {
    let acc1 = 0;
    let acc2 = 0;
    const lines: string[] = [];
    for (const spec of SPECS) {
      const { bpm } = results.get(spec.id)!.analysis;
      const ok1 = Math.abs(bpm / spec.bpm - 1) <= 0.04;
      const ok2 = [1, 2, 0.5, 3, 1 / 3].some((r) => Math.abs(bpm / (spec.bpm * r) - 1) <= 0.04);
      acc1 += Number(ok1);
      acc2 += Number(ok2);
      lines.push(`${spec.id}: ${bpm}`);
    }
    expect(acc1, lines.join('\n')).toBeGreaterThanOrEqual(11);
    expect(acc2, lines.join('\n')).toBe(12);
  });

  it('key: MIREX weighted score ≥ 0.8 over the 12 items', () => {
    let score = 0;
    const lines: string[] = [];
    for (const spec of SPECS) {
      const a = results.get(spec.id)!.analysis;
      const s = mirexKeyScore(spec.tonicPc, spec.mode, PITCH_CLASSES.indexOf(a.key), a.mode);
      score += s;
      lines.push(`${spec.id}: ${a.key} ${a.mode} (${s})`);
    }
    expect(score / SPECS.length, lines.join('\n')).toBeGreaterThanOrEqual(0.8);
  });

  it('loudness: integrated within 0.3 LU of ffmpeg ebur128, true peak within 0.6 dB', () => {
    for (const spec of SPECS.slice(0, 4)) {
      const { analysis, path } = results.get(spec.id)!;
      const ref = ffmpegEbur128(path);
      expect(Math.abs(analysis.loudness_lufs! - ref.integratedLufs), spec.id).toBeLessThanOrEqual(0.3);
      expect(Math.abs(analysis.true_peak_dbtp! - ref.truePeakDbtp), spec.id).toBeLessThanOrEqual(0.6);
    }
  });

  it('an MP3 made from a render (lame) analyses like the WAV', async () => {
    const spec = SPECS[2]!;
    const { analysis, path } = results.get(spec.id)!;
    const mp3 = join(dir, 'render.mp3');
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-i',
      path,
      '-c:a',
      'libmp3lame',
      '-b:a',
      '192k',
      mp3,
    ]);
    const fromMp3 = await analyzeAudio(new Uint8Array(readFileSync(mp3)));
    expect(fromMp3.format).toBe('mp3');
    expect(Math.abs(fromMp3.bpm - analysis.bpm)).toBeLessThanOrEqual(0.5);
    expect(`${fromMp3.key} ${fromMp3.mode}`).toBe(`${analysis.key} ${analysis.mode}`);
    expect(Math.abs(fromMp3.loudness_lufs! - analysis.loudness_lufs!)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(fromMp3.duration_s - analysis.duration_s)).toBeLessThan(0.1);
  });

  it('energy stays in 0–1 and follows loudness (the louder half of the renders scores higher)', () => {
    const rows = SPECS.map((s) => results.get(s.id)!.analysis).sort(
      (a, b) => a.loudness_lufs! - b.loudness_lufs!,
    );
    for (const r of rows) {
      expect(r.energy).toBeGreaterThanOrEqual(0);
      expect(r.energy).toBeLessThanOrEqual(1);
    }
    const mean = (xs: AudioAnalysis[]) => xs.reduce((n, r) => n + r.energy, 0) / xs.length;
    expect(mean(rows.slice(6))).toBeGreaterThan(mean(rows.slice(0, 6)));
  });
});

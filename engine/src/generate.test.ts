// End-to-end properties of generateTrack: determinism, outputs, stems, progress, cancellation.
import { beforeAll, describe, expect, it } from 'vitest';
import { composePlan } from './compose/compose-plan.ts';
import { generateTrack, renderPremaster } from './generate.ts';
import yauzlLike from './testing/read-zip.ts';
import { decodeWav16 } from './testing/reference-tools.ts';
import {
  EngineCancelledError,
  EngineParamError,
  type GeneratedTrack,
  type GenerateParams,
  type GenerateProgress,
} from './types.ts';

const params: GenerateParams = {
  prompt: 'warm pop song with piano',
  durationSec: 20,
  seed: 99,
  genre: 'pop',
  hasVocals: true,
  lyrics:
    '[Verse]\nLights along the water\nCarry me back home\n\n[Chorus]\nOh we are alive tonight\nOh we are alive',
};

let a: GeneratedTrack;
let b: GeneratedTrack;
let other: GeneratedTrack;
const progress: GenerateProgress[] = [];

beforeAll(async () => {
  a = await generateTrack(params, { onProgress: (p) => progress.push(p) });
  b = await generateTrack(params);
  other = await generateTrack({ ...params, seed: 100 });
}, 120_000);

const rms = (x: Float32Array, from = 0, to = x.length): number => {
  let e = 0;
  for (let i = from; i < to; i++) e += x[i]! * x[i]!;
  return Math.sqrt(e / Math.max(1, to - from));
};

describe('generateTrack', () => {
  it('gives byte-identical outputs for the same params and seed', () => {
    for (const key of ['wav', 'mp3', 'previewMp3', 'stemsZip', 'midi'] as const) {
      expect(Buffer.compare(Buffer.from(a[key]), Buffer.from(b[key])), key).toBe(0);
    }
    expect(JSON.stringify(a.plan)).toBe(JSON.stringify(b.plan));
  });

  it('gives clearly different music for a different seed', () => {
    const x = decodeWav16(a.wav).channels[0]!;
    const y = decodeWav16(other.wav).channels[0]!;
    // Normalised difference energy: identical tracks give 0, unrelated ones ≈ 2.
    let diff = 0;
    let energy = 0;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      diff += (x[i]! - y[i]!) ** 2;
      energy += x[i]! ** 2;
    }
    expect(diff / energy).toBeGreaterThan(0.5);
  });

  it('writes valid WAV, MP3, MIDI, ZIP and plan outputs', () => {
    const wav = Buffer.from(a.wav);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(44100);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt16LE(22)).toBe(2);
    expect(wav.readUInt32LE(40)).toBe(20 * 44100 * 4);
    for (const mp3 of [a.mp3, a.previewMp3]) {
      expect(mp3[0]).toBe(0xff);
      expect(mp3[1]! & 0xe0).toBe(0xe0);
      // MPEG-1 layer III, 192 kbps (bitrate index 11), 44.1 kHz (index 0).
      expect(mp3[2]! >> 4).toBe(11);
      expect((mp3[2]! >> 2) & 3).toBe(0);
    }
    // A 20 s track's MP3 at 192 kbps is ≈ 480 kB.
    expect(a.mp3.length).toBeGreaterThan(400_000);
    expect(a.mp3.length).toBeLessThan(560_000);
    expect(Buffer.from(a.midi).toString('ascii', 0, 4)).toBe('MThd');
    expect(a.plan).toMatchObject({ genre: 'pop', durationSec: 20 });
    expect(a.plan.lyrics!.length).toBeGreaterThan(5);
    expect(a.stats.stems).toContain('vocals');
    expect(Math.abs(a.stats.integratedLufs + 14)).toBeLessThan(0.5);
    expect(a.stats.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('reports monotone progress through every stage to 1', () => {
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(new Set(progress.map((p) => p.stage))).toEqual(
      new Set(['compose', 'render', 'mix', 'master', 'encode']),
    );
  });

  it('has stems that sum to the pre-master mix within −60 dB, each sounding where its part plays', async () => {
    const files = yauzlLike(a.stemsZip);
    expect(files.map((f) => f.name).sort()).toEqual(a.stats.stems.map((s) => `${s}.wav`).sort());
    const { mix } = await renderPremaster(composePlan(params));
    expect((a.plan.master as { stemsGainDb: number }).stemsGainDb).toBeCloseTo(-6.02, 1);
    const stemGain = 10 ** ((a.plan.master as { stemsGainDb: number }).stemsGainDb / 20);
    const sumL = new Float32Array(mix[0].length);
    for (const f of files) {
      const [l] = decodeWav16(f.bytes).channels;
      for (let i = 0; i < sumL.length; i++) sumL[i] = sumL[i]! + l![i]! / stemGain;
    }
    const residual = new Float32Array(sumL.length);
    for (let i = 0; i < sumL.length; i++) residual[i] = sumL[i]! - mix[0][i]!;
    expect(20 * Math.log10(rms(residual) / rms(mix[0]))).toBeLessThan(-60);

    expect(JSON.stringify(a.plan).length).toBeLessThan(60_000);
    const plan = composePlan(params);
    const beatSec = 60 / plan.bpm;
    for (const f of files) {
      const stem = f.name.replace('.wav', '');
      const [l] = decodeWav16(f.bytes).channels;
      // Every half-second window that starts a note of this stem's parts carries sound.
      for (const part of plan.parts.filter((p) => p.stem === stem)) {
        for (const n of part.notes.filter((_, i) => i % 7 === 0)) {
          const from = Math.round(n.startBeat * beatSec * 44100);
          const level = 20 * Math.log10(rms(l!, from, Math.min(l!.length, from + 22050)) + 1e-12);
          expect(level, `${stem} at ${(from / 44100).toFixed(2)} s`).toBeGreaterThan(-60);
        }
      }
    }
  });

  it('cancels with EngineCancelledError and rejects bad params with EngineParamError', async () => {
    const controller = new AbortController();
    const run = generateTrack(
      { ...params, durationSec: 120 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'render') controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(EngineCancelledError);
    await expect(generateTrack({ ...params, genre: 'polka' as never })).rejects.toBeInstanceOf(
      EngineParamError,
    );
    await expect(generateTrack({ ...params, durationSec: 10000 })).rejects.toMatchObject({
      field: 'durationSec',
    });
  });
});

describe('generateToDirectory', () => {
  it('writes the six outputs and returns a one-line summary', async () => {
    const { mkdtempSync, readdirSync, rmSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { generateToDirectory } = await import('./generate-to-directory.ts');
    const dir = mkdtempSync(join(tmpdir(), 'sf-out-'));
    try {
      // 20 lyric lines in 15 s: the summary says the last ones were left out, as the track page does.
      const lyrics = Array.from({ length: 20 }, (_, i) => `line ${i} of the song`).join('\n');
      const summary = await generateToDirectory(
        { prompt: 'dusty lo-fi with vinyl', durationSec: 15, seed: 3, hasVocals: true, lyrics },
        dir,
      );
      expect(summary).not.toContain('\n');
      expect(summary).toMatch(/lo-fi, \d+(\.\d+)? BPM, [A-G]#? (major|minor), style lo-fi in 4\/4, 15 s/);
      expect(readdirSync(dir).sort()).toEqual([
        'plan.json',
        'preview.mp3',
        'stems.zip',
        'track.mid',
        'track.mp3',
        'track.wav',
      ]);
      const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
      expect(plan.texture.vinyl).toBe(true);
      expect(plan.lyricsUnsungLines).toBeGreaterThan(10);
      expect(summary).toMatch(
        new RegExp(`; the last ${plan.lyricsUnsungLines} lyric lines did not fit in 15 s$`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

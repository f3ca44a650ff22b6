// Every genre, rendered for real and measured: tempo and key by the project's own analyser
// (analyzeAudio, which knows nothing about the engine) and the key also by an independent one
// (essentia), loudness and true peak (ffmpeg ebur128), duration, silence, clipping; and the
// genres must differ measurably from each other.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAudio } from './analyze/analyze-audio.ts';
import { generateTrack } from './generate.ts';
import {
  clippedSamples,
  decodeWav16,
  essentiaKey,
  ffmpegEbur128,
  longestSilenceSec,
  mono,
  onsetsPerSecond,
  requireTool,
  spectralCentroidHz,
} from './testing/reference-tools.ts';
import { GENRES, type Genre, type KeyName } from './types.ts';

const DURATION_SEC = 30;
const SEED = 1234;
const dir = mkdtempSync(join(tmpdir(), 'sf-genres-'));

interface Measured {
  bpm: number;
  key: KeyName;
  analysedBpm: number;
  analysedKey: string;
  essentiaKey: string;
  lufs: number;
  truePeak: number;
  durationSec: number;
  silenceSec: number;
  clipped: number;
  centroidHz: number;
  onsetsPerSec: number;
}
const measured = new Map<Genre, Measured>();
/**
 * Genres whose tempo the analyser is known to misread at this seed (see the tempo check). Empty since
 * ambient's arpeggio and shaker moved onto the beat (issue 18): it is read at its planned tempo.
 */
const TEMPO_KNOWN_MISSES: readonly Genre[] = [];

beforeAll(() => {
  requireTool('ffmpeg', 'ffmpeg');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(GENRES)('%s', (genre) => {
  let m: Measured;
  beforeAll(async () => {
    const track = await generateTrack({
      prompt: `a ${genre} track`,
      durationSec: DURATION_SEC,
      seed: SEED,
      genre,
    });
    const path = join(dir, `${genre}.wav`);
    writeFileSync(path, track.wav);
    const { channels, sampleRate } = decodeWav16(track.wav);
    const x = mono(channels);
    const loud = ffmpegEbur128(path);
    const analysis = await analyzeAudio(track.wav);
    m = {
      bpm: track.plan.bpm,
      key: track.plan.key,
      analysedBpm: analysis.bpm,
      analysedKey: `${analysis.key} ${analysis.mode}`,
      essentiaKey: essentiaKey(x, sampleRate).key,
      lufs: loud.integratedLufs,
      truePeak: loud.truePeakDbtp,
      durationSec: x.length / sampleRate,
      // The last second is the final chord's fade-out, which the form asks for.
      silenceSec: longestSilenceSec(x.subarray(0, x.length - sampleRate), sampleRate),
      clipped: clippedSamples(channels),
      centroidHz: spectralCentroidHz(x, sampleRate),
      onsetsPerSec: onsetsPerSecond(x, sampleRate),
    };
    measured.set(genre, m);
  }, 120_000);

  const tempoCheck = () => {
    expect(
      Math.abs(m.analysedBpm / m.bpm - 1),
      `planned ${m.bpm} BPM, analysed ${m.analysedBpm}`,
    ).toBeLessThanOrEqual(0.04);
  };
  // A genre the analyser misreads is kept as an expected failure, so a fix shows as well as a
  // regression.
  if (TEMPO_KNOWN_MISSES.includes(genre))
    it.fails('has the planned tempo (known double-time miss of the analyser)', tempoCheck);
  else it('has the planned tempo (analyzeAudio within 4 %, no octave allowance)', tempoCheck);

  it('is in the planned key (analyzeAudio)', () => {
    expect(m.analysedKey, `planned ${m.key}`).toBe(m.key);
  });

  it('is in the planned key (essentia KeyExtractor, an independent check)', () => {
    expect(m.essentiaKey).toBe(m.key);
  });

  it('is mastered to −14 LUFS ±1 with true peak ≤ −1 dBTP (ffmpeg ebur128)', () => {
    expect(Math.abs(m.lufs + 14)).toBeLessThanOrEqual(1);
    expect(m.truePeak).toBeLessThanOrEqual(-1);
  });

  it('lasts exactly the requested duration, without gaps or clipping', () => {
    expect(Math.abs(m.durationSec - DURATION_SEC)).toBeLessThanOrEqual(0.5);
    expect(m.silenceSec).toBeLessThanOrEqual(1);
    expect(m.clipped).toBe(0);
  });
});

describe('genres differ measurably', () => {
  it('in tempo, spectral balance and onset density', () => {
    const all = [...measured.entries()];
    expect(all.length).toBe(GENRES.length);
    const get = (g: Genre): Measured => measured.get(g)!;
    // Tempo ranges: drum & bass is far faster than hip-hop, lo-fi and ambient.
    expect(get('drum-and-bass').bpm).toBeGreaterThan(get('hip-hop').bpm * 1.5);
    expect(get('ambient').bpm).toBeLessThan(get('techno').bpm * 0.7);
    // Spectral balance: orchestral/ambient/classical are darker than club genres.
    for (const dark of ['classical', 'cinematic', 'ambient'] as const) {
      for (const bright of ['house', 'techno', 'trap'] as const) {
        expect(get(dark).centroidHz, `${dark} vs ${bright}`).toBeLessThan(get(bright).centroidHz);
      }
    }
    // Onset density: ambient is sparser than funk and rock.
    expect(get('ambient').onsetsPerSec).toBeLessThan(get('funk').onsetsPerSec);
    expect(get('ambient').onsetsPerSec).toBeLessThan(get('rock').onsetsPerSec);
    // No two genres are the same track: each pair differs in tempo, key or centroid.
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [ga, a] = all[i]!;
        const [gb, b] = all[j]!;
        const differs = a.bpm !== b.bpm || a.key !== b.key || Math.abs(a.centroidHz - b.centroidHz) > 100;
        expect(differs, `${ga} vs ${gb}`).toBe(true);
      }
    }
  });
});

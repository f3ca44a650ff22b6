// Tempo and key of the engine's own renders (30 s), read by the project's analyser, against the
// plan. The analyser knows nothing about the engine; these renders are simply music whose tempo
// and key we know, with the grooves (hats on 8ths or 16ths, half-time trap, swung lo-fi) that
// once pushed the metrical level to double or half time.
//
// Coverage: every genre on seed 58, a seed nothing was tuned on (the metrical-level constants in
// metre.ts and the harmonic weighting in key.ts were chosen on seeds 1, 7 and 2024; seeds 1234,
// 42 and 99 were inspected while designing them). On the four untuned seeds 3, 58, 777 and 4242
// the analyser read 59/64 tempi and 63/64 keys right; the misses are kept below as expected
// failures so that a fix (or a regression elsewhere) shows up here:
// - funk 3 (205 for 103, double), funk 777 and world 3 (68 for 102, 2⁄3): the comb prefers
//   another level and the syncopated kick, ghost-note snare or congas give no clear backbeat
//   to correct it;
// - trap 777: half time (68 for 135) — the clap on 3 is a half-time backbeat, only the 16th-note
//   hats say 135, and on this seed not strongly enough;
// - lo-fi 4242: double time (158 for 79), swung 8ths on a near tie of the comb.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTrack } from '../index.ts';
import { GENRES, type Genre } from '../types.ts';
import { analyzeAudio } from './analyze-audio.ts';

const DURATION_SEC = 30;
const SEED = 58;
const KNOWN_TEMPO_MISSES: { genre: Genre; seed: number }[] = [
  { genre: 'funk', seed: 3 },
  { genre: 'world', seed: 3 },
  { genre: 'trap', seed: 777 },
  { genre: 'funk', seed: 777 },
  { genre: 'lo-fi', seed: 4242 },
];

interface Reading {
  planBpm: number;
  planKey: string;
  bpm: number;
  key: string;
}
const readings = new Map<string, Reading>();

async function read(genre: Genre, seed: number): Promise<Reading> {
  const track = await generateTrack({ prompt: `a ${genre} track`, durationSec: DURATION_SEC, seed, genre });
  const a = await analyzeAudio(track.wav);
  return { planBpm: track.plan.bpm, planKey: track.plan.key, bpm: a.bpm, key: `${a.key} ${a.mode}` };
}

function tempoError({ planBpm, bpm }: Reading): number {
  return Math.abs(bpm / planBpm - 1);
}

beforeAll(async () => {
  for (const genre of GENRES) readings.set(`${genre}/${SEED}`, await read(genre, SEED));
  for (const { genre, seed } of KNOWN_TEMPO_MISSES) readings.set(`${genre}/${seed}`, await read(genre, seed));
}, 300_000);

describe(`engine renders, seed ${SEED} (${DURATION_SEC} s)`, () => {
  for (const genre of GENRES) {
    it(`${genre}: the analysed bpm is within 4 % of the plan's and the key is the plan's`, () => {
      const r = readings.get(`${genre}/${SEED}`)!;
      expect(tempoError(r), `plan ${r.planBpm}, analysed ${r.bpm}`).toBeLessThanOrEqual(0.04);
      expect(r.key).toBe(r.planKey);
    });
  }
});

describe('known tempo misses on other untuned seeds (expected to fail until fixed)', () => {
  for (const { genre, seed } of KNOWN_TEMPO_MISSES) {
    it.fails(`${genre} (seed ${seed}) reads the plan's tempo`, () => {
      const r = readings.get(`${genre}/${seed}`)!;
      expect(tempoError(r), `plan ${r.planBpm}, analysed ${r.bpm}`).toBeLessThanOrEqual(0.04);
    });
  }
});

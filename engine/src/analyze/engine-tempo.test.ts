// Tempo of the engine's own renders, where hi-hats and shakers on 8ths once pushed the
// metrical-level choice to double time (and house to 2/3 time). Each case read the wrong level
// before the half-period allowance (see beatSalience) and reads the plan's tempo now. Not
// covered, because they are still wrong on some seeds: trap (half time on every seed tried),
// hip-hop seed 2024 (double), lo-fi seeds 2024 and 7 (swung; double), funk seed 2024 at 20 s
// (double), house seed 2024 at 20 s (2/3).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTrack } from '../index.ts';
import type { Genre } from '../types.ts';
import { analyzeAudio } from './analyze-audio.ts';

const CASES: { genre: Genre; seed: number }[] = [
  { genre: 'hip-hop', seed: 7 },
  { genre: 'lo-fi', seed: 1 },
  { genre: 'world', seed: 2024 },
  { genre: 'house', seed: 1 },
];
const results = new Map<string, { planBpm: number; bpm: number }>();

beforeAll(async () => {
  for (const { genre, seed } of CASES) {
    const track = await generateTrack({ prompt: `a ${genre} track`, durationSec: 20, seed, genre });
    const analysis = await analyzeAudio(track.wav);
    results.set(`${genre}/${seed}`, { planBpm: track.plan.bpm, bpm: analysis.bpm });
  }
}, 120_000);

describe('tempo of engine renders (20 s)', () => {
  for (const { genre, seed } of CASES) {
    it(`${genre} (seed ${seed}): the analysed bpm is within 4 % of the plan's`, () => {
      const { planBpm, bpm } = results.get(`${genre}/${seed}`)!;
      expect(Math.abs(bpm / planBpm - 1), `plan ${planBpm}, analysed ${bpm}`).toBeLessThanOrEqual(0.04);
    });
  }
});

// The fused renderVoice (fused-voice.ts) gives the same bits as spessasynth's own, stem by stem.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { composePlan } from '../compose/compose-plan.ts';
import type { StemName } from '../compose/plan-types.ts';
import { renderStem, type StereoBuffer } from './synth-render.ts';

const SR = 44100;
const SEC = 6;
const hash = ([l, r]: StereoBuffer): string =>
  createHash('sha1').update(Buffer.from(l.buffer)).update(Buffer.from(r.buffer)).digest('hex');

describe('fused voice rendering', () => {
  // Filtered and open voices, looped and one-shot samples, vibrato (vocals), pan, release.
  for (const genre of ['pop', 'jazz', 'lo-fi', 'electronic'] as const)
    it(`renders every ${genre} stem to the same bits as the library`, async () => {
      const plan = composePlan({
        prompt: 'fused',
        durationSec: SEC,
        seed: 9,
        genre,
        hasVocals: true,
        lyrics: 'la la la',
      });
      const stems = [...new Set(plan.parts.map((p) => p.stem))] as StemName[];
      expect(stems.length).toBeGreaterThan(2);
      for (const stem of stems) {
        const fused: StereoBuffer = [new Float32Array(SEC * SR), new Float32Array(SEC * SR)];
        const library: StereoBuffer = [new Float32Array(SEC * SR), new Float32Array(SEC * SR)];
        await renderStem(plan, SR, stem, fused);
        await renderStem(plan, SR, stem, library, { libraryVoices: true });
        expect(
          fused[0].some((v) => v !== 0),
          `${genre} ${stem} is silent`,
        ).toBe(true);
        expect(hash(fused), `${genre} ${stem}`).toBe(hash(library));
      }
    });
});

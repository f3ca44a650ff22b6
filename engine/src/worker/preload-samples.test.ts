// The samples the preload decodes for a thread are exactly the ones that thread's synthesis plays.
import { BasicSoundBank } from 'spessasynth_core';
import { describe, expect, it } from 'vitest';
import { composePlan } from '../compose/compose-plan.ts';
import { laneSplit, SAMPLE_RATE, SPLIT_STEM, stemsInRenderOrder } from '../mixdown.ts';
import { loadSoundfont } from '../render/soundfont.ts';
import { renderStem, type StereoBuffer } from '../render/synth-render.ts';
import { laneSamples } from './preload-samples.ts';

/** The samples this thread has decoded (spessasynth keeps a sample's audio once decoded). */
function decoded(): number[] {
  return loadSoundfont()
    .samples.map((s, i) => ((s as unknown as { audioData?: Float32Array }).audioData ? i : -1))
    .filter((i) => i >= 0);
}
const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('laneSamples', () => {
  it("lists exactly the samples each lane's synthesis decodes", async () => {
    await BasicSoundBank.isSF3DecoderReady;
    const plan = composePlan({ prompt: 'preload', durationSec: 8, seed: 5, genre: 'pop', hasVocals: true });
    const { helper, splitFraction } = laneSplit(plan);
    expect(splitFraction).toBeDefined();
    const lanes = laneSamples(plan);
    // A fresh thread (vitest runs each file in its own): nothing decoded yet.
    expect(decoded()).toEqual([]);
    const frames = 8 * SAMPLE_RATE;
    const buffer: StereoBuffer = [new Float32Array(frames), new Float32Array(frames)];
    for (const stem of helper) {
      const share = stem === SPLIT_STEM ? { index: 0 as const, fraction: splitFraction! } : undefined;
      await renderStem(plan, SAMPLE_RATE, stem, buffer, { share });
    }
    expect(decoded()).toEqual(sorted(lanes.helper));
    for (const stem of stemsInRenderOrder(plan).filter((s) => !helper.includes(s)))
      await renderStem(plan, SAMPLE_RATE, stem, buffer);
    await renderStem(plan, SAMPLE_RATE, SPLIT_STEM, buffer, {
      share: { index: 1, fraction: splitFraction! },
    });
    expect(decoded()).toEqual(sorted(new Set([...lanes.helper, ...lanes.engine])));
    // The engine lane plays samples of its own (not only the helper's).
    expect(lanes.engine.some((s) => !lanes.helper.includes(s))).toBe(true);
  }, 60_000);
});

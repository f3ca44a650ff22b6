// Decoding, before the first job, the SoundFont samples each thread's jobs play. Spessasynth
// decodes a sample (Ogg Vorbis → float32, ≈50 MB of decoded audio per CPU second) the first time a
// voice plays it and keeps it in that thread; a fresh worker's first 60 s pop job so paid ≈0.7 s of
// CPU for the samples it played (the piano's most), on the critical path.
import { composePlan } from '../compose/compose-plan.ts';
import type { MusicPlan } from '../compose/plan-types.ts';
import { laneSplit, SAMPLE_RATE, SPLIT_STEM, stemsInRenderOrder } from '../mixdown.ts';
import { loadSoundfont } from '../render/soundfont.ts';
import { samplesPlayed } from '../render/synth-render.ts';
import { GENRES } from '../types.ts';

/** The samples each thread of a job plays: lane 0 on the engine thread, lane 1 on the helper. */
export interface LaneSamples {
  engine: number[];
  helper: number[];
}

/**
 * The samples a plan's job plays on each thread, as mixdown.ts shares its stems and notes. With a
 * `margin`, each thread's share of the split stem is taken that much (of its voice-seconds) wider:
 * where the split falls moves from plan to plan, and the keys beside it go to either thread.
 */
export function laneSamples(plan: MusicPlan, margin = 0): LaneSamples {
  const { helper, splitFraction } = laneSplit(plan);
  const lanes = { engine: new Set<number>(), helper: new Set<number>() };
  const add = (to: Set<number>, samples: number[]) => {
    for (const s of samples) to.add(s);
  };
  for (const stem of stemsInRenderOrder(plan)) {
    const owner = helper.includes(stem) ? lanes.helper : lanes.engine;
    if (stem === SPLIT_STEM && splitFraction !== undefined) {
      // The owner renders share 0, the other lane share 1 (mixdown.ts renderLane).
      const other = owner === lanes.helper ? lanes.engine : lanes.helper;
      const share0 = Math.min(1, splitFraction + margin);
      const share1 = Math.max(0, splitFraction - margin);
      add(owner, samplesPlayed(plan, SAMPLE_RATE, stem, { index: 0, fraction: share0 }));
      add(other, samplesPlayed(plan, SAMPLE_RATE, stem, { index: 1, fraction: share1 }));
    } else add(owner, samplesPlayed(plan, SAMPLE_RATE, stem));
  }
  return { engine: [...lanes.engine], helper: [...lanes.helper] };
}

/** How much wider (of the split stem's voice-seconds) each thread's preloaded share is (laneSamples). */
const SPLIT_MARGIN = 0.15;

/**
 * What each thread decodes before the first job: the samples a 30 s job of each genre (one fixed
 * seed, with vocals) plays on it. A fixed, bounded set (≈190 samples; decoded, the engine thread's
 * ≈47 MB and the helper's ≈60 MB — the piano alone at every key and velocity would be ≈200 MB per
 * thread). A job of another seed or prompt plays mostly the same samples and decodes the few others
 * as it plays them: of the bench's 60 s pop job (seed 42) the helper finds all 22.6 MB it plays
 * decoded, the engine thread 11.2 of 14.1 MB (which thread renders what moves with the plan,
 * laneSplit). 60 s plans, or two seeds, left less undecoded for ≈20–40 MB more.
 * With `parallel` false the engine thread plays them all.
 */
export async function preloadSamples(parallel: boolean, busy: () => boolean): Promise<LaneSamples> {
  const engine = new Set<number>();
  const helper = new Set<number>();
  // A plan at a time (≈20–60 ms each), so a job that arrives meanwhile waits for one at most.
  for (const genre of GENRES) {
    await idle(busy);
    const plan = composePlan({
      prompt: 'preload',
      durationSec: 30,
      seed: 1,
      genre,
      hasVocals: true,
      lyrics: 'la la',
    });
    const lanes = laneSamples(plan, SPLIT_MARGIN);
    for (const s of lanes.engine) engine.add(s);
    for (const s of lanes.helper) (parallel ? helper : engine).add(s);
  }
  return { engine: [...engine], helper: [...helper] };
}

/** Decoding work per step between yields: one sample takes up to ≈30 ms (the largest piano samples). */
const STEP_MS = 20;
/** How often a paused preload looks whether the thread is idle again. */
const PAUSED_POLL_MS = 50;

/**
 * Decodes `samples` a few ms at a time, yielding between steps so that messages get through, and
 * pausing while `busy()` (a job is running: it decodes what it plays itself, and the rest would
 * only take its thread's time).
 */
export async function decodeInSteps(samples: readonly number[], busy: () => boolean): Promise<void> {
  const bank = loadSoundfont().samples;
  let next = 0;
  while (next < samples.length) {
    await idle(busy);
    const until = performance.now() + STEP_MS;
    while (next < samples.length && performance.now() < until) bank[samples[next++]!]?.getAudioData();
  }
}

/** Yields to messages, then waits while `busy()`. */
async function idle(busy: () => boolean): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (busy()) await new Promise<void>((resolve) => setTimeout(resolve, PAUSED_POLL_MS).unref());
}

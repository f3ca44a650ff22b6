// The pipeline: validate → compose → render stems → mix bus (per-stem effects, sum, master) → encode.
export { PREVIEW_SEC, previewStartSec, SAMPLE_RATE } from './mixdown.ts';

import { composePlan } from './compose/compose-plan.ts';
import type { MusicPlan, StemName } from './compose/plan-types.ts';
import { STEM_NAMES } from './compose/plan-types.ts';
import { validateGenerateParams } from './compose/validate.ts';
import { JobArena } from './job-arena.ts';
import type { MasterResult } from './master/master-mix.ts';
import { planToMidi } from './master/midi-file.ts';
import { encodeMp3 } from './master/mp3.ts';
import {
  Mixdown,
  type MixdownOutputs,
  PREVIEW_SEC,
  previewStartSec,
  SAMPLE_RATE,
  stemsInRenderOrder,
} from './mixdown.ts';
import { STEM_WAV_GAIN } from './render/stem-fx.ts';
import { renderStem, type StereoBuffer } from './render/synth-render.ts';
import {
  EngineCancelledError,
  type GeneratedTrack,
  type GenerateOptions,
  type GenerateParams,
  type GenerateProgress,
  type GenerateStage,
} from './types.ts';

function progressReporter(
  onProgress?: (p: GenerateProgress) => void,
): (stage: GenerateStage, fraction: number) => void {
  let last = 0;
  return (stage, fraction) => {
    const f = Math.min(1, Math.max(last, fraction));
    last = f;
    onProgress?.({ stage, fraction: f });
  };
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new EngineCancelledError();
}

/** Loudness figures of the master; its audio is in the job arena's master buffers. */
export type MasterStats = Omit<MasterResult, 'left' | 'right'>;

/**
 * A handle on one job's mix bus (mixdown.ts), wherever it runs. The synth renders each stem into a
 * free stem slot of the job arena and hands the slot over; the slot is free again once the mix bus
 * has processed it. `master()` resolves once every stem is in and the master is in the arena.
 */
export interface MixdownHandle {
  acquireSlot(): Promise<number>;
  addStem(name: StemName, slot: number): void;
  master(): Promise<MasterStats>;
  finish(): Promise<MixdownOutputs>;
  dispose(): void;
}

/**
 * Where the mix bus runs. In-thread generation runs it here, after each stem; the engine worker
 * runs it on a helper thread, so channel strips, stem WAVs, mastering, the WAV and the preview
 * overlap with synthesis and with the full MP3's encoding. Both give the same bytes.
 */
export interface GenerateRuntime {
  openMixdown(plan: MusicPlan, arena: JobArena): MixdownHandle;
}

export const IN_THREAD_RUNTIME: GenerateRuntime = {
  openMixdown(plan, arena) {
    const mixdown = new Mixdown(plan, arena);
    return {
      // A stem is processed as soon as it is handed in, so slot 0 is always free again.
      acquireSlot: async () => 0,
      addStem: (name, slot) => mixdown.addStem(name, arena.stemSlot(slot)),
      master: async () => {
        const { left, right, ...stats } = mixdown.master();
        return stats;
      },
      finish: () => mixdown.finish(),
      dispose: () => undefined,
    };
  },
};

/** Renders the plan's stems, in render order, each into a free slot that is then handed over. */
async function renderStemsInto(
  plan: MusicPlan,
  arena: JobArena,
  mixdown: Pick<MixdownHandle, 'acquireSlot' | 'addStem'>,
  hooks: { onProgress?: (f: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const stems = stemsInRenderOrder(plan);
  for (const [i, name] of stems.entries()) {
    const slot = await mixdown.acquireSlot();
    checkAbort(hooks.signal);
    const buffer = arena.stemSlot(slot);
    buffer[0].fill(0);
    buffer[1].fill(0);
    await renderStem(plan, SAMPLE_RATE, name, buffer, {
      signal: hooks.signal,
      onProgress: (f) => hooks.onProgress?.((i + f) / stems.length),
    });
    checkAbort(hooks.signal);
    mixdown.addStem(name, slot);
  }
}

/** The pre-master mix of a plan (what the stems ZIP sums to), for tests and tools. */
export async function renderPremaster(plan: MusicPlan): Promise<{ mix: StereoBuffer }> {
  const arena = new JobArena(trackFrames(plan));
  const mixdown = new Mixdown(plan, arena);
  await renderStemsInto(plan, arena, {
    acquireSlot: async () => 0,
    addStem: (name, slot) => mixdown.addStem(name, arena.stemSlot(slot)),
  });
  return { mix: arena.mix };
}

function trackFrames(plan: MusicPlan): number {
  return Math.round(plan.durationSec * SAMPLE_RATE);
}

export function generateTrack(
  params: GenerateParams,
  options: GenerateOptions = {},
): Promise<GeneratedTrack> {
  return generateTrackWith(params, options, IN_THREAD_RUNTIME);
}

export async function generateTrackWith(
  params: GenerateParams,
  options: GenerateOptions,
  runtime: GenerateRuntime,
): Promise<GeneratedTrack> {
  validateGenerateParams(params);
  const report = progressReporter(options.onProgress);
  const { signal } = options;
  checkAbort(signal);
  report('compose', 0);
  const plan = composePlan(params);
  report('compose', 0.04);
  checkAbort(signal);

  const arena = new JobArena(trackFrames(plan));
  const mixdown = runtime.openMixdown(plan, arena);
  try {
    await renderStemsInto(plan, arena, mixdown, {
      signal,
      onProgress: (f) => report('render', 0.04 + 0.56 * f),
    });
    report('mix', 0.62);
    const mastered = await mixdown.master();
    report('master', 0.72);
    checkAbort(signal);
    // WAV, preview and ZIP (on the helper thread, when there is one) while the full MP3 encodes here.
    const rest = mixdown.finish();
    rest.catch(() => undefined);
    const mp3 = await encodeMp3(...arena.master, SAMPLE_RATE);
    report('encode', 0.92);
    checkAbort(signal);
    const { wav, previewMp3, stemsZip } = await rest;
    const midi = planToMidi(plan);
    report('encode', 1);
    return assemble(plan, mastered, { wav, mp3, previewMp3: previewMp3 ?? mp3, stemsZip, midi });
  } finally {
    mixdown.dispose();
  }
}

function assemble(
  plan: MusicPlan,
  mastered: MasterStats,
  files: Pick<GeneratedTrack, 'wav' | 'mp3' | 'previewMp3' | 'stemsZip' | 'midi'>,
): GeneratedTrack {
  const previewStart = previewStartSec(plan);
  return {
    ...files,
    plan: {
      ...plan,
      // Notes live in the MIDI file; the JSON plan keeps a summary per part so it stays small
      // (a few KB instead of ≈0.5 MB for 240 s) for databases and APIs.
      parts: plan.parts.map(({ notes, ...part }) => ({ ...part, noteCount: notes.length })),
      preview: { startSec: previewStart, durationSec: Math.min(PREVIEW_SEC, plan.durationSec) },
      master: {
        integratedLufs: mastered.integratedLufs,
        truePeakDbtp: mastered.truePeakDbtp,
        gainDb: mastered.gainDb,
        stemsGainDb: 20 * Math.log10(STEM_WAV_GAIN),
      },
    },
    stats: {
      integratedLufs: mastered.integratedLufs,
      truePeakDbtp: mastered.truePeakDbtp,
      durationSec: plan.durationSec,
      stems: stemsInRenderOrder(plan).sort((a, b) => STEM_NAMES.indexOf(a) - STEM_NAMES.indexOf(b)),
    },
  };
}

// The pipeline: validate → compose → render stems (per-stem effects, sum) → master → encode.
export { PREVIEW_SEC, previewStartSec, SAMPLE_RATE } from './mixdown.ts';

import { composePlan } from './compose/compose-plan.ts';
import type { MusicPlan, StemName } from './compose/plan-types.ts';
import { STEM_NAMES } from './compose/plan-types.ts';
import { validateGenerateParams } from './compose/validate.ts';
import { JobArena } from './job-arena.ts';
import type { MasterResult } from './master/master-mix.ts';
import { planToMidi } from './master/midi-file.ts';
import { encodeMp3 } from './master/mp3.ts';
import { cutMp3 } from './master/mp3-cut.ts';
import { joinMp3, planMp3Split } from './master/mp3-join.ts';
import { waveformPeaks } from './master/peaks.ts';
import { StemsZip } from './master/stems-zip.ts';
import {
  MixBus,
  type MixdownOutputs,
  PREVIEW_SEC,
  previewStartSec,
  renderLane,
  SAMPLE_RATE,
  stemsInRenderOrder,
  stemsZipEntries,
} from './mixdown.ts';
import { STEM_WAV_GAIN } from './render/stem-fx.ts';
import type { StereoBuffer } from './render/synth-render.ts';
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
 * A handle on one job's mix bus, wherever it runs. The job's own thread renders `localStems` into
 * lane 0 (see mixdown.ts renderLane); the runtime renders the other stems elsewhere. `master()`
 * resolves once every stem is in the mix and the master is in the arena.
 */
export interface MixdownHandle {
  readonly localStems: readonly StemName[];
  isTurn(name: StemName): boolean;
  turn(name: StemName): Promise<void>;
  mixed(name: StemName): void;
  /** Set when this thread renders the split stem's second share for another thread (mixdown.ts laneSplit). */
  shareRendered?(): void;
  master(): Promise<MasterStats>;
  /**
   * The master's WAV and, when `mp3TailFrom` is given, the MP3 of the master from that sample on
   * (mp3-join.ts), both made on the helper thread when there is one.
   */
  finish(mp3TailFrom: number | undefined): Promise<MixdownOutputs>;
  dispose(): void;
}

/**
 * Where the stems and the mix bus run. In-thread generation does everything here, stem after
 * stem; the engine worker's helper runtime synthesises some stems (mixdown.ts helperStems) on a
 * second thread, and masters and writes the master's WAV and the MP3's tail half there while this
 * thread encodes the head half. Both give the same bytes.
 */
export interface GenerateRuntime {
  openMixdown(plan: MusicPlan, arena: JobArena, zip: StemsZip): MixdownHandle;
}

/** One lane renders every stem in render order: each stem's turn has come when it is done. */
const SINGLE_LANE = {
  isTurn: () => true,
  turn: async () => undefined,
  mixed: () => undefined,
} as const;

export const IN_THREAD_RUNTIME: GenerateRuntime = {
  openMixdown(plan, arena) {
    const bus = new MixBus(plan, arena);
    return {
      localStems: stemsInRenderOrder(plan),
      ...SINGLE_LANE,
      master: async () => {
        const { left, right, ...stats } = bus.master();
        return stats;
      },
      finish: (mp3TailFrom) => bus.finish(mp3TailFrom),
      dispose: () => undefined,
    };
  },
};

function newStemsZip(plan: MusicPlan): StemsZip {
  return new StemsZip(stemsZipEntries(plan, trackFrames(plan)));
}

/** The pre-master mix of a plan (what the stems ZIP sums to), for tests and tools. */
export async function renderPremaster(plan: MusicPlan): Promise<{ mix: StereoBuffer }> {
  const arena = new JobArena(trackFrames(plan));
  await renderLane(plan, arena, newStemsZip(plan), 0, stemsInRenderOrder(plan), SINGLE_LANE);
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

  const arena = JobArena.acquire(trackFrames(plan));
  const zip = newStemsZip(plan);
  const mixdown = runtime.openMixdown(plan, arena, zip);
  try {
    await renderLane(plan, arena, zip, 0, mixdown.localStems, {
      signal,
      onProgress: (f) => report('render', 0.04 + 0.56 * f),
      isTurn: (name) => mixdown.isTurn(name),
      turn: (name) => mixdown.turn(name),
      mixed: (name) => mixdown.mixed(name),
      shareRendered: mixdown.shareRendered && (() => mixdown.shareRendered?.()),
    });
    report('mix', 0.62);
    const masterDone = mixdown.master();
    masterDone.catch(() => undefined);
    // The MIDI file needs only the plan: made while the helper thread (when there is one) masters,
    // rather than after the MP3.
    const midi = planToMidi(plan);
    const mastered = await masterDone;
    report('master', 0.72);
    checkAbort(signal);
    // The MP3 in two halves at once (the second and the WAV on the helper thread, when there is one).
    const split = planMp3Split(arena.frames);
    const rest = mixdown.finish(split?.bStartSample);
    rest.catch(() => undefined);
    const [left, right] = arena.master;
    const peaks = waveformPeaks([left, right], SAMPLE_RATE);
    const head = await encodeMp3(
      left.subarray(0, split?.aEndSample),
      right.subarray(0, split?.aEndSample),
      SAMPLE_RATE,
    );
    const { wav, mp3Tail } = await rest;
    checkAbort(signal);
    const joined = split && mp3Tail ? joinMp3(head, mp3Tail, split) : head;
    // No seam qualified (not seen on our tracks): encode in one piece.
    const mp3 = joined ?? (await encodeMp3(left, right, SAMPLE_RATE));
    report('encode', 0.92);
    const previewMp3 = previewFrom(mp3, plan);
    // Every stem is in by now: each was sealed in the ZIP before it entered the mix.
    const stemsZip = zip.finish();
    report('encode', 1);
    arena.release();
    return assemble(plan, mastered, { wav, mp3, previewMp3, stemsZip, midi, peaks });
  } finally {
    mixdown.dispose();
  }
}

/** The 30 s preview from the first chorus, cut from the full MP3 (the full MP3 when the track is no longer). */
function previewFrom(mp3: Uint8Array, plan: MusicPlan): Uint8Array {
  if (plan.durationSec <= PREVIEW_SEC) return mp3;
  return cutMp3(mp3, {
    startSec: previewStartSec(plan),
    durationSec: PREVIEW_SEC,
    fadeInSec: 0.5,
    fadeOutSec: 2,
  });
}

function assemble(
  plan: MusicPlan,
  mastered: MasterStats,
  files: Pick<GeneratedTrack, 'wav' | 'mp3' | 'previewMp3' | 'stemsZip' | 'midi' | 'peaks'>,
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

// The pipeline: validate → compose → render stems → per-stem effects → mix → master → encode.
import { composePlan } from './compose/compose-plan.ts';
import type { MusicPlan, StemName } from './compose/plan-types.ts';
import { STEM_NAMES } from './compose/plan-types.ts';
import { validateGenerateParams } from './compose/validate.ts';
import { masterMix } from './master/master-mix.ts';
import { planToMidi } from './master/midi-file.ts';
import { encodeMp3 } from './master/mp3.ts';
import { zipFiles } from './master/stems-zip.ts';
import { encodeWav16 } from './master/wav.ts';
import { renderProcessedStem, renderProcessedStems, STEM_WAV_GAIN } from './render/stem-fx.ts';
import { type StemBuffers, type StereoBuffer, splitStems } from './render/synth-render.ts';
import {
  EngineCancelledError,
  type GeneratedTrack,
  type GenerateOptions,
  type GenerateParams,
  type GenerateProgress,
  type GenerateStage,
} from './types.ts';

export const SAMPLE_RATE = 44100;
const PREVIEW_SEC = 30;

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

export interface PremasterResult {
  mix: StereoBuffer;
  stemNames: StemName[];
}

/**
 * Where the heavy, parallelisable work runs. In-thread generation does it all here, in sequence;
 * the engine worker hands the second stem group and the preview MP3 to a helper thread. Both give
 * the same bytes: each stem depends only on its own parts, and the mix sums stems in a fixed order.
 */
export interface GenerateRuntime {
  renderGroup(plan: MusicPlan, stems: StemName[]): Promise<StemBuffers>;
  encodeMp3(left: Float32Array, right: Float32Array): Promise<Uint8Array>;
}

export const IN_THREAD_RUNTIME: GenerateRuntime = {
  renderGroup: (plan, stems) => renderProcessedStems(plan, SAMPLE_RATE, stems),
  encodeMp3: (left, right) => encodeMp3(left, right, SAMPLE_RATE),
};

/**
 * Renders and mixes a plan. Stems are summed into the pre-master mix in STEM_NAMES order and handed
 * to `onStem` one at a time (then dropped), so only one float stem is alive at once in the default
 * single-thread mode. With a helper thread, its group of stems renders in parallel and is held until
 * its turn in the sum (same order, same bytes).
 */
export async function renderPremaster(
  plan: MusicPlan,
  hooks: { onProgress?: (f: number) => void; signal?: AbortSignal } = {},
  runtime: GenerateRuntime = IN_THREAD_RUNTIME,
  onStem?: (name: StemName, buffer: StereoBuffer) => void,
): Promise<PremasterResult> {
  const frames = Math.round(plan.durationSec * SAMPLE_RATE);
  const present = STEM_NAMES.filter((name) => plan.parts.some((p) => p.stem === name));
  const mix: StereoBuffer = [new Float32Array(frames), new Float32Array(frames)];
  const take = (name: StemName, buffer: StereoBuffer): void => {
    const [l, r] = buffer;
    for (let i = 0; i < frames; i++) {
      mix[0][i] = mix[0][i]! + l[i]!;
      mix[1][i] = mix[1][i]! + r[i]!;
    }
    onStem?.(name, buffer);
  };
  if (runtime === IN_THREAD_RUNTIME) {
    for (const [i, name] of present.entries()) {
      const buffer = await renderProcessedStem(plan, SAMPLE_RATE, name, {
        signal: hooks.signal,
        onProgress: (f) => hooks.onProgress?.((i + f) / present.length),
      });
      checkAbort(hooks.signal);
      if (buffer) take(name, buffer);
    }
    return { mix, stemNames: present };
  }
  const [groupA, groupB] = splitStems(plan);
  const remote =
    groupB.length > 0 ? runtime.renderGroup(plan, groupB) : Promise.resolve(new Map() as StemBuffers);
  // Keep a rejection of the remote render from going unhandled while the local one runs.
  remote.catch(() => undefined);
  const local = await renderProcessedStems(plan, SAMPLE_RATE, groupA, hooks);
  checkAbort(hooks.signal);
  const other = await remote;
  for (const name of present) {
    const buffer = local.get(name) ?? other.get(name);
    local.delete(name);
    other.delete(name);
    if (buffer) take(name, buffer);
  }
  return { mix, stemNames: present };
}

/** Start of the preview window: the first chorus, moved back if 30 s would run past the end. */
export function previewStartSec(plan: MusicPlan): number {
  const chorus = plan.sections.find((s) => s.name === 'chorus');
  const start = chorus ? chorus.startSec : 0;
  return Math.max(0, Math.min(start, plan.durationSec - PREVIEW_SEC));
}

function slicePreview(left: Float32Array, right: Float32Array, startSec: number): StereoBuffer {
  const start = Math.round(startSec * SAMPLE_RATE);
  const frames = Math.min(left.length - start, PREVIEW_SEC * SAMPLE_RATE);
  const l = left.slice(start, start + frames);
  const r = right.slice(start, start + frames);
  const fadeIn = Math.round(0.5 * SAMPLE_RATE);
  const fadeOut = Math.round(2 * SAMPLE_RATE);
  for (let i = 0; i < frames; i++) {
    let g = 1;
    if (start > 0 && i < fadeIn) g = i / fadeIn;
    if (i >= frames - fadeOut) g = Math.min(g, (frames - i) / fadeOut);
    l[i] = l[i]! * g;
    r[i] = r[i]! * g;
  }
  return [l, r];
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

  // Stems become 16-bit WAVs as they arrive; their floats are dropped right after.
  const stemFiles: { name: string; bytes: Uint8Array }[] = [];
  const premaster = await renderPremaster(
    plan,
    { signal, onProgress: (f) => report('render', 0.04 + 0.56 * f) },
    runtime,
    (name, [l, r]) => {
      const index = STEM_NAMES.indexOf(name);
      stemFiles.push({
        name: `${name}.wav`,
        bytes: encodeWav16([l, r], SAMPLE_RATE, plan.seed + 17 + index, STEM_WAV_GAIN),
      });
    },
  );
  const { mix, stemNames } = premaster;
  report('mix', 0.62);
  checkAbort(signal);
  const stemsZip = await zipFiles(stemFiles);
  stemFiles.length = 0;

  const tailSec = plan.durationSec - (plan.musicEndBeat * 60) / plan.bpm;
  const mastered = masterMix(mix[0], mix[1], SAMPLE_RATE, Math.min(2.5, Math.max(0.8, tailSec + 0.6)));
  // The pre-master mix is no longer needed: let it go before the encoders allocate.
  premaster.mix = [new Float32Array(0), new Float32Array(0)];
  report('master', 0.72);
  checkAbort(signal);
  const wav = encodeWav16([mastered.left, mastered.right], SAMPLE_RATE, plan.seed + 1);
  report('encode', 0.78);
  checkAbort(signal);

  const previewStart = previewStartSec(plan);
  const needsPreview = plan.durationSec > PREVIEW_SEC;
  // The preview encodes on the helper thread (when there is one) while the full MP3 encodes here.
  const previewPromise = needsPreview
    ? runtime.encodeMp3(...slicePreview(mastered.left, mastered.right, previewStart))
    : undefined;
  previewPromise?.catch(() => undefined);
  const mp3 = await encodeMp3(mastered.left, mastered.right, SAMPLE_RATE);
  report('encode', 0.92);
  checkAbort(signal);
  const previewMp3 = previewPromise ? await previewPromise : mp3;
  const midi = planToMidi(plan);
  report('encode', 1);

  return {
    wav,
    mp3,
    previewMp3,
    stemsZip,
    midi,
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
      stems: stemNames,
    },
  };
}

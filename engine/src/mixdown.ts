// The mix bus. Raw synth stems arrive one at a time (in render order); each goes through its channel
// strip, is added to the pre-master mix and kept as a 16-bit WAV for the stems ZIP, then dropped.
// After the last stem the mix is mastered, and the master is written as WAV and (cut from the
// chorus) as the preview MP3. Everything here is deterministic for a given plan, so it gives the
// same bytes on the engine thread or on the helper thread beside it (worker/helper-thread.ts).
import type { MusicPlan, StemName } from './compose/plan-types.ts';
import { STEM_NAMES } from './compose/plan-types.ts';
import type { JobArena } from './job-arena.ts';
import { type MasterResult, masterMix } from './master/master-mix.ts';
import { encodeMp3 } from './master/mp3.ts';
import { StoredZipWriter } from './master/stems-zip.ts';
import { encodeWav16 } from './master/wav.ts';
import { capPeak, processStem, STEM_WAV_GAIN } from './render/stem-fx.ts';
import type { StereoBuffer } from './render/synth-render.ts';

export const SAMPLE_RATE = 44100;
export const PREVIEW_SEC = 30;

/**
 * The order stems are rendered, processed and summed in. Cheap stems first: with the helper thread,
 * their channel strips run while the engine thread is still synthesising the expensive ones
 * (harmony), so little processing is left after the last stem. The order is part of the output's
 * identity (float sums are order-dependent), so both threading modes use it.
 */
export const RENDER_ORDER: readonly StemName[] = ['melody', 'bass', 'drums', 'vocals', 'harmony'];

/** The stems a plan has, in render order. */
export function stemsInRenderOrder(plan: MusicPlan): StemName[] {
  return RENDER_ORDER.filter((name) => plan.parts.some((p) => p.stem === name));
}

/** Start of the preview window: the first chorus, moved back if 30 s would run past the end. */
export function previewStartSec(plan: MusicPlan): number {
  const chorus = plan.sections.find((s) => s.name === 'chorus');
  const start = chorus ? chorus.startSec : 0;
  return Math.max(0, Math.min(start, plan.durationSec - PREVIEW_SEC));
}

/** Seconds of fade-out at the end of the master: the music's own tail plus a little, 0.8–2.5 s. */
function masterFadeOutSec(plan: MusicPlan): number {
  const tailSec = plan.durationSec - (plan.musicEndBeat * 60) / plan.bpm;
  return Math.min(2.5, Math.max(0.8, tailSec + 0.6));
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

export interface MixdownOutputs {
  wav: Uint8Array;
  /** Undefined when the track is no longer than the preview: the full MP3 is the preview. */
  previewMp3: Uint8Array | undefined;
  stemsZip: Uint8Array;
}

export class Mixdown {
  private readonly zip: StoredZipWriter;
  private readonly names: StemName[] = [];
  private mastered: MasterResult | undefined;

  /** The mix and the master live in `arena` (see job-arena.ts), as do the stems handed in. */
  constructor(
    private readonly plan: MusicPlan,
    readonly arena: JobArena,
  ) {
    const frames = arena.frames;
    // Stem WAVs go into the ZIP as they come (in render order), each then dropped.
    const wavBytes = 44 + frames * 2 * 2;
    this.zip = new StoredZipWriter(
      stemsInRenderOrder(plan).map((s) => ({ name: `${s}.wav`, size: wavBytes })),
    );
  }

  get stemNames(): readonly StemName[] {
    return this.names;
  }

  /** Processes a raw stem in place, sums it into the mix and puts its WAV in the ZIP; the caller may reuse it after. */
  addStem(name: StemName, buffer: StereoBuffer): void {
    if (this.mastered) throw new Error('the mix has been mastered');
    processStem(name, buffer, this.plan, SAMPLE_RATE);
    capPeak(buffer[0], buffer[1]);
    const seed = this.plan.seed + 17 + STEM_NAMES.indexOf(name);
    this.zip.add(`${name}.wav`, encodeWav16(buffer, SAMPLE_RATE, seed, STEM_WAV_GAIN));
    this.names.push(name);
    const [mixL, mixR] = this.arena.mix;
    const [l, r] = buffer;
    for (let i = 0; i < mixL.length; i++) {
      mixL[i] = mixL[i]! + l[i]!;
      mixR[i] = mixR[i]! + r[i]!;
    }
  }

  /** Masters the mix into the arena's master buffers. */
  master(): MasterResult {
    if (this.mastered) throw new Error('the mix has been mastered');
    const [mixL, mixR] = this.arena.mix;
    this.mastered = masterMix(mixL, mixR, SAMPLE_RATE, masterFadeOutSec(this.plan), this.arena.master);
    return this.mastered;
  }

  /** The master as WAV, the chorus preview as MP3 and the stems ZIP. */
  async finish(): Promise<MixdownOutputs> {
    const m = this.mastered;
    if (!m) throw new Error('finish() before master()');
    const wav = encodeWav16([m.left, m.right], SAMPLE_RATE, this.plan.seed + 1);
    const previewMp3 =
      this.plan.durationSec > PREVIEW_SEC
        ? await encodeMp3(...slicePreview(m.left, m.right, previewStartSec(this.plan)), SAMPLE_RATE)
        : undefined;
    const stemsZip = await this.zip.finish();
    return { wav, previewMp3, stemsZip };
  }
}

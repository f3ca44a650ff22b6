// The mix bus. Each stem is synthesised into its lane's slot (see job-arena.ts), goes through its
// channel strip and is written as a 16-bit WAV into its entry of the stems ZIP (stems-zip.ts) on
// the thread that rendered it, and is then summed into the pre-master mix, strictly in render order
// whichever thread rendered it (float sums are order-dependent: the order is part of the output's
// identity). After the last stem the mix is mastered and the master written as WAV and as the tail
// half of the MP3 (generate.ts encodes the head half, joins them and cuts the preview).
// Everything here is deterministic for a given plan, so one thread or two give the same bytes.
import type { MusicPlan, StemName } from './compose/plan-types.ts';
import { STEM_NAMES } from './compose/plan-types.ts';
import type { JobArena } from './job-arena.ts';
import { type MasterResult, masterMix } from './master/master-mix.ts';
import { encodeMp3 } from './master/mp3.ts';
import type { StemsZip } from './master/stems-zip.ts';
import { encodeWav16, wav16Bytes } from './master/wav.ts';
import { STEM_WAV_GAIN, StemStrip } from './render/stem-fx.ts';
import {
  estimatedVoiceSeconds,
  type RenderHooks,
  renderStem,
  type StereoBuffer,
} from './render/synth-render.ts';
import { EngineCancelledError } from './types.ts';

export const SAMPLE_RATE = 44100;
export const PREVIEW_SEC = 30;

/** The order stems are summed into the mix and stored in the ZIP. */
export const RENDER_ORDER: readonly StemName[] = ['melody', 'bass', 'drums', 'vocals', 'harmony'];

/** The stems a plan has, in render order. */
export function stemsInRenderOrder(plan: MusicPlan): StemName[] {
  return RENDER_ORDER.filter((name) => plan.parts.some((p) => p.stem === name));
}

/**
 * Rough CPU cost of a stem, ms per second of track and per voice-second synthesised. Fitted on a
 * 60 s pop job's stages (bench/engine-stages.ts, one thread, load ≈6): the synthesiser walks its
 * blocks whether the stem plays much or not (a lead of ≈37 voice-seconds ≈0.2 s) and then costs
 * by the voice-second (the piano-and-strings harmony, ≈1470, ≈1.3 s); the WAV and the sum into the
 * mix, the strip's filters and its level pass are paid by every stem, its compressor, delay and
 * reverb by the stems that have them (reverb ≈86 ms, compressor ≈25).
 */
const SYNTH_WALK_COST_PER_SEC = 2.8;
const SYNTH_COST_PER_VOICE_SEC = 0.8;
const STRIP_COST_PER_SEC = 2.25;
const COMPRESSOR_COST_PER_SEC = 0.4;
const DELAY_COST_PER_SEC = 1.25;
const REVERB_COST_PER_SEC = 1.4;
/** The sum of a split stem's two shares, on its owner. */
const SHARE_SUM_COST_PER_SEC = 0.5;

/** A stem's estimated CPU (ms): what only one thread can do (the strip) and its synthesis. */
function estimatedStemCost(plan: MusicPlan, stem: StemName): { strip: number; synth: number } {
  const mix = plan.mix[stem];
  const perSec =
    STRIP_COST_PER_SEC +
    (mix.compress ? COMPRESSOR_COST_PER_SEC : 0) +
    (mix.delaySend > 0.02 ? DELAY_COST_PER_SEC : 0) +
    (mix.reverbSend > 0.02 ? REVERB_COST_PER_SEC : 0);
  return {
    strip: perSec * plan.durationSec,
    synth:
      SYNTH_WALK_COST_PER_SEC * plan.durationSec +
      SYNTH_COST_PER_VOICE_SEC * estimatedVoiceSeconds(plan, stem),
  };
}

/** The stem whose notes two threads may share (noteShares): the chords, ≈40 % of a job's stem work. */
export const SPLIT_STEM: StemName = 'harmony';

/** How a job's stems are shared between the two lanes. */
export interface LaneSplit {
  /** The stems lane 1 (the helper) renders whole: a prefix of render order and the last stem. */
  helper: StemName[];
  /**
   * When set, SPLIT_STEM's notes are split (noteShares): its owner renders share 0 (this fraction
   * of its voice-seconds), the other lane share 1 after its own stems, and the owner sums the two
   * before the stem's strip. One thread does the same split, so the bytes never depend on threads.
   */
  splitFraction: number | undefined;
}

/**
 * Shares the stems between the two lanes to keep their estimated work closest. A lane's stems must
 * come in render order and a lane waits for a stem's turn before it renders its next one, so the
 * helper takes a prefix — summed first, never waiting — and the last stem (harmony, the heaviest
 * in most genres), whose turn comes when the job's own thread has summed the middle ones. A lane
 * can only take whole stems, so when the last is the harmony its notes are split as well: the job's
 * own thread renders the share that evens the lanes out after its middle stems. A function of the
 * plan alone: which thread renders what never changes the bytes (mixdown order is fixed).
 */
export function laneSplit(plan: MusicPlan): LaneSplit {
  const stems = stemsInRenderOrder(plan);
  if (stems.length < 2) return { helper: [], splitFraction: undefined };
  const costs = stems.map((s) => estimatedStemCost(plan, s));
  const cost = costs.map((c) => c.strip + c.synth);
  const last = stems.length - 1;
  const splits = stems[last] === SPLIT_STEM;
  let best = { load: Number.POSITIVE_INFINITY, prefix: 0, fraction: 1 };
  for (let prefix = 0; prefix < last; prefix++) {
    let helper = 0;
    let own = 0;
    for (let i = 0; i < last; i++) {
      if (i < prefix) helper += cost[i]!;
      else own += cost[i]!;
    }
    // The last stem's strip (and, split, the shares' sum) stays with its owner; its synthesis may be shared.
    const voices = splits ? costs[last]!.synth : 0;
    helper += cost[last]! - voices + (splits ? SHARE_SUM_COST_PER_SEC * plan.durationSec : 0);
    const fraction = voices > 0 ? Math.min(1, Math.max(0, (own + voices - helper) / (2 * voices))) : 1;
    // In 64ths: the split is part of the output's identity, so keep it a plain number.
    const rounded = Math.round(fraction * 64) / 64;
    const load = Math.max(helper + rounded * voices, own + (1 - rounded) * voices);
    if (load < best.load) best = { load, prefix, fraction: rounded };
  }
  return {
    helper: [...stems.slice(0, best.prefix), stems[last]!],
    splitFraction: splits && best.fraction < 1 ? best.fraction : undefined,
  };
}

/** The stems the helper thread renders (laneSplit). */
export function helperStems(plan: MusicPlan): StemName[] {
  return laneSplit(plan).helper;
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

/** The stems ZIP's entries for a plan: one 16-bit stereo WAV per stem, in render order. */
export function stemsZipEntries(plan: MusicPlan, frames: number): { name: string; size: number }[] {
  return stemsInRenderOrder(plan).map((s) => ({ name: `${s}.wav`, size: wav16Bytes(frames, 2) }));
}

function addInto(mix: StereoBuffer, stem: StereoBuffer, gain: number): void {
  const [mixL, mixR] = mix;
  const [l, r] = stem;
  for (let i = 0; i < mixL.length; i++) {
    mixL[i] = mixL[i]! + l[i]! * gain;
    mixR[i] = mixR[i]! + r[i]! * gain;
  }
}

/** How a render lane learns when it may sum a stem, and tells that it has. */
export interface LaneHooks extends RenderHooks {
  /** Whether every stem before `name` in render order is in the mix now. */
  isTurn(name: StemName): boolean;
  /** Resolves once every stem before `name` in render order is in the mix. */
  turn(name: StemName): Promise<void>;
  /** `name` is in the mix (and its WAV in the stems ZIP). */
  mixed(name: StemName): void;
  /**
   * For the lane that owns SPLIT_STEM on a job with two lanes: resolves once the other lane has
   * rendered share 1 into its slot. Without it the owner renders share 1 itself (one thread).
   */
  shareReady?(): Promise<void>;
  /**
   * For the other lane: set when it renders SPLIT_STEM's share 1 into its slot after its own
   * stems; called when it has.
   */
  shareRendered?(): void;
}

/** Frames per step when a split stem's second share is summed and filtered: in cache still. */
const SHARE_SUM_FRAMES = 4096;

/**
 * Renders `stems` (in render order) into `lane`'s slot of the arena one after another: synthesis
 * (the strip's filters on each block as it is rendered), the rest of the channel strip, then the
 * WAV into the ZIP and, on its turn, the sum into the mix — in one pass when its turn has come
 * already (the usual case), else the WAV first and the sum when the turn comes. A split stem
 * (laneSplit) is synthesised in two shares, summed share 0 + share 1 and only then filtered.
 * Progress runs over these stems.
 */
export async function renderLane(
  plan: MusicPlan,
  arena: JobArena,
  zip: StemsZip,
  lane: number,
  stems: readonly StemName[],
  hooks: LaneHooks,
): Promise<void> {
  const buffer = arena.stemSlot(lane);
  const [left, right] = buffer;
  const { splitFraction } = laneSplit(plan);
  const rendersShare = splitFraction !== undefined && hooks.shareRendered && !stems.includes(SPLIT_STEM);
  const items = stems.length + (rendersShare ? 1 : 0);
  for (const [i, name] of stems.entries()) {
    if (hooks.signal?.aborted) throw new EngineCancelledError();
    const strip = new StemStrip(name, plan, SAMPLE_RATE, arena.frames);
    const onProgress = (f: number) => hooks.onProgress?.((i + f) / items);
    if (name === SPLIT_STEM && splitFraction !== undefined) {
      await renderStem(plan, SAMPLE_RATE, name, buffer, {
        signal: hooks.signal,
        onProgress,
        share: { index: 0, fraction: splitFraction },
      });
      const other = arena.stemSlot(1 - lane);
      if (hooks.shareReady) await hooks.shareReady();
      else
        await renderStem(plan, SAMPLE_RATE, name, other, {
          signal: hooks.signal,
          share: { index: 1, fraction: splitFraction },
        });
      if (hooks.signal?.aborted) throw new EngineCancelledError();
      const [otherL, otherR] = other;
      for (let from = 0; from < arena.frames; from += SHARE_SUM_FRAMES) {
        const to = Math.min(arena.frames, from + SHARE_SUM_FRAMES);
        for (let j = from; j < to; j++) {
          left[j] = left[j]! + otherL[j]!;
          right[j] = right[j]! + otherR[j]!;
        }
        strip.filterRendered(left, right, from, to);
      }
    } else {
      await renderStem(plan, SAMPLE_RATE, name, buffer, {
        signal: hooks.signal,
        onProgress,
        onRendered: (from, to) => strip.filterRendered(left, right, from, to),
      });
    }
    const gain = strip.finish(left, right);
    const entry = `${name}.wav`;
    const ditherSeed = plan.seed + 17 + STEM_NAMES.indexOf(name);
    const wavGain = gain * STEM_WAV_GAIN;
    if (hooks.isTurn(name)) {
      encodeWav16(buffer, SAMPLE_RATE, ditherSeed, wavGain, zip.data(entry), { mix: arena.mix, gain });
      zip.seal(entry);
    } else {
      encodeWav16(buffer, SAMPLE_RATE, ditherSeed, wavGain, zip.data(entry));
      zip.seal(entry);
      await hooks.turn(name);
      if (hooks.signal?.aborted) throw new EngineCancelledError();
      addInto(arena.mix, buffer, gain);
    }
    hooks.mixed(name);
  }
  if (rendersShare) {
    // This lane's stems are in the mix: its slot is free for the split stem's second share.
    if (hooks.signal?.aborted) throw new EngineCancelledError();
    await renderStem(plan, SAMPLE_RATE, SPLIT_STEM, buffer, {
      signal: hooks.signal,
      onProgress: (f) => hooks.onProgress?.((stems.length + f) / items),
      share: { index: 1, fraction: splitFraction },
    });
    hooks.shareRendered!();
  }
}

/**
 * Tracks which stems are in the mix, so each lane sums on its turn: a stem's turn comes once
 * every stem before it in render order is in.
 */
export class MixTurns {
  private readonly order: StemName[];
  private readonly inMix = new Set<StemName>();
  private waiters: { name: StemName; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(plan: MusicPlan) {
    this.order = stemsInRenderOrder(plan);
  }

  /** Whether every stem before `name` in render order is in the mix now. */
  isTurn(name: StemName): boolean {
    return this.order.slice(0, this.order.indexOf(name)).every((s) => this.inMix.has(s));
  }

  turn(name: StemName): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isTurn(name)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ name, resolve, reject }));
  }

  mixed(name: StemName): void {
    this.inMix.add(name);
    const due = this.waiters.filter((w) => this.isTurn(w.name));
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve();
  }

  get complete(): boolean {
    return this.order.every((s) => this.inMix.has(s));
  }

  fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
}

export interface MixdownOutputs {
  wav: Uint8Array;
  mp3Tail: Uint8Array | undefined;
}

/** The master (from the complete mix), its WAV and the tail half of its MP3. */
export class MixBus {
  private mastered: MasterResult | undefined;

  constructor(
    private readonly plan: MusicPlan,
    readonly arena: JobArena,
  ) {}

  /** Masters the mix (complete by now) into the arena's master buffers. */
  master(): MasterResult {
    if (this.mastered) throw new Error('the mix has been mastered');
    const [mixL, mixR] = this.arena.mix;
    this.mastered = masterMix(mixL, mixR, SAMPLE_RATE, masterFadeOutSec(this.plan), this.arena.master);
    return this.mastered;
  }

  /** The master as a 16-bit WAV and, from `mp3TailFrom` on, as MP3 (the tail half of mp3-join.ts). */
  async finish(mp3TailFrom: number | undefined): Promise<MixdownOutputs> {
    const m = this.mastered;
    if (!m) throw new Error('finish() before master()');
    const mp3Tail =
      mp3TailFrom === undefined
        ? undefined
        : await encodeMp3(m.left.subarray(mp3TailFrom), m.right.subarray(mp3TailFrom), SAMPLE_RATE);
    const wav = encodeWav16([m.left, m.right], SAMPLE_RATE, this.plan.seed + 1);
    return { wav, mp3Tail };
  }
}

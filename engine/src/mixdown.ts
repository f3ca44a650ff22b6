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
 * Rough CPU cost of a stem: a fixed part per second of track (the channel strip, the WAV, the
 * synthesiser's walk over its blocks), paid whether the stem plays much or not, and a part per
 * voice-second synthesised. Fitted on a 60 s pop job's stages as they run in a job
 * (bench/engine-stages.ts: the lead, ≈35 voice-seconds, ≈0.41 s; the piano-and-strings harmony,
 * ≈1470, ≈0.89 s). Stems rendered alone, over and over, cost less (the lead ≈0.11 s, the harmony
 * ≈0.74 s): in a job the fixed part is the larger one (process CPU there, so V8's background GC
 * work counts where it happens; either way the lead is light and the chords are not).
 */
const STEM_FIXED_COST_PER_SEC = 6.5;
const STEM_COST_PER_VOICE_SEC = 0.34;

function estimatedStemCost(plan: MusicPlan, stem: StemName): number {
  return (
    STEM_FIXED_COST_PER_SEC * plan.durationSec + STEM_COST_PER_VOICE_SEC * estimatedVoiceSeconds(plan, stem)
  );
}

/**
 * The stems the helper thread synthesises while the job's own thread does the others: the last
 * stem in render order (harmony, the heaviest in most genres) and the first few, as many as keep the
 * two lanes' estimated work closest (usually the lead; nothing more where the chords are heavy). A lane's stems must come in render
 * order and a lane waits for a stem's turn before it renders its next one, so the helper takes a
 * prefix — summed first, never waiting — and the last stem, whose turn comes when the job's own
 * thread has summed the middle ones; the job's own thread takes the middle and never waits long.
 * Which thread renders a stem never changes the bytes (mixdown order is fixed).
 */
export function helperStems(plan: MusicPlan): StemName[] {
  const stems = stemsInRenderOrder(plan);
  if (stems.length < 2) return [];
  const cost = stems.map((s) => estimatedStemCost(plan, s));
  const last = stems.length - 1;
  let best = 0;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (let prefix = 0; prefix < last; prefix++) {
    let helper = cost[last]!;
    let own = 0;
    for (let i = 0; i < last; i++) {
      if (i < prefix) helper += cost[i]!;
      else own += cost[i]!;
    }
    const load = Math.max(helper, own);
    if (load < bestLoad) {
      bestLoad = load;
      best = prefix;
    }
  }
  return [...stems.slice(0, best), stems[last]!];
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
}

/**
 * Renders `stems` (in render order) into `lane`'s slot of the arena one after another: synthesis
 * (the strip's filters on each block as it is rendered), the rest of the channel strip, then the
 * WAV into the ZIP and, on its turn, the sum into the mix — in one pass when its turn has come
 * already (the usual case), else the WAV first and the sum when the turn comes. Progress runs
 * over these stems.
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
  for (const [i, name] of stems.entries()) {
    if (hooks.signal?.aborted) throw new EngineCancelledError();
    const strip = new StemStrip(name, plan, SAMPLE_RATE, arena.frames);
    await renderStem(plan, SAMPLE_RATE, name, buffer, {
      signal: hooks.signal,
      onProgress: (f) => hooks.onProgress?.((i + f) / stems.length),
      onRendered: (from, to) => strip.filterRendered(left, right, from, to),
    });
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

// Plays the plan's note events through spessasynth_core, straight into one stereo buffer per stem.
// processSplit maps each MIDI channel to outputs[channel % outputs.length] and adds into it, so the
// 16 output slots alias the stem buffers: no per-channel copies. Events are applied at their exact
// frame by splitting render blocks at event boundaries (sample-accurate).
import { InterpolationTypes, SpessaSynthProcessor } from 'spessasynth_core';
import type { MusicPlan, StemName } from '../compose/plan-types.ts';
import { EngineCancelledError } from '../types.ts';
import { fuseVoiceRendering } from './fused-voice.ts';
import { loadSoundfont } from './soundfont.ts';

export type StereoBuffer = [Float32Array, Float32Array];

const BLOCK_FRAMES = 128;
const CC_VOLUME = 7;
const CC_PAN = 10;
const CC_REVERB = 91;
const CC_CHORUS = 93;
const CC_RELEASE = 72;
const CC_MODULATION = 1;
/**
 * Voices a synthesizer starts with; more are added when all are busy (autoAllocateVoices). The
 * default pool of 350 costs twice: every render block walks all 350 (active or not) — ≈0.4 s of a
 * 60 s job's ≈20 000 blocks per stem — and each stem's fresh synthesizer allocates them.
 */
const INITIAL_VOICES = 32;

/**
 * The last few synthesizers this thread made, kept alive though never used again. V8's optimised
 * code for the synthesizer's hot paths holds the hidden classes (maps) of its objects weakly: once
 * every object of a stem's synthesizer is collected, that code is thrown away ("weak objects")
 * and the next stem's synthesizer meets unoptimised code with new maps, so each job paid for
 * recompiling it all again (≈320 TurboFan compilations and ≈1 s of background-thread CPU per 60 s
 * job). Keeping the last ones alive keeps those maps, and the code: ≈180 compilations per job.
 */
const RETAINED_SYNTHS = 4;
const recentSynths: SpessaSynthProcessor[] = [];

interface SynthEvent {
  frame: number;
  channel: number;
  pitch: number;
  velocity: number; // 0 = note off
  /** Which note this event starts or ends (its index in the order the notes were read), for splitting a stem's notes. */
  note: number;
}

/** Note-on/off events sorted by frame; offs before ons at the same frame; overlapping same-pitch notes are trimmed. */
export function buildEvents(plan: MusicPlan, sampleRate: number): SynthEvent[] {
  const framesPerBeat = (60 / plan.bpm) * sampleRate;
  const events: SynthEvent[] = [];
  let note = 0;
  for (const part of plan.parts) {
    const lastStart = new Map<number, number>();
    const notes = [...part.notes].sort((a, b) => a.startBeat - b.startBeat);
    // Walk backwards so each note knows when the next note of the same pitch begins.
    const ends: number[] = new Array(notes.length);
    for (let i = notes.length - 1; i >= 0; i--) {
      const n = notes[i]!;
      const start = Math.round(n.startBeat * framesPerBeat);
      let end = Math.round((n.startBeat + n.durationBeats) * framesPerBeat);
      const nextSame = lastStart.get(n.pitch);
      if (nextSame !== undefined && end > nextSame - 1) end = Math.max(start + 1, nextSame - 1);
      ends[i] = end;
      lastStart.set(n.pitch, start);
    }
    notes.forEach((n, i) => {
      const start = Math.round(n.startBeat * framesPerBeat);
      events.push({
        frame: start,
        channel: part.channel,
        pitch: n.pitch,
        velocity: Math.max(1, Math.min(127, n.velocity)),
        note,
      });
      events.push({ frame: ends[i]!, channel: part.channel, pitch: n.pitch, velocity: 0, note });
      note++;
    });
  }
  events.sort(
    (a, b) => a.frame - b.frame || a.velocity - b.velocity || a.channel - b.channel || a.pitch - b.pitch,
  );
  return events;
}

/**
 * Shrinks the synthesizer's voice pool to INITIAL_VOICES, growing on demand instead of stealing.
 * Same output as the 350-voice pool while no more than 350 voices sound at once: a new voice takes
 * the lowest free index either way, so voices render (and sum) in the same order. spessasynth 4.3
 * allocates the pool in its (private) core before any option is read, so it is cut there.
 */
function startWithFewVoices(synth: SpessaSynthProcessor): void {
  const core = (synth as unknown as { synthCore: { voices: unknown[] } }).synthCore;
  if (!Array.isArray(core?.voices)) throw new Error('spessasynth: no voice pool where expected');
  core.voices.length = Math.min(core.voices.length, INITIAL_VOICES);
  synth.setSystemParameter('voiceCap', core.voices.length);
  synth.setSystemParameter('autoAllocateVoices', true);
}

/** Cutoffs (absolute cents) the coefficient table covers: the filter's whole range at 44.1 kHz. */
const FILTER_TABLE_CENTS = 16384;
export interface FilterCoefficients {
  resonanceCb: number;
  a0: number;
  a1: number;
  a2: number;
  a3: number;
  a4: number;
  calculateCoefficients(cutoffCents: number): void;
}
const patchedFilters = new WeakSet<object>();

/**
 * Spessasynth's low-pass filter looks its coefficients up, per voice and render block whenever the
 * cutoff moves (most blocks of a filtered voice: the cutoff is smoothed), in a Map keyed by
 * resonance and cutoff — ≈7 % of the harmony stem's synthesis in a CPU profile. For the common
 * case (no resonance) this table indexed by cutoff answers instead; it is filled from the library's
 * own calculation on first use of each cutoff, so the coefficients, and the audio, are the same
 * bits. Keyed like the library's cache (resonance, cutoff), which the library keeps per process
 * for one sample rate too.
 */
export function fastFilterCoefficients(synth: SpessaSynthProcessor): void {
  const core = (synth as unknown as { synthCore: { voices: { filter?: FilterCoefficients }[] } }).synthCore;
  const filter = core?.voices?.[0]?.filter;
  if (!filter || typeof filter.calculateCoefficients !== 'function')
    throw new Error('spessasynth: no voice filter where expected');
  const proto = Object.getPrototypeOf(filter) as FilterCoefficients;
  if (patchedFilters.has(proto)) return;
  patchedFilters.add(proto);
  const own = proto.calculateCoefficients;
  const table = new Float64Array(FILTER_TABLE_CENTS * 5);
  const known = new Uint8Array(FILTER_TABLE_CENTS);
  proto.calculateCoefficients = function (this: FilterCoefficients, cutoffCents: number): void {
    const cents = cutoffCents | 0;
    if (this.resonanceCb !== 0 || cents < 0 || cents >= FILTER_TABLE_CENTS) {
      own.call(this, cutoffCents);
      return;
    }
    const at = cents * 5;
    if (known[cents] === 0) {
      own.call(this, cutoffCents);
      table[at] = this.a0;
      table[at + 1] = this.a1;
      table[at + 2] = this.a2;
      table[at + 3] = this.a3;
      table[at + 4] = this.a4;
      known[cents] = 1;
      return;
    }
    this.a0 = table[at]!;
    this.a1 = table[at + 1]!;
    this.a2 = table[at + 2]!;
    this.a3 = table[at + 3]!;
    this.a4 = table[at + 4]!;
  };
}

/** Sample layers (voices) the soundfont plays for one note, per program/kit, pitch and velocity band. */
const layerCache = new Map<number, number>();
function layersPerNote(program: number, drums: boolean, pitch: number, velocity: number): number {
  const key = ((((program << 1) | (drums ? 1 : 0)) << 7) | pitch) * 8 + (velocity >> 4);
  let layers = layerCache.get(key);
  if (layers === undefined) {
    const preset = loadSoundfont().getPreset({ program, bankMSB: 0, bankLSB: 0, isGMGSDrum: drums }, 'gs');
    layers = preset.getVoiceParameters(pitch, velocity).length;
    layerCache.set(key, layers);
  }
  return layers;
}

/** Seconds a voice is assumed to ring after its note ends (release tails, one-shot drum samples). */
const ASSUMED_TAIL_SEC = 0.3;

/**
 * Voice-seconds a stem's synthesis renders, roughly: each note's sample layers times its length
 * plus a tail. What a stem's synthesis costs grows with it (a pop piano-and-strings harmony ≈1500,
 * a lead ≈10–40); used to share stems between threads (../mixdown.ts).
 */
export function estimatedVoiceSeconds(plan: MusicPlan, stem: StemName): number {
  const secPerBeat = 60 / plan.bpm;
  let total = 0;
  for (const part of plan.parts) {
    if (part.stem !== stem) continue;
    const drums = part.channel === 9;
    for (const n of part.notes)
      total +=
        layersPerNote(part.program, drums, n.pitch, Math.max(1, Math.min(127, n.velocity))) *
        (n.durationBeats * secPerBeat + ASSUMED_TAIL_SEC);
  }
  return total;
}

/**
 * Splits a stem's notes into two shares, share 0 taking about `fraction` of the voice-seconds: by
 * key (MIDI channel, then pitch, ascending), share 0 the lower keys. By key, not note by note,
 * because each thread decodes the samples it plays on first use (Ogg Vorbis, ≈1 s of CPU for the
 * pop piano's): with the keys split, the two threads decode different samples, not the same ones
 * twice. A function of the plan alone (never of timing), so every thread and run split alike.
 * Returns each note's share, indexed by SynthEvent.note.
 */
export function noteShares(
  plan: MusicPlan,
  events: readonly SynthEvent[],
  sampleRate: number,
  fraction: number,
): Uint8Array {
  const programs = new Map(plan.parts.map((p) => [p.channel, p.program]));
  const starts = new Map<number, SynthEvent>();
  let notes = 0;
  for (const e of events) notes = Math.max(notes, e.note + 1);
  const keyOf = new Int32Array(notes);
  const keyWeight = new Float64Array(16 * 128);
  let total = 0;
  for (const e of events) {
    if (e.velocity > 0) {
      starts.set(e.note, e);
      continue;
    }
    const on = starts.get(e.note);
    if (!on) continue;
    const layers = layersPerNote(programs.get(on.channel) ?? 0, on.channel === 9, on.pitch, on.velocity);
    const w = layers * ((e.frame - on.frame) / sampleRate + ASSUMED_TAIL_SEC);
    const key = on.channel * 128 + on.pitch;
    keyOf[e.note] = key;
    keyWeight[key] = keyWeight[key]! + w;
    total += w;
  }
  // A key goes to share 0 while the middle of its weight is within share 0's part of the total.
  const keyShare = new Uint8Array(16 * 128);
  let below = 0;
  for (let key = 0; key < keyWeight.length; key++) {
    const w = keyWeight[key]!;
    keyShare[key] = below + w / 2 <= fraction * total ? 0 : 1;
    below += w;
  }
  const shares = new Uint8Array(notes);
  for (let n = 0; n < notes; n++) shares[n] = keyShare[keyOf[n]!]!;
  return shares;
}

/** Index of each sample in the bank's list, per parsed bank. */
const sampleIndexes = new WeakMap<object, Map<unknown, number>>();

/**
 * The samples (indices into the soundfont's samples) the synthesiser plays for a stem's notes, or
 * for one share of them: every sample layer of every note, chosen by program, key and velocity as
 * the synthesiser chooses them. Spessasynth decodes a sample (Ogg Vorbis) the first time a voice
 * plays it; a thread can decode these beforehand (../worker/preload-samples.ts).
 */
export function samplesPlayed(
  plan: MusicPlan,
  sampleRate: number,
  stem: StemName,
  share?: StemShare,
): number[] {
  const bank = loadSoundfont();
  let index = sampleIndexes.get(bank);
  if (!index) {
    index = new Map(bank.samples.map((sample, i) => [sample as unknown, i]));
    sampleIndexes.set(bank, index);
  }
  const stemPlan = { ...plan, parts: plan.parts.filter((p) => p.stem === stem) };
  const programs = new Map(stemPlan.parts.map((p) => [p.channel, p.program]));
  const events = buildEvents(stemPlan, sampleRate);
  const shares = share ? noteShares(stemPlan, events, sampleRate, share.fraction) : undefined;
  const out = new Set<number>();
  const seen = new Set<number>();
  for (const e of events) {
    if (e.velocity === 0 || (shares && shares[e.note] !== share!.index)) continue;
    const key = (e.channel * 128 + e.pitch) * 128 + e.velocity;
    if (seen.has(key)) continue;
    seen.add(key);
    const preset = bank.getPreset(
      { program: programs.get(e.channel) ?? 0, bankMSB: 0, bankLSB: 0, isGMGSDrum: e.channel === 9 },
      'gs',
    );
    for (const voice of preset.getVoiceParameters(e.pitch, e.velocity)) {
      const i = index.get(voice.sample);
      if (i !== undefined) out.add(i);
    }
  }
  return [...out];
}

/** One of a stem's two note shares (noteShares): `index` 0 takes ≈`fraction` of its voice-seconds. */
export interface StemShare {
  index: 0 | 1;
  fraction: number;
}

export interface RenderHooks {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Frames [from, to) are rendered (called in order, every few thousand frames, while they are in cache). */
  onRendered?: (from: number, to: number) => void;
  /**
   * Render only this share of the stem's notes. The render blocks still split at every note of
   * the stem, so the two shares summed differ from the whole stem only by the order voices are
   * added in (float rounding): envelopes and LFOs step per block.
   */
  share?: StemShare;
  /** Voices rendered by spessasynth's own renderVoice instead of ./fused-voice.ts (same bits; for tests). */
  libraryVoices?: boolean;
}

/** Frames rendered between onRendered calls: ≈46 ms, 16 KB of stereo float — in L1/L2 still. */
const HANDOVER_FRAMES = 2048;

/**
 * Renders the parts of one stem into `into` (overwritten; its length is the track's). Every MIDI
 * channel's output slot aliases `into`: channels without parts never sound.
 */
export async function renderStem(
  plan: MusicPlan,
  sampleRate: number,
  stem: StemName,
  into: StereoBuffer,
  hooks: RenderHooks = {},
): Promise<void> {
  plan = { ...plan, parts: plan.parts.filter((p) => p.stem === stem) };
  const frames = into[0].length;
  const synth = new SpessaSynthProcessor(sampleRate, {
    effectsEnabled: false,
    eventsEnabled: false,
    maxBufferSize: BLOCK_FRAMES,
  });
  synth.soundBankManager.addSoundBank(loadSoundfont(), 'main');
  // Without this every sample fails silently ("Vorbis decoder not ready") and the failure is cached.
  await synth.processorInitialized;
  // Linear instead of Hermite sample interpolation saves ≈25 % of the synth's time. Measured on a
  // 20 s pop mix: energy per band (0–500 Hz … 16–22 kHz) within 0.35 dB of Hermite; the waveforms
  // differ mostly in the phase of noisy sources (cymbals), not in spectral balance.
  synth.setSystemParameter('interpolationType', InterpolationTypes.linear);
  startWithFewVoices(synth);
  fastFilterCoefficients(synth);
  if (!hooks.libraryVoices) fuseVoiceRendering(synth);
  recentSynths.push(synth);
  if (recentSynths.length > RETAINED_SYNTHS) recentSynths.shift();

  for (const part of plan.parts) {
    synth.programChange(part.channel, part.program);
    synth.controllerChange(part.channel, CC_VOLUME, part.volume);
    synth.controllerChange(part.channel, CC_PAN, part.pan);
    synth.controllerChange(part.channel, CC_REVERB, 0);
    synth.controllerChange(part.channel, CC_CHORUS, 0);
    // Shorter release on the chord instruments: tighter comping and far fewer ringing voices.
    if (part.id === 'comp') synth.controllerChange(part.channel, CC_RELEASE, 44);
    // A little vibrato (mod wheel → the soundfont's vibrato LFO) makes the voice patches less static.
    if (part.stem === 'vocals') synth.controllerChange(part.channel, CC_MODULATION, 22);
  }
  const slots: StereoBuffer[] = new Array(16).fill(into);
  // Effects are disabled, so the effect outputs are never touched: block-sized placeholders suffice.
  const effectsL = new Float32Array(BLOCK_FRAMES);
  const effectsR = effectsL;
  const events = buildEvents(plan, sampleRate);
  const share = hooks.share;
  const shares = share ? noteShares(plan, events, sampleRate, share.fraction) : undefined;
  let next = 0;
  let frame = 0;
  let handedOver = 0;
  let blocksSinceCheck = 0;
  while (frame < frames) {
    while (next < events.length && events[next]!.frame <= frame) {
      const e = events[next++]!;
      if (shares && shares[e.note] !== share!.index) continue;
      if (e.velocity === 0) synth.noteOff(e.channel, e.pitch);
      else synth.noteOn(e.channel, e.pitch, e.velocity);
    }
    const nextEventFrame = next < events.length ? events[next]!.frame : frames;
    const count = Math.min(BLOCK_FRAMES, frames - frame, Math.max(1, nextEventFrame - frame));
    // processSplit adds into its outputs: clear the block first, here, while it is in cache.
    into[0].fill(0, frame, frame + count);
    into[1].fill(0, frame, frame + count);
    synth.processSplit(slots, effectsL, effectsR, frame, count);
    frame += count;
    if (hooks.onRendered && frame - handedOver >= HANDOVER_FRAMES) {
      hooks.onRendered(handedOver, frame);
      handedOver = frame;
    }
    if (++blocksSinceCheck >= 2048) {
      blocksSinceCheck = 0;
      if (hooks.signal?.aborted) throw new EngineCancelledError();
      hooks.onProgress?.(frame / frames);
      // Let abort events and messages through (the worker's cancel message arrives this way).
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (hooks.onRendered && handedOver < frames) hooks.onRendered(handedOver, frames);
  hooks.onProgress?.(1);
}

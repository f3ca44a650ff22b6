// Adapted from spessasynth_core 4.3 (Apache-2.0, © its authors; node_modules/spessasynth_core/LICENSE):
// its renderVoice (src/synthesizer/audio_engine/channel/render_voice.ts) with its
// last two loops fused: the voice's low-pass filter and gain ramp, then a second pass adding the
// voice into the stereo output, become one loop. The filter is a recursion (each sample waits for
// the last), so the output's loads, multiplies and stores now run in its shadow instead of after it:
// the output loop was ≈30 % of renderVoice's samples in a CPU profile of a 60 s job. Everything
// else is the library's code, line for line; the sample that the library stores in its Float32
// voice buffer and reads back is rounded the same way here (Math.fround), so the audio is the same
// bits. Only for synthesizers with effects off (ours): the effect sends, which read the voice
// buffer again, are left out, and installing refuses a synthesizer with effects on.
import { GeneratorTypes, type SpessaSynthProcessor } from 'spessasynth_core';

// The library's tables (module-private there), computed by the same expressions (the library's
// Math.pow written as **, which V8 evaluates with the same routine; fused-voice.test.ts checks bits).
const MIN_ABS_CENT = -2e4;
const MAX_ABS_CENT = 16500;
const absoluteCentLookupTable = new Float32Array(MAX_ABS_CENT - MIN_ABS_CENT + 1);
for (let i = 0; i < absoluteCentLookupTable.length; i++) {
  const absoluteCents = MIN_ABS_CENT + i;
  absoluteCentLookupTable[i] = 440 * 2 ** ((absoluteCents - 6900) / 1200);
}
function absCentsToHz(cents: number): number {
  if (cents < MIN_ABS_CENT || cents > MAX_ABS_CENT) return 440 * 2 ** ((cents - 6900) / 1200);
  return absoluteCentLookupTable[(cents - MIN_ABS_CENT) | 0]!;
}
const MIN_CENTIBELS = -16600;
const CENTIBEL_LOOKUP_TABLE = new Float32Array(16e3 - MIN_CENTIBELS + 1);
for (let i = 0; i < CENTIBEL_LOOKUP_TABLE.length; i++) {
  const centibels = MIN_CENTIBELS + i;
  CENTIBEL_LOOKUP_TABLE[i] = 10 ** (-centibels / 200);
}
function cbAttenuationToGain(centibels: number): number {
  return CENTIBEL_LOOKUP_TABLE[(centibels - MIN_CENTIBELS) | 0]!;
}
const HALF_PI = Math.PI / 2;
const MIN_PAN = -500;
const MAX_PAN = 500;
const PAN_RESOLUTION = MAX_PAN - MIN_PAN;
const panTableLeft = new Float32Array(PAN_RESOLUTION + 1);
const panTableRight = new Float32Array(PAN_RESOLUTION + 1);
for (let pan = MIN_PAN; pan <= MAX_PAN; pan++) {
  const realPan = (pan - MIN_PAN) / PAN_RESOLUTION;
  const tableIndex = pan - MIN_PAN;
  panTableLeft[tableIndex] = Math.cos(HALF_PI * realPan);
  panTableRight[tableIndex] = Math.sin(HALF_PI * realPan);
}

const G = GeneratorTypes;

// The library's internal shapes, as far as this function reads them.
// biome-ignore lint/suspicious/noExplicitAny: spessasynth's voice and channel internals are not typed publicly
type Any = any;

/** The fused renderVoice; `this` is a MIDI channel (the library binds it per channel). */
function renderVoiceFused(
  this: Any,
  voice: Any,
  timeNow: number,
  outputL: Float32Array,
  outputR: Float32Array,
  startIndex: number,
  sampleCount: number,
): void {
  if (!voice.isInRelease && timeNow >= voice.releaseStartTime) {
    voice.isInRelease = true;
    voice.volEnv.startRelease(voice);
    voice.modEnv.startRelease(voice);
    if (voice.loopingMode === 3) voice.wavetable.isLooping = false;
  }
  voice.hasRendered = true;
  if (!voice.isActive) return;
  const core = this.synthCore;
  const sampleRate = core.sampleRate;
  const modulated = voice.modulatedGenerators;
  let targetKey = voice.targetKey;
  let cents = voice.pitchOffset + modulated[G.fineTune] + this.octaveTuning[targetKey] + this.currentTuning;
  let semitones = modulated[G.coarseTune];
  const tuning = core.tunings[this.preset.program * 128 + voice.midiNote];
  if (tuning !== -1) {
    targetKey = Math.trunc(tuning);
    semitones += tuning - targetKey;
  }
  if (voice.portamentoFromKey > -1) {
    const elapsed = Math.min((timeNow - voice.startTime) / voice.portamentoDuration, 1);
    const diff = targetKey - voice.portamentoFromKey;
    semitones -= diff * (1 - elapsed);
  }
  cents += (targetKey - voice.rootKey) * modulated[G.scaleTuning];
  let lowpassExcursion = 0;
  let volumeExcursionCentibels = 0;
  let voiceGain = voice.gainModifier * (1 + modulated[G.amplitude] / 1e3);
  if (timeNow >= voice.vibLfoStartTime) {
    const vibPitchDepth = modulated[G.vibLfoToPitch];
    const vibFilterDepth = modulated[G.vibLfoToFilterFc];
    const vibAmplitudeDepth = modulated[G.vibLfoAmplitudeDepth];
    if (vibPitchDepth !== 0 || vibFilterDepth !== 0 || vibAmplitudeDepth !== 0) {
      const rateInc =
        (Math.max(0, absCentsToHz(modulated[G.freqVibLFO]) + modulated[G.vibLfoRate] / 100) * sampleCount) /
        sampleRate;
      const vibLfoValue = 1 - 4 * Math.abs(voice.vibLfoPhase - 0.5);
      voice.vibLfoPhase += rateInc;
      if (voice.vibLfoPhase >= 1) voice.vibLfoPhase -= 1;
      cents += vibLfoValue * vibPitchDepth;
      lowpassExcursion += vibLfoValue * vibFilterDepth;
      voiceGain *= 1 - ((vibLfoValue + 1) / 2) * (vibAmplitudeDepth / 1e3);
    }
  }
  if (timeNow >= voice.modLfoStartTime) {
    const modPitchDepth = modulated[G.modLfoToPitch];
    const modVolDepth = modulated[G.modLfoToVolume];
    const modFilterDepth = modulated[G.modLfoToFilterFc];
    const modAmplitudeDepth = modulated[G.modLfoAmplitudeDepth];
    if (modPitchDepth !== 0 || modFilterDepth !== 0 || modVolDepth !== 0 || modAmplitudeDepth !== 0) {
      const rateInc =
        (Math.max(0, absCentsToHz(modulated[G.freqModLFO]) + modulated[G.modLfoRate] / 100) * sampleCount) /
        sampleRate;
      const modLfoValue = 1 - 4 * Math.abs(voice.modLfoPhase - 0.5);
      voice.modLfoPhase += rateInc;
      if (voice.modLfoPhase >= 1) voice.modLfoPhase -= 1;
      cents += modLfoValue * modPitchDepth;
      volumeExcursionCentibels += -modLfoValue * modVolDepth;
      lowpassExcursion += modLfoValue * modFilterDepth;
      voiceGain *= 1 - ((modLfoValue + 1) / 2) * (modAmplitudeDepth / 1e3);
    }
  }
  const modEnvPitchDepth = modulated[G.modEnvToPitch];
  const modEnvFilterDepth = modulated[G.modEnvToFilterFc];
  if (modEnvFilterDepth !== 0 || modEnvPitchDepth !== 0) {
    const modEnv = voice.modEnv.process(voice, timeNow);
    lowpassExcursion += modEnv * modEnvFilterDepth;
    cents += modEnv * modEnvPitchDepth;
  }
  volumeExcursionCentibels -= voice.resonanceOffset;
  const centsTotal = cents + semitones * 100;
  const centsRounded = centsTotal | 0;
  if (centsRounded !== voice.tuningCents) {
    voice.tuningCents = centsRounded;
    voice.tuningRatio = 2 ** (centsTotal / 1200);
  }
  const gainTarget =
    cbAttenuationToGain(modulated[G.initialAttenuation]) * cbAttenuationToGain(volumeExcursionCentibels);
  if (voice.loopingMode === 2 && !voice.isInRelease) {
    voice.isActive = voice.volEnv.process(sampleCount, gainTarget);
    return;
  }
  const buffer: Float32Array = core.voiceBuffer;
  voice.isActive = voice.wavetable.process(sampleCount, voice.tuningRatio, buffer);
  const gain = voice.volEnv.outputGain;
  const envActive = voice.volEnv.process(sampleCount, gainTarget);
  const gainInc = (voice.volEnv.outputGain - gain) / sampleCount;
  // The pan and output gain, moved up from after the filter (they do not depend on it) so that the
  // filter's loop can add into the outputs.
  voice.isActive = voice.isActive && envActive;
  let pan: number;
  if (voice.overridePan) pan = voice.overridePan;
  else {
    voice.currentPan += (modulated[G.pan] - voice.currentPan) * core.panSmoothingFactor;
    pan = voice.currentPan;
  }
  const outputGain = this.currentGain * voiceGain;
  const index = (Math.min(Math.max(-500, pan + this.currentPan), 500) + 500) | 0;
  const gainLeft = panTableLeft[index]! * outputGain;
  const gainRight = panTableRight[index]! * outputGain;
  const f = voice.filter;
  const initialFc = modulated[G.initialFilterFc];
  if (f.initialized) f.currentInitialFc += (initialFc - f.currentInitialFc) * f.constructor.smoothingConstant;
  else {
    f.initialized = true;
    f.currentInitialFc = initialFc;
  }
  const targetCutoff = f.currentInitialFc + lowpassExcursion;
  const modulatedResonance = modulated[G.initialFilterQ];
  if (f.currentInitialFc > 13499 && targetCutoff > 13499 && modulatedResonance === 0) {
    f.currentInitialFc = 13500;
    openVoiceInto(buffer, outputL, outputR, startIndex, sampleCount, gain, gainInc, gainLeft, gainRight);
    return;
  }
  if (Math.abs(f.lastTargetCutoff - targetCutoff) > 1 || f.resonanceCb !== modulatedResonance) {
    f.lastTargetCutoff = targetCutoff;
    f.resonanceCb = modulatedResonance;
    f.calculateCoefficients(targetCutoff);
  }
  filteredVoiceInto(f, buffer, outputL, outputR, startIndex, sampleCount, gain, gainInc, gainLeft, gainRight);
}

/** The voice with its filter open: gain ramp, then panned into the outputs (one loop). */
function openVoiceInto(
  buffer: Float32Array,
  outputL: Float32Array,
  outputR: Float32Array,
  startIndex: number,
  sampleCount: number,
  gain: number,
  gainInc: number,
  gainLeft: number,
  gainRight: number,
): void {
  for (let i = 0; i < sampleCount; i++) {
    // The library stores this in its Float32 voice buffer and reads it back: the same rounding.
    const s = Math.fround(buffer[i]! * gain);
    gain += gainInc;
    const idx = i + startIndex;
    outputL[idx] = outputL[idx]! + gainLeft * s;
    outputR[idx] = outputR[idx]! + gainRight * s;
  }
}

/** The voice through its low-pass filter, gain ramp, then panned into the outputs (one loop). */
function filteredVoiceInto(
  f: Any,
  buffer: Float32Array,
  outputL: Float32Array,
  outputR: Float32Array,
  startIndex: number,
  sampleCount: number,
  gain: number,
  gainInc: number,
  gainLeft: number,
  gainRight: number,
): void {
  const a0: number = f.a0;
  const a1: number = f.a1;
  const a2: number = f.a2;
  const a3: number = f.a3;
  const a4: number = f.a4;
  let x1: number = f.x1;
  let x2: number = f.x2;
  let y1: number = f.y1;
  let y2: number = f.y2;
  for (let i = 0; i < sampleCount; i++) {
    const input = buffer[i]!;
    const filtered = a0 * input + a1 * x1 + a2 * x2 - a3 * y1 - y2 * a4;
    x2 = x1;
    x1 = input;
    y2 = y1;
    y1 = filtered;
    const s = Math.fround(filtered * gain);
    gain += gainInc;
    const idx = i + startIndex;
    outputL[idx] = outputL[idx]! + gainLeft * s;
    outputR[idx] = outputR[idx]! + gainRight * s;
  }
  f.x1 = x1;
  f.x2 = x2;
  f.y1 = y1;
  f.y2 = y2;
}

/**
 * Has every MIDI channel of `synth` render its voices with renderVoiceFused. The synthesizer must
 * have effects off (the fused function has no effect sends).
 */
export function fuseVoiceRendering(synth: SpessaSynthProcessor): void {
  const core = (synth as unknown as { synthCore: Any }).synthCore;
  const channels: Any[] | undefined = core?.midiChannels;
  if (!Array.isArray(channels) || typeof channels[0]?.renderVoice !== 'function')
    throw new Error('spessasynth: no channel renderVoice where expected');
  if (core.systemParameters?.effectsEnabled !== false)
    throw new Error('fused voice rendering needs a synthesizer with effects off');
  for (const ch of channels) ch.renderVoice = renderVoiceFused.bind(ch);
}

// Renders the game soundtrack's items (gamesound.ts, the eleventh composer) with a console-style
// synthesizer of our own, in TypeScript — no FluidSynth, TiMidity, csound or SoundFont — so the set
// sounds like nothing else the analyser is measured on:
// - pulse waves of 12.5, 25 and 50 % duty, band-limited by PolyBLEP, at 16 volume steps (chip
//   palettes), with a delayed vibrato stepped at the item's frame rate (50 or 60 Hz);
// - "arpeggio chords": a chord on the pulse channel cycles its notes once a frame, as chip music does;
// - the NES's 4-bit stepped triangle bass, the Game Boy's 32-sample 4-bit wave channel;
// - a noise channel from a 15-bit LFSR (long mode, or the metallic short mode for the Game Boy's
//   hats): snare bursts, hats, cymbals; kicks and toms pitched-down triangle (chip) or sine (FM) sweeps;
// - for the 16-bit items a 2-operator FM voice (lead, brass, flute, electric piano, pad, bass, slap
//   bass) with ADSR envelopes and its modulation index enveloped; a music-box bell (FM 1:3.5);
// - an echo on the lead for some items; simple stereo panning; 44.1 kHz, the clip's 30 s.
// Then the master: clean, a small mono TV speaker (band-limited), or bit-crushed (ffmpeg acrusher),
// the first 30 s with a 1.5 s fade, peak-normalised to the item's level → 192 kbps MP3 at 44.1 kHz
// (fluidsynth-mp3.ts's shared clip cache and encoder, which keeps the SMF beside each clip). Cached
// under node_modules/.cache/soundfoundry-gamesound/v1/. Tests and benches only.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { encodeWav, requireTool } from '../../dsp/test-support.ts';
import { type ClipRender, cachedClipMp3, clipCacheDir } from './fluidsynth-mp3.ts';
import {
  composeGamesound,
  GAMESOUND_CLIP_SEC,
  type GamesoundItem,
  type GsBassVoice,
  type GsCompVoice,
  type GsLeadVoice,
  type GsScore,
  gamesoundMidi,
  styleOf,
} from './gamesound.ts';

const run = promisify(execFile);

export const GAMESOUND_SAMPLE_RATE = 44100;
/** Bump the version when the composer or the synth changes (old renders are then stale). */
export const GAMESOUND_CACHE_DIR = clipCacheDir('soundfoundry-gamesound', 'v1');

/** Fails loudly with the Debian package to install when ffmpeg is missing (the synth is our own). */
export function requireGamesoundTools(): void {
  requireTool('ffmpeg', 'ffmpeg');
  requireTool('ffprobe', 'ffmpeg');
}

// ---------------------------------------------------------------- oscillators

const TWO_PI = 2 * Math.PI;
const midiHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

/** PolyBLEP: the band-limited step's residual at phase `t` (0..1) for a phase increment `dt`. */
export function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/** One sample of a pulse of duty `duty` at phase `t` (0..1) and increment `dt`: +1 for the duty's share, −1 after, DC removed. */
export function pulseAt(t: number, dt: number, duty: number, bandLimited = true): number {
  let v = t < duty ? 1 : -1;
  if (bandLimited) {
    v += polyBlep(t, dt);
    let u = t - duty;
    if (u < 0) u += 1;
    v -= polyBlep(u, dt);
  }
  return v - (2 * duty - 1);
}

/** `n` samples of a pulse wave (PolyBLEP band-limited unless `bandLimited` is false). */
export function pulseWave(
  freq: number,
  duty: number,
  n: number,
  sr = GAMESOUND_SAMPLE_RATE,
  bandLimited = true,
): Float32Array {
  const out = new Float32Array(n);
  const dt = freq / sr;
  let t = 0;
  for (let i = 0; i < n; i++) {
    out[i] = pulseAt(t, dt, duty, bandLimited);
    t += dt;
    if (t >= 1) t -= 1;
  }
  return out;
}

/** The NES triangle's 32-step sequence: 15 down to 0, 0 up to 15 (4 bits). */
export const TRIANGLE_STEPS: readonly number[] = [
  ...Array.from({ length: 16 }, (_, i) => 15 - i),
  ...Array.from({ length: 16 }, (_, i) => i),
];

/** The 4-bit stepped triangle at phase `t` (0..1), scaled to −1..1 (16 levels). */
export const nesTriangle = (t: number) => TRIANGLE_STEPS[Math.floor(t * 32) & 31]! / 7.5 - 1;

/** The Game Boy wave channel's 32 4-bit samples of our bass: a rounded saw. */
const GB_WAVE: readonly number[] = Array.from({ length: 32 }, (_, i) =>
  Math.round(15 * (0.5 + 0.5 * Math.cos((Math.PI * i) / 32))),
);
const gbWave = (t: number) => GB_WAVE[Math.floor(t * 32) & 31]! / 7.5 - 1;

/**
 * The NES noise channel's 15-bit linear-feedback shift register: each clock shifts right and feeds
 * bit 0 XOR bit 1 (long mode, period 32767) or bit 0 XOR bit 6 (short mode, the metallic period 93)
 * into bit 14; the output is bit 0.
 */
export class Lfsr {
  state = 1;
  constructor(public short = false) {}
  clock(): number {
    const bit = (this.state ^ (this.state >> (this.short ? 6 : 1))) & 1;
    this.state = (this.state >> 1) | (bit << 14);
    return this.state & 1;
  }
}

/** The LFSR's period from state 1: clocks until the state comes back. */
export function lfsrPeriod(short: boolean): number {
  const r = new Lfsr(short);
  for (let n = 1; n <= 1 << 15; n++) {
    r.clock();
    if (r.state === 1) return n;
  }
  return Number.POSITIVE_INFINITY;
}

/** An ADSR envelope: attack, decay and release in seconds, the sustain level 0..1. */
export interface Adsr {
  a: number;
  d: number;
  s: number;
  r: number;
}

/** The envelope's level `t` seconds after the note starts, the gate (key held) lasting `gate` seconds: linear segments, zero after gate + r. */
export function adsr(t: number, gate: number, e: Adsr): number {
  if (t < 0) return 0;
  if (t < gate) return heldLevel(t, e);
  if (t >= gate + e.r) return 0;
  return heldLevel(gate, e) * (1 - (t - gate) / e.r);
}

/** The envelope's level `x` seconds into a held note. */
const heldLevel = (x: number, e: Adsr) =>
  x < e.a ? x / e.a : x < e.a + e.d ? 1 - ((1 - e.s) * (x - e.a)) / e.d : e.s;

/** A sine table (4096 points a cycle, read with linear interpolation): the FM operators' sine. */
const SINE_N = 4096;
const SINE = Float32Array.from({ length: SINE_N + 1 }, (_, i) => Math.sin((TWO_PI * i) / SINE_N));
/** sin(2π·x) for any x, from the table. */
export function sin2pi(x: number): number {
  const u = (x - Math.floor(x)) * SINE_N;
  const i = u | 0;
  const f = u - i;
  return SINE[i]! + (SINE[i + 1]! - SINE[i]!) * f;
}

// ---------------------------------------------------------------- voices

type Voice = GsLeadVoice | GsCompVoice | GsBassVoice;

interface VoiceSpec {
  env: Adsr;
  gain: number;
  /** The FM modulator's frequency ratio and its index (peak, then settling to `index1` with time constant `tau` seconds). */
  fm?: { ratio: number; index0: number; index1: number; tau: number };
  /** An exponential decay over the note (seconds), for struck voices. */
  decay?: number;
  vibrato?: number;
  /** Octaves added at the render. */
  octave?: number;
}

const VOICES: Record<Voice, VoiceSpec> = {
  pulse: { env: { a: 0.004, d: 0.12, s: 0.7, r: 0.04 }, gain: 0.2, vibrato: 0.25 },
  arp: { env: { a: 0.003, d: 0.25, s: 0.55, r: 0.03 }, gain: 0.13 },
  triangle: { env: { a: 0.002, d: 0.01, s: 1, r: 0.004 }, gain: 0.42 },
  wave: { env: { a: 0.002, d: 0.08, s: 0.8, r: 0.01 }, gain: 0.3 },
  'fm-lead': {
    env: { a: 0.01, d: 0.2, s: 0.75, r: 0.08 },
    gain: 0.2,
    fm: { ratio: 1, index0: 3, index1: 1.6, tau: 0.15 },
    vibrato: 0.2,
  },
  'fm-brass': {
    env: { a: 0.035, d: 0.15, s: 0.8, r: 0.07 },
    gain: 0.16,
    fm: { ratio: 1, index0: 0.5, index1: 2.6, tau: 0.06 },
    vibrato: 0.15,
  },
  'fm-flute': {
    env: { a: 0.04, d: 0.1, s: 0.85, r: 0.1 },
    gain: 0.22,
    fm: { ratio: 2, index0: 0.9, index1: 0.35, tau: 0.05 },
    vibrato: 0.2,
  },
  'fm-epiano': {
    env: { a: 0.002, d: 1.2, s: 0.35, r: 0.25 },
    gain: 0.11,
    fm: { ratio: 14, index0: 1.6, index1: 0.1, tau: 0.04 },
    decay: 1.6,
  },
  'fm-pad': {
    env: { a: 0.18, d: 0.3, s: 0.8, r: 0.35 },
    gain: 0.06,
    fm: { ratio: 2, index0: 0.3, index1: 0.9, tau: 0.5 },
  },
  'fm-bass': {
    env: { a: 0.003, d: 0.3, s: 0.6, r: 0.03 },
    gain: 0.42,
    fm: { ratio: 1, index0: 3.2, index1: 0.8, tau: 0.08 },
  },
  'fm-slap': {
    env: { a: 0.001, d: 0.25, s: 0.5, r: 0.03 },
    gain: 0.42,
    fm: { ratio: 1, index0: 6, index1: 1, tau: 0.03 },
  },
  bell: {
    env: { a: 0.001, d: 0.01, s: 1, r: 0.6 },
    gain: 0.2,
    fm: { ratio: 3.5, index0: 2.4, index1: 0.3, tau: 0.25 },
    decay: 0.9,
    octave: 1,
  },
};

/** What a note's render needs of its item. */
interface NoteOpts {
  sr: number;
  duty: number;
  frameHz: number;
  /** Volume in 16 steps, as the chip's 4-bit volume register. */
  chip: boolean;
}

/**
 * Adds one note (or, for 'arp', one chord cycled a note per frame) of `voice` into `out` from
 * `startSec`, held `gateSec`, at `velocity` (0..127).
 */
function addNote(
  out: Float32Array,
  startSec: number,
  gateSec: number,
  pitches: readonly number[],
  velocity: number,
  voice: Voice,
  o: NoteOpts,
): void {
  const v = VOICES[voice];
  const tail = v.env.r;
  const i0 = Math.round(startSec * o.sr);
  const n = Math.min(out.length - i0, Math.ceil((gateSec + tail) * o.sr));
  const freqs = pitches.map((p) => midiHz(p + 12 * (v.octave ?? 0)));
  const vel = (velocity / 127) ** 1.3;
  const duty = voice === 'arp' ? (o.duty === 0.5 ? 0.25 : 0.5) : o.duty;
  let pc = 0;
  let pm = 0;
  // the struck voices' decay and the FM index's settling, as per-sample recursions
  const decayStep = v.decay ? Math.exp(-1 / (v.decay * o.sr)) : 1;
  let decay = 1;
  const fm = v.fm;
  const indexStep = fm ? Math.exp(-1 / (fm.tau * o.sr)) : 1;
  let indexLeft = 1;
  let vib = 1;
  const arpFrame = o.sr / o.frameHz;
  for (let k = 0; k < n; k++) {
    const t = k / o.sr;
    let env = adsr(t, gateSec, v.env) * vel * decay;
    decay *= decayStep;
    if (o.chip) env = Math.round(env * 15) / 15;
    let f = freqs.length > 1 ? freqs[Math.floor(k / arpFrame) % freqs.length]! : freqs[0]!;
    if (v.vibrato && t > 0.2) {
      // updated every 32 samples; chip vibrato is stepped at the frame rate
      if ((k & 31) === 0) {
        const lt = o.chip ? Math.floor(t * o.frameHz) / o.frameHz : t;
        vib = 2 ** ((v.vibrato * Math.min(1, (t - 0.2) / 0.3) * sin2pi(5.5 * lt)) / 12);
      }
      f *= vib;
    }
    const dt = f / o.sr;
    let y: number;
    if (voice === 'pulse' || voice === 'arp') y = pulseAt(pc, dt, duty);
    else if (voice === 'triangle') y = nesTriangle(pc);
    else if (voice === 'wave') y = gbWave(pc);
    else {
      const index = fm!.index1 + (fm!.index0 - fm!.index1) * indexLeft;
      indexLeft *= indexStep;
      y = sin2pi(pc + (index / TWO_PI) * sin2pi(pm));
      pm += dt * fm!.ratio;
      if (pm >= 1) pm -= Math.floor(pm);
    }
    pc += dt;
    if (pc >= 1) pc -= 1;
    out[i0 + k]! += v.gain * env * y;
  }
}

// ---------------------------------------------------------------- drums

const KICK = 36;
const RIM = 37;
const SNARE = 38;
const CLAP = 39;
const HATS = new Set([42, 44]);
const OPEN_HAT = 46;
const CRASH = 49;
const RIDE = 51;
const TOMS: Record<number, number> = { 45: 100, 47: 140, 50: 190 };

/** Adds one drum hit: chip (triangle kick, LFSR noise) or FM (sine kick, the same noise, cleaner). */
function addDrum(
  out: Float32Array,
  startSec: number,
  note: number,
  velocity: number,
  noise: Lfsr,
  o: NoteOpts & { gbHats: boolean },
): void {
  const vel = (velocity / 127) ** 1.2;
  const i0 = Math.round(startSec * o.sr);
  const hat = HATS.has(note) || note === OPEN_HAT || note === CRASH || note === RIDE;
  const len = note === CRASH ? 1.4 : note === RIDE ? 0.6 : note === OPEN_HAT ? 0.35 : 0.3;
  const n = Math.min(out.length - i0, Math.round(len * o.sr));
  // the noise is clocked (sample and hold) slower for the snare's body, at full rate for cymbals
  const rate = hat ? 1 : note === SNARE || note === CLAP ? 0.5 : 0.25;
  noise.short = hat && o.gbHats;
  let held = 0;
  let acc = 1;
  let prev = 0;
  let phase = 0;
  for (let k = 0; k < n; k++) {
    const t = k / o.sr;
    acc += rate;
    if (acc >= 1) {
      acc -= 1;
      held = noise.clock() ? 1 : -1;
    }
    let y = 0;
    if (note === KICK || TOMS[note]) {
      const f =
        note === KICK
          ? o.chip
            ? 50 + 140 * Math.exp(-t / 0.025)
            : 45 + 110 * Math.exp(-t / 0.03)
          : TOMS[note]! * (1 + 0.6 * Math.exp(-t / 0.03));
      phase += f / o.sr;
      if (phase >= 1) phase -= 1;
      const body = o.chip ? nesTriangle(phase) : Math.sin(TWO_PI * phase);
      const decay = note === KICK ? (o.chip ? 0.09 : 0.16) : 0.14;
      y = 0.9 * body * Math.exp(-t / decay) + (note === KICK ? 0.3 * held * Math.exp(-t / 0.004) : 0);
    } else if (note === SNARE) {
      phase += 185 / o.sr;
      if (phase >= 1) phase -= 1;
      const tone = o.chip ? nesTriangle(phase) : Math.sin(TWO_PI * phase);
      y = 0.55 * held * Math.exp(-t / 0.085) + 0.45 * tone * Math.exp(-t / 0.035);
    } else if (note === CLAP) {
      const burst = t < 0.03 ? (Math.floor(t / 0.01) % 2 === 0 ? 1 : 0.3) : Math.exp(-(t - 0.03) / 0.09);
      y = 0.6 * held * burst;
    } else if (note === RIM) {
      phase += 820 / o.sr;
      if (phase >= 1) phase -= 1;
      y = 0.5 * held * Math.exp(-t / 0.01) + 0.4 * pulseAt(phase, 820 / o.sr, 0.5) * Math.exp(-t / 0.015);
    } else {
      // cymbals: the noise differentiated (a crude high-pass)
      const hp = held - prev;
      prev = held;
      const decay = HATS.has(note) ? 0.022 : note === OPEN_HAT ? 0.12 : note === RIDE ? 0.25 : 0.5;
      const g = note === RIDE ? 0.18 : note === CRASH ? 0.3 : 0.32;
      y = g * hp * Math.exp(-t / decay);
    }
    let level = vel;
    if (o.chip) level = Math.max(1, Math.round(level * 15)) / 15;
    out[i0 + k]! += y * level;
  }
}

// ---------------------------------------------------------------- the mix

/** Stereo gains of a pan position (−1 left … +1 right), equal power. */
const panGains = (p: number) =>
  [Math.cos(((p + 1) * Math.PI) / 4), Math.sin(((p + 1) * Math.PI) / 4)] as const;

const PART_GAIN = { lead: 1, comp: 1, bass: 1, drums: 0.9, cymbals: 0.9 } as const;
const PAN = { lead: 0.2, comp: -0.3, bass: 0, drums: 0, cymbals: 0.35 } as const;

/**
 * The item's synthesized stereo PCM at 44.1 kHz: the clip's 30 s and half a second more, the
 * peak brought to 0.9. Each part is rendered into its own buffer, the lead's echo (a dotted eighth,
 * an eighth in 6/8 and 12/8, feeding back 0.35) panned opposite the lead, a DC blocker on the sum.
 */
export function renderGamesoundPcm(
  item: GamesoundItem,
  score: GsScore = composeGamesound(item),
): { left: Float32Array; right: Float32Array; sampleRate: number } {
  const sr = GAMESOUND_SAMPLE_RATE;
  const total = Math.ceil((GAMESOUND_CLIP_SEC + 0.5) * sr);
  const style = styleOf(item.style);
  const chip = item.palette === 'nes' || item.palette === 'gb';
  const o: NoteOpts = { sr, duty: item.duty, frameHz: item.frameHz, chip };
  const secPerQ = 60 / score.qpm;
  const buf = {
    lead: new Float32Array(total),
    comp: new Float32Array(total),
    bass: new Float32Array(total),
    drums: new Float32Array(total),
    cymbals: new Float32Array(total),
  };
  const noise = new Lfsr();
  const chords = new Map<string, { start: number; duration: number; velocity: number; pitches: number[] }>();
  for (const nt of score.notes) {
    const start = nt.start * secPerQ;
    if (start >= total / sr) continue;
    const gate = nt.duration * secPerQ;
    if (nt.part === 'drums') {
      const cym = nt.pitch === 42 || nt.pitch === 44 || nt.pitch === 46 || nt.pitch === 49 || nt.pitch === 51;
      addDrum(cym ? buf.cymbals : buf.drums, start, nt.pitch, nt.velocity, noise, {
        ...o,
        chip: item.palette !== 'fm',
        gbHats: item.palette === 'gb',
      });
    } else if (nt.part === 'comp' && style.voices.comp === 'arp') {
      const key = `${nt.start} ${nt.duration}`;
      const ch = chords.get(key) ?? { start, duration: gate, velocity: nt.velocity, pitches: [] };
      ch.pitches.push(nt.pitch);
      chords.set(key, ch);
    } else addNote(buf[nt.part], start, gate, [nt.pitch], nt.velocity, style.voices[nt.part], o);
  }
  for (const ch of chords.values())
    addNote(
      buf.comp,
      ch.start,
      ch.duration,
      [...ch.pitches].sort((a, b) => a - b),
      ch.velocity,
      'arp',
      o,
    );
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  for (const part of ['lead', 'comp', 'bass', 'drums', 'cymbals'] as const) {
    const [gl, gr] = panGains(PAN[part]);
    const b = buf[part];
    const g = PART_GAIN[part];
    for (let i = 0; i < total; i++) {
      left[i]! += b[i]! * g * gl;
      right[i]! += b[i]! * g * gr;
    }
  }
  if (item.echo) {
    const delay = Math.round((item.metre === '6/8' || item.metre === '12/8' ? 0.5 : 0.75) * secPerQ * sr);
    const wet = new Float32Array(total);
    for (let i = delay; i < total; i++) wet[i] = buf.lead[i - delay]! + 0.35 * wet[i - delay]!;
    const [gl, gr] = panGains(-PAN.lead * 2);
    for (let i = 0; i < total; i++) {
      left[i]! += 0.32 * wet[i]! * gl;
      right[i]! += 0.32 * wet[i]! * gr;
    }
  }
  // DC blocker, then the peak to 0.9
  let peak = 0;
  for (const ch of [left, right]) {
    let x1 = 0;
    let y1 = 0;
    for (let i = 0; i < total; i++) {
      const x = ch[i]!;
      y1 = x - x1 + 0.9995 * y1;
      x1 = x;
      ch[i] = y1;
      peak = Math.max(peak, Math.abs(y1));
    }
  }
  const scale = peak > 0 ? 0.9 / peak : 1;
  for (const ch of [left, right]) for (let i = 0; i < total; i++) ch[i]! *= scale;
  return { left, right, sampleRate: sr };
}

/** ffmpeg's filter of the item's master colour: none, a small mono TV speaker, or a bit-crusher. */
export function gamesoundColour(item: Pick<GamesoundItem, 'master'>): string | null {
  if (item.master === 'tv')
    return 'pan=stereo|c0=0.5*c0+0.5*c1|c1=0.5*c0+0.5*c1,highpass=f=180,highpass=f=180,lowpass=f=3800,lowpass=f=3800';
  if (item.master === 'crush') return 'acrusher=bits=7:mode=lin:aa=0.6:samples=2:mix=0.7';
  return null;
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderGamesoundItem(
  item: GamesoundItem,
  { dir = GAMESOUND_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  // composed once for the SMF kept beside the clip and the synth, and only on a cache miss (a cached
  // clip composes nothing)
  let score: GsScore | undefined;
  const scoreOf = () => {
    score ??= composeGamesound(item);
    return score;
  };
  return cachedClipMp3(item, {
    dir,
    clipSec: GAMESOUND_CLIP_SEC,
    master: { peakDb: item.peakDb, maxGainDb: 30, limit: 0.95 },
    midi: () => gamesoundMidi(item, scoreOf()),
    requireTools: requireGamesoundTools,
    writeWav: async (wav) => {
      const { left, right, sampleRate } = renderGamesoundPcm(item, scoreOf());
      const colour = gamesoundColour(item);
      if (!colour) {
        writeFileSync(wav, encodeWav([left, right], sampleRate));
        return;
      }
      const raw = `${wav}.raw.wav`;
      try {
        writeFileSync(raw, encodeWav([left, right], sampleRate));
        await run('ffmpeg', ['-y', '-loglevel', 'error', '-i', raw, '-af', colour, '-c:a', 'pcm_f32le', wav]);
      } finally {
        rmSync(raw, { force: true });
      }
    },
  });
}

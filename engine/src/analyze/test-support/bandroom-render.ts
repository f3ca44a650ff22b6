// Renders the rehearsal room's items (bandroom.ts, the thirteenth composer) with a band synthesizer of
// our own, in TypeScript — no FluidSynth, TiMidity or SoundFont:
// - guitar and bass by Karplus–Strong plucked strings: a noise burst shaped by a pick-position comb
//   excites a delay loop holding a one-zero lowpass (its damping) and a first-order allpass whose
//   fractional delay tunes the loop's total phase delay at the fundamental exactly;
// - an additive drawbar organ: sines at the nine drawbar footages (16' 5⅓' 8' 4' 2⅔' 2' 1⅗' 1⅓' 1'), each
//   drawbar step 3 dB, a key click at the onset, a slow rotor's pitch and amplitude wobble;
// - analogue-style drums: a sine kick with a falling pitch envelope and a click, a snare of two damped
//   modes and band-passed noise, hats, ride and crash from six square oscillators at inharmonic
//   ratios through high-pass filters (as analogue drum machines make them), a side stick;
// - constant-power panning spread by the item's setting and a small Freeverb-style reverb (eight
//   damped combs, four allpasses a channel) sized by the item's room; 44.1 kHz, the clip's 30 s.
// Then the first 30 s with a 1.5 s fade, peak-normalised to the item's level → 192 kbps MP3 at 44.1 kHz
// (fluidsynth-mp3.ts's shared clip cache and encoder, which keeps the SMF beside each clip). Cached under
// node_modules/.cache/soundfoundry-bandroom/v1/. Tests and benches only.
import { writeFileSync } from 'node:fs';
import { encodeWav, requireTool } from '../../dsp/test-support.ts';
import {
  BANDROOM_CLIP_SEC,
  type BandroomItem,
  type BrInstrument,
  type BrRoom,
  type BrScore,
  bandroomMidi,
  CRASH,
  composeBandroom,
  HAT,
  KICK,
  OPEN_HAT,
  RIDE,
  SNARE,
  STICK,
  styleOf,
} from './bandroom.ts';
import { mulberry32 } from './corpus.ts';
import { type ClipRender, cachedClipMp3, clipCacheDir } from './fluidsynth-mp3.ts';

export const BANDROOM_SAMPLE_RATE = 44100;
/** Bump the version when the composer or the synth changes (old renders are then stale). */
export const BANDROOM_CACHE_DIR = clipCacheDir('soundfoundry-bandroom', 'v1');

/** Fails loudly with the Debian package to install when ffmpeg is missing (the synth is our own). */
export function requireBandroomTools(): void {
  requireTool('ffmpeg', 'ffmpeg');
  requireTool('ffprobe', 'ffmpeg');
}

const TWO_PI = 2 * Math.PI;
export const midiHz = (pitch: number) => 440 * 2 ** ((pitch - 69) / 12);

// ---------------------------------------------------------------- filters

/** A biquad (RBJ's cookbook forms), direct form I, run in place over `x`. */
export function biquad(
  x: Float32Array,
  type: 'lowpass' | 'highpass' | 'bandpass',
  hz: number,
  q: number,
  sr: number,
): Float32Array {
  const w = (TWO_PI * hz) / sr;
  const alpha = Math.sin(w) / (2 * q);
  const c = Math.cos(w);
  let b0: number;
  let b1: number;
  let b2: number;
  if (type === 'lowpass') [b0, b1, b2] = [(1 - c) / 2, 1 - c, (1 - c) / 2];
  else if (type === 'highpass') [b0, b1, b2] = [(1 + c) / 2, -(1 + c), (1 + c) / 2];
  else [b0, b1, b2] = [alpha, 0, -alpha];
  const a0 = 1 + alpha;
  const a1 = -2 * c;
  const a2 = 1 - alpha;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const y = (b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1;
    x1 = xi;
    y2 = y1;
    y1 = y;
    x[i] = y;
  }
  return x;
}

// ---------------------------------------------------------------- Karplus–Strong strings

/** The loop's one-zero lowpass coefficient for a damping in [0, 1]: 0.1 (bright) to 0.5 (the two-point average). */
const lowpassCoef = (damping: number) => 0.1 + 0.4 * Math.min(1, Math.max(0, damping));

/** Phase delay (samples) of the one-zero lowpass (1−d) + d·z⁻¹ at ω (radians a sample). */
export function lowpassPhaseDelay(d: number, w: number): number {
  return Math.atan2(d * Math.sin(w), 1 - d + d * Math.cos(w)) / w;
}

/** Phase delay (samples) of the first-order allpass (C + z⁻¹) / (1 + C·z⁻¹) at ω. */
export function allpassPhaseDelay(c: number, w: number): number {
  const phase = Math.atan2(-Math.sin(w), c + Math.cos(w)) - Math.atan2(-c * Math.sin(w), 1 + c * Math.cos(w));
  return -phase / w;
}

/**
 * The string loop for `hz`: the integer delay N, the lowpass coefficient, and the allpass coefficient
 * whose phase delay at the fundamental makes the loop's total exactly sr / hz (bisection).
 */
export function stringTuning(hz: number, sr: number, damping: number): { n: number; d: number; c: number } {
  const w = (TWO_PI * hz) / sr;
  const d = lowpassCoef(damping);
  const target = sr / hz - lowpassPhaseDelay(d, w);
  const n = Math.floor(target - 0.5);
  const frac = target - n;
  // the allpass's phase delay falls as C rises
  let lo = -0.99;
  let hi = 0.99;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (allpassPhaseDelay(mid, w) > frac) lo = mid;
    else hi = mid;
  }
  return { n, d, c: (lo + hi) / 2 };
}

export interface PluckOptions {
  sr: number;
  /** Pick position as a fraction of the string from the bridge: its multiples' harmonics are missing. */
  pick: number;
  /** 0 (a bright, long ring) to 1 (dull and short): the loop lowpass and its loss. */
  damping: number;
  velocity: number;
  /** The noise's seed. */
  seed: number;
  /** Seconds after the gate over which the string is muted. */
  release?: number;
}

/** A plucked string: `gateSec` of ring, then muted over the release. */
export function pluck(hz: number, gateSec: number, o: PluckOptions): Float32Array {
  const release = o.release ?? 0.06;
  const len = Math.ceil((gateSec + release) * o.sr);
  const out = new Float32Array(len);
  const { n, d, c } = stringTuning(hz, o.sr, o.damping);
  // the excitation: a period of noise, darker when soft, through the pick-position comb
  const rnd = mulberry32(o.seed);
  const exc = new Float32Array(n);
  const bright = 0.25 + 0.7 * (o.velocity / 127);
  let lp = 0;
  for (let i = 0; i < n; i++) {
    lp += bright * (rnd() * 2 - 1 - lp);
    exc[i] = lp;
  }
  const m = Math.max(1, Math.round(o.pick * n));
  const combed = new Float32Array(n);
  // circular over the period: the string's initial shape, its harmonics k with k·pick whole cancelled
  for (let i = 0; i < n; i++) combed[i] = exc[i]! - exc[(i - m + n) % n]!;
  let mean = 0;
  for (const v of combed) mean += v / n;
  const amp = (o.velocity / 127) * 0.8;
  // the loss a trip round the loop, more with damping
  const rho = 0.9985 - 0.012 * Math.min(1, Math.max(0, o.damping)) ** 1.5;
  const buf = new Float32Array(n);
  let at = 0;
  let prev = 0;
  let apX = 0;
  let apY = 0;
  const gateEnd = Math.round(gateSec * o.sr);
  for (let i = 0; i < len; i++) {
    const v = buf[at]!;
    const low = (1 - d) * v + d * prev;
    prev = v;
    const y = c * low + apX - c * apY;
    apX = low;
    apY = y;
    const loss = i < gateEnd ? rho : rho * 0.995;
    const s = (i < n ? (combed[i]! - mean) * amp : 0) + loss * y;
    buf[at] = s;
    at = at + 1 === n ? 0 : at + 1;
    const fade = i < gateEnd ? 1 : 1 - (i - gateEnd) / (len - gateEnd);
    out[i] = s * fade;
  }
  return out;
}

// ---------------------------------------------------------------- the drawbar organ

/** The drawbars' pitches as multiples of the played note: 16' 5⅓' 8' 4' 2⅔' 2' 1⅗' 1⅓' 1'. */
export const DRAWBAR_RATIOS = [0.5, 1.5, 1, 2, 3, 4, 5, 6, 8] as const;

/** Each drawbar's amplitude: 0 when in, full at 8, 3 dB less a step. */
export function drawbarAmplitudes(registration: string): number[] {
  return [...registration].map((ch) => {
    const level = Number(ch);
    return level === 0 ? 0 : 10 ** ((-3 * (8 - level)) / 20);
  });
}

export interface OrganOptions {
  sr: number;
  drawbars: string;
  velocity: number;
  /** The note's start in the piece (s): the rotor turns on through the notes. */
  t0: number;
  /** Rotor depth (0 none, 1 full: ±0.4 % pitch, ±20 % amplitude), at `rotorHz`. */
  rotor: number;
  rotorHz?: number;
  /** The key click's level (0 none). */
  click: number;
  seed: number;
}

/** An organ note: the drawbars' sines, held for `gateSec`, 5 ms on and 25 ms off. */
export function organTone(hz: number, gateSec: number, o: OrganOptions): Float32Array {
  const release = 0.025;
  const len = Math.ceil((gateSec + release) * o.sr);
  const out = new Float32Array(len);
  const amps = drawbarAmplitudes(o.drawbars);
  const rotorHz = o.rotorHz ?? 0.8;
  const level = (o.velocity / 127) * 0.25;
  const gateEnd = gateSec * o.sr;
  const phases = new Float64Array(9);
  const inc = DRAWBAR_RATIOS.map((r) => (TWO_PI * hz * r) / o.sr);
  for (let i = 0; i < len; i++) {
    const t = o.t0 + i / o.sr;
    const rot = Math.sin(TWO_PI * rotorHz * t);
    const bend = 1 + 0.004 * o.rotor * rot;
    let s = 0;
    for (let k = 0; k < 9; k++) {
      if (amps[k] === 0) continue;
      phases[k]! += inc[k]! * bend;
      if (inc[k]! * bend < Math.PI) s += amps[k]! * Math.sin(phases[k]!);
    }
    const env =
      i < 0.005 * o.sr
        ? i / (0.005 * o.sr)
        : i > gateEnd
          ? Math.max(0, 1 - (i - gateEnd) / (release * o.sr))
          : 1;
    out[i] = s * env * level * (1 + 0.2 * o.rotor * Math.cos(TWO_PI * rotorHz * t));
  }
  if (o.click > 0) {
    // the key click: 4 ms of bright noise at the onset
    const rnd = mulberry32(o.seed);
    const n = Math.round(0.004 * o.sr);
    const click = new Float32Array(n);
    for (let i = 0; i < n; i++) click[i] = (rnd() * 2 - 1) * (1 - i / n);
    biquad(click, 'highpass', 2000, 0.7, o.sr);
    for (let i = 0; i < n && i < len; i++) out[i]! += click[i]! * o.click * level;
  }
  return out;
}

// ---------------------------------------------------------------- drums

/** The kick's pitch (Hz) `t` seconds in: 160 Hz falling to 48 Hz, a 35 ms time constant. */
export const kickPitch = (t: number) => 48 + 112 * Math.exp(-t / 0.035);

/** A kick: a sine swept down by kickPitch, a 0.3 s decay, a 2 ms click. */
export function kick(sr: number, velocity: number, seed: number): Float32Array {
  const len = Math.round(0.5 * sr);
  const out = new Float32Array(len);
  const amp = velocity / 127;
  let ph = 0;
  const rnd = mulberry32(seed);
  for (let i = 0; i < len; i++) {
    const t = i / sr;
    ph += (TWO_PI * kickPitch(t)) / sr;
    const click = t < 0.002 ? (rnd() * 2 - 1) * 0.5 * (1 - t / 0.002) : 0;
    out[i] = amp * (Math.sin(ph) * Math.exp(-t / 0.3) * Math.min(1, t / 0.001 + 0.2) + click);
  }
  return out;
}

/** A snare: two damped drum-head modes (185 and 330 Hz) and band-passed noise (the wires). */
export function snare(sr: number, velocity: number, seed: number): Float32Array {
  const len = Math.round(0.35 * sr);
  const amp = velocity / 127;
  const rnd = mulberry32(seed);
  const noise = new Float32Array(len);
  for (let i = 0; i < len; i++) noise[i] = rnd() * 2 - 1;
  biquad(noise, 'bandpass', 3000, 0.7, sr);
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) {
    const t = i / sr;
    const head =
      0.6 * Math.sin(TWO_PI * 185 * t) * Math.exp(-t / 0.08) +
      0.35 * Math.sin(TWO_PI * 330 * t) * Math.exp(-t / 0.05);
    out[i] = amp * (head + 1.4 * noise[i]! * Math.exp(-t / 0.09));
  }
  return out;
}

/** A side stick: a short wooden mode and a tick of noise. */
export function sideStick(sr: number, velocity: number, seed: number): Float32Array {
  const len = Math.round(0.08 * sr);
  const rnd = mulberry32(seed);
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) {
    const t = i / sr;
    out[i] =
      (velocity / 127) *
      (0.6 * Math.sin(TWO_PI * 1650 * t) * Math.exp(-t / 0.012) +
        0.3 * (rnd() * 2 - 1) * Math.exp(-t / 0.004));
  }
  return out;
}

/** The six square oscillators of the metal voices (Hz), at inharmonic ratios. */
export const METAL_HZ = [205.3, 304.4, 369.6, 522.7, 540, 800] as const;

/**
 * A metal voice: the six squares summed, through two high-pass biquads at `hpHz` (a steep
 * 24 dB/octave), decaying with time constant `decaySec`; noise mixed in for the crash.
 */
export function metal(
  sr: number,
  velocity: number,
  {
    hpHz,
    decaySec,
    lenSec,
    noise = 0,
    seed = 1,
  }: { hpHz: number; decaySec: number; lenSec: number; noise?: number; seed?: number },
): Float32Array {
  const len = Math.round(lenSec * sr);
  const x = new Float32Array(len);
  const rnd = mulberry32(seed);
  for (let i = 0; i < len; i++) {
    let s = 0;
    for (const hz of METAL_HZ) s += ((hz * i) / sr) % 1 < 0.5 ? 1 : -1;
    x[i] = s / 6 + noise * (rnd() * 2 - 1);
  }
  biquad(x, 'highpass', hpHz, Math.SQRT1_2, sr);
  biquad(x, 'highpass', hpHz, Math.SQRT1_2, sr);
  const amp = velocity / 127;
  for (let i = 0; i < len; i++) x[i]! *= amp * Math.exp(-i / sr / decaySec) * Math.min(1, i / (0.0005 * sr));
  return x;
}

export const closedHat = (sr: number, velocity: number) =>
  metal(sr, velocity, { hpHz: 7000, decaySec: 0.035, lenSec: 0.2 });

// ---------------------------------------------------------------- the reverb

const COMBS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617] as const;
const ALLPASSES = [556, 441, 341, 225] as const;
const ROOM_FEEDBACK: Record<BrRoom, number> = { booth: 0.7, room: 0.8, hall: 0.88 };

/**
 * A small Freeverb-style stereo reverb of a mono send: per channel eight parallel combs with a
 * lowpass in their feedback, then four series allpasses; the right channel's delays 23 samples longer.
 * Returns the wet signal only.
 */
export function reverb(
  input: Float32Array,
  room: BrRoom,
  sr: number,
): { left: Float32Array; right: Float32Array } {
  const scale = sr / 44100;
  const feedback = ROOM_FEEDBACK[room];
  const damp = 0.3;
  const channel = (spread: number) => {
    const out = new Float32Array(input.length);
    for (const d of COMBS) {
      const n = Math.round((d + spread) * scale);
      const buf = new Float32Array(n);
      let at = 0;
      let store = 0;
      for (let i = 0; i < input.length; i++) {
        const y = buf[at]!;
        store = y * (1 - damp) + store * damp;
        buf[at] = input[i]! + store * feedback;
        at = at + 1 === n ? 0 : at + 1;
        out[i]! += y;
      }
    }
    for (const d of ALLPASSES) {
      const n = Math.round((d + spread) * scale);
      const buf = new Float32Array(n);
      let at = 0;
      for (let i = 0; i < out.length; i++) {
        const b = buf[at]!;
        const x = out[i]!;
        out[i] = b - x;
        buf[at] = x + b * 0.5;
        at = at + 1 === n ? 0 : at + 1;
      }
    }
    for (let i = 0; i < out.length; i++) out[i]! *= 0.03;
    return out;
  };
  return { left: channel(0), right: channel(23) };
}

// ---------------------------------------------------------------- the mix

/** Constant-power pan gains for a position in [-1, 1]. */
export function panGains(pos: number): [number, number] {
  const a = ((Math.max(-1, Math.min(1, pos)) + 1) * Math.PI) / 4;
  return [Math.cos(a), Math.sin(a)];
}

const addInto = (dst: Float32Array, src: Float32Array, at: number, gain: number) => {
  for (let i = 0; i < src.length && at + i < dst.length; i++) if (at + i >= 0) dst[at + i]! += src[i]! * gain;
};

/** Per-part damping of the strings: a dull bass, a ringing lead. */
const DAMPING = { bass: 0.55, comp: 0.3, lead: 0.12 } as const;

/**
 * The item's synthesized stereo PCM at 44.1 kHz: the clip's 30 s and half a second more, the peak
 * brought to 0.9. Each voice renders into its own buffer (bass, comp, lead, kick, snare, cymbals),
 * panned by the item's spread; everything but the bass and kick feeds the reverb; a DC blocker on the sum.
 */
export function renderBandroomPcm(
  item: BandroomItem,
  score: BrScore = composeBandroom(item),
): { left: Float32Array; right: Float32Array; sampleRate: number } {
  const sr = BANDROOM_SAMPLE_RATE;
  const total = Math.ceil((BANDROOM_CLIP_SEC + 0.5) * sr);
  const style = styleOf(item.style);
  const secPerQ = 60 / score.qpm;
  const bufs = {
    bass: new Float32Array(total),
    comp: new Float32Array(total),
    lead: new Float32Array(total),
    kick: new Float32Array(total),
    snare: new Float32Array(total),
    cym: new Float32Array(total),
  };
  let seed = item.seed;
  const play = (
    inst: BrInstrument,
    part: 'bass' | 'comp' | 'lead',
    pitch: number,
    gate: number,
    vel: number,
    t0: number,
  ) => {
    if (inst === 'organ')
      return organTone(midiHz(pitch), gate, {
        sr,
        drawbars: item.drawbars,
        velocity: vel,
        t0,
        rotor: 0.6,
        click: 0.6,
        seed: ++seed,
      });
    return pluck(midiHz(pitch), gate, {
      sr,
      pick: inst === 'bass' ? Math.min(0.45, item.pick + 0.1) : item.pick,
      damping: inst === 'bass' ? DAMPING.bass : DAMPING[part],
      velocity: vel,
      seed: ++seed,
      release: inst === 'bass' ? 0.04 : 0.08,
    });
  };
  const gains = { bass: 0.9, comp: 0.45, lead: 0.6 };
  for (const nt of score.notes) {
    const t0 = nt.start * secPerQ + nt.jitterSec;
    const at = Math.round(Math.max(0, t0) * sr);
    if (at >= total) continue;
    if (nt.part === 'drums') {
      if (nt.pitch === KICK) addInto(bufs.kick, kick(sr, nt.velocity, ++seed), at, 1);
      else if (nt.pitch === SNARE) addInto(bufs.snare, snare(sr, nt.velocity, ++seed), at, 0.7);
      else if (nt.pitch === STICK) addInto(bufs.snare, sideStick(sr, nt.velocity, ++seed), at, 0.6);
      else if (nt.pitch === HAT) addInto(bufs.cym, closedHat(sr, nt.velocity), at, 0.35);
      else if (nt.pitch === OPEN_HAT)
        addInto(bufs.cym, metal(sr, nt.velocity, { hpHz: 7000, decaySec: 0.25, lenSec: 0.8 }), at, 0.3);
      else if (nt.pitch === RIDE)
        addInto(bufs.cym, metal(sr, nt.velocity, { hpHz: 5000, decaySec: 0.4, lenSec: 1 }), at, 0.25);
      else if (nt.pitch === CRASH)
        addInto(
          bufs.cym,
          metal(sr, nt.velocity, { hpHz: 4000, decaySec: 0.9, lenSec: 2, noise: 0.6, seed: ++seed }),
          at,
          0.3,
        );
      continue;
    }
    const inst = style.inst[nt.part]!;
    const tone = play(inst, nt.part, nt.pitch, nt.duration * secPerQ, nt.velocity, t0);
    addInto(bufs[nt.part], tone, at, gains[nt.part] * (inst === 'organ' ? 1.2 : 1));
  }
  const spread = item.spread;
  const pans = {
    bass: 0,
    comp: -0.7 * spread,
    lead: 0.6 * spread,
    kick: 0,
    snare: 0.1 * spread,
    cym: 0.5 * spread,
  };
  const sends = { bass: 0.05, comp: 0.3, lead: 0.35, kick: 0.03, snare: 0.3, cym: 0.15 };
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  const send = new Float32Array(total);
  for (const part of ['bass', 'comp', 'lead', 'kick', 'snare', 'cym'] as const) {
    const [gl, gr] = panGains(pans[part]);
    const b = bufs[part];
    const s = sends[part];
    for (let i = 0; i < total; i++) {
      left[i]! += b[i]! * gl;
      right[i]! += b[i]! * gr;
      send[i]! += b[i]! * s;
    }
  }
  const wet = reverb(send, item.room, sr);
  let peak = 0;
  for (const [ch, w] of [
    [left, wet.left],
    [right, wet.right],
  ] as const) {
    let x1 = 0;
    let y1 = 0;
    for (let i = 0; i < total; i++) {
      const x = ch[i]! + w[i]!;
      y1 = x - x1 + 0.9995 * y1;
      x1 = x;
      ch[i] = y1;
      peak = Math.max(peak, Math.abs(y1));
    }
  }
  const gain = peak > 0 ? 0.9 / peak : 1;
  for (const ch of [left, right]) for (let i = 0; i < total; i++) ch[i]! *= gain;
  return { left, right, sampleRate: sr };
}

/** The item's 30 s MP3 (rendered once into `dir`, the cache by default, then read from there). */
export function renderBandroomItem(
  item: BandroomItem,
  { dir = BANDROOM_CACHE_DIR }: { dir?: string } = {},
): Promise<ClipRender> {
  // composed once for the SMF kept beside the clip and the synth, and only on a cache miss
  let score: BrScore | undefined;
  const scoreOf = () => {
    score ??= composeBandroom(item);
    return score;
  };
  return cachedClipMp3(item, {
    dir,
    clipSec: BANDROOM_CLIP_SEC,
    master: { peakDb: item.peakDb, maxGainDb: 30, limit: 0.95 },
    midi: () => bandroomMidi(item, scoreOf()),
    requireTools: requireBandroomTools,
    writeWav: async (wav) => {
      const { left, right, sampleRate } = renderBandroomPcm(item, scoreOf());
      writeFileSync(wav, encodeWav([left, right], sampleRate));
    },
  });
}

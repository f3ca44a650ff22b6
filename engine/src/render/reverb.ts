// A small Freeverb-style stereo reverb (4 damped combs + 2 allpasses per channel), cheap enough to
// run once per stem bus so that every stem carries its own reverb and the stems still sum to the mix.
// It runs once per stem (≈5 × 2.6 M samples for 60 s), so it is kept lean: half-rate tail, one
// tight loop per comb/allpass over the whole signal.

const COMB_SEC = [0.0297, 0.0371, 0.0411, 0.0437] as const;
const ALLPASS_SEC = [0.005, 0.0017] as const;
const STEREO_SPREAD_SEC = 0.00052;

export interface ReverbSettings {
  decaySec: number; // RT60
  damping: number; // 0..1, more = darker tail
  preDelayMs: number;
}

/** Adds `send` × reverb of (left+right)/2 into outL/outR (caller-owned, distinct from the inputs). */
function runComb(
  x: Float32Array,
  out: Float32Array,
  delayFrames: number,
  feedback: number,
  damp: number,
): void {
  // out += comb(x): one tight loop per comb (the combs run in parallel, so order does not matter).
  const buf = new Float32Array(Math.max(1, delayFrames));
  const keep = 1 - damp;
  let idx = 0;
  let store = 0;
  for (let i = 0; i < x.length; i++) {
    const y = buf[idx]!;
    store = y * keep + store * damp;
    buf[idx] = x[i]! + store * feedback;
    if (++idx >= buf.length) idx = 0;
    out[i] = out[i]! + y;
  }
}

function runAllpass(signal: Float32Array, delayFrames: number): void {
  const buf = new Float32Array(Math.max(1, delayFrames));
  let idx = 0;
  for (let i = 0; i < signal.length; i++) {
    const b = buf[idx]!;
    const x = signal[i]!;
    buf[idx] = x + b * 0.5;
    if (++idx >= buf.length) idx = 0;
    signal[i] = b - x;
  }
}

/** Adds `send` × reverb of (left+right)/2 into outL/outR (caller-owned, distinct from the inputs). */
export function addReverb(
  inL: Float32Array,
  inR: Float32Array,
  outL: Float32Array,
  outR: Float32Array,
  sampleRate: number,
  send: number,
  s: ReverbSettings,
): void {
  // The tail runs at half the sample rate (its damped spectrum has little above 10 kHz): half the
  // cost. Input pairs are averaged (decimation with a mild low-pass), output is linearly interpolated.
  const rate = sampleRate / 2;
  const half = Math.floor(inL.length / 2);
  const x = new Float32Array(half);
  // Mono, decimated, high-passed (≈200 Hz keeps low end out of the tail), pre-delayed, scaled.
  const inGain = 0.12 * send;
  const hpCoef = Math.exp((-2 * Math.PI * 200) / rate);
  const pre = Math.max(1, Math.round((s.preDelayMs / 1000) * rate));
  let hpPrevIn = 0;
  let hpPrevOut = 0;
  for (let j = 0; j < half; j++) {
    const i = 2 * j;
    const monoIn = (inL[i]! + inR[i]! + inL[i + 1]! + inR[i + 1]!) * 0.25;
    const hp = hpCoef * (hpPrevOut + monoIn - hpPrevIn);
    hpPrevIn = monoIn;
    hpPrevOut = hp;
    if (j + pre < half) x[j + pre] = hp * inGain;
  }
  const wetL = new Float32Array(half);
  const wetR = new Float32Array(half);
  for (const sec of COMB_SEC) {
    const lenL = Math.round(sec * rate);
    const lenR = Math.round((sec + STEREO_SPREAD_SEC) * rate);
    runComb(x, wetL, lenL, Math.min(0.97, 10 ** ((-3 * (lenL / rate)) / s.decaySec)), s.damping);
    runComb(x, wetR, lenR, Math.min(0.97, 10 ** ((-3 * (lenR / rate)) / s.decaySec)), s.damping);
  }
  for (const sec of ALLPASS_SEC) {
    runAllpass(wetL, Math.round(sec * rate));
    runAllpass(wetR, Math.round((sec + STEREO_SPREAD_SEC) * rate));
  }
  let prevL = 0;
  let prevR = 0;
  for (let j = 0; j < half; j++) {
    const i = 2 * j;
    const l = wetL[j]!;
    const r = wetR[j]!;
    outL[i] = outL[i]! + (prevL + l) * 0.5;
    outR[i] = outR[i]! + (prevR + r) * 0.5;
    outL[i + 1] = outL[i + 1]! + l;
    outR[i + 1] = outR[i + 1]! + r;
    prevL = l;
    prevR = r;
  }
}

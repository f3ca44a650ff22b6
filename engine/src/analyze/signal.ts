// Preparation of the analysis signal: one mono channel at about 11 kHz. Tempo and key live
// well below 5 kHz, and a quarter of the samples makes every later stage four times cheaper.

export const ANALYSIS_RATE_HZ = 11_025;

/** Integer decimation factor that brings sampleRate closest to ANALYSIS_RATE_HZ. */
export function decimationFactor(sampleRate: number): number {
  return Math.max(1, Math.round(sampleRate / ANALYSIS_RATE_HZ));
}

/** Number of output frames `downmixDecimate` produces. */
export function decimatedLength(frames: number, factor: number): number {
  return Math.floor(frames / factor);
}

/**
 * Mono downmix and decimation by `factor` in one pass, computing only the kept samples.
 * Anti-aliasing: a boxcar of `factor` inputs (nulls on every multiple of the new rate, where
 * aliases would land on 0 Hz; one addition per input sample) followed by a 2-tap average at
 * the new rate (a null at its Nyquist). The gentle roll-off above ~2.5 kHz (at 11 kHz) does
 * not matter to onset flux or to a chroma that stops at 2 kHz. Writes into `out` (caller-owned).
 */
export function downmixDecimate(channels: Float32Array[], factor: number, out: Float32Array): Float32Array {
  const frames = channels[0]!.length;
  const n = decimatedLength(frames, factor);
  out.fill(0, 0, n);
  for (const ch of channels) {
    let i = 0;
    for (let o = 0; o < n; o++) {
      let acc = 0;
      const end = i + factor;
      for (; i < end; i++) acc += ch[i]!;
      out[o] = out[o]! + acc;
    }
  }
  const norm = 1 / (2 * factor * channels.length);
  let prev = 0;
  for (let o = 0; o < n; o++) {
    const cur = out[o]!;
    out[o] = (cur + prev) * norm;
    prev = cur;
  }
  return out.subarray(0, n);
}

/** Root mean square of a signal. */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** Periodic Hann window of `size` points. */
export function hannWindow(size: number): Float64Array {
  const w = new Float64Array(size);
  for (let i = 0; i < size; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  return w;
}

// Short-time magnitude spectra with fft.js. Magnitudes of frame f are written to
// out[f * bins .. f * bins + bins - 1] with bins = fftSize / 2 + 1 (caller-owned storage).
import FFT from 'fft.js';
import { hannWindow } from './signal.ts';

export function frameCount(samples: number, fftSize: number, hopSize: number): number {
  return samples < fftSize ? 1 : 1 + Math.floor((samples - fftSize) / hopSize);
}

/** Hann-windowed magnitude spectrogram; frames start at 0 (no centring, no padding except at the end). */
export function magnitudeSpectrogram(
  samples: Float32Array,
  fftSize: number,
  hopSize: number,
  out: Float32Array,
): { frames: number; bins: number } {
  const fft = new FFT(fftSize);
  const window = hannWindow(fftSize);
  const input = new Float64Array(fftSize);
  const spectrum = new Float64Array(2 * fftSize);
  const bins = fftSize / 2 + 1;
  const frames = frameCount(samples.length, fftSize, hopSize);
  for (let f = 0; f < frames; f++) {
    const start = f * hopSize;
    const avail = Math.min(fftSize, samples.length - start);
    for (let i = 0; i < avail; i++) input[i] = samples[start + i]! * window[i]!;
    for (let i = avail; i < fftSize; i++) input[i] = 0;
    fft.realTransform(spectrum, input);
    const base = f * bins;
    for (let k = 0; k < bins; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      out[base + k] = Math.sqrt(re * re + im * im);
    }
  }
  return { frames, bins };
}

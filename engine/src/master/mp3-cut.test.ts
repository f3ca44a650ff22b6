// The compressed-domain preview cut, checked by decoding with an independent decoder (ffmpeg):
// the cut is the full MP3's audio at the same time, fades follow the requested shape, the stream
// decodes without errors and lasts as long as asked.
import { beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../dsp/test-support.ts';
import { ffmpegDecodeMp3 } from '../testing/reference-tools.ts';
import { encodeMp3 } from './mp3.ts';
import { cutMp3 } from './mp3-cut.ts';
import { mp3Frames } from './mp3-frames.ts';

const RATE = 44100;

function rms(x: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / Math.max(1, to - from));
}

describe('cutMp3', () => {
  let full: Uint8Array;
  let fullDecoded: Float32Array;
  beforeAll(async () => {
    requireTool('ffmpeg', 'ffmpeg');
    // 40 s of a steady chord with a slow tremolo: level changes in the cut come from the fades.
    const n = 40 * RATE;
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / RATE;
      const s = 0.2 * Math.sin(2 * Math.PI * 220 * t) + 0.15 * Math.sin(2 * Math.PI * 277.2 * t);
      l[i] = s * (0.8 + 0.2 * Math.sin(2 * Math.PI * 0.25 * t));
      r[i] = 0.9 * l[i]! + 0.05 * Math.sin(2 * Math.PI * 330 * t);
    }
    full = await encodeMp3(l, r, RATE);
    fullDecoded = ffmpegDecodeMp3(full).samples;
  }, 60_000);

  it('parses every frame of our encoder output', () => {
    const { frames, sampleRate } = mp3Frames(full);
    expect(sampleRate).toBe(RATE);
    const last = frames.at(-1)!;
    expect(last.offset + last.length).toBe(full.length);
    expect(frames.length).toBeGreaterThan((40 * RATE) / 1152);
  });

  it('is the full track at the same time, with the requested fades, decoding cleanly', () => {
    const startSec = 6;
    const cut = cutMp3(full, { startSec, durationSec: 30, fadeInSec: 0.5, fadeOutSec: 2 });
    const { samples, stderr } = ffmpegDecodeMp3(cut);
    expect(stderr).toBe('');
    // Two priming frames precede the cut: about 30 s plus 2 × 26 ms.
    expect(samples.length / RATE).toBeGreaterThan(30);
    expect(samples.length / RATE).toBeLessThan(30.2);
    // Find the offset of the cut within the full decode by correlation (±2 frames).
    const probe = samples.subarray(5 * RATE, 6 * RATE);
    let best = { lag: 0, err: Number.POSITIVE_INFINITY };
    const guess = Math.round((startSec - 5) * RATE) + 10 * RATE;
    for (let lag = guess - 3000; lag <= guess + 3000; lag++) {
      let e = 0;
      for (let i = 0; i < probe.length; i += 7) e += (probe[i]! - fullDecoded[lag + i]!) ** 2;
      if (e < best.err) best = { lag, err: e };
    }
    // Between the fades the cut is the full track's audio, sample for sample (same frames).
    const offset = best.lag - 5 * RATE;
    const inner = 20 * RATE;
    let diff = 0;
    for (let i = 2 * RATE; i < inner; i++) diff += (samples[i]! - fullDecoded[offset + i]!) ** 2;
    const residualDb =
      10 * Math.log10(diff / (inner - 2 * RATE)) - 20 * Math.log10(rms(samples, 2 * RATE, inner));
    expect(residualDb).toBeLessThan(-80);
    expect(Math.abs(offset / RATE - startSec)).toBeLessThan(0.03);
    // Fade-in: silent at first, ≈ half level in the middle of the 0.5 s ramp, full after it.
    const level = (fromSec: number, toSec: number): number =>
      rms(samples, Math.round(fromSec * RATE), Math.round(toSec * RATE)) /
      rms(fullDecoded, offset + Math.round(fromSec * RATE), offset + Math.round(toSec * RATE));
    expect(rms(samples, 0, Math.round(0.05 * RATE))).toBeLessThan(0.01);
    expect(level(0.2, 0.3)).toBeGreaterThan(0.35);
    expect(level(0.2, 0.3)).toBeLessThan(0.65);
    expect(level(0.6, 1.5)).toBeGreaterThan(0.97);
    // Fade-out over the last 2 s: ≈ half level 1 s before the end, silent at the end.
    const endSec = samples.length / RATE;
    expect(level(endSec - 1.05, endSec - 0.95)).toBeGreaterThan(0.35);
    expect(level(endSec - 1.05, endSec - 0.95)).toBeLessThan(0.65);
    expect(rms(samples, samples.length - Math.round(0.05 * RATE), samples.length)).toBeLessThan(0.005);
  });

  it('starts a cut at 0 without a fade-in and refuses a cut past the end', () => {
    const cut = cutMp3(full, { startSec: 0, durationSec: 10, fadeInSec: 0.5, fadeOutSec: 2 });
    const { samples } = ffmpegDecodeMp3(cut);
    expect(rms(samples, Math.round(0.1 * RATE), Math.round(0.3 * RATE))).toBeGreaterThan(0.1);
    expect(() => cutMp3(full, { startSec: 60, durationSec: 10, fadeInSec: 0.5, fadeOutSec: 2 })).toThrow(
      /after the end/,
    );
  });
});

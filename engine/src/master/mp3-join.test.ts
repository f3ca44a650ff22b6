// Two encodes joined at a frame boundary: the joined stream must decode cleanly with two independent
// decoders (ffmpeg, and the mpg123-based decoder of the analyser), last as long as a single encode,
// and be as faithful to the input at the seam as anywhere else (no click, no gap).
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '../analyze/decode.ts';
import { requireTool } from '../dsp/test-support.ts';
import { ffmpegDecodeMp3 } from '../testing/reference-tools.ts';
import { encodeMp3 } from './mp3.ts';
import { mp3Frames, SAMPLES_PER_FRAME } from './mp3-frames.ts';
import { joinMp3, type Mp3Split, planMp3Split } from './mp3-join.ts';

const RATE = 44100;
/** Decoded sample n of our encoder's stream is input sample n − 1105 (encoder + decoder delay). */
const DELAY = 1105;

/** RMS error of decoded vs input over [from, to) input samples, and the largest single error there. */
function errorOver(decoded: Float32Array, input: Float32Array, from: number, to: number) {
  let sum = 0;
  let max = 0;
  for (let i = from; i < to; i++) {
    const e = decoded[i + DELAY]! - input[i]!;
    sum += e * e;
    max = Math.max(max, Math.abs(e));
  }
  return { rms: Math.sqrt(sum / (to - from)), max };
}

describe('joinMp3', () => {
  const seconds = 40;
  const n = seconds * RATE;
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let split: Mp3Split;
  let joined: Uint8Array;
  let single: Uint8Array;

  beforeAll(async () => {
    requireTool('ffmpeg', 'ffmpeg');
    // Music-like material: chords, a decaying pluck every 0.25 s (attacks make LAME switch to short
    // blocks) and noise; the seam falls among them.
    let seed = 7;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const t = i / RATE;
      const pluck = Math.exp(-((t * 4) % 1) * 12) * Math.sin(2 * Math.PI * 660 * t);
      const chord = 0.15 * Math.sin(2 * Math.PI * 220 * t) + 0.1 * Math.sin(2 * Math.PI * 329.6 * t);
      left[i] = chord + 0.25 * pluck + 0.02 * (seed / 2 ** 32 - 0.5);
      right[i] = 0.8 * chord + 0.2 * pluck + 0.02 * ((seed >>> 7) / 2 ** 25 - 0.5);
    }
    split = planMp3Split(n)!;
    const a = await encodeMp3(left.subarray(0, split.aEndSample), right.subarray(0, split.aEndSample), RATE);
    const b = await encodeMp3(left.subarray(split.bStartSample), right.subarray(split.bStartSample), RATE);
    joined = joinMp3(a, b, split)!;
    single = await encodeMp3(left, right, RATE);
  }, 60_000);

  it('splits long tracks about evenly and leaves short ones whole', () => {
    expect(planMp3Split(10 * RATE)).toBeUndefined();
    expect(split.bStartSample % SAMPLES_PER_FRAME).toBe(0);
    expect(Math.abs(split.aEndSample - (n - split.bStartSample)) / n).toBeLessThan(0.05);
    expect(joined).toBeDefined();
  });

  it('is one valid stream as long as a single encode', () => {
    expect(mp3Frames(joined).frames.length).toBe(mp3Frames(single).frames.length);
    const { samples: decoded, stderr } = ffmpegDecodeMp3(joined, { leftOnly: true });
    expect(stderr).toBe('');
    expect(
      Math.abs(decoded.length - ffmpegDecodeMp3(single, { leftOnly: true }).samples.length),
    ).toBeLessThanOrEqual(SAMPLES_PER_FRAME);
  });

  it('is as faithful at the seam as elsewhere, by two decoders', async () => {
    const seamFrame = (() => {
      // The seam: the first frame whose bytes differ from the first encode's.
      const fj = mp3Frames(joined).frames;
      const fs = mp3Frames(single).frames;
      for (let f = split.firstCandidate; f < fj.length; f++)
        if (
          Buffer.compare(
            joined.subarray(fj[f]!.offset, fj[f]!.offset + 4 + 32),
            single.subarray(fs[f]!.offset, fs[f]!.offset + 36),
          ) !== 0
        )
          return f;
      return -1;
    })();
    expect(seamFrame).toBeGreaterThan(0);
    const seamSample = seamFrame * SAMPLES_PER_FRAME - 576;
    const viaFfmpeg = ffmpegDecodeMp3(joined, { leftOnly: true }).samples;
    const viaMpg123 = (
      await decodeAudio(joined, { maxDurationSec: 60, deadlineMs: performance.now() + 30_000 })
    ).channels[0]!;
    for (const decoded of [viaFfmpeg, viaMpg123]) {
      const around = errorOver(
        decoded,
        left,
        seamSample - 2 * SAMPLES_PER_FRAME,
        seamSample + 2 * SAMPLES_PER_FRAME,
      );
      const elsewhere = errorOver(decoded, left, 5 * RATE, 15 * RATE);
      const signal = errorOver(new Float32Array(decoded.length), left, 5 * RATE, 15 * RATE).rms;
      // Coding noise stays ~−30 dB under the signal; the seam is no worse than 2× the usual.
      expect(elsewhere.rms / signal).toBeLessThan(0.05);
      expect(around.rms).toBeLessThan(2 * elsewhere.rms + 1e-4);
      expect(around.max).toBeLessThan(4 * elsewhere.max + 1e-3);
    }
  });
});

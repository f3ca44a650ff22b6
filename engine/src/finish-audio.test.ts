import { describe, expect, it } from 'vitest';
import { decodeAudio } from './analyze/decode.ts';
import { measureLoudness } from './dsp/loudness.ts';
import { finishExternalAudio } from './finish-audio.ts';
import { encodeWav16 } from './master/wav.ts';

// A hosted model's file becomes our deliverables: a quiet 32 kHz mono WAV (MusicGen's
// rate) comes out at our loudness, as WAV + MP3 + preview, with its measured duration.

function tone(sec: number, rate: number, amp: number): Float32Array {
  const x = new Float32Array(Math.round(sec * rate));
  for (let i = 0; i < x.length; i++)
    x[i] = amp * (Math.sin((2 * Math.PI * 220 * i) / rate) + 0.5 * Math.sin((2 * Math.PI * 331 * i) / rate));
  return x;
}

describe('finishExternalAudio', () => {
  it('masters a quiet mono 32 kHz WAV to −14 LUFS and encodes our formats', async () => {
    const src = encodeWav16([tone(40, 32_000, 0.05)], 32_000, 1);
    const out = await finishExternalAudio(src, { maxDurationSec: 300 });
    expect(out.durationSec).toBeCloseTo(40, 2);
    expect(out.sampleRate).toBe(32_000);
    expect(Math.abs(out.integratedLufs - -14)).toBeLessThan(0.5);
    expect(out.truePeakDbtp).toBeLessThanOrEqual(-1);
    const wav = await decodeAudio(out.wav, { maxDurationSec: 300, deadlineMs: performance.now() + 30_000 });
    expect(wav.channels).toHaveLength(2);
    expect(Math.abs(measureLoudness(wav.channels, wav.sampleRate).integratedLufs - -14)).toBeLessThan(0.5);
    const mp3 = await decodeAudio(out.mp3, { maxDurationSec: 300, deadlineMs: performance.now() + 30_000 });
    expect(mp3.sampleRate).toBe(44_100);
    expect(mp3.channels[0]!.length / 44_100).toBeCloseTo(40, 0);
    const preview = await decodeAudio(out.previewMp3, {
      maxDurationSec: 300,
      deadlineMs: performance.now() + 30_000,
    });
    expect(preview.channels[0]!.length / 44_100).toBeGreaterThan(29);
    expect(preview.channels[0]!.length / 44_100).toBeLessThan(31.5);
  });

  it('refuses bytes that are not audio, and silence', async () => {
    await expect(
      finishExternalAudio(new TextEncoder().encode('<html>not audio</html>'), { maxDurationSec: 60 }),
    ).rejects.toMatchObject({ name: 'AudioAnalysisError', code: 'UNSUPPORTED_FORMAT' });
    const silent = encodeWav16([new Float32Array(32_000 * 3)], 32_000, 1);
    await expect(finishExternalAudio(silent, { maxDurationSec: 60 })).rejects.toMatchObject({
      code: 'CORRUPT',
    });
  });
});

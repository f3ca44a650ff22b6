// The worker runner: same bytes as in-thread generation, progress forwarded, cancellation, errors.
import { afterAll, describe, expect, it } from 'vitest';
import { composePlan } from '../compose/compose-plan.ts';
import { generateTrack } from '../generate.ts';
import { helperStems, laneSplit } from '../mixdown.ts';
import { ffmpegDecodeMp3 } from '../testing/reference-tools.ts';
import {
  EngineCancelledError,
  EngineParamError,
  type GenerateParams,
  type GenerateProgress,
} from '../types.ts';
import { createEngineWorker } from './engine-worker.ts';

/** Seconds of audio ffmpeg decodes from an MP3, and what it reported as errors. */
function ffmpegDecodedSec(mp3: Uint8Array): { seconds: number; stderr: string } {
  const { samples, stderr } = ffmpegDecodeMp3(mp3);
  return { seconds: samples.length / 44100, stderr };
}

const worker = createEngineWorker();
afterAll(() => worker.close());

const params: GenerateParams = { prompt: 'house groove', durationSec: 35, seed: 7, genre: 'house' };

describe('createEngineWorker', () => {
  it('renders in the worker thread with forwarded progress and the same bytes as in-thread', async () => {
    await worker.warm();
    const progress: GenerateProgress[] = [];
    const viaWorker = await worker.generate(params, { onProgress: (p) => progress.push(p) });
    const inThread = await generateTrack(params);
    for (const key of ['wav', 'mp3', 'previewMp3', 'stemsZip', 'midi'] as const) {
      expect(Buffer.compare(Buffer.from(viaWorker[key]), Buffer.from(inThread[key])), key).toBe(0);
    }
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!.fraction).toBe(1);
    // The MP3 was encoded in two halves on two threads and joined (mp3-join.ts); the preview was cut
    // from it: both decode cleanly (ffmpeg) and last what they should.
    const full = ffmpegDecodedSec(viaWorker.mp3);
    expect(full.stderr).toBe('');
    expect(Math.abs(full.seconds - 35)).toBeLessThan(0.1);
    const preview = ffmpegDecodedSec(viaWorker.previewMp3);
    expect(preview.stderr).toBe('');
    expect(Math.abs(preview.seconds - 30)).toBeLessThan(0.2);
  }, 120_000);

  it('cancels a running job and keeps serving the next one', async () => {
    const controller = new AbortController();
    const running = worker.generate(
      { ...params, durationSec: 200 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'render') controller.abort();
        },
      },
    );
    const queued = worker.generate({ ...params, durationSec: 15 });
    await expect(running).rejects.toBeInstanceOf(EngineCancelledError);
    const next = await queued;
    expect(next.stats.durationSec).toBe(15);
  }, 120_000);

  it('gives the same bytes without the helper thread (parallel: false), whichever stems the helper renders and with the harmony split', async () => {
    const single = createEngineWorker({ parallel: false });
    try {
      const short = { ...params, durationSec: 15 };
      // The helper renders the lead and harmony for the house track (mixdown.ts helperStems; the
      // job thread's lane then may wait for a stem the helper sums first), harmony alone for this one.
      const classical: GenerateParams = {
        prompt: 'string piece',
        durationSec: 15,
        seed: 7,
        genre: 'classical',
      };
      expect(helperStems(composePlan(short))).toEqual(['melody', 'harmony']);
      expect(helperStems(composePlan(classical))).toEqual(['harmony']);
      // Both split the harmony's notes: the job's thread renders a share of them for the helper.
      for (const p of [short, classical]) {
        const fraction = laneSplit(composePlan(p)).splitFraction;
        expect(fraction, p.genre).toBeGreaterThan(0);
        expect(fraction, p.genre).toBeLessThan(1);
      }
      for (const p of [short, classical]) {
        const [x, y] = [await single.generate(p), await worker.generate(p)];
        expect(Buffer.compare(Buffer.from(x.wav), Buffer.from(y.wav)), p.genre).toBe(0);
        expect(Buffer.compare(Buffer.from(x.stemsZip), Buffer.from(y.stemsZip)), p.genre).toBe(0);
      }
    } finally {
      await single.close();
    }
  }, 120_000);

  it('rejects bad params with EngineParamError before touching the thread', async () => {
    await expect(worker.generate({ ...params, bpm: 500 })).rejects.toBeInstanceOf(EngineParamError);
  });
});

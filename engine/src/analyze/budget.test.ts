import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav, sine } from '../dsp/test-support.ts';
import { checkHeaderBudget, decodeAudio } from './decode.ts';
import { AudioAnalysisError, createAnalyzerWorker } from './index.ts';
import { containerFacts, sniffFormat } from './sniff.ts';

// Issue 13 #2: decoding budgets decided from the container headers before decoding,
// and enforced while decoding when the headers do not say (or lie).

let dir: string;
const ff = (args: string[], out: string) => {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args, join(dir, out)]);
  return new Uint8Array(readFileSync(join(dir, out)));
};
const limits = (over: object = {}) => ({
  maxDurationSec: 900,
  deadlineMs: performance.now() + 60_000,
  ...over,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AudioAnalysisError) return err.code;
    throw err;
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-budget-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('container facts', () => {
  it('FLAC STREAMINFO, Vorbis and Opus identification headers, MP3 frame', () => {
    const tone = ['-f', 'lavfi', '-i', 'sine=f=440:r=48000', '-t', '3'];
    const cases = [
      { file: ff([...tone, '-ac', '2', '-c:a', 'flac'], 'a.flac'), channels: 2, rate: 48_000 },
      { file: ff([...tone, '-ac', '1', '-c:a', 'libvorbis'], 'a.ogg'), channels: 1, rate: 48_000 },
      { file: ff([...tone, '-ac', '2', '-c:a', 'libopus'], 'a.opus'), channels: 2, rate: 48_000 },
    ];
    for (const c of cases) {
      const s = sniffFormat(c.file);
      expect(s.ok).toBe(true);
      const facts = containerFacts((s as { format: 'flac' }).format, c.file);
      expect(facts.channels).toBe(c.channels);
      expect(facts.decodedSampleRate).toBe(c.rate);
      expect(facts.durationSec).toBeCloseTo(3, 1);
    }
  });

  it('the header budget: channels, rate and the decoded size its duration implies', () => {
    const ok = { channels: 2, decodedSampleRate: 48_000, durationSec: 900 };
    expect(() => checkHeaderBudget(ok, limits())).not.toThrow();
    const refuse = (f: typeof ok, over = {}) => {
      try {
        checkHeaderBudget(f, limits(over));
        return 'ok';
      } catch (err) {
        return (err as AudioAnalysisError).code;
      }
    };
    expect(refuse({ ...ok, channels: 9 })).toBe('OVER_BUDGET');
    expect(refuse({ ...ok, decodedSampleRate: 384_000 })).toBe('OVER_BUDGET');
    expect(refuse({ channels: 8, decodedSampleRate: 192_000, durationSec: 300 })).toBe('OVER_BUDGET');
    expect(refuse(ok, { maxDecodedBytes: 100 * 2 ** 20 })).toBe('OVER_BUDGET');
  });
});

describe('decompression bombs', () => {
  it('a 129 KB 7.1 192 kHz five-minute FLAC is refused from its header, before decoding', async () => {
    const bomb = ff(
      ['-f', 'lavfi', '-i', 'anullsrc=r=192000:cl=7.1', '-t', '300', '-c:a', 'flac'],
      'bomb.flac',
    );
    expect(bomb.length).toBeLessThan(200_000);
    const rss = process.memoryUsage().rss;
    expect(await codeOf(decodeAudio(bomb, limits()))).toBe('OVER_BUDGET');
    expect(process.memoryUsage().rss - rss).toBeLessThan(50 * 2 ** 20);
  }, 120_000); // ffmpeg writes 5 minutes of 8 × 192 kHz silence first

  it('a streamed FLAC that does not state its length stops at the decoded-bytes budget', async () => {
    // Piped FLAC: STREAMINFO's total-samples field is 0 (unknown), so only the streaming check can stop it.
    execFileSync('sh', [
      '-c',
      `ffmpeg -loglevel error -f lavfi -i anullsrc=r=96000:cl=7.1 -t 60 -c:a flac -f flac pipe: > ${join(dir, 'streamed.flac')}`,
    ]);
    const streamed = new Uint8Array(readFileSync(join(dir, 'streamed.flac')));
    const facts = containerFacts('flac', streamed);
    expect(facts.durationSec).toBeNull();
    const rss = process.memoryUsage().rss;
    expect(await codeOf(decodeAudio(streamed, limits({ maxDecodedBytes: 32 * 2 ** 20 })))).toBe(
      'OVER_BUDGET',
    );
    // 184 MB of PCM were on offer; the decode held at most the 32 MB budget (plus decoder buffers).
    expect(process.memoryUsage().rss - rss).toBeLessThan(120 * 2 ** 20);
  });

  it('a WAV header with 9 channels is refused before decoding', async () => {
    const tone = sine(440, -20, 1, 8000);
    const wav = encodeWav(
      Array.from({ length: 9 }, () => tone),
      8000,
      16,
      false,
    );
    expect(await codeOf(decodeAudio(wav, limits()))).toBe('OVER_BUDGET');
  });
});

describe('the analyser thread gives its memory back', () => {
  it('a job that decoded more than recycleAboveBytes (or failed) ends its thread', async () => {
    const worker = createAnalyzerWorker({ recycleAboveBytes: 4 * 2 ** 20 });
    try {
      const tone = sine(440, -20, 2, 44_100);
      const small = encodeWav([tone, tone], 44_100, 16, false); // ≈0.7 MB decoded
      const long = sine(440, -20, 20, 44_100);
      const big = encodeWav([long, long], 44_100, 16, false); // ≈7 MB decoded
      await worker.analyze(small).catch(() => {});
      await worker.analyze(small).catch(() => {});
      expect(worker.threadsStarted()).toBe(1);
      await worker.analyze(big).catch(() => {});
      await worker.analyze(small).catch(() => {});
      expect(worker.threadsStarted()).toBe(2);
      await worker.analyze(new Uint8Array(10)).catch(() => {});
      await worker.analyze(small).catch(() => {});
      expect(worker.threadsStarted()).toBe(3);
    } finally {
      await worker.close();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav, requireTool, sine } from '../dsp/test-support.ts';
import { AudioAnalysisError, analyzeAudio, analyzeFileCommand, createAnalyzerWorker } from './index.ts';
import { runInFreshProcess } from './test-support/fresh-process.ts';
import { clickTrack } from './test-support/signals.ts';

const FS = 44_100;

function clickWav(bpm: number, seconds: number): Uint8Array {
  const clicks = clickTrack(bpm, seconds, FS);
  const tone = sine(440, -20, seconds, FS);
  for (let i = 0; i < tone.length; i++) tone[i] = tone[i]! + clicks[i]!;
  return encodeWav([tone, tone], FS, 16, false);
}

describe('createAnalyzerWorker', () => {
  const worker = createAnalyzerWorker();
  afterAll(() => worker.close());

  it('analyses in a worker thread with the same result as in-process', async () => {
    const bytes = clickWav(128, 12);
    const [inThread, inProcess] = await Promise.all([worker.analyze(bytes), analyzeAudio(bytes)]);
    expect(inThread).toEqual(inProcess);
    expect(Math.abs(inThread.bpm - 128)).toBeLessThan(1.5);
  });

  it('runs queued requests one after another and keeps the error codes', async () => {
    const results = await Promise.allSettled([
      worker.analyze(clickWav(100, 6)),
      worker.analyze(new Uint8Array(0)),
      worker.analyze(new TextEncoder().encode('not audio at all, just text')),
      worker.analyze(clickWav(140, 6)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const codes = results.map((r) =>
      r.status === 'rejected' ? (r.reason as AudioAnalysisError).code : 'ok',
    );
    expect(codes).toEqual(['ok', 'EMPTY', 'UNSUPPORTED_FORMAT', 'ok']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(AudioAnalysisError);
  });

  it('a long MP3 (decoded on two threads inside the worker) gives the one-thread result', async () => {
    requireTool('ffmpeg', 'ffmpeg');
    const dir = mkdtempSync(join(tmpdir(), 'sf-worker-mp3-'));
    try {
      writeFileSync(join(dir, 'in.wav'), clickWav(124, 30));
      execFileSync('ffmpeg', [
        '-y',
        '-loglevel',
        'error',
        '-i',
        join(dir, 'in.wav'),
        '-b:a',
        '192k',
        join(dir, 'a.mp3'),
      ]);
      const bytes = new Uint8Array(readFileSync(join(dir, 'a.mp3')));
      const inThread = await worker.analyze(bytes);
      expect(inThread).toEqual(await analyzeAudio(bytes, { helperThread: false }));
      expect(Math.abs(inThread.bpm - 124)).toBeLessThan(1.5);
      // A budget blown while the nested helper works: TIMEOUT, and the worker goes on.
      await expect(worker.analyze(bytes, { timeoutMs: 5 })).rejects.toMatchObject({ code: 'TIMEOUT' });
      const controller = new AbortController();
      const pending = worker.analyze(bytes, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(await worker.analyze(bytes)).toEqual(inThread);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an abort rejects at once with TIMEOUT and the next request still works', async () => {
    const controller = new AbortController();
    const pending = worker.analyze(clickWav(90, 60), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
    const next = await worker.analyze(clickWav(120, 6));
    expect(next.duration_s).toBeCloseTo(6, 1);
  });
});

describe('createAnalyzerWorker: a job aborted while it waits', () => {
  /** Records the order in which jobs settle: "name ok" or "name CODE". */
  function settleLog() {
    const log: string[] = [];
    const track = (name: string, pending: Promise<unknown>) =>
      pending.then(
        () => log.push(`${name} ok`),
        (e: AudioAnalysisError) => log.push(`${name} ${e.code}`),
      );
    return { log, track };
  }

  // Every job ends its thread (recycleAboveBytes: 1) and no thread starts while idle (prewarm: false),
  // so threadsStarted() counts the jobs that ran.
  const countingRuns = () => createAnalyzerWorker({ recycleAboveBytes: 1, prewarm: false });

  it('leaves the queue at once, never runs, and the jobs behind it still run', async () => {
    const w = countingRuns();
    try {
      const { log, track } = settleLog();
      const abandoned = new AbortController();
      const running = track('running', w.analyze(clickWav(120, 60)));
      const dropped = track('dropped', w.analyze(clickWav(100, 6), { signal: abandoned.signal }));
      const behind = track('behind', w.analyze(clickWav(140, 6)));
      abandoned.abort();
      await dropped;
      // Heard while the job in front still runs, not when the dropped one would have reached the front.
      expect(log).toEqual(['dropped TIMEOUT']);
      await Promise.all([running, behind]);
      expect(log).toEqual(['dropped TIMEOUT', 'running ok', 'behind ok']);
      expect(w.threadsStarted()).toBe(2);
    } finally {
      await w.close();
    }
  });

  it("a caller's deadline that passes while the job waits drops it the same way, saying why", async () => {
    const w = countingRuns();
    try {
      const { log, track } = settleLog();
      const running = track('running', w.analyze(clickWav(120, 60)));
      const late = w.analyze(clickWav(100, 6), { signal: AbortSignal.timeout(1) });
      const alreadyAborted = w.analyze(clickWav(100, 6), { signal: AbortSignal.abort() });
      await expect(alreadyAborted).rejects.toMatchObject({ code: 'TIMEOUT', message: /cancelled/ });
      await expect(late).rejects.toMatchObject({ code: 'TIMEOUT', message: /too busy to start/ });
      expect(log).toEqual([]); // both refused while the first job still runs
      await running;
      expect(log).toEqual(['running ok']);
      expect(w.threadsStarted()).toBe(1);
    } finally {
      await w.close();
    }
  });
});

describe('createAnalyzerWorker: a replacement thread gets ready while idle', () => {
  const settle = () => new Promise((r) => setImmediate(r));

  it('a recycled thread is replaced at once, and the next job runs on the replacement', async () => {
    const w = createAnalyzerWorker({ recycleAboveBytes: 1 });
    try {
      const first = await w.analyze(clickWav(120, 6));
      await settle();
      expect(w.threadsStarted()).toBe(2); // the replacement, before any second job
      const pending = w.analyze(clickWav(120, 6));
      expect(w.threadsStarted()).toBe(2); // the job took the replacement: no thread of its own
      expect(await pending).toEqual(first);
      await settle();
      expect(w.threadsStarted()).toBe(3);
    } finally {
      await w.close();
    }
    await settle();
    expect(w.threadsStarted()).toBe(3); // nothing starts after close
  });

  it('a failed job is replaced the same way; prewarm: false waits for the next job', async () => {
    const on = createAnalyzerWorker();
    const off = createAnalyzerWorker({ prewarm: false });
    try {
      for (const w of [on, off]) {
        await expect(w.analyze(new TextEncoder().encode('not audio'))).rejects.toMatchObject({
          code: 'UNSUPPORTED_FORMAT',
        });
      }
      await settle();
      expect([on.threadsStarted(), off.threadsStarted()]).toEqual([2, 1]);
      for (const w of [on, off]) expect((await w.analyze(clickWav(100, 6))).duration_s).toBeCloseTo(6, 1);
      expect([on.threadsStarted(), off.threadsStarted()]).toEqual([2, 2]);
    } finally {
      await Promise.all([on.close(), off.close()]);
    }
  });

  it('an idle replacement does not keep the process alive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-prewarm-'));
    try {
      writeFileSync(join(dir, 'a.wav'), clickWav(120, 4));
      const run = runInFreshProcess(dir, 'exit', [
        `import { readFileSync } from 'node:fs';`,
        `import { createAnalyzerWorker } from ${JSON.stringify(join(import.meta.dirname, 'index.ts'))};`,
        `const w = createAnalyzerWorker({ recycleAboveBytes: 1 });`,
        `await w.analyze(new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'a.wav'))})));`,
        'await new Promise((r) => setImmediate(r));',
        'console.log(w.threadsStarted());',
      ]);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe('2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('analyzeFileCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line of JSON with bpm, key and mode first', async () => {
    const path = join(dir, 'clicks.wav');
    writeFileSync(path, clickWav(120, 10));
    const out = await analyzeFileCommand(path, { json: true });
    expect(out.includes('\n')).toBe(false);
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed).slice(0, 7)).toEqual([
      'bpm',
      'key',
      'mode',
      'energy',
      'loudness_lufs',
      'true_peak_dbtp',
      'duration_s',
    ]);
    expect(parsed.format).toBe('wav');
    expect(Math.abs(parsed.bpm - 120)).toBeLessThan(1.5);
  });

  it('prints a readable summary otherwise', async () => {
    const path = join(dir, 'clicks2.wav');
    writeFileSync(path, clickWav(95, 10));
    const out = await analyzeFileCommand(path);
    expect(out).toMatch(/tempo\s+9[45]\.\d BPM/);
    expect(out).toMatch(/key\s+[A-G]#? (major|minor) \(\d+[AB]/);
    expect(out).toMatch(/LUFS integrated/);
  });

  it('reports bad files through AudioAnalysisError', async () => {
    const path = join(dir, 'song.mp3');
    writeFileSync(path, 'hello');
    await expect(analyzeFileCommand(path, { json: true })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
  });
});

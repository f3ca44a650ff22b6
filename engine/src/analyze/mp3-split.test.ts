import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decoder } from '@audio/decode-mp3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav, requireTool } from '../dsp/test-support.ts';
import { helperAlive, helperThreadsStarted } from './analysis-helper.ts';
import { analyzeAudio } from './analyze-audio.ts';
import { type DecodedAudio, decodeAudio } from './decode.ts';
import { AudioAnalysisError } from './errors.ts';
import { planMp3Split } from './mp3-split.ts';
import { id3v2Size, mp3FrameHeader } from './sniff.ts';
import { runInFreshProcess } from './test-support/fresh-process.ts';

const FS = 44_100;
const limits = () => ({ maxDurationSec: 900, deadlineMs: performance.now() + 30_000 });

/** Chords, a bass line and noise hits (transients fill the bit reservoir), stereo. */
function music(seconds: number, rate: number): Float32Array[] {
  const n = Math.round(seconds * rate);
  const left = new Float32Array(n);
  const right = new Float32Array(n);
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  const chords = [
    [220, 277.2, 329.6],
    [196, 246.9, 293.7],
    [174.6, 220, 261.6],
    [164.8, 207.7, 246.9],
  ];
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const chord = chords[Math.floor(t / 2) % 4]!;
    let tone = 0;
    for (const f of chord) tone += 0.1 * Math.sin(2 * Math.PI * f * t);
    const bass = 0.2 * Math.sin(2 * Math.PI * (chord[0]! / 2) * t);
    const beat = t % 0.5;
    const hit = beat < 0.08 ? 0.4 * rand() * Math.exp(-beat * 40) : 0;
    left[i] = tone + bass + hit;
    right[i] = 0.8 * tone + bass - 0.7 * hit;
  }
  return [left, right];
}

/** The same bytes decoded on one thread (the reference) and on two. */
async function bothWays(bytes: Uint8Array): Promise<{ one: DecodedAudio; two: DecodedAudio }> {
  const one = await decodeAudio(bytes, { ...limits(), helperThread: false });
  const two = await decodeAudio(bytes, limits());
  return { one, two };
}

function expectSamePcm(a: DecodedAudio, b: DecodedAudio): void {
  expect(b.sampleRate).toBe(a.sampleRate);
  expect(b.channels.length).toBe(a.channels.length);
  for (let c = 0; c < a.channels.length; c++) {
    const x = a.channels[c]!;
    const y = b.channels[c]!;
    expect(y.length).toBe(x.length);
    let differing = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) differing++;
    expect(differing).toBe(0);
  }
}

function frameStarts(bytes: Uint8Array): number[] {
  let at = id3v2Size(bytes);
  while (!mp3FrameHeader(bytes, at)) at++;
  const starts: number[] = [];
  for (let h = mp3FrameHeader(bytes, at); h; h = mp3FrameHeader(bytes, at)) {
    starts.push(at);
    at += h.frameBytes;
  }
  return starts;
}

describe('MP3 decoding on two threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-mp3split-'));
  const files: Record<string, Uint8Array> = {};
  const encode = (name: string, wav: string, args: string[]) => {
    const out = join(dir, `${name}.mp3`);
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', wav, ...args, out]);
    files[name] = new Uint8Array(readFileSync(out));
  };
  beforeAll(() => {
    requireTool('ffmpeg', 'ffmpeg');
    requireTool('sox', 'sox libsox-fmt-mp3');
    const wav44 = join(dir, 'music44.wav');
    writeFileSync(wav44, encodeWav(music(26, FS), FS, 16, false));
    const wav48 = join(dir, 'music48.wav');
    writeFileSync(wav48, encodeWav(music(24, 48_000), 48_000, 16, false));
    const lame = ['-c:a', 'libmp3lame'];
    // ffmpeg writes an ID3v2 tag and an Info/Xing frame with a LAME tag (gapless) by default.
    encode('cbr192', wav44, [...lame, '-b:a', '192k']);
    encode('vbr', wav44, [...lame, '-q:a', '4']);
    encode('mono48', wav48, ['-ac', '1', ...lame, '-b:a', '96k']);
    encode('cbr320-48', wav48, [...lame, '-b:a', '320k']);
    encode('cbr32', wav44, [...lame, '-b:a', '32k']);
    encode('bare', wav44, [...lame, '-b:a', '128k', '-write_xing', '0', '-write_id3v2', '0']);
    encode('mpeg2', wav44, ['-ar', '22050', ...lame, '-b:a', '64k']);
    encode('short', wav44, ['-t', '12', ...lame, '-b:a', '192k']);
    // sox (libmp3lame through libsox): no Xing frame, no ID3v2.
    const soxOut = join(dir, 'sox.mp3');
    execFileSync('sox', [wav44, '-C', '160', soxOut]);
    files.sox = new Uint8Array(readFileSync(soxOut));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['cbr192', 'vbr', 'mono48', 'cbr320-48', 'cbr32', 'bare', 'sox']) {
    it(`${name}: the two-thread PCM is bit-exact the one-thread PCM`, async () => {
      const { one, two } = await bothWays(files[name]!);
      expect(one.threads).toBe(1);
      expect(two.threads).toBe(2);
      expectSamePcm(one, two);
    });
  }

  it('cuts at other points exactly too (every position of the synthesis ring)', async () => {
    // Four consecutive cuts cover the four ring positions an MPEG-1 frame can leave.
    const bytes = files.cbr192!;
    const plans = [0.4, 0.401, 0.402, 0.403, 0.6].map((share) => planMp3Split(bytes, share)!);
    const one = await decodeAudio(bytes, { ...limits(), helperThread: false });
    const ref = one.channels;
    const frames = frameStarts(bytes);
    const splits = new Set(plans.map((p) => frames.indexOf(p.splitByte)));
    expect(splits.size).toBe(5);
    for (const plan of plans) {
      const head = await decoder();
      const a = head.decode(bytes.subarray(0, plan.splitByte));
      head.free();
      const tail = await decoder();
      const b = tail.decode(bytes.subarray(plan.tailStartByte));
      tail.free();
      expect(a.channelData[0]!.length).toBe(plan.headSamples);
      const keep = Math.min(b.channelData[0]!.length - plan.discardSamples, plan.tailKeepSamples ?? Infinity);
      expect(plan.headSamples + keep).toBe(ref[0]!.length);
      for (let c = 0; c < 2; c++) {
        const kept = b.channelData[c]!.subarray(plan.discardSamples, plan.discardSamples + keep);
        let differing = 0;
        for (let i = 0; i < keep; i++) if (kept[i] !== ref[c]![plan.headSamples + i]) differing++;
        expect(differing).toBe(0);
      }
    }
  });

  it('mpg123 fed from the middle: one frame of output per frame, silence for a starved frame', async () => {
    // What the cut relies on (measured, not assumed): no frame is skipped and no delay is added.
    const bytes = files.cbr192!;
    const frames = frameStarts(bytes);
    const from = Math.floor(frames.length / 2);
    const dec = await decoder();
    const out = dec.decode(bytes.subarray(frames[from]!));
    dec.free();
    expect(out.channelData[0]!.length).toBe((frames.length - from) * 1152);
    // At 192 kbps a frame's main data starts in the previous frames: the first one cannot be decoded.
    expect(out.channelData[0]!.subarray(0, 1152).every((v) => v === 0)).toBe(true);
    expect(out.channelData[0]!.subarray(1152, 2304).some((v) => v !== 0)).toBe(true);
  });

  it('a file cut short in its second half still matches', async () => {
    const bytes = files.vbr!.subarray(0, Math.floor(files.vbr!.length * 0.8) + 77);
    const { one, two } = await bothWays(bytes);
    expect(two.threads).toBe(2);
    expectSamePcm(one, two);
  });

  it('MPEG-2 (22.05 kHz) and files under 20 s stay on one thread', async () => {
    for (const name of ['mpeg2', 'short']) {
      const { one, two } = await bothWays(files[name]!);
      expect(two.threads).toBe(1);
      expectSamePcm(one, two);
    }
  });

  it('the analysis is the same either way', async () => {
    const bytes = files.cbr192!;
    const [one, two] = [await analyzeAudio(bytes, { helperThread: false }), await analyzeAudio(bytes)];
    expect(two).toEqual(one);
    expect(one.duration_s).toBeGreaterThan(25);
  });

  it('reuses one warm helper thread, also for concurrent calls', async () => {
    await decodeAudio(files.cbr192!, limits());
    const before = helperThreadsStarted();
    const results = await Promise.all([
      decodeAudio(files.cbr192!, limits()),
      decodeAudio(files.vbr!, limits()),
      decodeAudio(files.mono48!, limits()),
    ]);
    expect(helperThreadsStarted()).toBe(before);
    // One of them had the helper; the others decoded on the calling thread.
    expect(results.filter((r) => r.threads === 2).length).toBeGreaterThanOrEqual(1);
    const { one } = await bothWays(files.vbr!);
    expectSamePcm(one, results[1]!);
  });

  it('keeps the budgets and their error codes', async () => {
    for (const [name, extra] of [
      ['cbr192', { maxDurationSec: 20 }],
      // The header says one channel (4.6 MB of PCM), the decoder outputs two: refused while decoding.
      ['mono48', { maxDecodedBytes: 6 * 1024 * 1024 }],
      ['cbr192', { maxChannels: 1 }],
      ['cbr192', { maxSampleRate: 32_000 }],
    ] as const) {
      const bytes = files[name]!;
      const codes: string[] = [];
      for (const helperThread of [false, true]) {
        try {
          await decodeAudio(bytes, { ...limits(), ...extra, helperThread });
          codes.push('ok');
        } catch (err) {
          expect(err).toBeInstanceOf(AudioAnalysisError);
          codes.push((err as AudioAnalysisError).code);
        }
      }
      expect(codes[1]).toBe(codes[0]);
      expect(codes[0]).not.toBe('ok');
    }
  });

  it('an abort or a spent deadline gives TIMEOUT and ends the helper thread', async () => {
    const controller = new AbortController();
    const pending = decodeAudio(files.cbr192!, { ...limits(), signal: controller.signal });
    // The calling thread decodes its part synchronously: the abort lands while it waits for the helper.
    queueMicrotask(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(helperAlive()).toBe(false);
    await expect(
      decodeAudio(files.cbr192!, { maxDurationSec: 900, deadlineMs: performance.now() + 1 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(helperAlive()).toBe(false);
    const after = await decodeAudio(files.cbr192!, limits());
    expect(after.threads).toBe(2);
  });

  it("a deadline beyond setTimeout's 32-bit range waits instead of firing at once", async () => {
    const far = await decodeAudio(files.cbr192!, {
      maxDurationSec: 900,
      deadlineMs: performance.now() + 1e12,
    });
    expect(far.threads).toBe(2);
  });

  it('an idle helper thread does not keep the process alive', () => {
    const run = runInFreshProcess(
      dir,
      'exit',
      [
        `import { readFileSync } from 'node:fs';`,
        `import { decodeAudio } from ${JSON.stringify(join(import.meta.dirname, 'decode.ts'))};`,
        `const bytes = new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'cbr192.mp3'))}));`,
        'const d = await decodeAudio(bytes, { maxDurationSec: 900, deadlineMs: performance.now() + 30000 });',
        'console.log(d.threads);',
      ],
      20_000,
    );
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('2');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav, requireTool, sine } from '../dsp/test-support.ts';
import { analyzeAudio } from './analyze-audio.ts';
import { allocationHintSec, claimedDurationSec, decodeAudio } from './decode.ts';
import { AudioAnalysisError } from './errors.ts';
import { sniffFormat } from './sniff.ts';

const FS = 44_100;
const limits = () => ({ maxDurationSec: 900, deadlineMs: performance.now() + 30_000 });

async function expectCode(
  promise: Promise<unknown>,
  code: AudioAnalysisError['code'],
): Promise<AudioAnalysisError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AudioAnalysisError);
    expect((err as AudioAnalysisError).code).toBe(code);
    expect((err as AudioAnalysisError).message.length).toBeGreaterThan(10);
    return err as AudioAnalysisError;
  }
  throw new Error(`expected AudioAnalysisError ${code}`);
}

describe('decoding every supported container', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-decode-'));
  const left = sine(440, -6, 3, FS);
  const right = sine(660, -12, 3, FS);
  const wavPath = join(dir, 'src.wav');
  beforeAll(() => {
    requireTool('ffmpeg', 'ffmpeg');
    writeFileSync(wavPath, encodeWav([left, right], FS, 16, false));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const encoded: { name: string; format: string; args: string[]; ext: string; rate: number }[] = [
    { name: 'MP3', format: 'mp3', args: ['-c:a', 'libmp3lame', '-b:a', '192k'], ext: 'mp3', rate: FS },
    { name: 'FLAC', format: 'flac', args: ['-c:a', 'flac'], ext: 'flac', rate: FS },
    {
      name: 'OGG Vorbis',
      format: 'ogg-vorbis',
      args: ['-c:a', 'libvorbis', '-q:a', '5'],
      ext: 'ogg',
      rate: FS,
    },
    {
      name: 'Opus',
      format: 'ogg-opus',
      args: ['-c:a', 'libopus', '-b:a', '128k'],
      ext: 'opus',
      rate: 48_000,
    },
  ];
  for (const e of encoded) {
    it(`${e.name}: stereo, right rate, about 3 s, the 440 Hz tone's level in the left channel`, async () => {
      const out = join(dir, `x.${e.ext}`);
      execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', wavPath, ...e.args, out]);
      // The name lies on purpose: content decides.
      const d = await decodeAudio(new Uint8Array(readFileSync(out)), limits());
      expect(d.format).toBe(e.format);
      expect(d.sampleRate).toBe(e.rate);
      expect(d.channels.length).toBe(2);
      expect(Math.abs(d.channels[0]!.length / d.sampleRate - 3)).toBeLessThan(0.1);
      let sum = 0;
      const ch = d.channels[0]!;
      const from = Math.floor(ch.length * 0.25);
      const to = Math.floor(ch.length * 0.75);
      for (let i = from; i < to; i++) sum += ch[i]! * ch[i]!;
      const rmsDb = 10 * Math.log10(sum / (to - from));
      expect(Math.abs(rmsDb - (-6 - 3.01))).toBeLessThan(0.5);
    });
  }

  for (const [bits, float] of [
    [16, false],
    [24, false],
    [32, false],
    [32, true],
  ] as const) {
    it(`WAV ${bits}-bit ${float ? 'float' : 'int'} decodes to the same samples (within quantisation)`, async () => {
      const bytes = encodeWav([left, right], FS, bits, float);
      const d = await decodeAudio(bytes, limits());
      expect(d.format).toBe('wav');
      expect(d.channels[0]!.length).toBe(left.length);
      const tol = bits === 16 ? 1e-4 : 1e-6;
      let maxErr = 0;
      for (let i = 0; i < left.length; i += 97)
        maxErr = Math.max(maxErr, Math.abs(d.channels[1]![i]! - right[i]!));
      expect(maxErr).toBeLessThan(tol);
    });
  }
});

describe('bad uploads are refused quickly with the right code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('empty → EMPTY', async () => {
    await expectCode(analyzeAudio(new Uint8Array(0)), 'EMPTY');
  });

  it('a text file named .mp3 → UNSUPPORTED_FORMAT', async () => {
    const text = new TextEncoder().encode(
      'This is not audio, just a text file renamed to song.mp3\n'.repeat(50),
    );
    await expectCode(analyzeAudio(text), 'UNSUPPORTED_FORMAT');
  });

  it('a ZIP archive → UNSUPPORTED_FORMAT naming the archive', async () => {
    const zip = new Uint8Array(200);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    const err = await expectCode(analyzeAudio(zip), 'UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/ZIP/);
  });

  it('M4A/AAC → UNSUPPORTED_FORMAT (only GPL decoders exist)', async () => {
    requireTool('ffmpeg', 'ffmpeg');
    const wav = join(dir, 'a.wav');
    writeFileSync(wav, encodeWav([sine(440, -6, 2, FS)], FS, 16, false));
    const m4a = join(dir, 'a.m4a');
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', wav, '-c:a', 'aac', m4a]);
    const err = await expectCode(analyzeAudio(new Uint8Array(readFileSync(m4a))), 'UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/M4A/);
    const adts = join(dir, 'a.aac');
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', wav, '-c:a', 'aac', '-f', 'adts', adts]);
    await expectCode(analyzeAudio(new Uint8Array(readFileSync(adts))), 'UNSUPPORTED_FORMAT');
  });

  it('a WAV header claiming 10 hours → TOO_LONG before any decoding', async () => {
    const real = encodeWav([sine(440, -6, 0.5, FS)], FS, 16, false);
    const v = new DataView(real.buffer);
    const tenHoursBytes = 10 * 3600 * FS * 2;
    v.setUint32(40, tenHoursBytes, true);
    v.setUint32(4, tenHoursBytes + 36, true);
    expect(claimedDurationSec('wav', real)).toBeCloseTo(36_000, 0);
    const before = process.memoryUsage().arrayBuffers;
    const err = await expectCode(analyzeAudio(real), 'TOO_LONG');
    expect(err.message).toMatch(/600 minutes/);
    // Nothing near the claimed 3 GB was allocated.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 2 ** 20);
  });

  it('a WAV header claiming 14 minutes (under the limit) over 1.5 s of data allocates for 1.5 s', async () => {
    const real = encodeWav([sine(440, -6, 1.5, FS)], FS, 16, false);
    const v = new DataView(real.buffer);
    v.setUint32(40, 14 * 60 * FS * 2, true);
    expect(allocationHintSec('wav', real, claimedDurationSec('wav', real))).toBeCloseTo(1.5, 2);
    const a = await analyzeAudio(real);
    expect(a.duration_s).toBeCloseTo(1.5, 1);
  });

  it('audio longer than maxDurationSec → TOO_LONG (streaming check, MP3 without a usable header claim)', async () => {
    requireTool('ffmpeg', 'ffmpeg');
    const mp3 = join(dir, 'long.mp3');
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:d=30',
      '-b:a',
      '64k',
      mp3,
    ]);
    await expectCode(analyzeAudio(new Uint8Array(readFileSync(mp3)), { maxDurationSec: 10 }), 'TOO_LONG');
    const wav = encodeWav([sine(440, -6, 12, 8000)], 8000, 16, false);
    await expectCode(analyzeAudio(wav, { maxDurationSec: 10 }), 'TOO_LONG');
  });

  it('truncated files: a cut MP3 still analyses what is there, a cut header → CORRUPT', async () => {
    requireTool('ffmpeg', 'ffmpeg');
    const mp3 = join(dir, 'cut.mp3');
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=f=440:d=10',
      '-b:a',
      '128k',
      mp3,
    ]);
    const full = new Uint8Array(readFileSync(mp3));
    const half = await analyzeAudio(full.subarray(0, Math.floor(full.length / 2)));
    expect(half.duration_s).toBeGreaterThan(3);
    expect(half.duration_s).toBeLessThan(7);
    await expectCode(analyzeAudio(full.subarray(0, 300)), 'CORRUPT');
    const wav = encodeWav([sine(440, -6, 1, FS)], FS, 16, false);
    await expectCode(analyzeAudio(wav.subarray(0, 30)), 'CORRUPT');
    await expectCode(analyzeAudio(wav.subarray(0, 8)), 'UNSUPPORTED_FORMAT');
    await expectCode(analyzeAudio(wav.subarray(0, 44)), 'CORRUPT');
    const flac = join(dir, 'cut.flac');
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=f=440:d=3', flac]);
    await expectCode(analyzeAudio(new Uint8Array(readFileSync(flac)).subarray(0, 60)), 'CORRUPT');
  });

  it('an aborted signal or a spent time budget → TIMEOUT', async () => {
    const wav = encodeWav([sine(440, -6, 5, FS)], FS, 16, false);
    const controller = new AbortController();
    controller.abort();
    await expectCode(analyzeAudio(wav, { signal: controller.signal }), 'TIMEOUT');
    await expectCode(analyzeAudio(wav, { timeoutMs: 0 }), 'TIMEOUT');
  });

  it('sniffing ignores names and finds ID3-tagged MP3 and FLAC', () => {
    const id3 = new Uint8Array(64);
    id3.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 10]);
    id3.set([0x66, 0x4c, 0x61, 0x43], 20);
    expect(sniffFormat(id3)).toEqual({ ok: true, format: 'flac' });
    expect(sniffFormat(new TextEncoder().encode('OggS\0\x02....OpusHead'))).toEqual({
      ok: true,
      format: 'ogg-opus',
    });
  });
});

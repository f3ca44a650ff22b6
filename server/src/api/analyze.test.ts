import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateTrack } from '@soundfoundry/engine';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signUp,
  startTestApp,
  type TestApp,
  type TestUser,
  validTrack,
  waitForJob,
} from '../../test/harness.ts';
import { files } from '../db/schema/index.ts';

function multipart(fileBytes: Uint8Array, filename: string, field = 'file') {
  const boundary = `----sf${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(fileBytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function wavHeaderClaiming(seconds: number): Uint8Array {
  const dataBytes = Math.min(0xffffffff - 36, seconds * 44_100 * 4);
  const b = Buffer.alloc(44 + 4096);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(2, 22);
  b.writeUInt32LE(44_100, 24);
  b.writeUInt32LE(44_100 * 4, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(dataBytes, 40);
  return b;
}

describe('POST /api/analyze and reference-steered tracks', () => {
  let t: TestApp;
  let u: TestUser;
  let referenceMp3: Uint8Array;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', dispatch: true });
    u = await signUp(t);
    const ref = await generateTrack({
      prompt: 'four on the floor house groove',
      genre: 'house',
      bpm: 124,
      key: 'A minor',
      durationSec: 20,
      seed: 9,
    });
    referenceMp3 = ref.mp3;
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (bytes: Uint8Array, name: string, user = u) =>
    user.request({ method: 'POST', url: '/api/analyze', ...multipart(bytes, name) });
  const storedReferences = async () => {
    const [n] = await t.rt.database.db.select({ n: count() }).from(files);
    const dir = join((t.config.storage as { rootDir: string }).rootDir, 'users', u.id, 'references');
    let objects = 0;
    try {
      objects = readdirSync(dir).filter((f) => !f.startsWith('.')).length;
    } catch {}
    return { rows: n!.n, objects };
  };

  it('analyses an upload, stores it as a REFERENCE file, and a track made with it follows its tempo and key', async () => {
    const res = await upload(referenceMp3, 'my reference.mp3');
    expect(res.statusCode, res.body).toBe(201);
    const { file_id, metadata } = res.json();
    expect(metadata.format).toBe('mp3');
    expect(Math.abs(metadata.bpm - 124)).toBeLessThan(124 * 0.04);
    // The other metrical readings (half/double time …) come with their share of the evidence.
    expect(Array.isArray(metadata.bpm_alternatives)).toBe(true);
    for (const alt of metadata.bpm_alternatives) {
      expect(alt.bpm).toBeGreaterThan(0);
      expect(alt.weight).toBeGreaterThanOrEqual(0);
      expect(alt.weight).toBeLessThanOrEqual(1);
    }
    expect(`${metadata.key} ${metadata.mode}`).toBe('A minor');
    expect(metadata.duration_s).toBeGreaterThan(19.5);
    expect(metadata.loudness_lufs).toBeGreaterThan(-16);

    const info = await u.get(`/api/files/${file_id}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({
      kind: 'REFERENCE',
      original_filename: 'my reference.mp3',
      content_type: 'audio/mpeg',
    });
    expect(info.json().file_size).toBe(referenceMp3.byteLength);
    const other = await signUp(t);
    expect((await other.get(`/api/files/${file_id}`)).statusCode).toBe(404);
    expect((await other.post('/api/tracks', validTrack({ reference_file_id: file_id }))).statusCode).toBe(
      404,
    );

    const created = await u.post(
      '/api/tracks',
      validTrack({
        prompt: 'a deep house track for late nights',
        genre: 'house',
        duration_s: 15,
        reference_file_id: file_id,
      }),
    );
    expect(created.statusCode).toBe(201);
    const job = await waitForJob(u, created.json().job_id);
    expect(job.status).toBe('COMPLETE');
    const track = (await u.get(`/api/tracks/${created.json().track_id}`)).json();
    expect(track.reference_file_id).toBe(file_id);
    expect(Math.abs(track.plan.bpm - metadata.bpm)).toBeLessThanOrEqual(2);
    expect(track.plan.key).toBe('A minor');
  });

  it('refuses bad uploads with clear 4xx errors and stores nothing', async () => {
    const before = await storedReferences();
    const cases: [Uint8Array, string, number][] = [
      [new Uint8Array(0), 'empty.mp3', 400],
      [new TextEncoder().encode('this is not audio at all, just text\n'.repeat(50)), 'notes.mp3', 415],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(2000)]), 'song.zip', 415],
      [referenceMp3.subarray(0, 600), 'truncated.mp3', 422],
      [wavHeaderClaiming(10 * 3600), 'ten-hours.wav', 413],
    ];
    for (const [bytes, name, status] of cases) {
      const res = await upload(bytes, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error.message.length).toBeGreaterThan(5);
    }
    const big = await upload(new Uint8Array(51 * 1024 * 1024), 'big.wav');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const notMultipart = await u.post('/api/analyze', { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    const wrongField = await u.request({
      method: 'POST',
      url: '/api/analyze',
      ...multipart(referenceMp3, 'a.mp3', 'audio'),
    });
    expect(wrongField.statusCode).toBe(400);
    expect(await storedReferences()).toEqual(before);
    // Still responsive.
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await upload(referenceMp3, 'again.mp3')).statusCode).toBe(201);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analyze',
      ...multipart(referenceMp3, 'a.mp3'),
    });
    expect(res.statusCode).toBe(401);
    const f = await t.rt.database.db.select({ n: count() }).from(files).where(eq(files.kind, 'REFERENCE'));
    expect(f[0]!.n).toBeGreaterThan(0);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floatWav, multipart, silentWav } from '../../test/audio-fixtures.ts';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { creditLedger, files, jobs, tracks } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';
import { trackObjectKey } from '../services/storage/index.ts';

// Issue 13 #7 (half-written state) and #8 (accepted but can never work).

describe('no half-written state', () => {
  let t: TestApp;
  let u: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    u = await signUp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const root = () => (t.config.storage as { rootDir: string }).rootDir;
  const objectsUnder = (dir: string) => {
    const full = join(root(), dir);
    if (!existsSync(full)) return 0;
    // Objects only, not the fs driver's dot-named sidecars.
    return readdirSync(full, { recursive: true }).filter((f) => !String(f).split('/').pop()!.startsWith('.'))
      .length;
  };
  const upload = (bytes: Uint8Array, name: string) =>
    u.request({ method: 'POST', url: '/api/analyze', ...multipart(bytes, name) });

  it('DELETE with an upper-case UUID deletes rows and files, answers 204', async () => {
    const { track_id } = (await u.post('/api/tracks', validTrack())).json();
    for (const kind of ['audio', 'audio-wav', 'preview', 'stems', 'midi'] as const) {
      const key = trackObjectKey({ trackId: track_id, kind, version: 1 });
      await t.rt.storage.put(key, new Uint8Array([1, 2, 3]), { contentType: 'application/octet-stream' });
    }
    expect(objectsUnder(`tracks/${track_id}`)).toBe(5);
    const res = await u.delete(`/api/tracks/${track_id.toUpperCase()}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(objectsUnder(`tracks/${track_id}`)).toBe(0);
    const [n] = await t.rt.database.db.select({ n: count() }).from(tracks).where(eq(tracks.id, track_id));
    expect(n!.n).toBe(0);
    expect((await u.delete(`/api/tracks/${track_id.toUpperCase()}`)).statusCode).toBe(404);
    // Other routes read the canonical id too.
    const again = (await u.post('/api/tracks', validTrack())).json();
    const got = await u.get(`/api/tracks/${again.track_id.toUpperCase()}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().id).toBe(again.track_id);
  });

  it('a float WAV of 3e38 samples is refused and nothing is stored', async () => {
    const before = await t.rt.database.db.select({ n: count() }).from(files);
    const res = await upload(floatWav(3, 3e38), 'huge.wav');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('UNSUPPORTED_FORMAT');
    const after = await t.rt.database.db.select({ n: count() }).from(files);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(objectsUnder(`users/${u.id}/references`)).toBe(0);
  });

  it('a silent (beatless) reference is refused at upload with REFERENCE_UNUSABLE', async () => {
    const res = await upload(silentWav(6), 'silence.wav');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'REFERENCE_UNUSABLE', details: { reason: 'no_tempo' } });
    expect(objectsUnder(`users/${u.id}/references`)).toBe(0);
  });

  it('a beatless reference stored earlier is refused at track creation, nothing charged', async () => {
    const [legacy] = await t.rt.database.db
      .insert(files)
      .values({
        userId: u.id,
        kind: 'REFERENCE',
        storageKey: `users/${u.id}/references/legacy.wav`,
        contentType: 'audio/wav',
        fileSize: 10,
        metadata: { format: 'wav', bpm: 0, bpm_confidence: 0, key: 'C', mode: 'major', energy: 0 },
      })
      .returning();
    const ledgerBefore = await ledgerSum(t.rt.database.db, u.id);
    const [jobsBefore] = await t.rt.database.db
      .select({ n: count() })
      .from(jobs)
      .where(eq(jobs.userId, u.id));
    const res = await u.post('/api/tracks', validTrack({ reference_file_id: legacy!.id }));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'REFERENCE_UNUSABLE', details: { reason: 'no_tempo' } });
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(ledgerBefore);
    const [jobsAfter] = await t.rt.database.db.select({ n: count() }).from(jobs).where(eq(jobs.userId, u.id));
    expect(jobsAfter!.n).toBe(jobsBefore!.n);
    const [rows] = await t.rt.database.db
      .select({ n: count() })
      .from(creditLedger)
      .where(eq(creditLedger.userId, u.id));
    expect(rows!.n).toBeGreaterThan(0);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { creditLedger, files, jobs, series, tracks, users } from '../db/schema/index.ts';
import { storeReference } from '../services/files.ts';
import { trackObjectKey } from '../services/storage/keys.ts';

// Settings' "Delete account": with the password only; everything of the account goes (rows by
// cascade, stored objects after), its sessions end at once, and nobody else's data is touched.

describe('deleting an account (PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const rowsOf = async (userId: string) => {
    const db = t.rt.database.db;
    return {
      users: (await db.select().from(users).where(eq(users.id, userId))).length,
      tracks: (await db.select().from(tracks).where(eq(tracks.userId, userId))).length,
      jobs: (await db.select().from(jobs).where(eq(jobs.userId, userId))).length,
      files: (await db.select().from(files).where(eq(files.userId, userId))).length,
      series: (await db.select().from(series).where(eq(series.userId, userId))).length,
      ledger: (await db.select().from(creditLedger).where(eq(creditLedger.userId, userId))).length,
    };
  };

  /** A user with a track (its job still queued or running), an object stored for it, and a reference upload. */
  async function userWithData() {
    const u = await signUp(t);
    const created = await u.post('/api/tracks', validTrack({ duration_s: 15 }));
    expect(created.statusCode).toBe(201);
    const trackId: string = created.json().track_id;
    const trackKey = trackObjectKey({ trackId, kind: 'audio', version: 1 });
    await t.rt.storage.put(trackKey, new Uint8Array([1, 2, 3]), { contentType: 'audio/mpeg' });
    const ref = await storeReference(t.rt.database.db, t.rt.storage, {
      userId: u.id,
      bytes: new Uint8Array([4, 5, 6]),
      format: 'wav',
      originalFilename: 'mine.wav',
      metadata: {},
    });
    return { u, trackId, trackKey, refKey: ref.storageKey };
  }

  it('needs the password: none, or a wrong one, deletes nothing', async () => {
    const { u, trackKey } = await userWithData();
    const none = await u.post('/api/auth/delete-user', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toBe('Enter your password to delete your account.');
    // A fresh session alone is not enough (better-auth would accept it), nor an emailed token.
    expect((await u.post('/api/auth/delete-user', { token: 'x'.repeat(32) })).statusCode).toBe(400);
    const wrong = await u.post('/api/auth/delete-user', { password: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toMatchObject({ auth_code: 'INVALID_PASSWORD' });
    expect(await rowsOf(u.id)).toMatchObject({ users: 1, tracks: 1, files: 1 });
    expect(await t.rt.storage.exists(trackKey)).toBe(true);
    expect((await u.get('/api/me')).statusCode).toBe(200);
  });

  it('with the password: every row and stored object of the account goes, its session ends, others keep theirs', async () => {
    const victim = await userWithData();
    const bystander = await userWithData();
    const before = await rowsOf(victim.u.id);
    expect(before).toMatchObject({ users: 1, tracks: 1, jobs: 1, files: 1 });
    expect(before.series).toBeGreaterThan(0);
    expect(before.ledger).toBeGreaterThan(0);

    const res = await victim.u.post('/api/auth/delete-user', { password: 'correct horse battery' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await rowsOf(victim.u.id)).toEqual({
      users: 0,
      tracks: 0,
      jobs: 0,
      files: 0,
      series: 0,
      ledger: 0,
    });
    expect(await t.rt.storage.exists(victim.trackKey)).toBe(false);
    expect(await t.rt.storage.exists(victim.refKey)).toBe(false);
    expect((await victim.u.get('/api/me')).statusCode).toBe(401);
    expect((await victim.u.get(`/api/tracks/${victim.trackId}`)).statusCode).toBe(404);

    // The other account is untouched.
    expect(await rowsOf(bystander.u.id)).toMatchObject({ users: 1, tracks: 1, files: 1 });
    expect(await t.rt.storage.exists(bystander.trackKey)).toBe(true);
    expect(await t.rt.storage.exists(bystander.refKey)).toBe(true);
    expect((await bystander.u.get(`/api/tracks/${bystander.trackId}`)).statusCode).toBe(200);

    // The address can sign up again, as a new account with the trial's credits.
    const again = await signUp(t, victim.u.email);
    expect(again.id).not.toBe(victim.u.id);
    expect((await again.get('/api/credits')).json().balance).toBe(400);
  });
});

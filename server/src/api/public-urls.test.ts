import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pathOf,
  signUp,
  startTestApp,
  type TestApp,
  type TestUser,
  validTrack,
  waitForJob,
} from '../../test/harness.ts';
import { startS3Server, type TestS3Server } from '../../test/s3-server.ts';
import { tracks, trackVisuals } from '../db/schema/index.ts';
import { renderTrackCover } from '../services/cover-art.ts';
import { legacyTrackPrefix, trackObjectKey, trackPrefix } from '../services/storage/index.ts';

// Issue 13 #10 (owner ids in public payloads), for the file URLs too: a published track's signed URLs
// name its storage key, so the key must not name its owner. Checked end to end with a real render, on
// both storage drivers (the fs route's signed URLs and S3 presigned URLs), and deletion leaves nothing.

const DOWNLOAD_FORMATS = ['mp3', 'wav', 'preview', 'stems', 'midi', 'cover-svg', 'cover-png'] as const;

/** Every absolute URL in a JSON body. */
const urlsIn = (body: string): string[] => [...body.matchAll(/https?:\/\/[^"\s]+/g)].map((m) => m[0]);

async function storedKeysOf(t: TestApp, trackId: string): Promise<string[]> {
  const d = t.rt.database.db;
  const [row] = await d.select().from(tracks).where(eq(tracks.id, trackId));
  const visuals = await d.select().from(trackVisuals).where(eq(trackVisuals.trackId, trackId));
  return [
    row!.audioKey,
    row!.wavKey,
    row!.previewKey,
    row!.stemsKey,
    row!.midiKey,
    row!.coverKey,
    ...visuals.flatMap((v) => [v.svgKey, v.pngKey, v.png2048Key]),
  ].filter((k): k is string => typeof k === 'string');
}

function suite(driver: 'fs' | 's3') {
  describe(`a published track's public payload and file URLs never name its owner (${driver} storage)`, () => {
    let t: TestApp;
    let s3: TestS3Server | undefined;
    let owner: TestUser;
    let trackId: string;

    /** Fetches a signed URL the way a browser would: the fs route lives in the app, S3 is a real server. */
    const fetchBytes = async (url: string): Promise<{ status: number; bytes: number }> => {
      if (driver === 'fs') {
        const res = await t.app.inject({ method: 'GET', url: pathOf(url) });
        return { status: res.statusCode, bytes: res.rawPayload.length };
      }
      const res = await fetch(url);
      return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
    };

    /** The cover is drawn by its own job after the audio. */
    const waitForCover = async (id: string) => {
      const deadline = Date.now() + 60_000;
      while (!(await owner.get(`/api/tracks/${id}`)).json().cover_url) {
        if (Date.now() > deadline) throw new Error('no cover after 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    };

    beforeAll(async () => {
      s3 = driver === 's3' ? await startS3Server() : undefined;
      t = await startTestApp({
        db: 'pglite',
        dispatch: true,
        env: {
          JOB_RETRY_BASE_MS: '20',
          ...(s3
            ? {
                S3_ENDPOINT: s3.endpoint,
                S3_BUCKET: s3.bucket,
                S3_REGION: s3.region,
                S3_ACCESS_KEY_ID: s3.accessKeyId,
                S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
              }
            : {}),
        },
      });
      owner = await signUp(t);
      const created = (await owner.post('/api/tracks', validTrack({ duration_s: 15, seed: 3 }))).json();
      trackId = created.track_id;
      expect(await waitForJob(owner, created.job_id)).toMatchObject({ status: 'COMPLETE' });
      await waitForCover(trackId);
      expect((await owner.patch(`/api/tracks/${trackId}`, { public: true })).statusCode).toBe(200);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await s3?.close();
    });

    it('explore, the signed-out track page and every download redirect: no owner id, bytes served', async () => {
      const stranger = await signUp(t);
      const bodies = [
        (await t.app.inject({ method: 'GET', url: '/api/explore' })).body,
        (await t.app.inject({ method: 'GET', url: `/api/tracks/${trackId}` })).body,
        (await stranger.get(`/api/tracks/${trackId}`)).body,
      ];
      const urls = bodies.flatMap(urlsIn);
      for (const format of DOWNLOAD_FORMATS) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/tracks/${trackId}/download?format=${format}`,
        });
        expect(res.statusCode, format).toBe(302);
        urls.push(String(res.headers.location));
      }
      for (const body of bodies) expect(body).not.toContain(owner.id);
      // mp3, wav, preview, stems, midi and the cover in each of three payloads, plus the redirects.
      expect(urls.length).toBeGreaterThanOrEqual(3 * 6 + DOWNLOAD_FORMATS.length);
      for (const url of urls) {
        expect(url).not.toContain(owner.id);
        expect(decodeURIComponent(url)).not.toContain(owner.id);
        expect(decodeURIComponent(url)).toContain(`tracks/${trackId}/`);
        if (driver === 's3') expect(url).toContain('X-Amz-Signature=');
        const got = await fetchBytes(url);
        expect(got.status, url).toBe(200);
        expect(got.bytes, url).toBeGreaterThan(0);
      }
    });

    it('the owner sees their id in their own payload (only there)', async () => {
      expect((await owner.get(`/api/tracks/${trackId}`)).json().user_id).toBe(owner.id);
    });

    it('a cover finished after its track (or version) was deleted removes what it stored', async () => {
      // No visuals row for version 7: exactly what the cover job meets when the track was deleted while
      // it drew (the track's prefix delete may already have run before these writes).
      await renderTrackCover({ db: t.rt.database.db, storage: t.rt.storage }, trackId, 7);
      for (const kind of ['cover-svg', 'cover-png', 'cover-png-2048'] as const) {
        expect(await t.rt.storage.exists(trackObjectKey({ trackId, kind, version: 7 })), kind).toBe(false);
      }
    });

    it('deleting the track leaves no object of it in storage', async () => {
      const keys = await storedKeysOf(t, trackId);
      expect(keys.length).toBeGreaterThanOrEqual(6);
      for (const key of keys) {
        expect(key.startsWith(trackPrefix(trackId)), key).toBe(true);
        expect(await t.rt.storage.exists(key)).toBe(true);
      }
      const fileUrl = (await owner.get(`/api/tracks/${trackId}`)).json().file_url as string;
      expect((await owner.delete(`/api/tracks/${trackId}`)).statusCode).toBe(204);
      for (const key of keys) expect(await t.rt.storage.exists(key), key).toBe(false);
      // Nothing else was left under either prefix (a listing delete finds any object we did not know of).
      expect(await t.rt.storage.deletePrefix(trackPrefix(trackId))).toBe(0);
      expect(await t.rt.storage.deletePrefix(legacyTrackPrefix(owner.id, trackId))).toBe(0);
      expect((await fetchBytes(fileUrl)).status).toBe(404);
    });

    it('a track deleted while its render is being stored: the worker removes what it wrote', async () => {
      const created = (await owner.post('/api/tracks', validTrack({ duration_s: 15, seed: 5 }))).json();
      const id = created.track_id as string;
      const storage = t.rt.storage;
      const put = storage.put.bind(storage);
      const deletePrefix = storage.deletePrefix.bind(storage);
      const written: string[] = [];
      let prefixDeletes = 0;
      // The user deletes the track just as the worker starts storing its files: the API's prefix delete
      // runs before any of them is written.
      storage.put = async (key, body, opts) => {
        if (key.startsWith(trackPrefix(id))) {
          if (written.length === 0) expect((await owner.delete(`/api/tracks/${id}`)).statusCode).toBe(204);
          written.push(key);
        }
        return put(key, body, opts);
      };
      storage.deletePrefix = async (prefix) => {
        if (prefix === trackPrefix(id)) prefixDeletes++;
        return deletePrefix(prefix);
      };
      try {
        const deadline = Date.now() + 60_000;
        while (prefixDeletes < 2) {
          if (Date.now() > deadline) throw new Error(`worker did not clean up (${written.length} written)`);
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        storage.put = put;
        storage.deletePrefix = deletePrefix;
      }
      expect(written.length).toBeGreaterThanOrEqual(3); // mp3, wav, preview at least
      // The second prefix delete may be the worker's, or a later one racing a put still in flight:
      // what matters is that every object written is gone soon after, with nobody else deleting.
      const until = Date.now() + 30_000;
      let left = written;
      while (left.length > 0 && Date.now() < until) {
        left = (await Promise.all(written.map(async (k) => ((await storage.exists(k)) ? k : null)))).filter(
          (k): k is string => k !== null,
        );
        if (left.length > 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(left).toEqual([]);
    });

    it('a track stored under the old owner-scoped keys still serves and is deleted entirely', async () => {
      // Rows written before track-scoped keys point at users/{userId}/tracks/{trackId}/…: keys are read
      // from rows, so they keep working; deleting such a track clears the old prefix too.
      const created = (await owner.post('/api/tracks', validTrack({ duration_s: 15, seed: 4 }))).json();
      expect(await waitForJob(owner, created.job_id)).toMatchObject({ status: 'COMPLETE' });
      const id = created.track_id as string;
      await waitForCover(id);
      const legacyKey = `${legacyTrackPrefix(owner.id, id)}audio-v1.mp3`;
      await t.rt.storage.put(legacyKey, new Uint8Array([0xff, 0xfb, 0x90, 0x00]), {
        contentType: 'audio/mpeg',
      });
      await t.rt.database.db.update(tracks).set({ audioKey: legacyKey }).where(eq(tracks.id, id));
      const url = (await owner.get(`/api/tracks/${id}`)).json().file_url as string;
      expect(await fetchBytes(url)).toEqual({ status: 200, bytes: 4 });
      expect((await owner.delete(`/api/tracks/${id}`)).statusCode).toBe(204);
      expect(await t.rt.storage.exists(legacyKey)).toBe(false);
      expect(await t.rt.storage.deletePrefix(trackPrefix(id))).toBe(0);
    });
  });
}

suite('fs');
suite('s3');

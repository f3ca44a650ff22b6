import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack, waitForJob } from '../../test/harness.ts';
import { ledgerSum } from '../services/credits.ts';

// POST /api/tracks `style`: an id of GET /api/styles, stored with the track, and winning over the
// prompt's own style words in the plan the local engine composes.

describe('track creation with an explicit style', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', dispatch: true, env: { JOB_RETRY_BASE_MS: '20' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an unknown id, a malformed one and a genre of another style with 400, charging nothing', async () => {
    const u = await signUp(t);
    const before = await ledgerSum(t.rt.database.db, u.id);
    const unknown = await u.post('/api/tracks', validTrack({ style: 'polka-step' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('Unknown style "polka-step"'),
      details: { field: 'style' },
    });
    expect(unknown.json().error.message).toContain('GET /api/styles');
    expect((await u.post('/api/tracks', validTrack({ style: 'Reggae ' }))).statusCode).toBe(400);
    expect((await u.post('/api/tracks', validTrack({ style: 42 }))).statusCode).toBe(400);
    const clash = await u.post('/api/tracks', validTrack({ style: 'reggae', genre: 'jazz' }));
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.message).toContain('"world"');
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(before);
  });

  it('stores the style and the plan records it, over the style the prompt names', async () => {
    const u = await signUp(t);
    const res = await u.post(
      '/api/tracks',
      validTrack({
        prompt: 'bossa nova by the sea',
        style: 'reggae',
        genre: 'world',
        duration_s: 15,
        seed: 3,
      }),
    );
    expect(res.statusCode).toBe(201);
    const { track_id, job_id } = res.json();
    expect((await u.get(`/api/tracks/${track_id}`)).json().style).toBe('reggae');
    expect(await waitForJob(u, job_id)).toMatchObject({ status: 'COMPLETE' });
    const track = (await u.get(`/api/tracks/${track_id}`)).json();
    expect(track).toMatchObject({ status: 'COMPLETE', style: 'reggae', genre: 'world' });
    expect(track.plan.style).toBe('reggae');

    // Without `style`, the same prompt's words choose (bossa nova), and the track says null.
    const plain = await u.post(
      '/api/tracks',
      validTrack({ prompt: 'bossa nova by the sea', duration_s: 15, seed: 3 }),
    );
    expect(await waitForJob(u, plain.json().job_id)).toMatchObject({ status: 'COMPLETE' });
    const p = (await u.get(`/api/tracks/${plain.json().track_id}`)).json();
    expect(p.style).toBeNull();
    expect(p.plan.style).toBe('bossa-nova');
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { creditLedger, jobs, series, tracks, users } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

describe.each(['pglite', 'postgres'] as const)('tracks and jobs API on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sign-up grants 400 TRIAL credits (one ledger row), a style seed and the default series', async () => {
    const u = await signUp(t);
    const me = await u.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ credits: 400, plan: 'FREE', email: u.email });
    expect(me.json().user_style_seed).toMatch(/^\d+$/);
    const ledger = await t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.userId, u.id));
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ amount: 400, reason: 'TRIAL', balanceAfter: 400 });
    const s = await t.rt.database.db.select().from(series).where(eq(series.userId, u.id));
    expect(s).toHaveLength(1);
    expect(s[0]!.isDefault).toBe(true);
    const trial = new Date(me.json().trial_expires_at).getTime() - new Date(me.json().created_at).getTime();
    expect(Math.round(trial / 86_400_000)).toBe(30);
  });

  it('a user whose onboarding was lost (crash after sign-up) is onboarded by the first track request', async () => {
    const u = await signUp(t);
    const d = t.rt.database.db;
    await d.delete(creditLedger).where(eq(creditLedger.userId, u.id));
    await d.delete(series).where(eq(series.userId, u.id));
    await d
      .update(users)
      .set({ onboardedAt: null, credits: 0, userStyleSeed: null })
      .where(eq(users.id, u.id));
    const res = await u.post('/api/tracks', validTrack());
    expect(res.statusCode).toBe(201);
    expect(await ledgerSum(d, u.id)).toBe(399);
    const track = (await u.get(`/api/tracks/${res.json().track_id}`)).json();
    expect(track.series_id).not.toBeNull();
  });

  it('session cookie is HttpOnly and SameSite', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: 'http://localhost:3000' },
      payload: { email: `cookie${Date.now()}@example.com`, password: 'correct horse battery', name: 'c' },
    });
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('better-auth.session_token'));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('creates a track: 201, charges ceil(d/30) in one ledger row, job QUEUED with its first event', async () => {
    const u = await signUp(t);
    const res = await u.post(
      '/api/tracks',
      validTrack({ duration_s: 55, genre: 'lo-fi', key: 'Bb major', bpm: 82 }),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.credits_required).toBe(2);
    const me = (await u.get('/api/me')).json();
    expect(me.credits).toBe(398);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(398);

    const track = (await u.get(`/api/tracks/${body.track_id}`)).json();
    expect(track).toMatchObject({
      status: 'QUEUED',
      key: 'A# major',
      bpm: 82,
      genre: 'lo-fi',
      job_id: body.job_id,
    });
    expect(track.seed).toBeGreaterThanOrEqual(0);
    expect(track.title.length).toBeGreaterThan(0);
    const job = (await u.get(`/api/jobs/${body.job_id}`)).json();
    expect(job).toMatchObject({ status: 'QUEUED', progress: 0, track_id: body.track_id });
  });

  it('lists with page/limit/q/status/series_id/genre', async () => {
    const u = await signUp(t);
    for (const p of ['rainy night piano loop', 'sunny beach house groove', 'rainy window ambience']) {
      const genre = p.includes('house') ? 'house' : 'ambient';
      expect((await u.post('/api/tracks', validTrack({ prompt: p, genre }))).statusCode).toBe(201);
    }
    const all = (await u.get('/api/tracks?limit=2&page=1')).json();
    expect(all.total).toBe(3);
    expect((await u.get('/api/tracks?limit=2&page=9')).json()).toMatchObject({ total: 3, items: [] });
    expect(all.items).toHaveLength(2);
    const page2 = (await u.get('/api/tracks?limit=2&page=2')).json();
    expect(page2.items).toHaveLength(1);
    const rainy = (await u.get('/api/tracks?q=rainy')).json();
    expect(rainy.total).toBe(2);
    // Every word, in any order, in the title or the prompt.
    expect((await u.get('/api/tracks?q=piano%20rainy')).json().total).toBe(1);
    expect((await u.get('/api/tracks?q=%20RAINY%20%20window%20')).json().total).toBe(1);
    expect((await u.get('/api/tracks?q=rainy%20groove')).json().total).toBe(0);
    const pct = (await u.get('/api/tracks?q=%25')).json(); // a literal %, not a wildcard
    expect(pct.total).toBe(0);
    expect((await u.get('/api/tracks?status=COMPLETE')).json().total).toBe(0);
    expect((await u.get('/api/tracks?status=QUEUED')).json().total).toBe(3);
    const s = await t.rt.database.db.select().from(series).where(eq(series.userId, u.id));
    expect((await u.get(`/api/tracks?series_id=${s[0]!.id}`)).json().total).toBe(3);
    expect((await u.get('/api/tracks?genre=ambient')).json().total).toBe(2);
    const house = (await u.get('/api/tracks?genre=house')).json();
    expect(house.items.map((i: { genre: string }) => i.genre)).toEqual(['house']);
    expect((await u.get('/api/tracks?genre=jazz&q=rainy')).json().total).toBe(0);
  });

  it("sorts over all of the user's tracks, not one page: newest, oldest, title (any case), longest", async () => {
    const u = await signUp(t);
    const made = [
      { title: 'banjo dawn', duration_s: 30 },
      { title: 'Cello dusk', duration_s: 60 },
      { title: 'accordion noon', duration_s: 45 },
    ];
    for (const m of made) expect((await u.post('/api/tracks', validTrack(m))).statusCode).toBe(201);
    // Two pages of two: the order must hold across pages, not only within one.
    const titles = async (query: string) => {
      const out: string[] = [];
      for (const page of [1, 2]) {
        const body = (await u.get(`/api/tracks?limit=2&page=${page}${query}`)).json();
        out.push(...body.items.map((i: { title: string }) => i.title));
      }
      return out;
    };
    expect(await titles('')).toEqual(['accordion noon', 'Cello dusk', 'banjo dawn']);
    expect(await titles('&sort=newest')).toEqual(['accordion noon', 'Cello dusk', 'banjo dawn']);
    expect(await titles('&sort=oldest')).toEqual(['banjo dawn', 'Cello dusk', 'accordion noon']);
    expect(await titles('&sort=title')).toEqual(['accordion noon', 'banjo dawn', 'Cello dusk']);
    expect(await titles('&sort=longest')).toEqual(['Cello dusk', 'accordion noon', 'banjo dawn']);
    // With a filter too (the filtered query path).
    expect(await titles('&sort=title&status=QUEUED')).toEqual(['accordion noon', 'banjo dawn', 'Cello dusk']);
  });

  it("enforces ownership: another user's track, job and events answer 404", async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const { track_id, job_id } = (await a.post('/api/tracks', validTrack())).json();
    for (const url of [
      `/api/tracks/${track_id}`,
      `/api/jobs/${job_id}`,
      `/api/jobs/${job_id}/events`,
      `/api/jobs/${job_id}/logs`,
    ]) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await b.patch(`/api/tracks/${track_id}`, { title: 'mine now' })).statusCode).toBe(404);
    expect((await b.delete(`/api/tracks/${track_id}`)).statusCode).toBe(404);
    expect(
      (
        await b.post(
          '/api/tracks',
          validTrack({
            series_id: (await a.t.rt.database.db.select().from(series).where(eq(series.userId, a.id)))[0]!.id,
          }),
        )
      ).statusCode,
    ).toBe(404);
    // Signed out: 401 in the error shape.
    const anon = await t.app.inject({ method: 'GET', url: '/api/tracks' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('patches the title; refuses to publish an unfinished track; public tracks show in explore', async () => {
    const u = await signUp(t);
    const { track_id } = (await u.post('/api/tracks', validTrack())).json();
    const renamed = await u.patch(`/api/tracks/${track_id}`, { title: 'Night Rain' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().title).toBe('Night Rain');
    const pub = await u.patch(`/api/tracks/${track_id}`, { public: true });
    expect(pub.statusCode).toBe(409);
    // Finish it by hand (the pipeline tests cover real completion), then publish.
    await t.rt.database.db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, track_id));
    expect((await u.patch(`/api/tracks/${track_id}`, { public: true })).statusCode).toBe(200);
    const other = await signUp(t);
    expect((await other.get(`/api/tracks/${track_id}`)).statusCode).toBe(200);
    const explore = (await t.app.inject({ method: 'GET', url: '/api/explore' })).json();
    expect(explore.items.map((i: { id: string }) => i.id)).toContain(track_id);
  });

  it('explore narrows the public tracks by style and words', async () => {
    const u = await signUp(t);
    const publish = async (prompt: string, genre: string) => {
      const { track_id } = (await u.post('/api/tracks', validTrack({ prompt, genre }))).json();
      await t.rt.database.db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, track_id));
      expect((await u.patch(`/api/tracks/${track_id}`, { public: true })).statusCode).toBe(200);
      return track_id as string;
    };
    const folk = await publish('campfire folk with a zither and hand claps', 'folk');
    const world = await publish('desert blues with a zither over hand drums', 'world');
    await u.post('/api/tracks', validTrack({ prompt: 'private folk sketch with a zither', genre: 'folk' }));
    const explore = async (qs: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/explore?${qs}` })).json() as {
        items: { id: string; genre: string }[];
        total: number;
      };
    const byGenre = await explore('genre=folk&limit=100');
    expect(byGenre.items.map((i) => i.id)).toContain(folk);
    expect(byGenre.items.map((i) => i.id)).not.toContain(world);
    expect(new Set(byGenre.items.map((i) => i.genre))).toEqual(new Set(['folk']));
    expect(byGenre.total).toBe(byGenre.items.length);
    expect((await explore('q=drums%20ZITHER')).items.map((i) => i.id)).toEqual([world]); // words in any order
    const zither = await explore('q=zither');
    expect(zither.items.map((i) => i.id).sort()).toEqual([folk, world].sort()); // the private one stays out
    expect((await explore('q=zither&genre=world')).items.map((i) => i.id)).toEqual([world]);
    expect((await explore('q=zither&genre=jazz')).total).toBe(0);
  });

  it('deleting a queued track cancels and refunds its job and removes the rows', async () => {
    const u = await signUp(t);
    const { track_id, job_id } = (await u.post('/api/tracks', validTrack({ duration_s: 60 }))).json();
    expect((await u.get('/api/me')).json().credits).toBe(398);
    expect((await u.get('/api/tracks')).json().total).toBe(1);
    const del = await u.delete(`/api/tracks/${track_id}`);
    expect(del.statusCode).toBe(204);
    expect((await u.get('/api/tracks')).json().total).toBe(0);
    expect((await u.get(`/api/tracks/${track_id}`)).statusCode).toBe(404);
    expect(await t.rt.database.db.select().from(jobs).where(eq(jobs.id, job_id))).toHaveLength(0);
    const me = (await u.get('/api/me')).json();
    expect(me.credits).toBe(400);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(400);
    const refunds = await t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.jobId, job_id));
    expect(refunds.map((r) => r.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
  });

  it('read caches never serve a stale library or job after a change', async () => {
    const u = await signUp(t);
    const a = (await u.post('/api/tracks', validTrack({ title: 'First' }))).json();
    expect((await u.get('/api/tracks')).json().items.map((i: { title: string }) => i.title)).toEqual([
      'First',
    ]);
    expect((await u.get(`/api/jobs/${a.job_id}`)).json().status).toBe('QUEUED');
    // A new track, a rename and a job's end each show on the very next read.
    await u.post('/api/tracks', validTrack({ title: 'Second' }));
    expect((await u.get('/api/tracks')).json().items.map((i: { title: string }) => i.title)).toEqual([
      'Second',
      'First',
    ]);
    await u.patch(`/api/tracks/${a.track_id}`, { title: 'Renamed' });
    expect((await u.get('/api/tracks')).json().items.map((i: { title: string }) => i.title)).toEqual([
      'Second',
      'Renamed',
    ]);
    await t.rt.runJob(a.job_id); // no provider in this app: the job fails and is refunded
    expect((await u.get(`/api/jobs/${a.job_id}`)).json().status).toBe('FAILED');
    expect((await u.get('/api/tracks')).json().items[1].status).toBe('FAILED');
    // Another user never sees this user's cached pages or jobs.
    const other = await signUp(t);
    expect((await other.get('/api/tracks')).json().items).toEqual([]);
    expect((await other.get(`/api/jobs/${a.job_id}`)).statusCode).toBe(404);
  });

  it('Idempotency-Key: a retried request is charged once and gets the same answer', async () => {
    const u = await signUp(t);
    const key = 'retry-me-1';
    const first = await u.post('/api/tracks', validTrack(), { 'idempotency-key': key });
    const second = await u.post('/api/tracks', validTrack(), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect((await u.get('/api/me')).json().credits).toBe(399);
    const different = await u.post('/api/tracks', validTrack({ duration_s: 45 }), { 'idempotency-key': key });
    expect(different.statusCode).toBe(422);
  });

  it('Idempotency-Key: a retry is answered as the first time even when the account could not afford it now', async () => {
    const u = await signUp(t);
    for (let i = 0; i < 9; i++) expect((await u.post('/api/tracks', validTrack())).statusCode).toBe(201);
    const key = { 'idempotency-key': 'the-tenth' };
    const tenth = await u.post('/api/tracks', validTrack(), key);
    expect(tenth.statusCode).toBe(201);
    // The free plan's 10 tracks a day are used up, yet the retry of the tenth is not refused.
    const retry = await u.post('/api/tracks', validTrack(), key);
    expect(retry.statusCode).toBe(tenth.statusCode);
    expect(retry.json()).toEqual(tenth.json());
    expect((await u.post('/api/tracks', validTrack())).statusCode).toBe(429);
    expect((await u.get('/api/tracks?limit=50')).json().items).toHaveLength(10);
  });

  it('free plan: at most 60 s and 10 tracks a UTC day, refusals say which limit and when it resets', async () => {
    const u = await signUp(t);
    const long = await u.post('/api/tracks', validTrack({ duration_s: 120 }));
    expect(long.statusCode).toBe(403);
    expect(long.json().error.details.limit).toBe('free_max_duration');
    for (let i = 0; i < 10; i++) expect((await u.post('/api/tracks', validTrack())).statusCode).toBe(201);
    const eleventh = await u.post('/api/tracks', validTrack());
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.details).toMatchObject({ limit: 'free_daily_tracks', max: 10 });
    expect(eleventh.json().error.message).toMatch(/resets at/);
    // A PRO user has neither limit.
    await t.rt.database.db.update(users).set({ plan: 'PRO' }).where(eq(users.id, u.id));
    expect((await u.post('/api/tracks', validTrack({ duration_s: 120 }))).statusCode).toBe(201);
  });

  it('serves OpenAPI at /docs and health endpoints', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    const spec = docs.json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/tracks', '/api/tracks/{id}', '/api/jobs/{id}/events']),
    );
    expect(spec.paths['/api/tracks'].post.requestBody).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.map((c: { ok: boolean }) => c.ok)).toEqual([true, true, true]);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toContain('queue_depth');
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses state changes from an untrusted Origin (CSRF)', async () => {
    const u = await signUp(t);
    const res = await u.request({
      method: 'POST',
      url: '/api/tracks',
      payload: validTrack(),
      headers: { origin: 'https://evil.example' },
    });
    expect(res.statusCode).toBe(403);
    expect((await u.get('/api/me')).json().credits).toBe(400);
  });
});

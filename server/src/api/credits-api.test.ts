import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, TestUser, validTrack } from '../../test/harness.ts';
import { jobs, users } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

/** Signs up through the real auth route with extra request headers (the trusted country header). */
async function signUpWith(
  t: TestApp,
  headers: Record<string, string>,
  remoteAddress = '127.0.0.1',
): Promise<TestUser> {
  const email = `c${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    remoteAddress,
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/json', ...headers },
    payload: { email, password: 'correct horse battery', name: 'c' },
  });
  expect(res.statusCode).toBe(200);
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  return new TestUser(t, (res.json() as { user: { id: string } }).user.id, email, cookie);
}

describe('credits API (PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The tests' requests come from 127.0.0.1: here, the trusted proxy.
    t = await startTestApp({
      db: 'pglite',
      env: { COUNTRY_HEADER: 'CF-IPCountry', TRUSTED_PROXIES: '127.0.0.1' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  const setPlan = (u: TestUser, plan: 'FREE' | 'PRO' | 'ENTERPRISE') =>
    t.rt.database.db.update(users).set({ plan }).where(eq(users.id, u.id));

  it('GET /api/credits: balance, plan, free-mode status, payments off without Stripe keys', async () => {
    const u = await signUp(t);
    const res = await u.get('/api/credits');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({
      balance: 400,
      plan: 'FREE',
      debt_credits: 0,
      ppp_band: 'HIGH',
      solidarity_opt_in: false,
      payments_enabled: false,
      quality_refund_days: 14,
      free_mode: {
        plan: 'FREE',
        max_duration_s: 60,
        daily_track_limit: 10,
        tracks_today: 0,
        remaining_today: 10,
        trial_days_left: 30,
        queue_priority: 10,
      },
    });
    expect(b.free_mode.resets_at).toMatch(/T00:00:00\.000Z$/);
    await u.post('/api/tracks', validTrack());
    expect((await u.get('/api/credits')).json().free_mode).toMatchObject({
      tracks_today: 1,
      remaining_today: 9,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/credits' })).statusCode).toBe(401);
  });

  it.each([
    [{ 'cf-ipcountry': 'IN' }, 'LMID', 'IN'],
    [{ 'cf-ipcountry': 'br' }, 'UMID', 'BR'],
    [{ 'cf-ipcountry': 'ET' }, 'LOW', 'ET'],
    [{ 'cf-ipcountry': 'DE' }, 'HIGH', 'DE'],
    [{ 'cf-ipcountry': 'XX' }, 'HIGH', 'XX'],
    [{ 'cf-ipcountry': 'T1' }, 'HIGH', null],
    [{}, 'HIGH', null],
  ])('PPP band from the trusted country header at sign-up: %o → %s', async (headers, band, country) => {
    const u = await signUpWith(t, headers);
    expect((await u.get('/api/credits')).json().ppp_band).toBe(band);
    const row = (await t.rt.database.db.select().from(users).where(eq(users.id, u.id)))[0]!;
    expect(row.signupCountry).toBe(country);
    // Fixed at sign-up: a later request from elsewhere changes nothing.
    await u.request({ method: 'GET', url: '/api/credits', headers: { 'cf-ipcountry': 'LR' } });
    expect((await u.get('/api/me')).json().ppp_band).toBe(band);
  });

  it('the country header from a client that is not a trusted proxy is ignored (it would pick its own price band)', async () => {
    const direct = await signUpWith(t, { 'cf-ipcountry': 'ET' }, '203.0.113.9');
    expect((await direct.get('/api/credits')).json().ppp_band).toBe('HIGH');
    const row = (await t.rt.database.db.select().from(users).where(eq(users.id, direct.id)))[0]!;
    expect(row.signupCountry).toBeNull();
    const packs = await t.app.inject({
      method: 'GET',
      url: '/api/credits/packs',
      headers: { 'cf-ipcountry': 'ET' },
      remoteAddress: '203.0.113.9',
    });
    expect(packs.json().breakdown.ppp_band).toBe('HIGH');
    expect(packs.json().packs[0].price_cents).toBe(3696);
  });

  it("packs at the caller's prices; the solidarity toggle (PATCH /api/me) changes them", async () => {
    const u = await signUpWith(t, { 'cf-ipcountry': 'MX' }); // upper-middle income → UMID
    const packs = (await u.get('/api/credits/packs')).json();
    expect(packs.packs).toEqual([
      { credits: 300, price_cents: 3327, price_usd: '33.27', seconds: 9000 },
      { credits: 700, price_cents: 7763, price_usd: '77.63', seconds: 21000 },
      { credits: 2000, price_cents: 22180, price_usd: '221.80', seconds: 60000 },
    ]);
    expect(packs.breakdown).toMatchObject({
      ppp_band: 'UMID',
      price_per_credit_usd: '0.1109',
      solidarity_multiplier: '1.00',
    });
    expect(packs.payments_enabled).toBe(false);
    const patched = await u.patch('/api/me', { solidarity_opt_in: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().solidarity_opt_in).toBe(true);
    const after = (await u.get('/api/credits/packs')).json();
    expect(after.packs.map((p: { price_cents: number }) => p.price_cents)).toEqual([2829, 6601, 18860]);
    expect(after.breakdown.solidarity_multiplier).toBe('0.85');
    // A client cannot pick its own band, nor solidarity through the query.
    expect((await u.patch('/api/me', { ppp_band: 'LOW' })).statusCode).toBe(400);
    await u.patch('/api/me', { solidarity_opt_in: false });
    expect((await u.get('/api/credits/packs?solidarity=true')).json().packs[0].price_cents).toBe(3327);
  });

  it('signed-out visitors (the pricing page) see the band of their country, with solidarity on request', async () => {
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers }).then((r) => r.json());
    expect((await get('/api/credits/packs')).packs[0].price_cents).toBe(3696);
    expect((await get('/api/credits/packs', { 'cf-ipcountry': 'NG' })).breakdown.ppp_band).toBe('LMID');
    expect(
      (await get('/api/credits/packs?solidarity=true', { 'cf-ipcountry': 'NG' })).packs[0].price_cents,
    ).toBe(2514);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/credits/packs?solidarity=maybe' })).statusCode,
    ).toBe(400);
  });

  it('ledger is paginated, newest first, and sums to the balance', async () => {
    const u = await signUp(t);
    for (const d of [30, 45, 60])
      expect((await u.post('/api/tracks', validTrack({ duration_s: d }))).statusCode).toBe(201);
    const p1 = (await u.get('/api/credits/ledger?page=1&limit=2')).json();
    expect(p1).toMatchObject({ page: 1, limit: 2, total: 4 });
    expect(p1.items.map((i: { amount: number }) => i.amount)).toEqual([-2, -2]);
    const p2 = (await u.get('/api/credits/ledger?page=2&limit=2')).json();
    expect(p2.items.map((i: { reason: string }) => i.reason)).toEqual(['DEDUCTION', 'TRIAL']);
    expect(p2.items[1].balance_after).toBe(400);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(395);
    expect((await u.get('/api/credits')).json().balance).toBe(395);
  });

  it('ledger entries name the track their credits went to, until it is deleted', async () => {
    const u = await signUp(t);
    const made = [];
    for (const title of ['Rain on tin', 'Dust and neon']) {
      const { track_id } = (await u.post('/api/tracks', validTrack({ title }))).json();
      made.push({ id: track_id as string, title });
    }
    const ledger = async () =>
      (await u.get('/api/credits/ledger?limit=10')).json().items as {
        reason: string;
        job_id: string | null;
        track: { id: string; title: string } | null;
      }[];
    const before = await ledger();
    expect(before.map((e) => [e.reason, e.track])).toEqual([
      ['DEDUCTION', made[1]],
      ['DEDUCTION', made[0]],
      ['TRIAL', null],
    ]);
    // Deleting the queued track refunds it; both rows stay, with their job, but no longer name it.
    expect((await u.delete(`/api/tracks/${made[0]!.id}`)).statusCode).toBe(204);
    const after = await ledger();
    expect(after.map((e) => [e.reason, e.track])).toEqual([
      ['REFUND', null],
      ['DEDUCTION', made[1]],
      ['DEDUCTION', null],
      ['TRIAL', null],
    ]);
    expect(after[0]!.job_id).toBe(before[1]!.job_id);
    // Another user's ledger never names this user's tracks.
    const other = await signUp(t);
    const theirs = (await other.get('/api/credits/ledger')).json().items as { track: unknown }[];
    expect(theirs.map((e) => e.track)).toEqual([null]);
  });

  it('cost preview: credits, balance after, allowed, and the reason the POST would give', async () => {
    const u = await signUp(t);
    const ok = (await u.get('/api/credits/cost-preview?duration_s=45')).json();
    expect(ok).toEqual({
      duration_s: 45,
      credits_required: 2,
      balance: 400,
      balance_after: 398,
      allowed: true,
      reason: null,
    });
    const long = (await u.get('/api/credits/cost-preview?duration_s=90')).json();
    expect(long).toMatchObject({ allowed: false, credits_required: 3, balance_after: 400 });
    expect(long.reason).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'free_max_duration' } });
    // The POST refuses with the same code.
    const post = await u.post('/api/tracks', validTrack({ duration_s: 90 }));
    expect(post.statusCode).toBe(403);
    expect(post.json().error.code).toBe(long.reason.code);

    await t.rt.database.db.update(users).set({ credits: 1 }).where(eq(users.id, u.id));
    const poor = (await u.get('/api/credits/cost-preview?duration_s=60')).json();
    expect(poor.reason).toMatchObject({ code: 'INSUFFICIENT_CREDITS', details: { balance: 1, required: 2 } });
    expect(poor.reason.message).toMatch(/needs 2 credits and you have 1/);
    expect((await u.get('/api/credits/cost-preview')).statusCode).toBe(400);
    expect((await u.get('/api/credits/cost-preview?duration_s=241')).statusCode).toBe(400);
  });

  it('plans as data: PRO makes 240 s tracks at normal priority, ENTERPRISE has no daily cap', async () => {
    const u = await signUp(t);
    await setPlan(u, 'PRO');
    const st = (await u.get('/api/credits')).json().free_mode;
    expect(st).toMatchObject({ plan: 'PRO', max_duration_s: 240, daily_track_limit: 200, queue_priority: 5 });
    const res = await u.post('/api/tracks', validTrack({ duration_s: 240 }));
    expect(res.statusCode).toBe(201);
    const job = (await t.rt.database.db.select().from(jobs).where(eq(jobs.id, res.json().job_id)))[0]!;
    expect(job.priority).toBe(5);
    await setPlan(u, 'ENTERPRISE');
    expect((await u.get('/api/credits')).json().free_mode).toMatchObject({
      daily_track_limit: null,
      remaining_today: null,
      queue_priority: 1,
    });
    await t.rt.database.db.update(users).set({ dayTrackCount: 10_000 }).where(eq(users.id, u.id));
    const e = await u.post('/api/tracks', validTrack({ duration_s: 30 }));
    expect(e.statusCode).toBe(201);
    expect(
      (await t.rt.database.db.select().from(jobs).where(eq(jobs.id, e.json().job_id)))[0]!.priority,
    ).toBe(1);
  });

  it('PRO daily cap is enforced and said', async () => {
    const u = await signUp(t);
    await setPlan(u, 'PRO');
    const today = new Date().toISOString().slice(0, 10);
    await t.rt.database.db
      .update(users)
      .set({ dayTrackCount: 200, dayTrackDate: today })
      .where(eq(users.id, u.id));
    const res = await u.post('/api/tracks', validTrack());
    expect(res.statusCode).toBe(429);
    expect(res.json().error.details).toMatchObject({ limit: 'daily_tracks', plan: 'PRO', max: 200 });
  });

  it('content policy: a refused prompt, title or lyrics is a 422 naming the rule, and nothing is charged', async () => {
    const u = await signUp(t);
    const d = t.rt.database.db;
    const before = await ledgerSum(d, u.id);
    for (const body of [
      validTrack({ prompt: 'a ballad in the style of t4yl0r sw1ft' }),
      validTrack({ title: 'Star Wars cantina remix' }),
      validTrack({ has_vocals: true, lyrics: 'porn star dreams all night long' }),
    ]) {
      const res = await u.post('/api/tracks', body, { 'idempotency-key': `k-${Math.random()}` });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('CONTENT_POLICY');
      expect(res.json().error.details.rule).toMatch(/artist_imitation|trademark|sexual/);
    }
    expect(await ledgerSum(d, u.id)).toBe(before);
    expect((await u.get('/api/credits')).json()).toMatchObject({
      balance: before,
      free_mode: { tracks_today: 0 },
    });
    expect((await u.get('/api/tracks')).json().total).toBe(0);
    // Innocent words that contain blocked substrings go through.
    const ok = await u.post(
      '/api/tracks',
      validTrack({ prompt: 'cocktail jazz for a therapist in Scunthorpe' }),
    );
    expect(ok.statusCode).toBe(201);
    // PATCH title is checked too.
    const renamed = await u.patch(`/api/tracks/${ok.json().track_id}`, { title: 'Hogwarts at night' });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json().error.details).toMatchObject({
      rule: 'trademark',
      field: 'title',
      name: 'Hogwarts',
    });
  });
});

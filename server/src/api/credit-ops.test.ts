import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { creditLedger, jobs, tracks, users } from '../db/schema/index.ts';
import { operatorToken } from '../secrets.ts';
import { lapseExpiredTrials } from '../services/credit-ops.ts';
import { ledgerSum } from '../services/credits.ts';

describe.each(['pglite', 'postgres'] as const)('quality refund, operator API, trial lapse on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: kind });
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.rt.database.db;
  const balance = async (u: TestUser) => (await u.get('/api/credits')).json().balance as number;
  /** Marks a job and its track COMPLETE as a worker would have, `daysAgo` days ago. */
  const markComplete = async (jobId: string, daysAgo = 0) => {
    const at = new Date(Date.now() - daysAgo * 86_400_000);
    const job = (
      await db()
        .update(jobs)
        .set({ status: 'COMPLETE', progress: 100, finishedAt: at })
        .where(eq(jobs.id, jobId))
        .returning()
    )[0]!;
    await db().update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, job.trackId!));
  };

  it('refunds ceil(50 %) of a COMPLETE track once; not before it is complete', async () => {
    const u = await signUp(t);
    const created = (await u.post('/api/tracks', validTrack({ duration_s: 15 }))).json();
    const early = await u.post(`/api/tracks/${created.track_id}/refund-quality`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toMatchObject({ status: 'QUEUED' });
    await markComplete(created.job_id);
    const fresh = (await u.get(`/api/tracks/${created.track_id}`)).json();
    expect(fresh.status).toBe('COMPLETE');
    expect(fresh.quality_refund).toBeNull(); // not refunded yet
    // A later job of another kind on the same track (e.g. cover art) is not what was charged.
    await db()
      .insert(jobs)
      .values({
        kind: 'cover-art',
        payload: {},
        trackId: created.track_id,
        userId: u.id,
        status: 'COMPLETE',
        finishedAt: new Date(Date.now() + 1000),
      });
    const before = await balance(u);
    const res = await u.post(`/api/tracks/${created.track_id}/refund-quality`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      track_id: created.track_id,
      job_id: created.job_id,
      refunded_credits: 1, // ceil(1 / 2)
      balance: before + 1,
    });
    // The owner's track says it was refunded, and how much (others never learn it).
    const after = (await u.get(`/api/tracks/${created.track_id}`)).json();
    expect(after.quality_refund).toEqual({ credits: 1, refunded_at: expect.any(String) });
    expect(Date.now() - Date.parse(after.quality_refund.refunded_at)).toBeLessThan(60_000);
    await db().update(tracks).set({ public: true }).where(eq(tracks.id, created.track_id));
    const stranger = await signUp(t);
    expect((await stranger.get(`/api/tracks/${created.track_id}`)).json()).not.toHaveProperty(
      'quality_refund',
    );
    expect((await u.get('/api/tracks')).json().items[0]).not.toHaveProperty('quality_refund');
    const again = await u.post(`/api/tracks/${created.track_id}/refund-quality`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already refunded/);
    const rows = await db().select().from(creditLedger).where(eq(creditLedger.jobId, created.job_id));
    expect(rows.map((r) => [r.reason, r.amount, r.meta?.kind ?? null]).sort()).toEqual([
      ['DEDUCTION', -1, null],
      ['REFUND', 1, 'quality'],
    ]);
    expect(await ledgerSum(db(), u.id)).toBe(await balance(u));
  });

  it('rounds half up (3 credits → 2), is refunded at most once under 20 parallel requests, within 14 days only', async () => {
    const u = await signUp(t);
    await db().update(users).set({ plan: 'PRO' }).where(eq(users.id, u.id));
    const a = (await u.post('/api/tracks', validTrack({ duration_s: 75 }))).json();
    expect(a.credits_required).toBe(3);
    await markComplete(a.job_id);
    const before = await balance(u);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => u.post(`/api/tracks/${a.track_id}/refund-quality`)),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect(await balance(u)).toBe(before + 2);

    const old = (await u.post('/api/tracks', validTrack({ duration_s: 30 }))).json();
    await markComplete(old.job_id, 15);
    const late = await u.post(`/api/tracks/${old.track_id}/refund-quality`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details).toMatchObject({ window_days: 14 });
    const inside = (await u.post('/api/tracks', validTrack({ duration_s: 30 }))).json();
    await markComplete(inside.job_id, 13);
    expect((await u.post(`/api/tracks/${inside.track_id}/refund-quality`)).statusCode).toBe(200);

    // Someone else's track is not found.
    const other = await signUp(t);
    expect((await other.post(`/api/tracks/${inside.track_id}/refund-quality`)).statusCode).toBe(404);
    expect(await ledgerSum(db(), u.id)).toBe(await balance(u));
  });

  it('operator API: token required; plan set; grant and adjust are ADJUSTMENT rows; never below zero', async () => {
    const u = await signUp(t);
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    const call = (url: string, payload: object, auth?: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
      });
    expect((await call('/api/admin/plan', { email: u.email, plan: 'PRO' })).statusCode).toBe(401);
    expect((await call('/api/admin/plan', { email: u.email, plan: 'PRO' }, 'x'.repeat(43))).statusCode).toBe(
      401,
    );
    // A user's session is not an operator token.
    expect((await u.post('/api/admin/plan', { email: u.email, plan: 'PRO' })).statusCode).toBe(401);

    const p = await call('/api/admin/plan', { email: u.email.toUpperCase(), plan: 'ENTERPRISE' }, token);
    expect(p.statusCode).toBe(200);
    expect((await u.get('/api/credits')).json().plan).toBe('ENTERPRISE');
    expect((await call('/api/admin/plan', { email: u.email, plan: 'GOLD' }, token)).statusCode).toBe(400);
    expect(
      (await call('/api/admin/plan', { email: 'nobody@example.com', plan: 'PRO' }, token)).statusCode,
    ).toBe(404);

    const g = await call(
      '/api/admin/credits',
      { email: u.email, amount: 100, kind: 'grant', note: 'ticket 7' },
      token,
    );
    expect(g.json()).toMatchObject({ amount: 100, balance: 500, debt_credits: 0 });
    const adj = await call('/api/admin/credits', { email: u.email, amount: -30, note: 'typo fix' }, token);
    expect(adj.json()).toMatchObject({ amount: -30, balance: 470 });
    const tooMuch = await call('/api/admin/credits', { email: u.email, amount: -471, note: 'x' }, token);
    expect(tooMuch.statusCode).toBe(409);
    expect((await call('/api/admin/credits', { email: u.email, amount: 0 }, token)).statusCode).toBe(400);
    const rows = await db()
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.userId, u.id), eq(creditLedger.reason, 'ADJUSTMENT')));
    expect(rows.map((r) => [r.amount, r.meta])).toEqual(
      expect.arrayContaining([
        [100, { kind: 'operator_grant', note: 'ticket 7' }],
        [-30, { kind: 'operator_adjustment', note: 'typo fix' }],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(await ledgerSum(db(), u.id)).toBe(470);
  });

  it('trial lapse: unspent TRIAL credits lapse once through one ADJUSTMENT; bought credits stay', async () => {
    const u = await signUp(t); // 400 TRIAL
    const spent = (await u.post('/api/tracks', validTrack({ duration_s: 60 }))).json(); // −2
    await u.post('/api/tracks', validTrack({ duration_s: 30 })); // −1
    // A grant the user keeps (e.g. a purchase or support credit) is not trial.
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/credits',
      payload: { email: u.email, amount: 50, kind: 'grant' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await balance(u)).toBe(447);
    expect(spent.credits_required).toBe(2);
    const now = new Date();
    // Not expired yet: nothing happens.
    expect((await lapseExpiredTrials({ ctx: { db: db() }, input: { now } })).users).toBe(0);
    await db()
      .update(users)
      .set({ trialExpiresAt: new Date(now.getTime() - 1000) })
      .where(eq(users.id, u.id));
    const r = await lapseExpiredTrials({ ctx: { db: db() }, input: { now } });
    expect(r.users).toBeGreaterThanOrEqual(1);
    expect(await balance(u)).toBe(50); // 400 − 3 used = 397 lapse; the 50 stay
    const lapse = await db()
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.userId, u.id), eq(creditLedger.reason, 'ADJUSTMENT')));
    expect(lapse.filter((l) => l.meta?.kind === 'trial_lapse').map((l) => l.amount)).toEqual([-397]);
    // Twice, and in parallel, changes nothing more.
    await Promise.all([1, 2, 3].map(() => lapseExpiredTrials({ ctx: { db: db() }, input: { now } })));
    expect(await balance(u)).toBe(50);
    expect(await ledgerSum(db(), u.id)).toBe(50);
    expect((await db().select().from(users).where(eq(users.id, u.id)))[0]!.trialLapsedAt).not.toBeNull();
  });

  it('trial lapse never takes more than the balance', async () => {
    const u = await signUp(t);
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/credits',
      payload: { email: u.email, amount: -390, note: 'test' },
      headers: { authorization: `Bearer ${token}` },
    });
    await db()
      .update(users)
      .set({ trialExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(users.id, u.id));
    await lapseExpiredTrials({ ctx: { db: db() }, input: { now: new Date() } });
    expect(await balance(u)).toBe(0);
    expect(await ledgerSum(db(), u.id)).toBe(0);
  });
});

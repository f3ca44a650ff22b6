import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DbKind,
  signUp,
  startTestApp,
  type TestApp,
  type TestUser,
  until,
  validTrack,
} from '../../test/harness.ts';
import { creditLedger, jobs, tracks, users } from '../db/schema/index.ts';
import { cancelJob, claimJob, completeJob } from '../services/jobs.ts';
import { TRACK_OBJECT_KINDS, type TrackObjectKind, trackObjectKey } from '../services/storage/index.ts';

// Cancelling one's own track (POST /api/jobs/:id/cancel) on both databases: owner only, a final
// job refused in words, the charge back as exactly one REFUND row in the status change's
// transaction, the event stream's final event; a running local render stops and stores nothing;
// a cancel racing the worker's completion ends in exactly one of the two, credits right.

async function ledgerOf(t: TestApp, jobId: string) {
  return t.rt.database.db
    .select({ reason: creditLedger.reason, amount: creditLedger.amount, meta: creditLedger.meta })
    .from(creditLedger)
    .where(eq(creditLedger.jobId, jobId));
}

/** The balance on the user row equals the sum of the user's ledger. */
async function expectBalanceIsLedgerSum(t: TestApp, u: TestUser) {
  const db = t.rt.database.db;
  const [row] = await db.select({ credits: users.credits }).from(users).where(eq(users.id, u.id));
  const [sum] = await db
    .select({ n: sql<string>`coalesce(sum(${creditLedger.amount}), 0)` })
    .from(creditLedger)
    .where(eq(creditLedger.userId, u.id));
  expect(row!.credits).toBe(Number(sum!.n));
  expect((await u.get('/api/credits')).json().balance).toBe(row!.credits);
}

async function storedObjects(t: TestApp, trackId: string) {
  const found: string[] = [];
  for (const kind of Object.keys(TRACK_OBJECT_KINDS) as TrackObjectKind[]) {
    const key = trackObjectKey({ trackId, kind, version: 1 });
    if (await t.rt.storage.exists(key)) found.push(key);
  }
  return found;
}

describe.each<DbKind>(['pglite', 'postgres'])('cancel a track (%s)', (db) => {
  describe('queued (no worker runs)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ db, dispatch: false });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('the owner cancels a queued track: CANCELLED, one REFUND row, the balance back, the stream ends', async () => {
      const u = await signUp(t);
      const before = (await u.get('/api/credits')).json().balance as number;
      const created = await u.post('/api/tracks', validTrack({ duration_s: 60 }));
      expect(created.statusCode).toBe(201);
      const { job_id, track_id, credits_required } = created.json();
      expect(credits_required).toBe(2);
      expect((await u.get('/api/credits')).json().balance).toBe(before - 2);
      // Read once before: the API's read caches (job, library page) must not answer the old state.
      expect((await u.get(`/api/jobs/${job_id}`)).json().status).toBe('QUEUED');
      expect((await u.get('/api/tracks')).json().items[0]).toMatchObject({ id: track_id, status: 'QUEUED' });

      const res = await u.post(`/api/jobs/${job_id}/cancel`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ job_id, track_id, status: 'CANCELLED', credits_refunded: 2 });

      const job = (await u.get(`/api/jobs/${job_id}`)).json();
      expect(job.status).toBe('CANCELLED');
      expect(job.error).toBe('Cancelled — 2 credits returned.');
      const track = (await u.get(`/api/tracks/${track_id}`)).json();
      expect(track.status).toBe('CANCELLED');
      expect((await u.get('/api/tracks')).json().items[0]).toMatchObject({
        id: track_id,
        status: 'CANCELLED',
      });
      expect(track.error_message).toBe('Cancelled — 2 credits returned.');

      const ledger = await ledgerOf(t, job_id);
      expect(ledger.map((l) => l.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
      const refund = ledger.find((l) => l.reason === 'REFUND')!;
      expect(refund.amount).toBe(2);
      expect(refund.meta).toMatchObject({ kind: 'cancel', track_id });
      expect((await u.get('/api/credits')).json().balance).toBe(before);
      await expectBalanceIsLedgerSum(t, u);

      // The job's event stream: its events up to the final CANCELLED one, then the end.
      const sse = await u.get(`/api/jobs/${job_id}/events`);
      const events = sse.body
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => JSON.parse(l.slice(6)));
      expect(events.map((e) => e.status)).toEqual(['QUEUED', 'CANCELLED']);
      expect(events.at(-1).message).toBe('Cancelled — 2 credits returned.');

      // The library's status filter finds it.
      const list = (await u.get('/api/tracks?status=CANCELLED')).json();
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([track_id]);
    });

    it('a second cancel is a 409 in words; nothing more comes back', async () => {
      const u = await signUp(t);
      const { job_id } = (await u.post('/api/tracks', validTrack())).json();
      expect((await u.post(`/api/jobs/${job_id}/cancel`)).statusCode).toBe(200);
      const again = await u.post(`/api/jobs/${job_id}/cancel`);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toEqual({
        error: {
          code: 'CONFLICT',
          message: 'This track is already cancelled.',
          details: { status: 'CANCELLED' },
        },
      });
      expect((await ledgerOf(t, job_id)).filter((l) => l.reason === 'REFUND')).toHaveLength(1);
      await expectBalanceIsLedgerSum(t, u);
    });

    it("another user's job is a 404, and a malformed id a 400; the job stays as it was", async () => {
      const owner = await signUp(t);
      const other = await signUp(t);
      const { job_id } = (await owner.post('/api/tracks', validTrack())).json();
      const foreign = await other.post(`/api/jobs/${job_id}/cancel`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().error.code).toBe('NOT_FOUND');
      expect((await other.post('/api/jobs/not-a-uuid/cancel')).json().error.code).toBe('VALIDATION_ERROR');
      const anon = await t.app.inject({
        method: 'POST',
        url: `/api/jobs/${job_id}/cancel`,
        headers: { origin: 'http://localhost:3000' },
      });
      expect(anon.statusCode).toBe(401);
      expect((await owner.get(`/api/jobs/${job_id}`)).json().status).toBe('QUEUED');
      expect((await ledgerOf(t, job_id)).map((l) => l.reason)).toEqual(['DEDUCTION']);
    });

    it('a finished track is a 409 in words, its charge kept', async () => {
      const d = t.rt.database.db;
      const u = await signUp(t);
      const { job_id } = (await u.post('/api/tracks', validTrack())).json();
      await claimJob(d, job_id, 'w1', { leaseSec: 30, maxAttempts: 3 });
      expect(await completeJob(d, job_id, 'w1', { provider: 'local' })).not.toBeNull();
      const res = await u.post(`/api/jobs/${job_id}/cancel`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { status: 'COMPLETE' } });
      expect(res.json().error.message).toMatch(/already finished/);
      expect((await ledgerOf(t, job_id)).map((l) => l.reason)).toEqual(['DEDUCTION']);
    });

    it('a cancelled job is never run: a later claim finds it final', async () => {
      const u = await signUp(t);
      const { job_id } = (await u.post('/api/tracks', validTrack())).json();
      await u.post(`/api/jobs/${job_id}/cancel`);
      const claim = await claimJob(t.rt.database.db, job_id, 'late-worker', { leaseSec: 30, maxAttempts: 3 });
      expect(claim.outcome).toBe('final');
    });

    it('cancel racing the worker completing it: exactly one of the two wins, the credits follow it', async () => {
      const d = t.rt.database.db;
      const u = await signUp(t);
      const outcomes: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { job_id, track_id } = (await u.post('/api/tracks', validTrack({ seed: i }))).json();
        const claim = await claimJob(d, job_id, 'w1', { leaseSec: 30, maxAttempts: 3 });
        expect(claim.outcome).toBe('claimed');
        const complete = completeJob(d, job_id, 'w1', {
          provider: 'local',
          apply: async (tx) => {
            await tx.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, track_id));
          },
        });
        const cancel = cancelJob({ ctx: { db: d }, input: { userId: u.id, jobId: job_id } }).then(
          () => 'cancelled' as const,
          (err) => (err?.status === 409 ? ('refused' as const) : Promise.reject(err)),
        );
        // Alternate which one is sent first.
        const [completed, cancelled] =
          i % 2 === 0
            ? await Promise.all([complete, cancel])
            : await Promise.all([cancel, complete]).then(([c, k]) => [k, c] as const);
        const [job] = await d.select().from(jobs).where(eq(jobs.id, job_id));
        const [track] = await d.select().from(tracks).where(eq(tracks.id, track_id));
        const refunds = (await ledgerOf(t, job_id)).filter((l) => l.reason === 'REFUND');
        if (cancelled === 'cancelled') {
          expect(completed).toBeNull();
          expect(job!.status).toBe('CANCELLED');
          expect(track!.status).toBe('CANCELLED');
          expect(refunds).toHaveLength(1);
        } else {
          expect(completed).not.toBeNull();
          expect(job!.status).toBe('COMPLETE');
          expect(track!.status).toBe('COMPLETE');
          expect(refunds).toHaveLength(0);
        }
        outcomes.push(cancelled);
      }
      await expectBalanceIsLedgerSum(t, u);
      expect(outcomes).toHaveLength(6);
    });
  });

  // Embedded mode runs jobs in the API process; production mode's workers are separate processes
  // (worker/cancel-bullmq.test.ts).
  describe.runIf(db === 'pglite')('running on the local engine (embedded mode)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ db, dispatch: true, env: { JOB_LEASE_SEC: '6' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('a running render stops mid-way, stores nothing, never completes; charged then refunded once', async () => {
      const u = await signUp(t);
      const d = t.rt.database.db;
      // A PRO account's 4-minute track: its render takes several seconds, so the cancel lands in it.
      await d.update(users).set({ plan: 'PRO' }).where(eq(users.id, u.id));
      const before = (await u.get('/api/credits')).json().balance as number;
      const { job_id, track_id } = (
        await u.post('/api/tracks', validTrack({ duration_s: 240, seed: 7 }))
      ).json();
      await until(
        async () => {
          const [j] = await d.select().from(jobs).where(eq(jobs.id, job_id));
          return j!.status === 'RENDERING' && j!.progress > 5; // the engine is rendering
        },
        60_000,
        'the render under way',
      );
      const asked = Date.now();
      const res = await u.post(`/api/jobs/${job_id}/cancel`);
      expect(res.statusCode).toBe(200);
      expect(res.json().credits_refunded).toBe(8);
      // The run ends with a CANCELLED row in the job's log: the worker heard it and stopped.
      const logs = await until(
        async () => {
          const entries = (await u.get(`/api/jobs/${job_id}/logs`)).json().entries as {
            provider: string;
            error_code: string | null;
          }[];
          return entries.some((e) => e.error_code === 'CANCELLED') ? entries : null;
        },
        30_000,
        'the run stopped',
      );
      // The engine itself was stopped (its call ended CANCELLED), soon, not left to finish.
      expect(logs).toContainEqual(expect.objectContaining({ provider: 'local', error_code: 'CANCELLED' }));
      expect(Date.now() - asked).toBeLessThan(5000);
      // Give a worker that wrongly went on the time to finish the render and store it.
      await new Promise((r) => setTimeout(r, 8000));
      const [job] = await d.select().from(jobs).where(eq(jobs.id, job_id));
      expect(job!.status).toBe('CANCELLED');
      const [track] = await d.select().from(tracks).where(eq(tracks.id, track_id));
      expect(track!.status).toBe('CANCELLED');
      expect(track!.audioKey).toBeNull();
      expect(await storedObjects(t, track_id)).toEqual([]);
      // No cover job was queued for it.
      const covers = await d
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.trackId, track_id), eq(jobs.kind, 'cover-art')));
      expect(covers).toEqual([]);
      expect((await ledgerOf(t, job_id)).map((l) => l.reason).sort()).toEqual(['DEDUCTION', 'REFUND']);
      expect((await u.get('/api/credits')).json().balance).toBe(before);
      await expectBalanceIsLedgerSum(t, u);
    });
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../../../test/harness.ts';
import { creditLedger, jobs, stripePayments, users } from '../../db/schema/index.ts';
import { ledgerSum } from '../../services/credits.ts';
import { lapsePeriodStart, scheduleTrialLapse } from './trial-lapse.ts';

describe('trial-lapse job kind (registry)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', env: { TRIAL_LAPSE_INTERVAL_SEC: '3600' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lapses expired trials through the runner and arms the next period once', async () => {
    const db = t.rt.database.db;
    const u = await signUp(t);
    const fresh = await signUp(t);
    await db
      .update(users)
      .set({ trialExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(users.id, u.id));
    const ctx = { db, queue: t.rt.queue, registry: t.rt.registry };
    const first = await scheduleTrialLapse(ctx, 3600);
    expect(first.created).toBe(true);
    // Another process (or a restart) arming the same period gets the same job.
    const again = await scheduleTrialLapse(ctx, 3600);
    expect(again.created).toBe(false);
    expect(again.job.id).toBe(first.job.id);

    await t.rt.runJob(first.job.id);
    const done = (await db.select().from(jobs).where(eq(jobs.id, first.job.id)))[0]!;
    expect(done.status).toBe('COMPLETE');
    expect((await u.get('/api/credits')).json().balance).toBe(0);
    expect(await ledgerSum(db, u.id)).toBe(0);
    const lapse = await db
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.userId, u.id), eq(creditLedger.reason, 'ADJUSTMENT')));
    expect(lapse.map((l) => [l.amount, l.meta?.kind])).toEqual([[-400, 'trial_lapse']]);
    // The unexpired trial is untouched.
    expect((await fresh.get('/api/credits')).json().balance).toBe(400);

    const next = await db.select().from(jobs).where(eq(jobs.kind, 'trial-lapse'));
    expect(next).toHaveLength(2);
    const armed = next.find((j) => j.id !== first.job.id)!;
    const expected = new Date(lapsePeriodStart(new Date(), 3600).getTime() + 3_600_000);
    expect(armed).toMatchObject({ status: 'QUEUED', dedupeKey: `trial-lapse:${expected.toISOString()}` });
    expect(armed.runAfter?.toISOString()).toBe(expected.toISOString());
  });
});

// The same scheduled run deletes the kept refunds and disputes of payments never credited here
// once STRIPE_PENDING_RETENTION_DAYS have passed, in both modes (PGlite embedded, PostgreSQL).
describe.each(['pglite', 'postgres'] as const)(
  'trial-lapse job: the retention sweep of foreign payments on %s',
  (kind) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ db: kind, env: { STRIPE_PENDING_RETENTION_DAYS: '10' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('deletes the rows older than the retention, keeps the younger ones', async () => {
      const db = t.rt.database.db;
      const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
      await db.insert(stripePayments).values([
        {
          paymentIntentId: 'pi_other_product_old',
          refundedCents: 500,
          chargeCents: 500,
          updatedAt: daysAgo(11),
        },
        { paymentIntentId: 'pi_other_product_young', disputed: true, updatedAt: daysAgo(9) },
      ]);
      const ctx = { db, queue: t.rt.queue, registry: t.rt.registry };
      const { job } = await scheduleTrialLapse(ctx, 3600);
      await t.rt.runJob(job.id);
      const done = (await db.select().from(jobs).where(eq(jobs.id, job.id)))[0]!;
      expect(done.status).toBe('COMPLETE');
      expect((await db.select().from(stripePayments)).map((r) => r.paymentIntentId)).toEqual([
        'pi_other_product_young',
      ]);
    });
  },
);

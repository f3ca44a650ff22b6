import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { LocalStripe } from '../../test/stripe-server.ts';
import { creditLedger, jobs, tracks, users } from '../db/schema/index.ts';
import { operatorToken } from '../secrets.ts';
import { ledgerSum } from '../services/credits.ts';
import { failJob } from '../services/jobs.ts';

// One user, everything at once, on real PostgreSQL: purchases (webhooks, each
// delivered more than once), track requests, job failures (each failed twice at
// once), quality refunds (each asked twice at once), payment refunds and
// operator removals. Afterwards: balance = ledger sum, no balance was ever
// negative, every job charged once and refunded at most once.

const SECRET = 'sk_test_local_0123456789';
const WHSEC = `whsec_${randomBytes(24).toString('hex')}`;
const signer = new Stripe(SECRET);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('credit economy under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  const stripe = new LocalStripe(SECRET);
  beforeAll(async () => {
    t = await startTestApp({
      db: 'postgres',
      env: { STRIPE_SECRET_KEY: SECRET, STRIPE_WEBHOOK_SECRET: WHSEC, STRIPE_API_BASE: await stripe.start() },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stripe.close();
  });

  it('balance = ledger sum, never negative, each job charged once and refunded at most once', async () => {
    const db = t.rt.database.db;
    const random = rng(20261202);
    const u = await signUp(t);
    await db.update(users).set({ plan: 'ENTERPRISE' }).where(eq(users.id, u.id)); // no daily cap
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    const deliver = (type: string, object: unknown, id = `evt_${randomBytes(10).toString('hex')}`) => {
      const payload = JSON.stringify({
        id,
        object: 'event',
        type,
        created: 0,
        livemode: false,
        data: { object },
      });
      const header = signer.webhooks.generateTestHeaderString({ payload, secret: WHSEC });
      return t.app.inject({
        method: 'POST',
        url: '/api/webhooks/stripe',
        payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
      });
    };

    // Checkouts are made first (they only quote); their payments land during the storm.
    const sessions = [];
    for (let i = 0; i < 12; i++) {
      const c = (await u.post('/api/credits/checkout', { pack_credits: 300 })).json();
      sessions.push(stripe.paid(c.session_id));
    }

    const created: { job_id: string; track_id: string }[] = [];
    const ops: Promise<unknown>[] = [];
    // Wave 1: purchases (each event delivered 3 times) race 80 track requests.
    for (const s of sessions) {
      const id = `evt_${randomBytes(10).toString('hex')}`;
      for (let k = 0; k < 3; k++) ops.push(deliver('checkout.session.completed', s, id));
    }
    for (let i = 0; i < 80; i++) {
      const duration = 15 + Math.floor(random() * 226);
      ops.push(
        u.post('/api/tracks', validTrack({ duration_s: duration })).then((r) => {
          if (r.statusCode === 201) created.push(r.json());
          else expect([402, 409]).toContain(r.statusCode);
        }),
      );
    }
    await Promise.all(ops.splice(0));
    expect(created.length).toBeGreaterThan(20);

    // Wave 2: failures, completions + quality refunds, payment refunds, operator removals, more requests.
    for (const [i, c] of created.entries()) {
      if (i % 3 === 0) {
        ops.push(failJob(db, c.job_id, 'provider down'), failJob(db, c.job_id, 'provider down again'));
      } else if (i % 3 === 1) {
        ops.push(
          (async () => {
            await db
              .update(jobs)
              .set({ status: 'COMPLETE', finishedAt: new Date() })
              .where(eq(jobs.id, c.job_id));
            await db.update(tracks).set({ status: 'COMPLETE' }).where(eq(tracks.id, c.track_id));
            const rs = await Promise.all(
              [1, 2].map(() => u.post(`/api/tracks/${c.track_id}/refund-quality`)),
            );
            expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
          })(),
        );
      }
    }
    for (const s of sessions.slice(0, 4)) {
      const charge = {
        id: 'ch_x',
        object: 'charge',
        amount: 3696,
        amount_refunded: 3696,
        payment_intent: s.payment_intent,
      };
      const id = `evt_${randomBytes(10).toString('hex')}`;
      ops.push(deliver('charge.refunded', charge, id), deliver('charge.refunded', charge, id));
    }
    for (let i = 0; i < 6; i++) {
      ops.push(
        t.app.inject({
          method: 'POST',
          url: '/api/admin/credits',
          payload: { email: u.email, amount: -(50 + i * 25), note: `storm ${i}` },
          headers: { authorization: `Bearer ${token}` },
        }),
      );
    }
    for (let i = 0; i < 40; i++) {
      ops.push(u.post('/api/tracks', validTrack({ duration_s: 15 + Math.floor(random() * 226) })));
    }
    await Promise.all(ops.splice(0));

    const row = (await db.select().from(users).where(eq(users.id, u.id)))[0]!;
    expect(row.credits).toBeGreaterThanOrEqual(0);
    expect(row.debtCredits).toBeGreaterThanOrEqual(0);
    expect(await ledgerSum(db, u.id)).toBe(row.credits);
    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.userId, u.id));
    expect(Math.min(...ledger.map((l) => l.balanceAfter))).toBeGreaterThanOrEqual(0);
    const perJob = (await db.execute(sql`
      select job_id, count(*) filter (where reason = 'DEDUCTION')::int as deductions,
             count(*) filter (where reason = 'REFUND')::int as refunds
      from credit_ledger where user_id = ${u.id} and job_id is not null group by job_id`)) as unknown as {
      rows: { job_id: string; deductions: number; refunds: number }[];
    };
    const jobRows = perJob.rows;
    const userJobs = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.userId, u.id));
    expect(jobRows.length).toBe(userJobs.length);
    for (const j of jobRows) {
      expect(j.deductions).toBe(1);
      expect(j.refunds).toBeLessThanOrEqual(1);
    }
    expect(ledger.filter((l) => l.reason === 'PURCHASE')).toHaveLength(12);
    // Every kind of change really happened in the storm.
    const kinds = new Set(ledger.map((l) => `${l.reason}:${l.meta?.kind ?? ''}`));
    for (const k of [
      'REFUND:failure',
      'REFUND:quality',
      'ADJUSTMENT:payment_refund',
      'ADJUSTMENT:operator_adjustment',
    ]) {
      expect(kinds).toContain(k);
    }
  }, 180_000);
});

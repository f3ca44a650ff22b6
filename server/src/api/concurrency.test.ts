import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { creditLedger, tracks, users } from '../db/schema/index.ts';
import { applyCreditChange, ledgerSum } from '../services/credits.ts';

describe.each(['postgres', 'pglite'] as const)('concurrent track requests on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('50 simultaneous requests with credits for 10: exactly 10 accepted, balance 0, ledger = balance', async () => {
    const u = await signUp(t);
    const d = t.rt.database.db;
    await d.update(users).set({ plan: 'PRO' }).where(eq(users.id, u.id)); // no free daily limit in the way
    await u.get('/api/me'); // onboarded: 400 trial credits
    // Spend down to exactly 10 credits through the ledger, as an operator adjustment.
    await d.transaction((tx) =>
      applyCreditChange(tx, { userId: u.id, amount: -390, reason: 'ADJUSTMENT', meta: { test: true } }),
    );

    const results = await Promise.all(Array.from({ length: 50 }, () => u.post('/api/tracks', validTrack())));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 402)).toHaveLength(40);
    for (const r of results.filter((r) => r.statusCode === 402))
      expect(r.json().error.code).toBe('INSUFFICIENT_CREDITS');

    const me = (await u.get('/api/me')).json();
    expect(me.credits).toBe(0);
    expect(await ledgerSum(d, u.id)).toBe(0);
    expect(await d.select().from(tracks).where(eq(tracks.userId, u.id))).toHaveLength(10);
    const deductions = await d.select().from(creditLedger).where(eq(creditLedger.userId, u.id));
    expect(deductions.filter((l) => l.reason === 'DEDUCTION')).toHaveLength(10);
    // balance_after of each row is the running sum, in order.
    const sorted = [...deductions].sort((a, b) => a.balanceAfter - b.balanceAfter).reverse();
    expect(Math.min(...sorted.map((s) => s.balanceAfter))).toBe(0);
  });
});

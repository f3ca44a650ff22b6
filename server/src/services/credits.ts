import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { creditLedger, jobs, tracks, users } from '../db/schema/index.ts';
import { AppError, notFound } from './errors.ts';

export type LedgerReason = (typeof creditLedger.$inferInsert)['reason'];

export interface CreditChange {
  userId: string;
  amount: number; // positive adds, negative spends
  reason: LedgerReason;
  jobId?: string | null;
  meta?: Record<string, unknown>;
  pricingSnapshot?: Record<string, unknown>;
}

/**
 * Changes a balance and writes its ledger row, inside the caller's transaction.
 * (The one other writer of ledger rows is createTrack's single statement, which
 * charges with the same conditional UPDATE and inserts its DEDUCTION row from it.)
 * The conditional UPDATE both locks the user row and refuses to go below zero, so
 * concurrent spends serialise and the balance always equals the ledger sum.
 */
export async function applyCreditChange(tx: Tx, change: CreditChange): Promise<{ balanceAfter: number }> {
  if (!Number.isInteger(change.amount) || change.amount === 0) {
    throw new RangeError('a credit change is a non-zero integer');
  }
  const updated = await tx
    .update(users)
    .set({ credits: sql`${users.credits} + ${change.amount}`, updatedAt: new Date() })
    .where(and(eq(users.id, change.userId), sql`${users.credits} + ${change.amount} >= 0`))
    .returning({ credits: users.credits });
  const row = updated[0];
  if (!row) {
    const exists = await tx.select({ credits: users.credits }).from(users).where(eq(users.id, change.userId));
    if (!exists[0]) throw notFound('user');
    throw new AppError(402, 'INSUFFICIENT_CREDITS', 'Not enough credits for this request.', {
      balance: exists[0].credits,
      required: -change.amount,
    });
  }
  await tx.insert(creditLedger).values({
    userId: change.userId,
    amount: change.amount,
    reason: change.reason,
    balanceAfter: row.credits,
    jobId: change.jobId ?? null,
    meta: change.meta ?? null,
    pricingSnapshot: change.pricingSnapshot ?? null,
  });
  return { balanceAfter: row.credits };
}

export async function ledgerSum(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .select({ sum: sql<string>`coalesce(sum(${creditLedger.amount}), 0)` })
    .from(creditLedger)
    .where(eq(creditLedger.userId, userId));
  return Number(rows[0]?.sum ?? 0);
}

/**
 * A page of the user's ledger, newest first, each entry with the track its job was for (while the
 * track exists: deleting a track deletes its jobs, the ledger rows stay).
 */
export async function listLedger(db: DbOrTx, userId: string, page: number, limit: number) {
  const [items, total] = await Promise.all([
    db
      .select({ entry: creditLedger, trackId: tracks.id, trackTitle: tracks.title })
      .from(creditLedger)
      .leftJoin(jobs, and(eq(jobs.id, creditLedger.jobId), eq(jobs.userId, creditLedger.userId)))
      .leftJoin(tracks, eq(tracks.id, jobs.trackId))
      .where(eq(creditLedger.userId, userId))
      .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
      .limit(limit)
      .offset((page - 1) * limit),
    db.select({ n: count() }).from(creditLedger).where(eq(creditLedger.userId, userId)),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

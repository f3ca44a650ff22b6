import { qualityRefundCredits } from '@soundfoundry/contract/constants';
import { and, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.ts';
import { creditLedger, jobs, tracks, users } from '../db/schema/index.ts';
import { applyCreditChange } from './credits.ts';
import { AppError, conflict, credits, notFound } from './errors.ts';
import type { PlanName } from './plans.ts';
import type { PppBandName } from './pricing.ts';
import { isUniqueViolation } from './tracks.ts';

// CreditService's changes beyond charging a track (DESIGN.md §4): the quality
// refund, operator adjustments and plans, paying off a debt, and the trial lapse.
// Each is one transaction whose every credit change is one ledger row.

/**
 * Uses incoming credits to pay what a reversed payment left owed (users.debt_credits),
 * inside the caller's transaction: one ADJUSTMENT row of −min(balance, debt).
 */
export async function settleDebt(tx: Tx, userId: string): Promise<number> {
  const row = (
    await tx
      .select({ credits: users.credits, debt: users.debtCredits })
      .from(users)
      .where(eq(users.id, userId))
      .for('update')
  )[0];
  if (!row || row.debt <= 0 || row.credits <= 0) return 0;
  const paid = Math.min(row.credits, row.debt);
  await applyCreditChange(tx, {
    userId,
    amount: -paid,
    reason: 'ADJUSTMENT',
    meta: { kind: 'debt_settlement', debt_before: row.debt, debt_after: row.debt - paid },
  });
  await tx
    .update(users)
    .set({ debtCredits: sql`${users.debtCredits} - ${paid}` })
    .where(eq(users.id, userId));
  return paid;
}

/**
 * A track's quality refund, once made: the REFUND row of its render's job marked `kind: quality`
 * (refundQuality writes it), or null. The track page shows it instead of offering the refund again.
 */
export async function qualityRefundOf(
  db: DbOrTx,
  trackId: string,
): Promise<{ credits: number; refunded_at: string } | null> {
  const row = (
    await db
      .select({ amount: creditLedger.amount, at: creditLedger.createdAt })
      .from(creditLedger)
      .innerJoin(jobs, eq(jobs.id, creditLedger.jobId))
      .where(
        and(
          eq(jobs.trackId, trackId),
          eq(jobs.kind, 'generate-music'),
          eq(creditLedger.reason, 'REFUND'),
          sql`${creditLedger.meta}->>'kind' = 'quality'`,
        ),
      )
      .limit(1)
  )[0];
  return row ? { credits: row.amount, refunded_at: row.at.toISOString() } : null;
}

export interface QualityRefundResult {
  track_id: string;
  job_id: string;
  refunded_credits: number;
  balance: number;
}

/**
 * Refunds ceil(50 %) of a COMPLETE track's charge, once, within `windowDays` of
 * its completion. The ledger's unique (job_id, reason) index is what makes "once"
 * hold under any concurrency (a failure refund and a quality refund are both REFUND).
 */
export async function refundQuality({
  ctx,
  input,
}: {
  ctx: { db: Db; windowDays: number };
  input: { userId: string; trackId: string; now: Date };
}): Promise<QualityRefundResult> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const track = (
        await tx
          .select({ id: tracks.id, status: tracks.status })
          .from(tracks)
          .where(and(eq(tracks.id, input.trackId), eq(tracks.userId, input.userId)))
          .for('update')
      )[0];
      if (!track) throw notFound('track');
      if (track.status !== 'COMPLETE') {
        throw conflict('Only a finished (COMPLETE) track can be refunded for quality.', {
          status: track.status,
        });
      }
      const job = (
        await tx
          .select({ id: jobs.id, finishedAt: jobs.finishedAt })
          .from(jobs)
          // The track's own render (other kinds, e.g. cover art, may share its track id).
          .where(
            and(eq(jobs.trackId, track.id), eq(jobs.kind, 'generate-music'), eq(jobs.status, 'COMPLETE')),
          )
          .orderBy(desc(jobs.finishedAt))
          .limit(1)
      )[0];
      if (!job) throw conflict('This track has no completed job to refund.');
      const deadline = (job.finishedAt ?? input.now).getTime() + ctx.windowDays * 86_400_000;
      if (input.now.getTime() > deadline) {
        throw conflict(
          `Quality refunds are possible within ${ctx.windowDays} days of a track's completion; this one's window closed on ${new Date(deadline).toISOString()}.`,
          { window_days: ctx.windowDays, closed_at: new Date(deadline).toISOString() },
        );
      }
      const ledger = await tx
        .select({ reason: creditLedger.reason, amount: creditLedger.amount })
        .from(creditLedger)
        .where(eq(creditLedger.jobId, job.id));
      if (ledger.some((r) => r.reason === 'REFUND')) throw alreadyRefunded();
      const charged = -(ledger.find((r) => r.reason === 'DEDUCTION')?.amount ?? 0);
      if (charged <= 0) throw conflict('This track was not charged, so there is nothing to refund.');
      const refund = qualityRefundCredits(charged);
      await applyCreditChange(tx, {
        userId: input.userId,
        amount: refund,
        reason: 'REFUND',
        jobId: job.id,
        meta: { kind: 'quality', track_id: track.id, charged },
      });
      await settleDebt(tx, input.userId);
      const balance = (
        await tx.select({ c: users.credits }).from(users).where(eq(users.id, input.userId))
      )[0]!.c;
      return { track_id: track.id, job_id: job.id, refunded_credits: refund, balance };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyRefunded();
    throw err;
  }
}

const alreadyRefunded = () => conflict('This track was already refunded; a track is refunded at most once.');

async function userByEmail(db: Db | Tx, email: string) {
  const u = (
    await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
  )[0];
  if (!u) throw new AppError(404, 'NOT_FOUND', `no user with email ${email}`);
  return u;
}

export async function setPlan({ ctx, input }: { ctx: { db: Db }; input: { email: string; plan: PlanName } }) {
  const u = await userByEmail(ctx.db, input.email);
  await ctx.db.update(users).set({ plan: input.plan, updatedAt: new Date() }).where(eq(users.id, u.id));
  return { email: u.email, plan: input.plan };
}

/** The PPP band is fixed at sign-up; afterwards only an operator changes it (e.g. a user who moved). */
export async function setPppBand({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { email: string; ppp_band: PppBandName };
}) {
  const u = await userByEmail(ctx.db, input.email);
  await ctx.db
    .update(users)
    .set({ pppBand: input.ppp_band, updatedAt: new Date() })
    .where(eq(users.id, u.id));
  return { email: u.email, ppp_band: input.ppp_band };
}

/**
 * An operator's change of a balance: one ADJUSTMENT row with the note. Added
 * credits first pay any debt; a removal larger than the balance is refused (the
 * balance never goes negative).
 */
export async function adjustCredits({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { email: string; amount: number; note?: string | null; kind: 'grant' | 'adjust' };
}) {
  const u = await userByEmail(ctx.db, input.email);
  return ctx.db.transaction(async (tx) => {
    const current = (
      await tx.select({ c: users.credits }).from(users).where(eq(users.id, u.id)).for('update')
    )[0]!.c;
    if (current + input.amount < 0) {
      throw new AppError(
        409,
        'INSUFFICIENT_CREDITS',
        `Cannot remove ${credits(-input.amount)}: the balance is ${current}.`,
        {
          balance: current,
        },
      );
    }
    await applyCreditChange(tx, {
      userId: u.id,
      amount: input.amount,
      reason: 'ADJUSTMENT',
      meta: {
        kind: input.kind === 'grant' ? 'operator_grant' : 'operator_adjustment',
        note: input.note ?? null,
      },
    });
    if (input.amount > 0) await settleDebt(tx, u.id);
    const after = (
      await tx.select({ c: users.credits, d: users.debtCredits }).from(users).where(eq(users.id, u.id))
    )[0]!;
    return { email: u.email, amount: input.amount, balance: after.c, debt_credits: after.d };
  });
}

/**
 * Unspent TRIAL credits lapse once the trial has expired: one ADJUSTMENT of
 * −min(balance, trial − net generation spending), and trial_lapsed_at so it
 * happens once. Credits are spent trial-first, so bought credits never lapse.
 * Safe to run from several processes at once (the row lock and the
 * trial_lapsed_at condition decide who does it). Returns how many users lapsed.
 */
export async function lapseExpiredTrials({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { now: Date; batch?: number };
}): Promise<{ users: number; credits: number }> {
  const due = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(isNull(users.trialLapsedAt), isNotNull(users.onboardedAt), lte(users.trialExpiresAt, input.now)),
    )
    .limit(input.batch ?? 500);
  let lapsedUsers = 0;
  let lapsedCredits = 0;
  for (const { id } of due) {
    const credits = await ctx.db.transaction(async (tx) => {
      const u = (
        await tx
          .select({ credits: users.credits })
          .from(users)
          .where(and(eq(users.id, id), isNull(users.trialLapsedAt), lte(users.trialExpiresAt, input.now)))
          .for('update')
      )[0];
      if (!u) return null; // another process did it
      const sums = (
        await tx
          .select({
            trial: sql<string>`coalesce(sum(${creditLedger.amount}) filter (where ${creditLedger.reason} = 'TRIAL'), 0)`,
            used: sql<string>`coalesce(-sum(${creditLedger.amount}) filter (where ${creditLedger.reason} in ('DEDUCTION', 'REFUND')), 0)`,
          })
          .from(creditLedger)
          .where(eq(creditLedger.userId, id))
      )[0]!;
      const trial = Number(sums.trial);
      const used = Number(sums.used);
      const unspent = Math.max(0, Math.min(u.credits, trial - used));
      if (unspent > 0) {
        await applyCreditChange(tx, {
          userId: id,
          amount: -unspent,
          reason: 'ADJUSTMENT',
          meta: { kind: 'trial_lapse', trial_credits: trial, used_credits: used },
        });
      }
      await tx.update(users).set({ trialLapsedAt: input.now }).where(eq(users.id, id));
      return unspent;
    });
    if (credits !== null) {
      lapsedUsers++;
      lapsedCredits += credits;
    }
  }
  return { users: lapsedUsers, credits: lapsedCredits };
}

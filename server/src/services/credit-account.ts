import type { CostPreview, CreditPacks, CreditsBalance } from '@soundfoundry/contract';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { creditsForDuration, SECONDS_PER_CREDIT, utcDayWindow } from './credits-rules.ts';
import { AppError, insufficientCredits, notFound, outstandingDebt } from './errors.ts';
import { freeModeStatus } from './free-mode.ts';
import { checkPlanLimits } from './free-tier.ts';
import type { PlanRules } from './plans.ts';
import { type PppBandName, type PricingRules, priceBreakdown, quotePacks } from './pricing.ts';

// What a user sees of their account's money: balance, plan limits, prices, and
// what a track would cost. Reads only; every change goes through credits.ts.

export interface AccountCtx {
  db: DbOrTx;
  plans: PlanRules;
  pricing: PricingRules;
  paymentsEnabled: boolean;
  /** QUALITY_REFUND_DAYS: told to the user before they ask for a quality refund. */
  qualityRefundDays: number;
}

async function loadAccount(db: DbOrTx, userId: string) {
  const row = (
    await db
      .select({
        credits: users.credits,
        plan: users.plan,
        pppBand: users.pppBand,
        solidarityOptIn: users.solidarityOptIn,
        trialExpiresAt: users.trialExpiresAt,
        dayTrackCount: users.dayTrackCount,
        dayTrackDate: users.dayTrackDate,
        debtCredits: users.debtCredits,
        onboardedAt: users.onboardedAt,
      })
      .from(users)
      .where(eq(users.id, userId))
  )[0];
  if (!row) throw notFound('user');
  return row;
}

export async function getCreditsStatus({
  ctx,
  input,
}: {
  ctx: AccountCtx;
  input: { userId: string; now: Date };
}): Promise<CreditsBalance> {
  const u = await loadAccount(ctx.db, input.userId);
  return {
    balance: u.credits,
    plan: u.plan,
    trial_expires_at: u.trialExpiresAt?.toISOString() ?? null,
    debt_credits: u.debtCredits,
    ppp_band: u.pppBand,
    solidarity_opt_in: u.solidarityOptIn,
    free_mode: freeModeStatus(u, ctx.plans, input.now),
    payments_enabled: ctx.paymentsEnabled,
    quality_refund_days: ctx.qualityRefundDays,
  };
}

/**
 * What a track of `durationS` would cost and whether it would be accepted now,
 * with the refusal the POST would answer (same checks, same words).
 */
export async function previewCost({
  ctx,
  input,
}: {
  ctx: AccountCtx;
  input: { userId: string; durationS: number; now: Date };
}): Promise<CostPreview> {
  const u = await loadAccount(ctx.db, input.userId);
  const required = creditsForDuration(input.durationS);
  let reason: CostPreview['reason'] = null;
  try {
    if (u.debtCredits > 0) throw outstandingDebt(u.debtCredits, ctx.paymentsEnabled);
    const today = utcDayWindow(input.now).start.toISOString().slice(0, 10);
    const tracksToday = u.dayTrackDate === today ? u.dayTrackCount : 0;
    checkPlanLimits(u.plan, ctx.plans, { durationS: input.durationS, tracksToday, now: input.now });
    if (u.credits < required) {
      throw insufficientCredits(u.credits, required, ctx.paymentsEnabled);
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    reason = { code: err.code, message: err.message, details: err.details };
  }
  return {
    duration_s: input.durationS,
    credits_required: required,
    balance: u.credits,
    balance_after: reason ? u.credits : u.credits - required,
    allowed: reason === null,
    reason,
  };
}

/**
 * The packs at the caller's own prices (PPP band, solidarity) and how they are made.
 * A signed-out visitor (the pricing page) sees the band of the request's trusted
 * country, and solidarity prices when asked.
 */
export async function listPacks({
  ctx,
  input,
}: {
  ctx: AccountCtx;
  input: { userId: string | null; visitor?: { pppBand: PppBandName; solidarityOptIn: boolean } };
}): Promise<CreditPacks> {
  const buyer = input.userId
    ? await loadAccount(ctx.db, input.userId).then((u) => ({
        pppBand: u.pppBand,
        solidarityOptIn: u.solidarityOptIn,
      }))
    : (input.visitor ?? { pppBand: 'HIGH' as const, solidarityOptIn: false });
  return {
    currency: 'usd',
    packs: quotePacks(ctx.pricing, buyer).map((p) => ({ ...p, seconds: p.credits * SECONDS_PER_CREDIT })),
    breakdown: priceBreakdown(ctx.pricing, buyer),
    payments_enabled: ctx.paymentsEnabled,
  };
}

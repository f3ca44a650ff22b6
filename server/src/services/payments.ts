import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, Tx } from '../db/client.ts';
import { checkouts, stripeEvents, users } from '../db/schema/index.ts';
import { settleDebt } from './credit-ops.ts';
import { applyCreditChange } from './credits.ts';
import { AppError, badRequest, notFound } from './errors.ts';
import { type PricingRules, pricingSnapshot } from './pricing.ts';

// Credit packs paid through Stripe Checkout (DESIGN.md §4, DEPENDENCY-NOTES.md).
// A checkout row freezes the quoted price (its pricing snapshot) before the user
// pays; the webhook credits exactly that, once, and reverses it on a refund or
// dispute without ever taking the balance below zero (the rest becomes a debt).

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  apiBase: string | null;
}

/**
 * The SDK pointed at Stripe, or at STRIPE_API_BASE (our local Stripe-protocol server in tests).
 * Loaded only when payments are configured (the SDK takes ≈0.1–0.4 s to import).
 */
export async function createStripeClient(s: StripeSettings): Promise<Stripe> {
  const { default: StripeSdk } = await import('stripe');
  const base = s.apiBase ? new URL(s.apiBase) : null;
  return new StripeSdk(s.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  });
}

export const paymentsNotConfigured = () =>
  new AppError(
    409,
    'PAYMENTS_NOT_CONFIGURED',
    'Payments are not configured on this server (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are unset). Ask the operator for credits.',
  );

export interface PaymentsCtx {
  db: Db;
  stripe: Stripe | null;
  webhookSecret: string | null;
  pricing: PricingRules;
  /** Where Stripe sends the buyer back when the request names no trusted origin of its own. */
  publicUrl: string;
  /** Origins a buyer may be sent back to (PUBLIC_URL, TRUSTED_ORIGINS, and outside production the machine's own). */
  trustedOrigins: readonly string[];
}

/**
 * The origin Stripe sends the buyer back to: the page's own when it is trusted, so a
 * person who opened the app at 127.0.0.1 returns to 127.0.0.1 with their cookie (a
 * return to PUBLIC_URL's "localhost" would find them signed out); else PUBLIC_URL.
 */
export function checkoutReturnOrigin(
  ctx: Pick<PaymentsCtx, 'publicUrl' | 'trustedOrigins'>,
  origin: unknown,
) {
  return typeof origin === 'string' && ctx.trustedOrigins.includes(origin) ? origin : ctx.publicUrl;
}

/**
 * Starts paying for a pack: records the quote (pricing snapshot), then asks Stripe
 * for a Checkout Session in payment mode with that price. The checkout id is the
 * Stripe idempotency key, so a retried call cannot make two sessions.
 */
export async function createCheckout({
  ctx,
  input,
}: {
  ctx: PaymentsCtx;
  input: { userId: string; packCredits: number; now: Date; returnOrigin?: string };
}) {
  if (!ctx.stripe) throw paymentsNotConfigured();
  const back = checkoutReturnOrigin(ctx, input.returnOrigin);
  if (!ctx.pricing.packs.includes(input.packCredits)) {
    throw badRequest(
      `There is no pack of ${input.packCredits} credits; packs are ${ctx.pricing.packs.join(', ')}.`,
      {
        packs: ctx.pricing.packs,
      },
    );
  }
  const u = (
    await ctx.db
      .select({
        id: users.id,
        email: users.email,
        pppBand: users.pppBand,
        solidarityOptIn: users.solidarityOptIn,
      })
      .from(users)
      .where(eq(users.id, input.userId))
  )[0];
  if (!u) throw notFound('user');
  const snapshot = pricingSnapshot(ctx.pricing, u, input.packCredits, input.now);
  const row = (
    await ctx.db
      .insert(checkouts)
      .values({
        userId: u.id,
        packCredits: input.packCredits,
        priceCents: snapshot.outputs.price_cents,
        pricingSnapshot: snapshot as unknown as Record<string, unknown>,
      })
      .returning({ id: checkouts.id })
  )[0]!;
  let session: Stripe.Checkout.Session;
  try {
    session = await ctx.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: snapshot.outputs.price_cents,
              product_data: {
                name: `${input.packCredits} SoundFoundry credits`,
                description: `${input.packCredits * 30} seconds of music at ${snapshot.breakdown.price_per_credit_usd} USD per credit (${u.pppBand}${u.solidarityOptIn ? ', solidarity' : ''})`,
              },
            },
          },
        ],
        client_reference_id: u.id,
        customer_email: u.email,
        metadata: { user_id: u.id, pack_credits: String(input.packCredits), checkout_id: row.id },
        payment_intent_data: { metadata: { user_id: u.id, checkout_id: row.id } },
        success_url: `${back}/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${back}/credits?checkout=cancelled`,
      },
      { idempotencyKey: `checkout-${row.id}` },
    );
  } catch (err) {
    // The quote row stays (OPEN, no session): if Stripe did create the session before the
    // failure reached us, its webhook still finds what was quoted and credits it.
    throw new AppError(503, 'SERVICE_UNAVAILABLE', 'The payment provider did not answer; please try again.', {
      provider_error: (err as Error).message,
    });
  }
  await ctx.db.update(checkouts).set({ stripeSessionId: session.id }).where(eq(checkouts.id, row.id));
  if (!session.url)
    throw new AppError(503, 'SERVICE_UNAVAILABLE', 'The payment provider returned no checkout page.');
  return {
    checkout_id: row.id,
    session_id: session.id,
    url: session.url,
    price_cents: snapshot.outputs.price_cents,
    credits: input.packCredits,
  };
}

/** Verifies a webhook's signature on its raw bytes (300 s tolerance) and returns the event. */
export function verifyStripeEvent(
  ctx: PaymentsCtx,
  raw: Buffer,
  signature: string | undefined,
): Stripe.Event {
  if (!ctx.stripe || !ctx.webhookSecret) throw paymentsNotConfigured();
  if (!signature) throw badRequest('Missing Stripe-Signature header.');
  try {
    return ctx.stripe.webhooks.constructEvent(raw, signature, ctx.webhookSecret, 300);
  } catch (err) {
    throw badRequest(`Webhook signature verification failed: ${(err as Error).message}`);
  }
}

export type EventOutcome = 'credited' | 'duplicate' | 'reversed' | 'ignored' | 'already_fulfilled';

/**
 * Applies one verified Stripe event, once: the event id is recorded in the same
 * transaction as its effect, so a replay (or 100 in parallel) finds it and does
 * nothing. A refusal (unknown checkout, pack or user) rolls everything back and
 * answers 4xx, so no credits move.
 */
export async function handleStripeEvent({
  ctx,
  input,
}: {
  ctx: PaymentsCtx;
  input: { event: Stripe.Event; now: Date };
}): Promise<EventOutcome> {
  const { event } = input;
  return ctx.db.transaction(async (tx) => {
    const fresh = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!fresh[0]) return 'duplicate';
    switch (event.type) {
      case 'checkout.session.completed':
        if (event.data.object.payment_status !== 'paid') return 'ignored'; // async payment: wait for its outcome
        return fulfil(tx, ctx, event.data.object, event.id, input.now);
      case 'checkout.session.async_payment_succeeded':
        return fulfil(tx, ctx, event.data.object, event.id, input.now);
      case 'charge.refunded': {
        const charge = event.data.object;
        const pi = idOf(charge.payment_intent);
        if (!pi || charge.amount <= 0) return 'ignored';
        return reverse(tx, pi, event.id, 'refund', (packCredits) =>
          Math.ceil((packCredits * charge.amount_refunded) / charge.amount),
        );
      }
      case 'charge.dispute.created': {
        const pi = idOf(event.data.object.payment_intent);
        if (!pi) return 'ignored';
        return reverse(tx, pi, event.id, 'dispute', (packCredits) => packCredits);
      }
      default:
        return 'ignored';
    }
  });
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));

async function fulfil(
  tx: Tx,
  ctx: PaymentsCtx,
  session: Stripe.Checkout.Session,
  eventId: string,
  now: Date,
): Promise<EventOutcome> {
  const md = session.metadata ?? {};
  const checkoutId = md.checkout_id ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(checkoutId)) throw badRequest('The session carries no checkout id of ours.');
  const row = (await tx.select().from(checkouts).where(eq(checkouts.id, checkoutId)).for('update'))[0];
  if (!row) throw notFound('checkout');
  const packCredits = Number(md.pack_credits);
  if (!ctx.pricing.packs.includes(packCredits) || packCredits !== row.packCredits) {
    throw badRequest(`Unknown pack ${md.pack_credits ?? '(none)'} for this checkout.`);
  }
  const userId = md.user_id;
  if (!userId || userId !== row.userId || session.client_reference_id !== row.userId) {
    throw badRequest("The session's user does not match the checkout's.");
  }
  const user = (await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)))[0];
  if (!user) throw notFound('user');
  if (session.amount_total !== row.priceCents || (session.currency ?? '').toLowerCase() !== row.currency) {
    throw badRequest('The amount paid is not the amount quoted.', {
      quoted_cents: row.priceCents,
      paid_cents: session.amount_total,
    });
  }
  if (row.status === 'PAID') return 'already_fulfilled'; // completed, then async_payment_succeeded
  const paymentIntent = idOf(session.payment_intent as string | { id: string } | null);
  await applyCreditChange(tx, {
    userId,
    amount: row.packCredits,
    reason: 'PURCHASE',
    meta: {
      checkout_id: row.id,
      stripe_session_id: session.id,
      payment_intent: paymentIntent,
      event_id: eventId,
    },
    pricingSnapshot: row.pricingSnapshot,
  });
  await tx
    .update(checkouts)
    .set({ status: 'PAID', paidAt: now, stripeSessionId: session.id, paymentIntentId: paymentIntent })
    .where(eq(checkouts.id, row.id));
  // The first completed purchase moves a free account to Pro.
  await tx
    .update(users)
    .set({ plan: 'PRO', updatedAt: now })
    .where(and(eq(users.id, userId), eq(users.plan, 'FREE')));
  await settleDebt(tx, userId);
  return 'credited';
}

/**
 * Takes back a paid pack's credits after a refund or dispute: up to the balance as
 * one negative ADJUSTMENT, the rest recorded as debt (which blocks generation).
 * `target` is how many of the pack's credits should be reversed in total by now.
 */
async function reverse(
  tx: Tx,
  paymentIntent: string,
  eventId: string,
  kind: 'refund' | 'dispute',
  target: (packCredits: number) => number,
): Promise<EventOutcome> {
  const row = (
    await tx.select().from(checkouts).where(eq(checkouts.paymentIntentId, paymentIntent)).for('update')
  )[0];
  if (!row) return 'ignored'; // not a payment of ours
  if (row.status !== 'PAID') return 'ignored';
  const due = Math.min(row.packCredits, target(row.packCredits)) - row.creditsReversed;
  if (due <= 0) return 'ignored';
  const u = (
    await tx.select({ credits: users.credits }).from(users).where(eq(users.id, row.userId)).for('update')
  )[0]!;
  const taken = Math.min(u.credits, due);
  if (taken > 0) {
    await applyCreditChange(tx, {
      userId: row.userId,
      amount: -taken,
      reason: 'ADJUSTMENT',
      meta: {
        kind: `payment_${kind}`,
        checkout_id: row.id,
        payment_intent: paymentIntent,
        event_id: eventId,
        owed: due - taken,
      },
    });
  }
  if (due > taken) {
    await tx
      .update(users)
      .set({ debtCredits: sql`${users.debtCredits} + ${due - taken}` })
      .where(eq(users.id, row.userId));
  }
  await tx
    .update(checkouts)
    .set({ creditsReversed: row.creditsReversed + due, ...(kind === 'dispute' ? { disputed: true } : {}) })
    .where(eq(checkouts.id, row.id));
  return 'reversed';
}

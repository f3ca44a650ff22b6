import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, Tx } from '../db/client.ts';
import { checkouts, stripeEvents, stripePayments, users } from '../db/schema/index.ts';
import { settleDebt } from './credit-ops.ts';
import { applyCreditChange } from './credits.ts';
import { AppError, badRequest, notFound } from './errors.ts';
import { type PricingRules, pricingSnapshot } from './pricing.ts';

// Credit packs paid through Stripe Checkout (DESIGN.md §4, DEPENDENCY-NOTES.md).
// A checkout row freezes the quoted price (its pricing snapshot) before the user
// pays; the webhook credits exactly that, once, and reverses it on a refund or
// dispute without ever taking the balance below zero (the rest becomes a debt),
// whichever of the completion and the reversal Stripe delivers first; a dispute
// the merchant wins gives back what it took.

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

export type EventOutcome =
  | 'credited'
  | 'duplicate'
  | 'reversed'
  | 'restored'
  | 'pending'
  | 'ignored'
  | 'already_fulfilled';

/**
 * Applies one verified Stripe event, once: the event id is recorded in the same
 * transaction as its effect, so a replay (or 100 in parallel) finds it and does
 * nothing. A refusal (unknown checkout, pack or user) rolls everything back and
 * answers 4xx, so no credits move. Stripe does not order events: a refund or
 * dispute of a payment not credited yet is kept (`stripe_payments`, outcome
 * 'pending') and applied by the completion that credits it.
 */
export async function handleStripeEvent({
  ctx,
  input,
}: {
  ctx: PaymentsCtx;
  input: { event: Stripe.Event; now: Date };
}): Promise<EventOutcome> {
  const { event, now } = input;
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
        return fulfil(tx, ctx, event.data.object, event.id, now);
      case 'checkout.session.async_payment_succeeded':
        return fulfil(tx, ctx, event.data.object, event.id, now);
      case 'charge.refunded': {
        const charge = event.data.object;
        const pi = idOf(charge.payment_intent);
        if (!pi || !isCents(charge.amount) || charge.amount <= 0 || !isCents(charge.amount_refunded)) {
          return 'ignored';
        }
        return reverse(tx, pi, event.id, now, {
          kind: 'refund',
          chargeCents: charge.amount,
          refundedCents: Math.min(charge.amount, charge.amount_refunded),
        });
      }
      case 'charge.dispute.created': {
        const pi = idOf(event.data.object.payment_intent);
        if (!pi) return 'ignored';
        return reverse(tx, pi, event.id, now, { kind: 'dispute' });
      }
      case 'charge.dispute.closed': {
        // Only a won dispute returns the money to us. `lost` keeps the reversal; `warning_closed`
        // (an inquiry closed) and any other status change nothing either.
        const dispute = event.data.object;
        const pi = idOf(dispute.payment_intent);
        if (!pi || dispute.status !== 'won') return 'ignored';
        return reverse(tx, pi, event.id, now, { kind: 'dispute_won', disputeId: dispute.id });
      }
      default:
        return 'ignored';
    }
  });
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === 'string' ? v : (v?.id ?? null));
/** An amount in cents that fits the integer columns (2^31 − 1 cents is far above any pack's price). */
const isCents = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 2 ** 31 - 1;
/** ⌈a / b⌉ for non-negative integers, exactly. */
const ceilDiv = (a: number, b: number) => (a - (a % b)) / b + (a % b === 0 ? 0 : 1);

type PaymentState = typeof stripePayments.$inferSelect;

/**
 * The reversal state of a payment intent, locked for this transaction; inserted when absent.
 * Completions and reversals of one payment intent all come through here first, so they run one
 * after the other: an insert waits for a concurrent uncommitted insert of the same key, and the
 * select that follows (a new snapshot under READ COMMITTED) sees what that one committed.
 */
async function lockPayment(tx: Tx, paymentIntent: string): Promise<PaymentState> {
  // The retention sweep may delete the row between the insert and the lock (a foreign payment
  // intent heard of again just as its row expires): then the insert is made again.
  for (;;) {
    await tx.insert(stripePayments).values({ paymentIntentId: paymentIntent }).onConflictDoNothing();
    const row = (
      await tx
        .select()
        .from(stripePayments)
        .where(eq(stripePayments.paymentIntentId, paymentIntent))
        .for('update')
    )[0];
    if (row) return row;
  }
}

/** A dispute that still holds: opened and not (yet) won. */
const disputeHolds = (p: PaymentState) => p.disputed && !p.disputeWon;

/**
 * How many of a pack's credits should be reversed by now: all of it while a dispute holds, else
 * pro rata of the refund (so a won dispute leaves only what was refunded reversed).
 */
function reversalTarget(p: PaymentState, packCredits: number): number {
  if (disputeHolds(p)) return packCredits;
  if (p.refundedCents <= 0 || p.chargeCents <= 0) return 0;
  return Math.min(packCredits, ceilDiv(packCredits * p.refundedCents, p.chargeCents));
}

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
  const paymentIntent = idOf(session.payment_intent as string | { id: string } | null);
  // Lock order, here and in reverse(): the payment intent's row, the checkout, the user.
  const payment = paymentIntent ? await lockPayment(tx, paymentIntent) : null;
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
  // The first completed purchase moves a free account to Pro (a refund or dispute, in whichever
  // order it arrives, does not move it back).
  await tx
    .update(users)
    .set({ plan: 'PRO', updatedAt: now })
    .where(and(eq(users.id, userId), eq(users.plan, 'FREE')));
  // A refund or dispute that arrived first is applied now, as it would have been after the credit.
  if (payment && paymentIntent) {
    await applyReversal(tx, { ...row, paymentIntentId: paymentIntent }, payment, {
      kind: disputeHolds(payment) ? 'dispute' : 'refund',
      eventId,
      heldEventId: payment.lastEventId,
    });
  }
  await settleDebt(tx, userId);
  return 'credited';
}

type ReversalChange =
  | { kind: 'refund'; chargeCents: number; refundedCents: number }
  | { kind: 'dispute' }
  | { kind: 'dispute_won'; disputeId: string };

/**
 * Records a refund, dispute or won dispute of a payment intent, then moves the credits it calls
 * for if that payment is one of our credited purchases; else it is kept ('pending') for the
 * completion that credits it. `charge.refunded` reports the cumulative refunded amount, so the
 * largest one heard counts (an older event arriving late changes nothing). A won dispute is
 * heard once per payment intent (Stripe allows one dispute per charge): another `closed` event
 * for it, or a `created` arriving after it, changes nothing.
 */
async function reverse(
  tx: Tx,
  paymentIntent: string,
  eventId: string,
  now: Date,
  change: ReversalChange,
): Promise<EventOutcome> {
  let payment = await lockPayment(tx, paymentIntent);
  const update =
    change.kind === 'dispute'
      ? payment.disputed
        ? null
        : { disputed: true }
      : change.kind === 'dispute_won'
        ? // A closed dispute was opened, even if its `created` has not reached us yet.
          payment.disputeWon
          ? null
          : { disputed: true, disputeWon: true }
        : change.refundedCents > payment.refundedCents
          ? { chargeCents: change.chargeCents, refundedCents: change.refundedCents }
          : null;
  if (update) {
    payment = { ...payment, ...update, lastEventId: eventId };
    await tx
      .update(stripePayments)
      .set({ ...update, lastEventId: eventId, updatedAt: now })
      .where(eq(stripePayments.paymentIntentId, paymentIntent));
  }
  const row = (
    await tx.select().from(checkouts).where(eq(checkouts.paymentIntentId, paymentIntent)).for('update')
  )[0];
  // Not credited yet (its completion has not arrived), or not a payment of ours: kept either way.
  if (!row) return 'pending';
  if (row.status !== 'PAID') return 'pending';
  if (change.kind === 'dispute_won') {
    // Nothing new (a second `closed`): nothing to give back.
    if (!update) return 'ignored';
    return restoreWonDispute(tx, row, payment, { eventId, disputeId: change.disputeId });
  }
  return applyReversal(tx, row, payment, { kind: change.kind, eventId, heldEventId: null });
}

/**
 * Takes back what a paid pack's reversal state calls for beyond what was already taken: up to
 * the balance as one negative ADJUSTMENT, the rest recorded as debt (which blocks generation).
 */
async function applyReversal(
  tx: Tx,
  row: typeof checkouts.$inferSelect,
  payment: PaymentState,
  how: { kind: 'refund' | 'dispute'; eventId: string; heldEventId: string | null },
): Promise<EventOutcome> {
  const due = reversalTarget(payment, row.packCredits) - row.creditsReversed;
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
        kind: `payment_${how.kind}`,
        checkout_id: row.id,
        payment_intent: row.paymentIntentId,
        event_id: how.eventId,
        ...(how.heldEventId ? { held_event_id: how.heldEventId } : {}),
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
    .set({
      creditsReversed: row.creditsReversed + due,
      ...(payment.disputed ? { disputed: true } : {}),
      // What a won dispute cancels first (a refund's debt stays: a refund is not undone).
      ...(how.kind === 'dispute' && due > taken ? { disputeDebt: row.disputeDebt + due - taken } : {}),
    })
    .where(eq(checkouts.id, row.id));
  return 'reversed';
}

/**
 * Gives back what a won dispute took from a credited pack: the pack's reversal falls to what its
 * refunds alone call for, and the difference is restored — first by cancelling the debt the
 * dispute recorded (what it could not take from the balance; as far as that debt is still
 * owed — credits paid toward it since are balance again), then as one positive ADJUSTMENT
 * `dispute_won` for the rest. Credits coming in pay any other debt first, as a purchase's do.
 *
 * The plan is left as it is: a reversal never moved the account back from PRO (the first purchase's
 * FREE → PRO stands through refunds and disputes, see fulfil), so a won dispute has no plan change to
 * undo — and the buyer, who did pay, keeps what they paid for.
 */
async function restoreWonDispute(
  tx: Tx,
  row: typeof checkouts.$inferSelect,
  payment: PaymentState,
  how: { eventId: string; disputeId: string },
): Promise<EventOutcome> {
  const back = row.creditsReversed - reversalTarget(payment, row.packCredits);
  if (back <= 0) return 'ignored';
  const u = (
    await tx.select({ debt: users.debtCredits }).from(users).where(eq(users.id, row.userId)).for('update')
  )[0]!;
  const cancelled = Math.min(back, row.disputeDebt, u.debt);
  if (cancelled > 0) {
    await tx
      .update(users)
      .set({ debtCredits: sql`${users.debtCredits} - ${cancelled}` })
      .where(eq(users.id, row.userId));
  }
  const credited = back - cancelled;
  if (credited > 0) {
    await applyCreditChange(tx, {
      userId: row.userId,
      amount: credited,
      reason: 'ADJUSTMENT',
      meta: {
        kind: 'dispute_won',
        checkout_id: row.id,
        payment_intent: row.paymentIntentId,
        dispute_id: how.disputeId,
        event_id: how.eventId,
        debt_cancelled: cancelled,
      },
    });
  }
  await tx
    .update(checkouts)
    .set({ creditsReversed: row.creditsReversed - back, disputeDebt: 0 })
    .where(eq(checkouts.id, row.id));
  await settleDebt(tx, row.userId);
  return 'restored';
}

/**
 * Deletes the kept reversals of payment intents no completion credited (`stripe_payments` rows with
 * no checkout of that payment intent) last heard of more than `retentionDays` ago: another
 * product's payments on the same Stripe account, which would otherwise stay forever. By then none
 * of them can still become one of our purchases: a Checkout Session can be paid for at most 24 h,
 * and Stripe retries a webhook delivery for up to 3 days, so a completion arrives within about 4
 * days of the payment — and a refund or dispute comes after its payment. Rows of credited payments
 * are never touched. Safe from several processes at once, and against a completion or reversal of
 * the same payment intent at that moment (the rows are locked, then checked again).
 */
export async function sweepForeignPayments({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { now: Date; retentionDays: number; batch?: number };
}): Promise<number> {
  const cutoff = new Date(input.now.getTime() - input.retentionDays * 86_400_000);
  const notOurs = notExists(
    ctx.db
      .select({ one: sql`1` })
      .from(checkouts)
      .where(eq(checkouts.paymentIntentId, stripePayments.paymentIntentId)),
  );
  return ctx.db.transaction(async (tx) => {
    // Lock the candidates first (skipping any a webhook holds now), then delete them in a second
    // statement: its snapshot is newer than the locks, so a completion that committed meanwhile is seen.
    const due = await tx
      .select({ pi: stripePayments.paymentIntentId })
      .from(stripePayments)
      .where(and(lt(stripePayments.updatedAt, cutoff), notOurs))
      .limit(input.batch ?? 1000)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;
    const gone = await tx
      .delete(stripePayments)
      .where(
        and(
          inArray(
            stripePayments.paymentIntentId,
            due.map((r) => r.pi),
          ),
          lt(stripePayments.updatedAt, cutoff),
          notOurs,
        ),
      )
      .returning({ pi: stripePayments.paymentIntentId });
    return gone.length;
  });
}

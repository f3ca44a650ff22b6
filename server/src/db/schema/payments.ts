import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A credit-pack checkout: the price quoted (its pricing snapshot) when the user
 * asked to pay, and what became of it. Its id travels in the Stripe session's
 * metadata; the webhook credits exactly what was quoted here, once.
 */
export const checkouts = pgTable(
  'checkouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    packCredits: integer('pack_credits').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('usd'),
    pricingSnapshot: jsonb('pricing_snapshot').$type<Record<string, unknown>>().notNull(),
    stripeSessionId: text('stripe_session_id').unique(),
    paymentIntentId: text('payment_intent_id').unique(),
    status: text('status', { enum: ['OPEN', 'PAID'] })
      .notNull()
      .default('OPEN'),
    /** Credits taken back by refunds and disputes so far (never more than packCredits). */
    creditsReversed: integer('credits_reversed').notNull().default(0),
    disputed: boolean('disputed').notNull().default(false),
    /**
     * Of creditsReversed, what the dispute's reversal could not take from the balance and recorded as
     * debt: a won dispute cancels this much of the debt first, then credits the rest of what it took.
     */
    disputeDebt: integer('dispute_debt').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    paidAt: ts('paid_at'),
  },
  (t) => [index('checkouts_user_idx').on(t.userId, t.createdAt)],
);

/** Stripe events already handled: a replayed event id is acknowledged and ignored. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
});

/**
 * What Stripe has told us about one payment intent's reversals: the most refunded of its charge
 * (cumulative, as `charge.refunded` reports it) and whether it is disputed. Stripe does not order
 * events, so a refund or dispute may arrive before the completion that credits its payment: it is
 * kept here and applied by that completion, in its transaction. The completion and every reversal
 * lock this row first (inserting it when absent), so whichever comes second sees the first's
 * effect. A payment intent that never becomes one of our purchases (another product's payment on
 * the same Stripe account) keeps its row until the retention sweep deletes it (sweepForeignPayments).
 */
export const stripePayments = pgTable('stripe_payments', {
  paymentIntentId: text('payment_intent_id').primaryKey(),
  /** The charge's amount the refunded cents are a part of (0 until a refund is heard of). */
  chargeCents: integer('charge_cents').notNull().default(0),
  refundedCents: integer('refunded_cents').notNull().default(0),
  disputed: boolean('disputed').notNull().default(false),
  /**
   * The dispute was closed as won (`charge.dispute.closed`, status `won`): the money is the merchant's
   * again, so the dispute no longer reverses anything (only a refund does). Kept like the rest, so a
   * `won` heard before the `created` or before the completion ends as in the normal order.
   */
  disputeWon: boolean('dispute_won').notNull().default(false),
  /** The last refund or dispute event that changed this row. */
  lastEventId: text('last_event_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

export const LEDGER_REASONS = ['PURCHASE', 'DEDUCTION', 'REFUND', 'TRIAL', 'ADJUSTMENT'] as const;

/**
 * Every change of credits is one row here, written in the same transaction as the
 * change of users.credits. job_id has no foreign key on purpose: the ledger outlives
 * deleted tracks and jobs.
 */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    amount: integer('amount').notNull(),
    reason: text('reason', { enum: LEDGER_REASONS }).notNull(),
    balanceAfter: integer('balance_after').notNull(),
    jobId: uuid('job_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>(),
    pricingSnapshot: jsonb('pricing_snapshot').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_ledger_user_created_idx').on(t.userId, t.createdAt),
    // Never charged or refunded twice for one job, whatever retries or crashes happen.
    uniqueIndex('credit_ledger_job_reason_uq').on(t.jobId, t.reason).where(sql`${t.jobId} is not null`),
    // One trial grant per user.
    uniqueIndex('credit_ledger_trial_uq').on(t.userId).where(sql`${t.reason} = 'TRIAL'`),
  ],
);

/** Idempotency-Key of POST requests: a retried request gets the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

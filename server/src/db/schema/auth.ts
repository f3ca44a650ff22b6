import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// better-auth's four tables (user → "users", a reserved word otherwise) plus the
// product's own user columns. better-auth writes only its own fields; ours have
// database defaults and are changed by our services, never by client input.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  plan: text('plan', { enum: ['FREE', 'PRO', 'ENTERPRISE'] })
    .notNull()
    .default('FREE'),
  /** Cached balance; always equals the sum of the user's credit_ledger rows. */
  credits: integer('credits').notNull().default(0),
  pppBand: text('ppp_band', { enum: ['HIGH', 'UMID', 'LMID', 'LOW'] })
    .notNull()
    .default('HIGH'),
  solidarityOptIn: boolean('solidarity_opt_in').notNull().default(false),
  trialExpiresAt: ts('trial_expires_at'),
  userStyleSeed: bigint('user_style_seed', { mode: 'bigint' }),
  styleUnlocks: jsonb('style_unlocks').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  isActive: boolean('is_active').notNull().default(true),
  /** Number of the user's tracks, kept in the transactions that create and delete them (the library's total). */
  trackCount: integer('track_count').notNull().default(0),
  /** Tracks created on day_track_date (UTC): the free plan's daily limit, checked in the create statement. */
  dayTrackCount: integer('day_track_count').notNull().default(0),
  dayTrackDate: date('day_track_date', { mode: 'string' }),
  /**
   * Credits a payment reversal (refund, dispute) could not take back because they
   * were already spent: the balance never goes below zero, so the rest is owed here.
   * New generations are refused while it is above zero; purchases and grants pay it first.
   */
  debtCredits: integer('debt_credits').notNull().default(0),
  /** Set when the unspent trial credits lapsed (one ADJUSTMENT row), so it happens once. */
  trialLapsedAt: ts('trial_lapsed_at'),
  /** ISO country from the trusted header at sign-up: where ppp_band came from (audit). */
  signupCountry: text('signup_country'),
  /** Set by the onboarding transaction (trial credits, style seed, default series). */
  onboardedAt: ts('onboarded_at'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('accounts_user_id_idx').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

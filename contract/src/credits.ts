import { z } from 'zod';
import { IsoDate, PageQuery } from './common.ts';

export const LEDGER_REASONS = ['PURCHASE', 'DEDUCTION', 'REFUND', 'TRIAL', 'ADJUSTMENT'] as const;
export const LedgerReason = z.enum(LEDGER_REASONS);
export type LedgerReason = z.infer<typeof LedgerReason>;

export const PLANS = ['FREE', 'PRO', 'ENTERPRISE'] as const;
export const Plan = z.enum(PLANS);
export type Plan = z.infer<typeof Plan>;
export const PPP_BANDS = ['HIGH', 'UMID', 'LMID', 'LOW'] as const;
export const PppBand = z.enum(PPP_BANDS);

export type PppBand = z.infer<typeof PppBand>;

/** FreeModeService's status: the caller's plan limits today (the credits page and the create form). */
export const FreeModeStatus = z.object({
  plan: Plan,
  max_duration_s: z.number().int(),
  daily_track_limit: z.number().int().nullable().describe('null: no daily cap'),
  tracks_today: z.number().int(),
  remaining_today: z.number().int().nullable().describe('null: no daily cap'),
  resets_at: IsoDate.describe('next 00:00 UTC, when the daily count starts again'),
  trial_expires_at: IsoDate.nullable(),
  trial_days_left: z.number().int().nullable(),
  queue_priority: z.number().int().describe('lower runs first'),
});
export type FreeModeStatus = z.infer<typeof FreeModeStatus>;

export const CreditsBalance = z.object({
  balance: z.number().int(),
  plan: Plan,
  trial_expires_at: IsoDate.nullable(),
  debt_credits: z.number().int().describe('owed after a refunded or disputed payment; blocks generation'),
  ppp_band: PppBand,
  solidarity_opt_in: z.boolean(),
  free_mode: FreeModeStatus,
  payments_enabled: z.boolean(),
  quality_refund_days: z
    .number()
    .int()
    .describe(
      "a finished track's quality refund (half its credits, once) is possible this many days after it completed",
    ),
});
export type CreditsBalance = z.infer<typeof CreditsBalance>;

export const LedgerEntry = z.object({
  id: z.string(),
  amount: z.number().int(),
  reason: LedgerReason,
  balance_after: z.number().int(),
  job_id: z.string().nullable(),
  track: z
    .object({ id: z.string(), title: z.string() })
    .nullable()
    .describe('The track a deduction or refund was for, while the track exists (null once deleted)'),
  meta: z.record(z.string(), z.unknown()).nullable(),
  pricing_snapshot: z.record(z.string(), z.unknown()).nullable(),
  created_at: IsoDate,
});
export const LedgerPage = z.object({
  items: z.array(LedgerEntry),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});
export const LedgerQuery = PageQuery;

export const CostPreviewQuery = z.object({
  duration_s: z.coerce.number().int().min(15).max(240),
});
/** Why a request would be refused, in the API's error words (the same code the POST would answer). */
export const RefusalReason = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export const CostPreview = z.object({
  duration_s: z.number().int(),
  credits_required: z.number().int(),
  balance: z.number().int(),
  balance_after: z.number().int().describe('balance if the track is accepted (never below 0)'),
  allowed: z.boolean(),
  reason: RefusalReason.nullable(),
});
export type CostPreview = z.infer<typeof CostPreview>;

/** Every input of the price and the result, as decimal strings for display (money itself is in cents). */
export const PriceBreakdown = z.object({
  currency: z.literal('usd'),
  model_cost_per_min_usd: z.string(),
  infra_cost_per_min_usd: z.string(),
  overhead_per_min_usd: z.string(),
  base_cost_per_min_usd: z.string(),
  base_cost_per_credit_usd: z.string(),
  margin_cap: z.string(),
  ppp_band: PppBand,
  ppp_multiplier: z.string(),
  solidarity_opt_in: z.boolean(),
  solidarity_multiplier: z.string(),
  price_per_credit_usd: z.string(),
  formula: z.string(),
});
export const CreditPack = z.object({
  credits: z.number().int(),
  price_cents: z.number().int(),
  price_usd: z.string(),
  /** Seconds of audio the pack buys (credits × 30). */
  seconds: z.number().int(),
});
export const CreditPacks = z.object({
  currency: z.literal('usd'),
  packs: z.array(CreditPack),
  breakdown: PriceBreakdown,
  payments_enabled: z.boolean(),
});
export type CreditPacks = z.infer<typeof CreditPacks>;

export const PacksQuery = z.object({
  solidarity: z
    .enum(['true', 'false'])
    .optional()
    .describe('signed-out visitors only: show solidarity prices (a signed-in user sees their own setting)'),
});
export const CheckoutBody = z.strictObject({ pack_credits: z.number().int().positive() });
export const CheckoutResponse = z.object({
  checkout_id: z.string(),
  session_id: z.string(),
  url: z.string().describe("Stripe Checkout's page: send the browser there"),
  price_cents: z.number().int(),
  credits: z.number().int(),
});

export const QualityRefund = z.object({
  track_id: z.string(),
  job_id: z.string(),
  refunded_credits: z.number().int(),
  balance: z.number().int(),
});

// Operator API (/api/admin/*, bearer OPERATOR_TOKEN): what the CLI calls while the embedded server runs.
export const AdminSetPlanBody = z.strictObject({ email: z.string().min(3).max(320), plan: Plan });
export const AdminSetPlanResponse = z.object({ email: z.string(), plan: Plan });
export const AdminSetPppBandBody = z.strictObject({ email: z.string().min(3).max(320), ppp_band: PppBand });
export const AdminSetPppBandResponse = z.object({ email: z.string(), ppp_band: PppBand });
export const StripeWebhookAck = z.object({
  received: z.literal(true),
  outcome: z
    .enum(['credited', 'duplicate', 'reversed', 'restored', 'pending', 'ignored', 'already_fulfilled'])
    .describe(
      'pending: a refund or dispute of a payment not credited yet, kept and applied when it is; restored: a won dispute gave back what it took',
    ),
});
export const AdminCreditsBody = z.strictObject({
  email: z.string().min(3).max(320),
  amount: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'amount must not be 0'),
  note: z.string().max(500).optional(),
  kind: z.enum(['grant', 'adjust']).default('adjust'),
});
export const AdminCreditsResponse = z.object({
  email: z.string(),
  amount: z.number().int().describe('what the ledger row changed (a removal is capped at the balance)'),
  balance: z.number().int(),
  debt_credits: z.number().int(),
});

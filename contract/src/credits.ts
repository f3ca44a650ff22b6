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

export const CreditsBalance = z.object({
  balance: z.number().int(),
  plan: Plan,
  trial_expires_at: IsoDate.nullable(),
});

export const LedgerEntry = z.object({
  id: z.string(),
  amount: z.number().int(),
  reason: LedgerReason,
  balance_after: z.number().int(),
  job_id: z.string().nullable(),
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
export const CostPreview = z.object({ duration_s: z.number().int(), credits_required: z.number().int() });

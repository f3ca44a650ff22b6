/**
 * A credit-history row as people read it: the ledger's reason, made precise by the `meta.kind`
 * the server writes with it (server/src/services: onboarding.ts, jobs.ts, credit-ops.ts,
 * payments.ts). The history showed "Adjustment (payment_refund)"; a kind this list does not
 * know yet falls back to the reason's word, never to the identifier.
 */
const BY_KIND: Record<string, Record<string, string>> = {
  TRIAL: { signup: 'Free trial credits' },
  REFUND: {
    failure: 'Refund: the render failed',
    cancel: 'Refund: you cancelled the track',
    quality: 'Quality refund',
  },
  ADJUSTMENT: {
    operator_grant: 'Credits from the operator',
    operator_adjustment: 'Adjustment by the operator',
    payment_refund: 'Payment refunded',
    payment_dispute: 'Payment disputed',
    dispute_won: 'Dispute won: credits restored',
    debt_settlement: 'Paid toward credits owed',
    trial_lapse: 'Unused trial credits expired',
  },
};

const BY_REASON: Record<string, string> = {
  PURCHASE: 'Purchase',
  DEDUCTION: 'Track',
  REFUND: 'Refund',
  TRIAL: 'Free trial credits',
  ADJUSTMENT: 'Adjustment',
};

export function ledgerLabel(reason: string, meta?: Record<string, unknown> | null): string {
  const kind = typeof meta?.kind === 'string' ? meta.kind : '';
  return BY_KIND[reason]?.[kind] ?? BY_REASON[reason] ?? 'Change';
}

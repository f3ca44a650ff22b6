import { LEDGER_REASONS } from '@soundfoundry/contract';
import { describe, expect, it } from 'vitest';
import { ledgerLabel } from './ledger-label';

const identifier = /^[A-Z_]+$|[a-z]+_[a-z]+/;

describe('ledgerLabel', () => {
  it('names every reason in words', () => {
    expect(LEDGER_REASONS.map((r) => ledgerLabel(r, null))).toEqual([
      'Purchase',
      'Track',
      'Refund',
      'Free trial credits',
      'Adjustment',
    ]);
  });

  it('names every kind the server writes (grep "kind:" in server/src/services) in words', () => {
    const written: [string, string, string][] = [
      ['TRIAL', 'signup', 'Free trial credits'], // onboarding.ts
      ['REFUND', 'failure', 'Refund: the render failed'], // jobs.ts
      ['REFUND', 'cancel', 'Refund: you cancelled the track'], // jobs.ts cancelJob
      ['REFUND', 'quality', 'Quality refund'], // credit-ops.ts
      ['ADJUSTMENT', 'operator_grant', 'Credits from the operator'], // credit-ops.ts
      ['ADJUSTMENT', 'operator_adjustment', 'Adjustment by the operator'],
      ['ADJUSTMENT', 'debt_settlement', 'Paid toward credits owed'],
      ['ADJUSTMENT', 'trial_lapse', 'Unused trial credits expired'],
      ['ADJUSTMENT', 'payment_refund', 'Payment refunded'], // payments.ts
      ['ADJUSTMENT', 'payment_dispute', 'Payment disputed'],
      ['ADJUSTMENT', 'dispute_won', 'Dispute won: credits restored'],
    ];
    for (const [reason, kind, words] of written) {
      expect(ledgerLabel(reason, { kind })).toBe(words);
      expect(ledgerLabel(reason, { kind })).not.toMatch(identifier);
    }
  });

  it('falls back to the reason’s word, never an identifier, for a kind it does not know', () => {
    expect(ledgerLabel('ADJUSTMENT', { kind: 'some_new_kind' })).toBe('Adjustment');
    expect(ledgerLabel('PURCHASE', { checkout_id: 'x' })).toBe('Purchase');
    expect(ledgerLabel('SOMETHING_NEW', null)).toBe('Change');
  });
});

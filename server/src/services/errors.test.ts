import { describe, expect, it } from 'vitest';
import { credits, insufficientCredits, outstandingDebt } from './errors.ts';

describe('credit refusals say where more credits come from', () => {
  it('with packs on sale: a pack on the Credits page', () => {
    const e = insufficientCredits(0, 1, true);
    expect(e.status).toBe(402);
    expect(e.code).toBe('INSUFFICIENT_CREDITS');
    expect(e.details).toEqual({ balance: 0, required: 1 });
    expect(e.message).toBe(
      'This track needs 1 credit and you have 0. Buy a credit pack on the Credits page.',
    );
  });

  it('without packs (no Stripe keys): the operator of the server, never a pack', () => {
    const e = insufficientCredits(0, 1, false);
    expect(e.message).toBe(
      'This track needs 1 credit and you have 0. Ask the operator of this server for more credits.',
    );
    expect(outstandingDebt(3, false).message).not.toMatch(/pack/);
    expect(outstandingDebt(3, false).message).toMatch(/operator of this server/);
    expect(outstandingDebt(1, true).message).toMatch(/1 credit is owed\. Buy a credit pack/);
  });

  it('offers a shorter track only when the balance pays for the shortest one (15 s, 1 credit)', () => {
    expect(insufficientCredits(1, 2, true).message).toBe(
      'This track needs 2 credits and you have 1. Buy a credit pack on the Credits page, or choose a shorter duration.',
    );
    expect(insufficientCredits(1, 3, false).message).toBe(
      'This track needs 3 credits and you have 1. Choose a shorter duration, or ask the operator of this server for more credits.',
    );
  });

  it('counts in the singular and the plural', () => {
    expect([credits(0), credits(1), credits(2)]).toEqual(['0 credits', '1 credit', '2 credits']);
  });
});

import { describe, expect, it } from 'vitest';
import { notEnoughCredits, partsText } from './not-enough-credits';

describe('notEnoughCredits', () => {
  it('says one credit in the singular, and links the Credits page where packs are sold', () => {
    const parts = notEnoughCredits({ required: 1, balance: 0, packsOnSale: true });
    expect(partsText(parts)).toBe(
      'This track needs 1 credit and you have 0. Buy a credit pack on the Credits page.',
    );
    expect(parts).toContainEqual({ href: '/credits', text: 'Credits page' });
  });

  it('sends to the operator where no pack can be bought, with no link', () => {
    const parts = notEnoughCredits({ required: 1, balance: 0, packsOnSale: false });
    expect(partsText(parts)).toBe(
      'This track needs 1 credit and you have 0. Ask the operator of this server for more credits.',
    );
    expect(parts.every((p) => typeof p === 'string')).toBe(true);
    expect(partsText(parts)).not.toMatch(/pack/);
  });

  it('offers a shorter duration only when the balance pays for the shortest track', () => {
    expect(partsText(notEnoughCredits({ required: 2, balance: 1, packsOnSale: true }))).toBe(
      'This track needs 2 credits and you have 1. Buy a credit pack on the Credits page, or choose a shorter duration.',
    );
    expect(partsText(notEnoughCredits({ required: 3, balance: 1, packsOnSale: false }))).toBe(
      'This track needs 3 credits and you have 1. Choose a shorter duration, or ask the operator of this server for more credits.',
    );
  });
});

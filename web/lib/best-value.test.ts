import { describe, expect, it } from 'vitest';
import { bestValuePack } from './best-value';

const pack = (credits: number, price_cents: number) => ({ credits, price_cents });

describe('bestValuePack', () => {
  it('singles out no pack when every pack costs the same per credit (the published, linear prices)', () => {
    // DESIGN §4's high-income and low-income bands: credits × one price per credit.
    expect(bestValuePack([pack(300, 3696), pack(700, 8624), pack(2000, 24640)])).toBeNull();
    expect(bestValuePack([pack(300, 2589), pack(700, 6041), pack(2000, 17260)])).toBeNull();
  });

  it('ignores differences of a cent or so from rounding up to the cent', () => {
    expect(bestValuePack([pack(300, 3697), pack(700, 8624), pack(2000, 24640)])).toBeNull();
  });

  it('names the pack whose price per credit is at least 1 % below every other one', () => {
    const volume = pack(2000, 22000);
    expect(bestValuePack([pack(300, 3696), pack(700, 8624), volume])).toBe(volume);
    const middle = pack(700, 7000);
    expect(bestValuePack([pack(300, 3300), middle, pack(2000, 21000)])).toBe(middle);
  });

  it('names none when two packs tie for the lowest price per credit', () => {
    expect(bestValuePack([pack(300, 3696), pack(700, 7700), pack(2000, 22000)])).toBeNull();
  });

  it('names none for fewer than two packs', () => {
    expect(bestValuePack([])).toBeNull();
    expect(bestValuePack([pack(300, 3696)])).toBeNull();
  });
});

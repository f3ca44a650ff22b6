import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICING,
  formatFixed,
  PPP_MULTIPLIER_PCT,
  type PppBandName,
  type PricingRules,
  packPriceCents,
  parseFixed,
  priceBreakdown,
  pricePerCreditE4,
  pricingSnapshot,
  quotePacks,
} from './pricing.ts';

const BANDS = Object.keys(PPP_MULTIPLIER_PCT) as PppBandName[];

/**
 * The same prices computed independently: Python's `decimal` from the decimal
 * strings of DESIGN.md, with ROUND_CEILING at 0.0001 and at the cent.
 */
function pythonPrices(c: {
  model: string;
  infra: string;
  overhead: string;
  margin: string;
  packs: number[];
}) {
  const script = `
import json, sys
from decimal import Decimal as D, ROUND_CEILING, getcontext
getcontext().prec = 50
c = json.loads(sys.argv[1])
ppp = {"HIGH": D("1.00"), "UMID": D("0.90"), "LMID": D("0.80"), "LOW": D("0.70")}
out = {}
for band, m in ppp.items():
    for sol in (False, True):
        base = D(c["model"]) + D(c["infra"]) + D(c["overhead"])
        per = (base / 2) * (1 + D(c["margin"])) * m * (D("0.85") if sol else D(1))
        per = per.quantize(D("0.0001"), rounding=ROUND_CEILING)
        packs = {str(n): int((per * n).quantize(D("0.01"), rounding=ROUND_CEILING) * 100) for n in c["packs"]}
        out[f"{band}/{sol}"] = {"per_credit": str(per), "packs": packs}
print(json.dumps(out))
`;
  return JSON.parse(
    execFileSync('python3', ['-c', script, JSON.stringify(c)], { encoding: 'utf8' }),
  ) as Record<string, { per_credit: string; packs: Record<string, number> }>;
}

function rulesFrom(c: { model: string; infra: string; overhead: string; margin: string; packs: number[] }) {
  return {
    modelCostPerMinMicroUsd: parseFixed(c.model, 6),
    infraCostPerMinMicroUsd: parseFixed(c.infra, 6),
    overheadPerMinMicroUsd: parseFixed(c.overhead, 6),
    marginCapBp: parseFixed(c.margin, 4),
    packs: c.packs,
  } satisfies PricingRules;
}

describe('pricing', () => {
  it("DESIGN.md's worked examples come out exactly", () => {
    const high = pricePerCreditE4(DEFAULT_PRICING, { pppBand: 'HIGH', solidarityOptIn: false });
    expect(formatFixed(high, 4)).toBe('0.1232');
    expect(formatFixed(packPriceCents(300, high), 2)).toBe('36.96');
    const umid = pricePerCreditE4(DEFAULT_PRICING, { pppBand: 'UMID', solidarityOptIn: false });
    expect(formatFixed(umid, 4)).toBe('0.1109'); // 0.11088 rounded up
    expect(formatFixed(packPriceCents(300, umid), 2)).toBe('33.27');
  });

  // Hand-written: per credit = 0.1232 × ppp × sol rounded up to 0.0001, pack rounded up to the cent.
  const HAND: [PppBandName, boolean, number][] = [
    // band, solidarity, per credit in 0.0001 USD; the [300, 700, 2000] pack cents follow below
    ['HIGH', false, 1232],
    ['HIGH', true, 1048], // 0.10472 → 0.1048
    ['UMID', false, 1109], // 0.11088 → 0.1109
    ['UMID', true, 943], // 0.094248 → 0.0943
    ['LMID', false, 986], // 0.09856 → 0.0986
    ['LMID', true, 838], // 0.083776 → 0.0838
    ['LOW', false, 863], // 0.08624 → 0.0863
    ['LOW', true, 734], // 0.073304 → 0.0734
  ];
  const HAND_PACKS: Record<string, [number, number, number]> = {
    'HIGH/false': [3696, 8624, 24640],
    'HIGH/true': [3144, 7336, 20960],
    'UMID/false': [3327, 7763, 22180],
    'UMID/true': [2829, 6601, 18860],
    'LMID/false': [2958, 6902, 19720],
    'LMID/true': [2514, 5866, 16760],
    'LOW/false': [2589, 6041, 17260],
    'LOW/true': [2202, 5138, 14680],
  };
  it.each(HAND)('hand-written table: %s solidarity=%s', (band, sol, e4) => {
    expect(pricePerCreditE4(DEFAULT_PRICING, { pppBand: band, solidarityOptIn: sol })).toBe(e4);
    const cents = quotePacks(DEFAULT_PRICING, { pppBand: band, solidarityOptIn: sol }).map(
      (p) => p.price_cents,
    );
    expect(cents).toEqual(HAND_PACKS[`${band}/${sol}`]);
  });

  const CONFIGS = [
    { model: '0.15', infra: '0.05', overhead: '0.02', margin: '0.12', packs: [300, 700, 2000] },
    // Awkward components so every rounding step matters.
    {
      model: '0.173',
      infra: '0.0417',
      overhead: '0.013333',
      margin: '0.0875',
      packs: [1, 7, 300, 701, 1999],
    },
    { model: '1.999999', infra: '0', overhead: '0.000001', margin: '0.5', packs: [3, 333, 2000] },
  ];
  it.each(CONFIGS)('every pack × band × solidarity matches Python decimal (%o)', (c) => {
    const expected = pythonPrices(c);
    const rules = rulesFrom(c);
    for (const band of BANDS) {
      for (const sol of [false, true]) {
        const e = expected[`${band}/${sol ? 'True' : 'False'}`]!;
        const buyer = { pppBand: band, solidarityOptIn: sol };
        expect(formatFixed(pricePerCreditE4(rules, buyer), 4), `${band}/${sol}`).toBe(e.per_credit);
        for (const q of quotePacks(rules, buyer)) {
          expect(q.price_cents, `${band}/${sol}/${q.credits}`).toBe(e.packs[String(q.credits)]);
          expect(q.price_usd).toBe(formatFixed(e.packs[String(q.credits)]!, 2));
        }
      }
    }
  });

  it('parses configured decimals exactly and refuses what it cannot hold', () => {
    expect(parseFixed('0.15', 6)).toBe(150_000);
    expect(parseFixed('0.000001', 6)).toBe(1);
    expect(parseFixed('2', 4)).toBe(20_000);
    expect(() => parseFixed('0.0000001', 6)).toThrow(RangeError);
    expect(() => parseFixed('-1', 6)).toThrow(RangeError);
    expect(() => parseFixed('1e3', 6)).toThrow(RangeError);
  });

  it('breakdown shows every input and the result', () => {
    expect(priceBreakdown(DEFAULT_PRICING, { pppBand: 'UMID', solidarityOptIn: true })).toMatchObject({
      currency: 'usd',
      model_cost_per_min_usd: '0.15',
      infra_cost_per_min_usd: '0.05',
      overhead_per_min_usd: '0.02',
      base_cost_per_min_usd: '0.22',
      base_cost_per_credit_usd: '0.11',
      margin_cap: '0.12',
      ppp_band: 'UMID',
      ppp_multiplier: '0.90',
      solidarity_opt_in: true,
      solidarity_multiplier: '0.85',
      price_per_credit_usd: '0.0943',
    });
  });

  it('snapshot holds all inputs and outputs', () => {
    const now = new Date('2026-12-02T06:00:00Z');
    const s = pricingSnapshot(DEFAULT_PRICING, { pppBand: 'LOW', solidarityOptIn: false }, 700, now);
    expect(s.inputs).toEqual({
      model_cost_per_min_micro_usd: 150_000,
      infra_cost_per_min_micro_usd: 50_000,
      overhead_per_min_micro_usd: 20_000,
      margin_cap_bp: 1200,
      ppp_band: 'LOW',
      ppp_multiplier_pct: 70,
      solidarity_opt_in: false,
      solidarity_multiplier_pct: 100,
      pack_credits: 700,
    });
    expect(s.outputs).toEqual({
      base_cost_per_min_micro_usd: 220_000,
      price_per_credit_e4_usd: 863,
      price_cents: 6041,
    });
    expect(s.computed_at).toBe('2026-12-02T06:00:00.000Z');
    expect(s.breakdown.price_per_credit_usd).toBe('0.0863');
  });
});

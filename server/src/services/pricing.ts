// PricingService (DESIGN.md §4): cost-anchored prices, pure and in integers.
//
//   price per credit = (base cost per minute ÷ 2) × (1 + margin) × PPP × solidarity,
//                      rounded UP to 0.0001 USD
//   pack price       = credits × price per credit, rounded UP to the cent
//
// Every input is held as an integer in a fixed unit (micro-USD, basis points,
// percent) and the product is one BigInt fraction rounded up once, so no float
// ever touches money. Decimal strings are only for people (the UI's breakdown).

export const PPP_MULTIPLIER_PCT = { HIGH: 100, UMID: 90, LMID: 80, LOW: 70 } as const;
export type PppBandName = keyof typeof PPP_MULTIPLIER_PCT;
/** 0.85 × when the user opts in to solidarity pricing. */
export const SOLIDARITY_MULTIPLIER_PCT = 85;
/** Prices per credit are kept in units of 0.0001 USD ("e4"). */
const E4_PER_USD = 10_000n;

export interface PricingRules {
  /** Per minute of audio, in micro-USD (0.15 USD = 150 000). */
  modelCostPerMinMicroUsd: number;
  infraCostPerMinMicroUsd: number;
  overheadPerMinMicroUsd: number;
  /** Margin cap in basis points (0.12 = 1200). */
  marginCapBp: number;
  /** Credit packs on sale, in credits. */
  packs: number[];
}

export const DEFAULT_PRICING: PricingRules = {
  modelCostPerMinMicroUsd: 150_000,
  infraCostPerMinMicroUsd: 50_000,
  overheadPerMinMicroUsd: 20_000,
  marginCapBp: 1_200,
  packs: [300, 700, 2000],
};

export interface Buyer {
  pppBand: PppBandName;
  solidarityOptIn: boolean;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export function baseCostPerMinMicroUsd(r: PricingRules): number {
  return r.modelCostPerMinMicroUsd + r.infraCostPerMinMicroUsd + r.overheadPerMinMicroUsd;
}

/** Price of one credit (30 s) in 0.0001 USD, rounded up: HIGH 1232 (= 0.1232 USD), UMID 1109. */
export function pricePerCreditE4(r: PricingRules, b: Buyer): number {
  const solidarity = b.solidarityOptIn ? SOLIDARITY_MULTIPLIER_PCT : 100;
  // micro-USD/min ÷ 2 (a credit is half a minute) × (10 000 + bp)/10 000 × ppp/100 × sol/100, in e4 USD.
  const numerator =
    BigInt(baseCostPerMinMicroUsd(r)) *
    BigInt(10_000 + r.marginCapBp) *
    BigInt(PPP_MULTIPLIER_PCT[b.pppBand]) *
    BigInt(solidarity) *
    E4_PER_USD;
  const denominator = 2n * 1_000_000n * 10_000n * 100n * 100n;
  return Number(ceilDiv(numerator, denominator));
}

/** Price of `credits` credits in cents, rounded up: 300 × 0.1232 = 36.96 USD → 3696. */
export function packPriceCents(credits: number, perCreditE4: number): number {
  if (!Number.isInteger(credits) || credits <= 0) throw new RangeError('credits must be a positive integer');
  return Number(ceilDiv(BigInt(credits) * BigInt(perCreditE4), 100n));
}

/** An integer amount in 10^-scale units as a decimal string: (1109, 4) → "0.1109". */
export function formatFixed(units: number, scale: number): string {
  const neg = units < 0;
  const s = String(Math.abs(units)).padStart(scale + 1, '0');
  const out = scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
  return neg ? `-${out}` : out;
}

/**
 * "0.15" → 150 000 (micro-units, `scale` 6), exactly: a configured price is parsed
 * as a decimal, never through a float. Throws on more decimals than `scale`.
 */
export function parseFixed(text: string, scale: number): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2]?.length ?? 0) > scale)
    throw new RangeError(`"${text}" is not a decimal with ≤ ${scale} places`);
  const n = Number(m[1]) * 10 ** scale + Number((m[2] ?? '').padEnd(scale, '0') || 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`"${text}" is too large`);
  return n;
}

export interface PackQuote {
  credits: number;
  price_cents: number;
  price_usd: string;
}

export interface PriceBreakdown {
  currency: 'usd';
  model_cost_per_min_usd: string;
  infra_cost_per_min_usd: string;
  overhead_per_min_usd: string;
  base_cost_per_min_usd: string;
  base_cost_per_credit_usd: string;
  margin_cap: string;
  ppp_band: PppBandName;
  ppp_multiplier: string;
  solidarity_opt_in: boolean;
  solidarity_multiplier: string;
  price_per_credit_usd: string;
  formula: string;
}

export const PRICE_FORMULA =
  'price per credit = (base cost per minute / 2) x (1 + margin cap) x PPP multiplier x solidarity multiplier, ' +
  'rounded up to 0.0001 USD; pack price = credits x price per credit, rounded up to the cent';

/** What the credits and pricing pages show: every input and the result, as decimal strings. */
export function priceBreakdown(r: PricingRules, b: Buyer): PriceBreakdown {
  const base = baseCostPerMinMicroUsd(r);
  return {
    currency: 'usd',
    model_cost_per_min_usd: trimZeros(formatFixed(r.modelCostPerMinMicroUsd, 6)),
    infra_cost_per_min_usd: trimZeros(formatFixed(r.infraCostPerMinMicroUsd, 6)),
    overhead_per_min_usd: trimZeros(formatFixed(r.overheadPerMinMicroUsd, 6)),
    base_cost_per_min_usd: trimZeros(formatFixed(base, 6)),
    // Exact: micro-USD ÷ 2 is at most half a micro-USD off, so shown with 7 places when odd.
    base_cost_per_credit_usd: trimZeros(formatFixed(base * 5, 7)),
    margin_cap: trimZeros(formatFixed(r.marginCapBp, 4)),
    ppp_band: b.pppBand,
    ppp_multiplier: formatFixed(PPP_MULTIPLIER_PCT[b.pppBand], 2),
    solidarity_opt_in: b.solidarityOptIn,
    solidarity_multiplier: formatFixed(b.solidarityOptIn ? SOLIDARITY_MULTIPLIER_PCT : 100, 2),
    price_per_credit_usd: formatFixed(pricePerCreditE4(r, b), 4),
    formula: PRICE_FORMULA,
  };
}

/** "0.150000" → "0.15", "1.000000" → "1.00": trailing zeros dropped, at least two places kept. */
function trimZeros(s: string): string {
  const [int, frac = ''] = s.split('.');
  return `${int}.${frac.replace(/0+$/, '').padEnd(2, '0')}`;
}

/** Every pack at the buyer's price. */
export function quotePacks(r: PricingRules, b: Buyer): PackQuote[] {
  const e4 = pricePerCreditE4(r, b);
  return r.packs.map((credits) => {
    const cents = packPriceCents(credits, e4);
    return { credits, price_cents: cents, price_usd: formatFixed(cents, 2) };
  });
}

export interface PricingSnapshot {
  version: 1;
  currency: 'usd';
  inputs: {
    model_cost_per_min_micro_usd: number;
    infra_cost_per_min_micro_usd: number;
    overhead_per_min_micro_usd: number;
    margin_cap_bp: number;
    ppp_band: PppBandName;
    ppp_multiplier_pct: number;
    solidarity_opt_in: boolean;
    solidarity_multiplier_pct: number;
    pack_credits: number;
  };
  outputs: {
    base_cost_per_min_micro_usd: number;
    price_per_credit_e4_usd: number;
    price_cents: number;
  };
  breakdown: PriceBreakdown;
  formula: string;
  computed_at: string;
}

/** All inputs and outputs of one pack's price: stored with the checkout and its PURCHASE row. */
export function pricingSnapshot(r: PricingRules, b: Buyer, packCredits: number, now: Date): PricingSnapshot {
  const e4 = pricePerCreditE4(r, b);
  return {
    version: 1,
    currency: 'usd',
    inputs: {
      model_cost_per_min_micro_usd: r.modelCostPerMinMicroUsd,
      infra_cost_per_min_micro_usd: r.infraCostPerMinMicroUsd,
      overhead_per_min_micro_usd: r.overheadPerMinMicroUsd,
      margin_cap_bp: r.marginCapBp,
      ppp_band: b.pppBand,
      ppp_multiplier_pct: PPP_MULTIPLIER_PCT[b.pppBand],
      solidarity_opt_in: b.solidarityOptIn,
      solidarity_multiplier_pct: b.solidarityOptIn ? SOLIDARITY_MULTIPLIER_PCT : 100,
      pack_credits: packCredits,
    },
    outputs: {
      base_cost_per_min_micro_usd: baseCostPerMinMicroUsd(r),
      price_per_credit_e4_usd: e4,
      price_cents: packPriceCents(packCredits, e4),
    },
    breakdown: priceBreakdown(r, b),
    formula: PRICE_FORMULA,
    computed_at: now.toISOString(),
  };
}

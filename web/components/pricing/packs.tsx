'use client';

import type { PacksT } from '@/lib/api/hooks';
import { bestValuePack } from '@/lib/best-value';
import { pppBandLabel } from '@/lib/ppp-band-label';

// The packs and the price formula with the caller's own numbers (GET /api/credits/packs):
// used by the credits page (signed in: the user's band and solidarity) and the pricing page.

export function usd(cents: number): string {
  return (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

const NAMES = ['Starter', 'Creator', 'Studio', 'Label'];

export function PackGrid({
  data,
  action,
}: {
  data: PacksT;
  /** A button under each pack (the credits page's "Buy"); none on the pricing page. */
  action?: (p: PacksT['packs'][number]) => React.ReactNode;
}) {
  // A pack is highlighted only for what its numbers show: a lower price per credit than every
  // other pack. Prices linear in credits (today's) single out none.
  const best = bestValuePack(data.packs);
  return (
    <ul className="grid gap-4 sm:grid-cols-3" data-testid="packs">
      {data.packs.map((p, i) => (
        <li
          key={p.credits}
          data-testid="pack"
          data-best-value={p === best || undefined}
          className={`flex flex-col rounded-2xl border bg-surface p-5 ${p === best ? 'border-accent' : 'border-line'}`}
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted">{NAMES[i] ?? `${p.credits} credits`}</p>
            {p === best && (
              <span className="rounded-full bg-surface-2 px-2 py-0.5 text-xs font-medium text-accent-text">
                Best value per credit
              </span>
            )}
          </div>
          <p className="tabular mt-1 text-3xl font-semibold" data-testid="pack-price">
            {usd(p.price_cents)}
          </p>
          <p className="tabular mt-1 text-sm text-muted">
            {p.credits} credits · {Math.round(p.seconds / 60)} minutes of music
          </p>
          {action && <div className="mt-auto pt-4">{action(p)}</div>}
        </li>
      ))}
    </ul>
  );
}

export function Breakdown({ data }: { data: PacksT }) {
  const b = data.breakdown;
  const marginPct = Math.round(Number(b.margin_cap) * 100);
  return (
    <div className="space-y-3 rounded-2xl border border-line bg-surface p-5" data-testid="price-breakdown">
      <h3 className="font-semibold">How your price is made</h3>
      <dl className="tabular grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <Fact k="Model" v={`$${b.model_cost_per_min_usd} / min`} />
        <Fact k="Infrastructure" v={`$${b.infra_cost_per_min_usd} / min`} />
        <Fact k="Overhead" v={`$${b.overhead_per_min_usd} / min`} />
        <Fact k="Base cost" v={`$${b.base_cost_per_min_usd} / min`} />
        <Fact k="Margin cap" v={`${marginPct} %`} />
        <Fact k={`PPP (${pppBandLabel(b.ppp_band).toLowerCase()})`} v={`× ${b.ppp_multiplier}`} />
        <Fact k="Solidarity" v={b.solidarity_opt_in ? `× ${b.solidarity_multiplier}` : 'off'} />
        <Fact k="Per credit" v={`$${b.price_per_credit_usd}`} />
      </dl>
      <p className="tabular overflow-x-auto rounded-lg bg-bg p-3 font-mono text-xs sm:text-sm">
        (${b.base_cost_per_min_usd} ÷ 2) × (1 + {b.margin_cap}) × {b.ppp_multiplier}
        {b.solidarity_opt_in ? ` × ${b.solidarity_multiplier}` : ''} = ${b.price_per_credit_usd} per credit
      </p>
      <p className="text-xs text-muted">
        Rounded up to $0.0001 per credit; a pack is credits × price per credit, rounded up to the cent. Every
        purchase stores this breakdown with it.
      </p>
    </div>
  );
}

function Fact({ k, v }: { k: string; v: string }) {
  return (
    <div className="py-1">
      <dt className="text-xs text-muted">{k}</dt>
      <dd className="font-medium">{v}</dd>
    </div>
  );
}

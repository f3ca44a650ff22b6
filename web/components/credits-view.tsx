'use client';

import { useState } from 'react';
import { ApiError, apiFetch } from '@/lib/api/client';
import { isMissingEndpoint, type Pack, useCredits, useLedger, useMe, usePacks } from '@/lib/api/hooks';
import { Unavailable } from './ui/unavailable';

const REASON: Record<string, string> = {
  PURCHASE: 'Purchase',
  DEDUCTION: 'Track',
  REFUND: 'Refund',
  TRIAL: 'Free trial',
  ADJUSTMENT: 'Adjustment',
};

function money(p: Pack): string {
  const cents =
    typeof p.price_cents === 'number'
      ? p.price_cents
      : typeof p.amount_cents === 'number'
        ? p.amount_cents
        : null;
  if (cents === null) return '—';
  return `${(cents / 100).toLocaleString(undefined, { style: 'currency', currency: String(p.currency ?? 'USD').toUpperCase() })}`;
}

export function CreditsView() {
  const credits = useCredits();
  const me = useMe();
  const packs = usePacks();
  const [page, setPage] = useState(1);
  const ledger = useLedger(page);
  const [checkoutMsg, setCheckoutMsg] = useState('');
  const list = packs.data?.items ?? packs.data?.packs ?? [];

  async function checkout(p: Pack) {
    setCheckoutMsg('');
    try {
      const r = await apiFetch<{ url?: string; checkout_url?: string }>('/api/credits/checkout', {
        body: { credits: p.credits, ...(p.id ? { pack_id: p.id } : {}) },
      });
      const url = r.url ?? r.checkout_url;
      if (url) window.location.assign(url);
    } catch (err) {
      setCheckoutMsg(
        isMissingEndpoint(err) || (err instanceof ApiError && err.status === 503)
          ? 'Payments are not configured on this server.'
          : err instanceof Error
            ? err.message
            : 'Checkout failed.',
      );
    }
  }

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Credits</h1>
        <p className="mt-2 text-muted">1 credit = 30 seconds of finished music.</p>
      </div>
      <section className="grid gap-4 sm:grid-cols-3" aria-label="Balance">
        <Stat label="Balance" value={credits.data ? `${credits.data.balance} credits` : '…'} />
        <Stat label="Plan" value={credits.data?.plan ?? '…'} />
        <Stat
          label="Trial ends"
          value={
            credits.data?.trial_expires_at
              ? new Date(credits.data.trial_expires_at).toLocaleDateString()
              : '—'
          }
        />
      </section>

      <section aria-labelledby="packs-h" className="space-y-4">
        <h2 id="packs-h" className="text-xl font-semibold">
          Credit packs
        </h2>
        {me.data && (
          <p className="text-sm text-muted">
            Your prices: income band {me.data.ppp_band}
            {me.data.solidarity_opt_in ? ', solidarity pricing on (−15 %)' : ''}. Price per credit = ($0.22 ÷
            2) × 1.12 × PPP{me.data.solidarity_opt_in ? ' × 0.85' : ''}, rounded up.
          </p>
        )}
        {packs.isLoading ? (
          <div className="h-24 animate-pulse rounded-xl bg-surface" />
        ) : packs.error ? (
          isMissingEndpoint(packs.error) ? (
            <Unavailable what="Credit packs" />
          ) : (
            <p className="text-danger">{packs.error.message}</p>
          )
        ) : (
          <ul className="grid gap-4 sm:grid-cols-3">
            {list.map((p) => (
              <li key={p.credits} className="rounded-2xl border border-line bg-surface p-5">
                <p className="tabular text-2xl font-semibold">{money(p)}</p>
                <p className="tabular text-sm text-muted">{p.credits} credits</p>
                <button
                  type="button"
                  onClick={() => checkout(p)}
                  className="mt-4 w-full rounded-lg bg-accent px-3 py-2 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
                >
                  Buy {p.credits} credits
                </button>
              </li>
            ))}
          </ul>
        )}
        {checkoutMsg && (
          <p role="alert" className="text-sm text-danger">
            {checkoutMsg}
          </p>
        )}
      </section>

      <section aria-labelledby="ledger-h" className="space-y-4">
        <h2 id="ledger-h" className="text-xl font-semibold">
          History
        </h2>
        {ledger.error ? (
          isMissingEndpoint(ledger.error) ? (
            <Unavailable what="Credit history" />
          ) : (
            <p className="text-danger">{ledger.error.message}</p>
          )
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-line">
            <table className="tabular w-full min-w-[28rem] text-left text-sm">
              <caption className="sr-only">Credit history</caption>
              <thead className="bg-surface text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Date
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    What
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Change
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {(ledger.data?.items ?? []).map((e) => (
                  <tr key={e.id} className="border-t border-line">
                    <td className="px-4 py-2">{new Date(e.created_at).toLocaleString()}</td>
                    <td className="px-4 py-2">
                      {REASON[e.reason] ?? e.reason}
                      {e.meta && typeof e.meta.kind === 'string' ? ` (${e.meta.kind})` : ''}
                    </td>
                    <td className={`px-4 py-2 text-right ${e.amount < 0 ? '' : 'text-success'}`}>
                      {e.amount > 0 ? `+${e.amount}` : e.amount}
                    </td>
                    <td className="px-4 py-2 text-right">{e.balance_after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {ledger.data && ledger.data.total > 20 && (
          <div className="flex justify-center gap-3 text-sm">
            <button
              type="button"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
              className="disabled:opacity-40"
            >
              Newer
            </button>
            <button
              type="button"
              disabled={page * 20 >= ledger.data.total}
              onClick={() => setPage(page + 1)}
              className="disabled:opacity-40"
            >
              Older
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-2xl border border-line bg-surface p-5">
      <p className="text-sm text-muted">{label}</p>
      <p className="tabular mt-1 text-2xl font-semibold">{value}</p>
    </div>
  );
}

'use client';

import { untilText } from '@soundfoundry/contract/constants';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ApiError } from '@/lib/api/client';
import {
  type PacksT,
  useCheckout,
  useCredits,
  useLedger,
  usePacks,
  useRefreshAfterCheckout,
} from '@/lib/api/hooks';
import { creditCount } from '@/lib/credit-words';
import { ledgerLabel } from '@/lib/ledger-label';
import { planLabel } from '@/lib/plan-label';
import { pppBandLabel } from '@/lib/ppp-band-label';
import { Breakdown, PackGrid } from './pricing/packs';
import { Pager } from './ui/pager';

const NOT_CONFIGURED =
  'Payments are not configured on this server, so packs cannot be bought here. Ask the operator for credits.';

export function CreditsView() {
  const credits = useCredits();
  const packs = usePacks();
  const [page, setPage] = useState(1);
  const ledger = useLedger(page);
  const checkout = useCheckout();
  const [checkoutMsg, setCheckoutMsg] = useState('');
  const [returned, setReturned] = useState<'success' | 'cancelled' | null>(null);
  // Stripe sends the buyer back with ?checkout=success|cancelled.
  useEffect(() => {
    const c = new URLSearchParams(window.location.search).get('checkout');
    if (c === 'success' || c === 'cancelled') setReturned(c);
  }, []);
  const c = credits.data;
  useRefreshAfterCheckout(returned === 'success', c?.balance);
  const fm = c?.free_mode;
  const paymentsOff = c?.payments_enabled === false || packs.data?.payments_enabled === false;

  async function buy(p: PacksT['packs'][number]) {
    setCheckoutMsg('');
    try {
      const r = await checkout.mutateAsync({ pack_credits: p.credits });
      window.location.assign(r.url);
    } catch (err) {
      setCheckoutMsg(
        err instanceof ApiError && err.code === 'PAYMENTS_NOT_CONFIGURED'
          ? NOT_CONFIGURED
          : err instanceof Error
            ? err.message
            : 'Checkout failed. Try again.',
      );
    }
  }

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Credits</h1>
        <p className="mt-2 text-muted">1 credit = 30 seconds of finished music.</p>
      </div>
      {returned === 'success' && (
        <p role="status" className="rounded-xl border border-line bg-surface p-4 text-sm text-success">
          Thank you — your payment went through. The credits appear here as soon as Stripe confirms it
          (usually a few seconds).
        </p>
      )}
      {returned === 'cancelled' && (
        <p role="status" className="rounded-xl border border-line bg-surface p-4 text-sm">
          Checkout was cancelled; nothing was charged. You can pick a pack again below.
        </p>
      )}
      <section className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" aria-label="Balance">
        <Stat label="Balance" value={c ? creditCount(c.balance) : '…'} testId="credits-balance" />
        <Stat label="Plan" value={c ? planLabel(c.plan) : '…'} />
        <Stat
          label="Tracks left today"
          value={
            fm
              ? fm.remaining_today === null
                ? 'No daily cap'
                : `${fm.remaining_today} of ${fm.daily_track_limit}`
              : '…'
          }
          note={
            fm
              ? `Up to ${fm.max_duration_s} s per track · resets in ${untilText(new Date(fm.resets_at).getTime() - Date.now())}`
              : undefined
          }
        />
        <Stat
          label="Trial"
          value={fm?.trial_days_left != null ? `${fm.trial_days_left} days left` : 'None'}
          note={c?.trial_expires_at ? `Ends ${new Date(c.trial_expires_at).toLocaleDateString()}` : undefined}
        />
      </section>
      {c && c.debt_credits > 0 && (
        <p role="alert" className="rounded-xl border border-danger p-4 text-sm text-danger">
          You owe {creditCount(c.debt_credits)} after a refunded or disputed payment. New tracks are paused
          until a purchase or a grant covers it.
        </p>
      )}

      <section aria-labelledby="packs-h" className="space-y-4">
        <h2 id="packs-h" className="text-xl font-semibold">
          Credit packs
        </h2>
        {c && (
          <p className="text-sm text-muted">
            Your prices: {pppBandLabel(c.ppp_band).toLowerCase()} band
            {c.solidarity_opt_in ? ', solidarity pricing on (−15 %)' : ''}.{' '}
            <Link href="/settings" className="text-accent-text underline underline-offset-2">
              Solidarity pricing
            </Link>{' '}
            is in Settings.
          </p>
        )}
        {packs.isLoading ? (
          <div className="h-24 animate-pulse rounded-xl bg-surface" />
        ) : packs.error || !packs.data ? (
          <p className="text-danger">{packs.error?.message ?? 'Could not load the packs.'}</p>
        ) : (
          <>
            {paymentsOff && (
              <p
                id="payments-off"
                role="status"
                className="rounded-xl border border-dashed border-line p-4 text-sm text-muted"
              >
                {NOT_CONFIGURED}
              </p>
            )}
            <PackGrid
              data={packs.data}
              action={(p) => (
                <button
                  type="button"
                  onClick={() => buy(p)}
                  // No checkout to open: the button says so instead of inviting a click that fails.
                  disabled={checkout.isPending || paymentsOff}
                  aria-describedby={paymentsOff ? 'payments-off' : undefined}
                  className={`w-full rounded-lg px-3 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${paymentsOff ? 'border border-line' : 'bg-accent text-accent-fg hover:bg-accent-hover'}`}
                >
                  Buy {creditCount(p.credits)}
                </button>
              )}
            />
            {checkoutMsg && (
              <p role="alert" className="text-sm text-danger">
                {checkoutMsg}
              </p>
            )}
            <Breakdown data={packs.data} />
          </>
        )}
      </section>

      <section aria-labelledby="ledger-h" className="space-y-4">
        <h2 id="ledger-h" className="text-xl font-semibold">
          History
        </h2>
        {ledger.error ? (
          <p className="text-danger">{ledger.error.message}</p>
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-line">
            {/* Fixed columns: "What" takes what the others leave and wraps, so a long track title never
                pushes Change off a phone's screen; the balance after each row is for wider screens
                (the current balance heads the page). */}
            <table className="tabular w-full table-fixed text-left text-sm">
              <caption className="sr-only">Credit history</caption>
              <thead className="bg-surface text-muted">
                <tr>
                  <th scope="col" className="w-32 px-2 py-2 font-medium sm:w-48 sm:px-4">
                    Date
                  </th>
                  <th scope="col" className="px-2 py-2 sm:px-4 font-medium">
                    What
                  </th>
                  <th scope="col" className="w-16 px-2 py-2 text-right font-medium sm:w-24 sm:px-4">
                    Change
                  </th>
                  <th scope="col" className="hidden w-24 px-4 py-2 text-right font-medium sm:table-cell">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {(ledger.data?.items ?? []).map((e) => (
                  <tr key={e.id} className="border-t border-line">
                    {/* One line on a phone too ("Dec 6, 4:05 AM"): the "What" column wraps instead. */}
                    <td className="whitespace-nowrap px-2 py-2 sm:px-4" data-testid="ledger-date">
                      <time dateTime={e.created_at}>
                        {new Date(e.created_at).toLocaleString(undefined, SHORT)}
                      </time>
                    </td>
                    <td className="px-2 py-2 sm:px-4">
                      <span className="break-words [overflow-wrap:anywhere]">
                        {ledgerLabel(e.reason, e.meta)}
                        {/* What the credits went to: the track, while it exists. */}
                        {e.track ? (
                          <>
                            {' · '}
                            <Link
                              href={`/tracks/${e.track.id}`}
                              className="text-accent-text underline underline-offset-2"
                            >
                              {e.track.title}
                            </Link>
                          </>
                        ) : e.job_id ? (
                          <span className="text-muted"> · deleted track</span>
                        ) : null}
                      </span>
                    </td>
                    <td className={`px-2 py-2 sm:px-4 text-right ${e.amount < 0 ? '' : 'text-success'}`}>
                      {e.amount > 0 ? `+${e.amount}` : e.amount}
                    </td>
                    <td className="hidden px-4 py-2 text-right sm:table-cell">{e.balance_after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {ledger.data && ledger.data.total > 20 && (
          <Pager
            page={page}
            pages={Math.ceil(ledger.data.total / 20)}
            onPage={setPage}
            labels={['Newer', 'Older']}
            buttonClassName="px-3 py-1.5"
          />
        )}
      </section>
    </div>
  );
}

const SHORT: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

function Stat({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId?: string;
}) {
  return (
    <div className="min-w-0 rounded-2xl border border-line bg-surface p-4 sm:p-5">
      <p className="text-sm text-muted">{label}</p>
      <p className="tabular mt-1 text-xl font-semibold sm:text-2xl" data-testid={testId}>
        {value}
      </p>
      {note && <p className="tabular mt-1 text-xs text-muted">{note}</p>}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { LivePacks } from '@/components/pricing/live-packs';
import { pppBandLabel } from '@/lib/ppp-band-label';

export const metadata: Metadata = {
  title: 'Pricing',
  description: 'Credits priced at cost plus a capped 12 % margin, adjusted for purchasing power.',
};

// DESIGN §4's published figures: price per credit = (base/min ÷ 2) × 1.12 × PPP (× 0.85 with
// solidarity), rounded up to 0.0001 USD; a pack = credits × that, rounded up to the cent.
// Your own prices (band, solidarity) are on the Credits page, from the API.
const BANDS = [
  { band: 'HIGH', ppp: '1.00', perCredit: '0.1232', packs: ['36.96', '86.24', '246.40'] },
  { band: 'UMID', ppp: '0.90', perCredit: '0.1109', packs: ['33.27', '77.63', '221.80'] },
  { band: 'LMID', ppp: '0.80', perCredit: '0.0986', packs: ['29.58', '69.02', '197.20'] },
  { band: 'LOW', ppp: '0.70', perCredit: '0.0863', packs: ['25.89', '60.41', '172.60'] },
];
const PACKS = [300, 700, 2000];
/** The PPP table's numbers: right-aligned, a gap before each column so figures never run together. */
const NUM = 'py-2 pl-4 text-right';

export default function PricingPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 pt-12 sm:pt-20">
      <h1 className="text-center text-4xl font-semibold tracking-tight sm:text-6xl">
        Fair, Transparent Pricing
      </h1>
      <p className="mx-auto mt-5 max-w-2xl text-center text-lg text-muted">
        One credit is 30 seconds of finished music. You pay what it costs us to make, plus a margin capped at
        12 %, adjusted for purchasing power where you live. Every account starts with 400 free credits.
      </p>

      <section aria-labelledby="packs-h" className="mt-14">
        <h2 id="packs-h" className="sr-only">
          Credit packs
        </h2>
        <LivePacks />
      </section>

      <section
        aria-labelledby="formula-h"
        className="mt-16 rounded-3xl border border-line bg-surface p-6 sm:p-10"
      >
        <h2 id="formula-h" className="text-2xl font-semibold tracking-tight">
          How a price is made
        </h2>
        <div className="tabular mt-6 grid gap-4 sm:grid-cols-3">
          <Fact label="Model" value="$0.15 / min" />
          <Fact label="Infrastructure" value="$0.05 / min" />
          <Fact label="Overhead" value="$0.02 / min" />
        </div>
        <p className="mt-6 rounded-xl bg-bg p-4 font-mono text-sm">
          price per credit = ($0.22 ÷ 2) × (1 + 12 % margin cap) × PPP × (0.85 if solidarity)
        </p>
        <p className="mt-4 text-sm text-muted">
          Rounded up to $0.0001 per credit; a pack is credits × price per credit, rounded up to the cent.
          Every purchase stores this breakdown with it.
        </p>

        <h3 className="mt-10 font-semibold">Purchasing-power parity (PPP)</h3>
        <p className="mt-2 text-sm text-muted">
          Your band follows the World Bank income group of your country; high income when we cannot tell.
        </p>
        {/* On a phone each band is a block of its figures (the table would scroll sideways); from md up, the table. */}
        <ul
          className="tabular mt-4 divide-y divide-line text-sm md:hidden"
          aria-label="Prices by income band"
          data-testid="ppp-bands"
        >
          {BANDS.map((b) => (
            <li key={b.band} className="py-3">
              <p className="flex items-baseline justify-between gap-4">
                <span className="font-medium">{pppBandLabel(b.band)}</span>
                <span className="text-muted">PPP {b.ppp}</span>
              </p>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2">
                {[
                  ['Per credit', b.perCredit] as const,
                  ...PACKS.map((p, i) => [`${p} credits`, b.packs[i]] as const),
                ].map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-xs text-muted">{label}</dt>
                    <dd data-testid="ppp-figure">${value}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
        <div className="mt-4 hidden overflow-x-auto md:block">
          <table className="tabular w-full whitespace-nowrap text-left text-sm">
            <caption className="sr-only">Prices by income band</caption>
            <thead className="text-muted">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Band
                </th>
                <th scope="col" className="py-2 pl-4 text-right font-medium">
                  PPP
                </th>
                <th scope="col" className="py-2 pl-4 text-right font-medium">
                  Per credit
                </th>
                {PACKS.map((p) => (
                  <th key={p} scope="col" className="py-2 pl-4 text-right font-medium">
                    {p} credits
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {BANDS.map((b) => (
                <tr key={b.band} className="border-t border-line">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {pppBandLabel(b.band)}
                  </th>
                  <td className={NUM}>{b.ppp}</td>
                  <td className={NUM}>${b.perCredit}</td>
                  {b.packs.map((p) => (
                    <td key={p} className={NUM}>
                      ${p}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <h3 className="mt-10 font-semibold">Solidarity</h3>
        <p className="mt-2 text-sm text-muted">
          Anyone may opt in to solidarity pricing in Settings: 15 % off every pack, no questions asked.
        </p>
      </section>

      <section className="mt-16 grid gap-6 sm:grid-cols-2">
        <div>
          <h2 className="font-semibold">Free to start</h2>
          <p className="mt-2 text-sm text-muted">
            400 trial credits for 30 days; up to 60 seconds per track and 10 tracks a day on the free plan.
          </p>
        </div>
        <div>
          <h2 className="font-semibold">Fair refunds</h2>
          <p className="mt-2 text-sm text-muted">
            A failed render is refunded in full, automatically. Not happy with a finished track? Half its
            credits back once, within 14 days.
          </p>
        </div>
      </section>
      <div className="mt-14 text-center">
        <Link
          href="/auth/signup"
          className="rounded-xl bg-accent px-6 py-3 font-semibold text-accent-fg hover:bg-accent-hover"
        >
          Start creating — it’s free
        </Link>
      </div>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl bg-bg p-4">
      <p className="text-xs text-muted">{label}</p>
      <p className="mt-1 text-lg font-semibold">{value}</p>
    </div>
  );
}

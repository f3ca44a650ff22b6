'use client';

import { useEffect, useState } from 'react';
import { apiFetch } from '@/lib/api/client';
import { useMe, usePacks, useUpdateMe } from '@/lib/api/hooks';
import { planLabel } from '@/lib/plan-label';
import { pppBandLabel } from '@/lib/ppp-band-label';
import { usd } from './pricing/packs';
import { DeleteAccountSection, PasswordSection, SessionsSection } from './settings/account-security';
import { AppearanceSection } from './settings/appearance';
import { Switch } from './ui/switch';

export function SettingsView() {
  const me = useMe();
  // One mutation per control: a refused name is said under the name, not under the switch too.
  const update = useUpdateMe();
  const solidarity = useUpdateMe();
  const packs = usePacks();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState('');
  useEffect(() => {
    if (me.data) setName(me.data.name);
  }, [me.data]);
  const m = me.data;

  return (
    <div className="max-w-2xl space-y-10">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Settings</h1>
      <section
        aria-labelledby="profile-h"
        className="space-y-4 rounded-2xl border border-line bg-surface p-6"
      >
        <h2 id="profile-h" className="text-lg font-semibold">
          Profile
        </h2>
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved('');
            await update.mutateAsync({ name: name.trim() }).then(
              () => setSaved('Saved.'),
              () => {},
            );
          }}
        >
          <div>
            <label htmlFor="name" className="mb-1 block text-sm font-medium">
              Name
            </label>
            <input
              id="name"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={update.isError ? true : undefined}
              aria-describedby={update.isError ? 'name-error' : undefined}
              className="w-full rounded-lg border border-line bg-bg px-3 py-2 text-sm"
            />
          </div>
          <p className="text-sm text-muted">Email: {m?.email ?? '…'}</p>
          <p className="text-sm text-muted">
            Plan: {m ? planLabel(m.plan) : '…'} · Income band: {m ? pppBandLabel(m.ppp_band) : '…'}
          </p>
          <div className="flex items-center gap-3">
            <button
              type="submit"
              className="rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-fg"
            >
              Save
            </button>
            <span role="status" className="text-sm text-success">
              {saved}
            </span>
          </div>
          {update.error && (
            <p id="name-error" role="alert" className="text-sm text-danger">
              {update.error.message}
            </p>
          )}
        </form>
      </section>
      <section aria-labelledby="sol-h" className="rounded-2xl border border-line bg-surface p-6">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id="sol-h" className="text-lg font-semibold">
              Solidarity pricing
            </h2>
            <p className="mt-1 text-sm text-muted">
              15 % off every credit pack. Turn it on if the price is a stretch for you — no questions asked.
            </p>
          </div>
          <Switch
            checked={m?.solidarity_opt_in ?? false}
            disabled={!m || solidarity.isPending}
            onCheckedChange={(c) => solidarity.mutate({ solidarity_opt_in: c })}
            aria-label="Solidarity pricing"
            className="mt-1"
          />
        </div>
        {packs.data && (
          <p className="tabular mt-3 text-sm" data-testid="settings-pack-prices">
            Your packs now:{' '}
            {packs.data.packs.map((p) => `${p.credits} credits ${usd(p.price_cents)}`).join(' · ')}
          </p>
        )}
        {solidarity.error && (
          <p role="alert" className="mt-2 text-sm text-danger">
            {solidarity.error.message}
          </p>
        )}
      </section>
      <AppearanceSection />
      <PasswordSection />
      <SessionsSection />
      <section className="rounded-2xl border border-line bg-surface p-6">
        <h2 className="text-lg font-semibold">Session</h2>
        <button
          type="button"
          onClick={async () => {
            await apiFetch('/api/auth/sign-out', { body: {} }).catch(() => {});
            window.location.assign('/');
          }}
          className="mt-3 rounded-lg border border-line px-4 py-2 text-sm font-medium hover:bg-surface-2"
        >
          Sign out
        </button>
      </section>
      <DeleteAccountSection />
    </div>
  );
}

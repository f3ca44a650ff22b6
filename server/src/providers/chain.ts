import type { Config } from '../config.ts';
import { createFalProvider } from './fal.ts';
import { createLocalProvider } from './local.ts';
import { createReplicateProvider } from './replicate.ts';
import type { MusicProvider, MusicRequest, ProviderCapabilities } from './types.ts';

/** Builds the providers named in MUSIC_PROVIDERS, in order. */
export function createProviderChain(
  config: Pick<Config, 'providers' | 'remote'>,
  opts: { localEngines?: number } = {},
): MusicProvider[] {
  const r = config.remote;
  return config.providers.map((name) => {
    switch (name) {
      case 'local':
        return createLocalProvider({ engines: opts.localEngines });
      case 'fal':
        return createFalProvider({ ...r.fal, pollMs: r.pollMs, keyCooldownMs: r.keyCooldownMs });
      case 'replicate':
        return createReplicateProvider({ ...r.replicate, pollMs: r.pollMs, keyCooldownMs: r.keyCooldownMs });
      default:
        throw new Error(`MUSIC_PROVIDERS: unknown provider "${name}"`);
    }
  });
}

/** What a request needs of a provider; null when it lacks it. */
export function missingCapability(c: ProviderCapabilities, r: MusicRequest): string | null {
  if (r.durationS > c.maxDurationS) return `tracks longer than ${c.maxDurationS} s`;
  if (r.hasVocals && r.lyrics && !c.lyrics) return 'sung lyrics';
  if (!r.hasVocals && !c.instrumental) return 'instrumentals';
  if ((r.referenceUrl || r.reference) && !c.referenceAudio) return 'reference audio';
  return null;
}

/** The MUSIC_PROVIDERS order, without the providers that cannot make this request. */
export function selectProviders(
  providers: readonly MusicProvider[],
  r: MusicRequest,
): { eligible: MusicProvider[]; skipped: { name: string; reason: string }[] } {
  const eligible: MusicProvider[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const p of providers) {
    const missing = missingCapability(p.capabilities, r);
    if (missing) skipped.push({ name: p.name, reason: `cannot make ${missing}` });
    else eligible.push(p);
  }
  return { eligible, skipped };
}

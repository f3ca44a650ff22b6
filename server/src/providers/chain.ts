import { createLocalProvider } from './local.ts';
import type { MusicProvider } from './types.ts';

/** Builds the providers named in MUSIC_PROVIDERS, in order. */
export function createProviderChain(names: string[], opts: { localEngines?: number } = {}): MusicProvider[] {
  return names.map((name) => {
    if (name === 'local') return createLocalProvider({ engines: opts.localEngines });
    throw new Error(`MUSIC_PROVIDERS: provider "${name}" is not available in this build yet; use "local"`);
  });
}

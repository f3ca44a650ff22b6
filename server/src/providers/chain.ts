import { createLocalProvider } from './local.ts';
import type { MusicProvider } from './types.ts';

/**
 * Builds the providers named in MUSIC_PROVIDERS, in order. FAL.ai and Replicate
 * arrive with their own issue; until then naming them is a configuration error
 * rather than a silent fallback.
 */
export function createProviderChain(names: string[]): MusicProvider[] {
  return names.map((name) => {
    if (name === 'local') return createLocalProvider();
    throw new Error(`MUSIC_PROVIDERS: provider "${name}" is not available in this build yet; use "local"`);
  });
}

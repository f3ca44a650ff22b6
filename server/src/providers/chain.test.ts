import { describe, expect, it } from 'vitest';
import { missingCapability, selectProviders } from './chain.ts';
import { falCapabilities } from './fal.ts';
import { LOCAL_CAPABILITIES } from './local.ts';
import { REPLICATE_CAPABILITIES } from './replicate.ts';
import type { MusicProvider, MusicRequest } from './types.ts';

const stub = (name: string, capabilities: MusicProvider['capabilities']): MusicProvider => ({
  name,
  capabilities,
  generate: async () => {
    throw new Error('not called');
  },
  health: async () => ({ ok: true }),
  close: async () => {},
});

const base: MusicRequest = { prompt: 'p', durationS: 30, seed: 1, styleStrength: 0.5, hasVocals: false };

describe('provider selection by capability', () => {
  const chain = [
    stub('fal', falCapabilities('fal-ai/minimax-music/v2')),
    stub('replicate', REPLICATE_CAPABILITIES),
    stub('local', LOCAL_CAPABILITIES),
  ];
  it('keeps MUSIC_PROVIDERS order, skipping those that lack what the request needs', () => {
    const instrumental = selectProviders(chain, base);
    expect(instrumental.eligible.map((p) => p.name)).toEqual(['replicate', 'local']);
    expect(instrumental.skipped).toEqual([{ name: 'fal', reason: 'cannot make instrumentals' }]);
    const song = selectProviders(chain, { ...base, hasVocals: true, lyrics: 'la la la la la' });
    expect(song.eligible.map((p) => p.name)).toEqual(['fal', 'replicate', 'local']);
    const long = selectProviders(chain, { ...base, durationS: 200 });
    expect(long.eligible.map((p) => p.name)).toEqual(['local']);
    const withRef = selectProviders(chain, {
      ...base,
      hasVocals: true,
      lyrics: 'la la la la',
      referenceUrl: 'u',
    });
    expect(withRef.eligible.map((p) => p.name)).toEqual(['replicate', 'local']);
  });
  it('names the missing capability', () => {
    expect(missingCapability(falCapabilities('fal-ai/minimax-music/v2.6'), base)).toBeNull();
    expect(missingCapability(REPLICATE_CAPABILITIES, { ...base, durationS: 240 })).toMatch(/longer than 120/);
  });
});

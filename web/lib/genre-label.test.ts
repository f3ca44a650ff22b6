import { GENRES } from '@soundfoundry/contract/constants';
import { describe, expect, it } from 'vitest';
import { genreLabel } from './genre-label';

describe('genreLabel', () => {
  it('reads every genre as people spell it', () => {
    expect(Object.fromEntries(GENRES.map((g) => [g, genreLabel(g)]))).toMatchObject({
      'drum-and-bass': 'drum and bass',
      'hip-hop': 'hip hop',
      'lo-fi': 'lo-fi',
      house: 'house',
    });
    for (const g of GENRES) expect(genreLabel(g)).not.toMatch(/^ | $| {2}/);
  });
});

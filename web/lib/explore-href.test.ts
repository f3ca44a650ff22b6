import { describe, expect, it } from 'vitest';
import { exploreHref } from './explore-href';

describe('exploreHref', () => {
  it('leaves the defaults out and encodes the rest', () => {
    expect(exploreHref({})).toBe('/explore');
    expect(exploreHref({ q: '', genre: null, page: 1 })).toBe('/explore');
    expect(exploreHref({ q: 'rain & tea', genre: 'lo-fi', page: 3 })).toBe(
      '/explore?q=rain+%26+tea&genre=lo-fi&page=3',
    );
    expect(exploreHref({ sort: 'newest' })).toBe('/explore');
    expect(exploreHref({ genre: 'jazz', sort: 'popular', page: 2 })).toBe(
      '/explore?genre=jazz&sort=popular&page=2',
    );
  });
});

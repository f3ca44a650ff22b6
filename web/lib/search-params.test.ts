import { describe, expect, it } from 'vitest';
import { lastPageIfPastEnd } from './search-params';

describe('lastPageIfPastEnd', () => {
  it('sends a page past the end to the last page, and leaves every other page alone', () => {
    expect(lastPageIfPastEnd({ page: 5, shown: 0, total: 25, size: 12 })).toBe(3);
    expect(lastPageIfPastEnd({ page: 2, shown: 0, total: 3, size: 12 })).toBe(1);
    expect(lastPageIfPastEnd({ page: 3, shown: 1, total: 25, size: 12 })).toBeNull(); // the last page
    expect(lastPageIfPastEnd({ page: 1, shown: 0, total: 0, size: 12 })).toBeNull(); // nothing at all
    expect(lastPageIfPastEnd({ page: 4, shown: 0, total: 0, size: 12 })).toBeNull(); // nothing matches
  });
});

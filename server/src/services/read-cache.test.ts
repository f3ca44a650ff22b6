import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.ts';

describe('ReadCache', () => {
  it('serves a hit until invalidated or expired', async () => {
    const c = new ReadCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.get('g', 'k', load, 0)).toBe(1);
    expect(await c.get('g', 'k', load, 999)).toBe(1);
    expect(await c.get('g', 'k', load, 1000)).toBe(2); // expired
    c.invalidate('g');
    expect(await c.get('g', 'k', load, 1001)).toBe(3);
    expect(await c.get('other', 'k', load, 1001)).toBe(4);
    expect(await c.get('g', 'k', load, 1002)).toBe(3);
  });

  it('never stores a value loaded across an invalidation', async () => {
    const c = new ReadCache<string>(60_000);
    let release!: () => void;
    const slow = c.get('job', '', () => new Promise<string>((r) => (release = () => r('stale'))));
    c.invalidate('job'); // the row changed while we were reading it
    release();
    expect(await slow).toBe('stale'); // the caller gets what it read...
    expect(await c.get('job', '', async () => 'fresh')).toBe('fresh'); // ...but it was not cached
  });

  it('stays bounded', async () => {
    const c = new ReadCache<number>(60_000, 3);
    for (let i = 0; i < 10; i++) await c.get(`g${i}`, '', async () => i);
    let loads = 0;
    await c.get('g0', '', async () => ++loads);
    expect(loads).toBe(1); // evicted long ago
  });
});

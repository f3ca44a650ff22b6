import { describe, expect, it } from 'vitest';
import { describeOutcome, runBulk } from './bulk';

describe('runBulk', () => {
  it('runs every id, never more than `concurrency` at once, and reports failures in id order', async () => {
    let running = 0;
    let peak = 0;
    const out = await runBulk(
      ['a', 'b', 'c', 'd', 'e'],
      async (id) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, id === 'a' ? 20 : 5));
        running--;
        if (id === 'b' || id === 'e') throw new Error(`no ${id}`);
      },
      2,
    );
    expect(peak).toBe(2);
    expect(out.done).toEqual(['a', 'c', 'd']);
    expect(out.failed).toEqual([
      { id: 'b', message: 'no b' },
      { id: 'e', message: 'no e' },
    ]);
  });

  it('does nothing for no ids', async () => {
    expect(await runBulk([], async () => {})).toEqual({ done: [], failed: [] });
  });
});

describe('describeOutcome', () => {
  it('says what was done, and the first reason for what was not', () => {
    expect(describeOutcome({ kind: 'delete' }, { done: ['a'], failed: [] })).toBe('1 track deleted.');
    expect(
      describeOutcome(
        { kind: 'publish', public: true },
        { done: ['a', 'b'], failed: [{ id: 'c', message: 'Only finished tracks can be published.' }] },
      ),
    ).toBe('2 tracks published. 1 track could not be: Only finished tracks can be published.');
    expect(
      describeOutcome(
        { kind: 'move', seriesId: 's', seriesTitle: 'Night drives' },
        { done: ['a', 'b'], failed: [] },
      ),
    ).toBe('2 tracks added to Night drives.');
    expect(
      describeOutcome({ kind: 'publish', public: false }, { done: [], failed: [{ id: 'a', message: 'x' }] }),
    ).toBe('Nothing was made private. 1 track could not be: x');
  });
});

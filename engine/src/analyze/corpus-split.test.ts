// The corpus's split stays fixed while tuning material is added (issue 19): the extra tuning
// items are all tuning items, new, and leave the 240 split items and their sets as they were.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CORPUS_SIZE, corpus, extraTuningCorpus } from './test-support/corpus.ts';

describe('the labelled corpus and its extra tuning material', () => {
  const split = corpus();
  const extra = extraTuningCorpus();

  it('keeps the split: 240 items, 96 held out, the held-out ids as first drawn', () => {
    expect(split).toHaveLength(CORPUS_SIZE);
    const heldOut = split.filter((i) => i.set === 'held-out');
    expect(heldOut).toHaveLength(96);
    // Digest of the held-out ids as split on 2026-12-02 (corpus.ts header), before any tuning.
    const ids = heldOut
      .map((i) => i.id)
      .sort()
      .join('\n');
    expect(createHash('sha256').update(ids).digest('hex').slice(0, 16)).toBe('659b1813faf109be');
    expect(new Set(split.map((i) => i.id)).size).toBe(CORPUS_SIZE);
  });

  it('adds only tuning items, none of them already in the corpus, with half-time, 3/4 and 6/8 pieces', () => {
    const ids = new Set(split.map((i) => i.id));
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.every((i) => i.set === 'tuning')).toBe(true);
    expect(extra.some((i) => ids.has(i.id))).toBe(false);
    expect(new Set(extra.map((i) => i.id)).size).toBe(extra.length);
    expect(new Set(extra.map((i) => i.seed)).size).toBe(extra.length);
    for (const kind of ['4/4 half-time', '3/4 none', '3/4 backbeat', '6/8 none', '6/8 backbeat'])
      expect(
        extra.some((i) => `${i.metre} ${i.feel}` === kind),
        kind,
      ).toBe(true);
  });

  it('holds a second batch of drumless 3/4 and 6/8 pieces, with drumless 4/4 beside them', () => {
    const second = extra.filter((i) => i.id.startsWith('x2-'));
    const count = (kind: string) => second.filter((i) => `${i.metre} ${i.feel}` === kind).length;
    expect(count('3/4 none')).toBe(18);
    expect(count('6/8 none')).toBe(18);
    expect(count('4/4 none')).toBe(9);
  });

  it('draws extra seeds that no split item uses', () => {
    const seeds = new Set(split.map((i) => i.seed));
    expect(extra.some((i) => seeds.has(i.seed))).toBe(false);
  });
});

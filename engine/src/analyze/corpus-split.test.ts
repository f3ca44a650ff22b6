// The corpus's split stays fixed while tuning material is added (issue 19): the extra tuning
// items are all tuning items, new, and leave the 240 split items and their sets as they were.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_SIZE,
  corpus,
  extraTuningCorpus,
  heldOutB,
  heldOutC,
  heldOutD,
  heldOutE,
  sixthTuningBatch,
} from './test-support/corpus.ts';

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

  it('holds a third batch: half-time grooves, 3/4 and 6/8 with and without drums, slow backbeats', () => {
    const third = extra.filter((i) => i.id.startsWith('x3-'));
    expect(third).toHaveLength(63);
    const count = (kind: string) => third.filter((i) => `${i.metre} ${i.feel}` === kind).length;
    expect(count('4/4 half-time')).toBe(18);
    expect(count('4/4 backbeat')).toBe(9);
    for (const kind of ['3/4 none', '6/8 none', '3/4 backbeat', '6/8 backbeat'])
      expect(count(kind), kind).toBe(9);
  });

  it('holds a fourth batch: fast half-time grooves, drumless 4/4, 3/4 and 6/8, and their twins', () => {
    const fourth = extra.filter((i) => i.id.startsWith('x4-'));
    expect(fourth).toHaveLength(72);
    const count = (kind: string) => fourth.filter((i) => `${i.metre} ${i.feel}` === kind).length;
    expect(count('4/4 half-time')).toBe(18);
    expect(count('4/4 none')).toBe(12);
    expect(count('3/4 none')).toBe(12);
    expect(count('6/8 none')).toBe(12);
    expect(fourth.filter((i) => i.feel === 'half-time' && i.bpm >= 140).length).toBeGreaterThanOrEqual(12);
  });

  it('holds a fifth batch: slow backbeats, slow drumless 4/4, fast half-time, drumless 3/4 and 6/8, and fast twins', () => {
    const fifth = extra.filter((i) => i.id.startsWith('x5-'));
    expect(fifth).toHaveLength(72);
    const count = (f: (i: (typeof fifth)[number]) => boolean) => fifth.filter(f).length;
    expect(count((i) => i.feel === 'backbeat' && i.metre === '4/4' && i.bpm <= 85)).toBe(12);
    expect(count((i) => i.feel === 'none' && i.metre === '4/4' && i.bpm <= 90)).toBe(12);
    expect(count((i) => i.feel === 'half-time' && i.bpm >= 150)).toBe(12);
    expect(count((i) => i.feel === 'none' && i.metre !== '4/4')).toBe(24);
    expect(count((i) => i.metre === '4/4' && i.bpm >= 120 && i.feel !== 'half-time')).toBe(12);
  });

  it('holds a sixth batch: four-on-the-floor, fast half-time and fast 3/4 backbeats, drumless 6/8, slow backbeats and drumless 4/4, and their twins', () => {
    const sixth = sixthTuningBatch();
    expect(sixth.every((i) => i.set === 'tuning' && i.id.startsWith('x6-'))).toBe(true);
    const ids = new Set([...split, ...extra].map((i) => i.id));
    const seeds = new Set([...split, ...extra].map((i) => i.seed));
    expect(sixth.some((i) => ids.has(i.id) || seeds.has(i.seed))).toBe(false);
    expect(new Set(sixth.map((i) => i.seed)).size).toBe(72);
    expect(sixth).toHaveLength(72);
    const count = (f: (i: (typeof sixth)[number]) => boolean) => sixth.filter(f).length;
    expect(count((i) => i.feel === 'four-on-the-floor')).toBe(12);
    expect(count((i) => i.feel === 'half-time' && i.bpm >= 146)).toBe(12);
    expect(count((i) => i.feel === 'backbeat' && i.metre === '3/4' && i.bpm >= 150)).toBe(6);
    expect(count((i) => i.feel === 'none' && i.metre === '6/8')).toBe(12);
    expect(count((i) => i.metre === '4/4' && i.bpm <= 90 && i.feel !== 'half-time')).toBe(12);
  });

  it('keeps the extra tuning items and the sixth batch apart from held-out sets B–E (ids and seeds)', () => {
    const e = [...heldOutB(), ...heldOutC(), ...heldOutD(), ...heldOutE()];
    const ids = new Set(e.map((i) => i.id));
    const seeds = new Set(e.map((i) => i.seed));
    expect([...extra, ...sixthTuningBatch()].some((i) => ids.has(i.id) || seeds.has(i.seed))).toBe(false);
  });

  it('draws extra seeds that no split item uses', () => {
    const seeds = new Set(split.map((i) => i.seed));
    expect(extra.some((i) => seeds.has(i.seed))).toBe(false);
  });
});

describe('held-out set B (sixth session)', () => {
  const b = heldOutB();
  const tuningIds = new Set([...corpus(), ...extraTuningCorpus()].map((i) => i.id));
  const tuningSeeds = new Set([...corpus(), ...extraTuningCorpus()].map((i) => i.seed));

  it('is held out, new and apart from every tuning item (ids and seeds), as first drawn', () => {
    expect(b).toHaveLength(72);
    expect(b.every((i) => i.set === 'held-out')).toBe(true);
    expect(b.some((i) => tuningIds.has(i.id) || tuningSeeds.has(i.seed))).toBe(false);
    expect(new Set(b.map((i) => i.seed)).size).toBe(b.length);
    const ids = b
      .map((i) => `${i.id} ${i.seed}`)
      .sort()
      .join('\n');
    expect(createHash('sha256').update(ids).digest('hex').slice(0, 16)).toBe('fb514bf094dfdf7d');
  });

  it('covers three renderers, every feel, 4/4 3/4 6/8, 60–190 BPM and all 24 keys', () => {
    const kinds = (f: (i: (typeof b)[number]) => string) => new Set(b.map(f)).size;
    expect(kinds((i) => i.renderer)).toBe(3);
    expect(kinds((i) => i.feel)).toBe(6);
    expect(kinds((i) => i.metre)).toBe(3);
    expect(kinds((i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
    expect(Math.min(...b.map((i) => i.bpm))).toBeGreaterThanOrEqual(60);
    expect(Math.max(...b.map((i) => i.bpm))).toBeLessThanOrEqual(190);
  });
});

type Item = ReturnType<typeof heldOutC>[number];

/**
 * A held-out set drawn after the material before it (sets C, D, E): held out, apart from every
 * tuning item and the earlier held-out sets by id and seed, as first drawn (its digest, committed
 * before its session's tuning), and covering the strata it was drawn for.
 */
function describeHeldOutSet(
  title: string,
  items: () => Item[],
  {
    prefix,
    digest,
    earlier,
    kinds,
  }: { prefix: string; digest: string; earlier: () => Item[]; kinds: string[] },
): void {
  describe(title, () => {
    const set = items();
    const tuning = [...corpus(), ...extraTuningCorpus()];
    const tuningIds = new Set(tuning.map((i) => i.id));
    const tuningSeeds = new Set(tuning.map((i) => i.seed));
    const others = [...corpus().filter((i) => i.set === 'held-out'), ...earlier()];

    it('is held out, new and apart from every tuning item and the other held-out sets, as first drawn', () => {
      expect(set).toHaveLength(72);
      expect(set.every((i) => i.set === 'held-out' && i.id.startsWith(prefix))).toBe(true);
      expect(set.some((i) => tuningIds.has(i.id) || tuningSeeds.has(i.seed))).toBe(false);
      const otherIds = new Set(others.map((i) => i.id));
      const otherSeeds = new Set(others.map((i) => i.seed));
      expect(set.some((i) => otherIds.has(i.id) || otherSeeds.has(i.seed))).toBe(false);
      expect(new Set(set.map((i) => i.seed)).size).toBe(set.length);
      expect(new Set(set.map((i) => i.id)).size).toBe(set.length);
      const ids = set
        .map((i) => `${i.id} ${i.seed}`)
        .sort()
        .join('\n');
      expect(createHash('sha256').update(ids).digest('hex').slice(0, 16)).toBe(digest);
    });

    it('covers three renderers, every feel, 4/4 3/4 6/8 with and without drums, 60–190 BPM, all 24 keys', () => {
      expect(new Set(set.map((i) => i.renderer)).size).toBe(3);
      expect(new Set(set.map((i) => i.feel)).size).toBe(6);
      for (const kind of kinds)
        expect(
          set.some((i) => `${i.metre} ${i.feel}` === kind),
          kind,
        ).toBe(true);
      for (const r of ['fluidsynth-fluidr3', 'fluidsynth-musescore', 'sox'])
        expect(
          new Set(set.filter((i) => i.renderer === r).map((i) => `${i.tonicPc} ${i.mode}`)).size,
          r,
        ).toBe(24);
      expect(Math.min(...set.map((i) => i.bpm))).toBeGreaterThanOrEqual(60);
      expect(Math.max(...set.map((i) => i.bpm))).toBeLessThanOrEqual(190);
    });
  });
}

const STRATA = ['3/4 none', '3/4 backbeat', '6/8 none', '6/8 backbeat', '4/4 half-time', '4/4 shuffle'];

// Digests of the sets as defined on 2026-12-03 (C, D) and 2026-12-04 (E), each committed before
// its session's tuning.
describeHeldOutSet('held-out set C (seventh session, defined before its tuning)', heldOutC, {
  prefix: 'hc-',
  digest: 'a148a18c8c5e44fc',
  earlier: () => heldOutB(),
  kinds: STRATA,
});
describeHeldOutSet('held-out set D (eighth session, defined before its tuning)', heldOutD, {
  prefix: 'hd-',
  digest: '40c83ae6daa64efe',
  earlier: () => [...heldOutB(), ...heldOutC()],
  kinds: [...STRATA, '4/4 none'],
});
describeHeldOutSet('held-out set E (ninth session, defined before its tuning)', heldOutE, {
  prefix: 'he-',
  digest: '326134331f78ca10',
  earlier: () => [...heldOutB(), ...heldOutC(), ...heldOutD()],
  kinds: [...STRATA, '4/4 none'],
});

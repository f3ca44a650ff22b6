// The hymnal (third composer): the item list and its split are pinned, the labels are checked
// against the composed notes, and one item is rendered end to end. Never runs the analyser.
import { describe, expect, it } from 'vitest';
import {
  describeClipRender,
  indexId,
  itemListChecks,
  keyFaults,
  labelChecks,
  labelFit as scoreLabelFit,
  splitByStratum,
} from './composer-checks.ts';
import {
  composeHymnal,
  HYMNAL_CLIP_SEC,
  HYMNAL_STYLES,
  type HymnalItem,
  hymnal,
  hymnalMidi,
} from './hymnal.ts';
import { renderHymnalItem, requireHymnalTools } from './hymnal-render.ts';

const items = hymnal();
const stratum = (it: HymnalItem) => `${it.style}/${it.metre}`;

/** The ids, labels and split, as pinned below. */
const DIGEST_FIELDS = [
  'id',
  'set',
  'soundfont',
  'style',
  'metre',
  'bpm',
  'tonicPc',
  'mode',
  'minorKind',
] as const;

describe('hymnal items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: hymnal,
    idPattern: (n, it) => new RegExp(`^${indexId('hy', n)}-${it.style}-`),
    midi: hymnalMidi,
    digest: {
      of: 'all',
      fields: DIGEST_FIELDS,
      sha256: '23c7ddb9a044f78dfa2faf8af9c3110f54f566b54891be1ef9a48676aac49e1e',
    },
  });

  it('halves every stratum and covers all 24 keys, both minor kinds, both SoundFonts and every style in each set', () => {
    const strata = splitByStratum(items, stratum);
    expect(strata.size).toBe(19);
    for (const [, s] of strata) {
      expect(s.tuning).toBeGreaterThan(0);
      expect(s.tuning).toBe(s['held-out']);
    }
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      expect(new Set(mine.map((it) => it.minorKind))).toEqual(new Set([null, 'natural', 'harmonic']));
      expect(new Set(mine.map((it) => it.soundfont))).toEqual(new Set(['timgm6mb', 'fluidr3']));
      expect(new Set(mine.map((it) => it.style))).toEqual(new Set(HYMNAL_STYLES));
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['2/4', '3/4', '4/4', '6/8', '12/8']));
    }
  });

  it('labels tempos in each style’s range with one decimal', () => {
    const ranges: Record<string, [number, number]> = {
      hymn: [60, 110],
      march: [100, 130],
      country: [90, 170],
      reggae: [65, 90],
      'reggae-140': [130, 170],
      bossa: [120, 150],
      ska: [140, 180],
      gospel: [50, 80],
      metal: [90, 180],
      dnb: [160, 178],
      lofi: [70, 95],
      quartet: [60, 140],
      fingerpick: [80, 140],
      baroque: [60, 100],
      film: [80, 140],
      minuet: [100, 150],
      jig: [90, 130],
      ballad68: [40, 65],
    };
    for (const it of items) {
      expect(Math.round(it.bpm * 10) / 10).toBe(it.bpm);
      const [lo, hi] = ranges[it.style]!;
      expect(it.bpm >= lo && it.bpm <= hi, it.id).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- the label against the notes

/** The label against all the composed notes (label-checks.ts's labelFit), for a beat of `period` quarters. */
function labelFit(item: HymnalItem, period: number): { grid: number; coverage: number } {
  return scoreLabelFit(composeHymnal(item), period);
}

describe('hymnal labels against the composed notes', () => {
  // The first tuning and the first held-out item of each stratum.
  const strata = [...new Set(items.map(stratum))];
  const sample = strata.flatMap((k) => {
    const mine = items.filter((it) => stratum(it) === k);
    return [mine.find((it) => it.set === 'tuning')!, mine.find((it) => it.set === 'held-out')!];
  });
  const sixteenths = ['baroque', 'metal', 'dnb', 'lofi'];
  const sparse = ['hymn', 'reggae-140', 'gospel', 'jig', 'ballad68'];
  labelChecks(items, {
    score: composeHymnal,
    midi: hymnalMidi,
    fit: labelFit,
    dotted: (it) => it.metre === '6/8' || it.metre === '12/8',
    clipSec: 30,
    spareBar: false,
    checked: sample,
    coverage: 0.75,
    sixteenths: { where: sixteenths.join(', '), has: (it) => sixteenths.includes(it.style) },
    noEighths: { where: sparse.join(', '), has: (it) => sparse.includes(it.style) },
  });

  it('makes songs: an intro without kick and snare, crashes at drummed section starts, louder later sections, held notes', () => {
    for (const item of sample) {
      const s = composeHymnal(item);
      expect(s.sections[0]!.name).toBe('intro');
      expect(s.sections.length, item.id).toBeGreaterThanOrEqual(3);
      const drums = s.notes.filter((n) => n.part === 'drums');
      expect(drums.filter((n) => n.start < s.introEndQ - 1e-9 && [36, 38].includes(n.pitch))).toHaveLength(0);
      for (const sec of s.sections.slice(1)) {
        const at = sec.bar * s.barQ;
        const kit = drums.some(
          (n) => [36, 38, 45].includes(n.pitch) && n.start >= at && n.start < at + s.barQ,
        );
        if (kit)
          expect(
            drums.some((n) => n.pitch === 49 && n.start === at),
            `${item.id} ${sec.bar}`,
          ).toBe(true);
      }
      for (const n of s.notes) expect(Math.abs(n.jitterSec)).toBeLessThanOrEqual(0.006);
      const meanVel = (from: number, to: number) => {
        const v = s.notes.filter((n) => n.start >= from && n.start < to).map((n) => n.velocity);
        return v.reduce((a, b) => a + b, 0) / v.length;
      };
      const b = s.sections.find((x) => x.name === 'B')!;
      const a = s.sections.find((x) => x.name === 'A')!;
      expect(meanVel(b.bar * s.barQ, (b.bar + 1) * s.barQ), item.id).toBeGreaterThan(
        meanVel(a.bar * s.barQ, (a.bar + 1) * s.barQ),
      );
      if (item.style !== 'baroque') {
        expect(
          s.notes.some((n) => n.part !== 'drums' && n.duration >= 1.4 * s.beatQ),
          item.id,
        ).toBe(true);
      }
    }
  });

  it('keeps to the key: the tonic is among the three strongest pitch classes, the third names the mode; harmonic minor raises the 7th', () => {
    for (const item of items) {
      expect(keyFaults(composeHymnal(item).notes, item), item.id).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describeClipRender('hymnal', items.find((it) => it.style === 'reggae-140' && it.soundfont === 'timgm6mb')!, {
  render: renderHymnalItem,
  requireTools: requireHymnalTools,
  clipSec: HYMNAL_CLIP_SEC,
});

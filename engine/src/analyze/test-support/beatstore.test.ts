// The beat store (fourth composer): the item list and its split are pinned, the labels (the DAW
// tempo a producer types in, the key) are checked against the composed notes, and one item is
// rendered end to end. Never runs the analyser.
import { describe, expect, it } from 'vitest';
import {
  BEATSTORE_CLIP_SEC,
  type BeatScore,
  type BeatstoreItem,
  beatstore,
  beatstoreMidi,
  beatstoreQpm,
  composeBeatstore,
  STYLES,
} from './beatstore.ts';
import { renderBeatstoreItem, requireBeatstoreTools } from './beatstore-render.ts';
import {
  describeClipRender,
  indexId,
  itemListChecks,
  keyFaults,
  labelChecks,
  labelFit as scoreLabelFit,
  splitByStratum,
} from './composer-checks.ts';

const items = beatstore();
const scores = new Map<string, BeatScore>();
const score = (it: BeatstoreItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeBeatstore(it));
  return scores.get(it.id)!;
};

/** The ids, labels and split, as pinned below. */
const DIGEST_FIELDS = [
  'id',
  'set',
  'style',
  'soundfont',
  'fx',
  'metre',
  'feel',
  'bpm',
  'tonicPc',
  'mode',
  'minorKind',
] as const;

describe('beat store items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: beatstore,
    otherSeed: () => beatstore(1),
    idPattern: (n, it) => new RegExp(`^${indexId('bs', n)}-${it.style}-[A-G][#b]?(maj|min)$`),
    midi: beatstoreMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: '793381a07670f703a901e56a0fc296fa654b7759a18fa6b3fc39f9ddb1ed7c7d',
    },
  });

  it('halves every style and covers all 24 keys, all minor colours and both SoundFonts in each set', () => {
    const strata = splitByStratum(items, (it) => it.style);
    expect([...strata.keys()].sort()).toEqual(STYLES.map((s) => s.name).sort());
    for (const [, s] of strata) {
      expect(s.tuning).toBeGreaterThanOrEqual(3);
      expect(s.tuning).toBe(s['held-out']);
    }
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      expect(new Set(mine.map((it) => it.minorKind))).toEqual(
        new Set([null, 'natural', 'harmonic', 'dorian']),
      );
      expect(mine.filter((it) => it.soundfont === 'musescore')).toHaveLength(40);
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['4/4', '3/4', '12/8']));
    }
  });

  it("labels integer DAW tempos in each style's range", () => {
    for (const it of items) {
      const s = STYLES.find((x) => x.name === it.style)!;
      expect(Number.isInteger(it.bpm)).toBe(true);
      expect(it.bpm >= s.tempo[0] && it.bpm <= s.tempo[1], it.id).toBe(true);
      expect(it.metre).toBe(s.metre);
      expect(s.feels).toContain(it.feel);
    }
    for (const it of items.filter((x) => x.style === 'dubstep'))
      expect(Math.abs(it.bpm - 140)).toBeLessThanOrEqual(2);
  });
});

// ---------------------------------------------------------------- the label against the notes

/** labelFit for an assumed beat of `period` quarter notes: ornaments (hat rolls, slides) left out. */
function labelFit(item: BeatstoreItem, period: number) {
  const s = score(item);
  return scoreLabelFit(s, period, { gridNotes: (n) => !n.ornament, swingQ: s.swingQ });
}

describe('beat store labels against the composed notes', () => {
  const plain = (it: BeatstoreItem) =>
    it.feel === 'none' || it.style === 'salsa' || (it.style === 'waltz' && it.feel === 'waltz');
  labelChecks(items, {
    score,
    midi: beatstoreMidi,
    fit: labelFit,
    dotted: (it) => it.metre === '12/8',
    qpm: beatstoreQpm,
    clipSec: 30,
    spareBar: true,
    coverage: 0.8,
    sixteenths: { where: 'every drummed style but salsa and the plain waltz', has: (it) => !plain(it) },
    noEighths: { where: 'waltz, 12/8', has: (it) => it.style === 'waltz' || it.style === 'afro-6-8' },
  });

  it('makes tracks: an intro without kick and snare, crashes at section starts, small humanising', () => {
    for (const item of items) {
      const s = score(item);
      expect(s.sections[0]!.name).toBe('intro');
      expect(s.sections.length, item.id).toBeGreaterThanOrEqual(3);
      const drums = s.notes.filter((n) => n.part === 'drums');
      expect(drums.length > 0, item.id).toBe(item.feel !== 'none');
      expect(
        drums.filter((n) => n.start < s.introEndQ - 1e-9 && [36, 38, 39].includes(n.pitch)),
      ).toHaveLength(0);
      for (const sec of drums.length ? s.sections.slice(1) : []) {
        expect(drums.some((n) => n.pitch === 49 && n.start === sec.bar * s.barQ)).toBe(true);
      }
      for (const n of s.notes) expect(Math.abs(n.jitterSec)).toBeLessThanOrEqual(0.006);
      expect(new Set(s.notes.map((n) => n.part)).has('bass')).toBe(true);
      // a chord progression, not one chord
      const bassPcs = new Set(s.notes.filter((n) => n.part === 'bass').map((n) => n.pitch % 12));
      expect(bassPcs.size, item.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps to the key: tonic among the three strongest, the third names the mode; minor colours as labelled', () => {
    for (const item of items) {
      const notes = score(item).notes;
      expect(keyFaults(notes, item), item.id).toEqual([]);
      if (item.mode === 'minor' && item.minorKind !== 'dorian') {
        // natural and harmonic minor never sound the major 6th here (dorian's 6th: keyFaults)
        const sounds = (k: number) =>
          notes.some((n) => n.part !== 'drums' && (n.pitch - item.tonicPc - k) % 12 === 0);
        expect(sounds(9), item.id).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describeClipRender('beatstore', items.find((it) => it.soundfont === 'musescore' && it.fx === 'hall')!, {
  render: renderBeatstoreItem,
  requireTools: requireBeatstoreTools,
  clipSec: BEATSTORE_CLIP_SEC,
});

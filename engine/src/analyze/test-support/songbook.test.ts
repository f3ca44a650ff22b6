// The songbook (second composer): the item list and its split are pinned, the labels are checked
// against the composed notes, and one item is rendered end to end. Never runs the analyser.
import { describe, expect, it } from 'vitest';
import {
  describeClipRender,
  itemListChecks,
  keyFaults,
  labelChecks,
  labelFit as scoreLabelFit,
  splitByStratum,
} from './composer-checks.ts';
import { composeSongbook, SONGBOOK_CLIP_SEC, type SongbookItem, songbook, songbookMidi } from './songbook.ts';
import { renderSongbookItem, requireSongbookTools } from './songbook-render.ts';

const items = songbook();
const stratum = (it: SongbookItem) => `${it.feel}/${it.variant}/${it.metre}`;

/** The ids, labels and split, as pinned below. */
const DIGEST_FIELDS = ['id', 'set', 'soundfont', 'metre', 'bpm', 'tonicPc', 'mode', 'minorKind'] as const;

describe('songbook items', () => {
  itemListChecks(items, {
    count: 240,
    regenerate: songbook,
    idPattern: () => /^sb-/,
    midi: songbookMidi,
    digest: {
      of: 'all',
      fields: DIGEST_FIELDS,
      sha256: 'e53bc587bce3b7268a8465ac9154c23b3fab8b509c3a8c52c3c15e9977a97ca9',
    },
  });

  it('halves every stratum and covers all 24 keys, both minor kinds and both SoundFonts in each set', () => {
    const strata = splitByStratum(items, stratum);
    for (const [, s] of strata) {
      expect(s.tuning).toBeGreaterThan(0);
      expect(s.tuning).toBe(s['held-out']);
    }
    for (const feel of ['four-on-the-floor', 'backbeat', 'half-time', 'shuffle', 'breakbeat', 'none']) {
      expect(items.filter((it) => it.feel === feel).length).toBeGreaterThanOrEqual(24);
    }
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      // also bench --quick's every 4th item
      expect(new Set(mine.filter((_, i) => i % 4 === 0).map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(
        24,
      );
      expect(new Set(mine.map((it) => it.minorKind))).toEqual(new Set([null, 'natural', 'harmonic']));
      expect(new Set(mine.map((it) => it.soundfont))).toEqual(new Set(['timgm6mb', 'fluidr3']));
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['4/4', '3/4', '6/8']));
    }
  });

  it('labels tempos in the stated ranges with one decimal', () => {
    for (const it of items) {
      expect(Math.round(it.bpm * 10) / 10).toBe(it.bpm);
      if (it.metre === '6/8') expect(it.bpm >= 40 && it.bpm <= 100).toBe(true);
      else expect(it.bpm >= 60 && it.bpm <= 190).toBe(true);
    }
    const halfTime = items.filter((it) => it.feel === 'half-time');
    expect(halfTime.filter((it) => it.bpm >= 100 && it.bpm <= 170)).toHaveLength(halfTime.length);
  });
});

// ---------------------------------------------------------------- the label against the notes

/**
 * The label against the composed notes (label-checks.ts's labelFit) for an assumed beat of `period`
 * quarter notes. The grid counts the non-melody onsets but for drum hits shorter than 0.2 quarter
 * notes, with swung sixteenths where the feel swings them.
 */
function labelFit(item: SongbookItem, period: number): { grid: number; coverage: number } {
  return scoreLabelFit(composeSongbook(item), period, {
    gridNotes: (n) => n.part !== 'melody' && !(n.part === 'drums' && n.duration < 0.2),
    swingQ: item.variant === 'swung16' ? 0.25 * 0.3 : 0,
  });
}

describe('songbook labels against the composed notes', () => {
  const variants = [...new Set(items.map((it) => it.variant))];
  // The first tuning and the first held-out item of each variant (every feel, metre and texture).
  const sample = variants.flatMap((v) => {
    const mine = items.filter((it) => it.variant === v);
    return [mine.find((it) => it.set === 'tuning')!, mine.find((it) => it.set === 'held-out')!];
  });
  const sixteenths = ['pop16', 'trap', 'half16', 'funk'];
  const sparse = ['blues', 'jazz', 'block-beat', 'block-half', 'pad-walking', 'pad-root-fifth', 'waltz'];
  labelChecks(items, {
    score: composeSongbook,
    midi: songbookMidi,
    fit: labelFit,
    dotted: (it) => it.metre === '6/8',
    clipSec: 30,
    spareBar: false,
    checked: sample,
    coverage: 0.75,
    sixteenths: { where: sixteenths.join(', '), has: (it) => sixteenths.includes(it.variant) },
    noEighths: {
      where: `${sparse.join(', ')}, 6/8`,
      has: (it) => sparse.includes(it.variant) || it.metre === '6/8',
    },
  });

  it('makes songs: an intro without kick and snare, crashes at section starts, tunes with rests and long notes', () => {
    for (const item of sample) {
      const s = composeSongbook(item);
      expect(s.sections[0]!.name).toBe('intro');
      // intro, verse, chorus (a 12-bar blues chorus may fill a slow clip alone)
      expect(s.sections.length).toBeGreaterThanOrEqual(item.variant === 'blues' ? 2 : 3);
      const drums = s.notes.filter((n) => n.part === 'drums');
      expect(
        drums.filter((n) => n.start < s.introEndQ - 1e-9 && [36, 38, 39].includes(n.pitch)),
      ).toHaveLength(0);
      if (drums.length) {
        for (const sec of s.sections.slice(1)) {
          expect(
            drums.some((n) => n.pitch === 49 && n.start === sec.bar * s.barQ),
            `${item.id} ${sec.bar}`,
          ).toBe(true);
        }
      }
      for (const n of s.notes) expect(Math.abs(n.jitterSec)).toBeLessThanOrEqual(0.008);
      const tune = s.notes.filter((n) => n.part === 'melody');
      if (tune.length === 0) continue; // piano ballad: the tune is in the piano part
      expect(
        tune.some((n) => n.duration >= 1.4),
        item.id,
      ).toBe(true);
      const gaps = tune.slice(1).map((n, i) => n.start - (tune[i]!.start + tune[i]!.duration));
      expect(
        gaps.some((g) => g >= 0.9),
        item.id,
      ).toBe(true);
    }
  });

  it('keeps to the key: the tonic is among the three strongest pitch classes, the third names the mode; harmonic minor raises the 7th', () => {
    for (const item of items) {
      expect(keyFaults(composeSongbook(item).notes, item), item.id).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describeClipRender('songbook', items.find((it) => it.feel === 'half-time' && it.soundfont === 'timgm6mb')!, {
  render: renderSongbookItem,
  requireTools: requireSongbookTools,
  clipSec: SONGBOOK_CLIP_SEC,
});

// The karaoke book (seventh composer): the item list and its split are pinned, the labels (the beat a
// listener taps, written into the SMF's tempo; the key) are checked against the composed notes, the
// fits are checked to read its tuning half only, and one item is rendered end to end by FluidSynth with the OPL3
// FM font. Never runs the analyser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fitsReadTuningHalfOnly,
  indexId,
  itemListChecks,
  keyFaults,
  labelChecks,
  pairedHalvesChecks,
  probeAudio,
  labelFit as scoreLabelFit,
  styleLabelChecks,
} from './composer-checks.ts';
import {
  composeKaraoke,
  KARAOKE_CLIP_SEC,
  type KaraokeItem,
  type KkScore,
  karaoke,
  karaokeMidi,
  karaokeQpm,
  karaokeSynthSettings,
  STYLES,
  styleOf,
} from './karaoke.ts';
import { renderKaraokeItem, requireKaraokeTools } from './karaoke-render.ts';
import { labelledKaraokeTuningHalf } from './labelled.ts';

const items = karaoke();
const scores = new Map<string, KkScore>();
const score = (it: KaraokeItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeKaraoke(it));
  return scores.get(it.id)!;
};
const compound = (it: KaraokeItem) => it.metre === '6/8' || it.metre === '12/8';

/** The ids, labels and split, as pinned below. */
const DIGEST_FIELDS = [
  'id',
  'set',
  'style',
  'metre',
  'feel',
  'drums',
  'intro',
  'bpm',
  'tonicPc',
  'mode',
  'minorKind',
  'soundfont',
  'reverb',
  'chorus',
  'gain',
  'seed',
] as const;

describe('karaoke book items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: karaoke,
    otherSeed: () => karaoke(1),
    idPattern: (n, it) => new RegExp(`^${indexId('kk', n)}-${it.style}-[A-G][#b]?(maj|min)$`),
    midi: karaokeMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: '32088555506b2a87e9c2a73d3f64eab253efb1c97db8b8dce8759297c869bf05',
    },
  });

  it('halves every style; each half has all 24 keys, the minor colours, five metres, both fonts and the synth settings', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(30);
    // a pair's two items share style, metre, feel and tempo range, one in each half, opposite fonts
    pairedHalvesChecks(items, {
      styles: STYLES.map((s) => s.name),
      pairs: (name) => styleOf(name).pairs,
      shared: ['style', 'metre', 'feel', 'drums'],
      tempi: (name) => styleOf(name).tempi,
    });
    for (let i = 0; i < items.length; i += 2)
      expect(new Set([items[i]!.soundfont, items[i + 1]!.soundfont]).size, items[i]!.id).toBe(2);
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      for (const kind of ['natural', 'harmonic', 'dorian'] as const)
        expect(mine.filter((it) => it.minorKind === kind).length, kind).toBeGreaterThanOrEqual(6);
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['2/4', '3/4', '4/4', '6/8', '12/8']));
      expect(new Set(mine.map((it) => it.intro))).toEqual(new Set(['count-in', 'piano', 'band', 'pickup']));
      expect(mine.filter((it) => it.soundfont === 'opl3')).toHaveLength(40);
      expect(new Set(mine.map((it) => it.reverb))).toEqual(new Set([true, false]));
      expect(new Set(mine.map((it) => it.chorus))).toEqual(new Set([true, false]));
      expect(new Set(mine.map((it) => it.gain)).size).toBe(3);
      // half-time drums (kick on 1, snare on 3, eighth hats) at 100-175
      const half = mine.filter((it) => it.feel === 'half-time');
      expect(half.length).toBeGreaterThanOrEqual(5);
      for (const it of half) expect(it.bpm >= 100 && it.bpm <= 175, it.id).toBe(true);
      // drumless ballads, waltzes, strummed and film pieces, in 4/4, 3/4 and 6/8
      const drumless = mine.filter((it) => !it.drums);
      expect(drumless.length).toBeGreaterThanOrEqual(10);
      expect(new Set(drumless.map((it) => it.metre))).toEqual(new Set(['4/4', '3/4', '6/8']));
      // swung (triplet-feel) and sixteenth styles
      expect(mine.filter((it) => styleOf(it.style).swing).length).toBeGreaterThanOrEqual(6);
      expect(mine.filter((it) => styleOf(it.style).sixteenths).length).toBeGreaterThanOrEqual(15);
      // slow and fast, with and without drums
      for (const drums of [true, false]) {
        const bpms = mine.filter((it) => it.drums === drums).map((it) => it.bpm);
        expect(Math.min(...bpms), `drums ${drums}`).toBeLessThan(drums ? 66 : 70);
        expect(Math.max(...bpms), `drums ${drums}`).toBeGreaterThan(drums ? 175 : 110);
      }
    }
  });

  it("labels integer BPMs in each style's ranges, 60-190 in all", () => {
    styleLabelChecks(items, styleOf, [60, 190]);
  });

  it('varies the FluidSynth settings: reverb on or off, chorus on or off, the gain', () => {
    for (const it of items) {
      const s = karaokeSynthSettings(it);
      expect(s.includes('synth.reverb.active=0')).toBe(!it.reverb);
      expect(s.includes('synth.chorus.active=0')).toBe(!it.chorus);
      expect(s).toContain(`synth.gain=${it.gain}`);
    }
  });

  // Until the eighteenth session no fit named it; since then the metrical-level fit may read the
  // tuning half, through labelledKaraokeTuningHalf only, and never set K (the held-out half).
  it('its held-out half is never fitted on: the fits read the tuning half only, through one accessor', () => {
    fitsReadTuningHalfOnly(
      items,
      { name: 'labelledKaraokeTuningHalf', items: labelledKaraokeTuningHalf },
      /karaoke|labelledKaraoke/i,
    );
  });
});

// ---------------------------------------------------------------- the label against the notes

/** labelFit for an assumed beat of `period` quarter notes: strums' later strings left out. */
function labelFit(item: KaraokeItem, period: number) {
  return scoreLabelFit(score(item), period, { gridNotes: (n) => !n.ornament });
}

describe('karaoke book labels against the composed notes', () => {
  labelChecks(items, {
    score,
    midi: karaokeMidi,
    fit: labelFit,
    dotted: compound,
    qpm: karaokeQpm,
    clipSec: KARAOKE_CLIP_SEC,
    spareBar: true,
    coverage: 0.8,
    sixteenths: {
      where: 'the styles that divide the beat into them',
      has: (it) => styleOf(it.style).sixteenths,
    },
    noEighths: { where: '6/8 and 12/8: none of the dotted quarter', has: compound },
  });

  it('bars of the metre; swung styles put their off-beat eighths on the triplet', () => {
    for (const item of items) {
      const s = score(item);
      expect(s.barQ, item.id).toBe({ '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 }[item.metre]);
      if (styleOf(item.style).swing) {
        const body = s.notes.filter((n) => n.start >= s.introEndQ && n.part !== 'drums');
        const straightOff = body.filter((n) => Math.abs((n.start % 1) - 0.5) < 1e-6).length;
        expect(straightOff, item.id).toBe(0);
        expect(
          body.some((n) => Math.abs((n.start % 1) - 2 / 3) < 1e-6),
          item.id,
        ).toBe(true);
      }
    }
  });

  it('half-time drums: the snare on 3 only (fills aside), eighth hats on every beat', () => {
    for (const item of items.filter((it) => it.feel === 'half-time')) {
      const s = score(item);
      const fillBars = new Set(s.sections.slice(1).map((sec) => sec.bar - 1));
      const body = s.notes.filter(
        (n) =>
          n.part === 'drums' &&
          n.start >= s.introEndQ &&
          n.start < (s.bars - 1) * s.barQ &&
          !fillBars.has(Math.floor(n.start / s.barQ)),
      );
      const snares = body.filter((n) => n.pitch === 38);
      expect(snares.length, item.id).toBeGreaterThan(0);
      for (const n of snares) expect(n.start % 4, item.id).toBe(2);
      const hats = new Set(body.filter((n) => n.pitch === 42).map((n) => n.start));
      for (let q = s.introEndQ; q < (s.bars - 1) * s.barQ; q += 0.5)
        if (!fillBars.has(Math.floor(q / s.barQ))) expect(hats.has(q), `${item.id} ${q}`).toBe(true);
    }
  });

  it('drumless pieces sound chords or bass on every labelled beat', () => {
    for (const item of items.filter((it) => !it.drums)) {
      const s = score(item);
      const starts = new Set(
        s.notes
          .filter((n) => ['comp', 'bass', 'pad'].includes(n.part) && !n.ornament)
          .map((n) => Math.round((n.start / s.beatQ) * 1e6) / 1e6),
      );
      for (let b = s.introEndQ / s.beatQ; b < ((s.bars - 1) * s.barQ) / s.beatQ; b++)
        expect(starts.has(b), `${item.id} beat ${b}`).toBe(true);
    }
  });

  it('plays like a karaoke file: an intro, sections, fills and crashes, bass, a tune with rests, humanised', () => {
    for (const item of items) {
      const s = score(item);
      expect(s.introEndQ, item.id).toBeGreaterThan(0);
      expect(s.sections[0]!.name).toBe('intro');
      expect(s.sections.length, item.id).toBeGreaterThanOrEqual(3);
      expect(
        s.sections.some((x) => x.name === 'verse') && s.sections.some((x) => x.name === 'chorus'),
        item.id,
      ).toBe(true);
      const drums = s.notes.filter((n) => n.part === 'drums');
      expect(drums.length > 0, item.id).toBe(item.drums);
      if (item.drums) {
        for (const sec of s.sections.slice(1)) {
          const at = sec.bar * s.barQ;
          expect(
            drums.some((n) => [49, 57].includes(n.pitch) && n.start === at),
            `${item.id} crash ${sec.bar}`,
          ).toBe(true);
          expect(
            drums.some(
              (n) =>
                [37, 38, 41, 43, 45, 47, 48, 50].includes(n.pitch) &&
                n.start >= at - s.beatQ - 1e-9 &&
                n.start < at,
            ),
            `${item.id} fill before ${sec.bar}`,
          ).toBe(true);
        }
        if (item.intro === 'count-in')
          expect(
            drums.filter((n) => n.start < s.introEndQ).every((n) => n.pitch === 37),
            item.id,
          ).toBe(true);
      }
      if (item.intro === 'piano' || item.intro === 'pickup')
        expect(
          s.notes.some(
            (n) => n.start < s.introEndQ && (n.part === 'drums' ? n.start < s.introEndQ - s.beatQ : false),
          ),
          `${item.id} drums before the intro's last beat`,
        ).toBe(false);
      for (const n of s.notes) expect(Math.abs(n.jitterSec)).toBeLessThanOrEqual(0.012);
      for (const part of new Set(s.notes.map((n) => n.part))) {
        const vels = new Set(s.notes.filter((n) => n.part === part).map((n) => n.velocity));
        expect(vels.size, `${item.id} ${part}`).toBeGreaterThanOrEqual(4);
      }
      const bassPcs = new Set(s.notes.filter((n) => n.part === 'bass').map((n) => n.pitch % 12));
      expect(bassPcs.size, item.id).toBeGreaterThanOrEqual(3);
      // the tune: after the intro (a pickup aside), in phrases with rests
      const lead = s.notes.filter((n) => n.part === 'lead');
      expect(lead.length, item.id).toBeGreaterThan(8);
      const beatsWith = new Set(
        lead.filter((n) => n.start >= s.introEndQ).map((n) => Math.floor(n.start / s.beatQ)),
      );
      const bodyBeats = (s.bars * s.barQ - s.introEndQ) / s.beatQ;
      expect(beatsWith.size / bodyBeats, item.id).toBeLessThanOrEqual(0.92);
      let longestRest = 0;
      for (let i = 1; i < lead.length; i++)
        longestRest = Math.max(longestRest, lead[i]!.start - (lead[i - 1]!.start + lead[i - 1]!.duration));
      expect(longestRest, item.id).toBeGreaterThanOrEqual(s.beatQ * 0.9);
      for (let i = 1; i < lead.length; i++)
        expect(lead[i]!.start, item.id).toBeGreaterThan(lead[i - 1]!.start);
    }
  });

  it('keeps to the key: tonic among the three strongest, the third names the mode; minor colours as labelled', () => {
    for (const item of items) {
      const s = score(item);
      expect(keyFaults(s.notes, item), item.id).toEqual([]);
      const rel = new Set(
        s.notes.filter((n) => n.part !== 'drums').map((n) => (((n.pitch - item.tonicPc) % 12) + 12) % 12),
      );
      for (const pc of rel) expect(s.allowedPcs, `${item.id} sounds ${pc}`).toContain(pc);
      if (item.mode === 'major') expect(rel.has(3), item.id).toBe(false);
      else expect(rel.has(4), item.id).toBe(false);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describe('karaoke render', () => {
  const item = items.find((it) => it.set === 'tuning' && it.drums && it.soundfont === 'opl3' && it.reverb)!;
  const dir = mkdtempSync(join(tmpdir(), 'karaoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`renders one OPL3 FM item to a ${KARAOKE_CLIP_SEC} s 44.1 kHz MP3 (fails naming the Debian package when missing)`, async () => {
    requireKaraokeTools(['opl3']);
    const out = await renderKaraokeItem(item, { dir });
    expect(out).toEqual({
      path: join(dir, `${item.id}.mp3`),
      bpm: item.bpm,
      tonicPc: item.tonicPc,
      mode: item.mode,
    });
    const probe = probeAudio(out.path);
    expect(probe).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
    expect(Math.abs(probe.durationSec - KARAOKE_CLIP_SEC)).toBeLessThan(0.3);
  });
});

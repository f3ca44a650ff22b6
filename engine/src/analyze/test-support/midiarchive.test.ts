// The MIDI archive (sixth composer): the item list and its split are pinned, the labels (the SMF
// tempo as a listener taps it, the key) are checked against the composed notes, and one item is
// rendered end to end by FluidSynth with the csound GM bank. Never runs the analyser.
import { describe, expect, it } from 'vitest';
import {
  describeClipRender,
  fitsReadTuningHalfOnly,
  indexId,
  itemListChecks,
  keyFaults,
  labelChecks,
  pairedHalvesChecks,
  labelFit as scoreLabelFit,
} from './composer-checks.ts';
import { labelledMidiarchiveTuningHalf } from './labelled.ts';
import {
  composeMidiarchive,
  type MaScore,
  MIDIARCHIVE_CLIP_SEC,
  type MidiArchiveItem,
  midiarchive,
  midiarchiveMidi,
  midiarchiveQpm,
  midiarchiveSynthSettings,
  STYLES,
  styleOf,
} from './midiarchive.ts';
import { renderMidiarchiveItem, requireMidiarchiveTools } from './midiarchive-render.ts';

const items = midiarchive();
const scores = new Map<string, MaScore>();
const score = (it: MidiArchiveItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeMidiarchive(it));
  return scores.get(it.id)!;
};
const compound = (it: MidiArchiveItem) => it.metre === '6/8' || it.metre === '12/8';
const HALF_TIME = ['half-time', 'trap', 'half-time-shuffle'];

/** The ids, labels and split, as pinned below. */
const DIGEST_FIELDS = [
  'id',
  'set',
  'style',
  'metre',
  'feel',
  'drums',
  'variant',
  'bpm',
  'tonicPc',
  'mode',
  'minorKind',
  'reverb',
  'chorus',
  'gain',
] as const;

describe('MIDI archive items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: midiarchive,
    otherSeed: () => midiarchive(1),
    idPattern: (n, it) => new RegExp(`^${indexId('ma', n)}-${it.style}-[A-G][#b]?(maj|min)$`),
    midi: midiarchiveMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: '6c98a18b4b8340896dce2b641794ab535dca04fd3ab3d3330232cc820b4ece26',
    },
  });

  it('halves every style; each half has all 24 keys, minor colours, metres, feels and FluidSynth settings', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(20);
    // a pair's two items share style, metre and texture, one in each half
    pairedHalvesChecks(items, {
      styles: STYLES.map((s) => s.name),
      pairs: (style) => styleOf(style).pairs,
      shared: ['style', 'metre', 'variant'],
    });
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      for (const kind of ['natural', 'harmonic', 'dorian'] as const)
        expect(mine.filter((it) => it.minorKind === kind).length, kind).toBeGreaterThanOrEqual(5);
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['2/4', '3/4', '4/4', '6/8', '12/8']));
      expect(new Set(mine.map((it) => it.feel))).toEqual(new Set(STYLES.map((s) => s.feel)));
      expect(new Set(mine.map((it) => it.reverb))).toEqual(new Set(['dry', 'default', 'hall']));
      expect(new Set(mine.map((it) => it.chorus))).toEqual(new Set([true, false]));
      expect(new Set(mine.map((it) => it.gain)).size).toBe(3);
      // half-time drums (kick on 1, snare on 3) at 100-175, plenty of them
      const half = mine.filter((it) => HALF_TIME.includes(it.feel));
      expect(half.length).toBeGreaterThanOrEqual(12);
      for (const it of half) expect(it.bpm >= 100 && it.bpm <= 175, it.id).toBe(true);
      // drumless pieces, hymn-like, piano, strummed and string textures at 68-175
      const drumless = mine.filter((it) => !it.drums);
      expect(drumless.length).toBeGreaterThanOrEqual(20);
      for (const it of drumless) expect(it.bpm >= 68 && it.bpm <= 175, it.id).toBe(true);
      expect(new Set(drumless.map((it) => it.metre))).toEqual(new Set(['4/4', '3/4', '6/8']));
      // slow and fast, with and without drums
      for (const drums of [true, false]) {
        const bpms = mine.filter((it) => it.drums === drums).map((it) => it.bpm);
        expect(Math.min(...bpms), `drums ${drums}`).toBeLessThan(drums ? 70 : 80);
        expect(Math.max(...bpms), `drums ${drums}`).toBeGreaterThan(drums ? 178 : 150);
      }
      // every compound and triple metre with and without drums
      for (const metre of ['3/4', '6/8'] as const)
        expect(new Set(mine.filter((it) => it.metre === metre).map((it) => it.drums)), metre).toEqual(
          new Set([true, false]),
        );
    }
  });

  it("labels integer BPMs in each style's ranges: 60-190 in all, most 68-175", () => {
    for (const it of items) {
      const s = styleOf(it.style);
      expect(Number.isInteger(it.bpm)).toBe(true);
      expect(
        s.tempi.some(([lo, hi]) => it.bpm >= lo && it.bpm <= hi),
        it.id,
      ).toBe(true);
      expect(s.metres).toContain(it.metre);
      expect(it.feel).toBe(s.feel);
      expect(it.drums).toBe(s.feel !== 'none');
      expect(it.soundfont).toBe('csound');
    }
    const bpms = items.map((it) => it.bpm);
    expect(Math.min(...bpms)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...bpms)).toBeLessThanOrEqual(190);
    expect(bpms.filter((b) => b >= 68 && b <= 175).length / bpms.length).toBeGreaterThan(0.8);
  });

  it('varies the FluidSynth settings: reverb off, default or a hall, chorus on or off, the gain', () => {
    for (const it of items) {
      const s = midiarchiveSynthSettings(it);
      expect(s.includes('synth.reverb.active=0')).toBe(it.reverb === 'dry');
      expect(s.some((x) => x.startsWith('synth.reverb.room-size='))).toBe(it.reverb === 'hall');
      expect(s.includes('synth.chorus.active=0')).toBe(!it.chorus);
      expect(s).toContain(`synth.gain=${it.gain}`);
    }
  });

  // Until the seventeenth session neither half was fitted on; since then the metrical-level fit may
  // read the tuning half, through labelledMidiarchiveTuningHalf only, and never set J (the held-out half).
  it('its held-out half is never fitted on: the fits read the tuning half only, through one accessor', () => {
    fitsReadTuningHalfOnly(
      items,
      { name: 'labelledMidiarchiveTuningHalf', items: labelledMidiarchiveTuningHalf },
      /midiarchive|labelledMidiarchive/i,
    );
  });
});

// ---------------------------------------------------------------- the label against the notes

/** labelFit for an assumed beat of `period` quarter notes: ornaments (strum spread, rolls) left out. */
function labelFit(item: MidiArchiveItem, period: number) {
  const s = score(item);
  return scoreLabelFit(s, period, { gridNotes: (n) => !n.ornament, swingQ: s.swingQ });
}

describe('MIDI archive labels against the composed notes', () => {
  labelChecks(items, {
    score,
    midi: midiarchiveMidi,
    fit: labelFit,
    dotted: compound,
    qpm: midiarchiveQpm,
    clipSec: MIDIARCHIVE_CLIP_SEC,
    spareBar: true,
    coverage: 0.8,
    sixteenths: {
      where: 'the styles that divide the beat into them',
      has: (it) => styleOf(it.style).sixteenths,
    },
    noEighths: { where: '6/8 and 12/8: none of the dotted quarter', has: compound },
  });

  it('bars of the metre; at least 30 items divide the beat into sixteenths', () => {
    for (const item of items)
      expect(score(item).barQ, item.id).toBe(
        { '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 }[item.metre],
      );
    expect(items.filter((it) => styleOf(it.style).sixteenths).length).toBeGreaterThanOrEqual(30);
  });

  it('half-time drums: the snare on 3 only (a fill aside), eighth hats on every beat', () => {
    for (const item of items.filter((it) => HALF_TIME.includes(it.feel))) {
      const s = score(item);
      const fillBars = new Set(s.sections.slice(1).map((sec) => sec.bar - 1));
      const body = s.notes.filter(
        (n) =>
          n.part === 'drums' &&
          n.start >= s.introEndQ &&
          n.start < (s.bars - 1) * s.barQ &&
          !fillBars.has(Math.floor(n.start / s.barQ)),
      );
      const loudSnares = body.filter((n) => n.pitch === 38 && n.velocity > 60);
      expect(loudSnares.length, item.id).toBeGreaterThan(0);
      for (const n of loudSnares) expect(n.start % 4, item.id).toBe(2);
      const hats = new Set(body.filter((n) => [42, 46, 51].includes(n.pitch)).map((n) => n.start));
      for (let q = s.introEndQ; q < (s.bars - 1) * s.barQ; q++)
        if (!fillBars.has(Math.floor(q / s.barQ)) && !s.sections.some((sec) => sec.bar * s.barQ === q))
          expect(hats.has(q), `${item.id} ${q}`).toBe(true);
    }
  });

  it('drumless pieces sound chords or bass on every other labelled beat at least', () => {
    for (const item of items.filter((it) => !it.drums)) {
      const s = score(item);
      const starts = new Set(
        s.notes
          .filter((n) => ['comp', 'bass', 'pad'].includes(n.part))
          .map((n) => Math.round((n.start / s.beatQ) * 1e6) / 1e6),
      );
      let every2 = 0;
      let n = 0;
      for (let b = s.introEndQ / s.beatQ; b < ((s.bars - 1) * s.barQ) / s.beatQ; b += 2, n++)
        if (starts.has(b)) every2++;
      expect(every2 / n, item.id).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('plays like a MIDI file: an intro, sections, crashes after fills, bass, a tune with rests, humanised', () => {
    for (const item of items) {
      const s = score(item);
      expect(s.introEndQ, item.id).toBeGreaterThan(0);
      expect(s.sections[0]!.name).toBe('intro');
      expect(s.sections.length, item.id).toBeGreaterThanOrEqual(3);
      expect(new Set(s.sections.map((sec) => sec.name)), item.id).toEqual(
        new Set([
          'intro',
          'verse',
          'chorus',
          ...(s.sections.some((x) => x.name === 'bridge') ? ['bridge'] : []),
        ]),
      );
      const drums = s.notes.filter((n) => n.part === 'drums');
      expect(drums.length > 0, item.id).toBe(item.drums);
      if (item.drums) {
        // a crash on the downbeat of every section after the intro, a fill in the bar before it
        for (const sec of s.sections.slice(1)) {
          const at = sec.bar * s.barQ;
          expect(
            drums.some((n) => [49, 57].includes(n.pitch) && n.start === at),
            `${item.id} ${sec.name} ${sec.bar}`,
          ).toBe(true);
          expect(
            drums.some(
              (n) =>
                [37, 38, 41, 43, 45, 47, 48, 50, 65, 66].includes(n.pitch) &&
                n.start >= at - s.beatQ - 1e-9 &&
                n.start < at,
            ),
            `${item.id} fill before ${sec.bar}`,
          ).toBe(true);
        }
      }
      for (const n of s.notes) expect(Math.abs(n.jitterSec)).toBeLessThanOrEqual(0.012);
      for (const part of new Set(s.notes.map((n) => n.part))) {
        const vels = new Set(s.notes.filter((n) => n.part === part).map((n) => n.velocity));
        expect(vels.size, `${item.id} ${part}`).toBeGreaterThanOrEqual(4);
      }
      const bassPcs = new Set(s.notes.filter((n) => n.part === 'bass').map((n) => n.pitch % 12));
      expect(bassPcs.size, item.id).toBeGreaterThanOrEqual(3);
      // the tune: after the intro (unless the intro plays the hook), in phrases with rests
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
    }
  });

  it('keeps to the key: tonic among the three strongest, the third names the mode; minor colours as labelled', () => {
    for (const item of items) {
      const notes = score(item).notes;
      expect(keyFaults(notes, item), item.id).toEqual([]);
      const sounds = (k: number) =>
        notes.some((n) => n.part !== 'drums' && (((n.pitch - item.tonicPc - k) % 12) + 12) % 12 === 0);
      if (item.mode === 'major') expect(sounds(3), item.id).toBe(false);
      else if (item.minorKind !== 'dorian') expect(sounds(9), item.id).toBe(false);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describeClipRender(
  'midiarchive',
  items.find((it) => it.set === 'tuning' && it.drums && it.reverb === 'hall' && it.chorus)!,
  {
    render: renderMidiarchiveItem,
    requireTools: requireMidiarchiveTools,
    clipSec: MIDIARCHIVE_CLIP_SEC,
  },
);

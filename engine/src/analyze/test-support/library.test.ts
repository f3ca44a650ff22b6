// The production-music library (eighth composer): the item list and its split are pinned, the labels
// (the beat a listener taps, written into the SMF's tempo; the key) are checked against the composed
// notes, every program and drum note it plays is checked to be one freepats defines, the fits are
// checked never to name it, and one item is rendered end to end by TiMidity++ with freepats. Never
// runs the analyser.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { labelledLibraryTuningHalf } from './labelled.ts';
import {
  composeLibrary,
  type LbScore,
  LIBRARY_CLIP_SEC,
  LIBRARY_DRUM_NOTES,
  LIBRARY_PROGRAMS,
  type LibraryItem,
  library,
  libraryMidi,
  libraryQpm,
  STYLES,
  styleOf,
} from './library.ts';
import {
  FREEPATS_CFG,
  libraryTimidityArgs,
  renderLibraryItem,
  requireLibraryTools,
  timidityLoads,
} from './library-render.ts';

const items = library();
const scores = new Map<string, LbScore>();
const score = (it: LibraryItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeLibrary(it));
  return scores.get(it.id)!;
};
const compound = (it: LibraryItem) => it.metre === '6/8' || it.metre === '12/8';

/** The ids, labels and split, as pinned below. */
const DIGEST_FIELDS = [
  'id',
  'set',
  'style',
  'metre',
  'feel',
  'drums',
  'bpm',
  'tonicPc',
  'mode',
  'minorKind',
  'reverb',
  'chorus',
  'resample',
  'amp',
  'seed',
] as const;

describe('production-music library items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: library,
    otherSeed: () => library(1),
    idPattern: (n, it) => new RegExp(`^${indexId('lb', n)}-${it.style}-[A-G][#b]?(maj|min)$`),
    midi: libraryMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: 'd6432a5c4a77ad5f63229371a42d45b35b049137407903e53c42c78337feac1a',
    },
  });

  it('halves every style; each half has all 24 keys, the minor colours, five metres and the synth settings', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(30);
    // a pair's two items share style, metre, feel and tempo range, one in each half
    pairedHalvesChecks(items, {
      styles: STYLES.map((s) => s.name),
      pairs: (name) => styleOf(name).pairs,
      shared: ['style', 'metre', 'feel', 'drums'],
      tempi: (name) => styleOf(name).tempi,
    });
    for (let i = 0; i < items.length; i += 2) {
      const [a, b] = [items[i]!, items[i + 1]!];
      expect([a.reverb !== b.reverb, a.chorus !== b.chorus, a.resample !== b.resample], a.id).toEqual([
        true,
        true,
        true,
      ]);
    }
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      for (const kind of ['natural', 'harmonic', 'dorian'] as const)
        expect(mine.filter((it) => it.minorKind === kind).length, kind).toBeGreaterThanOrEqual(6);
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['2/4', '3/4', '4/4', '6/8', '12/8']));
      expect(new Set(mine.map((it) => it.reverb))).toEqual(new Set([true, false]));
      expect(new Set(mine.map((it) => it.chorus))).toEqual(new Set([true, false]));
      expect(new Set(mine.map((it) => it.resample))).toEqual(new Set(['linear', 'cspline', 'gauss']));
      expect(new Set(mine.map((it) => it.amp)).size).toBe(3);
      // half-time drums (snare on 3 of 4, eighth hats) at 100-175, labelled at the DAW tempo
      const half = mine.filter((it) => it.feel === 'half-time');
      expect(half.length).toBeGreaterThanOrEqual(5);
      for (const it of half) expect(it.bpm >= 100 && it.bpm <= 175, it.id).toBe(true);
      // drum & bass two-steps at 165-178
      for (const it of mine.filter((it) => it.feel === 'two-step'))
        expect(it.bpm >= 165 && it.bpm <= 178, it.id).toBe(true);
      // drumless underscore, ambient and pop piano, waltzes, ballads and tangos, in 4/4, 3/4 and 6/8
      const drumless = mine.filter((it) => !it.drums);
      expect(drumless.length).toBeGreaterThanOrEqual(10);
      expect(new Set(drumless.map((it) => it.metre))).toEqual(new Set(['4/4', '3/4', '6/8', '2/4']));
      // swung (triplet-feel eighths or sixteenths) and sixteenth styles
      expect(
        mine.filter((it) => styleOf(it.style).swing || styleOf(it.style).swing16).length,
      ).toBeGreaterThanOrEqual(6);
      expect(mine.filter((it) => styleOf(it.style).sixteenths).length).toBeGreaterThanOrEqual(15);
      // slow and fast, with and without drums
      for (const drums of [true, false]) {
        const bpms = mine.filter((it) => it.drums === drums).map((it) => it.bpm);
        expect(Math.min(...bpms), `drums ${drums}`).toBeLessThan(70);
        expect(Math.max(...bpms), `drums ${drums}`).toBeGreaterThan(drums ? 175 : 110);
      }
    }
  });

  it("labels integer BPMs in each style's ranges, 60-190 in all", () => {
    styleLabelChecks(items, styleOf, [60, 190]);
  });

  it("varies TiMidity's settings: reverb on or off, chorus on or off, the resampler, the amplification", () => {
    for (const it of items) {
      const a = libraryTimidityArgs(it);
      expect(a.includes('--reverb=d'), it.id).toBe(!it.reverb);
      expect(a.includes('--chorus=d'), it.id).toBe(!it.chorus);
      expect(a, it.id).toContain(`--resample=${it.resample[0]}`);
      expect(a, it.id).toContain(`--volume=${it.amp}`);
      const ctl = score(it).programs.flatMap((p) => p.controllers ?? []);
      expect(
        ctl.some(([c, v]) => c === 91 && v > 0),
        it.id,
      ).toBe(it.reverb);
      expect(
        ctl.some(([c, v]) => c === 93 && v > 0),
        it.id,
      ).toBe(it.chorus);
    }
  });

  // freepats defines about 70 of the 128 GM programs and 57 drum notes: an undefined one would be
  // silent (or, through Debian's default config, FluidR3's), so nothing else is played.
  it('plays only programs and drum notes freepats defines', () => {
    requireLibraryTools();
    const cfg = readFileSync(FREEPATS_CFG, 'utf8');
    const defined = { bank: new Set<number>(), drums: new Set<number>() };
    let into: Set<number> | null = null;
    for (const line of cfg.split('\n')) {
      const t = line.replace(/#.*/, '').trim();
      if (/^bank\s+0$/.test(t)) into = defined.bank;
      else if (/^drumset\s+0$/.test(t)) into = defined.drums;
      else if (/^(bank|drumset)\s/.test(t)) into = null;
      else if (into && /^\d+\s+\S+\.pat\b/.test(t)) into.add(Number(t.split(/\s+/)[0]));
    }
    expect(defined.bank.size).toBeGreaterThan(60);
    expect(defined.drums.size).toBeGreaterThan(50);
    for (const p of LIBRARY_PROGRAMS) expect(defined.bank.has(p), `program ${p}`).toBe(true);
    for (const d of LIBRARY_DRUM_NOTES) expect(defined.drums.has(d), `drum note ${d}`).toBe(true);
    const programs = new Set<number>();
    const drumNotes = new Set<number>();
    for (const it of items) {
      const s = score(it);
      for (const p of s.programs) if (p.channel !== 9) programs.add(p.program);
      for (const n of s.notes) if (n.channel === 9) drumNotes.add(n.pitch);
      const channels = new Set(s.programs.map((p) => p.channel));
      for (const n of s.notes) expect(channels.has(n.channel), `${it.id} channel ${n.channel}`).toBe(true);
    }
    for (const p of programs) expect(defined.bank.has(p), `program ${p}`).toBe(true);
    for (const d of drumNotes) expect(defined.drums.has(d), `drum note ${d}`).toBe(true);
    // the exported sets are exactly what the items play
    expect([...programs].sort((a, b) => a - b)).toEqual([...LIBRARY_PROGRAMS]);
    expect([...drumNotes].sort((a, b) => a - b)).toEqual([...LIBRARY_DRUM_NOTES].sort((a, b) => a - b));
  });

  it("reads TiMidity's verbose report of the instruments it loaded", () => {
    const report = [
      'Playing x.mid',
      'Tonebank 0 48: Tone_000/048_String_Ensemble_1_Marcato.pat',
      'Drumset 0 36(C): Drum_000/036_Kick_2.pat',
    ].join('\n');
    expect(timidityLoads(report)).toEqual({
      patches: ['Tone_000/048_String_Ensemble_1_Marcato.pat', 'Drum_000/036_Kick_2.pat'],
      soundfont: false,
    });
    expect(timidityLoads("Init soundfonts `FluidR3_GM.sf2'").soundfont).toBe(true);
  });

  // Until the twentieth session no fit named it; since then the metrical-level fit may read the
  // tuning half, through labelledLibraryTuningHalf only, and never set L (the held-out half). (The
  // word "library" alone may occur.)
  it('its held-out half is never fitted on: the fits read the tuning half only, through one accessor', () => {
    fitsReadTuningHalfOnly(
      items,
      { name: 'labelledLibraryTuningHalf', items: labelledLibraryTuningHalf },
      /\blibrary\(|library\.ts|library-render|labelledLibrary/,
    );
  });
});

// ---------------------------------------------------------------- the label against the notes

/** labelFit for an assumed beat of `period` quarter notes: swung sixteenths on their sextuplet. */
function labelFit(item: LibraryItem, period: number) {
  return scoreLabelFit(score(item), period, { swingQ: styleOf(item.style).swing16 ? 1 / 12 : 0 });
}

describe('production-music library labels against the composed notes', () => {
  labelChecks(items, {
    score,
    midi: libraryMidi,
    fit: labelFit,
    dotted: compound,
    qpm: libraryQpm,
    clipSec: LIBRARY_CLIP_SEC,
    spareBar: true,
    coverage: 0.85,
    sixteenths: {
      where: 'the styles that divide the beat into them',
      has: (it) => styleOf(it.style).sixteenths,
    },
    noEighths: { where: '6/8 and 12/8: none of the dotted quarter', has: compound },
  });

  it('bars of the metre; swung styles put their off-beat eighths on the triplet, swung 16ths on the sextuplet', () => {
    for (const item of items) {
      const s = score(item);
      const style = styleOf(item.style);
      expect(s.barQ, item.id).toBe({ '2/4': 2, '3/4': 3, '4/4': 4, '6/8': 3, '12/8': 6 }[item.metre]);
      const body = s.notes.filter((n) => n.start >= s.introEndQ);
      const frac = (n: { start: number }, f: number) => Math.abs((n.start % 1) - f) < 1e-6;
      if (style.swing) {
        const tuned = body.filter((n) => n.part !== 'drums');
        expect(tuned.filter((n) => frac(n, 0.5)).length, item.id).toBe(0);
        expect(
          tuned.some((n) => frac(n, 2 / 3)),
          item.id,
        ).toBe(true);
      }
      if (style.swing16) {
        expect(body.filter((n) => frac(n, 0.25) || frac(n, 0.75)).length, item.id).toBe(0);
        expect(
          body.some((n) => frac(n, 5 / 6)),
          item.id,
        ).toBe(true);
      }
    }
  });

  it('half-time drums: the snare on 3 only (fills aside), eighth hats on every beat', () => {
    for (const item of items.filter((it) => it.feel === 'half-time')) {
      const s = score(item);
      expect(s.barQ, item.id).toBe(4);
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

  it('two-step drums: kick on 1 and the and of 2, snare on 2 and 4', () => {
    for (const item of items.filter((it) => it.feel === 'two-step')) {
      const s = score(item);
      const a = s.sections.find((x) => x.name === 'A')!;
      const bar = s.notes.filter((n) => n.part === 'drums' && Math.floor(n.start / 4) === a.bar + 1);
      const at = (pitch: number) => bar.filter((n) => n.pitch === pitch).map((n) => n.start % 4);
      expect(at(36), item.id).toEqual(expect.arrayContaining([0, 2.5]));
      expect(at(38), item.id).toEqual(expect.arrayContaining([1, 3]));
    }
  });

  it('drumless pieces sound chords or bass on every labelled beat', () => {
    for (const item of items.filter((it) => !it.drums)) {
      const s = score(item);
      const starts = new Set(
        s.notes
          .filter((n) => ['comp', 'bass', 'pad', 'arp'].includes(n.part))
          .map((n) => Math.round((n.start / s.beatQ) * 1e6) / 1e6),
      );
      for (let b = s.introEndQ / s.beatQ; b < ((s.bars - 1) * s.barQ) / s.beatQ; b++)
        expect(starts.has(b), `${item.id} beat ${b}`).toBe(true);
    }
  });

  it('plays like library music: sections, fills and crashes, texture changes, bass, a hook with rests, humanised', () => {
    for (const item of items) {
      const s = score(item);
      expect(s.introEndQ, item.id).toBeGreaterThan(0);
      expect(s.sections.map((x) => x.name)).toEqual(['intro', 'A', 'B', 'break', 'B2']);
      const drums = s.notes.filter((n) => n.part === 'drums');
      expect(drums.length > 0, item.id).toBe(item.drums);
      if (item.drums) {
        for (const sec of s.sections.slice(1)) {
          const at = sec.bar * s.barQ;
          expect(
            drums.some((n) => [49, 57].includes(n.pitch) && n.start === at),
            `${item.id} crash ${sec.bar}`,
          ).toBe(true);
          const fill = styleOf(item.style).drums!.fill;
          expect(
            drums.some((n) => fill.includes(n.pitch) && n.start >= at - s.beatQ - 1e-9 && n.start < at),
            `${item.id} fill before ${sec.bar}`,
          ).toBe(true);
        }
      }
      // the arrangement changes: the B section's first bar is not the A section's first bar (the lead aside)
      const barSig = (bar: number) =>
        s.notes
          .filter((n) => n.part !== 'lead' && Math.floor(n.start / s.barQ + 1e-9) === bar)
          .map((n) => `${n.part} ${Math.round((n.start - bar * s.barQ) * 1e6)}`)
          .sort()
          .join();
      const [a, b, brk] = [s.sections[1]!.bar, s.sections[2]!.bar, s.sections[3]!.bar];
      expect(barSig(b + 1), item.id).not.toBe(barSig(a + 1));
      expect(barSig(brk), item.id).not.toBe(barSig(b + 1));
      for (const n of s.notes) expect(Math.abs(n.jitterSec)).toBeLessThanOrEqual(0.012);
      for (const part of new Set(s.notes.map((n) => n.part))) {
        const vels = new Set(s.notes.filter((n) => n.part === part).map((n) => n.velocity));
        expect(vels.size, `${item.id} ${part}`).toBeGreaterThanOrEqual(4);
      }
      const bassPcs = new Set(s.notes.filter((n) => n.part === 'bass').map((n) => n.pitch % 12));
      expect(bassPcs.size, item.id).toBeGreaterThanOrEqual(3);
      // the lead: after the intro, one note at a time, in phrases with rests, silent in the breakdown
      const lead = s.notes.filter((n) => n.part === 'lead');
      expect(lead.length, item.id).toBeGreaterThan(8);
      expect(lead.every((n) => n.start >= s.introEndQ)).toBe(true);
      expect(lead.some((n) => n.start >= brk * s.barQ && n.start < s.sections[4]!.bar * s.barQ)).toBe(false);
      const beatsWith = new Set(lead.map((n) => Math.floor(n.start / s.beatQ)));
      const bodyBeats = (s.bars * s.barQ - s.introEndQ) / s.beatQ;
      expect(beatsWith.size / bodyBeats, item.id).toBeLessThanOrEqual(0.92);
      let longestRest = 0;
      for (let i = 1; i < lead.length; i++) {
        expect(lead[i]!.start, item.id).toBeGreaterThan(lead[i - 1]!.start);
        longestRest = Math.max(longestRest, lead[i]!.start - (lead[i - 1]!.start + lead[i - 1]!.duration));
      }
      expect(longestRest, item.id).toBeGreaterThanOrEqual(s.beatQ * 0.9);
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
      // the tonic chord opens the body and closes the piece
      const lastBass = s.notes.filter((n) => n.part === 'bass').at(-1)!;
      expect((lastBass.pitch - item.tonicPc + 120) % 12, item.id).toBe(0);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describe('production-music library render', () => {
  const item = items.find((it) => it.set === 'tuning' && it.drums && it.reverb && it.chorus)!;
  const dir = mkdtempSync(join(tmpdir(), 'library-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`renders one item with TiMidity++ and freepats to a ${LIBRARY_CLIP_SEC} s 44.1 kHz MP3 (fails naming the Debian package when missing)`, async () => {
    requireLibraryTools();
    const out = await renderLibraryItem(item, { dir });
    expect(out).toEqual({
      path: join(dir, `${item.id}.mp3`),
      bpm: item.bpm,
      tonicPc: item.tonicPc,
      mode: item.mode,
    });
    const probe = probeAudio(out.path);
    expect(probe).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
    expect(Math.abs(probe.durationSec - LIBRARY_CLIP_SEC)).toBeLessThan(0.3);
  }, 60_000);
});

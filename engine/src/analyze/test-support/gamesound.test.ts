// The game soundtrack (eleventh composer): the item list and its split are pinned; the labels are
// checked against the composed notes and the MIDI file's constant tempo (onsets on the labelled
// beat's grid, half and double the beat rejected; the key); the openings, the half-time snare and
// the drumless pieces' pulse are checked; the synthesizer's physics (pulse duty and pitch, the
// PolyBLEP's aliasing, the noise LFSR's periods, the 4-bit triangle, the ADSR) are measured from its
// samples; the fits are checked never to name it; one item is rendered end to end. Never runs the analyser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  drumlessBeatChecks,
  fitsNeverName,
  indexId,
  itemListChecks,
  labelChecks,
  labelFit,
  pairedHalvesChecks,
  probeAudio,
  scaleChecks,
  styleLabelChecks,
} from './composer-checks.ts';
import { wavPeakDb } from './fluidsynth-mp3.ts';
import {
  composeGamesound,
  GAMESOUND_CLIP_SEC,
  type GamesoundItem,
  type GsScore,
  gamesound,
  gamesoundMidi,
  gamesoundQpm,
  grooveOf,
  STYLES,
  styleOf,
} from './gamesound.ts';
import {
  adsr,
  Lfsr,
  lfsrPeriod,
  nesTriangle,
  pulseWave,
  renderGamesoundItem,
  renderGamesoundPcm,
  requireGamesoundTools,
} from './gamesound-render.ts';

const items = gamesound();
const scores = new Map<string, GsScore>();
const score = (it: GamesoundItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeGamesound(it));
  return scores.get(it.id)!;
};
const compound = (it: GamesoundItem) => it.metre === '6/8' || it.metre === '12/8';
const rel = (pitch: number, it: GamesoundItem) => (((pitch - it.tonicPc) % 12) + 12) % 12;

/** The ids, labels, split, openings and render settings, as pinned below. */
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
  'opening',
  'palette',
  'duty',
  'echo',
  'frameHz',
  'master',
  'peakDb',
  'seed',
] as const;

describe('game soundtrack items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: gamesound,
    otherSeed: () => gamesound(1),
    idPattern: (n, it) => new RegExp(`^${indexId('gs', n)}-${it.style}$`),
    midi: gamesoundMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: 'dc1be8ad5d812ad8abb3ad88bad05d91c0642660a155a727318bf14c235767f9',
    },
  });

  it('halves every style; each half has all 24 keys, the minor colours, five metres, every feel, opening and render setting', () => {
    pairedHalvesChecks(items, {
      styles: STYLES.map((s) => s.name),
      pairs: (name) => styleOf(name).pairs,
      shared: ['style', 'metre', 'feel', 'drums', 'palette'],
      tempi: (name) => styleOf(name).tempi,
      apart: (it) => [it.duty, it.echo, it.frameHz, it.master, it.peakDb, `${it.tonicPc} ${it.mode}`],
    });
    expect(STYLES.length).toBeGreaterThanOrEqual(30);
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      for (const kind of ['natural', 'harmonic', 'dorian'] as const)
        expect(mine.filter((it) => it.minorKind === kind).length, kind).toBeGreaterThanOrEqual(5);
      expect(
        mine.filter((it) => it.mode === 'major' && styleOf(it.style).mixo).length,
      ).toBeGreaterThanOrEqual(4);
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['2/4', '3/4', '4/4', '6/8', '12/8']));
      expect(new Set(mine.filter((it) => it.drums).map((it) => it.metre))).toEqual(
        new Set(['2/4', '3/4', '4/4', '6/8', '12/8']),
      );
      expect(new Set(mine.map((it) => it.feel))).toEqual(
        new Set([
          'none',
          'four-on-the-floor',
          'backbeat',
          'half-time',
          'shuffle',
          'breakbeat',
          'march',
          'oom-pah',
        ]),
      );
      for (const opening of ['straight', 'fanfare', 'arpeggio'] as const)
        expect(mine.filter((it) => it.opening === opening).length, opening).toBeGreaterThanOrEqual(15);
      expect(new Set(mine.map((it) => it.palette))).toEqual(new Set(['nes', 'gb', 'fm', 'box']));
      expect(new Set(mine.map((it) => it.duty)).size).toBe(3);
      expect(new Set(mine.map((it) => it.master)).size).toBe(3);
      expect(new Set(mine.map((it) => it.peakDb)).size).toBe(3);
      expect(new Set(mine.map((it) => it.frameHz)).size).toBe(2);
      expect(new Set(mine.map((it) => it.echo)).size).toBe(2);
      expect(mine.filter((it) => !it.drums).length / mine.length).toBeGreaterThanOrEqual(0.2);
      expect(mine.filter((it) => it.bpm < 90).length).toBeGreaterThanOrEqual(15);
      expect(mine.filter((it) => it.bpm > 160).length).toBeGreaterThanOrEqual(8);
    }
    const slowStyles = STYLES.filter((s) => s.tempi.every(([, hi]) => hi < 90));
    const fastStyles = STYLES.filter((s) => s.tempi.every(([lo]) => lo > 160));
    expect(slowStyles.length).toBeGreaterThanOrEqual(5);
    expect(fastStyles.length).toBeGreaterThanOrEqual(3);
  });

  it("labels integer BPMs in each style's ranges, 60-200 in all", () => {
    styleLabelChecks(
      items,
      (name) => ({ ...styleOf(name), metre: grooveOf(name).metre, feel: grooveOf(name).feel }),
      [60, 200],
    );
  });

  // The fit scripts' code (comments aside) never names the game soundtrack: no import of
  // gamesound.ts or gamesound-render.ts, no gamesound() call, no item id.
  it('is never fitted on: no fit script names the game soundtrack or its ids', () => {
    fitsNeverName(/gamesound|\bgs-\d/i);
  });
});

// ---------------------------------------------------------------- the label against the notes and the MIDI file

describe('game soundtrack labels against the composed notes and the MIDI file', () => {
  labelChecks(items, {
    score,
    midi: gamesoundMidi,
    fit: (it, period) => labelFit(score(it), period),
    dotted: compound,
    qpm: gamesoundQpm,
    clipSec: GAMESOUND_CLIP_SEC,
    spareBar: true,
    coverage: 0.85,
    sixteenths: { where: 'styles in sixteenths', has: (it) => grooveOf(it.style).sixteenths },
    noEighths: { where: '6/8 and 12/8', has: compound },
  });

  it('half-time drums: the snare on 3 only, fills and the fanfare aside', () => {
    const half = items.filter((it) => it.feel === 'half-time');
    expect(half.length).toBeGreaterThanOrEqual(8);
    for (const it of half) {
      const s = score(it);
      const fillBars = new Set(s.sections.map((sec) => sec.bar - 1));
      const backbeats = s.notes.filter(
        (n) =>
          n.part === 'drums' &&
          [37, 38, 39].includes(n.pitch) &&
          n.start >= s.introEndQ &&
          !fillBars.has(Math.floor(n.start / 4)),
      );
      expect(backbeats.length, it.id).toBeGreaterThan(0);
      for (const n of backbeats) expect(n.start % 4, it.id).toBe(2);
    }
  });

  it('drumless pieces sound chords or bass on every labelled beat', () => {
    drumlessBeatChecks(items, score);
  });

  it('keeps to the key: notes of the labelled scale, tonic among the strongest, the third names the mode, minor colours as labelled', () => {
    scaleChecks(items, score, (it) => styleOf(it.style).mixo);
  });

  it('the tonic opens and closes: the tonic chord first and last, the first comp notes hold the tonic, the last bass and melody notes on it', () => {
    for (const it of items) {
      const s = score(it);
      const first = s.sections.find((x) => x.name === 'A')!.bar;
      expect([s.chords[0], s.chords[first], s.chords.at(-1)], it.id).toEqual([0, 0, 0]);
      const comp = s.notes.filter((n) => n.part === 'comp');
      expect(
        comp.filter((n) => n.start === comp[0]!.start).some((n) => rel(n.pitch, it) === 0),
        it.id,
      ).toBe(true);
      expect(rel(s.notes.filter((n) => n.part === 'bass').at(-1)!.pitch, it), it.id).toBe(0);
      expect(rel(s.notes.filter((n) => n.part === 'lead').at(-1)!.pitch, it), it.id).toBe(0);
    }
  });

  it('openings: straight in starts the groove at 0; a fanfare or an arpeggio lasts its bars, then the groove (with a crash where there are drums)', () => {
    for (const it of items) {
      const s = score(it);
      expect(s.introBars, it.id).toBe(
        it.opening === 'straight'
          ? 0
          : it.opening === 'fanfare'
            ? s.barQ <= 2
              ? 2
              : 1
            : s.barQ >= 6
              ? 1
              : 2,
      );
      const intro = s.notes.filter((n) => n.start < s.introEndQ);
      if (it.opening === 'straight') expect(intro, it.id).toEqual([]);
      else expect(intro.length, it.id).toBeGreaterThanOrEqual(4);
      if (it.opening === 'arpeggio') for (const n of intro) expect(n.part, it.id).toBe('comp');
      if (it.drums)
        expect(
          s.notes.some((n) => n.part === 'drums' && n.pitch === 49 && n.start === s.introEndQ),
          it.id,
        ).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- the synthesizer's physics

describe('game soundtrack synthesizer', () => {
  const sr = 44100;

  it('pulse: 12.5/25/50 % of each cycle high, the fundamental as asked', () => {
    for (const duty of [0.125, 0.25, 0.5]) {
      // 441 Hz: a period of exactly 100 samples
      const x = pulseWave(441, duty, sr, sr);
      const mid = (Math.max(...x) + Math.min(...x)) / 2;
      const high = x.filter((v) => v > mid).length / x.length;
      expect(Math.abs(high - duty), `duty ${duty}`).toBeLessThan(0.015);
      let rising = 0;
      for (let i = 1; i < x.length; i++) if (x[i - 1]! <= mid && x[i]! > mid) rising++;
      expect(Math.abs(rising - 441), `duty ${duty}`).toBeLessThanOrEqual(1);
      // DC removed
      expect(Math.abs(x.reduce((a, b) => a + b, 0) / x.length), `duty ${duty}`).toBeLessThan(0.02);
    }
  });

  it('pulse: PolyBLEP keeps the aliases of a high note well below the naive pulse’s', () => {
    const f = 2637.02;
    const n = 8192;
    const power = (x: Float32Array, hz: number) => {
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
        re += x[i]! * w * Math.cos((2 * Math.PI * hz * i) / sr);
        im -= x[i]! * w * Math.sin((2 * Math.PI * hz * i) / sr);
      }
      return re * re + im * im;
    };
    // between the harmonics, where only aliases lie
    const between = Array.from({ length: 7 }, (_, k) => f * (k + 1.5));
    const blep = pulseWave(f, 0.25, n, sr);
    const naive = pulseWave(f, 0.25, n, sr, false);
    const sum = (x: Float32Array) => between.reduce((a, hz) => a + power(x, hz), 0);
    expect(sum(blep)).toBeLessThan(sum(naive) * 0.25);
    expect(power(blep, f)).toBeGreaterThan((1000 * sum(blep)) / between.length);
  });

  it('noise: the 15-bit LFSR repeats after 32767 clocks (long mode) and 93 (short mode), half ones in long mode', () => {
    expect(lfsrPeriod(false)).toBe(32767);
    expect(lfsrPeriod(true)).toBe(93);
    const r = new Lfsr();
    let ones = 0;
    for (let i = 0; i < 32767; i++) ones += r.clock();
    expect(ones).toBe(16384);
  });

  it('triangle: 16 levels, 32 steps a cycle, symmetric', () => {
    const levels = new Set(Array.from({ length: 320 }, (_, i) => nesTriangle(i / 320)));
    expect(levels.size).toBe(16);
    expect(Math.max(...levels)).toBe(1);
    expect(Math.min(...levels)).toBe(-1);
    for (let i = 0; i < 32; i++) expect(nesTriangle((i + 0.5) / 32)).toBe(nesTriangle((31 - i + 0.5) / 32));
  });

  it('ADSR: rises to 1 over the attack, decays to the sustain, holds, releases to 0', () => {
    const e = { a: 0.01, d: 0.1, s: 0.5, r: 0.2 };
    expect(adsr(0, 1, e)).toBe(0);
    expect(adsr(0.005, 1, e)).toBeCloseTo(0.5, 6);
    expect(adsr(0.01, 1, e)).toBeCloseTo(1, 6);
    expect(adsr(0.06, 1, e)).toBeCloseTo(0.75, 6);
    expect(adsr(0.5, 1, e)).toBe(0.5);
    expect(adsr(1.1, 1, e)).toBeCloseTo(0.25, 6);
    expect(adsr(1.2, 1, e)).toBe(0);
    // released during the attack: from the level reached
    expect(adsr(0.005 + 0.1, 0.005, e)).toBeCloseTo(0.25, 6);
  });

  // (No timing assertion here: the synth takes ≈0.4–0.7 s of CPU an item, measured when written.)
  it('renders an item’s 30 s of PCM, sound throughout', () => {
    const it = items.find((x) => x.palette === 'fm' && x.drums && x.bpm > 150)!;
    const { left, right, sampleRate } = renderGamesoundPcm(it);
    expect(sampleRate).toBe(44100);
    expect(left.length).toBeGreaterThanOrEqual(GAMESOUND_CLIP_SEC * sampleRate);
    for (let sec = 0; sec < GAMESOUND_CLIP_SEC; sec++) {
      let e = 0;
      for (let i = sec * sampleRate; i < (sec + 1) * sampleRate; i++) e += left[i]! ** 2 + right[i]! ** 2;
      expect(Math.sqrt(e / (2 * sampleRate)), `${it.id} second ${sec}`).toBeGreaterThan(0.01);
    }
  });
});

// ---------------------------------------------------------------- one render end to end

describe('game soundtrack render', () => {
  const item = items.find(
    (it) => it.set === 'tuning' && it.palette === 'nes' && it.drums && it.master === 'crush',
  )!;
  const dir = mkdtempSync(join(tmpdir(), 'gamesound-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`renders one item with our synth to a ${GAMESOUND_CLIP_SEC} s 44.1 kHz MP3 at its peak level (fails naming the Debian package when missing)`, async () => {
    requireGamesoundTools();
    const out = await renderGamesoundItem(item, { dir });
    expect(out).toEqual({
      path: join(dir, `${item.id}.mp3`),
      bpm: item.bpm,
      tonicPc: item.tonicPc,
      mode: item.mode,
    });
    const probe = probeAudio(out.path);
    expect(probe).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
    expect(Math.abs(probe.durationSec - GAMESOUND_CLIP_SEC)).toBeLessThan(0.3);
    expect(Math.abs((await wavPeakDb(out.path, GAMESOUND_CLIP_SEC)) - item.peakDb)).toBeLessThan(1.5);
  }, 60_000);
});

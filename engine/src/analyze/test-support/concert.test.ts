// The concert programme (twelfth composer): the item list and its split are pinned; the labels are
// checked against the composed notes and the MIDI file's tempo map (the clip's mean tempo is the
// label, a ritardando never sinks past CONCERT_MAX_RIT, onsets on the labelled beat's grid, twice and
// half the labelled beat rejected; the key); the form and dynamics are checked; the fits are checked
// never to name it; one item is rendered end to end by FluidSynth from the full MuseScore General
// SoundFont. Never runs the analyser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fitsNeverName,
  indexId,
  itemListChecks,
  labelFit,
  pairedHalvesChecks,
  probeAudio,
  scaleChecks,
  styleLabelChecks,
} from './composer-checks.ts';
import {
  CONCERT_CLIP_SEC,
  CONCERT_MAX_RIT,
  type ConcertItem,
  type CoScore,
  composeConcert,
  concert,
  concertMidi,
  concertQpm,
  STYLES,
  styleOf,
} from './concert.ts';
import { CONCERT_FONTS, renderConcertItem, requireConcertTools } from './concert-render.ts';
import { wavPeakDb } from './fluidsynth-mp3.ts';
import { smfTempoMap, smfTickAt } from './smf.ts';

const items = concert();
const scores = new Map<string, CoScore>();
const score = (it: ConcertItem) => {
  if (!scores.has(it.id)) scores.set(it.id, composeConcert(it));
  return scores.get(it.id)!;
};
const compound = (it: ConcertItem) => it.metre === '6/8' || it.metre === '12/8';
const rel = (pitch: number, it: ConcertItem) => (((pitch - it.tonicPc) % 12) + 12) % 12;
const sectionOf = (s: CoScore, bar: number) => [...s.sections].reverse().find((x) => x.bar <= bar)!.name;

/** What the MIDI file plays over the clip: its mean tempo (the tapped beat's BPM, the anacrusis counted in) and every tempo event's. */
function midiTempo(it: ConcertItem): { mean: number; events: number[] } {
  const s = score(it);
  const map = smfTempoMap(concertMidi(it));
  const beats = smfTickAt(map, CONCERT_CLIP_SEC) / 480 / s.beatQ;
  return { mean: beats / (CONCERT_CLIP_SEC / 60), events: map.map((t) => t.qpm / s.beatQ) };
}

/** The ids, labels, split and render settings, as pinned below. */
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
  'upbeat',
  'ritardando',
  'soundfont',
  'roomSize',
  'reverbLevel',
  'hall',
  'tiltDb',
  'peakDb',
  'seed',
] as const;

const ALL_FEELS = ['none', 'march', 'oom-pah-pah', 'dance', 'film', 'half-time', 'backbeat', 'swing'];

describe('concert programme items', () => {
  itemListChecks(items, {
    count: 160,
    regenerate: concert,
    otherSeed: () => concert(1),
    idPattern: (n, it) => new RegExp(`^${indexId('co', n)}-${it.style}$`),
    midi: concertMidi,
    digest: {
      of: 'held-out',
      fields: DIGEST_FIELDS,
      sha256: 'd7f3efd5614ecd44c87f0c5192c6db10893531ecdfb51cb72eb47b34ca19f3cb',
    },
  });

  it('halves every style; each half has all 24 keys, the minor colours, five metres, every feel, a third drumless, half on the full MuseScore font', () => {
    expect(STYLES.length).toBeGreaterThanOrEqual(30);
    pairedHalvesChecks(items, {
      styles: STYLES.map((s) => s.name),
      pairs: (name) => styleOf(name).pairs,
      shared: ['style', 'metre', 'feel', 'drums'],
      tempi: (name) => styleOf(name).tempi,
      apart: (it) => [it.soundfont, it.roomSize, it.hall, it.tiltDb, it.peakDb, `${it.tonicPc} ${it.mode}`],
    });
    for (let i = 0; i < items.length; i += 2)
      expect(
        [items[i]!.soundfont, items[i + 1]!.soundfont].filter((f) => f === 'musescore-full'),
        items[i]!.id,
      ).toHaveLength(1);
    for (const set of ['tuning', 'held-out'] as const) {
      const mine = items.filter((it) => it.set === set);
      expect(new Set(mine.map((it) => `${it.tonicPc} ${it.mode}`)).size).toBe(24);
      for (const kind of ['natural', 'harmonic', 'dorian'] as const)
        expect(mine.filter((it) => it.minorKind === kind).length, kind).toBeGreaterThanOrEqual(5);
      expect(new Set(mine.map((it) => it.metre))).toEqual(new Set(['2/4', '3/4', '4/4', '6/8', '12/8']));
      expect(new Set(mine.map((it) => it.feel))).toEqual(new Set(ALL_FEELS));
      expect(mine.filter((it) => !it.drums).length / mine.length).toBeGreaterThanOrEqual(0.35);
      expect(mine.filter((it) => it.bpm < 80).length).toBeGreaterThanOrEqual(10);
      expect(mine.filter((it) => it.bpm > 160).length).toBeGreaterThanOrEqual(6);
      expect(mine.filter((it) => it.upbeat).length).toBeGreaterThanOrEqual(10);
      expect(mine.filter((it) => it.ritardando > 0).length).toBeGreaterThanOrEqual(15);
      expect(new Set(mine.map((it) => it.hall)).size).toBe(3);
      expect(new Set(mine.map((it) => it.tiltDb)).size).toBe(3);
      expect(new Set(mine.map((it) => it.peakDb)).size).toBe(3);
      expect(new Set(mine.map((it) => it.soundfont)).size).toBe(3);
    }
    expect(items.filter((it) => it.soundfont === 'musescore-full').length).toBeGreaterThanOrEqual(80);
  });

  it("labels integer BPMs in each style's range, 50-200 in all; metre and feel as the style declares", () => {
    styleLabelChecks(items, styleOf, [50, 200]);
    for (const it of items) {
      expect(it.ritardando, it.id).toBeLessThanOrEqual(CONCERT_MAX_RIT);
      expect(it.ritardando > 0, it.id).toBe(styleOf(it.style).t.breathe === true);
      expect(it.drums, it.id).toBe(styleOf(it.style).t.kit !== undefined);
    }
  });

  // The fit scripts' code (comments aside) never names the concert programme: no import of concert.ts
  // or concert-render.ts, no concert() call, no item id.
  it('is never fitted on: no fit script names the concert programme or its ids', () => {
    fitsNeverName(/concert|\bco-\d/i);
  });
});

// ---------------------------------------------------------------- the label against the notes and the tempo map

describe('concert programme labels against the composed notes and the MIDI tempo map', () => {
  it('the mean tempo over the clip is the label (0.5 %); a ritardando sinks at most 4 % over a bar and the tempo returns; steady elsewhere', () => {
    for (const it of items) {
      const s = score(it);
      const { mean, events } = midiTempo(it);
      expect(Math.abs(mean / it.bpm - 1), it.id).toBeLessThan(0.005);
      const top = Math.max(...events);
      expect(1 - Math.min(...events) / top, it.id).toBeLessThanOrEqual(CONCERT_MAX_RIT + 1e-4);
      expect(Math.abs(top / it.bpm - 1), it.id).toBeLessThan(0.02);
      expect(s.qpm, it.id).toBe(concertQpm(it));
      expect(s.beatQ, it.id).toBe(compound(it) ? 1.5 : 1);
      if (it.ritardando === 0) expect(events, it.id).toHaveLength(1);
      else {
        expect(s.ritBars.length, it.id).toBe(2);
        // each ritardando bar slows beat by beat, the next downbeat back at the groove's tempo
        for (const bar of s.ritBars) {
          const inBar = s.tempo.filter((t) => t.q >= bar * s.barQ && t.q < (bar + 1) * s.barQ);
          expect(inBar.length, it.id).toBe(Math.round(s.barQ / s.beatQ));
          for (let k = 1; k < inBar.length; k++) expect(inBar[k]!.qpm, it.id).toBeLessThan(inBar[k - 1]!.qpm);
          const after = s.tempo.find((t) => Math.abs(t.q - (bar + 1) * s.barQ) < 1e-9)!;
          expect(after.qpm, it.id).toBeCloseTo(s.tempo[0]!.qpm, 9);
        }
      }
    }
  });

  it('every item: onsets on the labelled beat grid (≥ 0.95), labelled beats sounded (≥ 0.9)', () => {
    for (const it of items) {
      const fit = labelFit(score(it), score(it).beatQ);
      expect(fit.grid, it.id).toBeGreaterThanOrEqual(0.95);
      expect(fit.coverage, it.id).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('would reject a beat twice the label’s where the music has sixteenths, swung eighths or compound eighths', () => {
    const some = items.filter(
      (it) => styleOf(it.style).t.sixteenths || styleOf(it.style).t.g === 3 || compound(it),
    );
    expect(some.length).toBeGreaterThan(60);
    for (const it of some) expect(labelFit(score(it), 2 * score(it).beatQ).grid, it.id).toBeLessThan(0.95);
  });

  it('would reject a beat half the label’s in 6/8 and 12/8 and where the music has no continuous eighths', () => {
    const some = items.filter((it) => compound(it) || !styleOf(it.style).t.eighths);
    expect(some.length).toBeGreaterThan(40);
    for (const it of some)
      expect(labelFit(score(it), score(it).beatQ / 2).coverage, it.id).toBeLessThan(0.75);
  });

  it('half-time: the film suspense cue’s snare on beat 3 only', () => {
    const half = items.filter((it) => it.feel === 'half-time');
    expect(half.length).toBe(4);
    for (const it of half) {
      const sn = score(it).notes.filter((n) => n.part === 'drums' && n.pitch === 38);
      expect(sn.length, it.id).toBeGreaterThan(4);
      for (const n of sn) expect(n.start % 4, it.id).toBe(2);
    }
  });

  it('drumless pieces have no percussion and no timpani', () => {
    for (const it of items.filter((x) => !x.drums))
      expect(
        score(it).notes.filter((n) => n.part === 'drums' || n.part === 'timp'),
        it.id,
      ).toEqual([]);
  });

  it('keeps to the key: notes of the labelled scale, tonic among the strongest, the third names the mode, minor colours as labelled', () => {
    scaleChecks(items, score);
  });

  it('the tonic opens and closes: the tonic chord first, the melody opening on the tonic (after its anacrusis), the cadence V–I, the last bass and melody notes on the tonic', () => {
    for (const it of items) {
      const s = score(it);
      const harm = s.barQ / s.slotQ;
      const a = s.sections.find((x) => x.name === 'A')!.bar;
      expect([s.chords[0], s.chords[a * harm], s.chords.at(-1), s.chords.at(-1 - harm)], it.id).toEqual([
        0, 0, 0, 4,
      ]);
      const lead = s.notes.filter((n) => n.part === 'lead');
      expect(rel(lead.find((n) => n.start >= s.introEndQ)!.pitch, it), it.id).toBe(0);
      if (it.upbeat) {
        const pickup = lead.filter((n) => n.start < s.introEndQ);
        expect(pickup.length, it.id).toBe(compound(it) ? 3 : 2);
        for (const n of pickup) expect(n.start, it.id).toBeGreaterThanOrEqual(s.barQ - s.beatQ);
        expect(s.startQ, it.id).toBe(s.barQ - s.beatQ);
      } else
        expect(
          s.notes.filter((n) => n.start < s.introEndQ && n.part === 'lead'),
          it.id,
        ).toEqual([]);
      expect(rel(s.notes.filter((n) => n.part === 'bass').at(-1)!.pitch, it), it.id).toBe(0);
      expect(rel(lead.at(-1)!.pitch, it), it.id).toBe(0);
    }
  });

  it('dynamics: the middle section louder than the first, phrase swells (CC11) on every voiced channel, the downbeat accented', () => {
    for (const it of items) {
      const s = score(it);
      // part by part (a part's own level aside): the mean velocity of B above A's
      const vel = (part: string, name: string) => {
        const vs = s.notes
          .filter((n) => n.part === part && sectionOf(s, Math.floor(n.start / s.barQ)) === name)
          .map((n) => n.velocity);
        return vs.length ? vs.reduce((x, y) => x + y, 0) / vs.length : Number.NaN;
      };
      const rises = [...new Set(s.notes.map((n) => n.part))]
        .map((part) => vel(part, 'B') - vel(part, 'A'))
        .filter((d) => !Number.isNaN(d));
      expect(rises.length, it.id).toBeGreaterThanOrEqual(2);
      expect(rises.reduce((x, y) => x + y, 0) / rises.length, it.id).toBeGreaterThan(5);
      for (const p of s.programs.filter((x) => x.channel !== 9)) {
        const swell = s.controls
          .filter((k) => k.channel === p.channel && k.controller === 11)
          .map((k) => k.value);
        expect(Math.max(...swell) - Math.min(...swell), `${it.id} ch ${p.channel}`).toBeGreaterThanOrEqual(
          20,
        );
      }
      const bass = s.notes.filter(
        (n) => n.part === 'bass' && sectionOf(s, Math.floor(n.start / s.barQ)) === 'B',
      );
      const on1 = bass.filter((n) => n.start % s.barQ === 0).map((n) => n.velocity);
      const off = bass.filter((n) => n.start % s.barQ !== 0).map((n) => n.velocity);
      // (the mazurka accents its second or third beat instead: checked below)
      if (off.length > 4 && !styleOf(it.style).t.accent)
        expect(on1.reduce((x, y) => x + y, 0) / on1.length, it.id).toBeGreaterThan(
          off.reduce((x, y) => x + y, 0) / off.length,
        );
    }
  });
});

describe('concert programme accents', () => {
  it('the mazurka accents its second or third beat: the accompaniment louder there than on the other', () => {
    const some = items.filter((it) => styleOf(it.style).t.accent);
    expect(some.length).toBe(4);
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const beats = new Set<number>();
    for (const it of some) {
      const s = score(it);
      const comp = s.notes.filter((n) => n.part === 'comp' && n.start >= s.introEndQ);
      const on = (beat: number) => mean(comp.filter((n) => n.start % s.barQ === beat).map((n) => n.velocity));
      const accented = on(1) > on(2) ? 1 : 2;
      expect(Math.abs(on(1) - on(2)), it.id).toBeGreaterThan(8);
      beats.add(accented);
    }
    expect(beats).toEqual(new Set([1, 2]));
  });
});

// ---------------------------------------------------------------- one render end to end

describe('concert programme render', () => {
  const item = items.find(
    (it) =>
      it.set === 'tuning' && it.soundfont === 'musescore-full' && it.ritardando > 0 && it.hall !== 'none',
  )!;
  const dir = mkdtempSync(join(tmpdir(), 'concert-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails naming the Debian package when a SoundFont is missing', () => {
    expect(CONCERT_FONTS['musescore-full'].debianPackage).toBe('musescore-general-soundfont');
  });

  it(`renders one ${CONCERT_FONTS[item.soundfont].name} item with FluidSynth to a ${CONCERT_CLIP_SEC} s 44.1 kHz MP3 at its peak level, sounding every second`, async () => {
    requireConcertTools([item.soundfont]);
    const out = await renderConcertItem(item, { dir });
    expect(out).toEqual({
      path: join(dir, `${item.id}.mp3`),
      bpm: item.bpm,
      tonicPc: item.tonicPc,
      mode: item.mode,
    });
    const probe = probeAudio(out.path);
    expect(probe).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
    expect(Math.abs(probe.durationSec - CONCERT_CLIP_SEC)).toBeLessThan(0.3);
    expect(Math.abs((await wavPeakDb(out.path, CONCERT_CLIP_SEC)) - item.peakDb)).toBeLessThan(1.5);
    // the level of every second (astats over 44100-sample windows): none silent, the fade aside
    const report = spawnSync(
      'ffmpeg',
      [
        '-hide_banner',
        '-nostats',
        '-i',
        out.path,
        '-af',
        'asetnsamples=44100,astats=metadata=1:reset=1,ametadata=print:key=lavfi.astats.Overall.RMS_level',
        '-f',
        'null',
        '-',
      ],
      { encoding: 'utf8' },
    ).stderr;
    const rms = [...report.matchAll(/RMS_level=(-?[\d.]+|-inf)/g)].map((m) => Number(m[1]));
    expect(rms.length).toBeGreaterThanOrEqual(CONCERT_CLIP_SEC - 1);
    for (const [sec, db] of rms.slice(0, CONCERT_CLIP_SEC - 2).entries())
      expect(db, `second ${sec}`).toBeGreaterThan(-45);
  }, 90_000);
});

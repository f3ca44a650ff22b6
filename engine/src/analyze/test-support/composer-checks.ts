// Checks of a labelled composer's material, shared by the composers' tests (songbook, hymnal, beat
// store, jam tracks, MIDI archive, karaoke book, production-music library: each composer keeps its music;
// these only read it): its item list and split, its labels against its own notes, and the end-to-end
// render of one item. Pure functions (the tests hold the expectations) but for itemListChecks,
// labelChecks and describeClipRender, tests themselves, and fitsNeverName, fitsReadTuningHalfOnly,
// pairedHalvesChecks and styleLabelChecks, assertions a test calls.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../dsp/test-support.ts';
import type { ClipItem, ClipRender, GmFont } from './fluidsynth-mp3.ts';

type SplitSet = 'tuning' | 'held-out';

/**
 * sha256 of the JSON of each item's `fields` (ids, labels, split) in order: it changes whenever an
 * item, a label or the split changes.
 */
export function itemsDigest<T, K extends keyof T>(items: readonly T[], fields: readonly K[]): string {
  const rows = items.map((it) => fields.map((f) => it[f]));
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/**
 * The tests every composer's item list takes (inside its `describe`): the list is deterministic
 * (and another seed, where the composer takes one, gives another), `count` items with unique ids of
 * the composer's pattern, the same SMF twice; the fixed split (odd index held-out, even tuning);
 * and the pinned digest of `digest.fields` over the held-out half or the whole list.
 */
export function itemListChecks<T extends { id: string; set: SplitSet }>(
  items: readonly T[],
  {
    count,
    regenerate,
    otherSeed,
    idPattern,
    midi,
    digest,
  }: {
    count: number;
    regenerate: () => readonly T[];
    otherSeed?: () => readonly T[];
    /** The id the item at index n must have. */
    idPattern: (n: number, item: T) => RegExp;
    midi: (item: T) => Uint8Array;
    digest: { of: 'held-out' | 'all'; fields: readonly (keyof T)[]; sha256: string };
  },
): void {
  it(`is deterministic, ${count} items with unique ids of the composer's pattern, the same SMF twice`, () => {
    expect(regenerate()).toEqual(items);
    expect(items).toHaveLength(count);
    expect(new Set(items.map((it) => it.id)).size).toBe(count);
    for (const [n, it] of items.entries()) expect(it.id).toMatch(idPattern(n, it));
    expect(Buffer.from(midi(items[7]!)).equals(Buffer.from(midi(items[7]!)))).toBe(true);
    if (otherSeed) expect(otherSeed()).not.toEqual(items);
  });

  it('splits by the fixed rule: odd index held-out, even index tuning', () => {
    for (const [n, it] of items.entries()) expect(it.set).toBe(n % 2 === 1 ? 'held-out' : 'tuning');
    expect(items.filter((it) => it.set === 'held-out')).toHaveLength(count / 2);
  });

  it(`matches the pinned digest of ${digest.of === 'held-out' ? 'the held-out ids and labels' : 'ids, labels and split'} (never re-pin to improve a figure)`, () => {
    const pinned = digest.of === 'held-out' ? items.filter((it) => it.set === 'held-out') : items;
    expect(itemsDigest(pinned, digest.fields)).toBe(digest.sha256);
  });
}

// The composers build their ids with it; the tests' id patterns read it from here.
export { indexId } from './score-patterns.ts';

/** The number of tuning and held-out items in each stratum (the split should halve every one). */
export function splitByStratum<T extends { set: SplitSet }>(
  items: readonly T[],
  stratumOf: (it: T) => string,
): Map<string, Record<SplitSet, number>> {
  const strata = new Map<string, Record<SplitSet, number>>();
  for (const it of items) {
    const s = strata.get(stratumOf(it)) ?? { tuning: 0, 'held-out': 0 };
    s[it.set]++;
    strata.set(stratumOf(it), s);
  }
  return strata;
}

/** Whether every one of `bpms` lies in one and the same of a style's tempo ranges. */
const inOneTempoRange = (ranges: readonly (readonly [number, number])[], ...bpms: number[]) =>
  ranges.some(([lo, hi]) => bpms.every((bpm) => bpm >= lo && bpm <= hi));

/**
 * Assertions (called inside a test) for a composer whose items come in pairs: every style of `styles`
 * halved, `pairs(style)` items in each half; items 2k (tuning) and 2k+1 (held-out) agree on the
 * `shared` fields and, when `tempi` is given, both lie in one tempo range of their style; every value
 * `apart` lists (settings dealt pair by pair, the key) differs between the two.
 */
export function pairedHalvesChecks<T extends { id: string; set: SplitSet; style: string; bpm: number }>(
  items: readonly T[],
  {
    styles,
    pairs,
    shared,
    tempi,
    apart,
  }: {
    styles: readonly string[];
    pairs: (style: string) => number;
    shared: readonly (keyof T)[];
    tempi?: (style: string) => readonly (readonly [number, number])[];
    apart?: (item: T) => readonly unknown[];
  },
): void {
  const strata = splitByStratum(items, (it) => it.style);
  expect([...strata.keys()].sort()).toEqual([...styles].sort());
  for (const [style, s] of strata)
    expect(s, style).toEqual({ tuning: pairs(style), 'held-out': pairs(style) });
  for (let i = 0; i < items.length; i += 2) {
    const [a, b] = [items[i]!, items[i + 1]!];
    expect([a.set, b.set], a.id).toEqual(['tuning', 'held-out']);
    expect(
      shared.map((f) => b[f]),
      b.id,
    ).toEqual(shared.map((f) => a[f]));
    if (tempi) expect(inOneTempoRange(tempi(a.style), a.bpm, b.bpm), a.id).toBe(true);
    if (apart) {
      const [da, db] = [apart(a), apart(b)];
      for (const k of da.keys()) expect(da[k], `${a.id} ${k}`).not.toBe(db[k]);
    }
  }
}

/**
 * Assertions (called inside a test) that each item's labels keep to its style: an integer BPM in one of
 * the style's tempo ranges, the style's metre and feel, drums unless the feel is 'none', a minor colour
 * the style allows (none for a major item); and every BPM within `bpmRange`.
 */
export function styleLabelChecks<
  T extends { id: string; style: string; bpm: number; metre: string; feel: string; drums: boolean },
>(
  items: readonly (T & { mode: 'major' | 'minor'; minorKind: string | null })[],
  styleOf: (name: string) => {
    tempi: readonly (readonly [number, number])[];
    metre: string;
    feel: string;
    minorKinds: readonly string[];
  },
  bpmRange: readonly [number, number],
): void {
  for (const it of items) {
    const s = styleOf(it.style);
    expect(Number.isInteger(it.bpm), it.id).toBe(true);
    expect(inOneTempoRange(s.tempi, it.bpm), it.id).toBe(true);
    expect(it.metre, it.id).toBe(s.metre);
    expect(it.feel, it.id).toBe(s.feel);
    expect(it.drums, it.id).toBe(s.feel !== 'none');
    if (it.minorKind) expect(s.minorKinds, it.id).toContain(it.minorKind);
    expect(it.minorKind === null, it.id).toBe(it.mode === 'major');
  }
  const bpms = items.map((it) => it.bpm);
  expect(Math.min(...bpms)).toBeGreaterThanOrEqual(bpmRange[0]);
  expect(Math.max(...bpms)).toBeLessThanOrEqual(bpmRange[1]);
}

/** What the label checks read of a composed score (positions in quarter notes). */
export interface LabelledScore<N extends { start: number }> {
  bars: number;
  barQ: number;
  introEndQ: number;
  /** The labelled beat in quarter notes. */
  beatQ: number;
  notes: readonly N[];
}

const near = (x: number) => Math.abs(x - Math.round(x)) < 1e-6;

/**
 * The label checked against the composed notes, for an assumed beat of `period` quarter notes
 * (the label's is score.beatQ). Only bars after the intro and before the last (cut) bar count.
 * - grid: share of the onsets (of the notes `gridNotes` keeps; all by default) on the beat's
 *   sixteenth or triplet grid (sixths of the dotted-quarter beat; with `swingQ`, also the
 *   sixteenths delayed by that many quarter notes). Were the label half the music's beat, the
 *   music's sixteenths would fall on 32nds of the labelled beat: grid drops.
 * - coverage: share of labelled beats on which some note starts. Were the label double the
 *   music's beat, music without continuous eighths would leave half the labelled beats silent:
 *   coverage drops.
 */
export function labelFit<N extends { start: number }>(
  s: LabelledScore<N>,
  period: number,
  { gridNotes = () => true, swingQ = 0 }: { gridNotes?: (n: N) => boolean; swingQ?: number } = {},
): { grid: number; coverage: number } {
  const end = (s.bars - 1) * s.barQ;
  const body = s.notes.filter((n) => n.start >= s.introEndQ - 1e-9 && n.start < end - 1e-9);
  const divisions = s.beatQ === 1.5 && period === s.beatQ ? [6] : [4, 3];
  const onGrid = (q: number) =>
    divisions.some((k) => near((q / period) * k)) || (swingQ > 0 && near(((q - swingQ) / period) * 4));
  const core = body.filter(gridNotes);
  const grid = core.filter((n) => onGrid(n.start)).length / core.length;
  const first = Math.ceil(s.introEndQ / period - 1e-9);
  const last = Math.floor((end - 1e-9) / period);
  const sounded = new Set(
    body.filter((n) => near(n.start / period)).map((n) => Math.round(n.start / period)),
  );
  return { grid, coverage: sounded.size / (last - first + 1) };
}

/** A label fit (labelFit, or a composer's wrapper of it) for an assumed beat of `period` quarter notes. */
export type LabelFitOf<T> = (item: T, period: number) => { grid: number; coverage: number };

/**
 * The label tests every composer takes (inside its `describe`):
 * - the SMF's tempo meta event × the beat's length (a dotted quarter where `dotted`) is 60 / label,
 *   the score's tempo is the composer's `qpm`, and the score covers the clip (and, with `spareBar`, a bar more: the last bar is cut);
 * - on `checked` items (all by default): onsets on the labelled beat's grid (≥ 0.95) and the
 *   labelled beats sounded (≥ `coverage`);
 * - half the labelled beat rejected where `sixteenths.has` (the music's 16ths would be 32nds of
 *   it: grid < 0.95), and double it where `noEighths.has` (half its beats silent: coverage < 0.75).
 */
export function labelChecks<T extends { id: string; bpm: number }, N extends { start: number }>(
  items: readonly T[],
  o: {
    score: (item: T) => LabelledScore<N> & { qpm: number };
    midi: (item: T) => Uint8Array;
    fit: LabelFitOf<T>;
    dotted: (item: T) => boolean;
    /** The quarter notes per minute the composer says the item's SMF has. */
    qpm?: (item: T) => number;
    clipSec: number;
    spareBar: boolean;
    checked?: readonly T[];
    coverage: number;
    sixteenths: { where: string; has: (item: T) => boolean };
    noEighths: { where: string; has: (item: T) => boolean };
  },
): void {
  const checked = o.checked ?? items;
  it('writes the labelled beat into the MIDI file: tempo meta × beat length = 60 / label', () => {
    for (const item of items) {
      const s = o.score(item);
      const beatQ = o.dotted(item) ? 1.5 : 1;
      expect(s.beatQ, item.id).toBe(beatQ);
      const beatSec = (midiUsPerQuarter(o.midi(item)) / 1e6) * beatQ;
      expect(Math.abs(beatSec / (60 / item.bpm) - 1), item.id).toBeLessThan(1e-5);
      if (o.qpm) expect(s.qpm, item.id).toBe(o.qpm(item));
      expect(((s.bars - (o.spareBar ? 1 : 0)) * s.barQ * 60) / s.qpm, item.id).toBeGreaterThanOrEqual(
        o.clipSec,
      );
    }
  });

  it('every item checked: onsets on the labelled grid, labelled beats sounded', () => {
    for (const item of checked) {
      const fit = o.fit(item, o.score(item).beatQ);
      expect(fit.grid, item.id).toBeGreaterThanOrEqual(0.95);
      expect(fit.coverage, item.id).toBeGreaterThanOrEqual(o.coverage);
    }
  });

  it(`would reject half the labelled beat where the music has sixteenths (${o.sixteenths.where})`, () => {
    const some = checked.filter(o.sixteenths.has);
    expect(some.length).toBeGreaterThan(0);
    for (const item of some) expect(o.fit(item, 2 * o.score(item).beatQ).grid, item.id).toBeLessThan(0.95);
  });

  it(`would reject double the labelled beat where the music has no continuous eighths (${o.noEighths.where})`, () => {
    const some = checked.filter(o.noEighths.has);
    expect(some.length).toBeGreaterThan(0);
    for (const item of some)
      expect(o.fit(item, o.score(item).beatQ / 2).coverage, item.id).toBeLessThan(0.75);
  });
}

/** Microseconds per quarter note of the first tempo meta event in an SMF. */
export function midiUsPerQuarter(midi: Uint8Array): number {
  const at = midi.findIndex((b, i) => b === 0xff && midi[i + 1] === 0x51 && midi[i + 2] === 0x03);
  return (midi[at + 3]! << 16) | (midi[at + 4]! << 8) | midi[at + 5]!;
}

/**
 * The key label against the composed pitch classes (duration-weighted, stabs counted as half a
 * beat, drums left out): the tonic among the three strongest, the third naming the mode (3× the
 * other third), harmonic minor sounding the raised 7th and natural minor never, dorian sounding
 * its major 6th and never the minor 6th or the raised 7th. Returns the faults, none when the label
 * holds.
 */
export function keyFaults(
  notes: readonly { part: string; pitch: number; duration: number }[],
  label: { tonicPc: number; mode: 'major' | 'minor'; minorKind: 'natural' | 'harmonic' | 'dorian' | null },
): string[] {
  const weight = new Array<number>(12).fill(0);
  for (const n of notes) if (n.part !== 'drums') weight[n.pitch % 12]! += Math.max(0.5, n.duration);
  const rel = (k: number) => weight[(label.tonicPc + k) % 12]!;
  const faults: string[] = [];
  const stronger = weight.filter((w) => w > rel(0)).length;
  if (!(stronger <= 2)) faults.push(`${stronger} pitch classes stronger than the tonic`);
  const [own, other] = label.mode === 'major' ? [rel(4), rel(3)] : [rel(3), rel(4)];
  if (!(own > 3 * other)) faults.push(`${label.mode} third ${own} not above 3× the other third ${other}`);
  if (label.minorKind === 'harmonic' && !(rel(11) > 0)) faults.push('harmonic minor without its raised 7th');
  if (label.minorKind === 'natural' && rel(11) !== 0) faults.push(`natural minor sounds the raised 7th`);
  if (label.minorKind === 'dorian') {
    if (rel(11) !== 0) faults.push('dorian sounds the raised 7th');
    if (!(rel(9) > 0)) faults.push('dorian without its major 6th');
    if (rel(8) !== 0) faults.push('dorian sounds the minor 6th');
  }
  return faults;
}

/** A composed score as the scale and beat checks read it (the live sets', the game soundtrack's, the concert programme's). */
interface CheckedScore {
  notes: readonly { part: string; pitch: number; start: number; duration: number }[];
  /** The pitch classes (relative to the tonic) the piece may sound. */
  allowedPcs: readonly number[];
}

/**
 * Assertions (called inside a test): every item's notes keep to its key label (keyFaults) and sound
 * only the pitch classes its score allows; where `mixolydian(item)`, a major sounds its ♭7.
 */
export function scaleChecks<
  T extends {
    id: string;
    tonicPc: number;
    mode: 'major' | 'minor';
    minorKind: 'natural' | 'harmonic' | 'dorian' | null;
  },
>(
  items: readonly T[],
  score: (item: T) => CheckedScore,
  mixolydian: (item: T) => boolean | undefined = () => false,
): void {
  for (const it of items) {
    const s = score(it);
    expect(keyFaults(s.notes, it), it.id).toEqual([]);
    const pcs = new Set(
      s.notes.filter((n) => n.part !== 'drums').map((n) => (((n.pitch - it.tonicPc) % 12) + 12) % 12),
    );
    for (const pc of pcs) expect(s.allowedPcs, `${it.id} sounds ${pc}`).toContain(pc);
    if (mixolydian(it) && it.mode === 'major') expect(pcs.has(10), it.id).toBe(true);
  }
}

/**
 * Assertions (called inside a test): every drumless item sounds a chord or bass note (any part but
 * the lead) on every labelled beat from the end of its intro to its last bar.
 */
export function drumlessBeatChecks<T extends { id: string; drums: boolean }>(
  items: readonly T[],
  score: (item: T) => CheckedScore & { beatQ: number; barQ: number; bars: number; introEndQ: number },
): void {
  for (const it of items.filter((x) => !x.drums)) {
    const s = score(it);
    const starts = new Set(
      s.notes.filter((n) => n.part !== 'lead').map((n) => Math.round((n.start / s.beatQ) * 1e6) / 1e6),
    );
    for (let b = s.introEndQ / s.beatQ; b < ((s.bars - 1) * s.barQ) / s.beatQ; b++)
      expect(starts.has(b), `${it.id} beat ${b}`).toBe(true);
  }
}

/** ffprobe's reading of an audio file's first stream and duration. */
export function probeAudio(path: string): { codec: string; sampleRate: number; durationSec: number } {
  requireTool('ffprobe', 'ffmpeg');
  const probe = JSON.parse(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format=duration:stream=sample_rate,codec_name', '-of', 'json', path],
      { encoding: 'utf8' },
    ),
  );
  return {
    codec: probe.streams[0].codec_name,
    sampleRate: Number(probe.streams[0].sample_rate),
    durationSec: Number(probe.format.duration),
  };
}

const FONT_NAMES: Record<GmFont, string> = {
  timgm6mb: 'TimGM6mb',
  fluidr3: 'FluidR3',
  musescore: 'MuseScore General',
  csound: 'csound GM bank',
};

/**
 * The end-to-end render test of one item (`<name> render`): rendered into a temporary directory,
 * it is a clipSec-second 44.1 kHz MP3 at the path returned with the item's labels.
 */
export function describeClipRender<T extends ClipItem>(
  name: string,
  item: T,
  {
    render,
    requireTools,
    clipSec,
  }: {
    render: (item: T, options: { dir: string }) => Promise<ClipRender>;
    requireTools: (fonts: T['soundfont'][]) => void;
    clipSec: number;
  },
): void {
  describe(`${name} render`, () => {
    const dir = mkdtempSync(join(tmpdir(), `${name}-`));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(`renders one ${FONT_NAMES[item.soundfont]} item to a ${clipSec} s 44.1 kHz MP3`, async () => {
      requireTools([item.soundfont]);
      const out = await render(item, { dir });
      expect(out).toEqual({
        path: join(dir, `${item.id}.mp3`),
        bpm: item.bpm,
        tonicPc: item.tonicPc,
        mode: item.mode,
      });
      expect(existsSync(out.path)).toBe(true);
      const probe = probeAudio(out.path);
      expect(probe).toMatchObject({ codec: 'mp3', sampleRate: 44100 });
      expect(Math.abs(probe.durationSec - clipSec)).toBeLessThan(0.3);
    });
  });
}

/** A script's code without its comments (a fit's written rule may name any set; its code may not). */
const codeOf = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/**
 * The code (comments aside) of every fit script the composers' tests read: bench/fit-*.ts (any new one
 * too) and the modules they fit with.
 */
function fitScriptsCode(): { fit: string; code: string }[] {
  const bench = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'bench');
  const fits = readdirSync(bench).filter(
    (f) => /^fit-.*\.ts$/.test(f) || f === 'metre-boost.ts' || f === 'key-logit.ts',
  );
  expect(fits).toEqual(
    expect.arrayContaining(['fit-metre.ts', 'fit-key.ts', 'metre-boost.ts', 'key-logit.ts']),
  );
  return fits.map((fit) => ({ fit, code: codeOf(readFileSync(join(bench, fit), 'utf8')) }));
}

/** A composer no fit may read: every fit script's code (comments aside) names nothing matching `names`. */
export function fitsNeverName(names: RegExp): void {
  for (const { fit, code } of fitScriptsCode()) expect(code, fit).not.toMatch(names);
}

/**
 * A composer whose tuning half the fits may read, through one accessor only, and whose held-out half
 * they never read: every fit script's code (comments aside), the accessor's name taken out, names
 * nothing matching `names`; the accessor yields exactly the tuning half's 80 items.
 */
export function fitsReadTuningHalfOnly<T extends { id: string; set: SplitSet }>(
  items: readonly T[],
  accessor: { name: string; items: () => readonly { id: string }[] },
  names: RegExp,
): void {
  for (const { fit, code } of fitScriptsCode())
    expect(code.replaceAll(accessor.name, ''), fit).not.toMatch(names);
  const tuningIds = new Set(items.filter((it) => it.set === 'tuning').map((it) => it.id));
  const half = accessor.items();
  expect(half).toHaveLength(80);
  for (const it of half) expect(tuningIds.has(it.id), it.id).toBe(true);
}

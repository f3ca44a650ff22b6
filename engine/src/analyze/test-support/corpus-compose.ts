// Note events of a corpus item (corpus.ts), the same for every renderer but the engine's: drums
// by feel and metre, bass, chords and melody with their own rhythms, all seeded by the item.
// One MIDI tick grid: a beat (the labelled pulse: quarter in 4/4 and 3/4, dotted quarter in 6/8)
// is PPQ ticks, and the SMF tempo is the labelled bpm; a renderer does not care what a
// "quarter" is called.
import type { CorpusItem } from './corpus.ts';
import { mulberry32, pick } from './corpus.ts';

export const PPQ = 480;
export const DRUM_CHANNEL = 9;
export const BASS_CHANNEL = 0;
export const CHORD_CHANNEL = 1;
export const MELODY_CHANNEL = 2;
/** Clips are about this long (whole bars), never longer than MAX_CLIP_SEC. */
export const TARGET_CLIP_SEC = 25;
export const MAX_CLIP_SEC = 30;

export interface CorpusNote {
  tick: number;
  channel: number;
  note: number;
  velocity: number;
  durationTicks: number;
}

export interface Composition {
  notes: CorpusNote[];
  programs: { bass: number; chords: number; melody: number };
  /** The patterns drawn (for reports). */
  parts: { bass: string; chords: string; melody: boolean; chordBars: number; hats: string };
  durationSec: number;
}

/** Hats and shakers play 16ths only up to this tempo. */
export const MAX_SIXTEENTH_HATS_BPM = 130;
export const KICK = 36;
export const SNARE = 38;
export const CLAP = 39;
export const HAT = 42;
export const OPEN_HAT = 46;
export const RIDE = 51;
export const SHAKER = 70;

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const NATURAL_MINOR = [0, 2, 3, 5, 7, 8, 10];
const HARMONIC_MINOR = [0, 2, 3, 5, 7, 8, 11];
// Progressions as scale degrees (0 = tonic), all starting on the tonic chord.
const MAJOR_PROGRESSIONS = [
  [0, 4, 5, 3],
  [0, 3, 4, 0],
  [0, 5, 3, 4],
  [0, 3, 0, 4],
  [0, 1, 4, 0],
  [0, 4, 3, 4],
];
// Natural minor: ♭VI, ♭III, ♭VII major and a minor v — the Aeolian loops of pop and EDM.
const NATURAL_MINOR_PROGRESSIONS = [
  [0, 5, 2, 6],
  [0, 6, 5, 6],
  [0, 3, 6, 2],
  [0, 5, 6, 0],
  [0, 4, 3, 0],
  [0, 3, 4, 0],
];
const HARMONIC_MINOR_PROGRESSIONS = [
  [0, 3, 4, 0],
  [0, 5, 3, 4],
  [0, 4, 0, 4],
];

const BASS_PROGRAMS = [32, 33, 34, 35, 36, 38, 39];
const CHORD_PROGRAMS = [0, 1, 2, 4, 5, 6, 16, 17, 19, 24, 25, 26, 27, 46, 48, 49, 50, 88, 89, 90, 91, 92];
const MELODY_PROGRAMS = [11, 12, 13, 40, 41, 56, 57, 60, 65, 66, 68, 71, 73, 74, 80, 81, 82];

type Hit = [step: number, note: number, velocity: number];

interface Grid {
  beatsPerBar: number;
  stepsPerBeat: number;
  /** 6/8: the beat divides into three eighths. */
  compound: boolean;
}

export function gridOf(item: Pick<CorpusItem, 'metre' | 'feel'>): Grid {
  if (item.metre === '6/8') return { beatsPerBar: 2, stepsPerBeat: 3, compound: true };
  if (item.metre === '3/4') return { beatsPerBar: 3, stepsPerBeat: 4, compound: false };
  return { beatsPerBar: 4, stepsPerBeat: item.feel === 'shuffle' ? 3 : 4, compound: false };
}

/**
 * Steps of the eighth notes of a bar: straight (steps 0 and 2 of 4), swung under a shuffle
 * (the first and last triplet), every step in 6/8.
 */
function eighthSteps(g: Grid): number[] {
  const out: number[] = [];
  for (let b = 0; b < g.beatsPerBar; b++) {
    if (g.compound) for (let s = 0; s < 3; s++) out.push(b * 3 + s);
    else out.push(b * g.stepsPerBeat, b * g.stepsPerBeat + 2);
  }
  return out;
}

function drumBar(item: CorpusItem, g: Grid, rnd: () => number): { hits: Hit[]; hats: string } {
  const hits: Hit[] = [];
  const steps = g.beatsPerBar * g.stepsPerBeat;
  // Hats or shakers in 16ths above ≈130 BPM (11+ hits a second) are rare in real grooves; there
  // they play 8ths (v3; the same random draws, so no other item changes).
  const hatKind = (kind: string) =>
    item.bpm > MAX_SIXTEENTH_HATS_BPM && (kind === '16ths' || kind === 'shaker') ? '8ths' : kind;
  const hatsOn = (kind: string) => {
    if (kind === '8ths')
      for (const s of eighthSteps(g)) hits.push([s, HAT, s % g.stepsPerBeat === 0 ? 80 : 62]);
    else if (kind === '16ths') for (let s = 0; s < steps; s++) hits.push([s, HAT, s % 2 === 0 ? 75 : 50]);
    else if (kind === 'quarters')
      for (let b = 0; b < g.beatsPerBar; b++) hits.push([b * g.stepsPerBeat, RIDE, 80]);
    else if (kind === 'shaker') for (let s = 0; s < steps; s++) hits.push([s, SHAKER, s % 2 === 0 ? 70 : 55]);
  };
  if (item.feel === 'none') return { hits, hats: 'none' };
  if (item.metre === '3/4') {
    hits.push([0, KICK, 110], [4, SNARE, 85], [8, SNARE, 85]);
    const hats = hatKind(pick(rnd, ['8ths', 'quarters']));
    hatsOn(hats);
    return { hits, hats };
  }
  if (item.metre === '6/8') {
    hits.push([0, KICK, 110], [3, SNARE, 100]);
    if (rnd() < 0.5) hits.push([5, KICK, 80]);
    for (let s = 0; s < 6; s++) hits.push([s, HAT, s % 3 === 0 ? 80 : 60]);
    return { hits, hats: '8ths' };
  }
  let hats = '8ths';
  switch (item.feel) {
    case 'four-on-the-floor': {
      for (let b = 0; b < 4; b++) hits.push([b * 4, KICK, 115], [b * 4 + 2, OPEN_HAT, 70]);
      if (rnd() < 0.75) hits.push([4, CLAP, 100], [12, CLAP, 100]);
      hats = hatKind(pick(rnd, ['16ths', 'none', 'shaker']));
      hatsOn(hats);
      break;
    }
    case 'backbeat': {
      hits.push([0, KICK, 110], [8, KICK, 100], [4, SNARE, 110], [12, SNARE, 110]);
      const extra = pick(rnd, [10, 6, 7, 11, -1]);
      if (extra >= 0) hits.push([extra, KICK, 85]);
      hats = hatKind(pick(rnd, ['8ths', '8ths', '16ths', 'quarters']));
      hatsOn(hats);
      break;
    }
    case 'half-time': {
      // The snare moves to 3 while the hats keep the tempo's 8ths or 16ths: that is what makes it
      // a half-time feel rather than a slower backbeat (a quarter-note ride over kick 1 and
      // snare 3 is simply a backbeat at half the tempo).
      hits.push([0, KICK, 115], [8, SNARE, 115]);
      const extra = pick(rnd, [6, 10, 11, 3, -1]);
      if (extra >= 0) hits.push([extra, KICK, 90]);
      hats = hatKind(pick(rnd, ['8ths', '8ths', '16ths']));
      hatsOn(hats);
      break;
    }
    case 'breakbeat': {
      const variant = Math.floor(rnd() * 2);
      if (variant === 0) hits.push([0, KICK, 115], [10, KICK, 105], [4, SNARE, 110], [12, SNARE, 110]);
      else hits.push([0, KICK, 115], [2, KICK, 100], [10, KICK, 100], [4, SNARE, 110], [12, SNARE, 110]);
      hits.push([7, SNARE, 55], [9, SNARE, 60], [15, SNARE, 50]);
      hats = hatKind(pick(rnd, ['8ths', '16ths']));
      hatsOn(hats);
      break;
    }
    case 'shuffle': {
      hits.push([0, KICK, 110], [6, KICK, 100], [3, SNARE, 105], [9, SNARE, 105]);
      if (rnd() < 0.4) hits.push([8, KICK, 80]);
      hatsOn('8ths');
      break;
    }
  }
  return { hits, hats };
}

/** Onset steps (and lengths in steps) of a bass or chord rhythm within one bar. */
function rhythm(kind: string, g: Grid): [step: number, len: number][] {
  const steps = g.beatsPerBar * g.stepsPerBeat;
  const S = g.stepsPerBeat;
  const out: [number, number][] = [];
  switch (kind) {
    case 'bar':
      out.push([0, steps]);
      break;
    case 'half': {
      // every other beat (4/4: 1 and 3); in 3/4 and 6/8 once a bar
      const every = g.beatsPerBar === 4 ? 2 : g.beatsPerBar;
      for (let b = 0; b < g.beatsPerBar; b += every) out.push([b * S, every * S]);
      break;
    }
    case 'beats':
      for (let b = 0; b < g.beatsPerBar; b++) out.push([b * S, S]);
      break;
    case 'offbeats':
      for (let b = 0; b < g.beatsPerBar; b++) out.push([b * S + 2, S - 2]);
      break;
    case 'eighths': {
      const e = eighthSteps(g);
      e.forEach((s, i) => {
        out.push([s, (e[i + 1] ?? steps) - s]);
      });
      break;
    }
    case 'synco':
      // 4/4 only: 1, the "and" of 2, 4 (S=4: steps 0, 6, 12)
      out.push([0, 6], [6, 6], [12, 4]);
      break;
  }
  return out;
}

export function composeItem(item: CorpusItem): Composition {
  const rnd = mulberry32(item.seed);
  const g = gridOf(item);
  const stepTicks = PPQ / g.stepsPerBeat;
  const barTicks = g.beatsPerBar * PPQ;
  const barSec = (g.beatsPerBar * 60) / item.bpm;
  const bars = Math.max(4, Math.min(Math.floor(MAX_CLIP_SEC / barSec), Math.ceil(TARGET_CLIP_SEC / barSec)));
  const scale = item.mode === 'major' ? MAJOR : item.minorKind === 'natural' ? NATURAL_MINOR : HARMONIC_MINOR;
  const progression = pick(
    rnd,
    item.mode === 'major'
      ? MAJOR_PROGRESSIONS
      : item.minorKind === 'natural'
        ? NATURAL_MINOR_PROGRESSIONS
        : HARMONIC_MINOR_PROGRESSIONS,
  );
  const drums = item.feel !== 'none';
  const fourFour = g.beatsPerBar === 4 && g.stepsPerBeat === 4;
  // Without drums the parts carry the beat: no whole-bar bass or pad-only chords then.
  const bassKind = pick(
    rnd,
    drums
      ? ['bar', 'half', 'beats', 'eighths', ...(fourFour ? ['synco'] : [])]
      : ['half', 'beats', 'eighths', ...(fourFour ? ['synco'] : [])],
  );
  const chordKind = pick(
    rnd,
    drums
      ? ['bar', 'half', 'beats', 'arp', ...(fourFour ? ['offbeats'] : [])]
      : ['half', 'beats', 'arp', ...(fourFour ? ['offbeats'] : [])],
  );
  const chordBars = pick(rnd, item.bpm < 110 && g.beatsPerBar === 4 ? [0.5, 1, 1, 2] : [1, 1, 2]);
  const withMelody = rnd() < 0.7;
  const programs = {
    bass: pick(rnd, BASS_PROGRAMS),
    chords: pick(rnd, CHORD_PROGRAMS),
    melody: pick(rnd, MELODY_PROGRAMS),
  };
  const jitter = () => Math.round((rnd() - 0.5) * 16);
  const human = (v: number) => Math.max(1, Math.min(127, Math.round(v + (rnd() - 0.5) * 16)));
  const degreePitch = (degree: number, base: number) => {
    const oct = Math.floor(degree / 7);
    const d = ((degree % 7) + 7) % 7;
    return base + item.tonicPc + scale[d]! + 12 * oct;
  };
  const notes: CorpusNote[] = [];
  const add = (tick: number, channel: number, note: number, velocity: number, durationTicks: number) => {
    notes.push({
      tick: Math.max(0, tick + (channel === DRUM_CHANNEL ? jitter() / 2 : jitter())),
      channel,
      note,
      velocity: human(velocity),
      durationTicks: Math.max(20, Math.round(durationTicks)),
    });
  };
  let hatsKind = 'none';
  const bassBase = item.tonicPc >= 7 ? 24 : 36;
  const chordBase = 55 + (item.tonicPc >= 7 ? -12 : 0) + 5;
  for (let bar = 0; bar < bars; bar++) {
    const t0 = bar * barTicks;
    const drumsNow = drumBar(item, g, mulberry32(item.seed + 1)); // the same groove every bar
    hatsKind = drumsNow.hats;
    for (const [s, note, vel] of drumsNow.hits) add(t0 + s * stepTicks, DRUM_CHANNEL, note, vel, stepTicks);
    for (let half = 0; half < (chordBars === 0.5 ? 2 : 1); half++) {
      const chordIndex = chordBars === 0.5 ? bar * 2 + half : Math.floor(bar / chordBars);
      const degree = bar === bars - 1 ? 0 : progression[chordIndex % progression.length]!;
      const lo = chordBars === 0.5 ? (half * g.beatsPerBar * g.stepsPerBeat) / 2 : 0;
      const hi =
        chordBars === 0.5 ? lo + (g.beatsPerBar * g.stepsPerBeat) / 2 : g.beatsPerBar * g.stepsPerBeat;
      const root = degreePitch(degree, bassBase);
      rhythm(bassKind, g)
        .filter(([s]) => s >= lo && s < hi)
        .forEach(([s, len], i) => {
          const note = bassKind === 'eighths' && i % 4 === 3 ? degreePitch(degree + 4, bassBase) : root;
          // Players lean on the beat: notes off the beat are softer, the bar's first note loudest.
          add(
            t0 + s * stepTicks,
            BASS_CHANNEL,
            note,
            s === 0 ? 105 : s % g.stepsPerBeat === 0 ? 92 : 76,
            Math.min(len, hi - s) * stepTicks * 0.9,
          );
        });
      const triad = [0, 2, 4].map((step) => degreePitch(degree + step, chordBase));
      if (chordKind === 'arp') {
        const e = eighthSteps(g).filter((s) => s >= lo && s < hi);
        // Broken chords follow the beat's division: up and down in 2s, root–third–fifth in 6/8.
        const order = g.compound ? [0, 1, 2] : [0, 1, 2, 1];
        e.forEach((s, i) => {
          add(
            t0 + s * stepTicks,
            CHORD_CHANNEL,
            triad[order[i % order.length]!]!,
            s % g.stepsPerBeat === 0 ? 82 : 66,
            g.stepsPerBeat * stepTicks,
          );
        });
      } else {
        for (const [s, len] of rhythm(chordKind, g).filter(([s]) => s >= lo && s < hi)) {
          for (const note of triad)
            add(t0 + s * stepTicks, CHORD_CHANNEL, note, 72, Math.min(len, hi - s) * stepTicks * 0.92);
        }
      }
      if (withMelody) {
        // Quarters and eighths (dotted quarters and eighths in 6/8), chord tones on beats.
        let s = lo;
        while (s < hi) {
          const onBeat = s % g.stepsPerBeat === 0;
          const len = g.stepsPerBeat === 3 ? pick(rnd, onBeat ? [2, 3] : [1]) : pick(rnd, [2, 2, 4]);
          const step = onBeat ? pick(rnd, [0, 2, 4]) : Math.floor(rnd() * 7);
          if (rnd() > 0.2)
            add(
              t0 + s * stepTicks,
              MELODY_CHANNEL,
              degreePitch(degree + step, 72),
              onBeat ? 88 : 74,
              len * stepTicks * 0.85,
            );
          s += len;
        }
      }
    }
  }
  return {
    notes,
    programs,
    parts: { bass: bassKind, chords: chordKind, melody: withMelody, chordBars, hats: hatsKind },
    durationSec: bars * barSec,
  };
}

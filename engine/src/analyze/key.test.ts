import { describe, expect, it } from 'vitest';
import { KEYS } from '../types.ts';
import type { ChordMoveTables } from './chord-moves.ts';
import {
  camelotCode,
  chromaPeaks,
  DEFAULT_CHROMA,
  estimateKey,
  KEY_ALTERNATIVE_MIN_SHARE,
  KEY_PROFILES,
  keyAlternatives,
  keyFromChroma,
  keyShares,
  noteActivations,
  TONIC_NAMES,
  trackChroma,
} from './key.ts';
import { chordProgression } from './test-support/signals.ts';

const RATE = 11_025;

describe('key of synthetic chord progressions', () => {
  for (const [tonic, mode] of [
    [0, 'major'],
    [9, 'minor'],
    [6, 'major'],
    [3, 'minor'],
    [7, 'major'],
    [4, 'minor'],
    [10, 'major'],
    [1, 'minor'],
  ] as const) {
    it(`${TONIC_NAMES[tonic]} ${mode}`, () => {
      const k = estimateKey(chordProgression(tonic, mode, RATE), RATE);
      expect(`${k.tonic} ${k.mode}`).toBe(`${TONIC_NAMES[tonic]} ${mode}`);
      expect(k.confidence).toBeGreaterThan(0.2);
    });
  }

  it('estimates a +30 cent tuning offset and still finds the key', () => {
    const k = estimateKey(chordProgression(2, 'major', RATE, { detuneCents: 30 }), RATE);
    expect(Math.abs(k.tuningCents - 30)).toBeLessThan(5);
    expect(`${k.tonic} ${k.mode}`).toBe('D major');
  });

  it('a −45 cent offset (almost a semitone flat) is not read a semitone off', () => {
    const k = estimateKey(chordProgression(5, 'minor', RATE, { detuneCents: -45 }), RATE);
    expect(`${k.tonic} ${k.mode}`).toBe('F minor');
  });
});

describe('chord moves on the beat grid (chord-moves.ts) as key evidence', () => {
  /** A beat every half second over `sec` seconds. */
  const beatsOver = (sec: number) => Array.from({ length: Math.floor(sec / 0.5) }, (_, i) => i * 0.5);
  const tables = (major: number, minor: number): ChordMoveTables => ({
    major: new Float64Array(576).fill(major),
    minor: new Float64Array(576).fill(minor),
  });

  it('tables that favour no key leave every score as the notes and the edges give it', () => {
    const signal = chordProgression(2, 'major', RATE);
    const plain = estimateKey(signal, RATE);
    const flat = estimateKey(signal, RATE, { beatsSec: beatsOver(12), chordMoves: tables(-3, -3) });
    expect([...flat.scores]).toEqual([...plain.scores]);
    expect(flat.confidence).toBe(plain.confidence);
  });

  it('the moves weigh against the notes: tables that know only minor keys turn a major reading minor', () => {
    const signal = chordProgression(0, 'major', RATE);
    expect(estimateKey(signal, RATE).mode).toBe('major');
    const k = estimateKey(signal, RATE, { beatsSec: beatsOver(12), chordMoves: tables(-5, 0) });
    expect(k.mode).toBe('minor');
    // without beats the tables are not read
    expect(estimateKey(signal, RATE, { chordMoves: tables(-5, 0) }).mode).toBe('major');
  });

  for (const [tonic, mode] of [
    [0, 'major'],
    [9, 'minor'],
    [6, 'major'],
    [3, 'minor'],
  ] as const)
    it(`with the learned tables, ${TONIC_NAMES[tonic]} ${mode}'s I–IV–V–I still reads its key`, () => {
      const k = estimateKey(chordProgression(tonic, mode, RATE), RATE, { beatsSec: beatsOver(12) });
      expect(`${k.tonic} ${k.mode}`).toBe(`${TONIC_NAMES[tonic]} ${mode}`);
    });
});

describe('key alternatives', () => {
  it('shares sum to 1, follow the scores, and sharpen as the temperature falls', () => {
    const scores = Array.from({ length: 24 }, (_, i) => 0.9 - 0.02 * i);
    for (const t of [0.01, 0.03, 0.1]) {
      const shares = keyShares(scores, t);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let i = 1; i < 24; i++) expect(shares[i]!).toBeLessThan(shares[i - 1]!);
    }
    expect(keyShares(scores, 0.01)[0]!).toBeGreaterThan(keyShares(scores, 0.1)[0]!);
    // Equal scores: equal shares, whatever the temperature.
    for (const s of keyShares(new Array(24).fill(0.5), 0.03)) expect(s).toBeCloseTo(1 / 24, 12);
  });

  it('offers the runner-up keys above the floor, at most two, never the reading itself', () => {
    const scores = new Array(24).fill(0);
    scores[18] = 0.8; // A minor (9 * 2)
    scores[0] = 0.77; // C major: its relative, almost as good
    scores[10] = 0.74; // F major
    scores[14] = 0.73; // G major: fourth in line, never offered
    const alts = keyAlternatives(scores, 0.03);
    expect(alts.map((a) => `${a.tonic} ${a.mode}`)).toEqual(['C major', 'F major']);
    expect(alts[0]!.weight).toBeGreaterThan(alts[1]!.weight);
    // A clear reading offers nothing.
    const clear = new Array(24).fill(0);
    clear[18] = 0.8;
    clear[0] = 0.6;
    expect(keyAlternatives(clear, 0.03)).toEqual([]);
    expect(keyShares(clear, 0.03)[0]!).toBeLessThan(KEY_ALTERNATIVE_MIN_SHARE);
  });

  it('an Aeolian chroma with little tonic evidence offers its relative major: the same seven notes', () => {
    // A B C D E F G, the A-minor triad a little louder.
    const chroma = new Float64Array(12);
    for (const [pc, w] of [
      [9, 1.3],
      [11, 1],
      [0, 1.2],
      [2, 1],
      [4, 1.2],
      [5, 1],
      [7, 1],
    ] as const)
      chroma[pc] = w;
    const k = keyFromChroma(chroma, KEY_PROFILES.learned);
    expect(`${k.tonic} ${k.mode}`).toBe('A minor');
    expect(keyAlternatives(k.scores).map((a) => `${a.tonic} ${a.mode}`)).toEqual(['C major']);
    // The tonic stressed as a melody would: no alternative.
    chroma[9] = 3;
    chroma[4] = 2;
    expect(keyAlternatives(keyFromChroma(chroma, KEY_PROFILES.learned).scores)).toEqual([]);
  });
});

describe("the edges' bonus and its gate", () => {
  // C major's notes, its triad louder; the edges' bass all on F (a clip opening on its IV chord).
  const chroma = new Float64Array(12);
  for (const [pc, w] of [
    [0, 2],
    [2, 1],
    [4, 1.6],
    [5, 1],
    [7, 1.8],
    [9, 1],
    [11, 0.8],
  ] as const)
    chroma[pc] = w;
  const edgeOnF = new Float64Array(12);
  edgeOnF[5] = 1;
  const read = (gate?: number) => {
    const k = keyFromChroma(chroma, KEY_PROFILES.learned, 0, edgeOnF, 1, gate);
    return `${k.tonic} ${k.mode}`;
  };

  it('ungated, a strong enough edge evidence carries a key the notes hold less well (F major)', () => {
    expect(`${keyFromChroma(chroma, KEY_PROFILES.learned).tonic}`).toBe('C');
    expect(read()).toBe('F major');
  });

  it('gated, only the keys near the best profile correlation take it: C major stays', () => {
    const scores = keyFromChroma(chroma, KEY_PROFILES.learned).scores;
    const gap = scores[0]! - scores[5 * 2]!; // C major over F major, profile only
    expect(gap).toBeGreaterThan(0.05);
    expect(read(gap / 2)).toBe('C major');
    expect(read(gap * 1.01)).toBe('F major');
  });
});

describe('Camelot codes', () => {
  it('match the wheel', () => {
    expect(camelotCode('C', 'major')).toBe('8B');
    expect(camelotCode('A', 'minor')).toBe('8A');
    expect(camelotCode('F#', 'minor')).toBe('11A');
    expect(camelotCode('G', 'major')).toBe('9B');
    expect(camelotCode('B', 'major')).toBe('1B');
    expect(camelotCode('G#', 'minor')).toBe('1A');
    expect(camelotCode('E', 'major')).toBe('12B');
  });

  it('are a bijection over the 24 keys of types.ts', () => {
    const codes = new Set(KEYS.map((k) => camelotCode(k.split(' ')[0] as never, k.split(' ')[1] as never)));
    expect(codes.size).toBe(24);
  });
});

describe('chroma options (peak floor, semitone window, frame normalisation)', () => {
  const sine = (hz: number, sec: number, amp = 0.5) =>
    Float32Array.from(
      { length: Math.round(sec * RATE) },
      (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / RATE),
    );

  it("finds a 41.2 Hz bass note (E1) only when peaks are taken from below the analyser's 60 Hz", () => {
    const signal = sine(41.2, 2);
    const near = (peaks: { frequencyHz: number }[][]) =>
      peaks.flat().filter((p) => Math.abs(p.frequencyHz - 41.2) < 1.5).length;
    expect(near(chromaPeaks(signal, RATE))).toBe(0);
    expect(near(chromaPeaks(signal, RATE, 3500, 25))).toBeGreaterThan(0);
  });

  it('lets a peak 0.42 semitone off the grid vote only within a window wider than the default ±0.35', () => {
    const hz = 440 * 2 ** (0.42 / 12); // A4 + 0.42 semitone
    const peaks = [[{ frequencyHz: hz, magnitude: 1 }]];
    expect(trackChroma(peaks, 0).every((v) => v === 0)).toBe(true);
    const wide = trackChroma(peaks, 0, { ...DEFAULT_CHROMA, window: 0.5 });
    // the cosine taper: cos(π/2 · 0.42/0.5) ≈ 0.25 of a vote, for A
    expect(wide[9]).toBeCloseTo(Math.cos((Math.PI / 2) * (0.42 / 0.5)), 6);
    expect(wide.reduce((a, b) => a + b, 0)).toBeCloseTo(wide[9]!, 12);
  });

  it("'suppress' leaves a note's 3rd harmonic (its fifth) the vote `harmonicVote` says, and a lone note all of it", () => {
    const c3 = 440 * 2 ** (-21 / 12); // C3, 130.8 Hz
    const note = [
      { frequencyHz: c3, magnitude: 1 },
      { frequencyHz: 3 * c3, magnitude: 0.36 }, // G4, the 3rd harmonic (√0.36 = 0.6 of a vote)
    ];
    for (const vote of [0.25, 0.5]) {
      const chroma = trackChroma([note], 0, { ...DEFAULT_CHROMA, harmonics: 'suppress', harmonicVote: vote });
      expect(chroma[0]).toBeCloseTo(1, 6);
      // 3 × 130.81 Hz is 1.96 cents above G4: the taper still gives it cos(π/2 · 0.0196/0.5) of its vote
      expect(chroma[7]).toBeCloseTo(0.6 * vote * Math.cos((Math.PI / 2) * (0.0196 / 0.5)), 3);
    }
    // the same G4 without its C3 is a note, not a harmonic: its whole vote
    const lone = trackChroma([[note[1]!]], 0, {
      ...DEFAULT_CHROMA,
      harmonics: 'suppress',
      harmonicVote: 0.5,
    });
    expect(lone[7]).toBeCloseTo(0.6 * Math.cos((Math.PI / 2) * (0.0196 / 0.5)), 3);
  });

  it("'max' weighs a quiet frame as much as a loud one: each frame's largest pitch class counts 1", () => {
    const loud = [{ frequencyHz: 440 * 2 ** (-9 / 12), magnitude: 100 }]; // C4
    const quiet = [{ frequencyHz: 440 * 2 ** (-2 / 12), magnitude: 1 }]; // G4
    const max = trackChroma([loud, quiet], 0, { ...DEFAULT_CHROMA, frameNorm: 'max' });
    expect(max[0]).toBeCloseTo(1, 12);
    expect(max[7]).toBeCloseTo(1, 12);
    const none = trackChroma([loud, quiet], 0);
    expect(none[0]! / none[7]!).toBeCloseTo(10, 6); // √100 against √1
  });
});

describe("note activations ('nnls' chroma)", () => {
  /** Semitone bins of notes with partials 1–8 at amplitude `decay`^(h−1) (an instrument's spectrum). */
  const spectrum = (notes: number[], decay: number) => {
    const bins = new Float64Array(128);
    for (const n of notes)
      for (let h = 1; h <= 8; h++) {
        const bin = n + Math.round(12 * Math.log2(h));
        if (bin < 128) bins[bin] = bins[bin]! + decay ** (h - 1);
      }
    return bins;
  };
  const pitchClassShare = (a: Float64Array) => {
    const pcs = new Float64Array(12);
    a.forEach((v, n) => {
      pcs[n % 12] = pcs[n % 12]! + v;
    });
    const sum = pcs.reduce((x, y) => x + y, 0);
    return pcs.map((v) => v / sum);
  };

  it("gives a note's upper partials back to it: its fifth and third lose their votes", () => {
    for (const decay of [0.4, 0.6, 0.8]) {
      const bins = spectrum([48], decay); // C3 with 8 partials
      const raw = pitchClassShare(bins);
      const notes = pitchClassShare(noteActivations(bins));
      // Counted as notes, the 3rd and 6th partials vote for G and the 5th for E.
      expect(raw[7]! + raw[4]!).toBeGreaterThan(0.1);
      expect(notes[0]).toBeGreaterThan(raw[0]!);
      expect(notes[7]! + notes[4]!).toBeLessThan(0.75 * (raw[7]! + raw[4]!));
    }
    // At the templates' own decay the note is all there is.
    expect(pitchClassShare(noteActivations(spectrum([48], 0.6)))[0]).toBeGreaterThan(0.95);
  });

  it('keeps the notes of a chord that are played (a C major triad: C, E and G; nothing else)', () => {
    const notes = pitchClassShare(noteActivations(spectrum([48, 52, 55], 0.6)));
    for (const pc of [0, 4, 7]) expect(notes[pc]).toBeGreaterThan(0.15);
    for (let pc = 0; pc < 12; pc++) if (![0, 4, 7].includes(pc)) expect(notes[pc]).toBeLessThan(0.05);
  });

  it('is empty for an empty frame', () => {
    expect(noteActivations(new Float64Array(128)).every((v) => v === 0)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  beatChords,
  bestTriad,
  chordDegree,
  chordMoveScores,
  learnChordMoveTables,
  TRIADS,
} from './chord-moves.ts';
import { CHORD_MOVE_TABLES } from './chord-moves-table.ts';

/** A chroma vector holding the given pitch classes, each with weight 1 (others `floor`). */
const chroma = (pcs: number[], floor = 0) => {
  const v = new Float64Array(12).fill(floor);
  for (const pc of pcs) v[pc] = 1;
  return v;
};
const C = 0;
const F = 5 * 2;
const G = 7 * 2;
const Am = 9 * 2 + 1;
const Dm = 2 * 2 + 1;

describe('triad labels', () => {
  it('24 unit-length templates of three notes: major 0-4-7, minor 0-3-7 above the root', () => {
    TRIADS.forEach((t, k) => {
      expect(t.reduce((a, x) => a + x * x, 0)).toBeCloseTo(1, 12);
      const notes = [...t.keys()].filter((i) => t[i]! > 0);
      const root = k >> 1;
      const shape = k & 1 ? [0, 3, 7] : [0, 4, 7];
      expect(notes).toEqual(shape.map((n) => (root + n) % 12).sort((a, b) => a - b));
    });
  });

  it('reads a triad, its inversion and its seventh chord by their notes', () => {
    expect(bestTriad(chroma([0, 4, 7]))).toBe(C);
    expect(bestTriad(chroma([9, 0, 4]))).toBe(Am);
    expect(bestTriad(chroma([7, 11, 2, 5]))).toBe(G); // G7 reads as G
    expect(bestTriad(chroma([2, 5, 9], 0.1))).toBe(Dm); // over a noise floor
  });

  it('ties go to the first template (C major for silence-like flat chroma)', () => {
    expect(bestTriad(chroma([], 1))).toBe(0);
  });
});

describe('beat chords', () => {
  const cMaj = chroma([0, 4, 7]);
  const gMaj = chroma([7, 11, 2]);
  const silent = new Float64Array(12);

  it('sums the frames from each beat to the next and labels the sum; the last beat has no span', () => {
    const frames = [cMaj, cMaj, gMaj, gMaj, cMaj];
    expect(beatChords(frames, [0, 2, 4])).toEqual([C, G]);
  });

  it('a beat sharing its frame with the next still reads that frame; silent beats are left out', () => {
    const frames = [cMaj, silent, gMaj];
    expect(beatChords(frames, [0, 0, 1, 2, 3])).toEqual([C, C, G]);
  });

  it('a span straddling two chords reads the stronger', () => {
    const loud = chroma([7, 11, 2]).map((x) => x * 3);
    expect(beatChords([cMaj, loud], [0, 2])).toEqual([G]);
  });
});

describe('chord moves as key evidence', () => {
  it('reads a chord as a degree and quality of the tonic', () => {
    expect(chordDegree(G, 0)).toBe(14); // V in C
    expect(chordDegree(Am, 0)).toBe(19); // vi in C
    expect(chordDegree(Am, 9)).toBe(1); // i in A
    expect(chordDegree(C, 9)).toBe(6); // III in A
    expect(chordDegree(C, 7)).toBe(10); // IV in G
  });

  it('learns counts + 0.5 per cell, each row a distribution, rotated to the labelled tonic', () => {
    // I–V–I in D major and in F major: the same two moves as degrees
    const t = learnChordMoveTables([
      { chords: [2 * 2, 9 * 2, 2 * 2], tonicPc: 2, mode: 'major' },
      { chords: [F, 0 * 2, F], tonicPc: 5, mode: 'major' },
    ]);
    const rowTotal = 0.5 * 24 + 2;
    expect(t.major[0 * 24 + 14]).toBeCloseTo(Math.log(2.5 / rowTotal), 12);
    expect(t.major[14 * 24 + 0]).toBeCloseTo(Math.log(2.5 / rowTotal), 12);
    expect(t.major[0 * 24 + 0]).toBeCloseTo(Math.log(0.5 / rowTotal), 12);
    expect(t.major[5 * 24 + 3]).toBeCloseTo(Math.log(1 / 24), 12); // an unseen row is uniform
    for (const m of [t.major, t.minor])
      for (let a = 0; a < 24; a++) {
        let p = 0;
        for (let b = 0; b < 24; b++) p += Math.exp(m[a * 24 + b]!);
        expect(p).toBeCloseTo(1, 12);
      }
  });

  it('scores the key whose moves the tables know best at 0 and the others below', () => {
    const t = learnChordMoveTables(
      Array.from({ length: 12 }, (_, tonic) => ({
        chords: [0, 10, 14, 0].map((d) => ((((d >> 1) + tonic) % 12) << 1) | (d & 1)),
        tonicPc: tonic,
        mode: 'major' as const,
      })),
    );
    // I–IV–V–I in E♭ major
    const s = chordMoveScores([3 * 2, 8 * 2, 10 * 2, 3 * 2, 8 * 2], t);
    expect(s[3 * 2]).toBe(0);
    for (let k = 0; k < 24; k++) if (k !== 6) expect(s[k]!).toBeLessThan(0);
    expect(chordMoveScores([C], t).every((x) => x === 0)).toBe(true);
    expect(chordMoveScores([], t).every((x) => x === 0)).toBe(true);
  });

  it("the learned tables are distributions that hold music's habits: chords are held, V goes home", () => {
    const { major, minor } = CHORD_MOVE_TABLES;
    expect(major.length).toBe(576);
    expect(minor.length).toBe(576);
    for (const m of [major, minor])
      for (let a = 0; a < 24; a++) {
        let p = 0;
        for (let b = 0; b < 24; b++) p += Math.exp(m[a * 24 + b]!);
        expect(p).toBeCloseTo(1, 2); // four decimals of each log
      }
    // the tonic chord is most often followed by itself
    for (const [m, tonic] of [
      [major, 0],
      [minor, 1],
    ] as const) {
      const row = m.subarray(tonic * 24, tonic * 24 + 24);
      expect(row.indexOf(Math.max(...row))).toBe(tonic);
    }
    // from V (major) the major key goes to I far more than to ♭II or to ♯IV
    expect(major[14 * 24 + 0]!).toBeGreaterThan(major[14 * 24 + 2]! + 1);
    expect(major[14 * 24 + 0]!).toBeGreaterThan(major[14 * 24 + 12]! + 1);
    // and in the minor key, V goes to i more than to ♭II
    expect(minor[14 * 24 + 1]!).toBeGreaterThan(minor[14 * 24 + 2]! + 1);
  });
});

// The order of the chords on the beat grid as key evidence (twenty-second and twenty-third sessions;
// `npm run fit:key -- --beatstore --jam --ma --chord-moves`). +10.8 MIREX points of 584 on the six
// fitted composers (nested leave one composer out), +0.8 of 80 on the rehearsal room's tuning half: its
// rule (bench/fit-key.ts) asked +1.5 there, so analyzeAudio does not use it; estimateKey's `beatsSec`
// option does.
//
// Each beat of the analyser's own tempo reading is labelled with its best major or minor triad, and a
// key is scored by how likely that chord sequence is when read as degrees of the key's tonic: the mean
// over the beats of log P(chord | the chord a beat before), from one 24 × 24 table per mode learned on
// the fitted composers' tuning halves (chord-moves-table.ts). Why it helps where the pitch profile and
// the edges' bass do not: an Aeolian loop and its relative major hold the same notes, but not the same
// moves (V → I and ♭VII → i end on different chords), and the tonic chord is held longest (a repeated
// chord is a move too). The bass's order alone (the eighteenth session's --bigram) read no chord
// quality and no metre; this reads both.

/** Weight of the chord-move evidence against the profile correlation (fixed by the rule in bench/fit-key.ts). */
export const CHORD_MOVE_WEIGHT = 0.3;

/** Log-probability tables, index from * 24 + to, chords as degree * 2 + (minor ? 1 : 0). */
export interface ChordMoveTables {
  major: Float64Array;
  minor: Float64Array;
}

/** Unit-length binary major and minor triads, index root * 2 + (minor ? 1 : 0). */
export const TRIADS: readonly Float64Array[] = Array.from({ length: 24 }, (_, k) => {
  const v = new Float64Array(12);
  const root = k >> 1;
  for (const n of k & 1 ? [0, 3, 7] : [0, 4, 7]) v[(root + n) % 12] = 1 / Math.sqrt(3);
  return v;
});

/** The triad (root * 2 + minor) with the largest dot product with a chroma vector; the first on a tie. */
export function bestTriad(chroma: ArrayLike<number>): number {
  let best = 0;
  let bestDot = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < 24; k++) {
    const t = TRIADS[k]!;
    let dot = 0;
    for (let i = 0; i < 12; i++) dot += t[i]! * chroma[i]!;
    if (dot > bestDot) {
      bestDot = dot;
      best = k;
    }
  }
  return best;
}

/**
 * The chord of every beat: the frame chromas from a beat's frame up to the next beat's (at least its
 * own frame) summed and labelled with bestTriad. The last beat (no next one) and beats without sound
 * are left out. `beatFrames` are indices into `frames`, ascending.
 */
export function beatChords(frames: readonly ArrayLike<number>[], beatFrames: readonly number[]): number[] {
  const chords: number[] = [];
  const v = new Float64Array(12);
  for (let b = 0; b + 1 < beatFrames.length; b++) {
    v.fill(0);
    const from = beatFrames[b]!;
    const to = Math.max(from + 1, beatFrames[b + 1]!);
    for (let f = from; f < to && f < frames.length; f++)
      for (let q = 0; q < 12; q++) v[q] = v[q]! + frames[f]![q]!;
    if (v.every((x) => x === 0)) continue;
    chords.push(bestTriad(v));
  }
  return chords;
}

/** A chord (root * 2 + minor) as a degree and quality of `tonicPc` (index degree * 2 + minor). */
export const chordDegree = (chord: number, tonicPc: number) =>
  (((((chord >> 1) - tonicPc) % 12) + 12) % 12) * 2 + (chord & 1);

/**
 * Tables learned from labelled chord sequences: each move counted as degrees of the item's labelled
 * tonic in its mode's table, every cell starting at 0.5, each row normalised and logged.
 */
export function learnChordMoveTables(
  items: readonly { chords: readonly number[]; tonicPc: number; mode: 'major' | 'minor' }[],
): ChordMoveTables {
  const t: ChordMoveTables = {
    major: new Float64Array(576).fill(0.5),
    minor: new Float64Array(576).fill(0.5),
  };
  for (const it of items) {
    const m = t[it.mode];
    for (let i = 1; i < it.chords.length; i++) {
      const cell = chordDegree(it.chords[i - 1]!, it.tonicPc) * 24 + chordDegree(it.chords[i]!, it.tonicPc);
      m[cell] = m[cell]! + 1;
    }
  }
  for (const m of [t.major, t.minor])
    for (let a = 0; a < 24; a++) {
      let row = 0;
      for (let b = 0; b < 24; b++) row += m[a * 24 + b]!;
      for (let b = 0; b < 24; b++) m[a * 24 + b] = Math.log(m[a * 24 + b]! / row);
    }
  return t;
}

/**
 * Each key's chord-move evidence (index tonicPc * 2 + minor): the mean over the sequence's moves of
 * log P(to | from) in the key's mode table, minus the best key's mean (so the best key scores 0 and the
 * others below it). All zeros for fewer than two chords.
 */
export function chordMoveScores(chords: readonly number[], tables: ChordMoveTables): Float64Array {
  const mean = new Float64Array(24);
  if (chords.length < 2) return mean;
  for (let k = 0; k < 24; k++) {
    const m = k & 1 ? tables.minor : tables.major;
    let sum = 0;
    for (let i = 1; i < chords.length; i++)
      sum += m[chordDegree(chords[i - 1]!, k >> 1) * 24 + chordDegree(chords[i]!, k >> 1)]!;
    mean[k] = sum / (chords.length - 1);
  }
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < 24; k++) top = Math.max(top, mean[k]!);
  for (let k = 0; k < 24; k++) mean[k] = mean[k]! - top;
  return mean;
}

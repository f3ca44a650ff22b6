// The order of a track's bass notes, as key evidence: fit-key's --bigram and --bigram-held candidates
// (eighteenth session; neither kept, so the analyser does not read it). Tests and bench only.
import { frameBassNote, type SpectralPeak } from '../key.ts';

/**
 * The track's bass moves: every frame's bass note (frameBassNote) in order, frames without one and
 * repeats of the note before dropped, so consecutive entries always differ. The order is what the
 * pitch-class counts lack: an Aeolian loop and its relative major sound the same bass notes, but
 * ♭VII → i and V → i land on the minor tonic. With `minFrames` > 1 only notes held that many
 * consecutive frames count (a chord's root, not a passing note or a frame's flicker to the fifth).
 */
export function bassNoteSequence(
  framesPeaks: readonly SpectralPeak[][],
  tuningCents: number,
  minFrames = 1,
): number[] {
  const moves: number[] = [];
  let run = -1;
  let runLength = 0;
  const close = () => {
    if (run >= 0 && runLength >= minFrames && run !== moves[moves.length - 1]) moves.push(run);
  };
  for (const peaks of framesPeaks) {
    const pc = frameBassNote(peaks, tuningCents)?.pc ?? -1;
    if (pc === run) runLength++;
    else {
      close();
      run = pc;
      runLength = 1;
    }
  }
  close();
  return moves;
}

/**
 * log P(to | from) of bass moves between degrees of a tonic (index from * 12 + to) from counts of
 * moves (same index): each cell's count + 1 over its row's total + 11 (the diagonal is not a move:
 * left at 0 and never read).
 */
export function bassMoveLogTable(counts: ArrayLike<number>): Float64Array {
  const table = new Float64Array(144);
  for (let a = 0; a < 12; a++) {
    let row = 0;
    for (let b = 0; b < 12; b++) if (b !== a) row += counts[a * 12 + b]!;
    for (let b = 0; b < 12; b++)
      if (b !== a) table[a * 12 + b] = Math.log((counts[a * 12 + b]! + 1) / (row + 11));
  }
  return table;
}

/** The table index (from * 12 + to) of the move from pitch class `from` to `to`, as degrees of `tonicPc`. */
export function bassMoveIndex(from: number, to: number, tonicPc: number): number {
  return ((from - tonicPc + 12) % 12) * 12 + ((to - tonicPc + 12) % 12);
}

/** Mean log P(move) of a bass-note sequence (bassNoteSequence) read in the key of `tonicPc`; 0 without moves. */
export function bassMoveScore(moves: readonly number[], table: ArrayLike<number>, tonicPc: number): number {
  if (moves.length < 2) return 0;
  let sum = 0;
  for (let i = 1; i < moves.length; i++) sum += table[bassMoveIndex(moves[i - 1]!, moves[i]!, tonicPc)]!;
  return sum / (moves.length - 1);
}

// Small helpers the composers (atlas.ts, liveset.ts, gamesound.ts, concert.ts, library.ts; karaoke.ts and
// midiarchive.ts for the beat only) compose with: a seeded shuffle, drum and rhythm patterns written as
// strings, a pitch class placed in a register and a key's scale, item ids, the compound metres' dotted-quarter
// beat. Kept free of vitest (unlike composer-checks.ts), as the benches import the composers.
// Tests and benches only.

/** The id of the item at index n starts `<prefix>-NNN` (composer-checks.ts re-exports it for the tests' id patterns). */
export const indexId = (prefix: string, n: number) => `${prefix}-${String(n).padStart(3, '0')}`;

/** Whether a metre is compound (6/8, 12/8): its labelled beat is the dotted quarter, 1.5 quarter notes. */
export const compound = (metre: string) => metre === '6/8' || metre === '12/8';

/** An item's quarter notes per minute: its labelled beats per minute, × 1.5 in 6/8 and 12/8 (compound). */
export const labelledQpm = (item: { bpm: number; metre: string }) =>
  item.bpm * (compound(item.metre) ? 1.5 : 1);

/** A seeded Fisher–Yates shuffle of a copy. */
export function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A pattern string without spaces, repeated to `len` steps. */
export function pat(s: string, len: number): string {
  const t = s.replace(/\s+/g, '');
  if (len % t.length !== 0) throw new Error(`pattern '${s}' does not divide a bar of ${len} steps`);
  return t.repeat(len / t.length);
}

/** Onsets of a rhythm string: step, length in steps (held through '-') and the character. */
export function onsets(s: string, onChars: RegExp): { step: number; len: number; ch: string }[] {
  const out: { step: number; len: number; ch: string }[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!onChars.test(s[i]!)) continue;
    let j = i + 1;
    while (j < s.length && s[j] === '-') j++;
    out.push({ step: i, len: j - i, ch: s[i]! });
  }
  return out;
}

/** The pitch of relative pitch class `rel` nearest `centre`. */
export function near(tonicPc: number, rel: number, centre: number): number {
  const pc = (tonicPc + rel) % 12;
  let p = centre - ((((centre - pc) % 12) + 12) % 12);
  if (centre - p > 6) p += 12;
  return p;
}

/**
 * A key's scale as semitones above the tonic: major (with the mixolydian ♭7 when `mixolydian`), or a
 * minor of its colour — harmonic (the raised 7th), dorian (the major 6th), natural otherwise.
 */
export function keyScale(mode: 'major' | 'minor', minorKind: string | null, mixolydian = false): number[] {
  if (mode === 'major') return mixolydian ? [0, 2, 4, 5, 7, 9, 10] : [0, 2, 4, 5, 7, 9, 11];
  if (minorKind === 'harmonic') return [0, 2, 3, 5, 7, 8, 11];
  if (minorKind === 'dorian') return [0, 2, 3, 5, 7, 9, 10];
  return [0, 2, 3, 5, 7, 8, 10];
}

/**
 * A deck per key that deals its values in seeded cycles, passing over `avoid` (it stays for a later
 * deal); when `avoid` is the last card of a cycle, the next cycle is shuffled in under it.
 */
export function decks<T>(values: readonly T[], rnd: () => number): (key: string, avoid?: T) => T {
  const open = new Map<string, T[]>();
  return (key, avoid) => {
    let deck = open.get(key) ?? [];
    if (deck.length === 0 || (deck.length === 1 && deck[0] === avoid)) {
      deck = [...shuffled(values, rnd), ...deck];
      open.set(key, deck);
    }
    let at = deck.length - 1;
    while (at > 0 && deck[at] === avoid) at--;
    return deck.splice(at, 1)[0]!;
  };
}

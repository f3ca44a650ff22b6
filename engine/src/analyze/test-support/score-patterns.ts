// Small helpers the world-music atlas and the live sets (atlas.ts, liveset.ts) both compose with: a
// seeded shuffle, drum and rhythm patterns written as strings, and a pitch class placed in a register.
// Tests and benches only.

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

// Lyrics → stanzas → lines → syllables, and which stanza is the chorus.

export interface LyricLine {
  syllables: string[];
  /** The line's place among the typed lines (0 = first): which are "the last" when not all fit. */
  at: number;
}
export interface LyricSheet {
  verses: LyricLine[][]; // stanzas sung in verses, in order
  chorus: LyricLine[]; // stanza sung in every chorus
}

const VOWELS = /[aeiouyäöüéèáíóú]/i;

/** Splits one word into syllables with the usual V-CV / VC-CV rule; good enough for timing. */
export function syllabifyWord(word: string): string[] {
  const w = word;
  const groups: { start: number; end: number }[] = [];
  let i = 0;
  while (i < w.length) {
    if (VOWELS.test(w[i]!)) {
      const start = i;
      while (i < w.length && VOWELS.test(w[i]!)) i++;
      groups.push({ start, end: i });
    } else i++;
  }
  // A final silent "e" ("make", "time") is not a syllable of its own.
  const lastGroup = groups[groups.length - 1];
  if (groups.length > 1 && lastGroup && /e$/i.test(w) && lastGroup.start === w.length - 1 && !/le$/i.test(w))
    groups.pop();
  if (groups.length <= 1) return [w];
  const cuts: number[] = [];
  for (let g = 0; g < groups.length - 1; g++) {
    const consonants = groups[g + 1]!.start - groups[g]!.end;
    cuts.push(groups[g]!.end + (consonants >= 2 ? Math.floor(consonants / 2) : 0));
  }
  const out: string[] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(w.slice(from, c));
    from = c;
  }
  out.push(w.slice(from));
  return out.filter((s) => s.length > 0);
}

export function syllabifyLine(line: string): string[] {
  const words = line
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .split(/[\s-]+/)
    .filter((x) => x.length > 0);
  return words.flatMap((word) => syllabifyWord(word));
}

export function parseLyrics(lyrics: string): LyricSheet | undefined {
  const stanzas: { label: string; lines: LyricLine[] }[] = [];
  let current: { label: string; lines: LyricLine[] } | undefined;
  let at = 0;
  for (const raw of lyrics.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]*)\]$/.exec(line) ?? /^(verse|chorus|hook|refrain|bridge)\s*\d*:?$/i.exec(line);
    if (header) {
      current = { label: header[1]!.toLowerCase(), lines: [] };
      stanzas.push(current);
      continue;
    }
    if (line.length === 0) {
      current = undefined;
      continue;
    }
    const syllables = syllabifyLine(line);
    if (syllables.length === 0) continue;
    if (!current) {
      current = { label: '', lines: [] };
      stanzas.push(current);
    }
    current.lines.push({ syllables, at: at++ });
  }
  const nonEmpty = stanzas.filter((s) => s.lines.length > 0);
  if (nonEmpty.length === 0) return undefined;
  const key = (s: { lines: LyricLine[] }): string => s.lines.map((l) => l.syllables.join('')).join('|');
  let chorus = nonEmpty.find((s) => /chorus|hook|refrain/.test(s.label));
  chorus ??= nonEmpty.find((s, i) => nonEmpty.some((t, j) => j !== i && key(t) === key(s)));
  chorus ??= nonEmpty.length >= 2 ? nonEmpty[1] : nonEmpty[0];
  const verses = nonEmpty.filter((s) => key(s) !== key(chorus!)).map((s) => s.lines);
  return { verses: verses.length > 0 ? verses : [chorus!.lines], chorus: chorus!.lines };
}

// Fits the lines the user typed into the song's form, so that every one is sung, in order.
//
// A sung section gives each line two bars (the tune's natural phrase: a line and a breath, the
// stanza repeated when it has fewer lines than the section has pairs of bars). When a section's
// stanza has more lines than that, its lines take one bar each; when it has more lines than bars,
// the section grows, by bars taken from elsewhere in the same duration (the song never gets
// longer). Only when the whole song has fewer bars than lines, at one a bar, are lines left out:
// the last ones, never one in the middle, and the plan says how many (`unsungLines`).
import type { FormSection } from './form.ts';
import type { LyricLine, LyricSheet } from './lyrics.ts';

export interface PlacedLine {
  line: LyricLine;
  section: FormSection;
  /** The line's place in its section (0-based), repeats included. */
  index: number;
  startBar: number;
  /** 2: the usual two-bar phrase; 1: a dense section, one line a bar. */
  bars: 1 | 2;
}

export interface LyricLayout {
  /** The form with the sung sections lengthened where they needed it (same total bars). */
  sections: FormSection[];
  lines: PlacedLine[];
  /** Bars that carry vocals (the lead instrument rests there). */
  vocalBars: Set<number>;
  /** Lines of the sheet that no section sings: the last ones, when the song is too short for all. */
  unsungLines: number;
}

interface Slot {
  section: FormSection;
  bars: number;
  /** The lines this section sings, each once (its stanza; extra stanzas for an added verse). */
  lines: LyricLine[];
  /** Sings only lines an earlier section sang (a chorus after the first): may give its bars away whole. */
  repeat: boolean;
}

const sung = (s: Slot): boolean => s.section.name === 'verse' || s.section.name === 'chorus';

export function fitLyrics(form: readonly FormSection[], sheet: LyricSheet): LyricLayout {
  const slots: Slot[] = form.map((section) => ({ section, bars: section.bars, lines: [], repeat: false }));
  // Verses take the stanzas in order (again from the first when there are more verses than
  // stanzas); every chorus sings the chorus stanza.
  let verse = 0;
  const seen = new Set<LyricLine>();
  for (const s of slots) {
    if (s.section.name === 'verse') s.lines = sheet.verses[verse++ % sheet.verses.length]!;
    else if (s.section.name === 'chorus') s.lines = sheet.chorus;
    else continue;
    s.repeat = s.lines.every((line) => seen.has(line));
    for (const line of s.lines) seen.add(line);
  }
  // Stanzas left over (more verses typed than the form has) make one more verse, placed by where
  // they were typed: after the first singing of the last earlier line (else before the first sung
  // section), so the song sings the lines in the order they were written. Not after a repeated
  // chorus: verse 1, chorus, verse 2, chorus again, and the song still peaks on a chorus. It takes
  // its bars below.
  const extra = sheet.verses
    .slice(verse)
    .flat()
    .filter((line) => !seen.has(line));
  if (extra.length > 0) {
    const first = extra[0]!.at;
    let after = slots.reduce(
      (at, s, i) => (sung(s) && !s.repeat && s.lines.some((l) => l.at < first) ? i : at),
      -1,
    );
    if (after < 0) after = slots.findIndex(sung) - 1;
    const section: FormSection = { name: 'verse', startBar: 0, bars: 0, energy: 0.65 };
    slots.splice(after + 1, 0, { section, bars: 0, lines: extra, repeat: false });
  }

  const deficit = (): number =>
    slots.reduce((n, s) => n + (sung(s) ? Math.max(0, s.lines.length - s.bars) : 0), 0);
  // Moves up to `most` bars from `donor` to the sections still short of one bar a line, first first.
  const give = (donor: Slot, most: number): void => {
    let left = Math.min(most, deficit());
    for (const s of slots) {
      if (left <= 0) break;
      if (!sung(s) || s === donor) continue;
      const k = Math.min(left, s.lines.length - s.bars);
      if (k <= 0) continue;
      s.bars += k;
      donor.bars -= k;
      left -= k;
    }
  };
  const last = <T>(xs: T[]): T[] => [...xs].reverse();
  if (deficit() > 0) {
    const intro = slots.find((s) => s.section.name === 'intro');
    const outro = slots.find((s) => s.section.name === 'outro');
    // Where the bars come from, least missed first: an intro and outro of two bars still open and
    // close the song (the outro's last bar is the final chord); then the instrumental middle
    // (bridge, breakdown), whose contrast matters less than the words; then bars a sung section
    // spends repeating its stanza, then its two-bar phrasing (one line a bar is still a tune);
    // then the intro and outro down to one bar; last, whole repeated sections (a chorus after the
    // first, a verse singing a stanza again), which sing nothing new. The vocal sections keep their order, so the lines do.
    if (outro) give(outro, outro.bars - 2);
    if (intro) give(intro, intro.bars - 2);
    for (const s of last(slots))
      if (s.section.name === 'bridge' || s.section.name === 'breakdown') give(s, s.bars);
    for (const s of last(slots)) if (sung(s)) give(s, s.bars - 2 * s.lines.length);
    for (const s of last(slots)) if (sung(s)) give(s, s.bars - s.lines.length);
    if (outro) give(outro, outro.bars - 1);
    if (intro) give(intro, intro.bars - 1);
    for (const s of last(slots)) {
      if (!s.repeat) continue;
      s.lines = []; // an instrumental chorus if it keeps some bars: the lead plays its tune
      give(s, s.bars);
    }
  }
  // Still short: the song cannot hold every line at one a bar. The sung sections' bars (no more
  // than their lines now) go to the lines first typed, one a bar; the last typed lines are left
  // out, never one between two that are sung.
  if (deficit() > 0) {
    const singing = slots.filter(sung);
    const budget = singing.reduce((n, s) => n + s.bars, 0);
    const keep = new Set(
      [...new Set(singing.flatMap((s) => s.lines))].sort((a, b) => a.at - b.at).slice(0, budget),
    );
    let used = 0;
    for (const s of singing) {
      s.lines = s.lines.filter((line) => keep.delete(line)); // each kept line once, where it comes first
      s.bars = s.lines.length;
      used += s.bars;
    }
    // Only with a line typed twice in different stanzas can bars be left: the outro rings longer.
    const end = slots.find((s) => s.section.name === 'outro') ?? slots[slots.length - 1]!;
    end.bars += budget - used;
  }

  const kept = slots.filter((s) => s.bars > 0);
  const sections: FormSection[] = [];
  let bar = 0;
  for (const s of kept) {
    const section = { ...s.section, startBar: bar, bars: s.bars };
    sections.push(section);
    s.section = section;
    bar += s.bars;
  }
  const lines: PlacedLine[] = [];
  const vocalBars = new Set<number>();
  const heard = new Set<LyricLine>();
  for (const s of kept) {
    if (!sung(s) || s.lines.length === 0) continue;
    const { section } = s;
    if (s.lines.length <= Math.floor(s.bars / 2)) {
      // Two bars a line, the stanza repeated to fill the section; an odd last bar is the singer's breath.
      for (let i = 0; i < Math.floor(s.bars / 2); i++) {
        const line = s.lines[i % s.lines.length]!;
        lines.push({ line, section, index: i, startBar: section.startBar + i * 2, bars: 2 });
        vocalBars.add(section.startBar + i * 2);
        vocalBars.add(section.startBar + i * 2 + 1);
        heard.add(line);
      }
      if (s.bars % 2 === 1) vocalBars.add(section.startBar + s.bars - 1);
    } else {
      // One bar a line, each line once (uniform phrases, each on a downbeat, rather than a mix of
      // one- and two-bar lines); two or more bars left at the end are the lead instrument's answer.
      s.lines.forEach((line, i) => {
        lines.push({ line, section, index: i, startBar: section.startBar + i, bars: 1 });
        vocalBars.add(section.startBar + i);
        heard.add(line);
      });
    }
  }
  const typed = new Set<LyricLine>([...sheet.verses.flat(), ...sheet.chorus]);
  return { sections, lines, vocalBars, unsungLines: typed.size - heard.size };
}

// Every typed line is sung, in order, where the timed lyrics say: dense stanzas take one line a bar,
// longer ones lengthen their section within the duration, and only a song too short for all of
// them at one a bar leaves lines out, the last ones, and says how many.
import { describe, expect, it } from 'vitest';
import { planToMidi } from '../master/midi-file.ts';
import { readMidi } from '../testing/read-midi.ts';
import type { GenerateParams } from '../types.ts';
import { composePlan } from './compose-plan.ts';
import type { FormSection } from './form.ts';
import { fitLyrics } from './lyric-fit.ts';
import { parseLyrics, syllabifyLine } from './lyrics.ts';
import type { MusicPlan } from './plan-types.ts';

const WORDS = [
  'amber',
  'river',
  'silver',
  'morning',
  'candle',
  'window',
  'harbour',
  'lantern',
  'meadow',
  'thunder',
  'velvet',
  'winter',
];
/** `n` distinct lines: "amber 3 river", … (digits keep them apart; they are syllables of their own). */
const lines = (tag: string, n: number): string[] =>
  Array.from(
    { length: n },
    (_, i) => `${WORDS[i % WORDS.length]} ${tag}${i} ${WORDS[(i + 5) % WORDS.length]}`,
  );
const stanza = (label: string, ls: string[]): string => `[${label}]\n${ls.join('\n')}`;

const base: GenerateParams = { prompt: 'a pop song', genre: 'pop', bpm: 120, seed: 5, durationSec: 90 };
const sing = (lyrics: string, over: Partial<GenerateParams> = {}): MusicPlan =>
  composePlan({ ...base, hasVocals: true, lyrics, ...over });

/** The sung lines in order, as their syllables joined (how plan.lyrics spells them), with their times. */
function sungLines(plan: MusicPlan): { text: string; startSec: number; endSec: number }[] {
  const out: { line: number; text: string; startSec: number; endSec: number }[] = [];
  for (const s of plan.lyrics ?? []) {
    const last = out[out.length - 1];
    if (last && last.line === s.line) {
      last.text += s.text;
      last.endSec = s.endSec;
    } else out.push({ ...s });
  }
  return out;
}
/** Humanising moves onsets by a few milliseconds (at most 7). */
const MS = 0.01;
const spelt = (line: string): string => syllabifyLine(line).join('');
/** Each distinct sung line once, where it is first sung. */
const firstSung = (plan: MusicPlan): string[] => [...new Set(sungLines(plan).map((l) => l.text))];

describe('fitLyrics', () => {
  const form: FormSection[] = [
    { name: 'intro', startBar: 0, bars: 2, energy: 0.4 },
    { name: 'verse', startBar: 2, bars: 6, energy: 0.65 },
    { name: 'chorus', startBar: 8, bars: 4, energy: 1 },
    { name: 'outro', startBar: 12, bars: 2, energy: 0.45 },
  ];

  it('sings a 4-line verse in a 6-bar section one line a bar, in order, and keeps the form', () => {
    const sheet = parseLyrics(`${stanza('Verse', lines('v', 4))}\n\n${stanza('Chorus', lines('c', 2))}`)!;
    const layout = fitLyrics(form, sheet);
    expect(layout.sections).toEqual(form);
    const verse = layout.lines.filter((l) => l.section.name === 'verse');
    expect(verse.map((l) => l.line)).toEqual(sheet.verses[0]);
    expect(verse.map((l) => [l.startBar, l.bars])).toEqual([
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    // The chorus has room for its two lines at two bars each, as before.
    const chorus = layout.lines.filter((l) => l.section.name === 'chorus');
    expect(chorus.map((l) => [l.startBar, l.bars])).toEqual([
      [8, 2],
      [10, 2],
    ]);
    expect(layout.unsungLines).toBe(0);
    // The lead has the verse's last two bars, not the sung ones.
    expect([2, 3, 4, 5].every((b) => layout.vocalBars.has(b))).toBe(true);
    expect(layout.vocalBars.has(6) || layout.vocalBars.has(7)).toBe(false);
  });

  it('lengthens a section with more lines than bars within the same total, two-bar intro and outro kept', () => {
    const sheet = parseLyrics(`${stanza('Verse', lines('v', 8))}\n\n${stanza('Chorus', lines('c', 2))}`)!;
    const layout = fitLyrics(form, sheet);
    // The chorus sings its two lines a bar each and gives the verse its other two bars.
    expect(layout.sections.map((s) => [s.name, s.startBar, s.bars])).toEqual([
      ['intro', 0, 2],
      ['verse', 2, 8],
      ['chorus', 10, 2],
      ['outro', 12, 2],
    ]);
    expect(layout.lines.filter((l) => l.section.name === 'verse').map((l) => l.line)).toEqual(
      sheet.verses[0],
    );
    expect(layout.unsungLines).toBe(0);
  });

  it('leaves out only the last typed lines when the song is too short for one a bar', () => {
    const sheet = parseLyrics(`${stanza('Verse', lines('v', 12))}\n\n${stanza('Chorus', lines('c', 4))}`)!;
    const layout = fitLyrics(form, sheet);
    // 14 bars: one for the intro, one for the ending, 12 for lines.
    const sung = layout.lines.map((l) => l.line.at);
    expect(sung).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(layout.unsungLines).toBe(4);
    expect(layout.sections.reduce((n, s) => n + s.bars, 0)).toBe(14);
  });
});

describe('composePlan sings every typed line', () => {
  it('a 6-line verse in an 8-bar verse: all six, one a bar, in order, inside the verse', () => {
    const v1 = lines('a', 6);
    const v2 = lines('b', 6);
    const ch = lines('c', 2);
    const plan = sing([stanza('Verse', v1), stanza('Chorus', ch), stanza('Verse', v2)].join('\n\n'));
    expect(firstSung(plan)).toEqual([...v1, ...ch, ...v2].map(spelt));
    expect(plan.lyricsUnsungLines).toBe(0);
    const verse = plan.sections.find((s) => s.name === 'verse')!;
    expect(verse.bars).toBe(8);
    const barSec = (plan.beatsPerBar * 60) / plan.bpm;
    const inVerse = sungLines(plan).filter(
      (l) => l.startSec >= verse.startSec - MS && l.startSec < verse.endSec - MS,
    );
    expect(inVerse.map((l) => l.text)).toEqual(v1.map(spelt));
    inVerse.forEach((l, i) => {
      expect(Math.abs(l.startSec - (verse.startSec + i * barSec))).toBeLessThan(MS);
      expect(l.endSec).toBeLessThanOrEqual(verse.startSec + (i + 1) * barSec + MS);
    });
  });

  it('more lines than bars: the verses grow within the duration, the lines stay in order', () => {
    const v1 = lines('a', 12);
    const v2 = lines('b', 12);
    const ch = lines('c', 2);
    const plan = sing([stanza('Verse', v1), stanza('Chorus', ch), stanza('Verse', v2)].join('\n\n'));
    expect(firstSung(plan)).toEqual([...v1, ...ch, ...v2].map(spelt));
    expect(plan.lyricsUnsungLines).toBe(0);
    const verses = plan.sections.filter((s) => s.name === 'verse');
    expect(verses.map((s) => s.bars)).toEqual([12, 12]);
    expect(plan.sections.at(-1)!.endSec).toBe(90);
    for (let i = 1; i < plan.sections.length; i++)
      expect(plan.sections[i]!.startBar).toBe(plan.sections[i - 1]!.startBar + plan.sections[i - 1]!.bars);
    // Each verse's lines are sung inside it.
    for (const [verse, typed] of [
      [verses[0]!, v1],
      [verses[1]!, v2],
    ] as const) {
      const inside = sungLines(plan).filter(
        (l) => l.startSec >= verse.startSec - MS && l.endSec <= verse.endSec + MS,
      );
      expect(inside.map((l) => l.text)).toEqual(typed.map(spelt));
    }
  });

  it('more verses typed than the form has: the extra ones are sung after the others', () => {
    const v = [lines('a', 4), lines('b', 4), lines('d', 4)];
    const ch = lines('c', 2);
    // 60 s at 120 BPM is intro, verse, chorus, chorus, outro: one verse in the form.
    const text = [
      stanza('Verse', v[0]!),
      stanza('Chorus', ch),
      stanza('Verse', v[1]!),
      stanza('Bridge', v[2]!),
    ];
    const plan = sing(text.join('\n\n'), { durationSec: 60 });
    expect(firstSung(plan)).toEqual([...v[0]!, ...ch, ...v[1]!, ...v[2]!].map(spelt));
    expect(plan.lyricsUnsungLines).toBe(0);
  });

  it('too many lines for 30 s: the first ones sung one a bar, the last ones reported, none from the middle', () => {
    const verse = lines('a', 30);
    const ch = lines('c', 10);
    const plan = sing([stanza('Verse', verse), stanza('Chorus', ch)].join('\n\n'), { durationSec: 30 });
    const typed = [...verse, ...ch].map(spelt);
    const sung = firstSung(plan);
    expect(sung).toEqual(typed.slice(0, sung.length));
    // 15 bars at 120 BPM: all but the intro's bar and the ending's are sung.
    expect(sung.length).toBe(13);
    expect(plan.lyricsUnsungLines).toBe(typed.length - sung.length);
    expect(plan.sections.at(-1)!.endSec).toBe(30);
  });

  it('the MIDI vocal track and the timed lyrics agree, note for syllable', () => {
    for (const [lyrics, durationSec] of [
      [[stanza('Verse', lines('a', 6)), stanza('Chorus', lines('c', 3))].join('\n\n'), 90],
      [[stanza('Verse', lines('a', 30)), stanza('Chorus', lines('c', 10))].join('\n\n'), 30],
    ] as const) {
      const plan = sing(lyrics, { durationSec });
      const midi = readMidi(planToMidi(plan));
      const secPerTick = 60 / plan.bpm / midi.ticksPerQuarter;
      const vocalChannels = plan.parts.filter((p) => p.stem === 'vocals').map((p) => p.channel);
      const onsets = vocalChannels
        .flatMap((c) => midi.channels.get(c)?.onTicks ?? [])
        .map((t) => t * secPerTick)
        .sort((a, b) => a - b);
      const timed = plan.lyrics!.map((s) => s.startSec);
      expect(onsets.length).toBe(timed.length);
      // Within half a tick (1 ms at 120 BPM): the file rounds onsets to ticks.
      const worst = Math.max(...onsets.map((t, i) => Math.abs(t - timed[i]!)));
      expect(worst).toBeLessThan(0.00053);
    }
  });

  it('the lead never plays over a sung bar, and answers in the free bars of a dense verse', () => {
    const plan = sing([stanza('Verse', lines('a', 6)), stanza('Chorus', lines('c', 2))].join('\n\n'));
    const bar = (sec: number): number => Math.floor((sec + MS) / ((plan.beatsPerBar * 60) / plan.bpm));
    const sungBars = new Set(plan.lyrics!.map((s) => bar(s.startSec)));
    const lead = plan.parts.find((p) => p.id === 'lead')!;
    const leadBars = lead.notes.map((n) => bar((n.startBeat * 60) / plan.bpm));
    expect(leadBars.filter((b) => sungBars.has(b))).toEqual([]);
    // The verse (bars 4–11) sings bars 4–9; bars 10 and 11 are the lead's.
    const verse = plan.sections.find((s) => s.name === 'verse')!;
    expect(verse.startBar).toBe(4);
    expect(leadBars.some((b) => b === 10 || b === 11)).toBe(true);
  });

  it('is the same plan for the same seed', () => {
    const lyrics = [stanza('Verse', lines('a', 12)), stanza('Chorus', lines('c', 2))].join('\n\n');
    const a = sing(lyrics);
    const b = sing(lyrics);
    expect(b.sections).toEqual(a.sections);
    expect(b.lyrics).toEqual(a.lyrics);
    expect(b.parts).toEqual(a.parts);
  });
});

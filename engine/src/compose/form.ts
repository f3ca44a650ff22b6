// Song form scaled to the duration: intro, verses, choruses, bridge, outro, in whole bars, leaving
// a tail after the last bar for the final chord to ring and fade (never a cut-off).
import type { Genre } from '../types.ts';
import type { SectionName } from './plan-types.ts';

export interface FormSection {
  name: SectionName;
  startBar: number;
  bars: number;
  energy: number;
}

const SECTION_ENERGY: Record<SectionName, number> = {
  intro: 0.4,
  verse: 0.65,
  prechorus: 0.75,
  chorus: 1,
  bridge: 0.55,
  breakdown: 0.35,
  outro: 0.45,
};

const CLUB: readonly Genre[] = ['house', 'techno', 'electronic', 'drum-and-bass', 'trap'];

/** Seconds kept after the last bar's downbeat for the final chord's ring-out. */
export function tailSeconds(bpm: number): number {
  return Math.min(2.5, Math.max(2, 120 / bpm));
}

export function planForm(genre: Genre, durationSec: number, bpm: number, beatsPerBar = 4): FormSection[] {
  const barSec = (beatsPerBar * 60) / bpm;
  // The last bar is the ending: its downbeat (the final chord) falls at least `tailSeconds` before the end.
  const totalBars = Math.max(3, Math.floor((durationSec - tailSeconds(bpm)) / barSec) + 1);
  const intro = totalBars >= 24 ? 4 : totalBars >= 10 ? 2 : 1;
  let outro = totalBars >= 24 ? 4 : totalBars >= 10 ? 2 : 1;
  let body = totalBars - intro - outro;
  const middle = CLUB.includes(genre) ? 'breakdown' : 'bridge';
  const cycle: SectionName[] = [
    'verse',
    'chorus',
    'verse',
    'chorus',
    middle,
    'chorus',
    'verse',
    'chorus',
    'chorus',
  ];
  const blocks: { name: SectionName; bars: number }[] = [];
  if (body < 8) {
    if (body >= 4) blocks.push({ name: 'verse', bars: Math.floor(body / 2) });
    blocks.push({ name: 'chorus', bars: body - (blocks[0]?.bars ?? 0) });
    body = 0;
  }
  let i = 0;
  while (body >= 4) {
    const bars = body >= 8 ? 8 : 4;
    blocks.push({ name: cycle[i % cycle.length]!, bars });
    body -= bars;
    i++;
  }
  outro += body; // 0..3 leftover bars lengthen the outro
  // End the body on a chorus so the song peaks before the outro.
  const last = blocks[blocks.length - 1];
  if (last && last.name !== 'chorus') last.name = 'chorus';
  const sections: FormSection[] = [];
  let bar = 0;
  const push = (name: SectionName, bars: number): void => {
    if (bars <= 0) return;
    sections.push({ name, startBar: bar, bars, energy: SECTION_ENERGY[name] });
    bar += bars;
  };
  push('intro', intro);
  for (const b of blocks) push(b.name, b.bars);
  push('outro', outro);
  return sections;
}

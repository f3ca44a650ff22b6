// The style vocabulary as data: size, every style reachable by its own words and examples, each
// mapped to a published genre, and every style composing a valid plan in its own meter and range.
import { describe, expect, it } from 'vitest';
import { planToMidi } from '../master/midi-file.ts';
import { readMidi } from '../testing/read-midi.ts';
import { GENRES } from '../types.ts';
import { composePlan } from './compose-plan.ts';
import { parsePrompt } from './prompt.ts';
import { findStyle, STYLES, stylePrompt } from './styles.ts';
import { scaleSteps } from './theory.ts';

describe('style vocabulary', () => {
  it('has the 16 genres and at least 40 named styles, with unique ids', () => {
    const ids = STYLES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of GENRES) expect(ids).toContain(g);
    expect(STYLES.filter((s) => !(GENRES as readonly string[]).includes(s.id)).length).toBeGreaterThanOrEqual(
      40,
    );
  });

  it.each(STYLES.map((s) => [s.id, s] as const))(
    '%s: its examples name it, and it maps to a published genre',
    (_, style) => {
      expect(GENRES).toContain(style.genre);
      expect(style.examples.length).toBeGreaterThan(0);
      for (const example of style.examples)
        expect(findStyle(example.toLowerCase())?.id, example).toBe(style.id);
    },
  );

  it.each(STYLES.map((s) => [s.id, s] as const))(
    '%s: composes in its meter and tempo range, in key, within the file, seeds differ',
    (_, style) => {
      const prompt = `a ${style.name.toLowerCase()} piece`;
      const durationSec = 30;
      const a = composePlan({ prompt, durationSec, seed: 3, genre: style.genre });
      // The genre field alone gives the genre's style; the prompt's style when it belongs to the genre.
      const plan =
        parsePrompt(prompt).style?.id === style.id
          ? a
          : composePlan({ prompt: style.examples[0]!, durationSec, seed: 3 });
      expect(plan.style).toBe(style.id);
      expect(plan.genre).toBe(style.genre);
      expect(plan.meter).toBe(style.meter);
      const [lo, hi] = style.bpmRange;
      if (
        !/slow|fast|sad|calm|gentle|soft|late night|smooth|happy|heavy|upbeat/.test(style.examples[0]!) ||
        plan === a
      ) {
        expect(plan.bpm).toBeGreaterThanOrEqual(lo * 0.8);
        expect(plan.bpm).toBeLessThanOrEqual(hi * 1.15);
      }
      const beatSec = 60 / plan.bpm;
      expect(plan.sections.at(-1)!.endSec).toBe(durationSec);
      for (const part of plan.parts)
        for (const n of part.notes) {
          expect(n.pitch).toBeGreaterThanOrEqual(20);
          expect(n.pitch).toBeLessThanOrEqual(100);
          expect((n.startBeat + n.durationBeats) * beatSec).toBeLessThanOrEqual(durationSec);
        }
      const lead = plan.parts.find((p) => p.id === 'lead');
      if (lead && lead.notes.length > 0) {
        const scale = scaleSteps(plan.mode);
        // Diatonic, counting the raised leading tone of a minor key's dominant.
        const allowed = plan.mode === 'minor' ? [...scale, 11] : scale;
        const inScale = lead.notes.filter((n) =>
          allowed.includes((n.pitch - plan.tonicPc + 120) % 12),
        ).length;
        expect(inScale / lead.notes.length).toBeGreaterThan(0.9);
      }
      const midi = readMidi(planToMidi(plan));
      expect(`${midi.timeSignature[0]}/${midi.timeSignature[1]}`).toBe(plan.meter);
      const other = composePlan({ prompt: style.examples[0]!, durationSec, seed: 4 });
      const notes = (p: typeof plan): string =>
        p.parts.map((x) => x.notes.map((n) => n.pitch).join(',')).join('|');
      expect(notes(other)).not.toBe(notes(composePlan({ prompt: style.examples[0]!, durationSec, seed: 3 })));
    },
  );
});

describe('neutral style prompts', () => {
  it('each style name, as a prompt, selects that style', () => {
    for (const style of STYLES) expect(findStyle(stylePrompt(style))?.id, style.name).toBe(style.id);
  });
});

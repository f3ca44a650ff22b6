import { describe, expect, it } from 'vitest';
import { composePlan } from './compose/compose-plan.ts';
import type { MusicPlan } from './compose/plan-types.ts';
import { helperStems, laneSplit, stemsInRenderOrder } from './mixdown.ts';
import { GENRES } from './types.ts';

const plan = (genre: (typeof GENRES)[number]): MusicPlan =>
  composePlan({ prompt: 'split', durationSec: 60, seed: 3, genre, hasVocals: true, lyrics: 'la la\nla la' });

describe('helperStems', () => {
  it('gives the helper a prefix of the render order and the last stem, the job thread the middle', () => {
    for (const genre of GENRES) {
      const order = stemsInRenderOrder(plan(genre));
      const helper = helperStems(plan(genre));
      const prefix = helper.slice(0, -1);
      expect(helper.at(-1), genre).toBe(order.at(-1));
      expect(prefix, genre).toEqual(order.slice(0, prefix.length));
      // The job's own thread always keeps at least one stem.
      expect(order.length - helper.length, genre).toBeGreaterThan(0);
    }
  });

  it('shares the chords between the lanes: whole stems by their cost, then the harmony by its notes', () => {
    // Pop: a light lead, bass and drums go to the helper beside the chords, and the job's own
    // thread renders almost all of the chords' notes after the vocals.
    const pop = plan('pop');
    expect(laneSplit(pop)).toEqual({ helper: ['melody', 'bass', 'drums', 'harmony'], splitFraction: 3 / 64 });
    // Chords eight times as long: the helper keeps fewer whole stems and half of the chords.
    const heavyChords: MusicPlan = {
      ...pop,
      parts: pop.parts.map((p) =>
        p.stem === 'harmony'
          ? { ...p, notes: p.notes.map((n) => ({ ...n, durationBeats: n.durationBeats * 8 })) }
          : p,
      ),
    };
    expect(laneSplit(heavyChords)).toEqual({ helper: ['melody', 'bass', 'harmony'], splitFraction: 0.5 });
    // No chords: nothing is split; the helper takes the last stem and the lead.
    const noChords: MusicPlan = { ...pop, parts: pop.parts.filter((p) => p.stem !== 'harmony') };
    expect(laneSplit(noChords)).toEqual({ helper: ['melody', 'vocals'], splitFraction: undefined });
  });
});

import { describe, expect, it } from 'vitest';
import { composePlan } from './compose/compose-plan.ts';
import type { MusicPlan } from './compose/plan-types.ts';
import { helperStems, stemsInRenderOrder } from './mixdown.ts';
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

  it('moves a light first stem to the helper when the job thread would carry most of the work', () => {
    // Pop: a lead with a few notes first, then bass, drums and vocals against the chords.
    const pop = plan('pop');
    expect(helperStems(pop)).toEqual(['melody', 'harmony']);
    // Chords eight times as long: the helper keeps them alone.
    const heavyChords: MusicPlan = {
      ...pop,
      parts: pop.parts.map((p) =>
        p.stem === 'harmony'
          ? { ...p, notes: p.notes.map((n) => ({ ...n, durationBeats: n.durationBeats * 8 })) }
          : p,
      ),
    };
    expect(helperStems(heavyChords)).toEqual(['harmony']);
  });
});

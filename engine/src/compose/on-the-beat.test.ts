// The on-the-beat feel: when it applies, what it does to each part, and that a "slow <style>"
// plan keeps its accompaniment on the beat while the same style in its own range does not.
import { describe, expect, it } from 'vitest';
import { composePlan } from './compose-plan.ts';
import { keepAccompanimentOnTheBeat, ON_THE_BEAT_BELOW_BPM, wantsOnTheBeat } from './on-the-beat.ts';
import type { NoteEvent, PartPlan } from './plan-types.ts';
import { FASTEST_WORDS_BPM, SLOWEST_WORDS_BPM, tempoInRange } from './resolve.ts';
import { STYLES } from './styles.ts';

const note = (startBeat: number, pitch = 60, durationBeats = 0.4): NoteEvent => ({
  startBeat,
  durationBeats,
  pitch,
  velocity: 90,
});
const part = (id: string, stem: PartPlan['stem'], notes: NoteEvent[]): PartPlan => ({
  id,
  stem,
  channel: stem === 'drums' ? 9 : 0,
  program: 0,
  volume: 100,
  pan: 64,
  notes,
});
const offBeat = (t: number) => Math.abs(t - Math.round(t)) >= 0.1;

describe('wantsOnTheBeat', () => {
  it('applies below the tempi seeds draw (a quarter into the range) and below 100 BPM, in simple meters only', () => {
    expect(wantsOnTheBeat(91, [95, 125], false)).toBe(true);
    expect(wantsOnTheBeat(95, [95, 125], false)).toBe(true);
    expect(wantsOnTheBeat(102.5, [95, 125], false)).toBe(false);
    expect(wantsOnTheBeat(80, [70, 120], false)).toBe(true);
    expect(wantsOnTheBeat(83, [70, 120], false)).toBe(false);
    expect(wantsOnTheBeat(110, [95, 125], false)).toBe(false);
    // drum and bass asked at 160: below its range but far above where tools double
    expect(wantsOnTheBeat(160, [170, 176], false)).toBe(false);
    expect(wantsOnTheBeat(ON_THE_BEAT_BELOW_BPM - 1, [120, 128], false)).toBe(true);
    expect(wantsOnTheBeat(80, [100, 120], true)).toBe(false);
  });
});

describe('keepAccompanimentOnTheBeat', () => {
  it('drops off-beat drum hits, moves off-beat bass and chord onsets to free beats, leaves the tune', () => {
    const hats = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5].map((t) => note(t, 42));
    const skank = [0.5, 1.5, 2.5, 3.5].flatMap((t) => [note(t, 60), note(t, 64), note(t, 67)]);
    const bass = [
      note(0, 36, 1.4),
      note(1.5, 36, 0.5),
      note(2, 43, 1.4),
      note(3.5, 43, 0.45),
      note(3.75, 45),
    ];
    const tune = [note(0.5, 72), note(1.75, 74)];
    const parts = [
      part('drums', 'drums', hats),
      part('comp', 'harmony', skank),
      part('bass', 'bass', bass),
      part('lead', 'melody', tune),
    ];
    keepAccompanimentOnTheBeat(parts);
    const [drums, comp, bassOut, lead] = parts;
    expect(drums!.notes.map((n) => n.startBeat)).toEqual([0, 1, 2, 3]);
    // The skank's chords land whole on the beat, three notes each, nothing dropped.
    expect(comp!.notes.map((n) => n.startBeat)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(comp!.notes.filter((n) => n.startBeat === 1).map((n) => n.pitch)).toEqual([60, 64, 67]);
    // 1.5 moves to the free beat 1; 3.5 to beat 3; 3.75 would share beat 3 with it, so it goes.
    expect(bassOut!.notes.map((n) => [n.startBeat, n.pitch])).toEqual([
      [0, 36],
      [1, 36],
      [2, 43],
      [3, 43],
    ]);
    expect(lead!.notes).toEqual(tune);
  });

  it('keeps strummed chords (onsets a few hundredths of a beat apart) as they are', () => {
    const strum = [note(0, 60), note(0.015, 64), note(0.03, 67)];
    const parts = [part('comp', 'harmony', strum)];
    keepAccompanimentOnTheBeat(parts);
    expect(parts[0]!.notes.map((n) => n.startBeat)).toEqual([0, 0.015, 0.03]);
  });
});

describe('tempo words', () => {
  it("slow words go below the range but not under the slowest tempo, unless the seed's tempo already is", () => {
    expect(tempoInRange([95, 125], 0.5, -1)).toBeCloseTo(95 * (1 - 0.2 * 0.3), 6);
    expect(tempoInRange([80, 90], 0.25, -1.2)).toBe(SLOWEST_WORDS_BPM.drums);
    expect(tempoInRange([80, 90], 0.25, -1.2, SLOWEST_WORDS_BPM.drumless)).toBe(74);
    // A lullaby-like range: the seed's tempo (65) is already under 70, so "slow" keeps it.
    expect(tempoInRange([60, 80], 0.25, -1.2)).toBe(65);
    expect(tempoInRange([66, 96], 0.5, -1, SLOWEST_WORDS_BPM.drumless)).toBe(74);
    expect(tempoInRange([95, 125], 0.5, 0)).toBe(110);
  });

  it("fast words go above the range but not over the fastest tempo, unless the seed's tempo already is", () => {
    expect(tempoInRange([95, 125], 0.5, 1)).toBeCloseTo(125 * (1 + 0.15 * 0.3), 6);
    expect(tempoInRange([150, 176], 0.5, 1.2)).toBe(FASTEST_WORDS_BPM);
    expect(tempoInRange([170, 176], 0.5, 1.2)).toBe(173);
  });
});

describe('"slow <style>" plans', () => {
  const accompaniment = (p: PartPlan) => p.stem === 'drums' || p.id === 'bass' || p.id === 'comp';

  it('put the drums, bass and chords on the beat when the words take the style below its range', () => {
    let applied = 0;
    for (const style of STYLES) {
      const plan = composePlan({ prompt: `slow ${style.id}`, durationSec: 30, seed: 3, genre: style.genre });
      if (plan.feel !== 'on-the-beat') continue;
      applied++;
      expect(plan.bpm).toBeLessThan(ON_THE_BEAT_BELOW_BPM);
      expect(plan.bpm).toBeGreaterThanOrEqual(SLOWEST_WORDS_BPM.drums);
      for (const p of plan.parts.filter(accompaniment))
        expect(
          p.notes.filter((n) => offBeat(n.startBeat)),
          `${style.id} ${p.id}`,
        ).toEqual([]);
    }
    // Most styles' ranges start above 75 BPM: "slow" takes them below it.
    expect(applied).toBeGreaterThan(30);
  });

  it('leave the groove alone in the style range', () => {
    const plan = composePlan({ prompt: 'pop', durationSec: 30, seed: 3, genre: 'pop' });
    expect(plan.feel).toBe('normal');
    const offBeats = plan.parts
      .filter(accompaniment)
      .flatMap((p) => p.notes.filter((n) => offBeat(n.startBeat)));
    expect(offBeats.length).toBeGreaterThan(20);
  });
});

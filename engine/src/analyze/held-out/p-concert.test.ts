// Held-out set P: the concert programme's held-out half (a twelfth composer), read by the analyser
// against its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=p` measures the same files with essentia.js, aubio and bpm-tools.
import { expect } from 'vitest';
import { concert } from '../test-support/concert.ts';
import { requireConcertTools } from '../test-support/concert-render.ts';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledConcert } from '../test-support/labelled.ts';

// Held-out set P: the concert programme's held-out half (test-support/concert.ts, twenty-first
// session: a twelfth composer, written blind of the analyser by a helper that read none of its code —
// 35 styles of orchestral, chamber, band and film music: adagios, chorales, brass-band hymns,
// barcarolles, sicilianas, nocturnes, études, string quartets, concerti grossi, minuets, slow and
// Viennese waltzes (labelled at the quarter), mazurkas, polonaises, scherzi, marches in 2/4, 4/4 and
// 6/8, galops, can-cans, habaneras, bolero ostinati, tarantellas, gigues, ragtime, tango, film action
// ostinati, fanfares, suspense and 12/8 epics, wind-band pop, big-band swing, minimalist pulse; more
// than half drumless, some with a ritardando at phrase ends (labelled at the mean tempo); rendered by
// FluidSynth with the full MuseScore General font, the csound GM bank or FluidR3, its reverb set per
// item, and a concert-hall master; its split fixed in code and committed (a6c17a1) before ours read any
// of it). Its tuning half arbitrated, with the game soundtrack's, the twenty-first session's
// metrical-level rule (bench/fit-metre.ts: 56 of 80 with the committed fit, 49 and 54 with the
// candidates; neither kept). Then this half was read once, with the committed analyser, by `npm run
// bench:analysis -- --no-tuning --no-essentia --sets=o,p --misses` (20:37–20:40): Accuracy1 0.725
// (58/80), Accuracy2 0.938, key 0.863 (label read or offered 0.975); aubio 0.450 / 0.588, bpm-tools
// 0.275 / 0.637 on the same files in the same run; essentia.js 0.650 / 0.963, key 0.859 (the same
// files, `--sets=o,p --essentia-sets=o,p` in two shards, 20:40–20:48). The tempo misses (13 of 22 with the label among
// their alternatives): slow drumless pieces at 50–69 (adagios, sicilianas, a chorale, a nocturne, an
// anthem, bolero ostinati) read at ×2 to ×2.5, Viennese waltzes and scherzi at 168–192 read at the bar
// (⅓), galops, tarantellas, film ostinati and suspense cues and big-band swing at 124–186 read at ½, a
// slow waltz at 90 at ×3⁄2. Issue 19's Acc1 ≥ 0.95 is far off on orchestral music (an expected
// failure). Floors two items (and ≈0.03 of key) under.
const HELD_OUT_P = concert().filter((it) => it.set === 'held-out');
const FLOORS_P: Floors = {
  acc1: 56 / 80,
  acc2: 73 / 80,
  key: 0.83,
  flagged: 0.45,
  targetMet: false,
};
heldOutSuite(
  'held-out set P (concert programme)',
  labelledConcert(HELD_OUT_P),
  FLOORS_P,
  coverage(HELD_OUT_P, { style: 35, metre: 5, feel: 8, soundfont: 3, hall: 3 }, () => {
    expect(HELD_OUT_P.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(35);
    expect(HELD_OUT_P.filter((i) => i.ritardando > 0).length).toBeGreaterThanOrEqual(15);
    expect(kinds(HELD_OUT_P, (i) => i.minorKind ?? 'major')).toBe(4);
  }),
  () => requireConcertTools(),
);

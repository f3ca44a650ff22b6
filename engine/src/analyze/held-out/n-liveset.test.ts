// Held-out set N: the live sets' held-out half (a tenth composer), read by the analyser against its
// labels. One file per set so that vitest's two workers share the sets; the suite, its assertions and
// how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=n` measures the same files with essentia.js, aubio and bpm-tools.
import { expect } from 'vitest';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledLiveset } from '../test-support/labelled.ts';
import { liveset } from '../test-support/liveset.ts';
import { requireLivesetTools } from '../test-support/liveset-render.ts';

// Held-out set N: the live sets' held-out half (test-support/liveset.ts, twentieth session: a tenth
// composer, written blind of the analyser by a helper that read none of its code — 38 styles as live
// bands play them in clubs, bars, churches and weddings: blues shuffles and slow 12/8 blues,
// rock'n'roll, punk, ska, reggae, soul, funk, gospel, bluegrass, swing, bebop, bossa, cumbia, polka,
// wedding waltzes and horas, 6/8 slow dances, drumless singer-songwriters, post-rock, metal — the tempo
// drifting within ±2 % (labelled at its mean over the clip), some opening with a pickup, a stick
// count-in or 2–4 s of free time, each part with its own timing; rendered by TiMidity++ with a GM
// SoundFont and mastered as a room recording; its split fixed in code and committed (faf7934) before
// ours read any of it). Its tuning half arbitrated the twentieth session's second metrical-level rule
// (bench/fit-metre.ts: 78 of 80 with the refit that was kept, 75 before). Then this half was read once,
// with the refit, by `npm run bench:analysis -- --no-tuning --sets=n --essentia-sets=n --misses`
// (17:47–18:00, two other jobs beside it): Accuracy1 0.925 (74/80), Accuracy2 1.000, key 0.906 (label
// read or offered 1.000); essentia.js 0.825 / 0.925, key 0.880; aubio 0.588 / 0.637, bpm-tools 0.600 /
// 0.887 on the same files in the same run. The tempo misses, each with the label among its
// alternatives: bebop at 177–179 and punk at 176–190 read at ½, a reggae one-drop at 68 and a post-rock
// build at 69 read at ×2. The key misses: majors read on their IV or V (bluegrass, polka, rock'n'roll,
// funk), dorian minors read as the major of their IV or on their v, a blues shuffle read on
// its ii. Floors two items (and ≈0.03 of key) under.
const HELD_OUT_N = liveset().filter((it) => it.set === 'held-out');
const FLOORS_N: Floors = {
  acc1: 72 / 80,
  acc2: 78 / 80,
  key: 0.87,
  flagged: 0.7,
  targetMet: false,
  relative: 0.05,
};
heldOutSuite(
  'held-out set N (live sets)',
  labelledLiveset(HELD_OUT_N),
  FLOORS_N,
  coverage(HELD_OUT_N, { style: 38, metre: 5, feel: 7, opening: 4, soundfont: 2 }, () => {
    expect(HELD_OUT_N.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(10);
    expect(kinds(HELD_OUT_N, (i) => i.minorKind ?? 'major')).toBe(4);
  }),
  () => requireLivesetTools(),
);

// Held-out set Q: the rehearsal room's held-out half (a thirteenth composer), read by the analyser
// against its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=q` measures the same files with essentia.js, aubio and bpm-tools.
import { expect } from 'vitest';
import { bandroom } from '../test-support/bandroom.ts';
import { requireBandroomTools } from '../test-support/bandroom-render.ts';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledBandroom } from '../test-support/labelled.ts';

// Held-out set Q: the rehearsal room's held-out half (test-support/bandroom.ts, twenty-second session:
// a thirteenth composer, written blind of the analyser by a helper that read none of its code — 29
// styles of live band music: rock backbeats, indie and garage rock, blues shuffles, slow and jump 12/8
// blues, country train beats and waltzes, bluegrass in 2/4, folk waltzes and 6/8 ballads, soul, Motown,
// 12/8 gospel organ, reggae one-drops, ska, punk, surf, rockabilly, boogie-woogie, funk, grunge
// half-time, fingerpicked guitar and waltzes, organ chorales and hymn waltzes, guitar–bass duos,
// drumless 6/8 ballads and 12/8 duos; a quarter drumless), played by a band synthesiser of our own (Karplus–Strong guitar and bass, an additive
// drawbar organ, analogue-style drums, a Freeverb-style room); its split fixed in code and committed
// (971e155) before ours read any of it. Its tuning half arbitrated the twenty-third session's key rule
// (the order of the chords on the beat grid: +0.8 MIREX points of the +1.5 asked; not kept). Then this
// half was read once, with the committed analyser, by `npm run bench:analysis -- --no-tuning
// --no-essentia --sets=q --misses` (2026-12-07 03:21–03:25): Accuracy1 0.900 (72/80), Accuracy2 0.950,
// key 0.846 (label read or offered 0.912); aubio 0.512 / 0.563, bpm-tools 0.438 / 0.787 on the same
// files in the same run; essentia.js 0.713 / 0.850, key 0.724 (the same files, `--sets=q --essentia-sets=q` in two
// shards, 03:25–03:29). The tempo misses (5 of 8 with the label among their alternatives): funk at 91–104 read at
// ×4⁄3, reggae one-drops at 67–80 and a grunge half-time at 68 read at ×2, punk at 166 at ⅔. The key
// misses: eight natural-minor pieces read as their relative major (0.07 of the score lost: issue 19
// asks ≤ 0.02, so the floor here is the measurement's), Aeolian rock read on its ♭VII, dorian funk on
// its IV or its parallel major, two country train beats in A major read as F♯ minor. Issue 19's Acc1
// ≥ 0.95 is missed (an expected failure). Floors two items (and ≈0.03 of key) under.
const HELD_OUT_Q = bandroom().filter((it) => it.set === 'held-out');
const FLOORS_Q: Floors = {
  acc1: 70 / 80,
  acc2: 74 / 80,
  key: 0.81,
  flagged: 0.45,
  targetMet: false,
  relative: 0.09,
};
heldOutSuite(
  'held-out set Q (rehearsal room)',
  labelledBandroom(HELD_OUT_Q),
  FLOORS_Q,
  coverage(HELD_OUT_Q, { style: 29, metre: 5, feel: 14, room: 3 }, () => {
    expect(HELD_OUT_Q.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(20);
    expect(kinds(HELD_OUT_Q, (i) => i.minorKind ?? 'major')).toBe(4);
  }),
  () => requireBandroomTools(),
);

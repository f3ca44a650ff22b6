// Held-out set H: the beat store's held-out half (a fourth composer), read by the analyser against
// its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=h` measures the same files with essentia.js, aubio and
// bpm-tools.
import { beatstore } from '../test-support/beatstore.ts';
import { requireBeatstoreTools } from '../test-support/beatstore-render.ts';
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { labelledBeatstore } from '../test-support/labelled.ts';

// Held-out set H: the beat store's held-out half (test-support/beatstore.ts, eleventh session: a
// fourth, independently written composer — 23 producer styles from dubstep, drill and amapiano to
// salsa, cumbia and 12/8 afro, labelled at the tempo a producer sets in the DAW — rendered by
// FluidSynth with MuseScore General Lite or FluidR3, with or without reverb and chorus, to 30 s
// MP3s; its split fixed in code before anything was measured). Nothing was fitted on any beat-store
// item: it is the composer the fit never saw. Analysed by ours once, by `npm run bench:analysis --
// --no-tuning --misses --sets=h,g,f,e,d,c,b,a --beatstore-tuning --essentia-sets=h,g,f` after the
// eleventh session's refit was committed (c54288f): Accuracy1 0.887 (71/80), Accuracy2 1.000, key
// 0.942 (essentia.js 0.762 / 0.988 / 0.901, aubio 0.412, bpm-tools 0.412 on the same files in the
// same run; its never-fitted tuning half in the same run: ours 0.875 / 0.963 / 0.889, essentia.js
// 0.775 / 0.975 / 0.910). Misses, all at ×2: cumbia at 86–91 (labelled at the quarter of a 2/4
// chart), reggaeton at 89, dancehall at 99, drumless piano ballads at 60–61 and an ambient pad at
// 90; 8 of 9 list the label. Key misses: dorian read as the parallel major, fifths. Floors two
// items under.
// Twelfth session: the beat store's TUNING half joined the key's fit (fit:key --beatstore; its
// metrical-level fit did not: the leave-one-composer-out rule was not met), so set H is the
// held-out half of a composer the key was fitted on. Key with the learned profile (ff20e8f; the
// same run as set I's second look): 0.924 (one item fewer than 0.942; its tuning half 0.889 →
// 0.934). The key floor is the 0.90.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.938 (75/80), Accuracy2 1.000, key 0.924
// (label read or offered 0.988); aubio 0.412, bpm-tools 0.412; 4 of the 5 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 74/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const HELD_OUT_H = beatstore().filter((it) => it.set === 'held-out');
const FLOORS_H: Floors = { acc1: 73 / 80, acc2: 78 / 80, key: 0.9, flagged: 0.7, targetMet: false };
heldOutSuite(
  'held-out set H (beat store)',
  labelledBeatstore(HELD_OUT_H),
  FLOORS_H,
  coverage(HELD_OUT_H, { soundfont: 2, style: 23 }),
  () => requireBeatstoreTools(),
);

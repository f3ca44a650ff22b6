// Held-out set L: the production-music library's held-out half (an eighth composer), read by the
// analyser against its labels. One file per set so that vitest's two workers share the sets; the
// suite, its assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=l` measures the same files with essentia.js, aubio and
// bpm-tools.
import { expect } from 'vitest';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledLibrary } from '../test-support/labelled.ts';
import { library } from '../test-support/library.ts';
import { requireLibraryTools } from '../test-support/library-render.ts';

// Held-out set L: the production-music library's held-out half (test-support/library.ts, eighteenth
// session: an eighth, independently written composer — 32 styles of stock / creator library music:
// trap, dubstep and future bass in half time, drum & bass, lo-fi, boom bap, house, techno, afrobeats,
// amapiano, jigs, jazz waltzes, bluegrass, punk, tango, drumless underscore, ambient and piano —
// labelled at the beat a listener taps, half-time feels at the DAW tempo; rendered by TiMidity++ with
// the freepats GUS patches, a renderer and a sound set no other set uses; its split fixed in code and
// committed (d4d5ef0) before ours read any of it). Analysed by ours once, by `npm run bench:analysis
// -- --no-tuning --sets=l --library-tuning --no-essentia --misses` (the committed analyser, 10:53):
// Accuracy1 0.988 (79/80), Accuracy2 1.000, key 0.829 (label read or offered 0.925); aubio 0.637 /
// 0.675, bpm-tools 0.563 / 0.975 on the same files in the same run (its tuning half: ours 0.988 /
// 1.000 / key 0.898). The tempo miss: a drumless 6/8 ballad at 60 read at ×3 (180; the label among
// its alternatives). The key misses are fifths (major keys read on their IV or V), dorian minors read
// as the major of their IV, and two relatives. Floors two items (and ≈0.03 of key) under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.988 (79/80), Accuracy2 0.988, key 0.829
// (label read or offered 0.925); aubio 0.637, bpm-tools 0.562; 1 of the 1 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 79/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 met.
const HELD_OUT_L = library().filter((it) => it.set === 'held-out');
const FLOORS_L: Floors = {
  acc1: 77 / 80,
  acc2: 77 / 80,
  key: 0.8,
  flagged: 0.7,
  targetMet: true,
  relative: 0.05,
};
heldOutSuite(
  'held-out set L (production-music library)',
  labelledLibrary(HELD_OUT_L),
  FLOORS_L,
  coverage(HELD_OUT_L, { style: 32, metre: 5, resample: 3 }, () => {
    expect(HELD_OUT_L.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(10);
    expect(kinds(HELD_OUT_L, (i) => i.feel)).toBeGreaterThanOrEqual(6);
  }),
  () => requireLibraryTools(),
);

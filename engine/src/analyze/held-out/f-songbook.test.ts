// Held-out set F: the songbook's held-out half (a second composer), read by the analyser against
// its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=f` measures the same files with essentia.js, aubio and
// bpm-tools.
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { labelledSongbook } from '../test-support/labelled.ts';
import { songbook } from '../test-support/songbook.ts';
import { requireSongbookTools } from '../test-support/songbook-render.ts';

// Held-out set F: the songbook's held-out half (test-support/songbook.ts, tenth session: a second,
// independently written composer — intros, sections, fills, real progressions, 28 arrangements —
// rendered by FluidSynth with TimGM6mb or FluidR3 to 30 s MP3s; its split fixed before anything
// was measured). Its tuning half joined the metrical-level fit; this half was analysed by ours once,
// by `npm run bench:analysis -- --no-tuning --misses --sets=g,f,e,d,c,b,a --essentia-sets=g,f` after
// that refit was committed (91fdc8e): Accuracy1 0.858 (103/120), Accuracy2 0.983, key 0.956
// (essentia.js 0.850 / 0.983 / 0.965, aubio 0.650, bpm-tools 0.542 on the same files in the same
// run). Misses: funk and breaks at 88–99 and ballads in 6/8 read at ×2 (or ×4⁄3), half-time trap
// and drumless chords every other beat at 137–162 read at ½, drumless arpeggios and pads at
// 70–87 at ×2 or ×3⁄2; 13 of 17 list the label. Five minor songs read as the relative major (0.029
// of the score: over the 0.02). Floors two items under. (The analyser before the refit,
// run afterwards for the record only: 0.783.)
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look):
// 0.867 (104/120) / 0.983, key 0.956 (essentia.js 0.850 / 0.983 / 0.965 in that run); 11 of 16
// misses list the label (0.69: the flagged floor is now 0.6, as for A and G). Floors two items
// under that.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.971 (essentia.js 0.965); key floor ≈0.03 under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.933 (112/120), Accuracy2 0.983, key 0.971
// (label read or offered 1.000); aubio 0.650, bpm-tools 0.542; 3 of the 8 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 110/120. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const HELD_OUT_F = songbook().filter((it) => it.set === 'held-out');
const FLOORS_F: Floors = {
  acc1: 110 / 120,
  acc2: 116 / 120,
  key: 0.94,
  flagged: 0.3,
  targetMet: false,
  relative: 0.03,
};
heldOutSuite(
  'held-out set F (songbook)',
  labelledSongbook(HELD_OUT_F),
  FLOORS_F,
  coverage(HELD_OUT_F, { soundfont: 2, feel: 6, metre: 3 }),
  () => requireSongbookTools(),
);

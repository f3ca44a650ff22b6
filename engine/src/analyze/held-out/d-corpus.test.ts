// Held-out set D of our own corpus (eighth session, seed 9595: the same, for that
// session), read by the analyser against its labels. One file per set so that vitest's two workers
// share the sets; the suite, its assertions and how floors are set:
// ../test-support/held-out-suite.ts. `npm run bench:analysis -- --sets=d` measures the same files
// with essentia.js, aubio and bpm-tools.
import { heldOutD } from '../test-support/corpus.ts';
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { labelledCorpus } from '../test-support/labelled.ts';

const HELD_OUT_D = heldOutD();
// Held-out set D (eighth session, seed 9595): defined and committed (b67a707) before that
// session tuned anything, rendered and run through the peers with `--peers-only`, and analysed
// by ours once, by `npm run bench:analysis -- --no-tuning --misses --sets=d,c,b,a --essentia-sets=d,c`
// after the session's refit was committed (2e9b708): Accuracy1 0.944 (68/72), Accuracy2 0.986,
// key 0.926 (essentia.js 0.847 / 0.944 / 0.962, aubio 0.611, bpm-tools 0.625 on the same files in
// the same run). Misses: a four-on-the-floor at 124.1 read at ×½, a half-time groove at 185.6 and
// a 3/4 backbeat at 186.8 at ×½, a drumless 6/8 at 65.1 at ×3⁄2 — all four list the labelled
// tempo. Floors two items under, as for A, B and C; the key floor is the 0.90.
// Ninth session, the same run as set E's only look (D's second): unchanged, 0.944 (68/72), the
// same four misses; Accuracy2 0.986, key 0.926.
// Tenth session's refit (the same run as F and G's): 0.903 (65/72: three fewer) / 0.944, key 0.926.
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look):
// 0.903 (65/72) / 0.958, key 0.926.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.939; key floor ≈0.03 under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.903 (65/72), Accuracy2 0.958, key 0.939
// (label read or offered 0.986); aubio 0.611, bpm-tools 0.625; 7 of the 7 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 66/72. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const FLOORS_D: Floors = { acc1: 63 / 72, acc2: 67 / 72, key: 0.91, flagged: 0.7, targetMet: false };
heldOutSuite(
  'held-out set D',
  labelledCorpus(HELD_OUT_D),
  FLOORS_D,
  coverage(HELD_OUT_D, { renderer: 3, feel: 6, metre: 3 }),
);

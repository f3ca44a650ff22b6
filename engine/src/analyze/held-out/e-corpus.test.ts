// Held-out set E of our own corpus (ninth session, seed 7171: the same, for that
// session), read by the analyser against its labels. One file per set so that vitest's two workers
// share the sets; the suite, its assertions and how floors are set:
// ../test-support/held-out-suite.ts. `npm run bench:analysis -- --sets=e` measures the same files
// with essentia.js, aubio and bpm-tools.
import { heldOutE } from '../test-support/corpus.ts';
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { labelledCorpus } from '../test-support/labelled.ts';

const HELD_OUT_E = heldOutE();
// Held-out set E (ninth session, seed 7171): defined and committed (b3c7eef) before that session
// tuned anything or looked at any result, rendered and run through the peers with `--peers-only`,
// and analysed by ours once, by `npm run bench:analysis -- --no-tuning --misses --sets=e,d,c,b,a
// --essentia-sets=e,d` after the session's choices were committed (2fa355b: nothing met the keep
// rule, so the analyser is the eighth session's): Accuracy1 0.986 (71/72), Accuracy2 1.000, key
// 0.949 (essentia.js 0.833 / 0.944 / 0.904, aubio 0.625, bpm-tools 0.639 on the same files in the
// same run). The one tempo miss: a drumless 3/4 at 157.4 read at ×⅓ (52.5; the label listed at
// 0.19). Key misses: fifths (sox renders) and a G major read as E minor. Issue 19's target is met
// on this set; floors two items under, as for A–D.
// Tenth session's refit (the same run as F and G's, E's second look): 0.944 (68/72: three fewer) /
// 0.972, key 0.956; the target is no longer met on this set.
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look):
// 0.944 (68/72) / 0.972, key 0.956: unchanged.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.967; key floor ≈0.03 under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.931 (67/72), Accuracy2 0.972, key 0.974
// (label read or offered 1.000); aubio 0.625, bpm-tools 0.639; 5 of the 5 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 69/72. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const FLOORS_E: Floors = { acc1: 65 / 72, acc2: 68 / 72, key: 0.94, flagged: 0.6, targetMet: false };
heldOutSuite(
  'held-out set E',
  labelledCorpus(HELD_OUT_E),
  FLOORS_E,
  coverage(HELD_OUT_E, { renderer: 3, feel: 6, metre: 3 }),
);

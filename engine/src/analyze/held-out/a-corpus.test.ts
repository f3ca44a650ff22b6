// Held-out set A: our own corpus's split held-out set (four renderers, six drum feels, 4/4 3/4 6/8,
// 60–190 BPM, all 24 keys; 96 items nothing was tuned on), read by the analyser against its labels.
// One file per set so that vitest's two workers share the sets; the suite, its assertions and how
// floors are set: ../test-support/held-out-suite.ts. `npm run bench:analysis -- --sets=a` measures
// the same files with essentia.js, aubio and bpm-tools.
import { corpusSet } from '../test-support/corpus.ts';
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { labelledCorpus } from '../test-support/labelled.ts';

const HELD_OUT = corpusSet('held-out');
// Measured 2026-12-02 (beat-track features, weights fitted on tuning material only; tuning set
// Acc1 0.910): Accuracy1 0.906 (87/96), Accuracy2 0.958. Looked at after the first fit on the
// corpus's tuning set alone (0.885, 85/96) and after each of three refits that added other
// tuning material — the engine's tuned-on and inspected seeds, the older FluidSynth tuning
// set — because the engine-tempo, genre and FluidSynth tests then failed (all 0.906); said
// here so nobody takes the figure for untouched. Before this change: 0.865 and 0.917.
// 2026-12-02, third session: refits on 372 tuning items (84 of them new, extraTuningCorpus) with
// bar-level and other new features gained ≤ 1 item in cross-validation, so nothing changed; the
// held-out set was analysed once, by the final bench run (0.906 again).
// 2026-12-02, fourth session: the motion features (motion.ts) and 50 boosted trees over the
// level's evidence (METRE_TREES), chosen by cross-validation on 388 tuning items only
// (0.905 → 0.941 there); the held-out set was analysed once by `npm run bench:analysis` after
// the fit (Accuracy1 0.927, 89/96; Accuracy2 0.969, 93/96) and once more by this test after the
// floors below were set — nothing was chosen between the two. The floors sit two items under
// the measurement, so that engine changes (12 items are engine renders) do not break the build
// while a real regression does.
// 2026-12-02, fifth session: refitted on 433 tuning items (45 new drumless 3/4, 6/8 and 4/4;
// same features: new bar-grouping evidence gained nothing clear in cross-validation, the new
// material did: +4.6 of 433). The held-out set was analysed a third time, once, by
// `npm run bench:analysis` after the refit: Accuracy1 0.906 (87/96, two fewer than the fourth
// session's fit: a half-time groove at 146 and a drumless 4/4 at 74 now read at ×½ and ×2),
// Accuracy2 0.969 (93/96); nothing was chosen on it (the refit stays: undoing it because of this
// reading would be tuning on the held-out set). Floors two items under that, as before; this
// test then ran once, pass/fail.
// 2026-12-03, sixth session: where the pitched parts change (motion.ts harmonicNovelty) joined
// the linear score and the fit took a third batch of tuning items (496 items; cross-validated
// 460.0 → 464.0). The held-out set was analysed a fourth time, once, by `npm run bench:analysis`
// after the commit of that fit: Accuracy1 0.927 (89/96), Accuracy2 0.969 (93/96), key 0.926;
// misses: half-time at 160 read at ×½, drumless 4/4 at 147 and 74 at ×½ and ×2, drumless 3/4 at
// 140 and 162 at ×2⁄3, drumless 6/8 at 62 at ×3 and at 66 at ×3⁄2 (5 of 7 list the label). The
// floors sit two items under that measurement, as before: 12 items are engine renders, and the
// engine's styles change (a floor at the measurement would fail on them, not on a regression);
// the key floor is the 0.90.
// 2026-12-03, seventh session: refitted on 568 tuning items (a fourth batch, seed 4646; same
// features). The held-out set was analysed a fifth time, once, by `npm run bench:analysis --
// --no-tuning --misses` after the refit was committed: Accuracy1 0.969 (93/96), Accuracy2 0.969,
// key 0.926 (aubio 0.656, bpm-tools 0.708 in the same run). Misses: drumless 3/4 at 162.2 and
// 140.1 at ×2⁄3, drumless 6/8 at 66.2 at ×3⁄2 (two list the label). The target is met on
// this set for the first time (by one item); floors two items under, as before.
// 2026-12-03, eighth session: the refit on 640 items, sixth look, same run as set D's only one:
// Accuracy1 0.969 (93/96, the same three drumless 3/4 and 6/8 misses), Accuracy2 0.990, key 0.926.
// 2026-12-04, ninth session: no change met the keep rule; seventh look, set E's run: the same
// 0.969 / 0.990 / 0.926.
// 2026-12-04, tenth session: the refit with the songbook's tuning half (metre.ts), eighth look, the
// same run as sets F and G's only one: Accuracy1 0.938 (90/96: three fewer), Accuracy2 0.958, key
// 0.926; the target is no longer met on this set. Floors two items under that.
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look):
// 0.938 (90/96) / 0.958, key 0.926: unchanged.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.953; key floor ≈0.025 under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.938 (90/96), Accuracy2 0.969, key 0.953
// (label read or offered 0.969); aubio 0.656, bpm-tools 0.719; 5 of the 6 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 91/96. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const FLOORS_A: Floors = { acc1: 88 / 96, acc2: 91 / 96, key: 0.93, flagged: 0.6, targetMet: false };
heldOutSuite(
  'held-out set',
  labelledCorpus(HELD_OUT),
  FLOORS_A,
  coverage(HELD_OUT, { renderer: 4, feel: 7 /* six feels + the engine's genres */, metre: 3 }),
);

// Held-out set G: the hymnal's held-out half (a third composer), read by the analyser against its
// labels. One file per set so that vitest's two workers share the sets; the suite, its assertions
// and how floors are set: ../test-support/held-out-suite.ts. `npm run bench:analysis -- --sets=g`
// measures the same files with essentia.js, aubio and bpm-tools.
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { hymnal } from '../test-support/hymnal.ts';
import { requireHymnalTools } from '../test-support/hymnal-render.ts';
import { labelledHymnal } from '../test-support/labelled.ts';

// Held-out set G: the hymnal's held-out half (test-support/hymnal.ts, tenth session: a third,
// independently written composer — hymns, marches, country, reggae, bossa, ska, gospel 12/8,
// metal, drum & bass, lo-fi, chamber, fingerpicking, baroque, film, minuet, jig; 2/4 to 12/8 —
// rendered the same way; its split fixed before anything was measured). Nothing was fitted on any hymnal item (training on its tuning half missed the
// keep rule); analysed by ours once, in the same run as set F: Accuracy1 0.887 (71/80), Accuracy2
// 0.975, key 0.872 (essentia.js 0.738 / 0.938 / 0.982, aubio 0.475, bpm-tools 0.537). Misses:
// baroque running 16ths at 65–93 read at ×2, 6/8 ballads at 42–51 at ×3⁄2 or ×2, reggae written at
// 165 and film at 139 at ½, bossa at 135 at ×2⁄3; 6 of 9 list the label. Key misses the issue's
// 0.90 (gospel, metal, fingerpicking, quartet: relatives, sixths and thirds; essentia.js reads
// these keys far better). Floors two items under. (The analyser before the refit: 0.875.)
const HELD_OUT_G = hymnal().filter((it) => it.set === 'held-out');
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look): its
// other half is now fitted on, so G is no longer music by a composer the fit never saw (set H is):
// Accuracy1 0.938 (75/80) / 1.000, key 0.872 (essentia.js 0.738 / 0.938 / 0.982, aubio 0.475,
// bpm-tools 0.537). Misses: baroque running 16ths at 65–81 at ×2, a 6/8 ballad at 42.5 at ×3, film
// at 139 at ½. Floors two items under that.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.966
// (was 0.872; essentia.js 0.982); key floor ≈0.03 under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.938 (75/80), Accuracy2 1.000, key 0.966
// (label read or offered 0.988); aubio 0.475, bpm-tools 0.537; 3 of the 5 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 75/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const FLOORS_G: Floors = { acc1: 73 / 80, acc2: 78 / 80, key: 0.94, flagged: 0.5, targetMet: false };
heldOutSuite(
  'held-out set G (hymnal)',
  labelledHymnal(HELD_OUT_G),
  FLOORS_G,
  coverage(HELD_OUT_G, { soundfont: 2, style: 18, metre: 5 }),
  () => requireHymnalTools(),
);

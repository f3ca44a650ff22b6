// Held-out set I: the jam tracks' held-out half (a fifth composer), read by the analyser against
// its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=i` measures the same files with essentia.js, aubio and
// bpm-tools.
import { coverage, type Floors, heldOutSuite } from '../test-support/held-out-suite.ts';
import { jamtracks } from '../test-support/jamtracks.ts';
import { requireJamtracksTools } from '../test-support/jamtracks-render.ts';
import { labelledJamtracks } from '../test-support/labelled.ts';

// Held-out set I: the jam tracks' held-out half (test-support/jamtracks.ts, twelfth session: a fifth,
// independently written composer — 20 styles of backing / play-along tracks, slow blues in 12/8 to
// drum & bass, drumless strumming and piano at slow and fast tempi, labelled with the BPM and key
// their titles state — rendered by spessasynth_core, not FluidSynth, with FluidR3, TimGM6mb or
// MuseScore General, its own effects and three loudness masters, to 30 s MP3s; its split fixed in
// code before anything was measured). Nothing was fitted on any jam-track item, and nothing is to
// be: it is the composer the fit never saw. Analysed by ours once, by `npm run bench:analysis --
// --no-tuning --misses --sets=i --jamtracks-tuning --essentia-sets=i` (the eleventh session's
// analyser, unchanged; renders and the peers' readings filled beforehand with `--peers-only`):
// Accuracy1 0.813 (65/80), Accuracy2 0.975, key 0.756 (essentia.js 0.650 / 0.938 / 0.868, aubio
// 0.525, bpm-tools 0.650 on the same files in the same run; its never-fitted tuning half in the same
// run: ours 0.850 / 1.000 / 0.733, essentia.js 0.700 / 0.912 / 0.879). Misses: 12 of 15 at ×2 —
// slow busy grooves: reggae one-drop at 75–78 (4), neo-soul at 71–77 (2), funk at 92–103 (2), slow
// 16th piano arpeggios at 75–82 (2), a rock ballad at 73, metal double kick at 108 — and funk at 114
// read at ×4⁄3, a fast waltz at 183 at ×⅓ (the bar), a 6/8 ballad at 59 at ×3⁄2; 12 of 15 list the
// label. Key under the 0.90 (and under essentia.js): minor loops read in the key of their
// VI, VII or iv, power-chord styles, fifths. Floors two items (and ≈0.03 of key) under.
// Second look, after the twelfth session's key change was committed (ff20e8f: the profile learned
// from four other composers' tuning halves, chosen under the rule in fit-key.ts without reading any
// jam track): `npm run bench:analysis -- --no-tuning --misses --sets=i,h,g,f,e,d,c,b,a
// --jamtracks-tuning --beatstore-tuning --essentia-sets=i,h,g,f`: tempo unchanged (0.813 / 0.975),
// key 0.756 → 0.863 (essentia.js 0.868; the tuning half 0.733 → 0.895, essentia.js 0.879). Key floor
// ≈0.03 under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.850 (68/80), Accuracy2 0.975, key 0.863
// (label read or offered 0.938); aubio 0.525, bpm-tools 0.650; 9 of the 12 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 70/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const HELD_OUT_I = jamtracks().filter((it) => it.set === 'held-out');
const FLOORS_I: Floors = { acc1: 66 / 80, acc2: 76 / 80, key: 0.83, flagged: 0.6, targetMet: false };
heldOutSuite(
  'held-out set I (jam tracks)',
  labelledJamtracks(HELD_OUT_I),
  FLOORS_I,
  coverage(HELD_OUT_I, { soundfont: 3, style: 20, metre: 4 }),
  () => requireJamtracksTools(),
);

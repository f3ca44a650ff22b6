// Held-out set K: the karaoke book's held-out half (a seventh composer), read by the analyser
// against its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=k` measures the same files with essentia.js, aubio and
// bpm-tools.
import { expect } from 'vitest';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { karaoke } from '../test-support/karaoke.ts';
import { requireKaraokeTools } from '../test-support/karaoke-render.ts';
import { labelledKaraoke } from '../test-support/labelled.ts';

// Held-out set K: the karaoke book's held-out half (test-support/karaoke.ts, seventeenth session: a
// seventh, independently written composer — 34 styles of karaoke / cover-band GM files, ballads with
// and without drums, 12/8 doo-wop and gospel, waltzes, 2/4 polkas and sambas, Latin, reggae, funk,
// half-time grooves, swing — labelled at the beat a listener taps, rendered by FluidSynth with the OPL3
// FM font or the full MuseScore General, fonts no other set uses; its split fixed in code and committed
// (20bbd58) before ours read any of it). Its tuning half chose the seventeenth session's metrical-level
// fit (rule in bench/fit-metre.ts). Then analysed by ours once, by `npm run bench:analysis --
// --no-tuning --misses --sets=k,j --midiarchive-tuning --karaoke-tuning --no-essentia` (the committed
// analyser): Accuracy1 0.938 (75/80), Accuracy2 0.963, key 0.892 (label read or offered 0.975); aubio
// 0.500 / 0.600, bpm-tools 0.500 / 0.787 on the same files in the same run (essentia.js, before ours
// read the set, on its first 31 items: 0.806 / 0.935 / key 0.881). Tempo misses (all five list the
// label): a reggaeton at 92 read at ×2, a gospel 12/8 at 74 and a 6/8 ballad at 61 at ×3⁄2, a swing
// standard at 185 at ½, a waltz ballad at 146 at ×2⁄3. Floors two items (and ≈0.03 of key) under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.950 (76/80), Accuracy2 0.963, key 0.893
// (label read or offered 0.975); aubio 0.500, bpm-tools 0.500; 4 of the 4 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 75/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 met.
const HELD_OUT_K = karaoke().filter((it) => it.set === 'held-out');
const FLOORS_K: Floors = {
  acc1: 74 / 80,
  acc2: 75 / 80,
  key: 0.86,
  flagged: 0.7,
  targetMet: true,
  relative: 0.05,
};
heldOutSuite(
  'held-out set K (karaoke book)',
  labelledKaraoke(HELD_OUT_K),
  FLOORS_K,
  coverage(HELD_OUT_K, { style: 34, soundfont: 2 }, () => {
    expect(kinds(HELD_OUT_K, (i) => i.metre)).toBeGreaterThanOrEqual(4);
    expect(HELD_OUT_K.some((i) => !i.drums)).toBe(true);
  }),
  () => requireKaraokeTools(),
);

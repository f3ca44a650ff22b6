// Held-out set J: the MIDI archive's held-out half (a sixth composer), read by the analyser against
// its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=j` measures the same files with essentia.js, aubio and
// bpm-tools.
import { expect } from 'vitest';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledMidiarchive } from '../test-support/labelled.ts';
import { midiarchive } from '../test-support/midiarchive.ts';
import { requireMidiarchiveTools } from '../test-support/midiarchive-render.ts';

// Held-out set J: the MIDI archive's held-out half (test-support/midiarchive.ts, fifteenth session: a
// sixth, independently written composer — 25 styles of General MIDI sequences as classic .mid
// collections hold them, half-time ballads and trap-pop, drumless hymns, strumming, piano and string
// pieces, waltzes, jigs, 6/8 and 12/8, labelled with the SMF tempo as a listener taps it — rendered by
// FluidSynth with the csound GM bank, a font no other set uses; its split fixed in code and committed
// (5721d6b) before ours read any of it). Its tuning half arbitrated the fifteenth session's two
// metre refits and the five-composer key profile (rules in bench/fit-metre.ts and bench/fit-key.ts);
// none was kept. Then analysed by ours once, by `npm run bench:analysis -- --no-tuning --sets=j
// --midiarchive-tuning --misses` (the committed analyser; renders and the peers' readings filled
// beforehand with `--peers-only`): Accuracy1 0.938 (75/80), Accuracy2 1.000, key 0.804 (label read or
// offered 0.963); essentia.js 0.825 / 0.975 / key 0.787, aubio 0.688, bpm-tools 0.588 on the same
// files in the same run. Tempo misses (all five list the label): jazz swing at 184, fast strumming at
// 157, a half-time shuffle at 148 read at ½, a reggae one-drop at 69 and a classical piano piece at 96
// read at ×2. Key misses: major pieces read as their relative minor and minor ones as their relative
// major (4 items), fifths and fourths. Seventeenth session: its tuning half joined the metrical-level
// fit (every composer's tuning half; chosen by the seventh composer, set K, under the rule in
// bench/fit-metre.ts), then J was read once more: Accuracy1 0.963 (77/80: jazz swing at 184, a folk strum
// at 157 and one at 167 read at ½), Accuracy2 1.000, key 0.804 (unchanged); aubio 0.688, bpm-tools 0.588.
// Issue 19's Accuracy1 ≥ 0.95 is met here. Floors two items (and ≈0.03 of key) under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.938 (75/80), Accuracy2 1.000, key 0.804
// (label read or offered 0.963); aubio 0.688, bpm-tools 0.588; 5 of the 5 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 77/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const HELD_OUT_J = midiarchive().filter((it) => it.set === 'held-out');
const FLOORS_J: Floors = {
  acc1: 73 / 80,
  acc2: 78 / 80,
  key: 0.77,
  flagged: 0.7,
  targetMet: false,
  relative: 0.05,
};
heldOutSuite(
  'held-out set J (MIDI archive)',
  labelledMidiarchive(HELD_OUT_J),
  FLOORS_J,
  coverage(HELD_OUT_J, { style: 25 }, () => {
    expect(kinds(HELD_OUT_J, (i) => i.metre)).toBeGreaterThanOrEqual(4);
    expect(HELD_OUT_J.some((i) => !i.drums)).toBe(true);
  }),
  () => requireMidiarchiveTools(),
);

// Held-out set M: the world-music atlas's held-out half (a ninth composer), read by the analyser
// against its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=m` measures the same files with essentia.js, aubio and
// bpm-tools.
import { expect } from 'vitest';
import { atlas } from '../test-support/atlas.ts';
import { requireAtlasTools } from '../test-support/atlas-render.ts';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledAtlas } from '../test-support/labelled.ts';

// Held-out set M: the world-music atlas's held-out half (test-support/atlas.ts, twentieth session: a
// ninth composer, written blind of the analyser by a helper that read none of its code — 46 regional
// dance and song forms: cumbia, salsa, samba, bossa nova, reggae one-drop and steppers, Afro-Cuban
// 12/8, highlife, gnawa, klezmer, polka, Viennese and musette waltzes, tarantella, fado, tango, reels
// and jigs, bhangra, filmi, K-pop, gamelan-ish pentatonic pieces, doo-wop, zydeco, metal, drumless
// folk — labelled at the beat a listener taps, waltzes at the quarter note, half-time feels at the
// tempo the style is counted in; rendered by csound with an orchestra of our own, a synthesiser no
// other set uses; its split fixed in code and committed (02add8f) before ours read any of it). Its
// tuning half arbitrated the twentieth session's first metrical-level rule (bench/fit-metre.ts:
// 65 of 80 with the committed fit; neither refit kept). Then this half was read once, with the
// committed analyser, by `npm run bench:analysis -- --no-tuning --sets=m --no-essentia --misses`
// (17:27): Accuracy1 0.787 (63/80), Accuracy2 0.950, key 0.887 (label read or offered 0.938); aubio
// 0.500 / 0.537, bpm-tools 0.487 / 0.863 on the same files in the same run; essentia.js (17:37, a
// second run) 0.713 / 0.887, key 0.904. The tempo misses: samba,
// cumbia and pentatonic gamelan pieces at 86–101 and fado at 66–69 read at ×2; Viennese waltzes at
// 154–179 read at the bar (⅓); a two-step and Western swing at 166–183 at ½; drumless 6/8 piano and
// doo-wop ballads at 61–62 at ×3⁄2; a metal track at 180 at ⅔. The key misses are mostly fifths (ten
// majors read on their IV or V), then dorian minors read as the major of their IV or ♭VII or as the
// parallel major, a harmonic minor read on its v and a major read as its relative minor. Floors two
// items (and ≈0.03 of key) under.
// Twentieth session's refit (the metrical level refitted with the karaoke book's and the atlas's
// tuning halves, cca9291, by the rule its arbiter — the live sets' tuning half — decided; key
// unchanged; `npm run bench:analysis -- --no-tuning --sets=a,…,m --no-essentia --misses --shard=i/2`,
// two shards side by side, 18:01–18:13): Accuracy1 0.838 (67/80), Accuracy2 0.950, key 0.887
// (label read or offered 0.938); aubio 0.500, bpm-tools 0.487; 12 of the 13 tempo misses list the label.
// The fit before it on the same renders (faf7934, two shards, 18:15–18:20): 63/80. Floors two items
// under; issue 19's Accuracy1 ≥ 0.95 not met.
const HELD_OUT_M = atlas().filter((it) => it.set === 'held-out');
const FLOORS_M: Floors = {
  acc1: 65 / 80,
  acc2: 74 / 80,
  key: 0.85,
  flagged: 0.6,
  targetMet: false,
  relative: 0.05,
};
heldOutSuite(
  'held-out set M (world-music atlas)',
  labelledAtlas(HELD_OUT_M),
  FLOORS_M,
  coverage(HELD_OUT_M, { style: 46, metre: 5, feel: 8, reverb: 3, colour: 3 }, () => {
    expect(HELD_OUT_M.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(16);
    expect(kinds(HELD_OUT_M, (i) => i.minorKind ?? 'major')).toBe(4);
  }),
  () => requireAtlasTools(),
);

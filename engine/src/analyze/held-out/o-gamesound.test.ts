// Held-out set O: the game soundtrack's held-out half (an eleventh composer), read by the analyser
// against its labels. One file per set so that vitest's two workers share the sets; the suite, its
// assertions and how floors are set: ../test-support/held-out-suite.ts.
// `npm run bench:analysis -- --sets=o` measures the same files with essentia.js, aubio and bpm-tools.
import { expect } from 'vitest';
import { gamesound } from '../test-support/gamesound.ts';
import { requireGamesoundTools } from '../test-support/gamesound-render.ts';
import { coverage, type Floors, heldOutSuite, kinds } from '../test-support/held-out-suite.ts';
import { labelledGamesound } from '../test-support/labelled.ts';

// Held-out set O: the game soundtrack's held-out half (test-support/gamesound.ts, twenty-first
// session: an eleventh composer, written blind of the analyser by a helper that read none of its code —
// 34 styles of video-game music: platformer overworlds, caves, castles and bosses, JRPG town waltzes,
// battles and field marches, 6/8 villages and tavern jigs, shoot-'em-ups, drum-and-bass racers, bossa
// puzzles, shop shuffles, spooky mansions, underwater and snow levels, half-time space and stealth
// stages, lo-fi menus, chip-metal, FM slap funk, 12/8 hero themes, galops and circus levels; played by
// a console synthesiser of our own in TypeScript — PolyBLEP pulses, a 4-bit triangle, LFSR noise drums,
// 2-operator FM, music-box bells — and mastered clean, as a TV speaker or bit-crushed; its split fixed
// in code and committed (a6c17a1) before ours read any of it). Its tuning half arbitrated, with the
// concert programme's, the twenty-first session's metrical-level rule (bench/fit-metre.ts: 77 of 80
// with the committed fit, 78 with either candidate; neither kept). Then this half was read once, with
// the committed analyser, by `npm run bench:analysis -- --no-tuning --no-essentia --sets=o,p --misses`
// (20:37–20:40): Accuracy1 0.975 (78/80), Accuracy2 0.988, key 0.879 (label read or offered 0.938);
// aubio 0.463 / 0.537, bpm-tools 0.662 / 0.938 on the same files in the same run; essentia.js 0.700 /
// 0.938, key 0.802 (the same files, `--sets=o,p --essentia-sets=o,p` in two shards, 20:40–20:48). The tempo misses: an
// FM slap-funk groove at 97 read at 129.4 (×4⁄3; ×2 offered), a half-time space stage at 83 read at ×2
// (the label offered). The key misses (12): funk and shuffle majors with the mixolydian ♭7 read on
// their IV, dorian minors read as the major of their IV (6 of them), a music-box major read as its
// relative minor, an overworld major read on its V — the confusions of sets K–N again. Floors
// two items (and ≈0.03 of key) under; issue 19's Acc1 ≥ 0.95 met.
const HELD_OUT_O = gamesound().filter((it) => it.set === 'held-out');
const FLOORS_O: Floors = {
  acc1: 76 / 80,
  acc2: 77 / 80,
  key: 0.85,
  flagged: 0.3,
  targetMet: true,
};
heldOutSuite(
  'held-out set O (game soundtrack)',
  labelledGamesound(HELD_OUT_O),
  FLOORS_O,
  coverage(HELD_OUT_O, { style: 34, metre: 5, feel: 8, opening: 3, palette: 4, master: 3 }, () => {
    expect(HELD_OUT_O.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(16);
    expect(kinds(HELD_OUT_O, (i) => i.minorKind ?? 'major')).toBe(4);
  }),
  () => requireGamesoundTools(),
);

// The analyser on the WHOLE held-out sets of its labelled corpus (test-support/corpus.ts): the
// split's held-out set (four renderers, six drum feels, 4/4 3/4 6/8, 60–190 BPM, all 24 keys; 96
// items nothing was tuned on), held-out set B (sixth session, seed 7373: 72 items of three
// renderers, drawn before that session's choices and analysed once after them), held-out set C
// (seventh session, seed 8484: 72 items, committed and rendered before that session tuned
// anything, analysed once after its refit was committed) and held-out set D (eighth session,
// seed 9595: the same, for that session) and held-out set E (ninth session, seed 7171: the same).
// Renders are cached under
// node_modules/.cache/soundfoundry-corpus/ (first run ≈4–6 min on 2 cores, then ≈30–60 s).
// Targets of issue 19: tempo Accuracy1 ≥ 0.95 (met on sets A and E until the tenth session's refit
// traded a few of our composer's items for the songbook's; since the seventeenth session's refit on
// every composer's tuning half, met on E and J; on L, the eighth composer's, at its first read), key
// MIREX ≥ 0.90 (met on A–H, not on I, J, K nor L).
//
// Seventeenth session: the metrical level was refitted (every composer's tuning half but the karaoke
// book's, which chose the fit; bench/fit-metre.ts), then every set was read once more by `npm run
// bench:analysis -- --no-tuning --misses --sets=…` (A–I 08:02–08:25, J and K 08:01–08:05, the same
// machine). Accuracy1 against the fourteenth session's reading: A 0.948 (0.938), B 0.931 (0.903),
// C 0.917 (0.917), D 0.917 (0.917), E 0.958 (0.944), F 0.917 (0.867), G 0.938 (0.938), H 0.925
// (0.887; its tuning half is now in the fit), I 0.875 (0.813), J 0.963 (0.938), K 0.938 (first read);
// Accuracy2 0.963–1.000; keys unchanged. Floors: Accuracy1 and Accuracy2 two items under these; the
// share of misses listing the label about 0.1 under what was measured (A 0.8, B 0.8, C–D 1.0, E 0.67,
// F 0.5, G 0.6, H 0.83, I 0.7, J–K 1.0): fewer misses, but more of those left are confident. Sets F, G, H, I and J (the songbook's, the hymnal's, the beat
// store's, the jam tracks' and the MIDI archive's held-out halves, by five other composers) are at the end.
// `npm run bench:analysis` measures the same files with essentia.js, aubio and bpm-tools.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AudioAnalysis, analyzeAudio } from './analyze-audio.ts';
import { beatstore } from './test-support/beatstore.ts';
import { requireBeatstoreTools } from './test-support/beatstore-render.ts';
import { corpusSet, heldOutB, heldOutC, heldOutD, heldOutE, PITCH_CLASSES } from './test-support/corpus.ts';
import { type RenderedItem, requireCorpusTools } from './test-support/corpus-render.ts';
import { hymnal } from './test-support/hymnal.ts';
import { requireHymnalTools } from './test-support/hymnal-render.ts';
import { jamtracks } from './test-support/jamtracks.ts';
import { requireJamtracksTools } from './test-support/jamtracks-render.ts';
import { karaoke } from './test-support/karaoke.ts';
import { requireKaraokeTools } from './test-support/karaoke-render.ts';
import {
  type LabelledItem,
  labelledBeatstore,
  labelledCorpus,
  labelledHymnal,
  labelledJamtracks,
  labelledKaraoke,
  labelledLibrary,
  labelledMidiarchive,
  labelledSongbook,
} from './test-support/labelled.ts';
import { library } from './test-support/library.ts';
import { requireLibraryTools } from './test-support/library-render.ts';
import { midiarchive } from './test-support/midiarchive.ts';
import { requireMidiarchiveTools } from './test-support/midiarchive-render.ts';
import { mirexKeyScore, tempoAccuracy1, tempoAccuracy2 } from './test-support/scores.ts';
import { songbook } from './test-support/songbook.ts';
import { requireSongbookTools } from './test-support/songbook-render.ts';

interface Result {
  item: LabelledItem;
  label: RenderedItem;
  analysis: AudioAnalysis;
}

/** Floors of one held-out set: what its single measurement reached (see the history below). */
interface Floors {
  acc1: number;
  acc2: number;
  key: number;
  /** Share of the tempo misses that carry the labelled tempo among their alternatives. */
  flagged: number;
  /** Issue 19's Accuracy1 ≥ 0.95 was met by the set's last measurement (else an expected failure). */
  targetMet: boolean;
  /** Most of the key score lost to minor pieces read as their relative major (issue 19: 0.02). */
  relative?: number;
}

function heldOutSuite(
  name: string,
  items: LabelledItem[],
  floors: Floors,
  coverage: () => void,
  requireTools: () => void = requireCorpusTools,
): void {
  describe(`${name} (${items.length} items)`, () => {
    const results: Result[] = [];
    beforeAll(async () => {
      requireTools();
      for (const item of items) {
        const label = await item.render();
        const analysis = await analyzeAudio(new Uint8Array(readFileSync(label.path)));
        results.push({ item, label, analysis });
      }
    }, 900_000);

    it('covers its renderers, feels, metres and all 24 keys', coverage);

    const tempoMisses = () => results.filter((r) => !tempoAccuracy1(r.label.bpm, r.analysis.bpm));
    const missReport = () =>
      tempoMisses()
        .map(
          (r) =>
            `${r.item.id}: ${r.analysis.bpm} for ${r.label.bpm} (alternatives ${JSON.stringify(r.analysis.bpm_alternatives)})`,
        )
        .join('\n');

    it(`tempo: Accuracy1 (±4 %) ≥ ${floors.acc1.toFixed(3)} and Accuracy2 (×2, ×½, ×3, ×⅓) ≥ ${floors.acc2.toFixed(3)} (as measured)`, () => {
      const acc2 = results.filter((r) => tempoAccuracy2(r.label.bpm, r.analysis.bpm)).length / results.length;
      expect(1 - tempoMisses().length / results.length, missReport()).toBeGreaterThanOrEqual(floors.acc1);
      expect(acc2, missReport()).toBeGreaterThanOrEqual(floors.acc2);
    });

    // Issue 19's target: an expected failure until a measurement meets it (then `targetMet`).
    (floors.targetMet ? it : it.fails)('tempo: Accuracy1 ≥ 0.95 (issue 19 target)', () => {
      expect(1 - tempoMisses().length / results.length, missReport()).toBeGreaterThanOrEqual(0.95);
    });

    it(`a wrong metrical level is flagged: ≥ ${floors.flagged.toFixed(2)} of the misses carry the labelled tempo among their alternatives`, () => {
      const misses = tempoMisses();
      const flagged = misses.filter((r) =>
        r.analysis.bpm_alternatives.some((a) => tempoAccuracy1(r.label.bpm, a.bpm)),
      );
      expect(flagged.length, missReport()).toBeGreaterThanOrEqual(Math.ceil(floors.flagged * misses.length));
    });

    const relative = floors.relative ?? 0.02;
    it(`key: MIREX score ≥ ${floors.key}; minor pieces read as the relative major cost ≤ ${relative} of the score`, () => {
      let score = 0;
      let relativeLoss = 0;
      const lines: string[] = [];
      for (const { item, label, analysis } of results) {
        const s = mirexKeyScore(
          label.tonicPc,
          label.mode,
          PITCH_CLASSES.indexOf(analysis.key),
          analysis.mode,
        );
        score += s;
        if (s === 0.3 && label.mode === 'minor') relativeLoss += 0.7;
        if (s < 1) lines.push(`${item.id} (${item.minorKind}): ${analysis.key} ${analysis.mode} (${s})`);
      }
      expect(score / results.length, lines.join('\n')).toBeGreaterThanOrEqual(floors.key);
      expect(relativeLoss / results.length, lines.join('\n')).toBeLessThanOrEqual(relative);
    });
  });
}

const kinds = <T>(items: T[], f: (i: T) => string) => new Set(items.map(f)).size;

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
const FLOORS_A: Floors = { acc1: 89 / 96, acc2: 91 / 96, key: 0.93, flagged: 0.6, targetMet: false };
heldOutSuite('held-out set', labelledCorpus(HELD_OUT), FLOORS_A, () => {
  expect(kinds(HELD_OUT, (i) => i.renderer)).toBe(4);
  expect(kinds(HELD_OUT, (i) => i.feel)).toBe(7); // six feels + the engine's genres
  expect(kinds(HELD_OUT, (i) => i.metre)).toBe(3);
  expect(kinds(HELD_OUT, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
});

const HELD_OUT_B = heldOutB();
// Held-out set B, analysed once by the same bench run: Accuracy1 0.917 (66/72), Accuracy2 1.000,
// key 0.982 (essentia.js 0.833 / 0.972 / 0.946, aubio 0.583, bpm-tools 0.639 on the same files).
// Misses: half-time grooves at 149, 187 read at ×½, drumless 4/4 at 65.6 and a backbeat at 82.3
// read at ×2, drumless 3/4 at 88.2 at ×2 and at 188.2 at ×½ — all six list the labelled tempo.
// Floors two items under, as for the first set (a renderer's or SoundFont's update moves an item).
// Seventh session's refit, the same run as set A's fifth look: B unchanged in total, Accuracy1
// 0.917 (66/72), Accuracy2 1.000, key 0.982; misses: half-time grooves at 149.1 and 187.3 at ×½,
// a drumless 3/4 at 188.2 at ×½ and at 88.2 at ×2, a drumless 4/4 at 65.6 and a backbeat at 82.3
// at ×2 (essentia.js 0.847 / 0.972 / 0.946 in that run).
// Eighth session's refit, same run (B's third look): Accuracy1 0.931 (67/72): the drumless 3/4
// at 88.2 now right, a drumless 4/4 at 111.2 now read at ×½; Accuracy2 1.000, key 0.972.
// Ninth session (same analyser, set E's run): 0.931 (67/72) / 1.000, key 0.968 (a render moved).
// Tenth session's refit (the same run as F and G's): 0.917 (66/72) / 0.986, key 0.968.
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look):
// 0.903 (65/72: one fewer) / 0.972, key 0.968. Floors two items under that.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.979.
const FLOORS_B: Floors = { acc1: 65 / 72, acc2: 70 / 72, key: 0.95, flagged: 0.7, targetMet: false };
heldOutSuite('held-out set B', labelledCorpus(HELD_OUT_B), FLOORS_B, () => {
  expect(kinds(HELD_OUT_B, (i) => i.renderer)).toBe(3);
  expect(kinds(HELD_OUT_B, (i) => i.feel)).toBe(6);
  expect(kinds(HELD_OUT_B, (i) => i.metre)).toBe(3);
  expect(kinds(HELD_OUT_B, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
});

const HELD_OUT_C = heldOutC();
// Held-out set C, analysed once by `npm run bench:analysis -- --no-tuning --misses` after the
// seventh session's refit was committed (5445690): Accuracy1 0.944 (68/72), Accuracy2 1.000, key
// 0.975 (essentia.js 0.778 / 0.958 / 0.938, aubio 0.611, bpm-tools 0.625 on the same files in the
// same run). Misses: drumless 4/4 at 69.1 and
// 63.9 and a backbeat at 80.6 read at ×2, a half-time groove at 183.2 at ×½ — three of four list
// the labelled tempo. Floors two items under, as for A and B.
// Eighth session's refit (640 tuning items, chord changes per beat and the half-time backbeat),
// the same run as set D's only look: Accuracy1 0.931 (67/72, one fewer: a half-time groove at
// 167.4 now at ×½ too), Accuracy2 1.000, key 0.975; floors unchanged. Ninth session (same
// analyser, set E's run): the same, 0.931 / 1.000 / 0.975.
// Tenth session's refit (the same run as F and G's): 0.931 (67/72) / 1.000, key 0.975.
// Eleventh session's refit (the hymnal's tuning half added; the same run as set H's only look):
// 0.917 (66/72: one fewer) / 1.000, key 0.975. Floors two items under that.
// Twelfth session's key (the profile learned from four composers' tuning halves, ff20e8f; tempo
// unchanged; the same run as set I's second look): key 0.983; key floor ≈0.03 under.
const FLOORS_C: Floors = { acc1: 64 / 72, acc2: 69 / 72, key: 0.95, flagged: 0.7, targetMet: false };
heldOutSuite('held-out set C', labelledCorpus(HELD_OUT_C), FLOORS_C, () => {
  expect(kinds(HELD_OUT_C, (i) => i.renderer)).toBe(3);
  expect(kinds(HELD_OUT_C, (i) => i.feel)).toBe(6);
  expect(kinds(HELD_OUT_C, (i) => i.metre)).toBe(3);
  expect(kinds(HELD_OUT_C, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
});

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
const FLOORS_D: Floors = { acc1: 64 / 72, acc2: 68 / 72, key: 0.91, flagged: 0.7, targetMet: false };
heldOutSuite('held-out set D', labelledCorpus(HELD_OUT_D), FLOORS_D, () => {
  expect(kinds(HELD_OUT_D, (i) => i.renderer)).toBe(3);
  expect(kinds(HELD_OUT_D, (i) => i.feel)).toBe(6);
  expect(kinds(HELD_OUT_D, (i) => i.metre)).toBe(3);
  expect(kinds(HELD_OUT_D, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
});

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
const FLOORS_E: Floors = { acc1: 67 / 72, acc2: 68 / 72, key: 0.94, flagged: 0.6, targetMet: true };
heldOutSuite('held-out set E', labelledCorpus(HELD_OUT_E), FLOORS_E, () => {
  expect(kinds(HELD_OUT_E, (i) => i.renderer)).toBe(3);
  expect(kinds(HELD_OUT_E, (i) => i.feel)).toBe(6);
  expect(kinds(HELD_OUT_E, (i) => i.metre)).toBe(3);
  expect(kinds(HELD_OUT_E, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
});

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
const HELD_OUT_F = songbook().filter((it) => it.set === 'held-out');
const FLOORS_F: Floors = {
  acc1: 108 / 120,
  acc2: 117 / 120,
  key: 0.94,
  flagged: 0.4,
  targetMet: false,
  relative: 0.03,
};
heldOutSuite(
  'held-out set F (songbook)',
  labelledSongbook(HELD_OUT_F),
  FLOORS_F,
  () => {
    expect(kinds(HELD_OUT_F, (i) => i.soundfont)).toBe(2);
    expect(kinds(HELD_OUT_F, (i) => i.feel)).toBe(6);
    expect(kinds(HELD_OUT_F, (i) => i.metre)).toBe(3);
    expect(kinds(HELD_OUT_F, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireSongbookTools(),
);

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
const FLOORS_G: Floors = { acc1: 73 / 80, acc2: 78 / 80, key: 0.94, flagged: 0.5, targetMet: false };
heldOutSuite(
  'held-out set G (hymnal)',
  labelledHymnal(HELD_OUT_G),
  FLOORS_G,
  () => {
    expect(kinds(HELD_OUT_G, (i) => i.soundfont)).toBe(2);
    expect(kinds(HELD_OUT_G, (i) => i.style)).toBe(18);
    expect(kinds(HELD_OUT_G, (i) => i.metre)).toBe(5);
    expect(kinds(HELD_OUT_G, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireHymnalTools(),
);

// Held-out set H: the beat store's held-out half (test-support/beatstore.ts, eleventh session: a
// fourth, independently written composer — 23 producer styles from dubstep, drill and amapiano to
// salsa, cumbia and 12/8 afro, labelled at the tempo a producer sets in the DAW — rendered by
// FluidSynth with MuseScore General Lite or FluidR3, with or without reverb and chorus, to 30 s
// MP3s; its split fixed in code before anything was measured). Nothing was fitted on any beat-store
// item: it is the composer the fit never saw. Analysed by ours once, by `npm run bench:analysis --
// --no-tuning --misses --sets=h,g,f,e,d,c,b,a --beatstore-tuning --essentia-sets=h,g,f` after the
// eleventh session's refit was committed (c54288f): Accuracy1 0.887 (71/80), Accuracy2 1.000, key
// 0.942 (essentia.js 0.762 / 0.988 / 0.901, aubio 0.412, bpm-tools 0.412 on the same files in the
// same run; its never-fitted tuning half in the same run: ours 0.875 / 0.963 / 0.889, essentia.js
// 0.775 / 0.975 / 0.910). Misses, all at ×2: cumbia at 86–91 (labelled at the quarter of a 2/4
// chart), reggaeton at 89, dancehall at 99, drumless piano ballads at 60–61 and an ambient pad at
// 90; 8 of 9 list the label. Key misses: dorian read as the parallel major, fifths. Floors two
// items under.
// Twelfth session: the beat store's TUNING half joined the key's fit (fit:key --beatstore; its
// metrical-level fit did not: the leave-one-composer-out rule was not met), so set H is the
// held-out half of a composer the key was fitted on. Key with the learned profile (ff20e8f; the
// same run as set I's second look): 0.924 (one item fewer than 0.942; its tuning half 0.889 →
// 0.934). The key floor is the 0.90.
const HELD_OUT_H = beatstore().filter((it) => it.set === 'held-out');
const FLOORS_H: Floors = { acc1: 72 / 80, acc2: 78 / 80, key: 0.9, flagged: 0.7, targetMet: false };
heldOutSuite(
  'held-out set H (beat store)',
  labelledBeatstore(HELD_OUT_H),
  FLOORS_H,
  () => {
    expect(kinds(HELD_OUT_H, (i) => i.soundfont)).toBe(2);
    expect(kinds(HELD_OUT_H, (i) => i.style)).toBe(23);
    expect(kinds(HELD_OUT_H, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireBeatstoreTools(),
);

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
const HELD_OUT_I = jamtracks().filter((it) => it.set === 'held-out');
const FLOORS_I: Floors = { acc1: 68 / 80, acc2: 77 / 80, key: 0.83, flagged: 0.6, targetMet: false };
heldOutSuite(
  'held-out set I (jam tracks)',
  labelledJamtracks(HELD_OUT_I),
  FLOORS_I,
  () => {
    expect(kinds(HELD_OUT_I, (i) => i.soundfont)).toBe(3);
    expect(kinds(HELD_OUT_I, (i) => i.style)).toBe(20);
    expect(kinds(HELD_OUT_I, (i) => i.metre)).toBe(4);
    expect(kinds(HELD_OUT_I, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireJamtracksTools(),
);

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
const HELD_OUT_J = midiarchive().filter((it) => it.set === 'held-out');
const FLOORS_J: Floors = {
  acc1: 75 / 80,
  acc2: 78 / 80,
  key: 0.77,
  flagged: 0.7,
  targetMet: true,
  relative: 0.05,
};
heldOutSuite(
  'held-out set J (MIDI archive)',
  labelledMidiarchive(HELD_OUT_J),
  FLOORS_J,
  () => {
    expect(kinds(HELD_OUT_J, (i) => i.style)).toBe(25);
    expect(kinds(HELD_OUT_J, (i) => i.metre)).toBeGreaterThanOrEqual(4);
    expect(HELD_OUT_J.some((i) => !i.drums)).toBe(true);
    expect(kinds(HELD_OUT_J, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireMidiarchiveTools(),
);

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
const HELD_OUT_K = karaoke().filter((it) => it.set === 'held-out');
const FLOORS_K: Floors = {
  acc1: 73 / 80,
  acc2: 75 / 80,
  key: 0.86,
  flagged: 0.7,
  targetMet: false,
  relative: 0.05,
};
heldOutSuite(
  'held-out set K (karaoke book)',
  labelledKaraoke(HELD_OUT_K),
  FLOORS_K,
  () => {
    expect(kinds(HELD_OUT_K, (i) => i.style)).toBe(34);
    expect(kinds(HELD_OUT_K, (i) => i.metre)).toBeGreaterThanOrEqual(4);
    expect(HELD_OUT_K.some((i) => !i.drums)).toBe(true);
    expect(kinds(HELD_OUT_K, (i) => i.soundfont)).toBe(2);
    expect(kinds(HELD_OUT_K, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireKaraokeTools(),
);

// Held-out set L: the production-music library's held-out half (test-support/library.ts, eighteenth
// session: an eighth, independently written composer — 32 styles of stock / creator library music:
// trap, dubstep and future bass in half time, drum & bass, lo-fi, boom bap, house, techno, afrobeats,
// amapiano, jigs, jazz waltzes, bluegrass, punk, tango, drumless underscore, ambient and piano —
// labelled at the beat a listener taps, half-time feels at the DAW tempo; rendered by TiMidity++ with
// the freepats GUS patches, a renderer and a sound set no other set uses; its split fixed in code and
// committed (d4d5ef0) before ours read any of it). Analysed by ours once, by `npm run bench:analysis
// -- --no-tuning --sets=l --library-tuning --no-essentia --misses` (the committed analyser, 10:53):
// Accuracy1 0.988 (79/80), Accuracy2 1.000, key 0.829 (label read or offered 0.925); aubio 0.637 /
// 0.675, bpm-tools 0.563 / 0.975 on the same files in the same run (its tuning half: ours 0.988 /
// 1.000 / key 0.898). The tempo miss: a drumless 6/8 ballad at 60 read at ×3 (180; the label among
// its alternatives). The key misses are fifths (major keys read on their IV or V), dorian minors read
// as the major of their IV, and two relatives. Floors two items (and ≈0.03 of key) under.
const HELD_OUT_L = library().filter((it) => it.set === 'held-out');
const FLOORS_L: Floors = {
  acc1: 77 / 80,
  acc2: 78 / 80,
  key: 0.8,
  flagged: 0.7,
  targetMet: true,
  relative: 0.05,
};
heldOutSuite(
  'held-out set L (production-music library)',
  labelledLibrary(HELD_OUT_L),
  FLOORS_L,
  () => {
    expect(kinds(HELD_OUT_L, (i) => i.style)).toBe(32);
    expect(kinds(HELD_OUT_L, (i) => i.metre)).toBe(5);
    expect(HELD_OUT_L.filter((i) => !i.drums).length).toBeGreaterThanOrEqual(10);
    expect(kinds(HELD_OUT_L, (i) => i.feel)).toBeGreaterThanOrEqual(6);
    expect(kinds(HELD_OUT_L, (i) => i.resample)).toBe(3);
    expect(kinds(HELD_OUT_L, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  },
  () => requireLibraryTools(),
);

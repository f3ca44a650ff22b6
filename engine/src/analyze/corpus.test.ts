// The analyser on the WHOLE held-out set of its labelled corpus (test-support/corpus.ts: four
// renderers, six drum feels, 4/4 3/4 6/8, 60–190 BPM, all 24 keys; 96 items nothing was tuned
// on). Renders are cached under node_modules/.cache/soundfoundry-corpus/ (first run ≈2–4 min on
// 2 cores, then ≈30 s). Targets of issue 19: tempo Accuracy1 ≥ 0.95 (not met: see below), key
// MIREX ≥ 0.90 (met).
// `npm run bench:analysis` measures the same files with essentia.js, aubio and bpm-tools.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AudioAnalysis, analyzeAudio } from './analyze-audio.ts';
import { type CorpusItem, corpusSet, PITCH_CLASSES } from './test-support/corpus.ts';
import { type RenderedItem, renderCorpusItem, requireCorpusTools } from './test-support/corpus-render.ts';
import { mirexKeyScore, tempoAccuracy1, tempoAccuracy2 } from './test-support/scores.ts';

const HELD_OUT = corpusSet('held-out');
const results: { item: CorpusItem; label: RenderedItem; analysis: AudioAnalysis }[] = [];

beforeAll(async () => {
  requireCorpusTools();
  for (const item of HELD_OUT) {
    const label = await renderCorpusItem(item);
    const analysis = await analyzeAudio(new Uint8Array(readFileSync(label.path)));
    results.push({ item, label, analysis });
  }
}, 900_000);

describe(`held-out corpus (${HELD_OUT.length} items)`, () => {
  it('covers every renderer, feel, metre and all 24 keys', () => {
    const kinds = (f: (i: CorpusItem) => string) => new Set(HELD_OUT.map(f)).size;
    expect(kinds((i) => i.renderer)).toBe(4);
    expect(kinds((i) => i.feel)).toBe(7); // six feels + the engine's genres
    expect(kinds((i) => i.metre)).toBe(3);
    expect(kinds((i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
  });

  const tempoMisses = () => results.filter((r) => !tempoAccuracy1(r.label.bpm, r.analysis.bpm));
  const missReport = () =>
    tempoMisses()
      .map(
        (r) =>
          `${r.item.id}: ${r.analysis.bpm} for ${r.label.bpm} (alternatives ${JSON.stringify(r.analysis.bpm_alternatives)})`,
      )
      .join('\n');

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
  it('tempo: Accuracy1 (±4 %) ≥ 0.88 and Accuracy2 (×2, ×½, ×3, ×⅓) ≥ 0.94 (regression floors)', () => {
    const acc2 = results.filter((r) => tempoAccuracy2(r.label.bpm, r.analysis.bpm)).length / results.length;
    expect(1 - tempoMisses().length / results.length, missReport()).toBeGreaterThanOrEqual(0.88);
    expect(acc2, missReport()).toBeGreaterThanOrEqual(0.94);
  });

  // Issue 19's target, NOT met yet: expected to fail until the metrical level generalises better
  // (the 9 misses of the fifth session: half-time grooves read at half tempo (3), drumless 4/4 at
  // ×½ and ×2, drumless 3/4 read at ×2⁄3 (2), drumless 6/8 read at ×3⁄2 and ×3). When this
  // starts passing, turn it into a plain `it`.
  it.fails('tempo: Accuracy1 ≥ 0.95 (issue 19 target, not met)', () => {
    expect(1 - tempoMisses().length / results.length, missReport()).toBeGreaterThanOrEqual(0.95);
  });

  // Measured: 9 of 9 under the linear score; 5 of 7 with the trees (their shares are sharper: a
  // drumless 3/4 read at ×2⁄3 lists only ×½, a drumless 6/8 read at ×3⁄2 only ×2; neither lists
  // the labelled level); 8 of 9 after the fifth session's refit (only the drumless 3/4 at 162
  // read at ×2⁄3 lacks it). The floor stays at the fourth session's measurement, ≥ 0.7.
  it('a wrong metrical level is flagged: ≥ 0.7 of the misses carry the labelled tempo among their alternatives', () => {
    const misses = tempoMisses();
    const flagged = misses.filter((r) =>
      r.analysis.bpm_alternatives.some((a) => tempoAccuracy1(r.label.bpm, a.bpm)),
    );
    expect(flagged.length, missReport()).toBeGreaterThanOrEqual(Math.ceil(0.7 * misses.length));
  });

  it('key: MIREX score ≥ 0.90; natural-minor loops read as the relative major cost ≤ 0.02 of the score', () => {
    let score = 0;
    let relativeLoss = 0;
    const lines: string[] = [];
    for (const { item, label, analysis } of results) {
      const s = mirexKeyScore(label.tonicPc, label.mode, PITCH_CLASSES.indexOf(analysis.key), analysis.mode);
      score += s;
      if (s === 0.3 && label.mode === 'minor') relativeLoss += 0.7;
      if (s < 1) lines.push(`${item.id} (${item.minorKind}): ${analysis.key} ${analysis.mode} (${s})`);
    }
    expect(score / results.length, lines.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(relativeLoss / results.length, lines.join('\n')).toBeLessThanOrEqual(0.02);
  });
});

// The analyser on the WHOLE held-out half of each labelled set, one vitest file per set under
// ../held-out/ (a-corpus … p-concert), so that vitest's two workers share ≈1000 renders and
// analyses (in one file they took 2343 s of vitest's 2360 s in CI, on one worker while the other idled).
// Our own corpus (test-support/corpus.ts) has five held-out sets, A–E, each drawn and committed before
// the session that first read it tuned anything; the seven other composers (songbook, hymnal, beat
// store, jam tracks, MIDI archive, karaoke book, production-music library) each a held-out half, F–L,
// split in code before anything was measured. Each file's comments hold its set's history: every
// reading of it, by which analyser, and where the floors come from.
// Renders are cached under node_modules/.cache/soundfoundry-*/ (the first run renders all of them).
// Targets of issue 19: tempo Accuracy1 ≥ 0.95 (asserted where a measurement met it, an expected
// failure elsewhere) and key MIREX ≥ 0.90. Floors sit about two items (and ≈0.03 of key) under the
// set's last measurement: a renderer's or the engine's update moves an item or two, a regression more.
// `npm run bench:analysis` measures the same files with essentia.js, aubio and bpm-tools.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AudioAnalysis, analyzeAudio } from '../analyze-audio.ts';
import { PITCH_CLASSES } from './corpus.ts';
import type { RenderedItem } from './corpus-render.ts';
import { requireCorpusTools } from './corpus-render.ts';
import type { LabelledItem } from './labelled.ts';
import { mirexKeyScore, tempoAccuracy1, tempoAccuracy2 } from './scores.ts';

interface Result {
  item: LabelledItem;
  label: RenderedItem;
  analysis: AudioAnalysis;
}

/** Floors of one held-out set: set from its last measurement (the set's file says which). */
export interface Floors {
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

/**
 * One held-out set's suite: renders and analyses every item once (beforeAll), then asserts the
 * floors — tempo Accuracy1/2, the 0.95 (or its expected failure), the share of misses whose
 * alternatives list the label, the key's MIREX score and the relative-major loss.
 */
export function heldOutSuite(
  name: string,
  items: LabelledItem[],
  floors: Floors,
  checkCoverage: () => void,
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

    it('covers its renderers, feels, metres and all 24 keys', checkCoverage);

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

/** How many distinct values f takes over the items (coverage checks). */
export const kinds = <T>(items: readonly T[], f: (i: T) => string) => new Set(items.map(f)).size;

/**
 * A held-out set's coverage check: exactly `exact[field]` distinct values of each named field, all
 * 24 keys, and whatever `more` asserts besides.
 */
export function coverage<T extends { tonicPc: number; mode: string }>(
  items: readonly T[],
  exact: Partial<Record<keyof T & string, number>>,
  more?: () => void,
): () => void {
  return () => {
    for (const [field, n] of Object.entries(exact) as [keyof T & string, number][])
      expect(
        kinds(items, (i) => String(i[field])),
        field,
      ).toBe(n);
    expect(kinds(items, (i) => `${i.tonicPc} ${i.mode}`)).toBe(24);
    more?.();
  };
}

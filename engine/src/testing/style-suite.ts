// The per-style listening test, shared by the two halves that vitest runs in parallel
// (generate-styles-a/b.test.ts). Every style is rendered from its neutral prompt (its name) on a seed
// nothing was tuned on and measured with independent tools (listen-proxy.ts): tempo by a majority of
// aubio, bpm-tools and essentia.js within 4 % (no ×2/×½ allowance), key by essentia.js, loudness,
// true peak, duration, clipping and gaps as for the genres.
//
// Seeds, chosen before any tuning and written down here:
//   tuning seeds 11 and 12 — the only renders grooves and ranges were adjusted on (later sessions of
//   issue 18 added 21–23 for the tempo edges and 31–34 for the slow styles' third tool);
//   held-out seed 9001 (this test) and 9002 (seeds within a style differ) — never listened to while tuning;
//   held-out seed 9003 for "slow <style>" (generate-styles-slow.test.ts, the on-the-beat feel and the
//   slowest tempo words lead to, issue 18's ninth session: tuned on seeds 11 and 12 only) and 9004
//   for "fast <style>" (generate-styles-fast.test.ts, the fastest tempo words lead to; same seeds).
//   The thirteen styles added for what people type (phonk … christmas, 2026-12-07) were tuned on
//   seeds 11 and 12 only and read on 9001, 9003 and 9004 once afterwards: 9001 tempo and key 13 of 13.
//   The six of the second round (bhangra, soca, merengue, mariachi, corridos, emo rap; 2026-12-07)
//   likewise: 9001 tempo and key 6 of 6.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STYLES, type StyleDef, stylePrompt } from '../compose/styles.ts';
import { generateTrack } from '../generate.ts';
import { type ListenReading, listen } from './listen-proxy.ts';
import { requireTool } from './reference-tools.ts';

export const TUNING_SEEDS = [11, 12, 21, 22, 23, 31, 32, 33, 34] as const;
export const HELD_OUT_SEED = 9001;
export const SECOND_HELD_OUT_SEED = 9002;
export const SLOW_HELD_OUT_SEED = 9003;
export const FAST_HELD_OUT_SEED = 9004;
export const DURATION_SEC = 20;

/**
 * Styles whose held-out render the tool majority does not hear at the planned tempo (measured once
 * the tuning was done, not tuned on): written as expected failures so a fix and a regression both
 * show. Each entry names what the tools read.
 */
export const KNOWN_TEMPO_MISSES: Record<string, string> = {};
/** Styles whose held-out render essentia.js reads in another key (same rules). */
export const KNOWN_KEY_MISSES: Record<string, string> = {};

export function styleHalf(half: 0 | 1): StyleDef[] {
  return STYLES.filter((_, i) => i % 2 === half);
}

export interface StyleSuiteOptions {
  /** Words before the style's name in the prompt (e.g. "slow"). */
  words?: string;
  seed?: number;
  knownTempoMisses?: Record<string, string>;
  knownKeyMisses?: Record<string, string>;
  /** Styles the words make another style of the vocabulary ("slow blues" is slow-blues). */
  becomes?: Record<string, string>;
}

export function defineStyleSuite(
  styles: readonly StyleDef[],
  {
    words,
    seed = HELD_OUT_SEED,
    knownTempoMisses = KNOWN_TEMPO_MISSES,
    knownKeyMisses = KNOWN_KEY_MISSES,
    becomes = {},
  }: StyleSuiteOptions = {},
): void {
  const dir = mkdtempSync(join(tmpdir(), 'sf-styles-'));
  beforeAll(() => {
    requireTool('ffmpeg', 'ffmpeg');
    requireTool('aubio', 'aubio-tools');
    requireTool('bpm', 'bpm-tools');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(styles.map((s) => [s.id, s] as const))('%s', (id, style) => {
    let m: ListenReading & { meter: string; key: string; style: string };
    beforeAll(async () => {
      const track = await generateTrack({
        prompt: stylePrompt(style, words),
        durationSec: DURATION_SEC,
        seed,
        genre: style.genre,
      });
      m = {
        ...listen(track.wav, track.plan.bpm, dir, id),
        meter: String(track.plan.meter),
        key: track.plan.key,
        style: String(track.plan.style),
      };
    }, 180_000);

    it('renders its own style', () => {
      expect(m.style).toBe(becomes[id] ?? id);
    });

    (knownTempoMisses[id] ? it.fails : it)(
      'a majority of aubio, bpm-tools and essentia hear the planned tempo (4 %, no octave allowance)',
      () => {
        expect(
          m.agree,
          `plan ${m.planBpm}: aubio ${m.aubio.toFixed(1)}, bpm-tools ${m.bpmTools.toFixed(1)}, essentia ${m.essentia.toFixed(1)}`,
        ).toBeGreaterThanOrEqual(2);
      },
    );

    (knownKeyMisses[id] ? it.fails : it)('essentia hears the planned key', () => {
      expect(m.essentiaKey, `planned ${m.key}`).toBe(m.key);
    });

    it('is mastered to −14 LUFS ±1, true peak ≤ −1 dBTP, full length, no gaps, no clipping', () => {
      expect(Math.abs(m.lufs + 14)).toBeLessThanOrEqual(1);
      expect(m.truePeak).toBeLessThanOrEqual(-1);
      expect(Math.abs(m.durationSec - DURATION_SEC)).toBeLessThanOrEqual(0.5);
      expect(m.silenceSec).toBeLessThanOrEqual(1);
      expect(m.clipped).toBe(0);
    });
  });
}

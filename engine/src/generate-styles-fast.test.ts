// Every style asked for fast ("fast <style>"): the tempo words take it above its usual tempi, up to
// the fastest tempo words lead to (resolve.ts FASTEST_WORDS_BPM), and the asked tempo must stay the
// one independent tools hear. Held-out seed 9004: the ceiling was set on seeds 11 and 12 only
// (bench/style-edges.ts --edge plan --words fast).
import { STYLES } from './compose/styles.ts';
import { defineStyleSuite, FAST_HELD_OUT_SEED } from './testing/style-suite.ts';

/**
 * Measured once on seed 9004 after the tuning was committed (2026-12-04): tempo 71 of 71, key 71
 * of 71. The thirteen styles added on 2026-12-07 (phonk … christmas), measured once after their
 * tuning on seeds 11 and 12: tempo 13 of 13, key 12 of 13 (city pop heard a fifth up). The six of
 * the second round (bhangra … emo rap), the same way: tempo 6 of 6, key 6 of 6.
 */
const FAST_TEMPO_MISSES: Record<string, string> = {};
const FAST_KEY_MISSES: Record<string, string> = {
  'city-pop': 'planned D# major: essentia A# major',
};

defineStyleSuite(STYLES, {
  words: 'fast',
  seed: FAST_HELD_OUT_SEED,
  knownTempoMisses: FAST_TEMPO_MISSES,
  knownKeyMisses: FAST_KEY_MISSES,
});

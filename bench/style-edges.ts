// Diagnostic (bench only): does every style's tempo hold at the edges of the range its seeds draw
// from (a quarter and three quarters of the way through bpmRange, resolve.ts)? Renders each style at
// both edges on the given seeds (20 s, neutral prompt) and reads aubio, bpm-tools and essentia.js.
// --edge plan renders at the tempo the seed itself draws (what the style suite and bench:engine hear).
// --words "slow" puts words before the style's name (with --edge plan: the tempo those words give).
// node --import tsx bench/style-edges.ts --seeds 11,12 [--styles a,b] [--edge low|high|both|plan] [--below N] [--words W]
import { tmpdir } from 'node:os';
import { SEED_TEMPO_POSITIONS } from '../engine/src/compose/resolve.ts';
import { resolveStyle, STYLES } from '../engine/src/compose/styles.ts';
import { listen } from '../engine/src/testing/listen-proxy.ts';
import { renderStyle } from './render-style.ts';

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seeds = (flag('--seeds') ?? '11,12').split(',').map(Number);
const only = flag('--styles')?.split(',');
const edge = flag('--edge') ?? 'both';
const words = flag('--words');
// --below N: only edges slower than N BPM (where the tools drift to double time).
const below = Number(flag('--below') ?? Number.POSITIVE_INFINITY);
let misses = 0;
let total = 0;
for (const style of STYLES) {
  if (only && !only.includes(style.id)) continue;
  const [lo, hi] = resolveStyle(style).profile.bpmRange;
  // undefined: the tempo the seed draws.
  const edges: (number | undefined)[] =
    edge === 'plan'
      ? [undefined]
      : [
          ...(edge !== 'high' ? [Math.round(lo + SEED_TEMPO_POSITIONS[0] * (hi - lo))] : []),
          ...(edge !== 'low' ? [Math.round(lo + SEED_TEMPO_POSITIONS[1] * (hi - lo))] : []),
        ];
  for (const asked of edges.filter((b) => b === undefined || b < below)) {
    for (const seed of seeds) {
      const track = await renderStyle(style, seed, { bpm: asked, words });
      const bpm = track.plan.bpm;
      if (bpm >= below) continue;
      const r = listen(track.wav, bpm, tmpdir(), `edge-${style.id}`);
      total++;
      if (r.agree < 2) misses++;
      console.log(
        `${r.agree >= 2 ? '  ' : '✗ '}${style.id} [${lo}, ${hi}] @${bpm} seed ${seed}: aubio ${r.aubio.toFixed(1)}, bpm-tools ${r.bpmTools.toFixed(1)}, essentia ${r.essentia.toFixed(1)} (${r.agree}/3)`,
      );
    }
  }
}
console.log(`\n${misses} of ${total} renders not heard at the planned tempo by a majority`);

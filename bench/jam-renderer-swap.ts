// Does the renderer or the arrangement decide the jam tracks' double-time readings? The jam tracks'
// TUNING half (the fifth composer's validation half: never fitted, never tuned on; set I, its
// held-out half, is not read here) rendered again from the same MIDI by FluidSynth with the item's
// own SoundFont and no effects — the way the hymnal and the songbook are rendered — and read by the
// analyser beside its reading of the spessasynth renders (with their room/hall/slapback mixes and
// loudness). Per style: tempo Acc1 and key MIREX on both renders.
//
// Diagnostic only: nothing is tuned on it.
//
//   node --import tsx bench/jam-renderer-swap.ts [--styles=reggae,neo-soul]
import { readFileSync } from 'node:fs';
import { analyzeAudio } from '../engine/src/analyze/index.ts';
import { clipCacheDir, renderClipMp3 } from '../engine/src/analyze/test-support/fluidsynth-mp3.ts';
import { type JamItem, jamtracks, jamtracksMidi } from '../engine/src/analyze/test-support/jamtracks.ts';
import { renderJamtracksItem } from '../engine/src/analyze/test-support/jamtracks-render.ts';
import { PITCH_CLASSES } from '../engine/src/analyze/test-support/midi-fixtures.ts';
import { mirexKeyScore, tempoAccuracy1 } from '../engine/src/analyze/test-support/scores.ts';

const styles = process.argv
  .find((a) => a.startsWith('--styles='))
  ?.slice('--styles='.length)
  .split(',');
const FLUID_DIR = clipCacheDir('soundfoundry-jamtracks-fluidsynth', 'v1');

const items = jamtracks().filter((it) => it.set === 'tuning' && (!styles || styles.includes(it.style)));

async function read(path: string, item: JamItem) {
  const a = await analyzeAudio(new Uint8Array(readFileSync(path)));
  return {
    bpm: a.bpm,
    acc1: tempoAccuracy1(item.bpm, a.bpm),
    key: mirexKeyScore(item.tonicPc, item.mode, PITCH_CLASSES.indexOf(a.key), a.mode),
  };
}

const byStyle = new Map<
  string,
  { n: number; spess: number; fluid: number; spessKey: number; fluidKey: number }
>();
const lines: string[] = [];
for (const [i, item] of items.entries()) {
  const spess = await renderJamtracksItem(item);
  const fluid = await renderClipMp3(item, () => jamtracksMidi(item), { dir: FLUID_DIR, clipSec: 30 });
  const a = await read(spess.path, item);
  const b = await read(fluid.path, item);
  const s = byStyle.get(item.style) ?? { n: 0, spess: 0, fluid: 0, spessKey: 0, fluidKey: 0 };
  s.n++;
  s.spess += Number(a.acc1);
  s.fluid += Number(b.acc1);
  s.spessKey += a.key;
  s.fluidKey += b.key;
  byStyle.set(item.style, s);
  if (a.acc1 !== b.acc1)
    lines.push(
      `${item.id} (${item.bpm} BPM, ${item.mix}, ${item.soundfont}): spessasynth ${a.bpm}, FluidSynth ${b.bpm}`,
    );
  process.stderr.write(`\r${i + 1}/${items.length}`);
}
process.stderr.write('\n');
console.log('| style | items | Acc1 spessasynth | Acc1 FluidSynth | key spessasynth | key FluidSynth |');
console.log('|---|---|---|---|---|---|');
const total = { n: 0, spess: 0, fluid: 0, spessKey: 0, fluidKey: 0 };
for (const [style, s] of [...byStyle].sort()) {
  console.log(
    `| ${style} | ${s.n} | ${s.spess} | ${s.fluid} | ${s.spessKey.toFixed(1)} | ${s.fluidKey.toFixed(1)} |`,
  );
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
}
console.log(
  `| all | ${total.n} | ${total.spess} | ${total.fluid} | ${total.spessKey.toFixed(1)} | ${total.fluidKey.toFixed(1)} |`,
);
console.log(`\ntempo read differently by the two renders:\n  ${lines.join('\n  ') || '—'}`);

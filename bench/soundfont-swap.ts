// How much the analyser's tempo and key depend on the samples a piece is played with: the corpus's
// FluidSynth items of the chosen held-out sets, rendered again from the same MIDI with another
// SoundFont (default Debian's TimGM6mb, package timgm6mb-soundfont: a small, differently voiced GM
// set none of our tuning material uses), optionally as 192 kbps MP3s, analysed by us and by aubio
// and bpm-tools, beside our reading of the original renders of the same items.
//
// Diagnostic only: nothing is tuned on it. By default it reads sets A and B, which have been looked
// at before; a set still unseen should not be spent here.
//
//   node --import tsx bench/soundfont-swap.ts [--sets=a,b] [--soundfont=PATH] [--mp3]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeAudio } from '../engine/src/analyze/index.ts';
import {
  type CorpusItem,
  corpus,
  heldOutB,
  heldOutC,
  heldOutD,
} from '../engine/src/analyze/test-support/corpus.ts';
import {
  CORPUS_CACHE_DIR,
  fluidsynthRender,
  renderCorpusItem,
  requireCorpusTools,
} from '../engine/src/analyze/test-support/corpus-render.ts';
import { PITCH_CLASSES } from '../engine/src/analyze/test-support/midi-fixtures.ts';
import { mirexKeyScore, tempoAccuracy1, tempoAccuracy2 } from '../engine/src/analyze/test-support/scores.ts';
import { requireTool } from '../engine/src/dsp/test-support.ts';
import { aubioFileTempo, bpmToolsFileTempo } from './peer-tempo.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const soundfont = arg('soundfont') ?? '/usr/share/sounds/sf2/TimGM6mb.sf2';
const sets = (arg('sets') ?? 'a,b').split(',');
const asMp3 = process.argv.includes('--mp3');

const SETS: Record<string, () => CorpusItem[]> = {
  a: () => corpus().filter((i) => i.set === 'held-out'),
  b: heldOutB,
  c: heldOutC,
  d: heldOutD,
};

async function ours(path: string) {
  const a = await analyzeAudio(new Uint8Array(readFileSync(path)), { maxDurationSec: 900 });
  return { bpm: a.bpm, keyPc: PITCH_CLASSES.indexOf(a.key as (typeof PITCH_CLASSES)[number]), mode: a.mode };
}

async function main(): Promise<void> {
  requireCorpusTools();
  requireTool('aubio', 'aubio-tools');
  requireTool('bpm', 'bpm-tools');
  if (!existsSync(soundfont)) throw new Error(`${soundfont} not found (Debian: timgm6mb-soundfont)`);
  const dir = join(CORPUS_CACHE_DIR, `swap-${basename(soundfont).replace(/\W+/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  console.log(
    `# The held-out FluidSynth items played with ${basename(soundfont)}${asMp3 ? ' (192 kbps MP3)' : ''}\n`,
  );
  console.log(
    '| set | items | ours Acc1, original SoundFont | ours Acc1 / Acc2 / key, swapped | aubio Acc1 | bpm-tools Acc1 |',
  );
  console.log('|---|---|---|---|---|---|');
  const misses: string[] = [];
  for (const set of sets) {
    const items = (SETS[set]?.() ?? []).filter((i) => i.renderer.startsWith('fluidsynth'));
    const n = { orig: 0, acc1: 0, acc2: 0, key: 0, aubio: 0, bpm: 0 };
    for (const item of items) {
      const original = await renderCorpusItem(item);
      const o = await ours(original.path);
      if (tempoAccuracy1(item.bpm, o.bpm)) n.orig++;
      const wav = join(dir, `${item.id}.wav`);
      if (!existsSync(wav)) fluidsynthRender(item, soundfont, wav);
      let path = wav;
      if (asMp3) {
        path = `${wav}.mp3`;
        if (!existsSync(path))
          execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', wav, '-b:a', '192k', path]);
      }
      const s = await ours(path);
      const a = aubioFileTempo(path);
      const b = bpmToolsFileTempo(path);
      const hit = tempoAccuracy1(item.bpm, s.bpm);
      if (hit) n.acc1++;
      if (tempoAccuracy2(item.bpm, s.bpm)) n.acc2++;
      n.key += mirexKeyScore(item.tonicPc, item.mode, s.keyPc, s.mode);
      if (a !== null && tempoAccuracy1(item.bpm, a)) n.aubio++;
      if (b !== null && tempoAccuracy1(item.bpm, b)) n.bpm++;
      if (!hit)
        misses.push(
          `${item.id} (${item.feel}, ${item.metre}, ${item.bpm.toFixed(1)} BPM): ours ${s.bpm} ` +
            `(original SoundFont ${o.bpm}); aubio ${a?.toFixed(1)}, bpm-tools ${b?.toFixed(1)}`,
        );
    }
    const f = (k: number) => (items.length ? (k / items.length).toFixed(3) : '–');
    console.log(
      `| ${set.toUpperCase()} | ${items.length} | ${f(n.orig)} | ${f(n.acc1)} / ${f(n.acc2)} / ${f(n.key)} | ${f(n.aubio)} | ${f(n.bpm)} |`,
    );
  }
  if (misses.length)
    console.log(`\nOur misses with the swapped SoundFont:\n${misses.map((m) => `- ${m}`).join('\n')}`);
}

await main();

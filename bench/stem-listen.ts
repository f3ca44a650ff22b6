// Diagnostic (bench only): which stem makes the independent tools hear another tempo. Renders one
// style at one seed (20 s, neutral prompt) and reads aubio, bpm-tools and essentia.js on the mix,
// on each stem alone and on the mix without each stem.
// [STEM_BPM=n] [MIX_ONLY=1] node --import tsx bench/stem-listen.ts <style> <seed> [<seed> …]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav16 } from '../engine/src/master/wav.ts';
import { BPM_TOOLS_RANGE, bpmToolsTempoRange, within } from '../engine/src/testing/listen-proxy.ts';
import readZip from '../engine/src/testing/read-zip.ts';
import { aubioTempo, decodeWav16, essentiaTempo, mono } from '../engine/src/testing/reference-tools.ts';
import { renderStyle, styleById } from './render-style.ts';

const [styleId, ...seeds] = process.argv.slice(2);
const style = styleById(styleId, 'stem-listen.ts <style> <seed> [<seed> …]');
if (seeds.length === 0) throw new Error('usage: stem-listen.ts <style> <seed> [<seed> …]');
const dir = join('bench', 'out', 'stem-listen');
mkdirSync(dir, { recursive: true });

function read(name: string, x: Float32Array, sampleRate: number, plan: number): string {
  const peak = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const y = x.map((v) => (v / peak) * 0.7);
  const path = join(dir, `${name}.wav`);
  writeFileSync(path, encodeWav16([y], sampleRate));
  const t = [aubioTempo(path), bpmToolsTempoRange(y), essentiaTempo(y)];
  return `| ${name} | ${t.map((b) => `${b.toFixed(1)}${within(b, plan) ? ' ✓' : ''}`).join(' | ')} |`;
}

// STEM_BPM=n asks for that tempo; MIX_ONLY=1 reads the mix only (a tempo sweep).
const askedBpm = process.env.STEM_BPM ? Number(process.env.STEM_BPM) : undefined;
const mixOnly = process.env.MIX_ONLY === '1';
console.log(`bpm-tools range ${BPM_TOOLS_RANGE.join('–')}`);
for (const seed of seeds.map(Number)) {
  const track = await renderStyle(style, seed, { bpm: askedBpm });
  const plan = track.plan.bpm;
  const { channels, sampleRate } = decodeWav16(track.wav);
  if (mixOnly) {
    console.log(`${styleId} seed ${seed} plan ${plan}: ${read('mix', mono(channels), sampleRate, plan)}`);
    continue;
  }
  console.log(`\n### ${styleId} seed ${seed}: plan ${plan} BPM, ${String(track.plan.meter)}\n`);
  console.log('| part | aubio | bpm-tools | essentia |\n|---|---|---|---|');
  console.log(read('mix', mono(channels), sampleRate, plan));
  const stems = readZip(track.stemsZip).map((f) => ({
    name: f.name.replace('.wav', ''),
    x: mono(decodeWav16(f.bytes).channels),
  }));
  for (const s of stems) console.log(read(`${s.name} alone`, s.x, sampleRate, plan));
  if (stems.length > 2) {
    for (const s of stems) {
      const rest = new Float32Array(s.x.length);
      for (const o of stems) if (o !== s) for (let i = 0; i < rest.length; i++) rest[i] = rest[i]! + o.x[i]!;
      console.log(read(`without ${s.name}`, rest, sampleRate, plan));
    }
  }
}

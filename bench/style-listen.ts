// bench:engine's listen proxy per style: every style of the published vocabulary rendered from its
// neutral prompt (20 s, seed 2024 by default — a bench seed, neither a tuning nor a test seed), the planned tempo
// against aubio, bpm-tools and essentia.js (4 %, no octave allowance; majority = 2 of 3), the key by
// essentia.js, loudness and true peak by ffmpeg, spectral centroid, and a spectrogram PNG per style
// under bench/out/engine/styles/.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { STYLES } from '../engine/src/compose/styles.ts';
import type { GeneratedTrack, GenerateParams } from '../engine/src/index.ts';
import { BPM_TOOLS_RANGE, type ListenReading, listen, within } from '../engine/src/testing/listen-proxy.ts';
import { renderStyle } from './render-style.ts';

export interface StyleListenRow extends ListenReading {
  style: string;
  meter: string;
  feel: string;
  key: string;
}

export async function styleListenSection(
  generate: (p: GenerateParams) => Promise<GeneratedTrack>,
  outDir: string,
  seed: number,
  only?: readonly string[],
): Promise<StyleListenRow[]> {
  const dir = join(outDir, 'styles');
  mkdirSync(dir, { recursive: true });
  console.log(`\n## Listen proxy per style (20 s, seed ${seed}, neutral prompt = the style's name)\n`);
  console.log(
    `bpm-tools runs with -m ${BPM_TOOLS_RANGE[0]} -x ${BPM_TOOLS_RANGE[1]} for every render; ✓ = within 4 % of the plan, no ×2/×½ allowance\n`,
  );
  console.log(
    '| style | genre | meter | plan BPM | aubio | bpm-tools | essentia | majority | plan key | essentia key | LUFS | dBTP | centroid Hz | onsets/s |',
  );
  console.log('|---|---|---|---:|---:|---:|---:|:-:|---|---|---:|---:|---:|---:|');
  const rows: StyleListenRow[] = [];
  for (const style of STYLES) {
    if (only && !only.includes(style.id)) continue;
    const track = await renderStyle(style, seed, { generate });
    const r = listen(track.wav, track.plan.bpm, dir, style.id);
    spawnSync('sox', [
      join(dir, `${style.id}.wav`),
      '-n',
      'remix',
      '-',
      'spectrogram',
      '-x',
      '800',
      '-y',
      '257',
      '-t',
      `${style.id} ${String(track.plan.meter)} ${track.plan.bpm} BPM ${track.plan.key}`,
      '-o',
      join(dir, `${style.id}.png`),
    ]);
    const row: StyleListenRow = {
      ...r,
      style: style.id,
      meter: String(track.plan.meter),
      feel: String(track.plan.feel),
      key: track.plan.key,
    };
    rows.push(row);
    const t = (v: number): string => `${v.toFixed(1)}${within(v, r.planBpm) ? ' ✓' : ''}`;
    console.log(
      `| ${style.id} | ${style.genre} | ${row.meter}${row.feel === 'half-time' ? ' half-time' : ''} | ${r.planBpm} | ${t(r.aubio)} | ${t(r.bpmTools)} | ${t(r.essentia)} | ${r.agree >= 2 ? 'yes' : 'no'} (${r.agree}/3) | ${row.key} | ${r.essentiaKey}${r.essentiaKey === row.key ? ' ✓' : ''} | ${r.lufs.toFixed(1)} | ${r.truePeak.toFixed(1)} | ${r.centroidHz.toFixed(0)} | ${r.onsetsPerSec.toFixed(1)} |`,
    );
  }
  const n = rows.length;
  const count = (f: (r: StyleListenRow) => boolean): string => `${rows.filter(f).length}/${n}`;
  console.log(
    `\nagreement with the plan: aubio ${count((r) => within(r.aubio, r.planBpm))}, bpm-tools ${count((r) => within(r.bpmTools, r.planBpm))}, essentia ${count((r) => within(r.essentia, r.planBpm))}, majority ${count((r) => r.agree >= 2)}; key (essentia) ${count((r) => r.essentiaKey === r.key)}`,
  );
  return rows;
}

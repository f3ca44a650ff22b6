// Writes every output of one generation into a directory (used by the `soundfoundry generate` CLI).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTrack } from './generate.ts';
import type { GenerateOptions, GenerateParams } from './types.ts';

export async function generateToDirectory(
  params: GenerateParams,
  outDir: string,
  options: GenerateOptions = {},
): Promise<string> {
  const started = performance.now();
  const track = await generateTrack(params, options);
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(join(outDir, 'track.wav'), track.wav),
    writeFile(join(outDir, 'track.mp3'), track.mp3),
    writeFile(join(outDir, 'preview.mp3'), track.previewMp3),
    writeFile(join(outDir, 'stems.zip'), track.stemsZip),
    writeFile(join(outDir, 'track.mid'), track.midi),
    writeFile(join(outDir, 'plan.json'), `${JSON.stringify(track.plan, null, 2)}\n`),
  ]);
  const { plan, stats } = track;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // As the track page says it: the lines a too-short duration left out (the last ones).
  const unsung = typeof plan.lyricsUnsungLines === 'number' ? plan.lyricsUnsungLines : 0;
  const left =
    unsung > 0
      ? `; the last ${unsung === 1 ? 'lyric line' : `${unsung} lyric lines`} did not fit in ${params.durationSec} s`
      : '';
  return (
    `${plan.genre}, ${plan.bpm} BPM, ${plan.key}, style ${String(plan.style)} in ${String(plan.meter)}, ${stats.durationSec} s, ${stats.integratedLufs.toFixed(1)} LUFS, ` +
    `${stats.truePeakDbtp.toFixed(1)} dBTP, stems ${stats.stems.join('+')} → ${outDir} (6 files, ${seconds} s)${left}`
  );
}

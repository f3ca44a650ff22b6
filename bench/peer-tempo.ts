// The two command-line tempo peers as the analyser benches run them on an audio file (any format
// sox and aubio read): aubio's `tempo`, and bpm-tools' `bpm` on sox's raw float decode, searching
// 50–220 BPM like ours. Each returns null when the tool prints no tempo.
import { execFileSync, spawnSync } from 'node:child_process';

export function aubioFileTempo(path: string): number | null {
  const run = spawnSync('aubio', ['tempo', '-i', path], { encoding: 'utf8' });
  const m = /([\d.]+) bpm/.exec(run.stdout);
  return m ? Number(m[1]) : null;
}

export function bpmToolsFileTempo(path: string): number | null {
  // bpm-tools reads raw 32-bit float mono at 44.1 kHz.
  const raw = execFileSync(
    'sox',
    [path, '-t', 'raw', '-r', '44100', '-e', 'float', '-b', '32', '-c', '1', '-'],
    {
      maxBuffer: 512 * 2 ** 20,
    },
  );
  const bpm = Number(execFileSync('bpm', ['-m', '50', '-x', '220'], { input: raw, encoding: 'utf8' }).trim());
  return Number.isFinite(bpm) ? bpm : null;
}

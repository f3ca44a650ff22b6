// Benchmark of the local music engine (npm run bench:engine).
//
// 1. Cost: wall time, CPU time (all threads of this process) and peak RSS for 30/60/120/240 s
//    tracks with every output, through the worker runner the server uses (engine thread + helper
//    thread) for a 5-stem track with vocals, after a warm-up job (or, "steady", one job of every
//    genre, as a worker that has run a while); real-time factor = duration / wall time.
// 2. Listen proxy per style (bench/style-listen.ts; 20 s, seed 2024): planned vs measured tempo by
//    aubio, bpm-tools and essentia (4 %, no octave allowance), key (essentia), loudness and true peak
//    (ffmpeg ebur128), spectral centroid; a spectrogram PNG per style in bench/out/engine/styles/.
//
// The machine's 2 cores are shared with other work: timings are noisy (±30 % or more).
// Flags: --quick (cost for 30/60 s only, 10 styles); --listen-only (no cost section); --seed N (the
// listen proxy's seed instead of 2024: checking a fresh held-out seed); --styles a,b (only these styles).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngineWorker } from '../engine/src/index.ts';
import { requireTool } from '../engine/src/testing/reference-tools.ts';
import { GENRES } from '../engine/src/types.ts';
import { styleListenSection } from './style-listen.ts';
import { threadCpuMs, threadCpuSince } from './thread-cpu.ts';

const quick = process.argv.includes('--quick');
const listenOnly = process.argv.includes('--listen-only');
const flagValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const listenSeed = Number(flagValue('--seed') ?? 2024);
const onlyStyles = flagValue('--styles')?.split(',');
const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out', 'engine');
mkdirSync(outDir, { recursive: true });
for (const [cmd, pkg] of [
  ['ffmpeg', 'ffmpeg'],
  ['sox', 'sox'],
  ['bpm', 'bpm-tools'],
  ['aubio', 'aubio-tools'],
] as const)
  requireTool(cmd, pkg);

/** The measured job: DESIGN.md's target is a 5-stem track (drums, bass, harmony, melody, vocals). */
const LYRICS = [
  'Rain on the window, light in the hall',
  'We were the echoes, we were it all',
  '',
  'Hold on, hold on, the night is young',
  'Hold on, hold on, a song unsung',
].join('\n');
const benchParams = (durationSec: number) =>
  ({ prompt: 'bench', durationSec, seed: 42, genre: 'pop', hasVocals: true, lyrics: LYRICS }) as const;

/**
 * One measured job in a fresh child process (so threads and memory of other runs do not count).
 * Warm-up: one 15 s job, or with `steady` one 15 s job of every genre first, so that the synth has
 * decoded the samples of every instrument, as in a worker that has been running for a while.
 */
async function childMeasure(durationSec: number, parallel: boolean, steady: boolean): Promise<void> {
  const engine = createEngineWorker({ parallel });
  await engine.warm();
  for (const genre of steady ? GENRES : (['pop'] as const))
    await engine.generate({
      prompt: 'warm-up',
      durationSec: 15,
      seed: 1,
      genre,
      hasVocals: true,
      lyrics: 'la la',
    });
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const baseRss = peakRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const threads0 = threadCpuMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await engine.generate(benchParams(durationSec));
  const wallSec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const perThread = threadCpuSince(threads0);
  clearInterval(sampler);
  await engine.close();
  console.log(
    JSON.stringify({
      durationSec,
      parallel,
      steady,
      wallSec,
      cpuSec: (cpu.user + cpu.system) / 1e6,
      busiestThreadsSec: perThread.slice(0, 2).map((ms) => ms / 1000),
      peakRssMb: peakRss / 1e6,
      baseRssMb: baseRss / 1e6,
    }),
  );
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  await childMeasure(
    Number(process.argv[childIndex + 1]),
    process.argv[childIndex + 2] === 'true',
    process.argv[childIndex + 3] === 'true',
  );
  process.exit(0);
}

const WORKER_GLIBC_TUNABLES = process.env.GLIBC_TUNABLES ?? 'glibc.malloc.mmap_threshold=131072';

type CostRow = {
  durationSec: number;
  parallel: boolean;
  steady: boolean;
  wallSec: number;
  cpuSec: number;
  /** CPU of the two busiest threads (engine thread and helper, or the engine thread alone). */
  busiestThreadsSec: number[];
  peakRssMb: number;
  baseRssMb: number;
};
function measureInChild(durationSec: number, parallel: boolean, steady: boolean): CostRow {
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child',
      String(durationSec),
      String(parallel),
      String(steady),
    ],
    // The allocator setting `npm start` and `npm run worker` run with (README: GLIBC_TUNABLES).
    { encoding: 'utf8', env: { ...process.env, GLIBC_TUNABLES: WORKER_GLIBC_TUNABLES } },
  );
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{'))
    throw new Error(`bench child failed: ${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as CostRow;
}

console.log(
  `\n## Cost (worker runner, all outputs of a 5-stem pop track with vocals; each row a fresh process after a 15 s warm-up job, "steady" rows after one 15 s job of every genre)\n`,
);
console.log(
  `measured processes run with GLIBC_TUNABLES=${WORKER_GLIBC_TUNABLES}, as npm start and npm run worker do`,
);
console.log(
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (2 cores; above ≈1 other work competes and wall times grow)`,
);
const coldStart = performance.now();
const engine = createEngineWorker();
await engine.warm();
const warmMs = performance.now() - coldStart;
await engine.generate({ prompt: 'warm-up', durationSec: 15, seed: 1, genre: 'pop' });
const firstJobMs = performance.now() - coldStart;
console.log(
  `cold start here: worker warm (soundfont parsed, the samples jobs play decoded on both threads) after ${warmMs.toFixed(0)} ms; first 15 s job done after ${firstJobMs.toFixed(0)} ms\n`,
);
console.log(
  '| duration | threads | wall s | CPU s | busiest threads CPU s | real-time × | RSS before job MB | peak RSS MB | load |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
const cost: CostRow[] = [];
const configs: [number, boolean, boolean][] = quick
  ? [
      [30, true, false],
      [60, true, false],
      [60, false, false],
      [60, true, true],
    ]
  : [
      [30, true, false],
      [60, true, false],
      [120, true, false],
      [240, true, false],
      [60, true, true],
      [30, false, false],
      [60, false, false],
      [240, false, false],
    ];
for (const [durationSec, parallel, steady] of listenOnly ? [] : configs) {
  const row = measureInChild(durationSec, parallel, steady);
  cost.push(row);
  console.log(
    `| ${durationSec} s | ${parallel ? 'engine + helper' : 'engine only'}${steady ? ', steady' : ''} | ${row.wallSec.toFixed(2)} | ${row.cpuSec.toFixed(2)} | ${row.busiestThreadsSec.map((x) => x.toFixed(2)).join(' / ')} | ${(durationSec / row.wallSec).toFixed(1)} | ${row.baseRssMb.toFixed(0)} | ${row.peakRssMb.toFixed(0)} | ${loadavg()[0]!.toFixed(1)} |`,
  );
}
const par = cost.filter((c) => c.parallel && !c.steady);
if (par.length >= 2) {
  const first = par[0]!;
  const last = par.at(-1)!;
  console.log(
    `\nCPU per track second: ${((first.cpuSec / first.durationSec) * 1000).toFixed(0)} ms at ${first.durationSec} s, ${((last.cpuSec / last.durationSec) * 1000).toFixed(0)} ms at ${last.durationSec} s (linear ⇔ similar)`,
  );
}

const listen = await styleListenSection(
  (p) => engine.generate(p),
  outDir,
  listenSeed,
  onlyStyles ??
    (quick
      ? [
          'pop',
          'house',
          'jazz',
          'ambient',
          'reggae',
          'metal',
          'bossa-nova',
          'waltz',
          'celtic',
          'string-quartet',
        ]
      : undefined),
);
console.log(
  `\nload average at end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log('(spectrograms in bench/out/engine/styles/)');
await engine.close();
writeFileSync(
  join(outDir, 'engine.json'),
  `${JSON.stringify({ cost, listen, warmMs, firstJobMs }, null, 2)}\n`,
);

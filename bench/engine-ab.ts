// Two checkouts of the engine, measured alternately (A B A B …) in fresh processes through the worker
// runner: warm() (its wall and CPU: the soundfont and, where the engine does it, the samples'
// preload), optionally the `bench:engine --quick` row's 15 s pop warm-up job, then the bench's 60 s
// pop job twice (the first job a worker sees and a warm one). Per job: wall, CPU of all threads,
// the two busiest threads' CPU (engine thread and helper; /proc/self/task), peak RSS.
// Usage: node --expose-gc --import tsx bench/engine-ab.ts <rootA> <rootB> [pairs=3] [--warm-up-job]
// (a root is a checkout with engine/src/, e.g. a `git archive` of the base commit beside node_modules).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadCpuMs, threadCpuSince } from './thread-cpu.ts';

const LYRICS =
  'Rain on the window, light in the hall\nWe were the echoes, we were it all\n\nHold on, hold on, the night is young\nHold on, hold on, a song unsung';
const PARAMS = { prompt: 'bench', durationSec: 60, seed: 42, genre: 'pop', hasVocals: true, lyrics: LYRICS };

interface Cost {
  wall: number;
  cpu: number;
  busiest: number[];
  peakMb: number;
}
interface Row {
  root: string;
  load: number;
  warm: Cost;
  first: Cost;
  second: Cost;
}

async function child(root: string, warmUpJob: boolean): Promise<Row> {
  const { createEngineWorker } = await import(pathToFileURL(resolve(root, 'engine/src/index.ts')).href);
  let peak = 0;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10).unref();
  const engine = createEngineWorker();
  const measure = async (f: () => Promise<unknown>): Promise<Cost> => {
    const threads0 = threadCpuMs();
    const t0 = performance.now();
    peak = process.memoryUsage().rss;
    await f();
    const wall = (performance.now() - t0) / 1000;
    const perThread = threadCpuSince(threads0);
    return {
      wall,
      cpu: perThread.reduce((a, b) => a + b, 0) / 1000,
      busiest: perThread.slice(0, 2).map((ms) => ms / 1000),
      peakMb: peak / 1e6,
    };
  };
  const warm = await measure(() => engine.warm());
  if (warmUpJob)
    await engine.generate({
      prompt: 'warm-up',
      durationSec: 15,
      seed: 1,
      genre: 'pop',
      hasVocals: true,
      lyrics: 'la la',
    });
  global.gc?.();
  const load = loadavg()[0]!;
  const first = await measure(() => engine.generate(PARAMS));
  global.gc?.();
  const second = await measure(() => engine.generate(PARAMS));
  await engine.close();
  return { root, load, warm, first, second };
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const row = await child(process.argv[childAt + 1]!, process.argv.includes('--warm-up-job'));
  console.log(JSON.stringify(row));
  process.exit(0);
}

const [rootA, rootB] = process.argv.slice(2, 4).map((r) => resolve(r));
if (!rootA || !rootB) throw new Error('usage: bench/engine-ab.ts <rootA> <rootB> [pairs] [--warm-up-job]');
const pairs = Number(process.argv[4] && !process.argv[4].startsWith('--') ? process.argv[4] : 3);
const warmUpJob = process.argv.includes('--warm-up-job');
const rows: Row[] = [];
for (let i = 0; i < pairs; i++)
  for (const root of [rootA, rootB]) {
    const run = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        root,
        ...(warmUpJob ? ['--warm-up-job'] : []),
      ],
      // The allocator setting `npm start` and `npm run worker` run with (README: GLIBC_TUNABLES).
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? 'glibc.malloc.mmap_threshold=131072',
        },
      },
    );
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    if (run.status !== 0 || !line.startsWith('{'))
      throw new Error(`child failed: ${run.stderr.slice(-2000)}`);
    const row = JSON.parse(line) as Row;
    rows.push(row);
    const f = (c: Cost) =>
      `${c.wall.toFixed(2)} s wall, ${c.cpu.toFixed(2)} s CPU, busiest ${c.busiest.map((x) => x.toFixed(2)).join(' / ')}, peak ${c.peakMb.toFixed(0)} MB`;
    console.log(
      `${root} (load ${row.load.toFixed(2)}): warm ${f(row.warm)} | first ${f(row.first)} | second ${f(row.second)}`,
    );
  }
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
for (const root of [rootA, rootB]) {
  const mine = rows.filter((r) => r.root === root);
  const m = (pick: (r: Row) => number) => median(mine.map(pick)).toFixed(2);
  console.log(
    `medians ${root}: warm ${m((r) => r.warm.wall)} s; first ${m((r) => r.first.wall)} s wall, busiest ${m((r) => r.first.busiest[0]!)} s, CPU ${m((r) => r.first.cpu)} s; second ${m((r) => r.second.wall)} s wall, busiest ${m((r) => r.second.busiest[0]!)} s, CPU ${m((r) => r.second.cpu)} s`,
  );
}

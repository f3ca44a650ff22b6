// Content-policy benchmark (npm run bench:policy): µs per checkContent call for a normal prompt and
// for the longest request (1000-character prompt, 120-character title, 3500-character lyrics), the
// current module against a frozen copy of the version before its speed-up (bench/content-policy/
// baseline.ts), interleaved in the same run: the machine's 2 cores are shared, so the ratio says
// more than the microseconds. Both must give the same verdicts (checked first).
import { loadavg } from 'node:os';
import * as current from '../server/src/services/content-policy.ts';
import * as baseline from './content-policy/baseline.ts';

type Fields = { prompt?: string; title?: string; lyrics?: string };
type Impl = { checkContent: (f: Fields) => void };

const normal: Fields = {
  prompt: 'dusty lo-fi hip hop for a rainy night, warm Rhodes piano, vinyl crackle, slow boom bap drums',
  title: 'Rainy Night',
};
const verse =
  'Walking down the river road, the city lights are low, I carry every word you said and nowhere left to go. ';
const longest: Fields = {
  prompt: 'cinematic orchestral build with pounding taiko drums, soaring strings and a lonely French horn, '
    .repeat(20)
    .slice(0, 1000),
  title: 'The Long Road Home Under a Thousand Quiet Stars and the Sound of the Sea at Night, Part One'.slice(
    0,
    120,
  ),
  lyrics: `[Verse]\n${verse.repeat(40)}`.slice(0, 3500),
};
const refused: Fields = { prompt: 'a ballad in the style of t4yl0r sw1ft, soft piano' };

function verdict(impl: Impl, f: Fields): string {
  try {
    impl.checkContent(f);
    return 'ok';
  } catch (err) {
    return JSON.stringify((err as { details?: unknown }).details);
  }
}

function timeOne(impl: Impl, f: Fields, n: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) verdict(impl, f);
  return Number(process.hrtime.bigint() - t0) / 1000 / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cases: [string, Fields, number][] = [
  ['normal prompt + title', normal, 400],
  ['longest prompt + title + lyrics', longest, 40],
  ['refused (obfuscated artist)', refused, 400],
];

for (const [, f] of cases) {
  const a = verdict(baseline, f);
  const b = verdict(current, f);
  if (a !== b) throw new Error(`verdicts differ: baseline ${a}, current ${b}`);
}
// Warm-up (JIT, obscenity's lazily built matcher).
for (const [, f, n] of cases) for (const impl of [baseline, current]) timeOne(impl, f, Math.ceil(n / 4));

console.log(
  `content policy, µs per checkContent (median of 9 interleaved rounds; load ${loadavg()[0]!.toFixed(1)})`,
);
for (const [name, f, n] of cases) {
  const base: number[] = [];
  const cur: number[] = [];
  for (let r = 0; r < 9; r++) {
    base.push(timeOne(baseline, f, n));
    cur.push(timeOne(current, f, n));
  }
  const b = median(base);
  const c = median(cur);
  console.log(
    `${name.padEnd(34)} baseline ${b.toFixed(0).padStart(6)} µs   now ${c.toFixed(0).padStart(6)} µs   ×${(b / c).toFixed(2)} faster`,
  );
}

// Per-stage timing of one job on one thread (no helper), for profiling the engine:
// CPU time per stage: compose, synthesis and strip per stem, WAV + sum, master, MP3, master WAV, peaks, preview cut, MIDI.
// Usage: node --expose-gc --import tsx bench/engine-stages.ts [durationSec=60] [runs=3] [root=.] [genre=pop]
// CPU is the process's (V8's background GC threads included, counted in whichever stage they overlap:
// the first stem after the job's forced GC reads high).
// `root` lets the same script time another checkout of the engine (a baseline worktree) back to back.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const durationSec = Number(process.argv[2] ?? 60);
const runs = Number(process.argv[3] ?? 3);
const root = resolve(process.argv[4] ?? '.');
const genre = process.argv[5] ?? 'pop';
const src = (p: string) => import(pathToFileURL(resolve(root, 'engine/src', p)).href);

const { composePlan } = await src('compose/compose-plan.ts');
const { JobArena } = await src('job-arena.ts');
const mixdown = await src('mixdown.ts');
const { StemsZip } = await src('master/stems-zip.ts');
const { StemStrip, STEM_WAV_GAIN } = await src('render/stem-fx.ts');
const { renderStem } = await src('render/synth-render.ts');
const { encodeWav16 } = await src('master/wav.ts');
const { encodeMp3 } = await src('master/mp3.ts');
const { waveformPeaks } = await src('master/peaks.ts');
const { cutMp3 } = await src('master/mp3-cut.ts');
const { planToMidi } = await src('master/midi-file.ts');
const { STEM_NAMES } = await src('compose/plan-types.ts');
const { loadSoundfont } = await src('render/soundfont.ts');

const LYRICS =
  'Rain on the window, light in the hall\nWe were the echoes, we were it all\n\nHold on, hold on, the night is young\nHold on, hold on, a song unsung';
const params = { prompt: 'bench', durationSec, seed: 42, genre, hasVocals: true, lyrics: LYRICS };
const SR = mixdown.SAMPLE_RATE;

loadSoundfont();
const totals = new Map<string, number[]>();
const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
  // CPU time of the process (this thread and V8's helpers): steadier than wall time on a shared machine.
  const c0 = process.cpuUsage();
  const r = await f();
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  if (!totals.has(name)) totals.set(name, []);
  totals.get(name)!.push(ms);
  return r;
};

async function job(record: boolean): Promise<void> {
  const t = record ? time : async <T>(_: string, f: () => T | Promise<T>) => f();
  const c0 = process.cpuUsage();
  const plan = await t('compose', () => composePlan(params));
  const frames = Math.round(plan.durationSec * SR);
  const arena = JobArena.acquire(frames);
  const zip = new StemsZip(mixdown.stemsZipEntries(plan, frames));
  const buffer = arena.stemSlot(0);
  const [left, right] = buffer;
  for (const name of mixdown.stemsInRenderOrder(plan)) {
    const strip = new StemStrip(name, plan, SR, frames);
    let filterMs = 0;
    const split = mixdown.laneSplit?.(plan).splitFraction;
    if (name === mixdown.SPLIT_STEM && split !== undefined) {
      // The split stem as a job renders it: two note shares (one per lane), summed, then filtered.
      const other = arena.stemSlot(1);
      await t(`synth ${name} share 0`, () =>
        renderStem(plan, SR, name, buffer, { share: { index: 0, fraction: split } }),
      );
      await t(`synth ${name} share 1`, () =>
        renderStem(plan, SR, name, other, { share: { index: 1, fraction: split } }),
      );
      await t(`synth ${name} (+filter)`, () => {
        for (let i = 0; i < frames; i++) {
          left[i] = left[i]! + other[0][i]!;
          right[i] = right[i]! + other[1][i]!;
        }
        const f0 = performance.now();
        strip.filterRendered(left, right, 0, frames);
        filterMs += performance.now() - f0;
      });
    } else
      await t(`synth ${name} (+filter)`, () =>
        renderStem(plan, SR, name, buffer, {
          onRendered: (a: number, b: number) => {
            const f0 = performance.now();
            strip.filterRendered(left, right, a, b);
            filterMs += performance.now() - f0;
          },
        }),
      );
    if (record) {
      if (!totals.has(`  of which filter ${name}`)) totals.set(`  of which filter ${name}`, []);
      totals.get(`  of which filter ${name}`)!.push(filterMs);
    }
    const gain = await t(`strip ${name}`, () => strip.finish(left, right));
    await t(`wav+sum ${name}`, () => {
      const entry = `${name}.wav`;
      encodeWav16(
        buffer,
        SR,
        plan.seed + 17 + STEM_NAMES.indexOf(name),
        gain * STEM_WAV_GAIN,
        zip.data(entry),
        { mix: arena.mix, gain },
      );
      zip.seal(entry);
    });
  }
  const bus = new mixdown.MixBus(plan, arena);
  const m = await t('master', () => bus.master());
  const mp3 = await t('mp3 (full)', () => encodeMp3(m.left, m.right, SR));
  await t('wav master', () => encodeWav16([m.left, m.right], SR, plan.seed + 1));
  await t('peaks', () => waveformPeaks([m.left, m.right], SR));
  await t('preview cut', () =>
    cutMp3(mp3, { startSec: mixdown.previewStartSec(plan), durationSec: 30, fadeInSec: 0.5, fadeOutSec: 2 }),
  );
  await t('zip finish', () => zip.finish());
  await t('midi', () => planToMidi(plan));
  arena.release();
  if (record) {
    const c = process.cpuUsage(c0);
    totals.set('TOTAL', [...(totals.get('TOTAL') ?? []), (c.user + c.system) / 1000]);
  }
}

await job(false);
for (let i = 0; i < runs; i++) {
  global.gc?.();
  await job(true);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `stage timings, ${durationSec} s ${genre} track with vocals, one thread, median of ${runs} (CPU ms), root ${root}`,
);
for (const [k, v] of totals)
  console.log(
    `${k.padEnd(30)} ${median(v).toFixed(0).padStart(6)}   [${v.map((x) => x.toFixed(0)).join(', ')}]`,
  );

// The two lanes of the worker runner (this tree's mixdown.ts helperStems), from the medians above:
// the job's own thread does compose and its stems, the helper its stems; then the master, then
// the MP3 in two halves at once. A load-independent estimate of the job's critical path.
const plan = composePlan(params);
const helper: string[] = mixdown.helperStems(plan);
const stemCost = (name: string) =>
  ['synth', 'strip', 'wav+sum'].reduce(
    (a, k) => a + median(totals.get(k === 'synth' ? `synth ${name} (+filter)` : `${k} ${name}`)!),
    0,
  );
const all: string[] = mixdown.stemsInRenderOrder(plan);
// A split stem (laneSplit): share 1 on the job's own thread, share 0 and the rest on its owner.
const shareMs = (i: number) => median(totals.get(`synth ${mixdown.SPLIT_STEM} share ${i}`) ?? [0]);
const ownLane =
  median(totals.get('compose')!) +
  all.filter((n) => !helper.includes(n)).reduce((a, n) => a + stemCost(n), 0) +
  shareMs(1);
const helperLane = helper.reduce((a, n) => a + stemCost(n), 0) + shareMs(0);
const tail = median(totals.get('master')!) + median(totals.get('mp3 (full)')!) / 2;
console.log(
  `lanes: own thread ${all.filter((n) => !helper.includes(n)).join('+')} ${ownLane.toFixed(0)} ms, helper ${helper.join('+')} ${helperLane.toFixed(0)} ms; ` +
    `+ master and half the MP3 ${tail.toFixed(0)} ms → critical path ≈${(Math.max(ownLane, helperLane) + tail).toFixed(0)} ms`,
);

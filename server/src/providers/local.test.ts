import { describe, expect, it } from 'vitest';
import { createLocalProvider } from './local.ts';
import type { MusicRequest } from './types.ts';

// WORKER_CONCURRENCY honest for local renders: N engines render N tracks at once;
// with fewer engines, the extra render waits for a free one (and says so).

const req = (seed: number): MusicRequest => ({
  prompt: 'short lo-fi sketch',
  durationS: 15,
  seed,
  styleStrength: 0.5,
  hasVocals: false,
});

async function pair(engines: number) {
  const p = createLocalProvider({ engines });
  const events: string[] = [];
  const waits: number[] = [];
  try {
    const run = (name: string, seed: number) =>
      p
        .generate(req(seed), {
          onProgress: () => {
            if (!events.includes(`${name} started`)) events.push(`${name} started`);
          },
          onStatus: (s) => s.queuePosition && waits.push(s.queuePosition),
        })
        .then(() => events.push(`${name} done`));
    await Promise.all([run('a', 1), run('b', 2)]);
  } finally {
    await p.close();
  }
  return { events, waits };
}

describe('local provider engine pool', () => {
  it('two engines: the second render starts before the first ends', async () => {
    const { events, waits } = await pair(2);
    expect(events.indexOf('b started')).toBeLessThan(events.indexOf('a done'));
    expect(waits).toEqual([]);
  }, 120_000);

  it('one engine: the second render waits for it (position 1), then runs', async () => {
    const { events, waits } = await pair(1);
    expect(events).toEqual(['a started', 'a done', 'b started', 'b done']);
    expect(waits).toEqual([1]);
  }, 120_000);

  it('warm(): starts the first engine before any job, and the first job runs on that engine', async () => {
    const p = createLocalProvider({ engines: 2 });
    const detail = async () => (await p.health()).detail;
    try {
      expect(await detail()).toMatch(/0 of 2 engines started, 0 warm/);
      await p.warm?.();
      expect(await detail()).toMatch(/1 of 2 engines started, 1 warm/);
      await p.warm?.(); // once is enough: no second engine
      await p.generate(req(3));
      expect(await detail()).toMatch(/1 of 2 engines started, 1 warm/);
    } finally {
      await p.close();
    }
    await p.warm?.(); // after close: nothing starts
    expect(await detail()).toMatch(/0 of 2 engines started/);
  }, 120_000);

  it('close() during warm(): the warm-up settles instead of hanging', async () => {
    const p = createLocalProvider({ engines: 1 });
    const warming = p.warm?.();
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    await expect(warming).resolves.toBeUndefined();
  }, 60_000);
});

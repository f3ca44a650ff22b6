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
});

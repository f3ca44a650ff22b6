import { describe, expect, it } from 'vitest';
import { simulatedJob } from './simulate';

describe('mock job progression', () => {
  it('goes QUEUED → RENDERING → MASTERING → COMPLETE with monotone progress and a falling ETA', () => {
    const seen: string[] = [];
    let last = -1;
    let lastEta = Number.POSITIVE_INFINITY;
    for (let t = 0; t <= 8000; t += 250) {
      const j = simulatedJob(0, t, 30);
      if (seen.at(-1) !== j.status) seen.push(j.status);
      expect(j.progress).toBeGreaterThanOrEqual(last);
      expect(j.eta ?? 0).toBeLessThanOrEqual(lastEta);
      last = j.progress;
      lastEta = j.eta ?? 0;
    }
    expect(seen).toEqual(['QUEUED', 'RENDERING', 'MASTERING', 'COMPLETE']);
  });
});

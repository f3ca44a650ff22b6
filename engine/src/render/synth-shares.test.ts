// A stem rendered in two note shares (noteShares, for the two threads) sums to the whole stem.
import { describe, expect, it } from 'vitest';
import { composePlan } from '../compose/compose-plan.ts';
import { buildEvents, noteShares, renderStem, type StereoBuffer } from './synth-render.ts';

const SR = 44100;
const plan = composePlan({ prompt: 'split', durationSec: 8, seed: 5, genre: 'pop' });
const buffer = (): StereoBuffer => [new Float32Array(8 * SR), new Float32Array(8 * SR)];

describe('note shares', () => {
  it('splits the notes by key and the two shares sum to the whole stem (up to float rounding)', async () => {
    const events = buildEvents({ ...plan, parts: plan.parts.filter((p) => p.stem === 'harmony') }, SR);
    const shares = noteShares(plan, events, SR, 0.5);
    // Both shares have notes, and one key never sounds in both.
    expect(shares.includes(0) && shares.includes(1)).toBe(true);
    const keyShare = new Map<number, number>();
    for (const e of events) {
      const key = e.channel * 128 + e.pitch;
      expect(keyShare.get(key) ?? shares[e.note], `key ${key}`).toBe(shares[e.note]);
      keyShare.set(key, shares[e.note]!);
    }
    const whole = buffer();
    const [a, b] = [buffer(), buffer()];
    await renderStem(plan, SR, 'harmony', whole);
    await renderStem(plan, SR, 'harmony', a, { share: { index: 0, fraction: 0.5 } });
    await renderStem(plan, SR, 'harmony', b, { share: { index: 1, fraction: 0.5 } });
    let peak = 0;
    let worst = 0;
    let energyA = 0;
    let energyB = 0;
    for (let c = 0; c < 2; c++)
      for (let i = 0; i < whole[c]!.length; i++) {
        peak = Math.max(peak, Math.abs(whole[c]![i]!));
        worst = Math.max(worst, Math.abs(a[c]![i]! + b[c]![i]! - whole[c]![i]!));
        energyA += a[c]![i]! ** 2;
        energyB += b[c]![i]! ** 2;
      }
    expect(peak).toBeGreaterThan(0.01);
    expect(energyA).toBeGreaterThan(0);
    expect(energyB).toBeGreaterThan(0);
    // The voices are the same, added in another order: float32 rounding only (≈1e-7 of the peak).
    expect(worst / peak).toBeLessThan(1e-5);
  });
});

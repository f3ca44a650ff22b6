// Vinyl texture for lo-fi (or prompts that ask for vinyl/dusty/tape): sparse crackle clicks and a
// soft band-limited hiss, seeded so the bytes stay deterministic. Added to the harmony stem.
import { createRng } from '../compose/prng.ts';

export function addVinylTexture(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  seed: number,
  levelDb: number,
): void {
  const rng = createRng(seed, 'vinyl');
  const level = 10 ** (levelDb / 20);
  const clicksPerSec = 6;
  const clickChance = clicksPerSec / sampleRate;
  const hissLp = Math.exp((-2 * Math.PI * 4000) / sampleRate);
  const clickDecay = Math.exp(-1 / (0.0004 * sampleRate));
  let hissL = 0;
  let hissR = 0;
  let click = 0;
  let clickSide = 0.5;
  for (let i = 0; i < left.length; i++) {
    if (rng.next() < clickChance) {
      // Mostly small ticks, now and then a louder pop.
      const r = rng.next();
      click = (rng.next() < 0.5 ? -1 : 1) * level * (r < 0.9 ? 2 + 4 * r : 12);
      clickSide = rng.next();
    }
    hissL = hissL * hissLp + (rng.next() - 0.5) * (1 - hissLp);
    hissR = hissR * hissLp + (rng.next() - 0.5) * (1 - hissLp);
    left[i] = left[i]! + hissL * level * 0.6 + click * (1 - clickSide);
    right[i] = right[i]! + hissR * level * 0.6 + click * clickSide;
    click *= clickDecay;
  }
}

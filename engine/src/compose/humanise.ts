// Swing and humanisation applied to every part after composition: off-beat eighths/sixteenths are
// delayed by the genre's swing, and onsets get a few milliseconds of seeded jitter (drums less).
import type { PartPlan } from './plan-types.ts';
import type { Rng } from './prng.ts';

export function humanise(parts: PartPlan[], swing: number, swingUnit: 8 | 16, bpm: number, rng: Rng): void {
  const msToBeats = bpm / 60000;
  for (const part of parts) {
    const jitterMs = part.stem === 'drums' ? 3 : 7;
    for (const note of part.notes) {
      const frac = note.startBeat - Math.floor(note.startBeat);
      if (swing > 0) {
        if (swingUnit === 8 && Math.abs(frac - 0.5) < 1e-6) note.startBeat += swing * 0.5;
        if (swingUnit === 16 && (Math.abs(frac - 0.25) < 1e-6 || Math.abs(frac - 0.75) < 1e-6))
          note.startBeat += swing * 0.25;
      }
      const downbeat = frac < 1e-6;
      const jitter = (rng.next() + rng.next() - 1) * jitterMs * (downbeat ? 0.5 : 1) * msToBeats;
      note.startBeat = Math.max(0, note.startBeat + jitter);
    }
    part.notes.sort((a, b) => a.startBeat - b.startBeat || a.pitch - b.pitch);
  }
}

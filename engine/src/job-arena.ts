// A job's track-long audio buffers, all in ONE SharedArrayBuffer: two stem slots (the synth renders
// into one while the mix bus processes the other), the pre-master mix and the master.
//
// Why one block: these are 8 × 10.6 MB for a 60 s track. Allocated one by one, freed buffers of
// that size stay in the allocator's per-thread arenas (glibc raises its mmap threshold to the size of
// the first one freed), so a worker's resident memory grew by ≈100 MB over a few jobs. One block of
// more than 32 MB is always mapped on its own and returned to the system when the job lets it go.
// Shared, because the engine thread renders into the stem slots and reads the master while the
// helper thread processes stems and masters: nothing is copied or transferred between them.
import type { StereoBuffer } from './render/synth-render.ts';

export const STEM_SLOTS = 2;
const BUFFERS = 2 * (STEM_SLOTS + 2);

export class JobArena {
  readonly memory: SharedArrayBuffer;
  readonly frames: number;

  /** A new arena for `frames` frames, or a view of one made by another thread. */
  constructor(frames: number, memory?: SharedArrayBuffer) {
    this.frames = frames;
    this.memory = memory ?? new SharedArrayBuffer(frames * BUFFERS * Float32Array.BYTES_PER_ELEMENT);
    if (this.memory.byteLength !== frames * BUFFERS * Float32Array.BYTES_PER_ELEMENT)
      throw new Error('job arena: size does not match the frame count');
  }

  private pair(index: number): StereoBuffer {
    const channel = (c: number): Float32Array =>
      new Float32Array(
        this.memory,
        (2 * index + c) * this.frames * Float32Array.BYTES_PER_ELEMENT,
        this.frames,
      );
    return [channel(0), channel(1)];
  }

  /** Stem slot 0 or 1. */
  stemSlot(slot: number): StereoBuffer {
    if (!Number.isInteger(slot) || slot < 0 || slot >= STEM_SLOTS) throw new Error(`no stem slot ${slot}`);
    return this.pair(slot);
  }

  get mix(): StereoBuffer {
    return this.pair(STEM_SLOTS);
  }

  get master(): StereoBuffer {
    return this.pair(STEM_SLOTS + 1);
  }
}

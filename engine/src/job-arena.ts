// A job's track-long audio buffers, all in ONE SharedArrayBuffer: one stem slot per render lane
// (the engine thread renders into lane 0, the helper thread into lane 1), and the pre-master mix.
// The master is written into lane 1's slot, which is free once every stem is in the mix (the
// master is computed from the mix, several passes, so it cannot overwrite the mix itself).
//
// Why one block: these are 6 × 10.6 MB for a 60 s track. Allocated one by one, freed buffers of
// that size stay in the allocator's per-thread arenas (glibc raises its mmap threshold to the size of
// the first one freed), so a worker's resident memory grew by ≈100 MB over a few jobs. One block of
// more than 32 MB is always mapped on its own and returned to the system when the job lets it go.
// Shared, because both threads render into their slots, sum into the mix and read the master:
// nothing is copied or transferred between them.
import type { StereoBuffer } from './render/synth-render.ts';

/** Render lanes: 0 = the thread that runs the job, 1 = the helper thread beside it. */
export const LANES = 2;
const BUFFERS = 2 * (LANES + 1);

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

  /** The stem slot of render lane 0 or 1. */
  stemSlot(lane: number): StereoBuffer {
    if (!Number.isInteger(lane) || lane < 0 || lane >= LANES) throw new Error(`no render lane ${lane}`);
    return this.pair(lane);
  }

  get mix(): StereoBuffer {
    return this.pair(LANES);
  }

  /** Lane 1's slot: only written once every stem has been summed into the mix. */
  get master(): StereoBuffer {
    return this.pair(1);
  }
}

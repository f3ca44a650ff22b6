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
const LANES = 2;
const BUFFERS = 2 * (LANES + 1);

/** Bytes of an arena for `frames` frames. */
function arenaBytes(frames: number): number {
  return frames * BUFFERS * Float32Array.BYTES_PER_ELEMENT;
}

/**
 * The last finished job's arena, kept for the next job of this thread (up to this size: ≈125 s of
 * audio). A fresh arena's pages are mapped and zeroed by the kernel as the job first touches them,
 * ≈60 MB for a 60 s track, and with both threads faulting at once that cost ≈0.2 s of a job.
 */
const POOL_MAX_BYTES = 128 * 1024 * 1024;
let pooled: SharedArrayBuffer | undefined;

export class JobArena {
  readonly memory: SharedArrayBuffer;
  readonly frames: number;

  /** An arena for `frames` frames (in `memory`, which may be larger, when given). */
  constructor(frames: number, memory?: SharedArrayBuffer) {
    this.frames = frames;
    this.memory = memory ?? new SharedArrayBuffer(arenaBytes(frames));
    if (this.memory.byteLength < arenaBytes(frames))
      throw new Error('job arena: too small for the frame count');
  }

  /**
   * An arena for a new job: the pooled one when it is large enough (its mix cleared: the stem
   * slots and the master are overwritten by whoever uses them), else a new one.
   */
  static acquire(frames: number): JobArena {
    const memory = pooled && pooled.byteLength >= arenaBytes(frames) ? pooled : undefined;
    pooled = undefined;
    const arena = new JobArena(frames, memory);
    if (memory) for (const channel of arena.mix) channel.fill(0);
    return arena;
  }

  /**
   * Gives the arena back for the next job. Only after a job that finished: then no thread writes
   * into it any more (a cancelled job's helper may still be finishing a stem).
   */
  release(): void {
    if (this.memory.byteLength <= POOL_MAX_BYTES && (!pooled || pooled.byteLength < this.memory.byteLength))
      pooled = this.memory;
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

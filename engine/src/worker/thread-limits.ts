// Heap limits of the engine's worker threads.
import type { ResourceLimits } from 'node:worker_threads';

/**
 * V8 lets each isolate's young generation grow to tens of MB under a high allocation rate, and an
 * engine thread allocates little that lives: its audio is in ArrayBuffers outside the JS heap. A
 * small young generation keeps each thread's resident memory ≈30 MB lower (60 s job, peak process
 * RSS ≈505 → ≈445 MB, measured in bench:engine) for a few more, cheap scavenges.
 */
export const ENGINE_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 4 };

import type { RunOutcome } from './runner.ts';

/**
 * How the API hands a job to the workers. The jobs table is the durable record;
 * a queue only says "run this now" (or after `delayMs`), so enqueueing the same job
 * twice is harmless (BullMQ dedupes by jobId; the embedded dispatcher by its
 * running set, and the database claim by its lease).
 */
export interface JobQueue {
  readonly kind: 'embedded' | 'bullmq';
  enqueue(jobId: string, priority: number, opts?: { delayMs?: number }): Promise<void>;
  /**
   * Takes a cancelled job's waiting delivery off the queue (BullMQ). Optional: the embedded
   * dispatcher reads the jobs table, where the job is final already.
   */
  cancel?(jobId: string): Promise<void>;
  /** Jobs waiting or running: the queue-depth gauge. */
  depth(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Runs one job through the lifecycle (worker/runner.ts) and says what the queue should do next. */
export type RunJob = (jobId: string) => Promise<RunOutcome>;

import { type ConnectionOptions, DelayedError, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { findRunnableJobs } from '../services/jobs.ts';
import type { JobQueue, RunJob } from './queue.ts';

/** One BullMQ queue for every job kind: the kind lives in the jobs row (worker/registry.ts). */
export const QUEUE_NAME = 'jobs';
const BullData = z.object({ jobId: z.uuid() });

/** BullMQ job ids come from the business key; never all digits, no ':'. */
export const bullJobId = (jobId: string) => `j-${jobId}`;

export function redisConnection(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest: null on connections used by workers.
  const r = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  r.on('error', () => {}); // ioredis reconnects by itself; /health/ready reports it
  return r;
}

/** Producer side (the API). */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queue: Queue;

  constructor(redisUrl: string, prefix: string) {
    this.connection = redisConnection(redisUrl);
    this.queue = new Queue(QUEUE_NAME, {
      connection: this.connection as unknown as ConnectionOptions,
      prefix,
      defaultJobOptions: {
        // Removing finished jobs frees their id, so a later re-enqueue of the same
        // DB job (by the sweeper, after a crash) is not silently deduplicated away.
        removeOnComplete: true,
        removeOnFail: true,
        // The jobs table counts attempts and schedules retries (worker/runner.ts);
        // BullMQ retries only a processor that crashed outside the runner.
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
      },
    });
  }

  async enqueue(jobId: string, priority: number, opts: { delayMs?: number } = {}): Promise<void> {
    await this.queue.add(
      'job',
      { jobId },
      { jobId: bullJobId(jobId), priority, ...(opts.delayMs ? { delay: Math.ceil(opts.delayMs) } : {}) },
    );
  }

  async depth(): Promise<number> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return Object.values(c).reduce((a, b) => a + b, 0);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  /**
   * Re-enqueues what the table says should run (QUEUED, or an expired lease): covers
   * an API that crashed between commit and enqueue, and Redis losing its data.
   */
  async sweep(db: Db): Promise<number> {
    const now = Date.now();
    const runnable = await findRunnableJobs(db, 500, new Date(now), { includeDelayed: true });
    for (const j of runnable)
      await this.enqueue(j.id, j.priority, { delayMs: j.runAfter ? j.runAfter.getTime() - now : 0 });
    return runnable.length;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

/**
 * Consumer side (`npm run worker`). Lock and stall settings: the rendering runs in
 * a worker thread, so this event loop stays free to renew the lock every
 * lockDuration/2; a SIGKILLed worker's job is found stalled within
 * stalledInterval + lockDuration and handed to another worker, whose database
 * claim waits for the dead worker's lease (same length) to expire.
 */
export function startBullmqWorker(
  redisUrl: string,
  runJob: RunJob,
  opts: { prefix: string; concurrency: number; leaseSec: number; onError?: (err: unknown) => void },
): { worker: Worker; close(): Promise<void> } {
  const connection = redisConnection(redisUrl);
  const lockDuration = opts.leaseSec * 1000;
  const worker = new Worker(
    QUEUE_NAME,
    async (job, token) => {
      const { jobId } = BullData.parse(job.data);
      const out = await runJob(jobId);
      if (out.type === 'retry' || out.type === 'busy') {
        // Waits as a delayed job, holding no worker slot (BullMQ's documented way to
        // delay from inside a processor; attemptsMade is not counted).
        await job.moveToDelayed(Math.max(out.at.getTime(), Date.now() + 50), token);
        throw new DelayedError();
      }
      if (out.type === 'failed') throw new UnrecoverableError(out.message);
    },
    {
      connection: connection as unknown as ConnectionOptions,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration,
      stalledInterval: Math.min(5000, Math.max(1000, lockDuration / 5)),
      maxStalledCount: 5,
    },
  );
  worker.on('error', (err) => opts.onError?.(err));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

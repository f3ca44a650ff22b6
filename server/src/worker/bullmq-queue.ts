import {
  type ConnectionOptions,
  DelayedError,
  Queue,
  UnrecoverableError,
  WaitingError,
  Worker,
} from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { findRunnableJobs, type RunnableCursor } from '../services/jobs.ts';
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

/** The queue could not take a job now (Redis down or slow); the job stays QUEUED for the sweeper. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

export interface BullmqQueueOptions {
  /** Longest wait for Redis to accept a job (default 3 s). */
  timeoutMs?: number;
  /** One readable line when Redis goes away and one when it is back (never a stack per retry). */
  log?: { warn(msg: string): void; info(msg: string): void };
  /** Runnable jobs looked at per sweep (default 500). */
  sweepBatch?: number;
}

/** Producer side (the API). */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly timeoutMs: number;
  private readonly sweepBatch: number;
  private down = false;

  constructor(
    redisUrl: string,
    prefix: string,
    private readonly opts: BullmqQueueOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 3000;
    this.sweepBatch = opts.sweepBatch ?? 500;
    this.connection = redisConnection(redisUrl);
    // Without these listeners BullMQ prints every reconnection error's stack to stderr.
    this.connection.on('error', (err: Error) => this.markDown(err));
    this.connection.on('ready', () => this.markUp());
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
    // BullMQ re-emits its connection's errors; unheard, it prints each one's stack.
    this.queue.on('error', (err: Error) => this.markDown(err));
  }

  /**
   * Removes a cancelled job's delivery while it waits (or is delayed). A delivery a worker holds
   * is locked and stays: that worker hears of the cancel and stops, and the delivery completes.
   */
  async cancel(jobId: string): Promise<void> {
    if (this.connection.status !== 'ready') return; // the delivery finds the job final, harmlessly
    await this.queue.remove(bullJobId(jobId));
  }

  /**
   * Fails fast (QueueUnavailableError) when Redis is not connected or does not answer
   * within the timeout, instead of waiting in ioredis's offline queue for ever: the job
   * row is committed, and the sweeper enqueues it once Redis is back.
   */
  async enqueue(jobId: string, priority: number, opts: { delayMs?: number } = {}): Promise<void> {
    if (this.connection.status !== 'ready') {
      throw new QueueUnavailableError(`Redis is not connected (${this.connection.status}).`);
    }
    let timer: NodeJS.Timeout | undefined;
    const add = this.queue.add(
      QUEUE_NAME,
      { jobId },
      { jobId: bullJobId(jobId), priority, ...(opts.delayMs ? { delay: Math.ceil(opts.delayMs) } : {}) },
    );
    add.catch(() => {}); // may settle after the timeout; the sweeper covers it either way
    try {
      await Promise.race([
        add,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new QueueUnavailableError(`Redis did not answer within ${this.timeoutMs} ms.`)),
            this.timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once Redis has answered the ready check (the first enqueue after start may need it). */
  async ready(): Promise<void> {
    await this.queue.waitUntilReady();
  }

  private markDown(err: Error) {
    if (this.down) return;
    this.down = true;
    const code = (err as { code?: string }).code;
    this.opts.log?.warn(
      `Redis unreachable (${code ?? err.message}); new jobs stay QUEUED and are enqueued when it is back.`,
    );
  }

  private markUp() {
    if (!this.down) return;
    this.down = false;
    this.opts.log?.info('Redis reachable again; queued jobs are being enqueued.');
  }

  async depth(): Promise<number> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return Object.values(c).reduce((a, b) => a + b, 0);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  /** Where the last sweep stopped in the runnable jobs; undefined: start from the first. */
  private sweepCursor: RunnableCursor | undefined;

  /**
   * Re-enqueues what the table says should run (QUEUED, or an expired lease) and BullMQ does not
   * hold: covers an API that crashed between commit and enqueue, a request whose enqueue failed
   * (Redis down), and Redis losing its data. Each sweep looks at the next `sweepBatch` runnable
   * jobs after where the last one stopped, so a backlog larger than a batch is still covered in
   * turn, and asks Redis in one round trip which of them it already holds: a backlog waiting for
   * busy workers costs one pipelined EXISTS per job, not a re-add of each every sweep.
   * Returns how many jobs were handed to BullMQ.
   */
  async sweep(db: Db): Promise<number> {
    // While Redis is away there is nothing to hand jobs to (the outage is logged once).
    if (this.connection.status !== 'ready') return 0;
    const now = Date.now();
    const batch = await findRunnableJobs(db, this.sweepBatch, new Date(now), {
      includeDelayed: true,
      after: this.sweepCursor,
    });
    const last = batch.at(-1);
    // A short batch is the end of the runnable jobs: the next sweep starts over.
    this.sweepCursor = batch.length === this.sweepBatch && last ? last.cursor : undefined;
    if (batch.length === 0) return 0;
    const held = this.connection.pipeline();
    for (const j of batch) held.exists(this.queue.toKey(bullJobId(j.id)));
    const answers = (await held.exec()) ?? [];
    let handed = 0;
    for (const [i, j] of batch.entries()) {
      const [err, exists] = answers[i] ?? [null, 0];
      if (!err && exists === 1) continue;
      await this.enqueue(j.id, j.priority, { delayMs: j.runAfter ? j.runAfter.getTime() - now : 0 });
      handed++;
    }
    return handed;
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
 * claim waits for the dead worker's lease (same length) to expire. `close()` stops taking
 * jobs and waits for the running ones (runtime.ts stopJobs interrupts them after the grace period).
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
      if (out.type === 'released') {
        // This worker is stopping: back to the waiting list at its priority, for another worker now.
        await job.moveToWait(token);
        throw new WaitingError();
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

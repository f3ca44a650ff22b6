import { and, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { findRunnableJobIds, nextDueAt } from '../services/jobs.ts';
import type { JobQueue, RunJob } from './queue.ts';

/**
 * The embedded mode's queue: no Redis, the jobs table is the queue. It runs up to
 * `concurrency` jobs in this process (the rendering itself happens in a worker
 * thread), wakes on enqueue, and polls now and then for jobs whose lease expired.
 */
export class EmbeddedDispatcher implements JobQueue {
  readonly kind = 'embedded' as const;
  private readonly running = new Map<string, Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private filling = false;
  private again = false;
  private closed = false;
  private started = false;
  /** One alarm for the earliest job waiting on a backoff or a schedule. */
  private alarm: NodeJS.Timeout | null = null;
  private alarmAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly runJob: RunJob,
    private readonly opts: { concurrency: number; pollMs: number; onError?: (err: unknown) => void },
  ) {}

  /**
   * Starts dispatching. In embedded mode this is the only process on the data dir
   * (a lock file guarantees it), so any job left RENDERING belongs to a dead
   * process: its lease is released at once and it runs again.
   */
  async start(): Promise<void> {
    await this.db
      .update(jobs)
      .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
      .where(and(inArray(jobs.status, ['RENDERING', 'MASTERING'])));
    this.started = true;
    this.timer = setInterval(() => this.kick(), this.opts.pollMs);
    this.timer.unref();
    this.kick();
  }

  async enqueue(_jobId: string, _priority: number, opts: { delayMs?: number } = {}): Promise<void> {
    if (opts.delayMs) this.wakeAt(Date.now() + opts.delayMs);
    else this.kick();
  }

  /** Kicks at `at` (or sooner, if an earlier alarm is set); jobs waiting hold no slot. */
  private wakeAt(at: number): void {
    if (this.closed || at >= this.alarmAt) return;
    if (this.alarm) clearTimeout(this.alarm);
    this.alarmAt = at;
    this.alarm = setTimeout(
      () => {
        this.alarm = null;
        this.alarmAt = Number.POSITIVE_INFINITY;
        this.kick();
      },
      Math.max(0, at - Date.now()) + 5,
    );
    this.alarm.unref();
  }

  async depth(): Promise<number> {
    const rows = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(inArray(jobs.status, ['QUEUED', 'RENDERING', 'MASTERING']));
    return Number(rows[0]?.n ?? 0);
  }

  async ping(): Promise<void> {}

  /** Fills free slots with runnable jobs; coalesces concurrent wake-ups. */
  kick(): void {
    if (this.closed || !this.started) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = true;
    void this.fill()
      .catch((err) => this.opts.onError?.(err))
      .finally(() => {
        this.filling = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async fill(): Promise<void> {
    const free = this.opts.concurrency - this.running.size;
    if (free <= 0) return;
    const ids = await findRunnableJobIds(this.db, free + this.running.size);
    const due = await nextDueAt(this.db);
    if (due) this.wakeAt(due.getTime());
    for (const id of ids) {
      if (this.running.size >= this.opts.concurrency || this.closed) break;
      if (this.running.has(id)) continue;
      let released = false;
      const run = this.runJob(id)
        .then((out) => {
          if (out.type === 'retry' || out.type === 'busy') this.wakeAt(out.at.getTime());
          // Put back by a stopping runner (close() is under way): not taken again at once, which
          // would spin (on PGlite without ever yielding to timers).
          if (out.type === 'released') {
            released = true;
            this.wakeAt(Date.now() + 1000);
          }
        })
        .catch((err) => this.opts.onError?.(err))
        .finally(() => {
          this.running.delete(id);
          if (!released) this.kick();
        });
      this.running.set(id, run);
    }
  }

  /** Stops taking jobs and waits for running ones (their leases keep them safe if we are killed). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.alarm) clearTimeout(this.alarm);
    await Promise.allSettled([...this.running.values()]);
  }
}

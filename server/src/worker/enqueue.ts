import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { insertJob, type JobRow } from '../services/jobs.ts';
import type { JobQueue } from './queue.ts';
import type { JobKind, JobRegistry } from './registry.ts';

export interface EnqueueCtx {
  db: Db;
  queue: JobQueue;
  registry: JobRegistry;
}

export interface EnqueueInput<S extends z.ZodType> {
  kind: JobKind<S>;
  payload: z.input<S>;
  userId?: string | null;
  trackId?: string | null;
  /** Lower runs first: paid plans 1, free 10 (jobPriorityForPlan); default 10. */
  priority?: number;
  /** Not before this time (a scheduled run). */
  runAt?: Date;
  /** At most one job per key, ever: a second enqueue returns the first job. */
  dedupeKey?: string;
}

/**
 * Records a job (QUEUED, with its first event) and hands it to the queue. The row
 * commits first: if the hand-off fails, the sweeper (BullMQ) or the poll (embedded)
 * still finds it. Throws (a ZodError) when the payload does not match the kind.
 */
export async function enqueueJob<S extends z.ZodType>({
  ctx,
  input,
}: {
  ctx: EnqueueCtx;
  input: EnqueueInput<S>;
}): Promise<{ job: JobRow; created: boolean }> {
  if (ctx.registry.get(input.kind.kind) !== input.kind)
    throw new Error(`job kind "${input.kind.kind}" is not in the registry (worker/kinds.ts)`);
  const payload = input.kind.schema.parse(input.payload) as Record<string, unknown>;
  const res = await ctx.db.transaction((tx) =>
    insertJob(tx, {
      kind: input.kind.kind,
      payload,
      userId: input.userId,
      trackId: input.trackId,
      priority: input.priority,
      runAfter: input.runAt ?? null,
      dedupeKey: input.dedupeKey ?? null,
    }),
  );
  if (res.created) {
    const delayMs = input.runAt ? Math.max(0, input.runAt.getTime() - Date.now()) : 0;
    await ctx.queue.enqueue(res.job.id, res.job.priority, { delayMs });
  }
  return res;
}

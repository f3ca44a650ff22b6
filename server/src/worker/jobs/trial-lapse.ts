import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { lapseExpiredTrials } from '../../services/credit-ops.ts';
import { insertJob } from '../../services/jobs.ts';
import { sweepForeignPayments } from '../../services/payments.ts';
import type { EnqueueCtx } from '../enqueue.ts';
import { enqueueJob } from '../enqueue.ts';
import { defineJobKind } from '../registry.ts';

// The trial lapse as a scheduled job kind (DESIGN.md §4): unspent TRIAL credits of
// expired trials lapse through one ADJUSTMENT each (services/credit-ops.ts). One
// job per period (dedupe key `trial-lapse:<period start>`); each run re-arms the
// next period's job in the transaction that completes it, so the schedule survives
// restarts and several processes never double it. The same run is the credit
// economy's other periodic upkeep: it deletes the kept refunds and disputes of
// payments that never became ours (STRIPE_PENDING_RETENTION_DAYS, services/payments.ts).

const BATCH = 500;

/** Start of the period containing `now` (periods of `intervalSec`, aligned to the epoch). */
export function lapsePeriodStart(now: Date, intervalSec: number): Date {
  const ms = intervalSec * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

const dedupeKey = (periodStart: Date) => `trial-lapse:${periodStart.toISOString()}`;

export const trialLapse = defineJobKind({
  kind: 'trial-lapse',
  schema: z.object({ period_start: z.iso.datetime() }),
  maxAttempts: 5,
  messages: { failed: () => 'The trial lapse could not run; the next period retries it.' },
  async handle(ctx, payload) {
    let users = 0;
    let credits = 0;
    for (;;) {
      const r = await lapseExpiredTrials({
        ctx: { db: ctx.deps.db },
        input: { now: new Date(), batch: BATCH },
      });
      users += r.users;
      credits += r.credits;
      if (r.users < BATCH || ctx.signal.aborted) break;
    }
    if (users > 0) ctx.deps.log?.info({ users, credits }, 'trial credits lapsed');
    let swept = 0;
    for (;;) {
      const n = await sweepForeignPayments({
        ctx: { db: ctx.deps.db },
        input: {
          now: new Date(),
          retentionDays: ctx.deps.config.credits.stripePendingRetentionDays,
          batch: BATCH,
        },
      });
      swept += n;
      if (n < BATCH || ctx.signal.aborted) break;
    }
    if (swept > 0) ctx.deps.log?.info({ payments: swept }, 'kept reversals of foreign payments deleted');
    const interval = ctx.deps.config.credits.trialLapseIntervalSec;
    const next = new Date(new Date(payload.period_start).getTime() + interval * 1000);
    // A run that came late (server down) arms the period after now, not one already past.
    const due =
      next.getTime() > Date.now()
        ? next
        : new Date(lapsePeriodStart(new Date(), interval).getTime() + interval * 1000);
    return {
      message: `${users} expired trials lapsed (${credits} credits); ${swept} kept reversals of payments not ours deleted`,
      // The next period's job, in the transaction that completes this one.
      apply: async (tx) => {
        await insertJob(tx, {
          kind: 'trial-lapse',
          payload: { period_start: due.toISOString() },
          priority: 20,
          runAfter: due,
          dedupeKey: dedupeKey(due),
        });
      },
    };
  },
});

/** Arms the schedule: this period's job (a no-op when it exists). Called at start-up. */
export async function scheduleTrialLapse(
  ctx: EnqueueCtx & { db: Db },
  intervalSec: number,
  now = new Date(),
) {
  const start = lapsePeriodStart(now, intervalSec);
  return enqueueJob({
    ctx,
    input: {
      kind: trialLapse,
      payload: { period_start: start.toISOString() },
      priority: 20,
      dedupeKey: dedupeKey(start),
    },
  });
}

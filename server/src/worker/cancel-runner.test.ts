import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { creditLedger, jobAttempts, jobs } from '../db/schema/index.ts';
import type { JobEventBus } from '../services/job-events.ts';
import { cancelJob } from '../services/jobs.ts';
import { defineJobKind, interruptionOf, JobRegistry } from './registry.ts';
import { type RunnerDeps, runJob } from './runner.ts';

// How a running worker learns of a cancel when the bus notice never reaches it (a Redis hiccup, a
// cancel written by another path): its heartbeat finds the job ended and the row says CANCELLED.
// And a handler that returns its result after the cancel committed: nothing of it is kept.
// A stand-in generate-music kind (same name, so the API's track and job rows are real) records
// what the runner does with it.

let mode: 'wait' | 'finish-anyway' = 'wait';
let stopReason: string | null = null;
const discarded: string[] = [];
const gates = new Map<string, () => void>();
const standIn = defineJobKind({
  kind: 'generate-music',
  schema: z.object({}),
  async handle(ctx) {
    ctx.progress({ progress: 10, message: 'working' });
    await new Promise<void>((resolve, reject) => {
      gates.set(ctx.job.id, resolve);
      if (mode === 'wait')
        ctx.signal.addEventListener(
          'abort',
          () => {
            stopReason = interruptionOf(ctx.signal)?.reason ?? null;
            reject(ctx.signal.reason);
          },
          { once: true },
        );
    });
    return { message: 'done anyway', apply: async () => {} };
  },
  async discard(ctx) {
    discarded.push(ctx.job.id);
  },
});

async function until<T>(fn: () => Promise<T | null | undefined | false>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a running job cancelled without a bus notice (PGlite)', () => {
  let t: TestApp;
  let deps: RunnerDeps;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', dispatch: false });
    // A bus that hears nothing: the run must find the cancel by itself.
    const deaf: JobEventBus = { ...t.rt.events, subscribe: () => () => {} };
    deps = {
      db: t.rt.database.db,
      storage: t.rt.storage,
      events: deaf,
      providers: [],
      circuit: t.rt.circuit,
      config: t.config,
      registry: new JobRegistry([standIn]),
      workerId: 'test:cancel',
      leaseSec: 3, // heartbeat every second
      maxAttempts: 3,
      backoff: { baseMs: 20, maxMs: 200 },
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const statusOf = async (id: string) =>
    (await t.rt.database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!.status;
  const reasons = async (id: string) =>
    (await t.rt.database.db.select().from(creditLedger).where(eq(creditLedger.jobId, id)))
      .map((l) => l.reason)
      .sort();

  it('the heartbeat finds the job cancelled: the run is aborted as cancelled, its leftovers discarded', async () => {
    mode = 'wait';
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack())).json();
    const run = runJob(deps, job_id);
    await until(async () => (await statusOf(job_id)) === 'RENDERING' && gates.has(job_id), 'running');
    const asked = Date.now();
    // Written straight to the database, published nowhere.
    await cancelJob({ ctx: { db: t.rt.database.db }, input: { userId: u.id, jobId: job_id } });
    expect(await run).toEqual({ type: 'skipped' });
    expect(Date.now() - asked).toBeLessThan(3000);
    expect(stopReason).toBe('cancelled');
    expect(discarded).toContain(job_id);
    expect(await statusOf(job_id)).toBe('CANCELLED');
    expect(await reasons(job_id)).toEqual(['DEDUCTION', 'REFUND']);
    const log = await t.rt.database.db.select().from(jobAttempts).where(eq(jobAttempts.jobId, job_id));
    expect(log.map((l) => l.errorCode)).toContain('CANCELLED');
  });

  it('a result returned after the cancel committed is not completed: discarded, still CANCELLED, refunded once', async () => {
    mode = 'finish-anyway';
    const u = await signUp(t);
    const { job_id } = (await u.post('/api/tracks', validTrack({ seed: 3 }))).json();
    const run = runJob(deps, job_id);
    await until(async () => (await statusOf(job_id)) === 'RENDERING' && gates.has(job_id), 'running');
    await cancelJob({ ctx: { db: t.rt.database.db }, input: { userId: u.id, jobId: job_id } });
    gates.get(job_id)!(); // the handler finishes as if it had heard nothing
    expect(await run).toEqual({ type: 'skipped' });
    expect(discarded).toContain(job_id);
    expect(await statusOf(job_id)).toBe('CANCELLED');
    expect(await reasons(job_id)).toEqual(['DEDUCTION', 'REFUND']);
  });
});

import type { ServerResponse } from 'node:http';
import {
  CancelJobResponse,
  ErrorBody,
  FINAL_STATUSES,
  IdParams,
  Job,
  type JobEvent,
  JobLogs,
} from '@soundfoundry/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../services/errors.ts';
import {
  cancelJob,
  getJobForUser,
  type JobRow,
  lastJobEvent,
  leaseIsLive,
  listJobAttempts,
  listJobEventsAfter,
} from '../../services/jobs.ts';
import { trackPrefix } from '../../services/storage/index.ts';
import { sessionUserId } from '../auth.ts';
import { type ApiContext, requireUserId } from '../context.ts';
import { sendSerialized } from '../send-serialized.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export function toJobDto(j: JobRow) {
  return {
    id: j.id,
    kind: j.kind,
    track_id: j.trackId,
    status: j.status,
    progress: j.progress,
    eta: j.etaSec,
    error: j.error,
    attempts: j.attempts,
    provider: j.provider,
    created_at: j.createdAt.toISOString(),
    updated_at: j.updatedAt.toISOString(),
  };
}

const FINAL = new Set<string>(FINAL_STATUSES);
const POLL_MS = 2000; // safety net under the event bus; also how soon a signed-out stream ends
const HEARTBEAT_MS = 15_000;
/**
 * Event streams one user may hold open at once, across every API process (per-user slots,
 * services/user-slots.ts: shared through Redis in production). The web app follows at most two
 * jobs by SSE per tab (MAX_EVENT_STREAMS in web/lib/api/hooks.ts) and polls the rest, so 10
 * is five busy tabs: more than a person uses. Each stream reads the database every POLL_MS;
 * thousands of them from one account kept an idle process at 77 % CPU.
 */
export const MAX_STREAMS_PER_USER = 10;

/**
 * Where a stream resumes: after an event id the client saw. A safe integer, so it compares
 * exactly with a seq; anything else is a 400 from the route's schema, like every other
 * malformed parameter (EventSource only echoes the ids we sent, so only a broken client hits it).
 */
const Cursor = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const tooManyStreams = () =>
  new AppError(
    429,
    'RATE_LIMITED',
    `You are following ${MAX_STREAMS_PER_USER} jobs live already, the most at one time. Close a tab or wait for a job to finish, then try again.`,
    { limit: 'event_streams', max: MAX_STREAMS_PER_USER },
  );

/**
 * What a stream on a final job ends with: its final event, or, should that row be missing,
 * the same shape made from the job row, so the client always learns the outcome.
 */
function finalEventOf(job: JobRow, last: JobEvent | null): JobEvent {
  if (last && FINAL.has(last.status)) return last;
  return {
    seq: last?.seq ?? 0,
    job_id: job.id,
    status: job.status,
    progress: job.progress,
    eta: job.etaSec,
    message: job.error,
    at: job.updatedAt.toISOString(),
  };
}

function startEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  return res;
}

const writeEvent = (res: ServerResponse, e: JobEvent) =>
  res.write(`id: ${e.seq}\nevent: progress\ndata: ${JSON.stringify(e)}\n\n`);

export function jobsRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const db = ctx.rt.database.db;
  // Open SSE streams, ended when the server closes (they are hijacked: Fastify does not track them).
  const streams = new Set<() => void>();

  /** A final job's stream: the events after the cursor, then its final state, then the end. */
  async function replayFinalJob(reply: FastifyReply, job: JobRow, cursor: number, last: JobEvent | null) {
    const events = await listJobEventsAfter(db, job.id, cursor);
    if (!events.some((e) => FINAL.has(e.status))) events.push(finalEventOf(job, last));
    const res = startEventStream(reply);
    for (const e of events) writeEvent(res, e);
    res.end();
  }

  /**
   * A running job's stream: its events as they come, until it is final, the client leaves,
   * the server closes or the session ends. Holds one of the user's slots until then.
   */
  function followJob(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { userId: string; jobId: string; cursor: number; release: () => void },
  ) {
    let lastSeq = o.cursor;
    let closed = false;
    let chain: Promise<void> = Promise.resolve();
    const res = startEventStream(reply);
    const finish = () => {
      if (closed) return;
      closed = true;
      streams.delete(finish);
      unsubscribe();
      clearInterval(poll);
      clearInterval(beat);
      o.release();
      res.end();
    };
    // One step at a time, in order: each reads after the lastSeq its predecessor left.
    const step = (work: () => Promise<void>) => {
      chain = chain
        .then(() => (closed ? undefined : work()))
        .catch((err) => request.log.warn({ err }, 'sse step failed'));
    };
    // Always read from the table after lastSeq: events arrive in order and
    // exactly once, whatever the bus delivered or dropped.
    const pull = async () => {
      for (const e of await listJobEventsAfter(db, o.jobId, lastSeq)) {
        if (closed) return;
        writeEvent(res, e);
        lastSeq = e.seq;
        if (FINAL.has(e.status)) finish();
      }
    };
    // Sign-out drops the session from the cache at once, so this reads the database and finds none.
    const endIfSignedOut = async () => {
      if ((await sessionUserId(ctx.auth, ctx.sessions, request)) !== o.userId) finish();
    };
    const unsubscribe = ctx.rt.events.subscribe(o.jobId, () => step(pull));
    const poll = setInterval(() => {
      step(endIfSignedOut);
      step(pull);
    }, POLL_MS);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    streams.add(finish);
    request.raw.on('close', finish);
    res.on('close', finish);
    // A client gone before the listeners were attached sends no 'close' any more.
    if (res.destroyed) finish();
    step(pull);
  }

  return async (app) => {
    // preClose: before the HTTP server waits for its connections to end.
    app.addHook('preClose', async () => {
      for (const end of [...streams]) end();
    });

    app.get(
      '/api/jobs/:id',
      { schema: { tags: ['jobs'], params: IdParams, response: { 200: Job, ...errors } } },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const jobId = request.params.id;
        // Keyed by user too: the cache must never answer another user's request.
        const body = await ctx.caches.jobs.get(jobId, userId, async () =>
          Buffer.from(JSON.stringify(Job.parse(toJobDto(await getJobForUser(db, userId, jobId))))),
        );
        return sendSerialized(reply, body);
      },
    );

    app.post(
      '/api/jobs/:id/cancel',
      {
        schema: {
          tags: ['jobs'],
          summary:
            'Cancel your track while it is queued or being made: CANCELLED, its credits returned (one REFUND row); 409 once it has ended',
          params: IdParams,
          response: { 200: CancelJobResponse, ...errors, 409: ErrorBody },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const { job, event, creditsRefunded } = await cancelJob({
          ctx: { db },
          input: { userId, jobId: request.params.id },
        });
        // The final event ends the job's streams, and tells the worker running it (any process,
        // through the bus) to stop; its heartbeat finds the job ended even if the notice is lost.
        ctx.rt.events.publish(event, userId);
        // A waiting delivery is taken off the queue (a running one ends with its worker); a
        // delivery left behind would find the job final and do nothing.
        await ctx.rt.queue
          .cancel?.(job.id)
          .catch((err) => request.log.warn({ err, jobId: job.id }, 'queued delivery not removed'));
        // A hosted request an interrupted run left for the next one to resume, with no live worker
        // on the job (waiting in the queue, or its worker died): nobody will now. A worker running
        // the job cancels its own when it hears of the cancel.
        if (job.providerRequest && !leaseIsLive(job, new Date()))
          await ctx.rt
            .cancelProviderRequest(job.providerRequest)
            .catch((err) => request.log.warn({ err, jobId: job.id }, 'hosted request not cancelled'));
        // Files an earlier attempt or the running one already stored: rows first, objects after
        // (as a delete does). The worker removes whatever it writes after this once it stops.
        if (job.trackId)
          await ctx.rt.storage
            .deletePrefix(trackPrefix(job.trackId))
            .catch((err) => request.log.warn({ err, jobId: job.id }, 'cancelled track objects not deleted'));
        return {
          job_id: job.id,
          track_id: job.trackId,
          status: 'CANCELLED' as const,
          credits_refunded: creditsRefunded,
        };
      },
    );

    app.get(
      '/api/jobs/:id/logs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Provider attempts of a job',
          params: IdParams,
          response: { 200: JobLogs, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const job = await getJobForUser(db, userId, request.params.id);
        const rows = await listJobAttempts(db, job.id);
        return {
          job_id: job.id,
          entries: rows.map((r) => ({
            provider: r.provider,
            attempt: r.attempt,
            outcome: r.outcome,
            error_code: r.errorCode,
            error: r.error,
            duration_ms: r.durationMs,
            at: r.createdAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/api/jobs/:id/events',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Server-Sent Events of a job (event "progress", id = seq; resumes after Last-Event-ID)',
          params: IdParams,
          querystring: z.object({ last_event_id: Cursor.optional() }),
          headers: z.object({ 'last-event-id': Cursor.optional() }).loose(),
          response: { 200: z.string().describe('text/event-stream'), ...errors, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const job = await getJobForUser(db, userId, request.params.id);
        const last = await lastJobEvent(db, job.id);
        // A cursor past the last event names nothing we sent: it means "nothing new". Kept as
        // sent, it would skip the final event (the stream never ending) or the next ones, and
        // past 2^31 it would not even compare with the integer seq column (a failing query).
        const requested = request.headers['last-event-id'] ?? request.query.last_event_id ?? 0;
        const cursor = Math.min(requested, last?.seq ?? 0);
        // The last event counts too: the job may have ended between the two reads.
        if (FINAL.has(job.status) || (last && FINAL.has(last.status)))
          return replayFinalJob(reply, job, cursor, last);
        const slot = await ctx.userSlots.take('event-streams', userId, MAX_STREAMS_PER_USER);
        if (!slot) throw tooManyStreams();
        followJob(request, reply, { userId, jobId: job.id, cursor, release: () => slot.release() });
      },
    );
  };
}

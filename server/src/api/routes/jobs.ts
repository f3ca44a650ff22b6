import { ErrorBody, IdParams, Job, type JobEvent, JobLogs } from '@soundfoundry/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getJobForUser, type JobRow, listJobAttempts, listJobEventsAfter } from '../../services/jobs.ts';
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

const FINAL = new Set(['COMPLETE', 'FAILED']);
const POLL_MS = 2000; // safety net under the event bus
const HEARTBEAT_MS = 15_000;

export function jobsRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const db = ctx.rt.database.db;
  // Open SSE streams, ended when the server closes (they are hijacked: Fastify does not track them).
  const streams = new Set<() => void>();
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
          querystring: z.object({ last_event_id: z.coerce.number().int().min(0).optional() }),
          headers: z.object({ 'last-event-id': z.coerce.number().int().min(0).optional() }).loose(),
          response: { 200: z.string().describe('text/event-stream'), ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const job = await getJobForUser(db, userId, request.params.id);
        let lastSeq = request.headers['last-event-id'] ?? request.query.last_event_id ?? 0;

        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 2000\n\n');

        let closed = false;
        let chain: Promise<void> = Promise.resolve();
        const send = (e: JobEvent) => {
          res.write(`id: ${e.seq}\nevent: progress\ndata: ${JSON.stringify(e)}\n\n`);
          lastSeq = e.seq;
          if (FINAL.has(e.status)) finish();
        };
        // Always read from the table after lastSeq: events arrive in order and
        // exactly once, whatever the bus delivered or dropped.
        const pull = () => {
          chain = chain
            .then(async () => {
              if (closed) return;
              const events = await listJobEventsAfter(db, job.id, lastSeq);
              for (const e of events) if (!closed) send(e);
            })
            .catch((err) => request.log.warn({ err }, 'sse pull failed'));
        };
        const unsubscribe = ctx.rt.events.subscribe(job.id, () => pull());
        const poll = setInterval(pull, POLL_MS);
        const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        streams.add(finish);
        function finish() {
          if (closed) return;
          closed = true;
          streams.delete(finish);
          unsubscribe();
          clearInterval(poll);
          clearInterval(beat);
          res.end();
        }
        request.raw.on('close', finish);
        pull();
      },
    );
  };
}

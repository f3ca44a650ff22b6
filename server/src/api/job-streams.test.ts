import type { JobEvent } from '@soundfoundry/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { claimJob, completeJob } from '../services/jobs.ts';
import { MAX_STREAMS_PER_USER } from './routes/jobs.ts';

// A job's event stream (GET /api/jobs/:id/events) must end: on a final job whatever the
// cursor, when its session ends, and one account may hold only a few open at a time.

const ORIGIN = 'http://localhost:3000';
/** Generous: every stream here should end within a poll interval (2 s) or two. */
const ENDS_WITHIN_MS = 5000;

const cookieOf = (u: TestUser) => (u as unknown as { cookie: string }).cookie;

interface Stream {
  res: Response;
  /** Hangs up, as a closed tab does. */
  close(): void;
}

interface Ended {
  text: string;
  events: JobEvent[];
}

function parseEvents(text: string): JobEvent[] {
  return text
    .split('\n\n')
    .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => JSON.parse(line.slice('data: '.length)) as JobEvent);
}

/** Reads a stream to its end; rejects if it is still open after `ms`. */
async function readToEnd(stream: Stream, ms = ENDS_WITHIN_MS): Promise<Ended> {
  const reader = stream.res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stream.close();
      reject(new Error(`stream still open after ${ms} ms; received: ${JSON.stringify(text)}`));
    }, ms);
  });
  const read = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, events: parseEvents(text) };
      text += decoder.decode(value, { stream: true });
    }
  })();
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
    read.catch(() => {}); // aborted by the timeout: its rejection is the timeout's
  }
}

async function until(check: () => Promise<boolean>, ms = ENDS_WITHIN_MS) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job event streams end, and are capped per user', () => {
  let t: TestApp;
  let address: string;
  const opened: Stream[] = [];

  async function open(
    u: TestUser,
    jobId: string,
    o: { query?: string; headers?: Record<string, string> } = {},
  ) {
    const abort = new AbortController();
    const res = await fetch(`${address}/api/jobs/${jobId}/events${o.query ?? ''}`, {
      headers: { cookie: cookieOf(u), ...o.headers },
      signal: abort.signal,
    });
    const stream: Stream = { res, close: () => abort.abort() };
    opened.push(stream);
    return stream;
  }

  async function queuedJob(u: TestUser): Promise<string> {
    const res = await u.post('/api/tracks', validTrack());
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { job_id: string }).job_id;
  }

  /** Runs a job to COMPLETE as a worker would (the test app dispatches nothing itself). */
  async function complete(jobId: string) {
    const db = t.rt.database.db;
    const claim = await claimJob(db, jobId, 'test-worker', { leaseSec: 60, maxAttempts: 3 });
    expect(claim.outcome).toBe('claimed');
    expect(await completeJob(db, jobId, 'test-worker', { message: 'Your track is ready' })).not.toBeNull();
  }

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await t?.close();
  });

  it('a final job: the stream sends its final event and ends, whatever the cursor', async () => {
    const u = await signUp(t);
    const jobId = await queuedJob(u);
    await complete(jobId);
    const final = (await readToEnd(await open(u, jobId))).events.at(-1)!;
    expect(final).toMatchObject({ job_id: jobId, status: 'COMPLETE', progress: 100 });

    for (const cursor of [
      { query: `?last_event_id=${Number.MAX_SAFE_INTEGER}` },
      { headers: { 'last-event-id': '99999999' } },
      { headers: { 'last-event-id': String(final.seq) } }, // seen already: nothing new
    ]) {
      const stream = await open(u, jobId, cursor);
      expect(stream.res.status).toBe(200);
      const { events } = await readToEnd(stream);
      expect(events, JSON.stringify(cursor)).toEqual([final]);
    }
  });

  it('a running job followed from a cursor past its last event still gets the final event', async () => {
    const u = await signUp(t);
    const jobId = await queuedJob(u);
    const stream = await open(u, jobId, { headers: { 'last-event-id': '99999999' } });
    const ended = readToEnd(stream, 15_000);
    await complete(jobId);
    const { events } = await ended;
    expect(events.at(-1)).toMatchObject({ job_id: jobId, status: 'COMPLETE' });
    expect(events.map((e) => e.status)).not.toContain('QUEUED'); // "nothing new" before it
  });

  it('a cursor that is not a non-negative safe integer is a 400 in the error shape', async () => {
    const u = await signUp(t);
    const jobId = await queuedJob(u);
    for (const cursor of [
      { query: '?last_event_id=abc' },
      { query: '?last_event_id=-1' },
      { query: `?last_event_id=${Number.MAX_SAFE_INTEGER + 2}` },
      { headers: { 'last-event-id': '1.5' } },
      { headers: { 'last-event-id': '1e400' } },
    ]) {
      const { res } = await open(u, jobId, cursor);
      expect(res.status, JSON.stringify(cursor)).toBe(400);
      expect((await res.json()) as unknown).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    }
  });

  it(`the ${MAX_STREAMS_PER_USER + 1}th open stream of a user is a 429; others still open theirs; a closed one frees its slot`, async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const jobA = await queuedJob(a);
    const jobB = await queuedJob(b);
    const streams: Stream[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) {
      const s = await open(a, jobA);
      expect(s.res.status).toBe(200);
      streams.push(s);
    }

    const over = await open(a, jobA);
    expect(over.res.status).toBe(429);
    const body = (await over.res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/at one time/);

    expect((await open(b, jobB)).res.status).toBe(200);

    streams[0]!.close();
    await until(async () => {
      const again = await open(a, jobA);
      if (again.res.status === 200) return true;
      expect(again.res.status).toBe(429); // until the server has seen the hang-up
      return false;
    });
  });

  it('streams that end with their job give their slots back; a final job needs no slot', async () => {
    const u = await signUp(t);
    const running = await queuedJob(u);
    const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_USER }, () => open(u, running)));
    expect(streams.map((s) => s.res.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));

    // At the cap, a final job's stream is still answered: it ends at once.
    const finished = await queuedJob(u);
    await complete(finished);
    const { events } = await readToEnd(await open(u, finished));
    expect(events.at(-1)).toMatchObject({ job_id: finished, status: 'COMPLETE' });

    await complete(running);
    await Promise.all(streams.map((s) => readToEnd(s)));

    const next = await queuedJob(u);
    const again = await Promise.all(Array.from({ length: MAX_STREAMS_PER_USER }, () => open(u, next)));
    expect(again.map((s) => s.res.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
  });

  it('a stream ends soon after its session signs out', async () => {
    const u = await signUp(t);
    const jobId = await queuedJob(u);
    const stream = await open(u, jobId);
    expect(stream.res.status).toBe(200);
    const ended = readToEnd(stream);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: cookieOf(u), origin: ORIGIN, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(out.statusCode).toBe(200);
    await ended; // rejects if still open after ENDS_WITHIN_MS
    expect((await open(u, jobId)).res.status).toBe(401);
  });
});

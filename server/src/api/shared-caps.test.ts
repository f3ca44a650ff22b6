import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { multipart, pcm16StereoWav } from '../../test/audio-fixtures.ts';
import {
  signUp,
  startPeerApp,
  startTestApp,
  type TestApp,
  type TestUser,
  validTrack,
} from '../../test/harness.ts';
import { requireRedis } from '../../test/services.ts';
import { MAX_STREAMS_PER_USER } from './routes/jobs.ts';

// The per-user caps on long-lived things hold for the deployment, not per API process: two API
// processes (two runtimes and apps on one PostgreSQL database and one Redis) share a user's
// event-stream slots and their one admitted analysis. The analyser's waiting line stays each
// process's own: it guards that process's analyser thread (api/analysis-admission.ts).

const cookieOf = (u: TestUser) => (u as unknown as { cookie: string }).cookie;

/** A 120 BPM click over a 440 Hz tone: analysed in well under a second, with a beat. */
const reference = pcm16StereoWav(8, 44_100, (t) => {
  const sinceBeat = t % 0.5;
  return (
    0.5 * Math.exp(-sinceBeat / 0.01) * Math.sin(2 * Math.PI * 1500 * sinceBeat) +
    0.2 * Math.sin(2 * Math.PI * 440 * t)
  );
});

describe('per-user caps are shared by every API process (production: Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  const address = new Map<TestApp, string>();
  const hangUps: (() => void)[] = [];

  beforeAll(async () => {
    await requireRedis();
    a = await startTestApp({ db: 'postgres' });
    b = await startPeerApp(a);
    for (const t of [a, b]) address.set(t, await t.app.listen({ port: 0, host: '127.0.0.1' }));
  });
  afterAll(async () => {
    for (const hangUp of hangUps) hangUp();
    await b?.close();
    await a?.close();
  });

  /** Opens a job's event stream on one process; returns its response and how to hang up. */
  async function openStream(t: TestApp, u: TestUser, jobId: string) {
    const abort = new AbortController();
    const res = await fetch(`${address.get(t)}/api/jobs/${jobId}/events`, {
      headers: { cookie: cookieOf(u) },
      signal: abort.signal,
    });
    const hangUp = () => abort.abort();
    hangUps.push(hangUp);
    return { status: res.status, res, hangUp };
  }

  it(`a user's ${MAX_STREAMS_PER_USER} event streams are counted across both processes`, async () => {
    const [alice, bob] = [await signUp(a), await signUp(a)];
    const created = await alice.post('/api/tracks', validTrack());
    expect(created.statusCode, created.body).toBe(201);
    const jobId = (created.json() as { job_id: string }).job_id;

    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++)
      streams.push(await openStream(i % 2 ? b : a, alice, jobId));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));

    for (const t of [a, b]) {
      const over = await openStream(t, alice, jobId);
      expect(over.status).toBe(429);
      expect(((await over.res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    }
    // Bob's own job, followed on either process: his slots are his own.
    const bobsJob = ((await bob.post('/api/tracks', validTrack())).json() as { job_id: string }).job_id;
    expect((await openStream(b, bob, bobsJob)).status).toBe(200);

    // A stream closed on process A gives its slot back to a stream on process B.
    streams[0]!.hangUp();
    await vi.waitFor(
      async () => {
        const again = await openStream(b, alice, jobId);
        expect(again.status).toBe(200);
      },
      { timeout: 5000, interval: 100 },
    );
  });

  it("a user's one analysis counts on every process; the waiting line is each process's own", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => signUp(a)));
    const [alice, ...others] = users;
    const late = others.pop()!;
    // Process A's analyser holds every analysis until `open`, so they stay admitted meanwhile.
    const analyzer = await a.rt.analyzer();
    const analyse = analyzer.analyze.bind(analyzer);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const held = vi.spyOn(analyzer, 'analyze').mockImplementation(async (...args) => {
      await gate;
      return analyse(...args);
    });
    const upload = (t: TestApp, u: TestUser) =>
      u.on(t).request({ method: 'POST', url: '/api/analyze', ...multipart(reference, 'reference.wav') });
    try {
      const onA = [upload(a, alice!)];
      await vi.waitFor(() => expect(held).toHaveBeenCalledTimes(1), { timeout: 20_000, interval: 20 });

      // Alice's second upload, sent to the other process, is refused there.
      const second = await upload(b, alice!);
      expect(second.statusCode, second.body).toBe(429);
      expect(second.json().error.details).toMatchObject({ reason: 'analysis_in_progress' });

      // Process A's line fills (one running, four waiting) …
      onA.push(...others.map((u) => upload(a, u)));
      await vi.waitFor(() => expect(held).toHaveBeenCalledTimes(5), { timeout: 20_000, interval: 20 });
      const full = await upload(a, late);
      expect(full.statusCode, full.body).toBe(503);
      expect(full.headers['retry-after']).toBe('5');
      // … which says nothing about process B's analyser: the same user is analysed there.
      const elsewhere = await upload(b, late);
      expect(elsewhere.statusCode, elsewhere.body).toBe(201);

      open();
      for (const res of await Promise.all(onA)) expect(res.statusCode, res.body).toBe(201);
      // Alice's analysis is over: her slot is free on either process.
      expect((await upload(b, alice!)).statusCode).toBe(201);
    } finally {
      open();
      held.mockRestore();
    }
  }, 90_000);
});

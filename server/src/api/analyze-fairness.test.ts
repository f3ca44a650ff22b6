import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { floatWav, multipart, pcm16StereoWav } from '../../test/audio-fixtures.ts';
import { signUp, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { files } from '../db/schema/index.ts';
import type { Runtime } from '../runtime.ts';

// Every user's reference upload shares one analyser thread that runs one analysis at a time.
// Reproduced: two accounts sending slow-to-refuse files (and hanging up) made another user's
// upload wait 30 s instead of 0.3 s. Now each user has one analysis at a time (429), the line is
// short (503 + Retry-After), and an upload whose client hung up leaves the line without running.

type Analyzer = Awaited<ReturnType<Runtime['analyzer']>>;

/** A 120 BPM click over a 440 Hz tone, 16-bit stereo: analysed in well under a second, with a beat. */
function clickWav(seconds: number, rate = 44_100): Uint8Array {
  return pcm16StereoWav(seconds, rate, (t) => {
    const sinceBeat = t % 0.5;
    const click = Math.exp(-sinceBeat / 0.01) * Math.sin(2 * Math.PI * 1500 * sinceBeat);
    return 0.5 * click + 0.2 * Math.sin(2 * Math.PI * 440 * t);
  });
}

describe('POST /api/analyze shares the analyser fairly', () => {
  let t: TestApp;
  let port: number;
  let analyzer: Analyzer;
  let analyses: MockInstance<Analyzer['analyze']>;
  const reference = clickWav(8);
  // ≈0.5 s of analysis each on an idle machine (more under load): a line of 30 keeps the analyser
  // busy far longer than any step a test takes while it is.
  const slowAudio = floatWav(120, 0.1);

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    analyzer = await t.rt.analyzer();
    analyses = vi.spyOn(analyzer, 'analyze');
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (user: TestUser, bytes = reference) =>
    user.request({ method: 'POST', url: '/api/analyze', ...multipart(bytes, 'reference.wav') });

  /** Resolves once `n` more analyses than `since` have been handed to the analyser. */
  const analysesQueued = (since: number, n: number) =>
    vi.waitFor(() => expect(analyses.mock.calls.length).toBeGreaterThanOrEqual(since + n), {
      timeout: 20_000,
      interval: 20,
    });

  /**
   * Keeps the analyser busy (a line of slow jobs put to it directly, not through the route) until
   * release() aborts them, so uploads made meanwhile are queued behind them.
   */
  function occupyAnalyser() {
    // One controller each: a signal shared by 30 queued jobs would carry 30 abort listeners.
    const stops = Array.from({ length: 30 }, () => new AbortController());
    let settled = false;
    const jobs = stops.map((stop) =>
      analyzer.analyze(slowAudio, { signal: stop.signal }).catch(() => undefined),
    );
    void Promise.all(jobs).then(() => {
      settled = true;
    });
    return {
      stillBusy: () => !settled,
      release: async () => {
        for (const stop of stops) stop.abort();
        await Promise.all(jobs);
      },
    };
  }

  async function storedReferencesOf(user: TestUser) {
    const [row] = await t.rt.database.db.select({ n: count() }).from(files).where(eq(files.userId, user.id));
    const dir = join((t.config.storage as { rootDir: string }).rootDir, 'users', user.id, 'references');
    let objects = 0;
    try {
      objects = readdirSync(dir).filter((f) => !f.startsWith('.')).length;
    } catch {}
    return { rows: row!.n, objects };
  }

  /** An upload over a real connection, which the test can hang up on. */
  function uploadOverHttp(user: TestUser, bytes: Uint8Array) {
    const body = multipart(bytes, 'abandoned.wav');
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/analyze',
      headers: {
        ...body.headers,
        'content-length': String(body.payload.length),
        cookie: (user as unknown as { cookie: string }).cookie,
        origin: 'http://localhost:3000',
      },
    });
    req.on('error', () => {}); // the test hangs up on purpose
    req.end(body.payload);
    return req;
  }

  it("a user's second upload while the first is analysed gets 429; another user is not held up", async () => {
    const [alice, bob] = [await signUp(t), await signUp(t)];
    const busy = occupyAnalyser();
    try {
      const base = analyses.mock.calls.length;
      let firstDone = false;
      const first = upload(alice).finally(() => {
        firstDone = true;
      });
      await analysesQueued(base, 1);

      const second = await upload(alice);
      expect(second.statusCode, second.body).toBe(429);
      expect(second.json().error).toMatchObject({
        code: 'RATE_LIMITED',
        message: 'One reference is still being analysed; try again when it is done.',
        details: { reason: 'analysis_in_progress' },
      });
      expect(firstDone).toBe(false); // refused while the first was still waiting, not after it
      expect(busy.stillBusy()).toBe(true);

      const bobs = upload(bob);
      await analysesQueued(base, 2); // Bob's upload went to the analyser: not refused

      await busy.release();
      const [firstRes, bobRes] = await Promise.all([first, bobs]);
      expect(firstRes.statusCode, firstRes.body).toBe(201);
      expect(bobRes.statusCode, bobRes.body).toBe(201);
    } finally {
      await busy.release();
    }

    // The place is freed whatever the outcome: after a refused file too.
    const notAudio = await upload(alice, new TextEncoder().encode('not audio at all\n'.repeat(50)));
    expect(notAudio.statusCode, notAudio.body).toBe(415);
    expect((await upload(alice)).statusCode).toBe(201);
    expect(await storedReferencesOf(alice)).toEqual({ rows: 2, objects: 2 });
  }, 60_000);

  it('a full line refuses the next upload with 503 and Retry-After; it is accepted once there is room', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => signUp(t)));
    const waiting = users.slice(0, 5);
    const late = users[5]!;
    const busy = occupyAnalyser();
    try {
      const base = analyses.mock.calls.length;
      const admitted = waiting.map((u) => upload(u));
      await analysesQueued(base, 5);

      const refused = await upload(late);
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json().error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { reason: 'analyser_busy', retry_after_s: 5 },
      });
      expect(busy.stillBusy()).toBe(true);

      await busy.release();
      for (const res of await Promise.all(admitted)) expect(res.statusCode, res.body).toBe(201);
    } finally {
      await busy.release();
    }
    expect((await upload(late)).statusCode).toBe(201);
  }, 60_000);

  it('an upload whose client hangs up while it waits is never analysed nor stored; the next upload goes ahead', async () => {
    const [leaver, next] = [await signUp(t), await signUp(t)];
    const busy = occupyAnalyser();
    try {
      const base = analyses.mock.calls.length;
      const req = uploadOverHttp(leaver, reference);
      await analysesQueued(base, 1);
      const abandoned = analyses.mock.results[base]!.value as Promise<unknown>;

      req.destroy();
      // Dropped from the line while the analyser is still busy in front of it: it never ran.
      await expect(abandoned).rejects.toMatchObject({ code: 'TIMEOUT', message: /cancelled/ });
      expect(busy.stillBusy()).toBe(true);

      await busy.release();
      const started = Date.now();
      const res = await upload(next);
      expect(res.statusCode, res.body).toBe(201);
      expect(Date.now() - started).toBeLessThan(15_000); // not behind the abandoned file
    } finally {
      await busy.release();
    }
    // The leaver's place was freed too, and nothing of theirs was kept.
    expect(await storedReferencesOf(leaver)).toEqual({ rows: 0, objects: 0 });
    expect((await upload(leaver)).statusCode).toBe(201);
  }, 60_000);
});

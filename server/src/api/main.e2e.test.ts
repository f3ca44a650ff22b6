import decodeMp3 from '@audio/decode-mp3';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  HttpClient,
  type RunningProcess,
  startEmbeddedServer,
  startNodeProcess,
  type tempDataDir,
} from '../../test/server-process.ts';

// End to end in embedded mode: the real server process (`npm start`'s entry) on a
// real port, as a user would meet it with no configuration but a data directory.

interface ProgressEvent {
  seq: number;
  status: string;
  progress: number;
}

function followSse(client: HttpClient, path: string, lastEventId?: string): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    const events: ProgressEvent[] = [];
    const es = new EventSource(`${client.base}${path}`, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string>),
            cookie: client.cookie,
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
        }),
    });
    const timer = setTimeout(() => {
      es.close();
      reject(new Error(`SSE timed out; got ${JSON.stringify(events.map((e) => e.status))}`));
    }, 90_000);
    es.addEventListener('progress', (m) => {
      const e = JSON.parse(m.data) as ProgressEvent;
      expect(String(e.seq)).toBe(m.lastEventId);
      events.push(e);
      if (e.status === 'COMPLETE' || e.status === 'FAILED') {
        clearTimeout(timer);
        es.close();
        resolve(events);
      }
    });
  });
}

describe('embedded mode end to end (real server process)', () => {
  let server: RunningProcess;
  let data: ReturnType<typeof tempDataDir>;
  let base: string;

  beforeAll(async () => {
    ({ server, base, data } = await startEmbeddedServer());
  });
  afterAll(async () => {
    await server?.stop();
    data?.remove();
  });

  it('sign up → create a 30 s track → SSE to COMPLETE → download an MP3 that decodes to ≈30 s', async () => {
    const c = new HttpClient(base);
    const signup = await c.json('/api/auth/sign-up/email', {
      method: 'POST',
      body: JSON.stringify({ email: 'e2e@example.com', password: 'correct horse battery', name: 'E2E' }),
    });
    expect(signup.status).toBe(200);
    expect((await c.json<{ credits: number }>('/api/me')).body.credits).toBe(400);

    const created = await c.json<{ track_id: string; job_id: string; credits_required: number }>(
      '/api/tracks',
      {
        method: 'POST',
        body: JSON.stringify({ prompt: 'dusty lo-fi hip hop, rainy night, Rhodes piano', duration_s: 30 }),
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.credits_required).toBe(1);

    const events = await followSse(c, `/api/jobs/${created.body.job_id}/events`);
    expect(events.at(-1)!.status).toBe('COMPLETE');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const progress = events.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // Resume: after Last-Event-ID 2, the stream replays from seq 3 to the end.
    const resumed = await followSse(c, `/api/jobs/${created.body.job_id}/events`, '2');
    expect(resumed[0]!.seq).toBe(3);
    expect(resumed.at(-1)!.status).toBe('COMPLETE');

    const dl = await c.fetch(`/api/tracks/${created.body.track_id}/download?format=mp3`);
    expect(dl.status).toBe(302);
    const file = await fetch(dl.headers.get('location')!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const audio = await decodeMp3(bytes);
    const seconds = audio.channelData[0]!.length / audio.sampleRate;
    expect(audio.sampleRate).toBe(44_100);
    expect(seconds).toBeGreaterThan(29.5);
    expect(seconds).toBeLessThan(30.6); // MP3 encoder padding adds a frame or two
    let peak = 0;
    for (const v of audio.channelData[0]!) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeGreaterThan(0.1); // music, not silence

    // A signed URL stops working when tampered with.
    const tampered = dl.headers.get('location')!.replace(/sig=([^&]{4})/, 'sig=AAAA');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('a second process on the same DATA_DIR refuses to start', async () => {
    const second = startNodeProcess('server/src/api/main.ts', {
      PORT: String(await freePort()),
      DATA_DIR: data.dir,
      LOG_LEVEL: 'warn',
    });
    await second.waitFor(/in use by process/, 30_000);
    expect(await second.stop()).not.toBe(0);
  });
});

describe('embedded restart loses nothing', () => {
  it('a server SIGKILLed mid-job finishes the job after restart, charged once', {
    timeout: 180_000,
  }, async () => {
    const started = await startEmbeddedServer();
    const { base, env, data } = started;
    let server = started.server;
    try {
      const c = new HttpClient(base);
      await c.json('/api/auth/sign-up/email', {
        method: 'POST',
        body: JSON.stringify({ email: 'restart@example.com', password: 'correct horse battery', name: 'R' }),
      });
      const { body } = await c.json<{ job_id: string }>('/api/tracks', {
        method: 'POST',
        body: JSON.stringify({ prompt: 'epic cinematic strings at dawn', duration_s: 60 }),
      });
      let sawRendering = false;
      for (let i = 0; i < 300 && !sawRendering; i++) {
        sawRendering =
          (await c.json<{ status: string }>(`/api/jobs/${body.job_id}`)).body.status === 'RENDERING';
        if (!sawRendering) await new Promise((r) => setTimeout(r, 50));
      }
      expect(sawRendering).toBe(true);
      await server.stop('SIGKILL'); // no graceful shutdown: the lock file and the lease stay behind
      server = startNodeProcess('server/src/api/main.ts', env);
      await server.waitFor(/SoundFoundry ready at/, 90_000);
      let job: { status: string; attempts: number } = { status: '', attempts: 0 };
      for (let i = 0; i < 600 && !['COMPLETE', 'FAILED'].includes(job.status); i++) {
        job = (await c.json<typeof job>(`/api/jobs/${body.job_id}`)).body;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(job.status).toBe('COMPLETE');
      const ledger = (
        await c.json<{ items: { reason: string; job_id: string | null }[] }>('/api/credits/ledger')
      ).body;
      expect(ledger.items.filter((l) => l.job_id === body.job_id).map((l) => l.reason)).toEqual([
        'DEDUCTION',
      ]);
      expect((await c.json<{ balance: number }>('/api/credits')).body.balance).toBe(398);
    } finally {
      await server.stop();
      data.remove();
    }
  });
});

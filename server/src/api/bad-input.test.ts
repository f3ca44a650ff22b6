import { connect } from 'node:net';
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';
import { creditLedger, jobs, tracks } from '../db/schema/index.ts';
import { ledgerSum } from '../services/credits.ts';

// Every endpoint answers client mistakes with 4xx and the error shape, never 5xx,
// and a refused request leaves nothing behind (no credits, rows or files).

function expectClientError(res: { statusCode: number; json(): unknown }, status?: number) {
  expect(res.statusCode, JSON.stringify(res.json())).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  if (status) expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe('bad input', () => {
  let t: TestApp;
  let u: TestUser;
  let other: TestUser;
  let otherTrack: { track_id: string; job_id: string };

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    u = await signUp(t);
    other = await signUp(t);
    otherTrack = (await other.post('/api/tracks', validTrack())).json();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function stateOf(user: TestUser) {
    const db = t.rt.database.db;
    const [tr] = await db.select({ n: count() }).from(tracks).where(eq(tracks.userId, user.id));
    const [jb] = await db.select({ n: count() }).from(jobs).where(eq(jobs.userId, user.id));
    const [lg] = await db.select({ n: count() }).from(creditLedger).where(eq(creditLedger.userId, user.id));
    const me = (await user.get('/api/me')).json() as { credits: number };
    return {
      tracks: tr!.n,
      jobs: jb!.n,
      ledger: lg!.n,
      credits: me.credits,
      sum: await ledgerSum(db, user.id),
    };
  }

  it('malformed JSON, wrong content type, huge bodies', async () => {
    const before = await stateOf(u);
    const broken = await u.request({
      method: 'POST',
      url: '/api/tracks',
      payload: '{"prompt": "lo-fi beats at night", "duration_s": 30',
      headers: { 'content-type': 'application/json' },
    });
    expectClientError(broken, 400);
    expect(broken.json().error.code).toBe('INVALID_JSON');
    const empty = await u.request({
      method: 'POST',
      url: '/api/tracks',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expectClientError(empty, 400);
    const text = await u.request({
      method: 'POST',
      url: '/api/tracks',
      payload: 'prompt=x',
      headers: { 'content-type': 'text/plain' },
    });
    expectClientError(text, 415);
    const huge = await u.request({
      method: 'POST',
      url: '/api/tracks',
      payload: JSON.stringify({ ...validTrack(), lyrics: 'la '.repeat(400_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expectClientError(huge, 413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stateOf(u)).toEqual(before);
  });

  it('auth endpoints that do not exist, or by the wrong method, answer 404 in the error shape (not `null`)', async () => {
    for (const [method, url] of [
      ['GET', '/api/auth/nope'],
      ['POST', '/api/auth/nope'],
      ['GET', '/api/auth/sign-in/email'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
        payload: method === 'POST' ? '{}' : undefined,
      });
      expectClientError(res, 404);
      expect((res.json() as { error: { code: string } }).error.code, url).toBe('NOT_FOUND');
    }
  });

  it('a URL over the header limit, refused by the HTTP parser, answers 431 in the error shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const raw = await new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      let got = '';
      s.on('data', (d) => {
        got += d;
      });
      s.on('close', () => resolve(got));
      s.on('error', reject);
      s.write(`GET /api/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it('wrong types, out-of-range values and unknown fields', async () => {
    const before = await stateOf(u);
    const cases: unknown[] = [
      validTrack({ duration_s: '30' }),
      validTrack({ duration_s: 30.5 }),
      validTrack({ duration_s: 0 }),
      validTrack({ duration_s: 10_000 }),
      validTrack({ prompt: 'short' }),
      validTrack({ prompt: 'x'.repeat(1001) }),
      validTrack({ prompt: 42 }),
      validTrack({ bpm: 300 }),
      validTrack({ bpm: 39 }),
      validTrack({ key: 'H major' }),
      validTrack({ genre: 'polka' }),
      validTrack({ style_strength: 1.5 }),
      validTrack({ seed: -1 }),
      validTrack({ seed: 2 ** 31 }),
      validTrack({ has_vocals: 'yes' }),
      validTrack({ lyrics: 'la la' }), // lyrics without has_vocals
      validTrack({ has_vocals: true, lyrics: 'x'.repeat(3501) }),
      validTrack({ title: '' }),
      validTrack({ title: 't'.repeat(121) }),
      validTrack({ series_id: 'not-a-uuid' }),
      validTrack({ reference_file_id: 12 }),
      validTrack({ credits: 1000 }),
      validTrack({ user_id: other.id }),
      { duration_s: 30 },
      [],
      'a string',
      null,
    ];
    for (const body of cases) {
      const res = await u.post('/api/tracks', body);
      expectClientError(res, 400);
    }
    const typo = await u.post('/api/tracks', validTrack({ duraton_s: 30 }));
    expect(typo.json().error.message).toMatch(/duraton_s|unrecognized|Unrecognized/i);
    expect(await stateOf(u)).toEqual(before);
  });

  it("other users' ids and malformed ids answer 404/400, never 5xx", async () => {
    const before = await stateOf(u);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/api/tracks/${otherTrack.track_id}`,
      `/api/jobs/${otherTrack.job_id}`,
      `/api/tracks/${missing}`,
      `/api/jobs/${missing}/logs`,
    ]) {
      expectClientError(await u.get(url), 404);
    }
    for (const url of ['/api/tracks/123', '/api/jobs/..%2F..%2Fetc', '/api/tracks/%00']) {
      expectClientError(await u.get(url), 400);
    }
    expectClientError(await u.patch(`/api/tracks/${otherTrack.track_id}`, { public: true }), 404);
    expectClientError(await u.delete(`/api/tracks/${otherTrack.track_id}`), 404);
    expectClientError(await u.post('/api/tracks', validTrack({ series_id: missing })), 404);
    expectClientError(await u.post('/api/tracks', validTrack({ reference_file_id: missing })), 404);
    // The other user's track is untouched.
    expect((await other.get(`/api/tracks/${otherTrack.track_id}`)).statusCode).toBe(200);
    expect(await stateOf(u)).toEqual(before);
  });

  it('query strings, PATCH bodies and download formats are validated', async () => {
    const { track_id } = (await u.post('/api/tracks', validTrack())).json();
    for (const url of [
      '/api/tracks?page=0',
      '/api/tracks?limit=1000',
      '/api/tracks?status=DONE',
      '/api/tracks?series_id=x',
      '/api/tracks?genre=polka',
      '/api/tracks?style=Bossa%20Nova',
      `/api/tracks?style=${'a'.repeat(41)}`,
      '/api/tracks?sort=random',
      '/api/explore?genre=polka',
      `/api/explore?q=${'x'.repeat(201)}`,
      '/api/explore?page=10001',
      '/api/tracks?page=abc',
      `/api/tracks/${track_id}/download?format=exe`,
      '/api/credits/cost-preview?duration_s=5',
      '/api/credits/ledger?limit=-1',
    ]) {
      expectClientError(await u.get(url), 400);
    }
    expectClientError(await u.get(`/api/tracks/${track_id}/download?format=mp3`), 409); // not finished yet
    for (const body of [
      {},
      { title: '' },
      { public: 'yes' },
      { title: 'ok', owner: 'me' },
      { status: 'COMPLETE' },
    ]) {
      expectClientError(await u.patch(`/api/tracks/${track_id}`, body), 400);
    }
    for (const body of [{}, { plan: 'ENTERPRISE' }, { credits: 10_000 }, { name: '' }]) {
      expectClientError(await u.patch('/api/me', body), 400);
    }
    expect((await u.get('/api/me')).json()).toMatchObject({ plan: 'FREE' });
  });

  it('property: any create body is either accepted (201) or refused with 4xx; balance = ledger sum always', async () => {
    const db = t.rt.database.db;
    const p = await signUp(t);
    const field = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 40 }),
      fc.integer({ min: -1000, max: 100_000 }),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.uuid(),
    );
    const body = fc.record(
      {
        prompt: fc.oneof(fc.string({ minLength: 0, maxLength: 1100 }), field),
        duration_s: fc.oneof(fc.integer({ min: -10, max: 300 }), field),
        genre: fc.oneof(fc.constantFrom('lo-fi', 'jazz', 'techno', 'Jazz', ''), field),
        key: fc.oneof(fc.constantFrom('C major', 'F# minor', 'Bb major', 'X minor'), field),
        bpm: fc.oneof(fc.integer({ min: 0, max: 400 }), field),
        style_strength: fc.oneof(fc.double({ min: -1, max: 2 }), field),
        seed: fc.oneof(fc.integer({ min: -5, max: 2 ** 31 + 5 }), field),
        has_vocals: field,
        lyrics: fc.oneof(fc.string({ maxLength: 100 }), field),
        extra: field,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const clean = JSON.parse(JSON.stringify(b)); // what a client can send
        const before = (await p.get('/api/me')).json().credits as number;
        const res = await p.post('/api/tracks', clean);
        expect([201, 400, 402, 403, 404, 429]).toContain(res.statusCode);
        const after = (await p.get('/api/me')).json().credits as number;
        if (res.statusCode === 201) expect(before - after).toBe(res.json().credits_required);
        else {
          expect(res.json().error.code).toBeTypeOf('string');
          expect(after).toBe(before);
        }
        expect(await ledgerSum(db, p.id)).toBe(after);
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });
});

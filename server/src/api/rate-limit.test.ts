import { randomUUID } from 'node:crypto';
import type { Response as LightMyRequestResponse } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../test/audio-fixtures.ts';
import { signUp, startTestApp, type TestApp, validTrack } from '../../test/harness.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { operatorToken } from '../secrets.ts';
import { ledgerSum } from '../services/credits.ts';
import { backoffSec, createRateLimits } from '../services/rate-limits.ts';

// Issue 13 #1: rate limits an attacker can neither dodge (fake X-Forwarded-For, fresh
// account names) nor turn against another user.

const ORIGIN = 'http://localhost:3000';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function signIn(
  t: TestApp,
  email: string,
  password: string,
  from: string,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    remoteAddress: from,
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ email, password }),
  });
}

describe('backoffSec', () => {
  it('none for the first 4 failures, then doubling from 1 s, capped at 15 min', () => {
    expect([1, 4, 5, 6, 7, 20, 99].map(backoffSec)).toEqual([0, 0, 1, 2, 4, 900, 900]);
  });
});

describe('rate limits (embedded mode, in memory)', () => {
  let t: TestApp;
  let victimEmail: string;

  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', env: { RATE_LIMITS: 'true', FREE_DAILY_TRACK_LIMIT: '1000' } });
    victimEmail = (await signUp(t)).email;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sign-in failures back off per (account, address); the real user elsewhere still signs in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await signIn(t, victimEmail, 'wrong password!', '10.1.0.1')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    const limited = await signIn(t, victimEmail, 'wrong password!', '10.1.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Even the right password waits out the backoff from the attacker's address …
    expect((await signIn(t, victimEmail, 'correct horse battery', '10.1.0.1')).statusCode).toBe(429);
    // … but the victim, from their own address, is not locked out.
    expect((await signIn(t, victimEmail, 'correct horse battery', '10.2.0.2')).statusCode).toBe(200);
  });

  it('a burst of parallel guesses at one account is checked one at a time: no more than the backoff allows', async () => {
    // 20 wrong passwords sent at once from one address (a script's Promise.all): were each let
    // through the backoff's check before any had failed, all 20 passwords would be tried.
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(t, victimEmail, `guess ${i}!!`, '10.6.0.6')),
    );
    const codes = burst.map((r) => r.statusCode);
    const tried = codes.filter((c) => c === 401).length;
    expect(tried, codes.join(' ')).toBeGreaterThanOrEqual(1);
    expect(tried, codes.join(' ')).toBeLessThanOrEqual(5);
    expect(
      codes.filter((c) => c !== 401).every((c) => c === 429),
      codes.join(' '),
    ).toBe(true);
    expect(burst.find((r) => r.statusCode === 429)!.json().error.code).toBe('RATE_LIMITED');
    // One at a time, the account's backoff starts after its fifth failure, as before the burst.
    const next: number[] = [];
    for (let i = 0; i < 6; i++)
      next.push((await signIn(t, victimEmail, 'wrong password!', '10.6.0.6')).statusCode);
    expect(next.filter((c) => c === 401).length + tried, next.join(' ')).toBeLessThanOrEqual(5);
    expect(next).toContain(429);
    // The hold is released after each reply: the right password from elsewhere is never refused.
    expect((await signIn(t, victimEmail, 'correct horse battery', '10.7.0.7')).statusCode).toBe(200);
  });

  it('per address: 30 failures a minute, whatever the account names or a forged X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await signIn(t, `nobody${i}@example.com`, 'wrong password!', '10.3.0.3', {
        'x-forwarded-for': `198.51.100.${i}`,
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30)).toEqual([429, 429]);
    // Another client's correct sign-in is unaffected by that address's exhaustion.
    expect((await signIn(t, victimEmail, 'correct horse battery', '10.4.0.4')).statusCode).toBe(200);
  });

  it('successful sign-ins do not use up the address budget', async () => {
    for (let i = 0; i < 32; i++) {
      expect((await signIn(t, victimEmail, 'correct horse battery', '10.5.0.5')).statusCode).toBe(200);
    }
  });

  it('sign-up: 5 an hour per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        remoteAddress: '10.6.0.6',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload: JSON.stringify({
          email: `new${randomUUID()}@example.com`,
          password: 'correct horse battery',
          name: 'N',
        }),
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it('an IPv6 client is limited as its /64: fresh addresses in it do not buy more sign-ups', async () => {
    const signUpFrom = (from: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        remoteAddress: from,
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload: JSON.stringify({
          email: `v6${randomUUID()}@example.com`,
          password: 'correct horse battery',
          name: 'N',
        }),
      });
    const codes: number[] = [];
    // One customer's /64, every address different (and spelled differently).
    for (const host of ['::1', '::2', ':0:0:0:3', ':a:b:c:d', ':ffff:ffff:ffff:ffff', '::6', '::7'])
      codes.push((await signUpFrom(`2001:DB8:ABCD:0012${host}`)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // The next /64 is someone else.
    expect((await signUpFrom('2001:db8:abcd:13::1')).statusCode).toBe(200);
  });

  it('track creation: 30 a minute per user, the 31st refused before any charge', async () => {
    const u = await signUp(t, `maker${randomUUID()}@example.com`).catch(async () => {
      throw new Error('sign-up limited: the harness address is 127.0.0.1');
    });
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await u.post('/api/tracks', validTrack())).statusCode);
    expect(codes.every((c) => c === 201)).toBe(true);
    const before = await ledgerSum(t.rt.database.db, u.id);
    const res = await u.post('/api/tracks', validTrack());
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await ledgerSum(t.rt.database.db, u.id)).toBe(before);
    // Per user: someone else is not affected.
    const other = await signUp(t, `other${randomUUID()}@example.com`);
    expect((await other.post('/api/tracks', validTrack())).statusCode).toBe(201);
  });

  it('uploads: 10 a minute per user', async () => {
    const u = await signUp(t, `uploader${randomUUID()}@example.com`);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await u.request({
        method: 'POST',
        url: '/api/analyze',
        ...multipart(new Uint8Array(64), 'x.bin'),
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c !== 429)).toBe(true);
    expect(codes[10]).toBe(429);
  });
  it("landing demos' audio: 30 a minute per address (its first request renders), whatever X-Forwarded-For says", async () => {
    const get = (from: string, i: number) =>
      t.app.inject({
        method: 'GET',
        // A well-formed demo id that does not exist: answered 404 after the limit, renders nothing.
        url: '/api/examples/no-such-demo/audio',
        remoteAddress: from,
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await get('10.9.0.9', i)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
    expect(codes[30]).toBe(429);
    expect((await get('10.9.0.10', 0)).statusCode).toBe(404); // another address has its own budget
  });
});

describe('rate limits on the costly endpoints (cover regeneration, checkout, quality refund, operator API)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', env: { RATE_LIMITS: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** `n` allowed calls (whatever the handler answers) then a 429 with Retry-After and the error shape. */
  async function expectLimit(call: () => Promise<LightMyRequestResponse>, n: number) {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) codes.push((await call()).statusCode);
    expect(codes.filter((c) => c === 429)).toEqual([]);
    const refused = await call();
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/try again/),
        details: { retry_after_s: expect.any(Number) },
      },
    });
  }

  it('per user: visuals 10 a minute, checkout 10 a minute, quality refund 20 an hour; another user unaffected', async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const track = randomUUID(); // unknown: 404 until the limit, which is checked first
    await expectLimit(() => a.post(`/api/tracks/${track}/visuals`), 10);
    await expectLimit(() => a.post('/api/credits/checkout', { pack_credits: 300 }), 10);
    await expectLimit(() => a.post(`/api/tracks/${track}/refund-quality`), 20);
    // Each limiter is its own budget, and per user: b still gets the handler's own answers.
    expect((await b.post(`/api/tracks/${track}/visuals`)).statusCode).toBe(404);
    expect((await b.post(`/api/tracks/${track}/refund-quality`)).statusCode).toBe(404);
    expect((await b.post('/api/credits/checkout', { pack_credits: 300 })).statusCode).not.toBe(429);
    expect((await a.post('/api/tracks', validTrack())).statusCode).toBe(201);
  });

  it('password checks inside a session (change password, delete account): 10 an hour per user, so a stolen session is no password oracle', async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const guess = (u: typeof a) =>
      u.post('/api/auth/change-password', {
        currentPassword: 'a wrong guess',
        newPassword: 'whatever it is',
      });
    await expectLimit(() => guess(a), 10);
    expect((await a.post('/api/auth/delete-user', { password: 'another guess' })).statusCode).toBe(429);
    // Another user is unaffected, and the right password still works for them.
    expect((await guess(b)).statusCode).toBe(400);
    const ok = await b.post('/api/auth/change-password', {
      currentPassword: 'correct horse battery',
      newPassword: 'a new passphrase here',
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('operator API: 10 failed tokens a minute per address, then 429 even with the right token; other addresses unaffected', async () => {
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    const admin = (from: string, bearer: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/plan',
        remoteAddress: from,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'nobody@example.com', plan: 'PRO' }),
      });
    // Right tokens never count: 15 calls from the guesser's address before it starts guessing.
    for (let i = 0; i < 15; i++) expect((await admin('10.8.0.8', token)).statusCode).toBe(404);
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await admin('10.8.0.8', `guess${i}`)).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    const refused = await admin('10.8.0.8', 'guess10');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect((await admin('10.8.0.8', token)).statusCode).toBe(429);
    // The operator elsewhere, and another guesser, are not affected.
    expect((await admin('10.8.0.9', token)).statusCode).toBe(404);
    expect((await admin('10.8.0.10', 'guess')).statusCode).toBe(401);
  });

  it('the Stripe webhook is never rate-limited', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/webhooks/stripe',
        remoteAddress: '10.8.1.1',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
        payload: '{}',
      });
      expect(res.statusCode).not.toBe(429);
    }
  });
});

describe('rate limits behind a trusted proxy', () => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite', env: { RATE_LIMITS: 'true', TRUSTED_PROXIES: '10.9.0.0/16' } });
    email = (await signUp(t)).email;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('X-Forwarded-For from a trusted proxy names the client; from anyone else it is ignored', async () => {
    for (let i = 0; i < 30; i++) {
      await signIn(t, `x${i}@example.com`, 'wrong password!', '10.9.0.1', {
        'x-forwarded-for': '203.0.113.7',
      });
    }
    expect(
      (await signIn(t, 'y@example.com', 'wrong password!', '10.9.0.1', { 'x-forwarded-for': '203.0.113.7' }))
        .statusCode,
    ).toBe(429);
    // Same proxy, another client behind it: not limited.
    expect(
      (await signIn(t, email, 'correct horse battery', '10.9.0.1', { 'x-forwarded-for': '203.0.113.8' }))
        .statusCode,
    ).toBe(200);
  });
});

describe('Redis-backed limits are shared by every API process', () => {
  it('two limiter instances (two processes) draw from one budget', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const a = createRateLimits({ kind: 'redis', url: REDIS_URL, prefix, timeoutMs: 2000 });
    const b = createRateLimits({ kind: 'redis', url: REDIS_URL, prefix, timeoutMs: 2000 });
    try {
      await Promise.all([a.ready(), b.ready()]); // until then each answers from memory (by design)
      const results: (number | null)[] = [];
      for (let i = 0; i < 10; i++) results.push(await (i % 2 ? a : b).take('uploadsPerUser', 'user:x'));
      expect(results.every((r) => r === null)).toBe(true);
      expect(await a.take('uploadsPerUser', 'user:x')).toBeGreaterThan(0);
      expect(await b.take('uploadsPerUser', 'user:x')).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two API processes on one Redis: sign-ups from one address share the 5-an-hour budget', async () => {
    const env = { RATE_LIMITS: 'true', REDIS_URL, QUEUE_PREFIX: `rl${randomUUID().slice(0, 8)}` };
    const a = await startTestApp({ db: 'postgres', env });
    const b = await startTestApp({ db: 'postgres', env });
    try {
      const signUpAt = (t: TestApp) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/sign-up/email',
          remoteAddress: '10.7.0.7',
          headers: { origin: ORIGIN, 'content-type': 'application/json' },
          payload: JSON.stringify({
            email: `p${randomUUID()}@example.com`,
            password: 'correct horse battery',
            name: 'P',
          }),
        });
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await signUpAt(i % 2 ? a : b)).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a stalled Redis costs one timeout, not one per call: the calls after it answer from memory at once', async () => {
    const target = new URL(REDIS_URL);
    const proxy = await new TcpProxy(target.hostname, Number(target.port || 6379)).start();
    const l = createRateLimits({
      kind: 'redis',
      url: proxy.url(REDIS_URL),
      prefix: `st${randomUUID()}`,
      timeoutMs: 300,
    });
    try {
      await l.ready();
      proxy.setMode('stall');
      // A sign-in's calls, one after another (backoff check, in-flight hold, per-address take, …).
      const started = Date.now();
      for (let i = 0; i < 5; i++) await l.take('signInPerAddress', 'ip:192.0.2.9');
      expect(Date.now() - started).toBeLessThan(300 + 700);
    } finally {
      await l.close();
      await proxy.close();
    }
  });

  it('an unreachable Redis falls back to in-process limits, quickly', async () => {
    const l = createRateLimits({ kind: 'redis', url: 'redis://127.0.0.1:1', prefix: 'x', timeoutMs: 300 });
    try {
      const results: (number | null)[] = [];
      for (let i = 0; i < 11; i++) results.push(await l.take('uploadsPerUser', 'user:y'));
      expect(results.slice(0, 10).every((r) => r === null)).toBe(true);
      expect(results[10]).toBeGreaterThan(0);
    } finally {
      await l.close();
    }
  });
});

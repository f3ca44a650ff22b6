import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../../test/harness.ts';
import { createTestDatabase, requireRedis, TEST_REDIS_URL } from '../../test/services.ts';

// Issue 13 #5: sign-out and revocation end a (stolen) session at once, on every API
// process: replaying the old cookie is a 401, not 5 more minutes of access.

const ORIGIN = 'http://localhost:3000';

async function signIn(t: TestApp, email: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
}
const me = (t: TestApp, cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }).then((r) => r.statusCode);
const post = (t: TestApp, cookie: string, path: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/auth/${path}`,
    headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
    payload: '{}',
  });

async function until(check: () => Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sessions end at once (one process)', () => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    email = (await signUp(t)).email;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a cookie replayed after sign-out is refused', async () => {
    const stolen = await signIn(t, email);
    expect(await me(t, stolen)).toBe(200); // cached now
    expect((await post(t, stolen, 'sign-out')).statusCode).toBe(200);
    expect(await me(t, stolen)).toBe(401);
    expect(await me(t, stolen)).toBe(401);
  });

  it('revoke-other-sessions ends the other cookies at once, keeps the caller', async () => {
    const mine = await signIn(t, email);
    const stolen = await signIn(t, email);
    expect(await me(t, stolen)).toBe(200);
    expect((await post(t, mine, 'revoke-other-sessions')).statusCode).toBe(200);
    expect(await me(t, stolen)).toBe(401);
    expect(await me(t, mine)).toBe(200);
  });
});

describe('sessions end at once on every API process (PostgreSQL + Redis bus)', () => {
  let a: TestApp;
  let b: TestApp;
  let drop: () => Promise<void>;
  let email: string;

  beforeAll(async () => {
    await requireRedis();
    const pg = await createTestDatabase();
    drop = pg.drop;
    const env = {
      DATABASE_URL: pg.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `sess${randomUUID().slice(0, 8)}`,
    };
    a = await startTestApp({ db: 'pglite', env });
    b = await startTestApp({ db: 'pglite', env });
    email = (await signUp(a)).email;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('sign-out through process A: process B, which had the session cached, refuses it', async () => {
    const stolen = await signIn(a, email);
    expect(await me(b, stolen)).toBe(200); // B caches it for up to 30 s
    expect((await post(a, stolen, 'sign-out')).statusCode).toBe(200);
    // The notice crosses Redis pub/sub: a few ms, not the cache's 30 s.
    await until(async () => (await me(b, stolen)) === 401, 3000);
  });

  it('revoke-other-sessions through B ends the session A had cached', async () => {
    const mine = await signIn(b, email);
    const stolen = await signIn(a, email);
    expect(await me(a, stolen)).toBe(200);
    expect((await post(b, mine, 'revoke-other-sessions')).statusCode).toBe(200);
    await until(async () => (await me(a, stolen)) === 401, 3000);
    expect(await me(a, mine)).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../../test/harness.ts';
import { withoutSchemaPaths, withoutSessionTokens } from './auth.ts';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      db: 'pglite',
      env: { NODE_ENV: 'production', PUBLIC_URL: 'https://music.example.com' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: payload as never,
      headers: { origin: 'https://music.example.com', ...headers },
    });

  it('in production the session cookie is Secure, HttpOnly and SameSite', async () => {
    const res = await post('/api/auth/sign-up/email', {
      email: 'prod@example.com',
      password: 'correct horse battery',
      name: 'p',
    });
    expect(res.statusCode).toBe(200);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.includes('session_token'))!;
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("no answer hands a session token to page scripts; better-auth's list of sessions is closed", async () => {
    const email = `tokens${Date.now()}@example.com`;
    const up = await post('/api/auth/sign-up/email', { email, password: 'correct horse battery', name: 't' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).not.toHaveProperty('token');
    expect(up.json().user.email).toBe(email);
    const inRes = await post('/api/auth/sign-in/email', { email, password: 'correct horse battery' });
    expect(inRes.statusCode).toBe(200);
    expect(inRes.json()).not.toHaveProperty('token');
    const cookie = ([] as string[])
      .concat(inRes.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/get-session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe(email);
    expect(session.json().session.userId).toBeTruthy();
    expect(session.json().session).not.toHaveProperty('token');
    expect(session.body).not.toMatch(/"token"/);
    const list = await t.app.inject({ method: 'GET', url: '/api/auth/list-sessions', headers: { cookie } });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.message).toContain('/api/me/sessions');
    // Settings' own list never held them.
    const mine = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toMatch(/token/i);
    expect(withoutSessionTokens('{"token":"x","user":{"id":"u"}}')).toBe('{"user":{"id":"u"}}');
    expect(withoutSessionTokens('null')).toBe('null');
    expect(withoutSessionTokens('{"status":true}')).toBe('{"status":true}');
  });

  it('sign-in, wrong password, sign-out; errors keep the API shape', async () => {
    const bad = await post('/api/auth/sign-in/email', {
      email: 'prod@example.com',
      password: 'wrong password!',
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('UNAUTHENTICATED');
    const ok = await post('/api/auth/sign-in/email', {
      email: 'prod@example.com',
      password: 'correct horse battery',
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ([] as string[])
      .concat(ok.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await post('/api/auth/sign-out', {}, { cookie });
    expect(out.statusCode).toBe(200);
    // The session is gone at once in this process (the session cache is evicted on sign-out).
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookie.replace(/; __Secure-better-auth\.session_data=[^;]*/, '') },
    });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a sign-up from an untrusted origin, a duplicate email and a short password', async () => {
    const evil = await post(
      '/api/auth/sign-up/email',
      { email: 'evil@example.com', password: 'correct horse battery', name: 'e' },
      { origin: 'https://evil.example' },
    );
    expect(evil.statusCode).toBe(403);
    const dup = await post('/api/auth/sign-up/email', {
      email: 'prod@example.com',
      password: 'correct horse battery',
      name: 'p',
    });
    expect(dup.statusCode).toBeGreaterThanOrEqual(400);
    expect(dup.statusCode).toBeLessThan(500);
    const short = await post('/api/auth/sign-up/email', {
      email: 'short@example.com',
      password: 'abc',
      name: 's',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/password/i);
    // A user with the same email in another case is the same user.
    await expect(signUp(t, 'PROD@example.com')).rejects.toThrow();
  });

  it('says what is wrong with a field without better-auth\'s "[body.email] " schema path', async () => {
    const res = await post('/api/auth/sign-up/email', {
      email: 'x@y',
      password: 'correct horse battery',
      name: 'x',
    });
    expect(res.statusCode).toBe(400);
    const { message } = res.json().error;
    expect(message).toBe('Invalid email address');
    // Several issues come joined by "; ", each with its path.
    expect(withoutSchemaPaths('[body.email] Invalid email address; [body.password] Too short')).toBe(
      'Invalid email address; Too short',
    );
    expect(withoutSchemaPaths('[body] Expected object')).toBe('Expected object');
  });
});

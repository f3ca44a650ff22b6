import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../../test/harness.ts';
import { operatorToken } from '../secrets.ts';

// Settings' "Where you're signed in" and "Password": the account's sessions listed without
// their tokens, one ended by id at once, and a password change that ends every other session.

const ORIGIN = 'http://localhost:3000';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';

const cookieOf = (setCookie: string | string[] | undefined) =>
  ([] as string[])
    .concat(setCookie ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');

interface SessionJson {
  id: string;
  current: boolean;
  device: string | null;
  ip_address: string | null;
  created_at: string;
  last_active_at: string;
  expires_at: string;
}

describe('the account’s sessions (PGlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const signIn = async (
    email: string,
    userAgent: string,
    extra: Record<string, string> = {},
    password = 'correct horse battery',
  ) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'user-agent': userAgent, ...extra },
      payload: JSON.stringify({ email, password }),
    });
    expect(res.statusCode, res.body).toBe(200);
    return cookieOf(res.headers['set-cookie']);
  };
  const as = (cookie: string, method: 'GET' | 'DELETE' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        cookie,
        origin: ORIGIN,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  const list = async (cookie: string) => {
    const res = await as(cookie, 'GET', '/api/me/sessions');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as SessionJson[];
  };
  const me = (cookie: string) => as(cookie, 'GET', '/api/me').then((r) => r.statusCode);

  it('lists where the account is signed in: device, resolved address, the current one marked, no tokens', async () => {
    const { email } = await signUp(t);
    const laptop = await signIn(email, CHROME);
    // A client that is not a trusted proxy cannot choose the address its session records.
    const phone = await signIn(email, FIREFOX, { 'x-forwarded-for': '6.6.6.6' });
    const seen = await list(laptop);
    expect(seen).toHaveLength(3); // sign-up's own session, then the two sign-ins
    const current = seen.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(seen[0]!.current).toBe(true); // listed first
    expect(current[0]!.device).toBe('Chrome 156 on Linux');
    expect(seen.map((s) => s.device)).toContain('Firefox 140 on Windows');
    for (const s of seen) {
      expect(s.ip_address).not.toBe('6.6.6.6');
      expect(Object.keys(s).sort()).toEqual(
        ['created_at', 'current', 'device', 'expires_at', 'id', 'ip_address', 'last_active_at'].sort(),
      );
    }
    expect(JSON.stringify(seen)).not.toContain(laptop.split('=')[1]!.split('.')[0]!);
    // From the phone, the phone is the current one.
    expect((await list(phone)).find((s) => s.current)?.device).toBe('Firefox 140 on Windows');
    expect((await t.app.inject({ method: 'GET', url: '/api/me/sessions' })).statusCode).toBe(401);
  });

  it('signing one session out ends it at once; someone else’s session is not found', async () => {
    const { email } = await signUp(t);
    const laptop = await signIn(email, CHROME);
    const lost = await signIn(email, FIREFOX);
    expect(await me(lost)).toBe(200); // now in the session cache
    const target = (await list(lost)).find((s) => s.current)!;

    const other = await signUp(t);
    const otherCookie = await signIn(other.email, CHROME);
    expect((await as(otherCookie, 'DELETE', `/api/me/sessions/${target.id}`)).statusCode).toBe(404);
    expect(await me(lost)).toBe(200);

    expect((await as(laptop, 'DELETE', `/api/me/sessions/${target.id}`)).statusCode).toBe(204);
    expect(await me(lost)).toBe(401);
    expect(await me(laptop)).toBe(200);
    expect((await list(laptop)).map((s) => s.id)).not.toContain(target.id);
    expect((await as(laptop, 'DELETE', `/api/me/sessions/${target.id}`)).statusCode).toBe(404);
    expect((await as(laptop, 'DELETE', '/api/me/sessions/not-a-uuid')).statusCode).toBe(400);
  });

  it('locked out: the operator issues a one-time link; using it sets the password and ends every session; nobody can have one mailed', async () => {
    const { email } = await signUp(t);
    const laptop = await signIn(email, CHROME);
    expect(await me(laptop)).toBe(200); // cached
    // The public endpoints that would mail a link are closed, in words.
    for (const path of ['request-password-reset', 'forget-password']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/auth/${path}`,
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload: JSON.stringify({ email }),
      });
      expect(res.statusCode, path).toBe(403);
      expect(res.json().error.message).toContain('ask its operator');
    }
    const operator = (body: unknown, token = operatorToken(t.rt.config.operatorToken, t.rt.secret)) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/password-reset',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    expect((await operator({ email }, 'x'.repeat(40))).statusCode).toBe(401);
    expect((await operator({ email: 'nobody@example.com' })).statusCode).toBe(404);
    const issued = await operator({ email: email.toUpperCase() });
    expect(issued.statusCode, issued.body).toBe(200);
    const url = new URL(issued.json().url);
    expect(url.pathname).toBe('/auth/reset');
    const token = url.searchParams.get('token')!;
    const reset = (newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/reset-password',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload: JSON.stringify({ token, newPassword }),
      });
    expect((await reset('short')).statusCode).toBe(400);
    expect((await reset('my new passphrase')).statusCode).toBe(200);
    expect(await me(laptop)).toBe(401); // ended at once, though this process had it cached
    expect((await reset('yet another passphrase')).statusCode).toBe(400); // once only
    expect(await me(await signIn(email, FIREFOX, {}, 'my new passphrase'))).toBe(200);
  });

  it('a password change ends every other session, even when the request does not ask it to', async () => {
    const { email } = await signUp(t);
    const mine = await signIn(email, CHROME);
    const stolen = await signIn(email, FIREFOX);
    expect(await me(stolen)).toBe(200);
    const res = await as(mine, 'POST', '/api/auth/change-password', {
      currentPassword: 'correct horse battery',
      newPassword: 'a brand new passphrase',
      revokeOtherSessions: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await me(stolen)).toBe(401);
    // The caller goes on with the session the answer set.
    const renewed = cookieOf(res.headers['set-cookie']) || mine;
    expect(await me(renewed)).toBe(200);
    expect(await list(renewed)).toHaveLength(1);
    // A wrong current password changes nothing, in the API's error shape.
    const wrong = await as(renewed, 'POST', '/api/auth/change-password', {
      currentPassword: 'not the password',
      newPassword: 'another passphrase here',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { auth_code: 'INVALID_PASSWORD' },
    });
    expect(await me(renewed)).toBe(200);
  });
});

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp, type TestUser, validTrack } from '../../test/harness.ts';

// Issue 13, fuzz suite: every route of the app (read from its own OpenAPI document, so
// routes other branches add are covered without edits, plus the better-auth routes)
// gets generated paths, queries and bodies. No answer may be a 5xx, and a 4xx must
// leave the database as it was. Fixed seed and run count: deterministic, ~10 s.

const SEED = 1313;
const RUNS = 300;

interface Operation {
  method: string;
  /** OpenAPI path template, e.g. /api/tracks/{id}. */
  path: string;
  query: string[];
  body: string[];
}

const AUTH_OPERATIONS: Operation[] = [
  { method: 'POST', path: '/api/auth/sign-in/email', query: [], body: ['email', 'password', 'rememberMe'] },
  {
    method: 'POST',
    path: '/api/auth/sign-up/email',
    query: [],
    body: ['email', 'password', 'name', 'image'],
  },
  { method: 'POST', path: '/api/auth/update-user', query: [], body: ['name', 'image'] },
  { method: 'GET', path: '/api/auth/get-session', query: ['disableCookieCache'], body: [] },
];

function operationsOf(spec: { paths?: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const o = op as {
        parameters?: { in: string; name: string }[];
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      };
      const props = o.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        query: (o.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(props),
      });
    }
  }
  return ops;
}

// Values that have broken servers before: control characters, NUL, lone surrogates,
// huge numbers, wrong types, deep nesting, prototype keys.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '%00', '../../etc/passwd', '  ', '', 'é'.normalize('NFD')),
  fc.constantFrom('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '00000000-0000-0000-0000-000000000000', 'null'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1, 0, 2 ** 53, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

const pathSegment = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('%00', '..', '%2e%2e', 'null', '-1', '%E0%A4%A', 'a%2Fb'),
);

describe.each(['pglite', 'postgres'] as const)('fuzz on %s: every route, body, query and path', (db) => {
  let t: TestApp;
  let u: TestUser;
  let ownTrack: string;

  beforeAll(async () => {
    t = await startTestApp({ db });
    u = await signUp(t);
    ownTrack = (await u.post('/api/tracks', validTrack())).json().track_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Everything a refused request must not change. */
  async function snapshot(): Promise<string> {
    const rows = await t.rt.database.db.execute(sql`
      select
        (select coalesce(string_agg(id || name || credits || plan || solidarity_opt_in, ',' order by id), '') from users) as users,
        (select coalesce(string_agg(id || title || public || status, ',' order by id), '') from tracks) as tracks,
        (select count(*) from jobs) as jobs,
        (select count(*) from credit_ledger) as ledger,
        (select count(*) from files) as files,
        (select count(*) from series) as series,
        (select count(*) from sessions) as sessions`);
    return JSON.stringify((rows as unknown as { rows?: unknown[] }).rows ?? rows);
  }

  it('never answers 5xx; a 4xx changes nothing', async () => {
    const ops = [...operationsOf(t.app.swagger() as never), ...AUTH_OPERATIONS].filter(
      (o) => !['/metrics', '/health/ready'].includes(o.path),
    );
    expect(ops.length).toBeGreaterThan(10);

    const request = fc.record({
      op: fc.constantFrom(...ops),
      // Most path ids random or hostile; some the user's own track (the interesting branches).
      ids: fc.array(fc.oneof(pathSegment, fc.constant('OWN')), { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(
        fc.oneof(
          fc.constantFrom('q', 'page', 'limit', 'status', 'format', 'duration_s'),
          fc.string({ maxLength: 8 }),
        ),
        nasty.map(String),
        { maxKeys: 4 },
      ),
      body: fc.oneof(
        // a valid track request with one field replaced by something hostile
        fc
          .record({
            key: fc.constantFrom(
              'prompt',
              'title',
              'duration_s',
              'lyrics',
              'key',
              'bpm',
              'name',
              'public',
              'email',
              'password',
            ),
            value: nasty,
          })
          .map(({ key, value }) => ({ ...validTrack(), [key]: value })),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom('prompt', 'title', 'name', 'email', 'public', '__proto__', 'constructor'),
            fc.string({ maxLength: 8 }),
          ),
          nasty,
          { maxKeys: 5 },
        ),
        nasty,
        fc.constant('{"a":'), // broken JSON
        fc.nat({ max: 2000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      ),
    });

    let fivexx = 0;
    await fc.assert(
      fc.asyncProperty(request, async ({ op, ids, query, body }) => {
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, (param) => {
          const id = ids[i++ % ids.length]!;
          // The user's own job stream would stay open: only hostile ids for SSE.
          if (id === 'OWN') return op.path.endsWith('/events') ? '%00' : ownTrack;
          void param;
          return id;
        });
        const qs = new URLSearchParams(query).toString();
        const url = `${path}${qs ? `?${qs}` : ''}`;
        const before = await snapshot();
        const res = await u.request({
          method: op.method as 'GET',
          url,
          ...(op.method === 'GET' || op.method === 'DELETE'
            ? {}
            : {
                payload: typeof body === 'string' ? body : JSON.stringify(body),
                headers: { 'content-type': 'application/json' },
              }),
        });
        if (res.statusCode >= 500) fivexx++;
        expect(
          res.statusCode,
          `${op.method} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(await snapshot(), `${op.method} ${url} changed state with ${res.statusCode}`).toBe(before);
          if (op.method !== 'HEAD') {
            const err = res.json() as { error?: { code?: unknown } };
            expect(typeof err.error?.code, `${op.method} ${url}: ${res.body.slice(0, 200)}`).toBe('string');
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(fivexx).toBe(0);
  }, 120_000); // ≈7 s on an idle machine; generous for a shared one
});

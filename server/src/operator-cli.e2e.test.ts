import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HttpClient,
  REPO_ROOT,
  type RunningProcess,
  startEmbeddedServer,
  type tempDataDir,
} from '../test/server-process.ts';

// Operator commands while the embedded server holds the data directory (PGlite
// allows one process): the CLI finds the lock's live holder and goes through the
// server's operator API, with the token both derive from DATA_DIR's secret.

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'server/bin/soundfoundry.mjs'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('operator CLI while the embedded server runs', () => {
  let server: RunningProcess;
  let data: ReturnType<typeof tempDataDir>;
  let env: Record<string, string>;
  let client: HttpClient;

  beforeAll(async () => {
    let base: string;
    ({ server, base, data, env } = await startEmbeddedServer());
    client = new HttpClient(base);
    const res = await client.json('/api/auth/sign-up/email', {
      method: 'POST',
      body: JSON.stringify({ email: 'ops@example.com', password: 'correct horse battery', name: 'ops' }),
    });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    data?.remove();
  });

  it('plan set, credits grant and credits adjust reach the running server', async () => {
    const p = await cli(['plan', 'set', 'ops@example.com', 'pro'], env);
    expect(p.code, p.err).toBe(0);
    expect(p.out).toMatch(/ops@example.com is now on the PRO plan/);
    const b = await cli(['ppp', 'set', 'ops@example.com', 'lmid'], env);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/ops@example.com now pays LMID prices/);
    const g = await cli(['credits', 'grant', 'ops@example.com', '100', '--note', 'ticket 9'], env);
    expect(g.code, g.err).toBe(0);
    expect(g.out).toMatch(/granted 100 credits; ops@example.com now has 500/);
    const a = await cli(['credits', 'adjust', 'ops@example.com', '-25', '--note', 'double grant'], env);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/removed 25 credits; ops@example.com now has 475/);
    // Refusals are messages, not stack traces; nothing changes.
    const neg = await cli(['credits', 'adjust', 'ops@example.com', '-1000', '--note', 'x'], env);
    expect(neg.code).toBe(1);
    expect(neg.err).toMatch(/Cannot remove 1000 credits: the balance is 475/);
    const noNote = await cli(['credits', 'adjust', 'ops@example.com', '5'], env);
    expect(noNote.code).not.toBe(0);
    const nobody = await cli(['plan', 'set', 'nobody@example.com', 'PRO'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(/no user with email/);

    // The server on a port of its own: the CLI finds it from the data dir, without PORT.
    const { PORT: _port, ...withoutPort } = env;
    expect(_port).toBeTruthy();
    const found = await cli(['credits', 'grant', 'ops@example.com', '1', '--note', 'found'], withoutPort);
    expect(found.code, found.err).toBe(0);
    const back = await cli(['credits', 'adjust', 'ops@example.com', '-1', '--note', 'found'], withoutPort);
    expect(back.code, back.err).toBe(0);

    const credits = await client.json<{ balance: number; plan: string }>('/api/credits');
    expect(credits.body).toMatchObject({ balance: 475, plan: 'PRO', ppp_band: 'LMID' });
    const ledger = await client.json<{
      items: { reason: string; amount: number; meta: { note?: string } }[];
    }>('/api/credits/ledger');
    expect(ledger.body.items.map((i) => [i.reason, i.amount, i.meta?.note ?? null])).toEqual([
      ['ADJUSTMENT', -1, 'found'],
      ['ADJUSTMENT', 1, 'found'],
      ['ADJUSTMENT', -25, 'double grant'],
      ['ADJUSTMENT', 100, 'ticket 9'],
      ['TRIAL', 400, null],
    ]);
  }, 120_000);
});

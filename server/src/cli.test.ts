import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/server-process.ts';
import { buildApp } from './api/app.ts';
import { loadConfig } from './config.ts';
import { creditLedger, users } from './db/schema/index.ts';
import { openRuntime } from './runtime.ts';

// The `soundfoundry` bin, run as a real process (node on the bin file, not npx).
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'server/bin/soundfoundry.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('soundfoundry CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generate writes every output and prints a one-line summary; analyze --json reads it back', () => {
    const out = join(dir, 'out');
    const g = cli([
      'generate',
      'bright pop song with a catchy hook',
      '--duration',
      '15',
      '--genre',
      'pop',
      '--bpm',
      '118',
      '--key',
      'E minor',
      '--seed',
      '42',
      '--out',
      out,
    ]);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout.trim().split('\n')).toHaveLength(1);
    expect(g.stdout).toMatch(/118 BPM/);
    expect(readdirSync(out).sort()).toEqual([
      'plan.json',
      'preview.mp3',
      'stems.zip',
      'track.mid',
      'track.mp3',
      'track.wav',
    ]);

    const a = cli(['analyze', join(out, 'track.wav'), '--json']);
    expect(a.code, a.stderr).toBe(0);
    const lines = a.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'bpm',
        'key',
        'mode',
        'energy',
        'loudness_lufs',
        'true_peak_dbtp',
        'duration_s',
      ]),
    );
    expect(result.duration_s).toBeCloseTo(15, 0);
  });

  it('generate takes a key spelled with a flat and a named style from the prompt', () => {
    const out = join(dir, 'flat');
    const g = cli([
      'generate',
      'a waltz for strings',
      '--duration',
      '15',
      '--key',
      'Bb major',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/classical, \d+ BPM, A# major, style waltz in 3\/4/);
  });

  it('refuses bad parameters with a clear message and no output', () => {
    const out = join(dir, 'bad');
    const r = cli(['generate', 'anything at all here', '--duration', '10000', '--out', out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/duration/);
    expect(existsSync(out)).toBe(false);
    const k = cli(['generate', 'anything at all here', '--key', 'H major', '--out', out]);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toMatch(/key/i);
    const missing = cli(['analyze', join(dir, 'nope.mp3')]);
    expect(missing.code).not.toBe(0);
  });

  it('credits grant adds one ADJUSTMENT ledger row; migrate is idempotent', async () => {
    const dataDir = join(dir, 'data');
    const env = { DATA_DIR: dataDir, AUTH_SECRET: 'cli-secret-cli-secret-cli-secret-cli-0001' };
    expect(cli(['migrate'], env).code).toBe(0);
    // Sign a user up through the real app, then close it (one process per data dir).
    let rt = await openRuntime(loadConfig(env), { role: 'api', dispatch: false });
    const app = await buildApp(rt);
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin: 'http://localhost:3000' },
      payload: { email: 'Op@Example.com', password: 'correct horse battery', name: 'op' },
    });
    await app.close();
    await rt.close();

    const g = cli(['credits', 'grant', 'op@example.com', '250', '--note', 'support ticket 12'], env);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/granted 250 credits; op@example.com now has 650/);
    expect(cli(['credits', 'grant', 'nobody@example.com', '5'], env).code).not.toBe(0);
    expect(cli(['credits', 'grant', 'op@example.com', 'lots'], env).code).not.toBe(0);
    expect(cli(['migrate'], env).code).toBe(0);

    rt = await openRuntime(loadConfig(env), { role: 'api', dispatch: false });
    const u = (await rt.database.db.select().from(users).where(eq(users.email, 'op@example.com')))[0]!;
    const rows = await rt.database.db.select().from(creditLedger).where(eq(creditLedger.userId, u.id));
    expect(rows.map((r) => [r.reason, r.amount])).toEqual([
      ['TRIAL', 400],
      ['ADJUSTMENT', 250],
    ]);
    expect(rows[1]!.meta).toMatchObject({ kind: 'operator_grant', note: 'support ticket 12' });
    expect(u.credits).toBe(650);
    await rt.close();

    // A locked-out user: the operator prints a one-time link; it sets a new password, once.
    const link = cli(['password', 'reset-link', 'OP@example.com'], env);
    expect(link.code, link.stderr).toBe(0);
    const url = new URL(/https?:\/\/\S+/.exec(link.stdout)![0]);
    expect(url.pathname).toBe('/auth/reset');
    const token = url.searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(20);
    expect(cli(['password', 'reset-link', 'nobody@example.com'], env).stderr).toMatch(/No account uses/);
    rt = await openRuntime(loadConfig(env), { role: 'api', dispatch: false });
    const app2 = await buildApp(rt);
    try {
      const reset = (newPassword: string) =>
        app2.inject({
          method: 'POST',
          url: '/api/auth/reset-password',
          headers: { origin: 'http://localhost:3000' },
          payload: { token, newPassword },
        });
      expect((await reset('a fresh passphrase')).statusCode).toBe(200);
      expect((await reset('and another one')).statusCode).toBe(400); // used once
      const signIn = (password: string) =>
        app2.inject({
          method: 'POST',
          url: '/api/auth/sign-in/email',
          headers: { origin: 'http://localhost:3000' },
          payload: { email: 'op@example.com', password },
        });
      expect((await signIn('correct horse battery')).statusCode).toBe(401);
      expect((await signIn('a fresh passphrase')).statusCode).toBe(200);
    } finally {
      await app2.close();
      await rt.close();
    }
  }, 300_000); // eight CLI processes, each opening PGlite: slow on a loaded machine
});

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type Db, openDatabase } from './db/client.ts';
import { acquireDataDirLock, dataDirHolder, holderAddress } from './db/data-dir-lock.ts';
import { operatorToken, resolveSecret } from './secrets.ts';
import { AppError } from './services/errors.ts';
import { PLAN_NAMES, type PlanName } from './services/plans.ts';

// `soundfoundry` — operator commands and the offline engine/analyser.

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`${name} must be an integer ${min}–${max}`);
  return n;
};

/** Opens the configured database for a one-off command (with the embedded lock). */
async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const c = config();
  const release = c.database.kind === 'pglite' ? acquireDataDirLock(c.dataDir) : () => {};
  const database = await openDatabase(c.database);
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
    release();
  }
}

const program = new Command()
  .name('soundfoundry')
  .description('SoundFoundry: AI music generation, self-hosted')
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply the database migrations (PGlite under DATA_DIR, or DATABASE_URL)')
  .action(async () => {
    await withDatabase(async (d) => console.log(`migrations applied (${d.kind})`));
  });

program
  .command('worker')
  .description('run BullMQ workers (production mode: DATABASE_URL + REDIS_URL)')
  .option('-c, --concurrency <n>', 'jobs at once', int('concurrency', 1, 64))
  .action(async (opts: { concurrency?: number }) => {
    const { runWorker } = await import('./worker/main.ts');
    await runWorker(config(), opts.concurrency);
  });

/**
 * An operator command: straight on the database when this process may open it, or
 * through the running embedded server's operator API (PGlite allows one process;
 * its lock file says which one holds it). Both paths run the same service verb.
 */
async function operate<T extends object>(
  path: string,
  body: object,
  direct: (db: Db) => Promise<T>,
  opts: { server?: string },
): Promise<T> {
  const c = config();
  const holder = c.database.kind === 'pglite' ? dataDirHolder(c.dataDir) : null;
  if (holder === null && !opts.server) return withDatabase(({ db }) => direct(db));
  const host = c.host === '0.0.0.0' || c.host === '::' ? '127.0.0.1' : c.host;
  const recorded = holder === null ? null : holderAddress(c.dataDir);
  const base = (
    opts.server ??
    recorded ??
    `http://${host.includes(':') ? `[${host}]` : host}:${c.port}`
  ).replace(/\/$/, '');
  const token = operatorToken(c.operatorToken, resolveSecret(c.auth.secret, c.dataDir));
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(
      `the server holding ${c.dataDir} (pid ${holder}) did not answer at ${base}: ${(err as Error).message}. Pass --server URL.`,
    );
  }
  const json = (await res.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!res.ok) throw new OperatorError(json.error?.message ?? `operator API answered ${res.status}`);
  return json;
}

class OperatorError extends Error {}

/** Runs an operator action; a refusal (unknown user, balance too low) prints its message and exits 1. */
async function runOperator(fn: () => Promise<string>) {
  try {
    console.log(await fn());
  } catch (err) {
    if (err instanceof OperatorError || err instanceof AppError) {
      console.error(`error: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

const SERVER_OPTION = [
  '--server <url>',
  "a running server to send the command to (default: this DATA_DIR's server, if running)",
] as const;
const amount = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n === 0 || Math.abs(n) > 1_000_000)
    throw new InvalidArgumentError('must be a non-zero integer, at most 1000000 either way');
  return n;
};

const plan = program.command('plan').description("operator: a user's plan");
plan
  .command('set')
  .description("set a user's plan: FREE, PRO or ENTERPRISE (works while the server runs)")
  .argument('<email>')
  .argument('<plan>', 'FREE | PRO | ENTERPRISE', (v: string) => {
    const p = v.toUpperCase();
    if (!(PLAN_NAMES as readonly string[]).includes(p))
      throw new InvalidArgumentError('use FREE, PRO or ENTERPRISE');
    return p as PlanName;
  })
  .option(...SERVER_OPTION)
  .action(async (email: string, p: PlanName, o: { server?: string }) => {
    await runOperator(async () => {
      const r = await operate(
        '/api/admin/plan',
        { email, plan: p },
        async (db) =>
          (await import('./services/credit-ops.ts')).setPlan({ ctx: { db }, input: { email, plan: p } }),
        o,
      );
      return `${r.email} is now on the ${r.plan} plan`;
    });
  });

const ppp = program.command('ppp').description("operator: a user's PPP price band");
ppp
  .command('set')
  .description("set a user's PPP band: HIGH, UMID, LMID or LOW (otherwise fixed at sign-up)")
  .argument('<email>')
  .argument('<band>', 'HIGH | UMID | LMID | LOW', (v: string) => {
    const b = v.toUpperCase();
    if (!['HIGH', 'UMID', 'LMID', 'LOW'].includes(b))
      throw new InvalidArgumentError('use HIGH, UMID, LMID or LOW');
    return b as 'HIGH' | 'UMID' | 'LMID' | 'LOW';
  })
  .option(...SERVER_OPTION)
  .action(async (email: string, band: 'HIGH' | 'UMID' | 'LMID' | 'LOW', o: { server?: string }) => {
    await runOperator(async () => {
      const input = { email, ppp_band: band };
      const r = await operate(
        '/api/admin/ppp-band',
        input,
        async (db) => (await import('./services/credit-ops.ts')).setPppBand({ ctx: { db }, input }),
        o,
      );
      return `${r.email} now pays ${r.ppp_band} prices`;
    });
  });

const credits = program.command('credits').description('operator credit tools (work while the server runs)');
const creditsAction =
  (kind: 'grant' | 'adjust') => async (email: string, n: number, o: { note?: string; server?: string }) => {
    await runOperator(async () => {
      const input = { email, amount: n, note: o.note, kind };
      const r = await operate(
        '/api/admin/credits',
        input,
        async (db) => (await import('./services/credit-ops.ts')).adjustCredits({ ctx: { db }, input }),
        o,
      );
      const verb = n > 0 ? (kind === 'grant' ? 'granted' : 'added') : 'removed';
      const debt = r.debt_credits > 0 ? `, still owing ${r.debt_credits}` : '';
      return `${verb} ${Math.abs(n)} credits; ${r.email} now has ${r.balance}${debt}`;
    });
  };
credits
  .command('grant')
  .description('grant N credits to a user (one ADJUSTMENT ledger row); negative N takes them away')
  .argument('<email>')
  .argument('<n>', 'credits', amount)
  .option('--note <text>', 'why, stored in the ledger row')
  .option(...SERVER_OPTION)
  .action(creditsAction('grant'));
credits
  .command('adjust')
  .description('change a balance by ±N with a note (one ADJUSTMENT ledger row; never below zero)')
  .argument('<email>')
  .argument('<n>', '±credits, e.g. 50 or -20', amount)
  .requiredOption('--note <text>', 'why, stored in the ledger row')
  .option(...SERVER_OPTION)
  .action(creditsAction('adjust'));

const password = program.command('password').description('operator: help a locked-out user');
password
  .command('reset-link')
  .description(
    'print a one-time link (valid 1 h) that lets a user set a new password; ends their sessions when used',
  )
  .argument('<email>')
  .option(...SERVER_OPTION)
  .action(async (email: string, o: { server?: string }) => {
    await runOperator(async () => {
      const r = await operate(
        '/api/admin/password-reset',
        { email },
        async (db) => {
          // No server holds the database: this process makes the link with its own auth instance.
          const c = config();
          const { createAuth, issuePasswordResetLink } = await import('./api/auth.ts');
          const auth = createAuth({
            db,
            secret: resolveSecret(c.auth.secret, c.dataDir),
            baseUrl: c.publicUrl,
            trustedOrigins: c.auth.trustedOrigins,
            secureCookies: c.isProduction,
            onboarding: c.credits,
          });
          return issuePasswordResetLink(auth, c.publicUrl, email);
        },
        o,
      );
      return `Give this link to ${r.email} (it works once, until ${r.expires_at}):\n${r.url}`;
    });
  });

program
  .command('generate')
  .description('render a track with the local engine, no server needed')
  .argument('<prompt>')
  .option('-d, --duration <s>', 'seconds (15–240)', int('duration', 15, 240), 60)
  .option('-g, --genre <genre>')
  .option('-k, --key <key>', 'e.g. "F# minor" or "Bb major"')
  .option('-b, --bpm <bpm>', 'beats per minute (40–220)', int('bpm', 40, 220))
  .option('-s, --seed <seed>', 'same seed, same bytes', int('seed', 0, 2 ** 31 - 1))
  .option('--style <0..1>', 'style strength', (v) => Number(v))
  .option('--lyrics <text>')
  .option('--vocals', 'sing the lyrics')
  .option('-o, --out <dir>', 'output directory', './out')
  .action(async (prompt: string, o: Record<string, unknown>) => {
    const engine = await import('@soundfoundry/engine');
    const out = resolve(String(o.out));
    mkdirSync(out, { recursive: true });
    try {
      const summary = await engine.generateToDirectory(
        {
          prompt,
          durationSec: o.duration as number,
          seed: (o.seed as number | undefined) ?? Math.floor(Math.random() * 2 ** 31),
          genre: o.genre as never,
          key: o.key as never,
          bpm: o.bpm as number | undefined,
          styleStrength: o.style as number | undefined,
          hasVocals: Boolean(o.vocals) || Boolean(o.lyrics),
          lyrics: o.lyrics as string | undefined,
        },
        out,
      );
      console.log(summary);
    } catch (err) {
      if ((err as Error).name === 'EngineParamError') {
        console.error(`error: ${(err as Error).message}`);
        process.exit(2);
      }
      throw err;
    }
  });

program
  .command('analyze')
  .description('analyse an audio file: tempo, key, energy, loudness')
  .argument('<file>')
  .option('--json', 'one JSON line')
  .action(async (file: string, o: { json?: boolean }) => {
    const analyze = await import('@soundfoundry/engine/analyze');
    try {
      console.log(await analyze.analyzeFileCommand(file, { json: Boolean(o.json) }));
    } catch (err) {
      console.error(`error: ${(err as Error).message}`);
      process.exit(2);
    }
  });

program.parseAsync().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

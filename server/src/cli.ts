import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { eq } from 'drizzle-orm';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { users } from './db/schema/index.ts';
import { applyCreditChange } from './services/credits.ts';

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

const credits = program.command('credits').description('operator credit tools');
credits
  .command('grant')
  .description('grant N credits to a user (one ADJUSTMENT ledger row); negative N takes them away')
  .argument('<email>')
  .argument('<n>', 'credits', int('n', -1_000_000, 1_000_000))
  .option('--note <text>', 'why, stored in the ledger row')
  .action(async (email: string, n: number, opts: { note?: string }) => {
    if (n === 0) throw new InvalidArgumentError('n must not be 0');
    await withDatabase(async ({ db }) => {
      const u = (
        await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase()))
      )[0];
      if (!u) {
        console.error(`no user with email ${email}`);
        process.exitCode = 1;
        return;
      }
      const { balanceAfter } = await db.transaction((tx) =>
        applyCreditChange(tx, {
          userId: u.id,
          amount: n,
          reason: 'ADJUSTMENT',
          meta: { kind: 'operator_grant', note: opts.note ?? null },
        }),
      );
      console.log(
        `${n > 0 ? 'granted' : 'removed'} ${Math.abs(n)} credits; ${email} now has ${balanceAfter}`,
      );
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

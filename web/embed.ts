import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The web app inside the API's process: `npm start` builds it when its sources changed
// since the last build, then the API hands every non-API path to Next's request handler
// (one origin, one port: cookies and SSE need no proxy).

export const WEB_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = dirname(WEB_DIR);
const BUILD_DIR = join(WEB_DIR, '.next');
const STAMP = join(BUILD_DIR, 'sf-source-hash');
const LOCK = join(WEB_DIR, '.next-build.lock');
// What a build depends on: the app's sources and the contract it imports.
const SOURCES = [
  'app',
  'components',
  'lib',
  'mocks',
  'public',
  'proxy.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'package.json',
];

function listFiles(path: string, out: string[]) {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isFile()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
    listFiles(join(path, name), out);
  }
}

/** A hash of every file the build reads: equal hashes mean the build is current. */
export function sourceHash(): string {
  const files: string[] = [];
  for (const s of SOURCES) listFiles(join(WEB_DIR, s), files);
  listFiles(join(REPO_DIR, 'contract/src'), files);
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(REPO_DIR, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

export function isBuildCurrent(): boolean {
  return (
    existsSync(join(BUILD_DIR, 'BUILD_ID')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8').trim() === sourceHash()
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One builder at a time per checkout (tests start several servers at once). */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than 15 minutes belongs to a builder that died.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 15 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`waited too long for the web build lock ${LOCK}`);
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface BuildOptions {
  /** One line per build stage (the first start takes a minute). */
  progress?: (line: string) => void;
}

/** Builds the app unless the last build is of the same sources. Returns whether it built. */
export async function ensureWebBuilt(opts: BuildOptions = {}): Promise<boolean> {
  if (isBuildCurrent()) return false;
  return withBuildLock(async () => {
    if (isBuildCurrent()) return false; // another process built it while we waited
    const say = opts.progress ?? ((l: string) => console.log(l));
    const started = Date.now();
    say('SoundFoundry: building the web app (first start or changed sources; about a minute) …');
    const hash = sourceHash();
    const nextBin = createRequire(join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [nextBin, 'build'], {
        cwd: WEB_DIR,
        env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString();
        for (const line of d.toString().split('\n')) {
          // Next's own stage lines ("Compiled successfully", "Generating static pages") as progress.
          const t = line.trim();
          if (/^(✓|Creating|Compil|Generating|Collecting|Finalizing)/.test(t)) say(`  web build: ${t}`);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${out.slice(-4000)}`)),
      );
    });
    writeFileSync(STAMP, `${hash}\n`);
    say(`SoundFoundry: web app built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return true;
  });
}

type NextFactory = (o: { dev: boolean; dir: string; quiet?: boolean }) => {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close(): Promise<void>;
};

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface EmbeddedWeb {
  handle: WebHandler;
  close(): Promise<void>;
}

/** Next's production server as a request handler for the API's HTTP server. */
export async function startEmbeddedWeb(opts: BuildOptions = {}): Promise<EmbeddedWeb> {
  await ensureWebBuilt(opts);
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  // Loaded untyped on purpose: next's global types (a required NODE_ENV in ProcessEnv)
  // must not leak into the server's type-check, which includes this file.
  const next = createRequire(join(WEB_DIR, 'package.json'))('next') as NextFactory;
  const app = next({ dev: false, dir: WEB_DIR, quiet: true });
  await app.prepare();
  const handler = app.getRequestHandler();
  return {
    handle: (req, res) => handler(req, res),
    close: () => app.close(),
  };
}

// How the engine starts its worker threads, from built JS or from TypeScript source.
//
// From source (tsx), a thread's entry is bundled into plain JS with the esbuild that tsx itself
// runs on (one build per process, ≈50–100 ms, written content-addressed under node_modules/.cache),
// and the thread starts from that file. A thread that registers tsx instead gets a loader thread
// of its own: ≈30 MB more per thread (measured: 35 vs 8 MB) and a slower start. If bundling is not
// possible (no esbuild, read-only tree), threads fall back to registering tsx (ts-bootstrap.mjs).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** Every thread entry of the engine, bundled together (they share modules), relative to src/. */
const ENTRIES = [
  'worker/engine-thread',
  'worker/helper-thread',
  'analyze/worker',
  'analyze/analysis-helper-thread',
  'worker/finish-thread',
] as const;
const SRC = fileURLToPath(new URL('../', import.meta.url));

interface EsbuildLike {
  buildSync(options: Record<string, unknown>): {
    outputFiles?: { path: string; contents: Uint8Array }[];
  };
}

let bundleDir: string | null | undefined;

/** The directory holding the bundled thread entries, or null when they cannot be built here. */
function bundledEntries(): string | null {
  if (bundleDir !== undefined) return bundleDir;
  bundleDir = null;
  try {
    const require = createRequire(import.meta.url);
    const esbuild = createRequire(require.resolve('tsx/esm/api'))('esbuild') as EsbuildLike;
    const result = esbuild.buildSync({
      entryPoints: Object.fromEntries(ENTRIES.map((e) => [e.split('/')[1], join(SRC, `${e}.ts`)])),
      bundle: true,
      // Packages stay imports: resolved from the cache directory, inside the project's node_modules.
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outdir: '/out',
      outExtension: { '.js': '.js' },
      splitting: true,
      chunkNames: 'chunk-[hash]',
      write: false,
      logLevel: 'silent',
    });
    const files = result.outputFiles ?? [];
    const hash = createHash('sha256');
    for (const f of files) hash.update(f.path).update(f.contents);
    const dir = join(projectCacheDir(), hash.digest('hex').slice(0, 16));
    if (!existsSync(join(dir, 'package.json'))) {
      // Written beside, then renamed: a concurrent process never sees half a directory.
      const tmp = `${dir}.tmp-${process.pid}-${process.hrtime.bigint()}`;
      mkdirSync(tmp, { recursive: true });
      for (const f of files) writeFileSync(join(tmp, f.path.slice('/out/'.length)), f.contents);
      writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
      try {
        renameSync(tmp, dir);
      } catch {
        // Another process made it first: theirs is identical (same hash).
      }
    }
    bundleDir = dir;
  } catch {
    bundleDir = null;
  }
  return bundleDir;
}

/** node_modules/.cache/soundfoundry-threads of the project (where `spessasynth_core` resolves). */
function projectCacheDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('spessasynth_core/package.json');
  let nodeModules = dirname(pkg);
  while (!nodeModules.endsWith('node_modules')) nodeModules = dirname(nodeModules);
  return join(nodeModules, '.cache', 'soundfoundry-threads');
}

/**
 * How to start a worker thread on `entry` (a sibling module of the caller, given without
 * extension). `workerData` of the caller is kept.
 */
export function workerEntry(
  callerUrl: string,
  entry: string,
  workerData?: Record<string, unknown>,
): {
  url: URL;
  options: WorkerOptions;
} {
  if (!callerUrl.endsWith('.ts')) {
    return { url: new URL(`${entry}.js`, callerUrl), options: { workerData } };
  }
  const source = fileURLToPath(new URL(`${entry}.ts`, callerUrl));
  const name = ENTRIES.find((e) => join(SRC, `${e}.ts`) === source)?.split('/')[1];
  const dir = name ? bundledEntries() : null;
  if (dir && name) return { url: pathToFileURL(join(dir, `${name}.js`)), options: { workerData } };
  return {
    url: new URL('./ts-bootstrap.mjs', import.meta.url),
    options: { workerData: { ...workerData, __entry: new URL(`${entry}.ts`, callerUrl).href } },
  };
}

// Runs a module script in a fresh Node process (tsx), for tests that must see whether something
// keeps a process alive: a thread that should be unref'd makes the process time out instead of exit.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/** Writes `lines` as `<dir>/<name>.mts`, runs it, and returns its exit status and stdout. */
export function runInFreshProcess(
  dir: string,
  name: string,
  lines: string[],
  timeoutMs = 30_000,
): { error?: Error; status: number | null; stdout: string } {
  const file = join(dir, `${name}.mts`);
  writeFileSync(file, lines.join('\n'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], {
    encoding: 'utf8',
    timeout: timeoutMs,
    cwd: REPO_ROOT,
  });
  return { error: run.error, status: run.status, stdout: run.stdout };
}

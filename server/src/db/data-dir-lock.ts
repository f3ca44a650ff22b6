import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no lock between processes: two processes on one data dir both
 * "succeed" and lose writes. The embedded mode therefore takes this lock file and
 * refuses to start while another live process holds it. A lock left by a dead
 * process (its pid no longer exists) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'soundfoundry.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        rmSync(join(dataDir, ADDRESS_FILE), { force: true });
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `DATA_DIR ${dataDir} is in use by process ${pid}. The embedded database allows one process; ` +
            'stop the other one (a server that is shutting down first finishes the job it is running: ' +
            'try again in a few seconds), or set DATABASE_URL and REDIS_URL to run several.',
        );
      }
      rmSync(path, { force: true }); // stale lock of a dead process
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process holding DATA_DIR's lock (the running embedded server), or null. */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'soundfoundry.lock'), 'utf8').trim());
    return pid && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Beside the lock: where the embedded server holding it listens (any PORT), for the operator CLI. */
const ADDRESS_FILE = 'soundfoundry.address';

/** Records where this process, the lock's holder, listens (removed with the lock). */
export function recordServerAddress(dataDir: string, address: string): void {
  writeFileSync(join(dataDir, ADDRESS_FILE), JSON.stringify({ pid: process.pid, address }));
}

/** Where the live holder of DATA_DIR's lock listens, when it recorded it; else null. */
export function holderAddress(dataDir: string): string | null {
  const holder = dataDirHolder(dataDir);
  if (holder === null) return null;
  try {
    const r = JSON.parse(readFileSync(join(dataDir, ADDRESS_FILE), 'utf8')) as {
      pid?: unknown;
      address?: unknown;
    };
    return r.pid === holder && typeof r.address === 'string' ? r.address : null;
  } catch {
    return null;
  }
}

// Files the renderers make (clips, samples, configs) are written under a name of this process's own
// and then renamed into place. Rename is atomic within a file system, so renders running side by side
// (held-out files in parallel, bench:analysis in shards) never read half a file nor write into each
// other's. Tests and benches only.
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

let sequence = 0;

/**
 * Makes `path` by `produce(tmp)`, which writes the file at `tmp`, then renames it into place. `tmp`
 * sits in the same directory (so the rename stays on one file system) and keeps the extension (so
 * tools that infer a format from the name still do). When `produce` throws, the temporary file is
 * removed and `path` is left as it was.
 */
export function writeAtomically<T>(path: string, produce: (tmp: string) => T): T {
  const ext = extname(path);
  const tmp = join(dirname(path), `.${basename(path, ext)}.${process.pid}.${++sequence}.tmp${ext}`);
  try {
    const result = produce(tmp);
    renameSync(tmp, path);
    return result;
  } finally {
    rmSync(tmp, { force: true });
  }
}

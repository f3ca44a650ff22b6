// TiMidity++ configs of our own, for the renderers that play through it (library-render.ts,
// liveset-render.ts): TiMidity always reads Debian's /etc/timidity/timidity.cfg first and `-c` adds a
// file whose definitions override it, so each renderer writes the config that says what it may play.
// Tests and benches only.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomically } from './atomic-file.ts';

/**
 * The path of config `name` (under the machine's temporary directory), written from `text` the first
 * time it is asked for (atomically: parallel renders never read half a file).
 */
export function timidityCfg(name: string, text: () => string): string {
  const dir = join(tmpdir(), 'soundfoundry-timidity');
  const cfg = join(dir, `${name}.cfg`);
  if (!existsSync(cfg)) {
    mkdirSync(dir, { recursive: true });
    writeAtomically(cfg, (tmp) => writeFileSync(tmp, text()));
  }
  return cfg;
}

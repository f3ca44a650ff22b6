// TiMidity++ configs of our own, for the renderers that play through it (library-render.ts,
// liveset-render.ts): TiMidity always reads Debian's /etc/timidity/timidity.cfg first and `-c` adds a
// file whose definitions override it, so each renderer writes the config that says what it may play.
// Tests and benches only.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The path of config `name` (under the machine's temporary directory), written from `text` the first
 * time it is asked for. Written under a temporary name, then renamed: rename is atomic, so parallel
 * renders never read half a file.
 */
export function timidityCfg(name: string, text: () => string): string {
  const dir = join(tmpdir(), 'soundfoundry-timidity');
  const cfg = join(dir, `${name}.cfg`);
  if (!existsSync(cfg)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${cfg}.${process.pid}.${Date.now()}`;
    writeFileSync(tmp, text());
    renameSync(tmp, cfg);
  }
  return cfg;
}

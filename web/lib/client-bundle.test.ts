import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The browser bundle must not carry zod: the contract's schemas pull it in whole (~37 kB
// gzip on every app page) and its eval probe trips the page's CSP. Browser-side code
// imports values from '@soundfoundry/contract/constants' and only types from the rest.
const WEB = join(import.meta.dirname, '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Value imports (not `import type`, not inline-type-only) from a module. */
function valueImports(src: string, from: RegExp): string[] {
  const found: string[] = [];
  for (const m of src.matchAll(/^import\s+(?!type\s)([\s\S]*?)\s+from\s+'([^']+)';/gm)) {
    const [, what, mod] = m;
    if (!from.test(mod!)) continue;
    const names = /^\{([\s\S]*)\}$/
      .exec(what!.trim())?.[1]
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    if (names?.every((n) => n.startsWith('type '))) continue;
    found.push(`${what!.trim()} from '${mod}'`);
  }
  return found;
}

describe('client bundle', () => {
  it('browser-side modules take no values from the zod contract or zod', () => {
    const offenders: string[] = [];
    for (const dir of ['components', 'lib', 'mocks']) {
      for (const file of sources(join(WEB, dir))) {
        const src = readFileSync(file, 'utf8');
        if (src.includes("import 'server-only'")) continue;
        for (const imp of valueImports(src, /^(@soundfoundry\/contract|zod)$/))
          offenders.push(`${relative(WEB, file)}: ${imp}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees a value import', () => {
    expect(
      valueImports("import { GENRES } from '@soundfoundry/contract';", /^@soundfoundry\/contract$/),
    ).toHaveLength(1);
    expect(
      valueImports(
        "import { type Job, type Track } from '@soundfoundry/contract';",
        /^@soundfoundry\/contract$/,
      ),
    ).toEqual([]);
    expect(valueImports("import type { z } from 'zod';", /^zod$/)).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../test/audio-fixtures.ts';
import { signUp, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { files } from '../db/schema/index.ts';

// Issue 13 #2: decompression bombs sent to POST /api/analyze are refused with a clear
// code, cost little memory, and leave nothing stored.

describe('decompression bombs at POST /api/analyze', () => {
  let t: TestApp;
  let u: TestUser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-bomb-'));
    t = await startTestApp({ db: 'pglite' });
    u = await signUp(t);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bomb = (seconds: number) => {
    const out = join(dir, `bomb-${seconds}.flac`);
    execFileSync('ffmpeg', [
      ...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=192000:cl=7.1'],
      ...['-t', String(seconds), '-c:a', 'flac', out],
    ]);
    return new Uint8Array(readFileSync(out));
  };

  it.each([300, 120])(
    'a %i s 7.1 192 kHz FLAC of a few KB is refused: AUDIO_LIMIT_EXCEEDED, nothing stored',
    async (s) => {
      const bytes = bomb(s);
      expect(bytes.length).toBeLessThan(200_000);
      const rss = process.memoryUsage().rss;
      const res = await u.request({ method: 'POST', url: '/api/analyze', ...multipart(bytes, 'bomb.flac') });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('AUDIO_LIMIT_EXCEEDED');
      expect(res.json().error.message).toMatch(/would decode to/);
      // Refused from the header: before, the server grew by ≈4 GB.
      expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 2 ** 20);
      const [n] = await t.rt.database.db.select({ n: count() }).from(files);
      expect(n!.n).toBe(0);
    },
    120_000, // ffmpeg writes 5 minutes of 8 × 192 kHz silence first
  );
});

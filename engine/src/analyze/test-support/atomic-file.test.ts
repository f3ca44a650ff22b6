import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from './atomic-file.ts';

describe('writeAtomically', () => {
  it('writes through a temporary file beside the target, with its extension, then renames it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'clip.mp3');
    const seen: string[] = [];
    const result = writeAtomically(path, (tmp) => {
      seen.push(tmp);
      expect(existsSync(path)).toBe(false);
      writeFileSync(tmp, 'audio');
      return 7;
    });
    expect(result).toBe(7);
    expect(readFileSync(path, 'utf8')).toBe('audio');
    expect(seen[0]!.startsWith(`${dir}/`)).toBe(true);
    expect(seen[0]!.endsWith('.mp3')).toBe(true);
    expect(seen[0]).toContain(String(process.pid));
    expect(readdirSync(dir)).toEqual(['clip.mp3']);
  });

  it('gives every call its own temporary name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const names: string[] = [];
    for (let i = 0; i < 2; i++)
      writeAtomically(join(dir, 'a.wav'), (tmp) => {
        names.push(tmp);
        writeFileSync(tmp, String(i));
      });
    expect(names[0]).not.toBe(names[1]);
    expect(readFileSync(join(dir, 'a.wav'), 'utf8')).toBe('1');
  });

  it('leaves the target as it was and no temporary file behind when the producer fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'cfg.cfg');
    writeFileSync(path, 'old');
    expect(() =>
      writeAtomically(path, (tmp) => {
        writeFileSync(tmp, 'half');
        throw new Error('renderer crashed');
      }),
    ).toThrow('renderer crashed');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['cfg.cfg']);
  });
});

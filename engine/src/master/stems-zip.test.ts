// The in-place stems ZIP, read back by an independent implementation (Python's zipfile: CRCs,
// headers, central directory) and by our test reader; filled from two threads as the engine does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import readStoredZip from '../testing/read-zip.ts';
import { layoutStemsZip, StemsZip } from './stems-zip.ts';

const ENTRIES = [
  { name: 'melody.wav', size: 1001 },
  { name: 'bass.wav', size: 4096 },
  { name: 'drums.wav', size: 17 },
  { name: 'harmony.wav', size: 65_539 },
];

function fill(bytes: Uint8Array, seed: number): void {
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed * 7) & 0xff;
}

/** Python's zipfile: testzip() checks every CRC; prints name, size, mode per entry. */
function pythonListing(zip: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-zip-'));
  try {
    const path = join(dir, 'stems.zip');
    writeFileSync(path, zip);
    const script = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'bad = z.testzip()',
      'print("bad", bad)',
      'for i in z.infolist(): print(i.filename, i.file_size, oct(i.external_attr >> 16), i.date_time)',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('StemsZip', () => {
  it('lays out every entry with 4-byte aligned data, before anything is written', () => {
    const layout = layoutStemsZip(ENTRIES);
    for (const e of layout.entries) expect(e.dataOffset % 4).toBe(0);
    const last = layout.entries.at(-1)!;
    expect(layout.centralDirectoryOffset).toBe(last.dataOffset + last.size);
    expect(() => layoutStemsZip([{ name: 'bäss.wav', size: 1 }])).toThrow(/ASCII/);
  });

  it('is a valid stored ZIP with the bytes written into it (Python zipfile checks the CRCs)', () => {
    const zip = new StemsZip(ENTRIES);
    ENTRIES.forEach((e, i) => {
      fill(zip.data(e.name), i);
      zip.seal(e.name);
    });
    const bytes = zip.finish();
    const out = pythonListing(bytes);
    expect(out).toContain('bad None');
    for (const e of ENTRIES) expect(out).toContain(`${e.name} ${e.size} 0o100644 (2024, 1, 1, 0, 0, 0)`);
    const files = readStoredZip(bytes);
    expect(files.map((f) => f.name)).toEqual(ENTRIES.map((e) => e.name));
    files.forEach((f, i) => {
      const expected = new Uint8Array(ENTRIES[i]!.size);
      fill(expected, i);
      expect(Buffer.from(f.bytes).equals(Buffer.from(expected))).toBe(true);
    });
  });

  it('refuses to finish while an entry is unwritten, and is identical for identical inputs', () => {
    const a = new StemsZip(ENTRIES);
    fill(a.data('melody.wav'), 0);
    a.seal('melody.wav');
    expect(() => a.finish()).toThrow(/bass\.wav, drums\.wav, harmony\.wav/);
    const make = (): Uint8Array => {
      const z = new StemsZip(ENTRIES);
      ENTRIES.forEach((e, i) => {
        fill(z.data(e.name), i);
        z.seal(e.name);
      });
      return z.finish();
    };
    expect(Buffer.from(make()).equals(Buffer.from(make()))).toBe(true);
  });

  it('takes entries written by another thread through the shared buffer', async () => {
    const zip = new StemsZip(ENTRIES);
    fill(zip.data('melody.wav'), 0);
    zip.seal('melody.wav');
    // A plain-JS thread fills the rest of the shared buffer exactly as a second render lane would.
    const { layout } = zip;
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const { crc32 } = require('node:zlib');
       const bytes = new Uint8Array(workerData.memory);
       for (const [i, e] of workerData.entries.entries()) {
         if (i === 0) continue;
         const d = bytes.subarray(e.dataOffset, e.dataOffset + e.size);
         for (let k = 0; k < d.length; k++) d[k] = (k * 31 + i * 7) & 0xff;
       }
       parentPort.postMessage('done');`,
      { eval: true, workerData: { memory: zip.memory, entries: layout.entries } },
    );
    await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    for (const e of ENTRIES.slice(1)) zip.seal(e.name);
    expect(pythonListing(zip.finish())).toContain('bad None');
  });
});

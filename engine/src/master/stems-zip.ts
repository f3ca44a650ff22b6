// Stems ZIP: one 16-bit WAV per stem, stored (not deflated: WAV barely compresses and deflate costs
// seconds). A fixed timestamp keeps the archive byte-identical for the same inputs.
import { Readable } from 'node:stream';
import yazl from 'yazl';

const FIXED_MTIME = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/**
 * Zips the files (stored). Takes ownership of `files`: each entry's bytes are released as soon as
 * yazl has read them, so the archive and all of its inputs never sit in memory twice.
 */
export function zipFiles(files: { name: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const f of files) {
      const holder: { bytes: Uint8Array | undefined } = { bytes: f.bytes };
      const size = f.bytes.length;
      f.bytes = new Uint8Array(0);
      const stream = new Readable({
        read() {
          const b = holder.bytes;
          holder.bytes = undefined;
          this.push(b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : null);
        },
      });
      zip.addReadStream(stream, f.name, { compress: false, mtime: FIXED_MTIME, mode: 0o100644, size });
    }
    // yazl announces the final size up front (sizes are known): copy chunks straight into one
    // buffer instead of collecting them and concatenating (which would hold the archive twice).
    let out: Uint8Array | undefined;
    let at = 0;
    const pending: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => {
      if (!out) {
        pending.push(c);
        return;
      }
      out.set(c, at);
      at += c.length;
    });
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      if (!out) {
        const all = Buffer.concat(pending);
        resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
        return;
      }
      resolve(at === out.length ? out : out.subarray(0, at));
    });
    // yazl calls back with the final size (its typings omit the argument); −1 means unknown.
    const onSize = (totalSize?: number): void => {
      if (totalSize === undefined || totalSize < 0) return;
      out = new Uint8Array(totalSize);
      for (const c of pending.splice(0)) {
        out.set(c, at);
        at += c.length;
      }
    };
    zip.end({ forceZip64Format: false, comment: '' }, onSize as () => void);
  });
}

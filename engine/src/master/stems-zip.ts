// Stems ZIP: one 16-bit WAV per stem, stored (not deflated: WAV barely compresses and deflate costs
// seconds). A fixed timestamp keeps the archive byte-identical for the same inputs.
import { Readable } from 'node:stream';
import yazl from 'yazl';

const FIXED_MTIME = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

/**
 * A stored ZIP written as its entries arrive. The entries (names and sizes, in the order they will
 * be added) are declared up front, so yazl knows the archive's final size at once: its bytes are
 * copied straight into one buffer and each entry's bytes can go as soon as they are copied. Only
 * the archive and the entry being added are ever in memory, never all entries plus the archive.
 */
export class StoredZipWriter {
  private readonly entries: { name: string; feed: (bytes: Uint8Array) => void; added: boolean }[] = [];
  private readonly done: Promise<Uint8Array>;

  constructor(declared: readonly { name: string; size: number }[]) {
    const zip = new yazl.ZipFile();
    for (const { name, size } of declared) {
      // yazl pulls entries one after another; an entry's stream answers once its bytes arrive.
      let bytes: Uint8Array | undefined;
      let wanted = false;
      let ended = false;
      const stream = new Readable({
        read() {
          if (bytes) {
            const b = bytes;
            bytes = undefined;
            this.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
          } else if (ended) this.push(null);
          else wanted = true;
        },
      });
      const feed = (b: Uint8Array): void => {
        if (b.length !== size) throw new Error(`${name}: declared ${size} bytes, got ${b.length}`);
        ended = true;
        if (wanted) {
          wanted = false;
          stream.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
        } else bytes = b;
      };
      this.entries.push({ name, feed, added: false });
      zip.addReadStream(stream, name, { compress: false, mtime: FIXED_MTIME, mode: 0o100644, size });
    }
    this.done = new Promise((resolve, reject) => {
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
    this.done.catch(() => undefined);
  }

  /** Adds the next declared entry's bytes (entries must come in the declared order). */
  add(name: string, bytes: Uint8Array): void {
    const entry = this.entries.find((e) => !e.added);
    if (!entry || entry.name !== name)
      throw new Error(`zip: expected ${entry?.name ?? 'no more entries'}, got ${name}`);
    entry.added = true;
    entry.feed(bytes);
  }

  /** The archive, once every declared entry has been added. */
  finish(): Promise<Uint8Array> {
    const missing = this.entries.filter((e) => !e.added).map((e) => e.name);
    if (missing.length > 0)
      return Promise.reject(new Error(`zip: entries never added: ${missing.join(', ')}`));
    return this.done;
  }
}

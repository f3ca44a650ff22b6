/** Hand-made WAV files for hostile-upload tests (no tool needed to build them). */

/** A 32-bit float WAV whose every sample is `value` (e.g. 3e38: finite, but squares overflow). */
export function floatWav(seconds: number, value: number, sampleRate = 44_100, channels = 2): Uint8Array {
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * channels * 4;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(3, 20); // IEEE float
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * channels * 4, 28);
  b.writeUInt16LE(channels * 4, 32);
  b.writeUInt16LE(32, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames * channels; i++) b.writeFloatLE(value * (i % 2 ? 1 : -1), 44 + i * 4);
  return b;
}

/**
 * A 16-bit PCM stereo WAV of `seconds`, each frame's two channels set to `sample(t)` (−1…1, at time
 * t in seconds); silence when no function is given.
 */
export function pcm16StereoWav(
  seconds: number,
  sampleRate = 44_100,
  sample?: (t: number) => number,
): Uint8Array {
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * 4;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(2, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * 4, 28);
  b.writeUInt16LE(4, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(dataBytes, 40);
  if (sample) {
    for (let i = 0; i < frames; i++) {
      const v = Math.round(Math.max(-1, Math.min(1, sample(i / sampleRate))) * 32767);
      b.writeInt16LE(v, 44 + i * 4);
      b.writeInt16LE(v, 46 + i * 4);
    }
  }
  return b;
}

/** A 16-bit PCM WAV of digital silence. */
export function silentWav(seconds: number, sampleRate = 44_100): Uint8Array {
  return pcm16StereoWav(seconds, sampleRate);
}

/** A multipart/form-data body with one file field. */
export function multipart(fileBytes: Uint8Array, filename: string, field = 'file') {
  const boundary = `----sf${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(fileBytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

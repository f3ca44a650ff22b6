// Helpers for tests and benchmarks only (never imported by engine code): signal generators,
// a minimal WAV writer, and wrappers around Debian tools used as independent references.
import { execFileSync, spawnSync } from 'node:child_process';

/** Fails loudly (never skips) when a Debian tool the test needs is missing. */
export function requireTool(command: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `'${command}' not found: install the Debian package '${debianPackage}' (apt-get install -y ${debianPackage})`,
    );
  }
}

/** A sine of the given peak amplitude (dBFS) written into a new Float32Array. */
export function sine(
  frequencyHz: number,
  peakDbfs: number,
  durationSec: number,
  sampleRate: number,
  phaseRad = 0,
): Float32Array {
  const frames = Math.round(durationSec * sampleRate);
  const out = new Float32Array(frames);
  const amp = 10 ** (peakDbfs / 20);
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let i = 0; i < frames; i++) out[i] = amp * Math.sin(w * i + phaseRad);
  return out;
}

export function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** 32-bit float (format 3) or 16-bit PCM WAV from planar channels. */
export function encodeWav(
  channels: Float32Array[],
  sampleRate: number,
  bits: 16 | 24 | 32 = 32,
  float = true,
): Uint8Array {
  const frames = channels[0]!.length;
  const bytesPerSample = bits / 8;
  const blockAlign = channels.length * bytesPerSample;
  const dataBytes = frames * blockAlign;
  const buf = new Uint8Array(44 + dataBytes);
  const v = new DataView(buf.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) buf[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, float ? 3 : 1, true);
  v.setUint16(22, channels.length, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, bits, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  let at = 44;
  for (let i = 0; i < frames; i++) {
    for (const ch of channels) {
      const x = Math.max(-1, Math.min(1, ch[i]!));
      if (float && bits === 32) v.setFloat32(at, ch[i]!, true);
      else if (bits === 16) v.setInt16(at, Math.round(x * 32767), true);
      else if (bits === 24) {
        const s = Math.round(x * 8388607);
        v.setUint8(at, s & 0xff);
        v.setUint8(at + 1, (s >> 8) & 0xff);
        v.setInt8(at + 2, s >> 16);
      } else v.setInt32(at, Math.round(x * 2147483647), true);
      at += bytesPerSample;
    }
  }
  return buf;
}

export interface FfmpegLoudness {
  integratedLufs: number;
  loudnessRangeLu: number;
  truePeakDbtp: number;
}

/** Runs `ffmpeg -af ebur128=peak=true` on a file and parses its Summary block. */
export function ffmpegEbur128(path: string): FfmpegLoudness {
  requireTool('ffmpeg', 'ffmpeg');
  const run = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const text = run.stderr;
  const summary = text.slice(text.lastIndexOf('Summary:'));
  const num = (re: RegExp) => {
    const m = re.exec(summary);
    if (!m) throw new Error(`cannot parse ffmpeg ebur128 summary: ${summary.slice(0, 400)}`);
    return m[1] === '-inf' ? Number.NEGATIVE_INFINITY : Number(m[1]);
  };
  return {
    integratedLufs: num(/I:\s+(-?[\d.]+|-inf) LUFS/),
    loudnessRangeLu: num(/LRA:\s+(-?[\d.]+|-inf) LU/),
    truePeakDbtp: num(/Peak:\s+(-?[\d.]+|-inf) dBFS/),
  };
}

export function toolVersion(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    return '';
  }
}

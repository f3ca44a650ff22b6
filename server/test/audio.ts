/**
 * A short stereo 16-bit WAV synthesised here (two detuned tones with a slow swell),
 * the "model output" our fake providers serve: real audio, so the decode → master →
 * encode path runs for real.
 */
export function synthWav(seconds: number, sampleRate = 32_000, amplitude = 0.1): Uint8Array {
  const frames = Math.round(seconds * sampleRate);
  const data = frames * 4;
  const out = new Uint8Array(44 + data);
  const v = new DataView(out.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 2, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 4, true);
  v.setUint16(32, 4, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, data, true);
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * 0.5 * t);
    const l = amplitude * swell * Math.sin(2 * Math.PI * 220 * t);
    const r = amplitude * swell * Math.sin(2 * Math.PI * 277.2 * t);
    v.setInt16(44 + i * 4, Math.round(l * 32767), true);
    v.setInt16(46 + i * 4, Math.round(r * 32767), true);
  }
  return out;
}

// The waveform a player draws, computed once from the mastered samples: the page shows it
// from a few KB of JSON instead of downloading and decoding the whole MP3 in the browser.

/** Buckets of a track's waveform: more than the bars any screen draws (≈3 px per bar). */
export const PEAK_BUCKETS = 1000;
/** Full scale in the quantised peaks: 255 is 0 dBFS (one byte of precision is plenty for bars). */
export const PEAK_SCALE = 255;

/** What a player draws a track's waveform from. */
export interface WaveformPeaks {
  /** The audio's own length (a hosted model's may differ from the length asked for). */
  durationSec: number;
  /** computePeaks of the mastered channels. */
  levels: number[];
}

export function waveformPeaks(channels: readonly Float32Array[], sampleRate: number): WaveformPeaks {
  const frames = channels[0]?.length ?? 0;
  return { durationSec: Math.round((frames / sampleRate) * 1000) / 1000, levels: computePeaks(channels) };
}

/**
 * The largest |sample| of every bucket, over all channels, quantised to 0..PEAK_SCALE
 * (clipped at full scale). Bucket i covers frames [⌊i·n/B⌋, ⌊(i+1)·n/B⌋), so every frame
 * lands in exactly one bucket; a track shorter than `buckets` frames gets one per frame.
 * Abs-max (not RMS) because that is what a waveform of bars draws from decoded audio.
 */
export function computePeaks(channels: readonly Float32Array[], buckets = PEAK_BUCKETS): number[] {
  const frames = channels[0]?.length ?? 0;
  const n = Math.min(buckets, frames);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * frames) / n);
    const to = Math.floor(((i + 1) * frames) / n);
    let max = 0;
    for (const ch of channels) {
      for (let j = from; j < to; j++) {
        const v = Math.abs(ch[j]!);
        if (v > max) max = v;
      }
    }
    out[i] = Math.round(Math.min(1, max) * PEAK_SCALE);
  }
  return out;
}

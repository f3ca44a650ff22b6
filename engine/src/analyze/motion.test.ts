import { describe, expect, it } from 'vitest';
import { chordChanges, harmonicChange, harmonicNovelty, onsetPeaks, partMotion } from './motion.ts';

/** An onset envelope with a note every `every` frames from `from`, small noise elsewhere. */
function notes(n: number, every: number, from = 0): Float32Array {
  const x = new Float32Array(n);
  for (let t = 0; t < n; t++) x[t] = (0.05 * ((t * 7919) % 13)) / 13;
  for (let t = from; t < n; t += every) {
    x[t] = 10;
    if (t + 1 < n) x[t + 1] = 4;
  }
  return x;
}

const beatsEvery = (n: number, period: number, from = 0) =>
  Array.from({ length: Math.floor((n - 1 - from) / period) + 1 }, (_, i) => from + i * period);

describe('onsetPeaks', () => {
  it('finds one peak per note, none in the noise', () => {
    const peaks = onsetPeaks(notes(400, 20, 5));
    expect(Array.from(peaks)).toEqual(beatsEvery(400, 20, 5));
  });
});

describe('partMotion', () => {
  const peaks = onsetPeaks(notes(800, 20));

  it('at the notes’ own beat: one note a beat, all on the beats, none halfway', () => {
    const m = partMotion(peaks, beatsEvery(800, 20));
    expect(m.rate).toBeCloseTo(0, 1);
    expect(m.onBeats).toBe(1);
    expect(m.onHalves).toBe(0);
  });

  it('at half that tempo: two notes a beat, as many halfway as on the beats', () => {
    const m = partMotion(peaks, beatsEvery(800, 40));
    expect(m.rate).toBeCloseTo(1, 1);
    expect(m.onBeats).toBe(1);
    expect(m.onHalves).toBe(1);
  });

  it('at double tempo: half a note a beat, every other beat empty', () => {
    const m = partMotion(peaks, beatsEvery(800, 10));
    expect(m.rate).toBeCloseTo(-1, 1);
    expect(m.onBeats).toBeCloseTo(0.5, 1);
  });
});

describe('harmonicChange', () => {
  // Two chords (spectra over 8 bands) alternating every 30 frames.
  const bands = 8;
  const frames = 600;
  const values = new Float32Array(frames * bands);
  for (let t = 0; t < frames; t++)
    for (let k = 0; k < bands; k++)
      values[t * bands + k] = Math.floor(t / 30) % 2 === 0 ? k % 3 : (k + 1) % 3;

  it('chords changing on every beat: change across beats, none within', () => {
    const h = harmonicChange(values, bands, beatsEvery(frames, 30));
    expect(h.acrossBeats).toBeGreaterThan(1);
    expect(h.withinVsAcross).toBeLessThan(-3);
  });

  it('the same read at half tempo: the harmony changes within beats as much as across them', () => {
    const h = harmonicChange(values, bands, beatsEvery(frames, 60));
    expect(h.withinVsAcross).toBeGreaterThan(-0.1);
  });
});

describe('harmonicNovelty', () => {
  const bands = 8;
  /** A coarse spectrum that changes shape every `every` frames, with level bursts (drums) between. */
  function spectra(frames: number, every: number, burstEvery: number): Float32Array {
    const v = new Float32Array(frames * bands);
    for (let t = 0; t < frames; t++) {
      const note = Math.floor(t / every) % bands;
      const burst = t % burstEvery === burstEvery / 2 ? 3 : 0;
      for (let k = 0; k < bands; k++) v[t * bands + k] = (k === note ? 5 : 1) + burst;
    }
    return v;
  }

  it('peaks where the notes change, not on hits that raise every band alike', () => {
    const nov = harmonicNovelty(spectra(400, 40, 20), bands);
    const peaks = Array.from(onsetPeaks(nov));
    expect(peaks.length).toBeGreaterThan(5);
    for (const p of peaks) expect(p % 40).toBe(0);
  });
});

describe('chordChanges', () => {
  const bands = 8;
  /** A chord (two bands) held `every` frames, a melody note moving every 10 frames, drum bursts. */
  function song(frames: number, every: number): Float32Array {
    const v = new Float32Array(frames * bands);
    for (let t = 0; t < frames; t++) {
      const chord = (Math.floor(t / every) * 3) % bands;
      const melody = (Math.floor(t / 10) * 5) % bands;
      const burst = t % 20 === 10 ? 3 : 0;
      for (let k = 0; k < bands; k++)
        v[t * bands + k] =
          1 + burst + (k === chord || k === (chord + 2) % bands ? 8 : 0) + (k === melody ? 2 : 0);
    }
    return v;
  }

  it('finds the chord changes, not the melody notes or the drums', () => {
    const peaks = Array.from(chordChanges(song(2400, 320), bands));
    expect(peaks.length).toBeGreaterThanOrEqual(5);
    for (const p of peaks) expect(Math.abs(p - Math.round(p / 320) * 320)).toBeLessThanOrEqual(3);
  });

  it('reads as fewer chord changes per beat at a faster beat', () => {
    const peaks = chordChanges(song(2400, 320), bands);
    const slow = partMotion(peaks, beatsEvery(2400, 80)).rate;
    const fast = partMotion(peaks, beatsEvery(2400, 40)).rate;
    expect(fast).toBeCloseTo(slow - 1, 1);
  });
});

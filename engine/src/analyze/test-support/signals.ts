// Synthetic signals with known answers, for the analyser's tests.

/** A click track: a 3 ms 2 kHz blip (decaying) on every beat, the first of each bar louder. */
export function clickTrack(
  bpm: number,
  durationSec: number,
  sampleRate: number,
  beatsPerBar = 4,
): Float32Array {
  const out = new Float32Array(Math.round(durationSec * sampleRate));
  const period = (60 / bpm) * sampleRate;
  const clickFrames = Math.round(0.03 * sampleRate);
  for (let beat = 0; beat * period < out.length; beat++) {
    const start = Math.round(beat * period);
    const amp = beat % beatsPerBar === 0 ? 0.8 : 0.5;
    for (let i = 0; i < clickFrames && start + i < out.length; i++) {
      const t = i / sampleRate;
      out[start + i] = amp * Math.exp(-t / 0.004) * Math.sin(2 * Math.PI * 2000 * t);
    }
  }
  return out;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const HARMONIC_MINOR = [0, 2, 3, 5, 7, 8, 11];

/**
 * A chord progression (one chord per `chordSec`) in a key, built from harmonic tones (6
 * partials, 1/k amplitudes) with a bass note: I–IV–V–I in major, i–iv–V–i in minor (harmonic
 * minor, as in common-practice music). `detuneCents` shifts everything off A440.
 */
export function chordProgression(
  tonicPc: number,
  mode: 'major' | 'minor',
  sampleRate: number,
  options: { chordSec?: number; repeats?: number; detuneCents?: number } = {},
): Float32Array {
  const chordSec = options.chordSec ?? 1;
  const repeats = options.repeats ?? 3;
  const scale = mode === 'major' ? MAJOR : HARMONIC_MINOR;
  const degrees = [0, 3, 4, 0];
  const chordFrames = Math.round(chordSec * sampleRate);
  const out = new Float32Array(chordFrames * degrees.length * repeats);
  const tune = 2 ** ((options.detuneCents ?? 0) / 1200);
  const hz = (midi: number) => 440 * tune * 2 ** ((midi - 69) / 12);
  for (let r = 0; r < repeats; r++) {
    degrees.forEach((degree, c) => {
      const pitch = (d: number, base: number) => base + tonicPc + scale[d % 7]! + 12 * Math.floor(d / 7);
      const notes = [pitch(degree, 36), pitch(degree, 60), pitch(degree + 2, 60), pitch(degree + 4, 60)];
      const offset = (r * degrees.length + c) * chordFrames;
      for (const note of notes) {
        const f0 = hz(note);
        for (let k = 1; k <= 6; k++) {
          const f = f0 * k;
          if (f > sampleRate / 2.5) break;
          const w = (2 * Math.PI * f) / sampleRate;
          const amp = 0.08 / k;
          for (let i = 0; i < chordFrames; i++) {
            const env = Math.min(1, i / 400) * Math.exp(-i / (sampleRate * 1.5));
            out[offset + i] = out[offset + i]! + amp * env * Math.sin(w * i);
          }
        }
      }
    });
  }
  return out;
}

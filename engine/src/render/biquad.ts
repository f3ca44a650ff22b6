// RBJ-cookbook biquads (transposed direct form II) and the stereo filter pass of the channel strip.

export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** A stage that passes the signal unchanged. */
export const IDENTITY: BiquadCoefficients = { b0: 1, b1: 0, b2: 0, a1: 0, a2: 0 };

export function highpass(cutoffHz: number, sampleRate: number, q = Math.SQRT1_2): BiquadCoefficients {
  const w = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  return {
    b0: (1 + cos) / 2 / a0,
    b1: -(1 + cos) / a0,
    b2: (1 + cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  };
}

export function lowpass(cutoffHz: number, sampleRate: number, q = Math.SQRT1_2): BiquadCoefficients {
  const w = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  return {
    b0: (1 - cos) / 2 / a0,
    b1: (1 - cos) / a0,
    b2: (1 - cos) / 2 / a0,
    a1: (-2 * cos) / a0,
    a2: (1 - alpha) / a0,
  };
}

export function highShelf(cornerHz: number, gainDb: number, sampleRate: number): BiquadCoefficients {
  const a = 10 ** (gainDb / 40);
  const w = (2 * Math.PI * cornerHz) / sampleRate;
  const cos = Math.cos(w);
  const alpha = (Math.sin(w) / 2) * Math.SQRT2;
  const sq = 2 * Math.sqrt(a) * alpha;
  const a0 = a + 1 - (a - 1) * cos + sq;
  return {
    b0: (a * (a + 1 + (a - 1) * cos + sq)) / a0,
    b1: (-2 * a * (a - 1 + (a + 1) * cos)) / a0,
    b2: (a * (a + 1 + (a - 1) * cos - sq)) / a0,
    a1: (2 * (a - 1 - (a + 1) * cos)) / a0,
    a2: (a + 1 - (a - 1) * cos - sq) / a0,
  };
}

/**
 * Below this a filter state is flushed to zero. In silence a recursive filter's state decays
 * into subnormal numbers, where arithmetic is up to ~100× slower: a high-pass over a vocal stem
 * with long rests took 95 ms instead of 16 ms for 60 s. 1e-20 is −400 dB: inaudible. Checked once
 * a block, not every sample: a subnormal stretch then lasts at most one block.
 */
export const DENORMAL_FLOOR = 1e-20;
const flush = (z: number): number => (Math.abs(z) < DENORMAL_FLOOR ? 0 : z);

/**
 * Two biquad stages (IDENTITY for an unused one) over both channels, in place, streaming: frames
 * are filtered as they are handed in (the synth hands each block over while it is still in cache).
 * Also keeps the output's energy (Σ l² + r²) per consecutive block of `blockFrames`, so the level
 * is measured without another pass.
 */
export class StereoFilter {
  readonly energies: Float64Array;
  private readonly p: BiquadCoefficients;
  private readonly q: BiquadCoefficients;
  // Stage 1 and 2 states, left (l, m) and right (r, s).
  private l1 = 0;
  private l2 = 0;
  private r1 = 0;
  private r2 = 0;
  private m1 = 0;
  private m2 = 0;
  private s1 = 0;
  private s2 = 0;

  constructor(
    first: BiquadCoefficients,
    second: BiquadCoefficients,
    private readonly blockFrames: number,
    frames: number,
  ) {
    this.p = first;
    this.q = second;
    this.energies = new Float64Array(Math.ceil(frames / blockFrames));
  }

  /** Filters frames [from, to); calls must follow each other (the next `from` is this `to`). */
  process(left: Float32Array, right: Float32Array, from: number, to: number): void {
    const { b0: p0, b1: p1, b2: p2, a1: pa1, a2: pa2 } = this.p;
    const { b0: q0, b1: q1, b2: q2, a1: qa1, a2: qa2 } = this.q;
    let { l1, l2, r1, r2, m1, m2, s1, s2 } = this;
    const energies = this.energies;
    const blockFrames = this.blockFrames;
    for (let start = from; start < to; ) {
      const block = Math.floor(start / blockFrames);
      const end = Math.min(to, (block + 1) * blockFrames);
      let e = 0;
      for (let i = start; i < end; i++) {
        const xl = left[i]!;
        const yl = p0 * xl + l1;
        l1 = p1 * xl - pa1 * yl + l2;
        l2 = p2 * xl - pa2 * yl;
        const zl = q0 * yl + m1;
        m1 = q1 * yl - qa1 * zl + m2;
        m2 = q2 * yl - qa2 * zl;
        const xr = right[i]!;
        const yr = p0 * xr + r1;
        r1 = p1 * xr - pa1 * yr + r2;
        r2 = p2 * xr - pa2 * yr;
        const zr = q0 * yr + s1;
        s1 = q1 * yr - qa1 * zr + s2;
        s2 = q2 * yr - qa2 * zr;
        left[i] = zl;
        right[i] = zr;
        e += zl * zl + zr * zr;
      }
      energies[block] = energies[block]! + e;
      start = end;
      l1 = flush(l1);
      l2 = flush(l2);
      r1 = flush(r1);
      r2 = flush(r2);
      m1 = flush(m1);
      m2 = flush(m2);
      s1 = flush(s1);
      s2 = flush(s2);
    }
    Object.assign(this, { l1, l2, r1, r2, m1, m2, s1, s2 });
  }
}

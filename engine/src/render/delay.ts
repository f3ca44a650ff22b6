// Tempo-synced ping-pong delay with a darkening feedback path, streaming over frame ranges.

const NO_FRAMES = new Float32Array(0);

export class PingPongDelay {
  private readonly bufL: Float32Array;
  private readonly bufR: Float32Array;
  private readonly lpCoef: number;
  private lpL = 0;
  private lpR = 0;
  private idx = 0;

  constructor(
    sampleRate: number,
    delaySec: number,
    private readonly feedback: number,
    private readonly send: number,
  ) {
    const frames = Math.max(1, Math.round(delaySec * sampleRate));
    this.bufL = new Float32Array(frames);
    this.bufR = new Float32Array(frames);
    this.lpCoef = Math.exp((-2 * Math.PI * 3500) / sampleRate);
    // The stores after process()'s loop run once before its loop is optimised on stack (why:
    // StereoCompressor's constructor): without it, ≈10 deoptimisations per 60 s job.
    this.process(NO_FRAMES, NO_FRAMES, 0, 0);
  }

  /**
   * Adds `send` × echoes of frames [from, to) into themselves (each input sample is read into the
   * delay line before the echo is added at the same index). Ranges must follow each other.
   */
  process(left: Float32Array, right: Float32Array, from: number, to: number): void {
    const { bufL, bufR, lpCoef, feedback, send } = this;
    const frames = bufL.length;
    let { lpL, lpR, idx } = this;
    for (let i = from; i < to; i++) {
      const echoL = bufL[idx]!;
      const echoR = bufR[idx]!;
      lpL = lpL * lpCoef + echoL * (1 - lpCoef);
      lpR = lpR * lpCoef + echoR * (1 - lpCoef);
      // Mono input enters the left line; each line feeds the other (ping-pong).
      bufL[idx] = (left[i]! + right[i]!) * 0.5 * send + lpR * feedback;
      bufR[idx] = lpL * feedback;
      if (++idx >= frames) idx = 0;
      left[i] = left[i]! + echoL;
      right[i] = right[i]! + echoR;
    }
    this.lpL = lpL;
    this.lpR = lpR;
    this.idx = idx;
  }
}

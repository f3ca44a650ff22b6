// Tempo-synced ping-pong delay with a darkening feedback path.

/**
 * Adds `send` × echoes of the input into outL/outR. In place is fine (out = in): each input sample
 * is read into the delay line before the echo is added at the same index.
 */
export function addPingPongDelay(
  inL: Float32Array,
  inR: Float32Array,
  outL: Float32Array,
  outR: Float32Array,
  sampleRate: number,
  delaySec: number,
  feedback: number,
  send: number,
): void {
  const frames = Math.max(1, Math.round(delaySec * sampleRate));
  const bufL = new Float32Array(frames);
  const bufR = new Float32Array(frames);
  const lpCoef = Math.exp((-2 * Math.PI * 3500) / sampleRate);
  let lpL = 0;
  let lpR = 0;
  let idx = 0;
  for (let i = 0; i < inL.length; i++) {
    const echoL = bufL[idx]!;
    const echoR = bufR[idx]!;
    lpL = lpL * lpCoef + echoL * (1 - lpCoef);
    lpR = lpR * lpCoef + echoR * (1 - lpCoef);
    // Mono input enters the left line; each line feeds the other (ping-pong).
    bufL[idx] = (inL[i]! + inR[i]!) * 0.5 * send + lpR * feedback;
    bufR[idx] = lpL * feedback;
    if (++idx >= frames) idx = 0;
    outL[i] = outL[i]! + echoL;
    outR[i] = outR[i]! + echoR;
  }
}

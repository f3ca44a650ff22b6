// A discriminatively trained key model (fit:key --logit, seventeenth session): a conditional
// log-linear model over the 24 keys, the generalisation of what key.ts does.
//
// key.ts scores key (tonic t, mode m) as Pearson(chroma rotated to t, profile_m) + 0.25 ×
// (edge bass share of t − 1⁄12). Pearson is the mean product of z-scores, so that score is linear
// in the z-scored chroma rotated to t, with weights z(profile_m)/12, plus a weight on the edge
// bass's tonic bin. Here every weight is free: per mode, 12 on the rotated z-scored chroma, 12 on
// the rotated edge bass (centred), 12 on the rotated whole-track bass (centred) and a bias, trained
// by softmax cross-entropy over the 24 keys. The learned (generative) profile averages each mode's
// chroma; it is never told what separates C major from A minor. Trained weights are, and the
// penalty λ‖θ − θ₀‖² pulls them towards the generative model θ₀ (at λ → ∞ it is that model,
// scaled by 1/KEY_SHARE_TEMPERATURE), so the inner cross-validation can only choose to move as far
// from it as unseen composers reward.

/** Features per candidate key: 12 chroma + 12 edge bass + 12 whole-track bass + 1 bias. */
export const KEY_LOGIT_DIMS = 37;
const BIAS = 36;

/** z-score of 12 values (population sd), zeros if flat. */
function zScore(x: ArrayLike<number>): Float64Array {
  let mean = 0;
  for (let i = 0; i < 12; i++) mean += x[i]!;
  mean /= 12;
  let ss = 0;
  for (let i = 0; i < 12; i++) ss += (x[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / 12);
  const z = new Float64Array(12);
  if (sd > 0) for (let i = 0; i < 12; i++) z[i] = (x[i]! - mean) / sd;
  return z;
}

/** A distribution's deviation from uniform (zeros when it is empty). */
function centred(x: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += x[i]!;
  const c = new Float64Array(12);
  if (sum > 0) for (let i = 0; i < 12; i++) c[i] = x[i]! / sum - 1 / 12;
  return c;
}

/**
 * The 24 candidates' feature vectors (index k = tonic * 2 + minor, as KeyEstimate.scores), each
 * KEY_LOGIT_DIMS long: the evidence rotated so that index 0 is the candidate's tonic.
 */
export function keyLogitFeatures(
  chroma: ArrayLike<number>,
  edgeBass: ArrayLike<number>,
  bass: ArrayLike<number>,
): Float64Array {
  const z = zScore(chroma);
  const e = centred(edgeBass);
  const b = centred(bass);
  const x = new Float64Array(24 * KEY_LOGIT_DIMS);
  for (let t = 0; t < 12; t++)
    for (let m = 0; m < 2; m++) {
      const o = (t * 2 + m) * KEY_LOGIT_DIMS;
      for (let i = 0; i < 12; i++) {
        const pc = (i + t) % 12;
        x[o + i] = z[pc]!;
        x[o + 12 + i] = e[pc]!;
        x[o + 24 + i] = b[pc]!;
      }
      x[o + BIAS] = 1;
    }
  return x;
}

/** Scores of the 24 keys: θ[mode] · x[k]. θ holds the major block then the minor block. */
export function keyLogitScores(theta: ArrayLike<number>, x: Float64Array): Float64Array {
  const s = new Float64Array(24);
  for (let k = 0; k < 24; k++) {
    const o = k * KEY_LOGIT_DIMS;
    const w = (k & 1) * KEY_LOGIT_DIMS;
    let v = 0;
    for (let f = 0; f < KEY_LOGIT_DIMS; f++) v += theta[w + f]! * x[o + f]!;
    s[k] = v;
  }
  return s;
}

/**
 * θ₀: the generative model in these coordinates — z(profile)/12 on the chroma, the edge weight on
 * the edge bass's tonic bin, nothing else — scaled by `scale` (1/τ, so its softmax is calibrated).
 */
export function generativeTheta(
  profile: { major: ArrayLike<number>; minor: ArrayLike<number> },
  edgeWeight: number,
  scale: number,
): Float64Array {
  const theta = new Float64Array(2 * KEY_LOGIT_DIMS);
  [profile.major, profile.minor].forEach((p, m) => {
    const z = zScore(p);
    for (let i = 0; i < 12; i++) theta[m * KEY_LOGIT_DIMS + i] = (scale * z[i]!) / 12;
    theta[m * KEY_LOGIT_DIMS + 12] = scale * edgeWeight;
  });
  return theta;
}

/**
 * Minimises Σ cross-entropy(label) + (λ/2)‖θ − θ₀‖² by full-batch Adam from θ₀ (the problem is
 * convex; 500 steps at rate 0.05 reach the loss of 4000 steps at 0.02 to three decimals on a
 * synthetic check).
 * The major block's bias is held at 0 (only the difference of the two biases matters).
 */
export function trainKeyLogit(
  data: readonly { x: Float64Array; label: number }[],
  theta0: Float64Array,
  lambda: number,
  steps = 500,
  rate = 0.05,
): Float64Array {
  const n = theta0.length;
  const theta = theta0.slice();
  const m1 = new Float64Array(n);
  const m2 = new Float64Array(n);
  const grad = new Float64Array(n);
  const p = new Float64Array(24);
  for (let step = 1; step <= steps; step++) {
    for (let i = 0; i < n; i++) grad[i] = lambda * (theta[i]! - theta0[i]!);
    for (const { x, label } of data) {
      const s = keyLogitScores(theta, x);
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < 24; k++) max = Math.max(max, s[k]!);
      let z = 0;
      for (let k = 0; k < 24; k++) {
        p[k] = Math.exp(s[k]! - max);
        z += p[k]!;
      }
      for (let k = 0; k < 24; k++) {
        const g = p[k]! / z - (k === label ? 1 : 0);
        if (g === 0) continue;
        const o = k * KEY_LOGIT_DIMS;
        const w = (k & 1) * KEY_LOGIT_DIMS;
        for (let f = 0; f < KEY_LOGIT_DIMS; f++) grad[w + f] = grad[w + f]! + g * x[o + f]!;
      }
    }
    grad[BIAS] = 0;
    for (let i = 0; i < n; i++) {
      m1[i] = 0.9 * m1[i]! + 0.1 * grad[i]!;
      m2[i] = 0.999 * m2[i]! + 0.001 * grad[i]! * grad[i]!;
      const mh = m1[i]! / (1 - 0.9 ** step);
      const vh = m2[i]! / (1 - 0.999 ** step);
      theta[i] = theta[i]! - (rate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return theta;
}

// How a failed attempt ends: pure rules, no I/O (retry.test.ts).
//
// Permanent: the same input would fail again (bad payload, refused parameters,
// authentication): the job ends at once. Transient: rate limits, 5xx, timeouts,
// lost connections: the job waits (without a worker slot) and runs again.

/** Thrown by a handler to say exactly how its failure should be treated. */
export class JobError extends Error {
  override name = 'JobError';
  constructor(
    readonly code: string,
    message: string,
    readonly transient: boolean,
    readonly opts: {
      /** The server asked us to wait this long (Retry-After). */
      retryAfterMs?: number;
      /** What the user reads on the job; defaults to a generic sentence. */
      userMessage?: string;
    } = {},
  ) {
    super(message);
  }
}

export const permanent = (code: string, message: string, userMessage?: string) =>
  new JobError(code, message, false, { userMessage });
export const transient = (code: string, message: string, retryAfterMs?: number, userMessage?: string) =>
  new JobError(code, message, true, { retryAfterMs, userMessage });

export interface Failure {
  transient: boolean;
  code: string;
  message: string;
  retryAfterMs?: number;
  userMessage?: string;
}

/** HTTP statuses worth another try later: timeouts, too early, rate limits, server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Reads any thrown value as a Failure. Errors that say nothing (a bug, a dropped
 * connection) count as transient: the attempt limit still bounds them.
 */
export function classifyError(err: unknown): Failure {
  if (err instanceof JobError) {
    return {
      transient: err.transient,
      code: err.code,
      message: err.message,
      retryAfterMs: err.opts.retryAfterMs,
      userMessage: err.opts.userMessage,
    };
  }
  const e = err as {
    name?: string;
    message?: string;
    code?: unknown;
    retryable?: unknown;
    retryAfterMs?: unknown;
  };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  // Duck-typed so providers/ need not import the worker: ProviderError(code, retryable, retryAfterMs).
  if (typeof e?.retryable === 'boolean' && typeof e.code === 'string') {
    return {
      transient: e.retryable,
      code: e.code,
      message,
      retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined,
    };
  }
  if (e?.name === 'ZodError') return { transient: false, code: 'INVALID_PAYLOAD', message };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError')
    return { transient: true, code: 'TIMEOUT', message };
  return { transient: true, code: 'UNEXPECTED', message };
}

/** The longest a server's Retry-After holds a job back before its next attempt (15 min). */
export const RETRY_AFTER_CAP_MS = 15 * 60_000;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1`: exponential (base · 2^(attempt−1), capped)
 * with "equal jitter" (half fixed, half random) so a burst of failures does not
 * come back as a burst. A server's Retry-After is a floor, not a replacement: we
 * never come back sooner than it says (plus up to 10 %, ≤ 2 s, of spread so every
 * job told "retry in 5 s" does not return in the same millisecond), and a server
 * that keeps answering "Retry-After: 0" (or an open circuit's fixed wait) does not
 * hold a job's later attempts at that short, lockstep wait while the backoff grows.
 * (Parsing the header is providers/http.ts retryAfterMs: the adapters read it.)
 */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  if (retryAfterMs === undefined) return Math.round(jittered);
  // Cut to RETRY_AFTER_CAP_MS (or the backoff's cap if larger): a provider saying "come back
  // tomorrow" costs an attempt per cap, and the attempt limit ends the job instead of leaving it
  // queued for a day.
  const floor = Math.min(retryAfterMs, Math.max(policy.maxMs, RETRY_AFTER_CAP_MS));
  const spread = random() * Math.min(2000, floor * 0.1);
  return Math.round(Math.max(floor + spread, jittered));
}

import { ProviderError } from './types.ts';

// The one way our provider adapters reach the network. The SDKs get this as their
// `fetch`: every non-2xx answer becomes a ProviderError here, so the SDKs' own retry
// loops (which sleep inside the job, holding a worker slot, and ignore Retry-After)
// never run; our key rotation, fallback and job backoff decide instead.

/** Retry-After (seconds, or an HTTP date) → ms from `now`; undefined when absent or unreadable, never negative. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Replaces every secret in `text` with a mark: error texts may quote requests. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

export interface GuardedFetchOptions {
  provider: string;
  /** Which key this client uses, as the logs may name it (#1, #2…), never the key. */
  keyLabel: string;
  /** Per HTTP request; the whole call has its own deadline (the caller's signal). */
  requestTimeoutMs: number;
  secrets: readonly string[];
  /**
   * 'throw' (FAL's client does not retry our errors); 'hand-back': answer the SDK a
   * 499 carrying the error in a header, because Replicate's client retries every
   * thrown error and every 429/5xx with sleeps of its own (providerErrorOf reads it).
   */
  mode?: 'throw' | 'hand-back';
}

const ERROR_HEADER = 'x-soundfoundry-provider-error';

/** The ProviderError a 'hand-back' fetch put in a response (e.g. one an SDK wrapped in its ApiError). */
export function providerErrorOf(err: unknown): ProviderError | null {
  if (err instanceof ProviderError) return err;
  const res = (err as { response?: Response })?.response;
  const raw = res?.headers?.get?.(ERROR_HEADER);
  if (!raw) return null;
  const e = JSON.parse(raw) as { code: string; message: string; retryable: boolean; retryAfterMs?: number };
  return new ProviderError(e.code, e.message, e.retryable, e.retryAfterMs);
}

/** Reads up to `max` bytes of a body; more is an error (a model's file is never that big). */
async function cappedBody(res: Response, max: number): Promise<string> {
  const buf = new Uint8Array(await res.arrayBuffer());
  return new TextDecoder().decode(buf.subarray(0, Math.min(buf.length, max)));
}

export function guardedFetch(o: GuardedFetchOptions): typeof fetch {
  const strict = strictFetch(o);
  if (o.mode !== 'hand-back') return strict;
  return async (input, init) => {
    try {
      return await strict(input, init);
    } catch (err) {
      const pe = err instanceof ProviderError ? err : new ProviderError('NETWORK', String(err), true);
      const body = JSON.stringify({ detail: pe.message });
      return new Response(body, {
        status: 499,
        headers: {
          'content-type': 'application/json',
          [ERROR_HEADER]: JSON.stringify({
            code: pe.code,
            message: pe.message,
            retryable: pe.retryable,
            retryAfterMs: pe.retryAfterMs,
          }),
        },
      });
    }
  };
}

function strictFetch(o: GuardedFetchOptions): typeof fetch {
  const name = o.provider;
  return async (input, init) => {
    const timeout = AbortSignal.timeout(o.requestTimeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(input, { ...init, signal });
    } catch (err) {
      if (init?.signal?.aborted) throw new ProviderError('CANCELLED', `${name}: call cancelled`, true);
      if (timeout.aborted)
        throw new ProviderError('TIMEOUT', `${name} did not answer within ${o.requestTimeoutMs} ms`, true);
      const code = (err as { cause?: { code?: string } }).cause?.code ?? 'network error';
      throw new ProviderError('NETWORK', `${name} could not be reached (${code})`, true);
    }
    if (res.ok) return res;
    // A caller following redirects itself (to check each hop) gets the 3xx as it is.
    if (init?.redirect === 'manual' && res.status >= 300 && res.status < 400) return res;
    const detail = redact((await cappedBody(res, 300).catch(() => '')).replace(/\s+/g, ' '), o.secrets);
    const after = retryAfterMs(res.headers.get('retry-after'));
    const s = res.status;
    if (s === 429)
      throw new ProviderError('RATE_LIMITED', `${name} rate-limited key ${o.keyLabel} (429)`, true, after);
    if (s === 401 || s === 403)
      throw new ProviderError('AUTH_FAILED', `${name} refused key ${o.keyLabel} (${s})`, false);
    if (s === 408 || s >= 500)
      throw new ProviderError('PROVIDER_DOWN', `${name} answered ${s}: ${detail}`.trim(), true, after);
    // A request id the provider does not know (never, or no more: results expire): a resume submits anew.
    if (s === 404 || s === 410)
      throw new ProviderError('NOT_FOUND', `${name} answered ${s}: ${detail}`.trim(), false);
    if (s === 422 || s === 400)
      throw new ProviderError('REJECTED', `${name} refused the request (${s}): ${detail}`, false);
    throw new ProviderError('PROVIDER_ERROR', `${name} answered ${s}: ${detail}`, false);
  };
}

/**
 * A status poll that tolerates a few transient failures in a row (a 502 between two
 * polls should not throw away a generation already paid for); a permanent one, or
 * the fourth in a row, is thrown.
 */
export async function tolerantPoll<T>(
  poll: () => Promise<T>,
  toError: (e: unknown) => ProviderError,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await poll();
    } catch (e) {
      const pe = toError(e);
      if (!pe.retryable || pe.code === 'CANCELLED' || failures >= 3) throw pe;
      await new Promise((r) => setTimeout(r, Math.min(pe.retryAfterMs ?? 500 * 2 ** failures, 5000)));
    }
  }
}

/** How long a provider call that stops waits for its cancel request to be answered. */
export const CANCEL_WAIT_MS = 5000;

/**
 * Waits for `p` to settle, at most `ms`, never throwing: a cancel request is sent before the call
 * gives up, so a worker that exits right after (a shutdown) has told the provider to stop billing.
 */
export async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.then(
      () => {},
      () => {},
    ),
    new Promise<void>((r) => {
      timer = setTimeout(r, ms);
    }),
  ]);
  clearTimeout(timer);
}

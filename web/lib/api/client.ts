import type { ErrorBody } from '@soundfoundry/contract';

// The one way the browser talks to the API: same origin by default, a 30 s timeout,
// and errors people can act on (never a schema path).

const BASE = process.env.NEXT_PUBLIC_API_URL ?? '';
export const TIMEOUT_MS = 30_000;

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly details?: unknown,
    /** The API's own message (for logs and checks, not for people). */
    readonly serverMessage = '',
  ) {
    super(message);
  }
}

/** Plain-words messages for a field the API refused (its `details[].path` is like "body.prompt"). */
const FIELD_WORDS: Record<string, string> = {
  prompt: 'Your prompt needs 10 to 1000 characters — describe a mood, a style or an instrument.',
  duration_s: 'Pick a length between 15 seconds and your plan’s maximum.',
  bpm: 'Tempo must be a whole number from 40 to 220 BPM.',
  key: 'Pick one of the 24 keys, like “F# minor”.',
  seed: 'A seed is a whole number from 0 to 2147483647.',
  lyrics: 'Lyrics can be up to 3500 characters, with vocals turned on.',
  title: 'A title needs 1 to 120 characters.',
  name: 'Your name needs 1 to 100 characters.',
  style_strength: 'Style influence goes from 0 to 1.',
  // A series' look (PATCH /api/style/series/:id; the ranges of contract/src/style.ts).
  palette: 'Colours: hues go from 0° to 359°, vividness and lightness from 0 to 100 %.',
  geometry: 'Shape: line weight 1 to 48, rotation and gradient angle 0° to 359°, 1 to 24 shapes.',
};

/** A refused field as the sentence's subject, for the API's own reasons. */
const FIELD_NAMES: Record<string, string> = {
  prompt: 'Your prompt',
  title: 'The title',
  name: 'Your name',
  lyrics: 'The lyrics',
  q: 'The search',
};

const CODE_WORDS: Record<string, string> = {
  UNAUTHENTICATED: 'Please sign in to continue.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'We could not find that.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'SoundFoundry is busy right now. Try again in a minute.',
  INTERNAL: 'Something went wrong on our side. Try again; if it keeps happening, tell us.',
  PAYLOAD_TOO_LARGE: 'That file or text is too large.',
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A wait in words, never shorter than the real one (rounded up): "20 seconds", "55 minutes",
 * "2 hours and 5 minutes". A refusal that says "a moment" when it means an hour sends people
 * back to a form that refuses them again.
 */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return plural(s, 'second');
  const min = Math.ceil(s / 60);
  if (min < 60) return plural(min, 'minute');
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m === 0 ? plural(h, 'hour') : `${plural(h, 'hour')} and ${plural(m, 'minute')}`;
}

/** How long a 429 asks to wait: the API's `details.retry_after_s`, else the Retry-After header (seconds). */
function retryAfterOf(details: unknown, header?: string | null): number | null {
  const fromBody = (details as { retry_after_s?: unknown } | null | undefined)?.retry_after_s;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody > 0) return fromBody;
  const fromHeader = Number(header);
  return header && Number.isFinite(fromHeader) && fromHeader > 0 ? fromHeader : null;
}

export function friendlyError(
  status: number,
  body: ErrorBody | null,
  retryAfterHeader?: string | null,
): ApiError {
  const code = body?.error?.code ?? (status >= 500 ? 'INTERNAL' : 'ERROR');
  const raw = body?.error?.message ?? '';
  const details = body?.error?.details;
  const wait = status === 429 && code === 'RATE_LIMITED' ? retryAfterOf(details, retryAfterHeader) : null;
  const fields: FieldError[] = [];
  if (code === 'VALIDATION_ERROR' && Array.isArray(details)) {
    for (const d of details as { path?: string; message?: string }[]) {
      const field = (d.path ?? '').split('.').slice(1).join('.') || 'form';
      const top = field.split('.')[0] ?? '';
      // The field's own words say its length or range; another reason (control characters) is the
      // API's, said of the field ("The title must not contain control characters.").
      const ownReason = d.message && /control characters/i.test(d.message) ? d.message : null;
      const message = ownReason
        ? `${FIELD_NAMES[top] ?? 'This value'} ${ownReason.replace(/\.$/, '')}. Remove invisible or special characters and try again.`
        : (FIELD_WORDS[top] ?? 'Check this value.');
      if (!fields.some((f) => f.field === field)) fields.push({ field, message });
    }
  }
  // Domain refusals (credits, limits, content policy) are written for people by the API.
  const humanCodes = new Set([
    'INSUFFICIENT_CREDITS',
    'LIMIT_EXCEEDED',
    'CONTENT_POLICY',
    'CONFLICT',
    'NOT_READY',
  ]);
  const message =
    fields[0]?.message ??
    (wait !== null
      ? `Too many attempts. Try again in ${waitInWords(wait)}.`
      : humanCodes.has(code) && raw
        ? raw
        : (CODE_WORDS[code] ?? (raw || `Request failed (${status}).`)));
  return new ApiError(message, status, code, fields, details, raw);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** 'json' (default) or 'blob' (audio, files). */
  as?: 'json' | 'blob';
}

export async function apiFetch<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers,
      body:
        opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal,
    });
  } catch (err) {
    if (timeout.aborted) {
      throw new ApiError('The server took longer than 30 seconds to answer. Try again.', 0, 'TIMEOUT');
    }
    if (opts.signal?.aborted) throw err;
    throw new ApiError('Cannot reach SoundFoundry. Check your connection and try again.', 0, 'NETWORK');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw friendlyError(res.status, body, res.headers.get('retry-after'));
  }
  if (opts.as === 'blob') return (await res.blob()) as T;
  if (res.status === 204) return null as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** One idempotency key per submission (crypto.randomUUID needs a secure context; a LAN address is not). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

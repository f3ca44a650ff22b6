import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { synthWav } from './audio.ts';

// Local HTTP servers of ours that speak FAL's queue protocol and Replicate's
// predictions protocol (paths, status codes, headers and JSON shapes as
// DEPENDENCY-NOTES and their public docs give them), for the real SDKs to talk to.
// Faults are set per test on `faults`; every request is logged on `requests`.

export type KeyState = 'ok' | 'rate-limited' | 'unauthorized';
export type ResultFault = 'audio' | 'malformed' | 'not-audio' | 'failed';

export interface Faults {
  /** Accepted keys/tokens and how each behaves; others get 401. */
  keys: Record<string, KeyState>;
  retryAfterSec: number;
  /** Every submit answers 429 (Retry-After: the time left) until this epoch ms. */
  rateLimitedUntil: number;
  /** The next N submits answer 500. */
  submit500: number;
  /** The next N status polls answer 502. */
  status502: number;
  /** Polls answered IN_QUEUE (positions counting down), then IN_PROGRESS, then done. */
  queuePolls: number;
  workPolls: number;
  /** Never finishes (the caller's timeout must act). */
  hang: boolean;
  result: ResultFault;
  /** Chaos: a fault drawn per submit (overrides the fields above for that request). */
  draw?: () => 'ok' | '500' | '429' | 'malformed' | 'not-audio' | 'slow';
}

export interface LoggedRequest {
  method: string;
  path: string;
  auth: string | undefined;
  body: unknown;
}

export interface FakeProvider {
  url: string;
  faults: Faults;
  requests: LoggedRequest[];
  /** Inputs of accepted submissions, for field-mapping assertions. */
  inputs: Record<string, unknown>[];
  cancelled: string[];
  /** Forgets every request it was given (expired, purged): their status and result answer 404. */
  forget(): void;
  close(): Promise<void>;
}

const defaults = (keys: Record<string, KeyState>): Faults => ({
  keys,
  retryAfterSec: 1,
  rateLimitedUntil: 0,
  submit500: 0,
  status502: 0,
  queuePolls: 1,
  workPolls: 1,
  hang: false,
  result: 'audio',
});

interface Req {
  id: string;
  polls: number;
  fault: ResultFault | 'slow';
  cancelled: boolean;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function serveFile(res: ServerResponse, fault: ResultFault | 'slow', wav: Uint8Array) {
  if (fault === 'not-audio') {
    res.writeHead(200, { 'content-type': 'audio/mpeg' });
    res.end('<html><body>Access denied</body></html>');
    return;
  }
  res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(wav.length) });
  res.end(wav);
}

/** Shared per-submit decision: key state, rate-limit window, 500 bursts, chaos draw. */
function gate(
  f: Faults,
  key: string | undefined,
): { status: number; retryAfter?: number } | ResultFault | 'slow' {
  if (!key || !(key in f.keys)) return { status: 401 };
  if (f.keys[key] === 'unauthorized') return { status: 401 };
  const now = Date.now();
  if (f.rateLimitedUntil > now)
    return { status: 429, retryAfter: Math.ceil((f.rateLimitedUntil - now) / 1000) };
  if (f.keys[key] === 'rate-limited') return { status: 429, retryAfter: f.retryAfterSec };
  if (f.submit500 > 0) {
    f.submit500--;
    return { status: 500 };
  }
  const d = f.draw?.();
  if (d === '500') return { status: 500 };
  if (d === '429') return { status: 429, retryAfter: f.retryAfterSec };
  if (d === 'malformed' || d === 'not-audio' || d === 'slow') return d;
  return f.result;
}

/**
 * FAL queue: POST /{owner}/{alias}/{path}; GET /{owner}/{alias}/requests/{id}/status;
 * GET /{owner}/{alias}/requests/{id}; PUT /{owner}/{alias}/requests/{id}/cancel.
 * `Authorization: Key …`; `x-fal-request-id` on responses; 422 bodies `{detail:[{loc,msg,type}]}`.
 */
export async function startFakeFal(
  opts: { keys?: Record<string, KeyState>; audioSec?: number } = {},
): Promise<FakeProvider> {
  const wav = synthWav(opts.audioSec ?? 3);
  const faults = defaults(opts.keys ?? { 'fal-key-1': 'ok' });
  const requests: LoggedRequest[] = [];
  const inputs: Record<string, unknown>[] = [];
  const cancelled: string[] = [];
  const reqs = new Map<string, Req>();
  let origin = '';
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = await readBody(req);
    const auth = req.headers.authorization;
    requests.push({ method: req.method ?? '', path: url.pathname, auth, body });
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'files')
      return serveFile(res, (parts[1]?.split('.')[0] as Req['fault']) ?? 'audio', wav);
    const key = auth?.startsWith('Key ') ? auth.slice(4) : undefined;
    const ri = parts.indexOf('requests');
    if (ri === -1 && req.method === 'POST') {
      const g = gate(faults, key);
      if (typeof g === 'object') {
        if (g.status === 401) return json(res, 401, { detail: 'Invalid authentication credentials' });
        if (g.status === 429)
          return json(res, 429, { detail: 'Rate limit exceeded' }, { 'retry-after': String(g.retryAfter) });
        return json(res, 500, { detail: 'Internal server error' });
      }
      const problems = validateMinimax(parts.slice(2).join('/'), body as Record<string, unknown>);
      if (problems.length) return json(res, 422, { detail: problems });
      const id = randomUUID();
      reqs.set(id, { id, polls: 0, fault: g, cancelled: false });
      inputs.push(body as Record<string, unknown>);
      const base = `${origin}/${parts[0]}/${parts[1]}/requests/${id}`;
      return json(
        res,
        200,
        {
          status: 'IN_QUEUE',
          request_id: id,
          response_url: base,
          status_url: `${base}/status`,
          cancel_url: `${base}/cancel`,
          queue_position: faults.queuePolls,
        },
        { 'x-fal-request-id': id },
      );
    }
    if (ri === -1) return json(res, 404, { detail: 'Not found' });
    if (!key || faults.keys[key] === undefined || faults.keys[key] === 'unauthorized')
      return json(res, 401, { detail: 'Invalid authentication credentials' });
    const r = reqs.get(parts[ri + 1] ?? '');
    if (!r) return json(res, 404, { detail: 'Request not found' });
    const base = `${origin}/${parts[0]}/${parts[1]}/requests/${r.id}`;
    const tail = parts[ri + 2];
    if (tail === 'cancel' && req.method === 'PUT') {
      r.cancelled = true;
      cancelled.push(r.id);
      return json(res, 202, { status: 'CANCELLATION_REQUESTED' });
    }
    const queuePolls = r.fault === 'slow' ? faults.queuePolls + 20 : faults.queuePolls;
    if (tail === 'status') {
      if (faults.status502 > 0) {
        faults.status502--;
        return json(res, 502, { detail: 'Bad gateway' });
      }
      r.polls++;
      const common = {
        request_id: r.id,
        response_url: base,
        status_url: `${base}/status`,
        cancel_url: `${base}/cancel`,
        logs: null,
      };
      if (r.polls <= queuePolls || faults.hang)
        return json(res, 200, {
          ...common,
          status: 'IN_QUEUE',
          queue_position: Math.max(0, queuePolls - r.polls),
        });
      if (r.polls <= queuePolls + faults.workPolls)
        return json(res, 200, { ...common, status: 'IN_PROGRESS' });
      return json(res, 200, { ...common, status: 'COMPLETED', metrics: { inference_time: 1.2 } });
    }
    if (tail === undefined && req.method === 'GET') {
      if (r.fault === 'malformed')
        return json(res, 200, { audio: null, detail: 'unexpected' }, { 'x-fal-request-id': r.id });
      if (r.fault === 'failed') return json(res, 500, { detail: 'Model failed' });
      const file = `${r.fault}.wav`;
      return json(
        res,
        200,
        {
          audio: {
            url: `${origin}/files/${file}`,
            content_type: 'audio/wav',
            file_name: file,
            file_size: wav.length,
          },
        },
        { 'x-fal-request-id': r.id },
      );
    }
    return json(res, 405, { detail: 'Method not allowed' });
  });
  origin = await listen(server);
  return {
    url: origin,
    faults,
    requests,
    inputs,
    cancelled,
    forget: () => reqs.clear(),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** MiniMax's published inputs on FAL; anything else is a 422, as the real endpoint answers. */
function validateMinimax(version: string, b: Record<string, unknown> | undefined) {
  const problems: { loc: string[]; msg: string; type: string }[] = [];
  const bad = (field: string, msg: string, type = 'value_error') =>
    problems.push({ loc: ['body', field], msg, type });
  if (!b || typeof b !== 'object') return [{ loc: ['body'], msg: 'Field required', type: 'missing' }];
  const len = (v: unknown) => (typeof v === 'string' ? v.length : -1);
  if (version === 'v2') {
    for (const k of Object.keys(b))
      if (!['prompt', 'lyrics_prompt', 'audio_setting'].includes(k))
        bad(k, 'Extra inputs are not permitted', 'extra_forbidden');
    if (len(b.prompt) < 10 || len(b.prompt) > 300) bad('prompt', 'String should have 10-300 characters');
    if (len(b.lyrics_prompt) < 10 || len(b.lyrics_prompt) > 3000)
      bad('lyrics_prompt', 'String should have 10-3000 characters');
  } else {
    for (const k of Object.keys(b))
      if (!['prompt', 'lyrics', 'is_instrumental', 'lyrics_optimizer'].includes(k))
        bad(k, 'Extra inputs are not permitted', 'extra_forbidden');
    if (len(b.prompt) < 10 || len(b.prompt) > 2000) bad('prompt', 'String should have 10-2000 characters');
    if (b.lyrics !== undefined && (len(b.lyrics) < 10 || len(b.lyrics) > 3500))
      bad('lyrics', 'String should have 10-3500 characters');
  }
  return problems;
}

const MUSICGEN_INPUTS = [
  'prompt',
  'model_version',
  'duration',
  'input_audio',
  'continuation',
  'continuation_start',
  'continuation_end',
  'output_format',
  'seed',
  'normalization_strategy',
  'top_k',
  'top_p',
  'temperature',
  'classifier_free_guidance',
  'multi_band_diffusion',
];
const MINIMAX_INPUTS = ['prompt', 'lyrics', 'sample_rate', 'bitrate', 'audio_format'];

/**
 * Replicate: POST /v1/predictions {version, input}; POST /v1/models/{owner}/{name}/predictions
 * {input}; GET /v1/predictions/{id}; POST /v1/predictions/{id}/cancel. `Authorization: Bearer …`;
 * statuses starting → processing → succeeded | failed | canceled; 429 `{detail}` with Retry-After.
 */
export async function startFakeReplicate(
  opts: { tokens?: Record<string, KeyState>; audioSec?: number; musicgenVersion?: string } = {},
): Promise<FakeProvider> {
  const wav = synthWav(opts.audioSec ?? 3);
  const faults = defaults(opts.tokens ?? { r8_token_1: 'ok' });
  const requests: LoggedRequest[] = [];
  const inputs: Record<string, unknown>[] = [];
  const cancelled: string[] = [];
  const preds = new Map<
    string,
    Req & { model: string; version: string | null; input: unknown; created: string }
  >();
  let origin = '';
  const view = (p: Req & { model: string; version: string | null; input: unknown; created: string }) => {
    const done = p.polls > faults.queuePolls + faults.workPolls && !faults.hang;
    let status = p.polls <= faults.queuePolls || faults.hang ? 'starting' : done ? 'succeeded' : 'processing';
    if (p.fault === 'slow' && p.polls <= faults.queuePolls + 20) status = 'starting';
    if (p.cancelled) status = 'canceled';
    if (status === 'succeeded' && p.fault === 'failed') status = 'failed';
    const output =
      status !== 'succeeded'
        ? null
        : p.fault === 'malformed'
          ? { unexpected: true }
          : `${origin}/files/${p.fault}.wav`;
    return {
      id: p.id,
      model: p.model,
      version: p.version ?? 'hidden',
      input: p.input,
      logs: '',
      output,
      data_removed: false,
      error: status === 'failed' ? 'CUDA out of memory' : null,
      status,
      created_at: p.created,
      urls: {
        get: `${origin}/v1/predictions/${p.id}`,
        cancel: `${origin}/v1/predictions/${p.id}/cancel`,
        stream: `${origin}/v1/stream/${p.id}`,
      },
    };
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = (await readBody(req)) as Record<string, unknown> | undefined;
    const auth = req.headers.authorization;
    requests.push({ method: req.method ?? '', path: url.pathname, auth, body });
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'files')
      return serveFile(res, (parts[1]?.split('.')[0] as Req['fault']) ?? 'audio', wav);
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const unauth = () =>
      json(res, 401, {
        title: 'Unauthenticated',
        detail: 'You did not pass a valid authentication token',
        status: 401,
      });
    if (parts[0] !== 'v1') return json(res, 404, { detail: 'Not found', status: 404 });
    const isCreate =
      req.method === 'POST' &&
      ((parts.length === 2 && parts[1] === 'predictions') ||
        (parts[1] === 'models' && parts[4] === 'predictions'));
    if (isCreate) {
      const g = gate(faults, token);
      if (typeof g === 'object') {
        if (g.status === 401) return unauth();
        if (g.status === 429)
          return json(
            res,
            429,
            { detail: `Request was throttled. Expected available in ${g.retryAfter} second.`, status: 429 },
            { 'retry-after': String(g.retryAfter) },
          );
        return json(res, 500, { detail: 'Internal server error', status: 500 });
      }
      const official = parts[1] === 'models';
      const model = official ? `${parts[2]}/${parts[3]}` : 'meta/musicgen';
      const allowed = official ? MINIMAX_INPUTS : MUSICGEN_INPUTS;
      if (!official && opts.musicgenVersion && body?.version !== opts.musicgenVersion)
        return json(res, 422, {
          detail: 'Invalid version or not permitted',
          status: 422,
          title: 'Invalid version',
        });
      const input = (body?.input ?? {}) as Record<string, unknown>;
      const extra = Object.keys(input).filter((k) => !allowed.includes(k));
      const invalid = [
        ...extra.map((k) => ({ type: 'additional_property', field: k, description: `${k} is not allowed` })),
      ];
      if (typeof input.prompt !== 'string')
        invalid.push({ type: 'required', field: 'prompt', description: 'prompt is required' });
      if (
        official &&
        (typeof input.lyrics !== 'string' || input.lyrics.length < 10 || input.lyrics.length > 600)
      )
        invalid.push({ type: 'string', field: 'lyrics', description: 'lyrics must have 10-600 characters' });
      if (invalid.length)
        return json(res, 422, {
          title: 'Input validation failed',
          status: 422,
          detail: '- input: invalid',
          invalid_fields: invalid,
        });
      const id = randomUUID().replace(/-/g, '').slice(0, 26);
      const p = {
        id,
        polls: 0,
        fault: g,
        cancelled: false,
        model,
        version: official ? null : String(body?.version),
        input,
        created: new Date().toISOString(),
      };
      preds.set(id, p);
      inputs.push(input);
      return json(res, 201, view(p));
    }
    if (!token || faults.keys[token] === undefined || faults.keys[token] === 'unauthorized') return unauth();
    if (parts[1] === 'predictions' && parts[2]) {
      const p = preds.get(parts[2]);
      if (!p) return json(res, 404, { detail: 'Not found.', status: 404 });
      if (parts[3] === 'cancel' && req.method === 'POST') {
        p.cancelled = true;
        cancelled.push(p.id);
        return json(res, 200, view(p));
      }
      if (req.method === 'GET') {
        if (faults.status502 > 0) {
          faults.status502--;
          return json(res, 502, { detail: 'Bad gateway', status: 502 });
        }
        p.polls++;
        return json(res, 200, view(p));
      }
    }
    return json(res, 404, { detail: 'Not found.', status: 404 });
  });
  origin = await listen(server);
  return {
    url: `${origin}/v1`,
    faults,
    requests,
    inputs,
    cancelled,
    forget: () => preds.clear(),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

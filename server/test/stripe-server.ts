import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// A local server that speaks Stripe's HTTP API for the endpoints we call
// (Checkout Sessions: create and retrieve), driven by the real `stripe` SDK in
// tests (no npm package serves Checkout Sessions locally; DEPENDENCY-NOTES.md).
// It checks what Stripe checks for these calls: the secret key, form-encoded
// bracket-notation bodies, required fields, amounts, metadata limits, and
// idempotency keys (same key + same body = same answer; different body = error).

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  params: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** Stripe's form encoding (`a[b][0][c]=v`) back into nested objects and arrays. */
export function decodeStripeForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]!);
      const k = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[k] = value;
      else {
        container[k] ??= nextIsIndex ? [] : {};
        node = container[k] as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

export class LocalStripe {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, Json>();
  private readonly idempotency = new Map<string, { body: string; status: number; response: string }>();
  private server: Server | null = null;
  /** Set to make the next N create calls answer 500 (tests of our failure path). */
  failNext = 0;

  constructor(readonly secretKey = 'sk_test_local_0123456789') {}

  get baseUrl(): string {
    const a = this.server?.address();
    if (!a || typeof a === 'string') throw new Error('not listening');
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The session as Stripe would show it once the customer has paid. */
  paid(sessionId: string, over: Json = {}): Json {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    const done = {
      ...s,
      status: 'complete',
      payment_status: 'paid',
      payment_intent: (s.payment_intent as string | null) ?? id('pi'),
      ...over,
    };
    this.sessions.set(sessionId, done);
    return done;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = decodeStripeForm(req.method === 'GET' ? url.searchParams.toString() : body);
    this.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, params });
    const send = (status: number, json: unknown) => {
      const text = JSON.stringify(json);
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(text);
      return text;
    };
    try {
      if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
        throw new StripeApiError(401, 'invalid_request_error', 'Invalid API Key provided.');
      }
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const key = req.headers['idempotency-key'];
        const seen = typeof key === 'string' ? this.idempotency.get(key) : undefined;
        if (seen) {
          if (seen.body !== body) {
            throw new StripeApiError(
              400,
              'idempotency_error',
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            );
          }
          res.writeHead(seen.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
          res.end(seen.response);
          return;
        }
        if (this.failNext > 0) {
          this.failNext--;
          throw new StripeApiError(500, 'api_error', 'Something went wrong on our end.');
        }
        const session = this.createSession(params);
        const text = send(200, session);
        if (typeof key === 'string') this.idempotency.set(key, { body, status: 200, response: text });
        return;
      }
      const m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && m) {
        const s = this.sessions.get(m[1]!);
        if (!s)
          throw new StripeApiError(404, 'invalid_request_error', `No such checkout.session: '${m[1]}'`, 'id');
        send(200, s);
        return;
      }
      throw new StripeApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${req.method}: ${url.pathname}).`,
      );
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      send(err.status, {
        error: { type: err.type, message: err.message, ...(err.param ? { param: err.param } : {}) },
      });
    }
  }

  private createSession(p: Json): Json {
    const need = (cond: unknown, param: string, message: string) => {
      if (!cond) throw new StripeApiError(400, 'invalid_request_error', message, param);
    };
    need(['payment', 'setup', 'subscription'].includes(p.mode as string), 'mode', 'Invalid mode.');
    need(
      typeof p.success_url === 'string' && /^https?:\/\//.test(p.success_url),
      'success_url',
      'Not a valid URL',
    );
    const items = p.line_items as Json[] | undefined;
    need(Array.isArray(items) && items.length > 0, 'line_items', 'line_items is required in payment mode.');
    let total = 0;
    let currency = '';
    for (const [i, item] of items!.entries()) {
      const pd = item.price_data as Json | undefined;
      need(pd || item.price, `line_items[${i}]`, 'You must specify either price or price_data.');
      need(typeof pd?.currency === 'string', `line_items[${i}][price_data][currency]`, 'Missing currency.');
      const amount = Number(pd?.unit_amount);
      need(
        Number.isInteger(amount) && amount >= 50,
        `line_items[${i}][price_data][unit_amount]`,
        'The Checkout Session total must be at least $0.50 usd.',
      );
      need(
        typeof (pd?.product_data as Json | undefined)?.name === 'string',
        `line_items[${i}][price_data][product_data][name]`,
        'Missing required param: line_items[0][price_data][product_data][name].',
      );
      const qty = Number(item.quantity ?? 1);
      need(Number.isInteger(qty) && qty >= 1, `line_items[${i}][quantity]`, 'Invalid quantity.');
      total += amount * qty;
      currency = String(pd!.currency).toLowerCase();
    }
    const metadata = (p.metadata ?? {}) as Record<string, string>;
    need(Object.keys(metadata).length <= 50, 'metadata', 'Metadata can have at most 50 keys.');
    for (const [k, v] of Object.entries(metadata)) {
      need(
        k.length <= 40 && v.length <= 500,
        `metadata[${k}]`,
        'Metadata values can be at most 500 characters.',
      );
    }
    const sid = id('cs');
    const session: Json = {
      id: sid,
      object: 'checkout.session',
      mode: p.mode,
      status: 'open',
      payment_status: 'unpaid',
      amount_total: total,
      amount_subtotal: total,
      currency,
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      metadata,
      payment_intent: null,
      success_url: String(p.success_url).replace('{CHECKOUT_SESSION_ID}', sid),
      cancel_url: p.cancel_url ?? null,
      url: `https://checkout.stripe.com/c/pay/${sid}`,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
    };
    this.sessions.set(sid, session);
    return session;
  }
}

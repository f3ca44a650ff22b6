import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signUp,
  startPeerApp,
  startTestApp,
  type TestApp,
  type TestUser,
  validTrack,
} from '../../test/harness.ts';
import { LocalStripe } from '../../test/stripe-server.ts';
import { checkouts, creditLedger, stripeEvents, stripePayments, users } from '../db/schema/index.ts';
import { operatorToken } from '../secrets.ts';
import { ledgerSum } from '../services/credits.ts';
import { checkoutReturnOrigin, sweepForeignPayments } from '../services/payments.ts';

// Stripe end to end: the real SDK against our local Stripe-protocol server for
// Checkout Sessions, and webhooks signed by the SDK's own test signer.

const SECRET = 'sk_test_local_0123456789';
const WHSEC = `whsec_${randomBytes(24).toString('hex')}`;
const signer = new Stripe(SECRET);
const evtId = () => `evt_test_${randomBytes(12).toString('hex')}`;

function signedEvent(
  type: string,
  object: unknown,
  opts: { id?: string; timestamp?: number; secret?: string } = {},
) {
  const payload = JSON.stringify({
    id: opts.id ?? evtId(),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? WHSEC,
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });
  return { payload, header };
}

describe('payments without Stripe keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('checkout and webhook say payments are not configured (4xx); everything else works', async () => {
    const u = await signUp(t);
    const res = await u.post('/api/credits/checkout', { pack_credits: 300 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PAYMENTS_NOT_CONFIGURED');
    const { payload, header } = signedEvent('checkout.session.completed', {});
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks/stripe',
      payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    });
    expect(hook.statusCode).toBe(409);
    expect(hook.json().error.code).toBe('PAYMENTS_NOT_CONFIGURED');
    expect((await u.get('/api/credits')).json().payments_enabled).toBe(false);
    expect((await u.get('/api/credits/packs')).json().packs).toHaveLength(3);
    expect((await u.post('/api/tracks', validTrack())).statusCode).toBe(201);
  });

  it('out of credits, the refusal sends to the operator of the server, not to a pack it does not sell', async () => {
    const u = await signUp(t);
    await u.get('/api/me'); // onboarded: the trial credits, then none
    await t.rt.database.db.update(users).set({ credits: 0 }).where(eq(users.id, u.id));
    const want =
      'This track needs 1 credit and you have 0. Ask the operator of this server for more credits.';
    const res = await u.post('/api/tracks', validTrack({ duration_s: 30 }));
    expect(res.statusCode).toBe(402);
    expect(res.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', message: want });
    const preview = (await u.get('/api/credits/cost-preview?duration_s=30')).json();
    expect(preview.reason.message).toBe(want);
  });
});

describe.each(['pglite', 'postgres'] as const)('Stripe checkout and webhooks on %s', (kind) => {
  let t: TestApp;
  const stripe = new LocalStripe(SECRET);
  beforeAll(async () => {
    const base = await stripe.start();
    t = await startTestApp({
      db: kind,
      env: { STRIPE_SECRET_KEY: SECRET, STRIPE_WEBHOOK_SECRET: WHSEC, STRIPE_API_BASE: base },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stripe.close();
  });
  const db = () => t.rt.database.db;
  const balance = async (u: TestUser) => (await u.get('/api/credits')).json().balance as number;
  const deliver = (e: { payload: string; header: string }) =>
    t.app.inject({
      method: 'POST',
      url: '/api/webhooks/stripe',
      payload: e.payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': e.header },
    });
  const checkout = async (u: TestUser, pack = 300) => {
    const res = await u.post('/api/credits/checkout', { pack_credits: pack });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { checkout_id: string; session_id: string; url: string; price_cents: number };
  };

  it('out of credits, the refusal offers a pack on the Credits page', async () => {
    const u = await signUp(t);
    await u.get('/api/me');
    await db().update(users).set({ credits: 1 }).where(eq(users.id, u.id));
    const want =
      'This track needs 2 credits and you have 1. Buy a credit pack on the Credits page, or choose a shorter duration.';
    const res = await u.post('/api/tracks', validTrack({ duration_s: 60 }));
    expect(res.statusCode).toBe(402);
    expect(res.json().error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', message: want });
    expect((await u.get('/api/credits/cost-preview?duration_s=60')).json().reason.message).toBe(want);
  });

  it('creates a Checkout Session in payment mode with the PricingService price, user and snapshot id', async () => {
    const u = await signUp(t);
    await u.patch('/api/me', { solidarity_opt_in: true });
    const before = stripe.requests.length;
    const c = await checkout(u, 700);
    expect(c.price_cents).toBe(7336); // HIGH, solidarity: 700 × 0.1048
    expect(c.url).toBe(`https://checkout.stripe.com/c/pay/${c.session_id}`);
    const req = stripe.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.headers['stripe-version']).toBeTruthy();
    expect(req.headers['idempotency-key']).toBe(`checkout-${c.checkout_id}`);
    expect(req.params).toMatchObject({
      mode: 'payment',
      client_reference_id: u.id,
      metadata: { user_id: u.id, pack_credits: '700', checkout_id: c.checkout_id },
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '7336' } }],
    });
    expect(String(req.params.success_url)).toContain('{CHECKOUT_SESSION_ID}');
    // The page's own origin is the way back (trusted: the harness's PUBLIC_URL here).
    expect(req.params.success_url).toBe(
      'http://localhost:3000/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}',
    );
    expect(req.params.cancel_url).toBe('http://localhost:3000/credits?checkout=cancelled');
    const row = (await db().select().from(checkouts).where(eq(checkouts.id, c.checkout_id)))[0]!;
    expect(row).toMatchObject({
      userId: u.id,
      packCredits: 700,
      priceCents: 7336,
      status: 'OPEN',
      stripeSessionId: c.session_id,
    });
    expect(row.pricingSnapshot).toMatchObject({
      inputs: { ppp_band: 'HIGH', solidarity_opt_in: true, pack_credits: 700 },
      outputs: { price_per_credit_e4_usd: 1048, price_cents: 7336 },
    });
    // Unknown pack, no session, bad body: 4xx and no checkout row.
    const bad = await u.post('/api/credits/checkout', { pack_credits: 301 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.packs).toEqual([300, 700, 2000]);
    expect((await u.post('/api/credits/checkout', { pack_credits: '300' })).statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/credits/checkout', payload: { pack_credits: 300 } }))
        .statusCode,
    ).toBe(401);
    expect(await db().select().from(checkouts).where(eq(checkouts.userId, u.id))).toHaveLength(1);
  });

  it('sends the buyer back to the origin they opened the app at, when it is trusted; else to PUBLIC_URL', async () => {
    const u = await signUp(t);
    const before = stripe.requests.length;
    // Outside production the machine's own addresses on the port are trusted origins too.
    const res = await u.post(
      '/api/credits/checkout',
      { pack_credits: 300 },
      { origin: 'http://127.0.0.1:3000' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const req = stripe.requests[before]!;
    expect(req.params.success_url).toBe(
      'http://127.0.0.1:3000/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}',
    );
    expect(req.params.cancel_url).toBe('http://127.0.0.1:3000/credits?checkout=cancelled');
    // An untrusted Origin never gets this far (403), and a request without one returns to PUBLIC_URL.
    expect(
      (await u.post('/api/credits/checkout', { pack_credits: 300 }, { origin: 'https://evil.example' }))
        .statusCode,
    ).toBe(403);
    const ctx = {
      publicUrl: 'https://music.example',
      trustedOrigins: ['https://music.example', 'https://www.music.example'],
    };
    expect(checkoutReturnOrigin(ctx, 'https://www.music.example')).toBe('https://www.music.example');
    expect(checkoutReturnOrigin(ctx, 'https://evil.example')).toBe('https://music.example');
    expect(checkoutReturnOrigin(ctx, undefined)).toBe('https://music.example');
  });

  it('when Stripe fails, the answer is 503; the quote stays so a session Stripe did make can still be fulfilled', async () => {
    const u = await signUp(t);
    stripe.failNext = 10;
    const res = await u.post('/api/credits/checkout', { pack_credits: 300 });
    stripe.failNext = 0;
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
    const rows = await db().select().from(checkouts).where(eq(checkouts.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'OPEN', stripeSessionId: null });
    expect(await balance(u)).toBe(400);
  });

  it('a paid session credits the pack once, even when its event is delivered 100 times in parallel; FREE → PRO', async () => {
    const u = await signUp(t);
    const c = await checkout(u);
    const event = signedEvent('checkout.session.completed', stripe.paid(c.session_id));
    const results = await Promise.all(Array.from({ length: 100 }, () => deliver(event)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(100).fill(200));
    const outcomes = results.map((r) => r.json().outcome);
    expect(outcomes.filter((o) => o === 'credited')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(99);
    expect(await balance(u)).toBe(700);
    expect(await ledgerSum(db(), u.id)).toBe(700);
    const purchase = await db()
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.userId, u.id), eq(creditLedger.reason, 'PURCHASE')));
    expect(purchase).toHaveLength(1);
    expect(purchase[0]!.amount).toBe(300);
    expect(purchase[0]!.pricingSnapshot).toMatchObject({
      outputs: { price_cents: 3696 },
      inputs: { pack_credits: 300 },
    });
    expect(purchase[0]!.meta).toMatchObject({ checkout_id: c.checkout_id, stripe_session_id: c.session_id });
    expect((await u.get('/api/credits')).json().plan).toBe('PRO');
    // Another event for the same session (e.g. a resend with a new id) does not credit again.
    const again = await deliver(signedEvent('checkout.session.completed', stripe.paid(c.session_id)));
    expect(again.json().outcome).toBe('already_fulfilled');
    expect(await balance(u)).toBe(700);
  });

  it('an async payment credits on async_payment_succeeded, not on the unpaid completion', async () => {
    const u = await signUp(t);
    const c = await checkout(u);
    const pending = { ...stripe.sessions.get(c.session_id)!, status: 'complete', payment_status: 'unpaid' };
    expect((await deliver(signedEvent('checkout.session.completed', pending))).json().outcome).toBe(
      'ignored',
    );
    expect(await balance(u)).toBe(400);
    const ok = await deliver(
      signedEvent('checkout.session.async_payment_succeeded', stripe.paid(c.session_id)),
    );
    expect(ok.json().outcome).toBe('credited');
    expect(await balance(u)).toBe(700);
  });

  it('bad signature, tampered body, stale timestamp, missing header: 400 and no credits', async () => {
    const u = await signUp(t);
    const c = await checkout(u);
    const session = stripe.paid(c.session_id);
    const wrongKey = signedEvent('checkout.session.completed', session, { secret: 'whsec_someone_else' });
    const stale = signedEvent('checkout.session.completed', session, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const good = signedEvent('checkout.session.completed', session);
    const tampered = {
      payload: good.payload.replace('"livemode":false', '"livemode":true'),
      header: good.header,
    };
    for (const e of [wrongKey, stale, tampered, { payload: good.payload, header: '' }]) {
      const res = await deliver(e);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
    }
    // Just inside the tolerance is fine.
    const fresh = signedEvent('checkout.session.completed', session, {
      timestamp: Math.floor(Date.now() / 1000) - 290,
    });
    expect(await balance(u)).toBe(400);
    expect((await deliver(fresh)).json().outcome).toBe('credited');
    expect(await balance(u)).toBe(700);
  });

  it('unknown pack, forged or missing user, wrong amount: 4xx and no credits', async () => {
    const u = await signUp(t);
    const c = await checkout(u);
    const session = stripe.paid(c.session_id);
    const md = session.metadata as Record<string, string>;
    const cases: Record<string, unknown>[] = [
      { ...session, metadata: { ...md, pack_credits: '999' } },
      { ...session, metadata: { ...md, pack_credits: '700' } },
      { ...session, metadata: { ...md, user_id: 'someone-else' } },
      { ...session, client_reference_id: 'someone-else' },
      { ...session, metadata: { ...md, checkout_id: undefined } },
      { ...session, metadata: { ...md, checkout_id: '00000000-0000-4000-8000-000000000000' } },
      { ...session, amount_total: 1 },
    ];
    for (const s of cases) {
      const res = await deliver(signedEvent('checkout.session.completed', s));
      expect(res.statusCode, JSON.stringify(s)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(await balance(u)).toBe(400);
    // A refused event is not remembered: once fixed, a delivery with the same id goes through.
    const id = evtId();
    expect((await deliver(signedEvent('checkout.session.completed', cases[0], { id }))).statusCode).toBe(400);
    expect((await db().select().from(stripeEvents).where(eq(stripeEvents.id, id))).length).toBe(0);
    // The user is gone: their checkout went with them (cascade) → 404, nothing credited.
    const gone = await signUp(t);
    const g = await checkout(gone);
    const gs = stripe.paid(g.session_id);
    await db().delete(users).where(eq(users.id, gone.id));
    expect((await deliver(signedEvent('checkout.session.completed', gs))).statusCode).toBe(404);
  });

  it('refunds and disputes take credits back, never below zero: the rest is debt that blocks generation until paid', async () => {
    const u = await signUp(t);
    const c = await checkout(u);
    const session = stripe.paid(c.session_id);
    await deliver(signedEvent('checkout.session.completed', session));
    expect(await balance(u)).toBe(700);
    const pi = session.payment_intent as string;
    const charge = {
      id: `ch_${randomBytes(6).toString('hex')}`,
      object: 'charge',
      amount: 3696,
      payment_intent: pi,
    };
    // Half refunded: 150 credits back.
    const half = await deliver(
      signedEvent('charge.refunded', { ...charge, amount_refunded: 1848, refunded: false }),
    );
    expect(half.json().outcome).toBe('reversed');
    expect(await balance(u)).toBe(550);
    // The user spends most of the rest (an operator removal stands in for spending).
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/credits',
      payload: { email: u.email, amount: -500, note: 'spent' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await balance(u)).toBe(50);
    // A dispute reverses the remaining 150: 50 taken, 100 owed.
    const dispute = {
      id: `dp_${randomBytes(6).toString('hex')}`,
      object: 'dispute',
      amount: 3696,
      charge: charge.id,
      payment_intent: pi,
    };
    const d = signedEvent('charge.dispute.created', dispute);
    const [r1, r2] = await Promise.all([deliver(d), deliver(d)]);
    expect([r1.json().outcome, r2.json().outcome].sort()).toEqual(['duplicate', 'reversed']);
    expect(await balance(u)).toBe(0);
    expect(await ledgerSum(db(), u.id)).toBe(0);
    const status = (await u.get('/api/credits')).json();
    expect(status.debt_credits).toBe(100);
    // The full refund afterwards changes nothing more (all 300 already reversed).
    expect(
      (
        await deliver(signedEvent('charge.refunded', { ...charge, amount_refunded: 3696, refunded: true }))
      ).json().outcome,
    ).toBe('ignored');
    expect((await u.get('/api/credits')).json().debt_credits).toBe(100);

    // Generation is blocked while the debt stands, and the preview says why.
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/credits',
      payload: { email: u.email, amount: 60, kind: 'grant' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await u.get('/api/credits')).json()).toMatchObject({ balance: 0, debt_credits: 40 });
    const blocked = await u.post('/api/tracks', validTrack());
    expect(blocked.statusCode).toBe(402);
    expect(blocked.json().error).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { debt_credits: 40 } });
    expect((await u.get('/api/credits/cost-preview?duration_s=30')).json().reason.code).toBe(
      'PAYMENT_REQUIRED',
    );

    // A new purchase pays the debt first; then generation works again.
    const c2 = await checkout(u);
    await deliver(signedEvent('checkout.session.completed', stripe.paid(c2.session_id)));
    expect((await u.get('/api/credits')).json()).toMatchObject({ balance: 260, debt_credits: 0 });
    expect((await u.post('/api/tracks', validTrack())).statusCode).toBe(201);
    expect(await ledgerSum(db(), u.id)).toBe(259);
    const kinds = (await db().select().from(creditLedger).where(eq(creditLedger.userId, u.id)))
      .filter((r) => r.reason === 'ADJUSTMENT')
      .map((r) => r.meta?.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['payment_refund', 'payment_dispute', 'debt_settlement', 'operator_adjustment']),
    );
  });

  it('events we do not handle are ignored; refunds of payments that are not ours are kept and move nothing', async () => {
    expect(
      (await deliver(signedEvent('customer.created', { id: 'cus_1', object: 'customer' }))).json().outcome,
    ).toBe('ignored');
    const foreign = {
      id: 'ch_x',
      object: 'charge',
      amount: 1000,
      amount_refunded: 1000,
      payment_intent: `pi_not_ours_${randomBytes(4).toString('hex')}`,
    };
    // Until a completion credits that payment intent we cannot tell "not ours" from "not yet".
    expect((await deliver(signedEvent('charge.refunded', foreign))).json().outcome).toBe('pending');
    const kept = await db()
      .select()
      .from(stripePayments)
      .where(eq(stripePayments.paymentIntentId, foreign.payment_intent));
    expect(kept[0]).toMatchObject({ chargeCents: 1000, refundedCents: 1000, disputed: false });
    expect(
      await db().select().from(checkouts).where(eq(checkouts.paymentIntentId, foreign.payment_intent)),
    ).toHaveLength(0);
  });
});

// Stripe does not order events, and a completion whose first delivery failed (a 503 while the
// database stalled) is retried after a refund or dispute of the same payment was delivered.
// Whatever the order, the books must end as in the normal order: credited once, reversed once.
describe.each(['pglite', 'postgres'] as const)('Stripe reversals before their completion on %s', (kind) => {
  let t: TestApp;
  /** A second API process on the same database (PostgreSQL); the same app on PGlite. */
  let peer: TestApp;
  const stripe = new LocalStripe(SECRET);
  beforeAll(async () => {
    const base = await stripe.start();
    t = await startTestApp({
      db: kind,
      env: { STRIPE_SECRET_KEY: SECRET, STRIPE_WEBHOOK_SECRET: WHSEC, STRIPE_API_BASE: base },
    });
    peer = kind === 'postgres' ? await startPeerApp(t) : t;
  });
  afterAll(async () => {
    if (peer !== t) await peer?.close();
    await t?.close();
    await stripe.close();
  });
  const db = () => t.rt.database.db;
  const deliver = (e: { payload: string; header: string }, to: TestApp = t) =>
    to.app.inject({
      method: 'POST',
      url: '/api/webhooks/stripe',
      payload: e.payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': e.header },
    });
  const outcome = async (e: { payload: string; header: string }, to: TestApp = t) => {
    const res = await deliver(e, to);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().outcome as string;
  };
  /** A checkout of `pack` credits, paid: its session as Stripe shows it, and its payment intent. */
  const paidCheckout = async (u: TestUser, pack = 300) => {
    const res = await u.post('/api/credits/checkout', { pack_credits: pack });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { checkout_id: string; session_id: string; price_cents: number };
    const session = stripe.paid(c.session_id);
    return { ...c, session, pi: session.payment_intent as string };
  };
  const completed = (session: unknown) => signedEvent('checkout.session.completed', session);
  const refunded = (pi: string, amount: number, refundedCents: number, chargeId = 'ch_1') =>
    signedEvent('charge.refunded', {
      id: chargeId,
      object: 'charge',
      amount,
      amount_refunded: refundedCents,
      refunded: refundedCents === amount,
      payment_intent: pi,
    });
  const disputed = (pi: string, amount: number, disputeId = `dp_${randomBytes(6).toString('hex')}`) =>
    signedEvent('charge.dispute.created', {
      id: disputeId,
      object: 'dispute',
      amount,
      charge: 'ch_1',
      payment_intent: pi,
      status: 'needs_response',
    });
  /** `charge.dispute.closed` as Stripe sends it: the Dispute object with its final status. */
  const closed = (pi: string, amount: number, disputeId: string, status = 'won') =>
    signedEvent('charge.dispute.closed', {
      id: disputeId,
      object: 'dispute',
      amount,
      charge: 'ch_1',
      currency: 'usd',
      payment_intent: pi,
      reason: 'fraudulent',
      status,
    });
  /** The user's books: balance = ledger sum always, and what the credits API says. */
  const books = async (u: TestUser) => {
    const status = (await u.get('/api/credits')).json() as {
      balance: number;
      debt_credits: number;
      plan: string;
    };
    expect(await ledgerSum(db(), u.id)).toBe(status.balance);
    const row = (await db().select().from(users).where(eq(users.id, u.id)))[0]!;
    expect(row.credits).toBe(status.balance);
    return { balance: status.balance, debt: status.debt_credits, plan: status.plan };
  };
  /**
   * The ledger rows a checkout caused: its PURCHASE and its reversal ADJUSTMENTs, in order (rows
   * of one transaction share its timestamp: the purchase before what it reverses).
   */
  const rowsOf = async (checkoutId: string) =>
    (
      await db().select().from(creditLedger).where(sql`${creditLedger.meta}->>'checkout_id' = ${checkoutId}`)
    ).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || b.amount - a.amount);
  const checkoutRow = async (id: string) =>
    (await db().select().from(checkouts).where(eq(checkouts.id, id)))[0]!;
  const onboarded = async () => {
    const u = await signUp(t);
    await u.get('/api/me'); // the trial grant: 400
    return u;
  };
  /** An operator's change of a balance (a removal stands in for spending; a grant pays debt first). */
  const operator = (email: string, amount: number, kind: 'grant' | 'adjust' = 'adjust') =>
    t.app.inject({
      method: 'POST',
      url: '/api/admin/credits',
      payload: { email, amount, kind, note: 'test' },
      headers: { authorization: `Bearer ${operatorToken(t.config.operatorToken, t.rt.secret)}` },
    });
  const hex = () => randomBytes(6).toString('hex');
  const paymentRow = async (pi: string) =>
    (await db().select().from(stripePayments).where(eq(stripePayments.paymentIntentId, pi)))[0];

  it('a full refund, then the completion: credited and taken back in the completion, once; replays change nothing', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u, 700);
    const refund = refunded(c.pi, c.price_cents, c.price_cents);
    expect(await outcome(refund)).toBe('pending');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'FREE' });
    expect(await outcome(refund)).toBe('duplicate');
    expect(await outcome(completed(c.session))).toBe('credited');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    const rows = await rowsOf(c.checkout_id);
    expect(rows.map((r) => [r.reason, r.amount, r.meta?.kind])).toEqual([
      ['PURCHASE', 700, undefined],
      ['ADJUSTMENT', -700, 'payment_refund'],
    ]);
    expect(rows[1]!.meta).toMatchObject({
      payment_intent: c.pi,
      held_event_id: JSON.parse(refund.payload).id,
    });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({
      status: 'PAID',
      paymentIntentId: c.pi,
      creditsReversed: 700,
    });
    // Stripe's retries and resends: the refund again (same id, or a new id saying the same),
    // the completion again, the async success: nothing moves.
    expect(await outcome(refund)).toBe('duplicate');
    expect(await outcome(refunded(c.pi, c.price_cents, c.price_cents))).toBe('ignored');
    expect(await outcome(completed(c.session))).toBe('already_fulfilled');
    expect(await outcome(signedEvent('checkout.session.async_payment_succeeded', c.session))).toBe(
      'already_fulfilled',
    );
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect(await rowsOf(c.checkout_id)).toHaveLength(2);
  });

  it('a dispute, then the completion: the whole pack taken back; a lost dispute changes nothing (as in the normal order)', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u);
    expect(await outcome(disputed(c.pi, c.price_cents, 'dp_lost'))).toBe('pending');
    expect(await outcome(closed(c.pi, c.price_cents, 'dp_lost', 'lost'))).toBe('ignored');
    expect(await outcome(completed(c.session))).toBe('credited');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect((await rowsOf(c.checkout_id)).map((r) => [r.reason, r.amount, r.meta?.kind])).toEqual([
      ['PURCHASE', 300, undefined],
      ['ADJUSTMENT', -300, 'payment_dispute'],
    ]);
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 300, disputed: true });
    // A refund of the disputed charge afterwards takes nothing more.
    expect(await outcome(refunded(c.pi, c.price_cents, c.price_cents))).toBe('ignored');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
  });

  it('a partial refund before the completion: pro rata taken back then; later refunds take only the rest, late stale ones nothing', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u); // 300 credits, 3696 cents
    expect(c.price_cents).toBe(3696);
    expect(await outcome(refunded(c.pi, 3696, 1000))).toBe('pending'); // ⌈300 × 1000 / 3696⌉ = 82
    expect(await outcome(refunded(c.pi, 3696, 1848))).toBe('pending'); // cumulative: 150
    expect(await outcome(refunded(c.pi, 3696, 1000))).toBe('pending'); // an older state, late: no change
    expect(await outcome(completed(c.session))).toBe('credited');
    expect(await books(u)).toEqual({ balance: 550, debt: 0, plan: 'PRO' });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 150 });
    expect(await outcome(refunded(c.pi, 3696, 1000))).toBe('ignored');
    expect(await outcome(refunded(c.pi, 3696, 3696))).toBe('reversed');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect((await rowsOf(c.checkout_id)).map((r) => r.amount)).toEqual([300, -150, -150]);
  });

  it('debt rules as in the normal order: a held refund is taken before the purchase pays an old debt', async () => {
    const token = operatorToken(t.config.operatorToken, t.rt.secret);
    const admin = (email: string, amount: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/credits',
        payload: { email, amount, note: 'spent' },
        headers: { authorization: `Bearer ${token}` },
      });
    // Two users, one per order, each with 100 credits owed from an earlier disputed purchase.
    const results = [];
    for (const order of ['normal', 'refund first'] as const) {
      const u = await onboarded();
      const old = await paidCheckout(u);
      expect(await outcome(completed(old.session))).toBe('credited');
      expect((await admin(u.email, -600)).statusCode).toBe(200); // 100 left
      expect(await outcome(disputed(old.pi, old.price_cents))).toBe('reversed');
      expect(await books(u)).toEqual({ balance: 0, debt: 200, plan: 'PRO' });
      const c = await paidCheckout(u);
      const refund = refunded(c.pi, c.price_cents, 1848); // 150 of 300
      if (order === 'normal') {
        expect(await outcome(completed(c.session))).toBe('credited');
        expect(await outcome(refund)).toBe('reversed');
      } else {
        expect(await outcome(refund)).toBe('pending');
        expect(await outcome(completed(c.session))).toBe('credited');
      }
      results.push(await books(u));
    }
    // 300 bought − 200 owed − 150 refunded: 0 left and 50 still owed, in either order.
    expect(results).toEqual([
      { balance: 0, debt: 50, plan: 'PRO' },
      { balance: 0, debt: 50, plan: 'PRO' },
    ]);
  });

  it('an async payment refunded before it succeeded: applied on async_payment_succeeded', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u);
    const unpaid = { ...c.session, payment_status: 'unpaid' };
    expect(await outcome(completed(unpaid))).toBe('ignored');
    expect(await outcome(refunded(c.pi, c.price_cents, c.price_cents))).toBe('pending');
    expect(await outcome(signedEvent('checkout.session.async_payment_succeeded', c.session))).toBe(
      'credited',
    );
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 300 });
  });

  it('a refund of a payment that is not ours is kept and moves nothing; our purchases are unaffected', async () => {
    const u = await onboarded();
    const foreignPi = `pi_test_foreign_${randomBytes(6).toString('hex')}`;
    const ledgerBefore = (await db().select().from(creditLedger)).length;
    expect(await outcome(refunded(foreignPi, 5000, 5000))).toBe('pending');
    expect(await outcome(disputed(foreignPi, 5000))).toBe('pending');
    expect((await db().select().from(creditLedger)).length).toBe(ledgerBefore);
    const c = await paidCheckout(u);
    expect(await outcome(completed(c.session))).toBe('credited');
    expect(await books(u)).toEqual({ balance: 700, debt: 0, plan: 'PRO' });
    expect((await rowsOf(c.checkout_id)).map((r) => r.amount)).toEqual([300]);
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 0, disputed: false });
  });

  it(`completion and full refund at the same moment${kind === 'postgres' ? ' on two API processes' : ''}, many times: credited once, reversed once, whichever commits first`, async () => {
    const u = await onboarded();
    const runs = 12;
    const outcomes: string[][] = [];
    for (let i = 0; i < runs; i++) {
      const c = await paidCheckout(u);
      const refund = refunded(c.pi, c.price_cents, c.price_cents, `ch_${i}`);
      const completion = completed(c.session);
      // Alternate which process gets which, and replay the refund on the other process too.
      const [a, b] = i % 2 === 0 ? [t, peer] : [peer, t];
      const got = await Promise.all([
        outcome(completion, a),
        outcome(refund, b),
        outcome(refund, a),
        outcome(completion, b),
      ]);
      const [completionOutcomes, refundOutcomes] = [[got[0], got[3]].sort(), [got[1], got[2]].sort()];
      expect(completionOutcomes).toEqual(['credited', 'duplicate']);
      expect([
        ['duplicate', 'pending'],
        ['duplicate', 'reversed'],
      ]).toContainEqual(refundOutcomes);
      outcomes.push(refundOutcomes);
      // One PURCHASE and one reversal (their timestamps are their transactions' starts: a refund
      // that waited for the completion's lock may carry the earlier one).
      const rows = await rowsOf(c.checkout_id);
      expect(rows.map((r) => r.amount).sort((x, y) => y - x)).toEqual([300, -300]);
      expect(await checkoutRow(c.checkout_id)).toMatchObject({ status: 'PAID', creditsReversed: 300 });
      expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    }
    expect(outcomes).toHaveLength(runs);
  });
  it('a won dispute gives back what the dispute took: its debt cancelled first, then the balance credited; replays and a second closed change nothing', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u); // 300 credits
    expect(await outcome(completed(c.session))).toBe('credited');
    expect((await operator(u.email, -600)).statusCode).toBe(200); // spent: 100 left
    const dp = `dp_${hex()}`;
    expect(await outcome(disputed(c.pi, c.price_cents, dp))).toBe('reversed');
    // The dispute took the 100 there were and recorded 200 as debt.
    expect(await books(u)).toEqual({ balance: 0, debt: 200, plan: 'PRO' });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 300, disputeDebt: 200 });
    // A grant pays 50 of that debt meanwhile.
    expect((await operator(u.email, 50, 'grant')).statusCode).toBe(200);
    expect(await books(u)).toEqual({ balance: 0, debt: 150, plan: 'PRO' });

    const won = closed(c.pi, c.price_cents, dp);
    expect(await outcome(won)).toBe('restored');
    // As if never disputed: 100 left + 50 granted. The 150 still owed is cancelled; the 100 taken
    // and the 50 paid toward the debt come back as one ADJUSTMENT.
    expect(await books(u)).toEqual({ balance: 150, debt: 0, plan: 'PRO' });
    const rows = await rowsOf(c.checkout_id);
    expect(rows.map((r) => [r.reason, r.amount, r.meta?.kind])).toEqual([
      ['PURCHASE', 300, undefined],
      ['ADJUSTMENT', -100, 'payment_dispute'],
      ['ADJUSTMENT', 150, 'dispute_won'],
    ]);
    expect(rows[2]!.meta).toMatchObject({
      payment_intent: c.pi,
      dispute_id: dp,
      event_id: JSON.parse(won.payload).id,
      debt_cancelled: 150,
    });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 0, disputeDebt: 0 });
    expect(await paymentRow(c.pi)).toMatchObject({ disputed: true, disputeWon: true });

    // Stripe's retries and resends: the same event, the same closing with a new id, a late
    // `created`, a contradictory `lost`: nothing moves.
    expect(await outcome(won)).toBe('duplicate');
    expect(await outcome(closed(c.pi, c.price_cents, dp))).toBe('ignored');
    expect(await outcome(disputed(c.pi, c.price_cents, dp))).toBe('ignored');
    expect(await outcome(closed(c.pi, c.price_cents, dp, 'lost'))).toBe('ignored');
    expect(await books(u)).toEqual({ balance: 150, debt: 0, plan: 'PRO' });
    expect(await rowsOf(c.checkout_id)).toHaveLength(3);
  });

  it('a won dispute ends the same in every order of created, closed and the completion; a refund afterwards still takes its pro rata', async () => {
    const orders = {
      normal: ['completion', 'created', 'won'],
      'won before created': ['completion', 'won', 'created'],
      'won before the completion': ['created', 'won', 'completion'],
      'won first': ['won', 'created', 'completion'],
      'won before created, before the completion': ['won', 'completion', 'created'],
      'created held, then won': ['created', 'completion', 'won'],
    } as const;
    const results: Record<string, unknown> = {};
    for (const [name, order] of Object.entries(orders)) {
      const u = await onboarded();
      const c = await paidCheckout(u);
      const dp = `dp_${hex()}`;
      const events = {
        completion: completed(c.session),
        created: disputed(c.pi, c.price_cents, dp),
        won: closed(c.pi, c.price_cents, dp),
      };
      const got = [];
      for (const step of order) got.push(await outcome(events[step]));
      const end = await books(u);
      const row = await checkoutRow(c.checkout_id);
      // Whatever the order, credited once and the dispute given back: the ledger nets to the pack.
      const net = (await rowsOf(c.checkout_id)).reduce((sum, r) => sum + r.amount, 0);
      // A refund of half the charge afterwards takes its pro rata (150 of 300), as without a dispute.
      expect(await outcome(refunded(c.pi, c.price_cents, 1848))).toBe('reversed');
      const afterRefund = await books(u);
      results[name] = { got, end, net, reversed: row.creditsReversed, afterRefund };
    }
    const same = (got: string[]) => ({
      got,
      end: { balance: 700, debt: 0, plan: 'PRO' },
      net: 300,
      reversed: 0,
      afterRefund: { balance: 550, debt: 0, plan: 'PRO' },
    });
    expect(results).toEqual({
      normal: same(['credited', 'reversed', 'restored']),
      'won before created': same(['credited', 'ignored', 'ignored']),
      'won before the completion': same(['pending', 'pending', 'credited']),
      'won first': same(['pending', 'pending', 'credited']),
      'won before created, before the completion': same(['pending', 'credited', 'ignored']),
      'created held, then won': same(['pending', 'credited', 'restored']),
    });
  });

  it('a refund, a dispute, the dispute won: only the refund stays reversed; a later full refund takes the rest', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u);
    expect(await outcome(completed(c.session))).toBe('credited');
    expect(await outcome(refunded(c.pi, 3696, 1848))).toBe('reversed'); // 150
    const dp = `dp_${hex()}`;
    expect(await outcome(disputed(c.pi, 3696, dp))).toBe('reversed'); // the other 150
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect(await outcome(closed(c.pi, 3696, dp))).toBe('restored');
    expect(await books(u)).toEqual({ balance: 550, debt: 0, plan: 'PRO' });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 150 });
    expect(await outcome(refunded(c.pi, 3696, 3696))).toBe('reversed');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect((await rowsOf(c.checkout_id)).map((r) => r.amount)).toEqual([300, -150, -150, 150, -150]);
  });

  it('credits a won dispute gives back pay another debt first, as any incoming credits do; the books end as without that dispute', async () => {
    const u = await onboarded();
    const old = await paidCheckout(u);
    expect(await outcome(completed(old.session))).toBe('credited');
    const c = await paidCheckout(u);
    expect(await outcome(completed(c.session))).toBe('credited');
    expect(await books(u)).toEqual({ balance: 1000, debt: 0, plan: 'PRO' });
    // The newer purchase is disputed while the balance covers it: 300 taken, no debt.
    const dp = `dp_${hex()}`;
    expect(await outcome(disputed(c.pi, c.price_cents, dp))).toBe('reversed');
    expect((await operator(u.email, -600)).statusCode).toBe(200); // spent: 100 left
    // The older one is disputed and lost after that: 100 taken, 200 owed for good.
    const oldDp = `dp_${hex()}`;
    expect(await outcome(disputed(old.pi, old.price_cents, oldDp))).toBe('reversed');
    expect(await outcome(closed(old.pi, old.price_cents, oldDp, 'lost'))).toBe('ignored');
    expect(await books(u)).toEqual({ balance: 0, debt: 200, plan: 'PRO' });
    // The newer dispute won: its 300 credited (it recorded no debt), then the other debt paid from them.
    expect(await outcome(closed(c.pi, c.price_cents, dp))).toBe('restored');
    // Without the newer dispute: 1000 − 600 spent − 300 of the lost one = 100, nothing owed.
    expect(await books(u)).toEqual({ balance: 100, debt: 0, plan: 'PRO' });
    expect((await rowsOf(c.checkout_id)).map((r) => [r.amount, r.meta?.kind])).toEqual([
      [300, undefined],
      [-300, 'payment_dispute'],
      [300, 'dispute_won'],
    ]);
    const settlements = (await db().select().from(creditLedger).where(eq(creditLedger.userId, u.id))).filter(
      (r) => r.meta?.kind === 'debt_settlement',
    );
    expect(settlements.map((r) => r.amount)).toEqual([-200]);
  });

  it('lost, warning_closed and other closings change nothing: the dispute stays reversed', async () => {
    const u = await onboarded();
    const c = await paidCheckout(u);
    expect(await outcome(completed(c.session))).toBe('credited');
    const dp = `dp_${hex()}`;
    expect(await outcome(disputed(c.pi, c.price_cents, dp))).toBe('reversed');
    for (const status of ['lost', 'warning_closed', 'under_review', 'needs_response']) {
      expect(await outcome(closed(c.pi, c.price_cents, dp, status))).toBe('ignored');
    }
    // A won closing with no payment intent cannot be matched to anything.
    const orphan = signedEvent('charge.dispute.closed', {
      id: dp,
      object: 'dispute',
      amount: c.price_cents,
      charge: 'ch_1',
      payment_intent: null,
      status: 'won',
    });
    expect(await outcome(orphan)).toBe('ignored');
    expect(await books(u)).toEqual({ balance: 400, debt: 0, plan: 'PRO' });
    expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 300, disputed: true });
    expect(await paymentRow(c.pi)).toMatchObject({ disputed: true, disputeWon: false });
    expect((await rowsOf(c.checkout_id)).map((r) => r.amount)).toEqual([300, -300]);
  });

  it(`a dispute's created and won at the same moment${kind === 'postgres' ? ' on two API processes' : ''}, and two closings of it at once: restored once, the same books whichever commits first`, async () => {
    const u = await onboarded();
    let expected = 400;
    const pairs: string[][] = [];
    for (let i = 0; i < 8; i++) {
      const c = await paidCheckout(u);
      expect(await outcome(completed(c.session))).toBe('credited');
      expected += 300;
      const dp = `dp_${hex()}`;
      const created = disputed(c.pi, c.price_cents, dp);
      const won = closed(c.pi, c.price_cents, dp);
      const [a, b] = i % 2 === 0 ? [t, peer] : [peer, t];
      const got = await Promise.all([
        outcome(created, a),
        outcome(won, b),
        outcome(won, a),
        outcome(created, b),
      ]);
      const createdOutcome = [got[0], got[3]].sort();
      const wonOutcome = [got[1], got[2]].sort();
      expect(createdOutcome[0]).toBe('duplicate');
      expect(wonOutcome[0]).toBe('duplicate');
      // Created first: reversed, then restored. Won first: neither moves anything.
      expect([
        ['reversed', 'restored'],
        ['ignored', 'ignored'],
      ]).toContainEqual([createdOutcome[1], wonOutcome[1]]);
      pairs.push([createdOutcome[1]!, wonOutcome[1]!]);
      expect(await books(u)).toEqual({ balance: expected, debt: 0, plan: 'PRO' });
      expect(await checkoutRow(c.checkout_id)).toMatchObject({ creditsReversed: 0 });
      expect((await rowsOf(c.checkout_id)).reduce((sum, r) => sum + r.amount, 0)).toBe(300);
    }
    // Two different deliveries closing one dispute (a resend with a new id), on both processes at once.
    const c = await paidCheckout(u);
    expect(await outcome(completed(c.session))).toBe('credited');
    const dp = `dp_${hex()}`;
    expect(await outcome(disputed(c.pi, c.price_cents, dp))).toBe('reversed');
    const got = await Promise.all([
      outcome(closed(c.pi, c.price_cents, dp), t),
      outcome(closed(c.pi, c.price_cents, dp), peer),
      outcome(closed(c.pi, c.price_cents, dp), t),
    ]);
    expect(got.sort()).toEqual(['ignored', 'ignored', 'restored']);
    expect(await books(u)).toEqual({ balance: expected + 300, debt: 0, plan: 'PRO' });
    expect((await rowsOf(c.checkout_id)).map((r) => r.amount)).toEqual([300, -300, 300]);
    expect(pairs).toHaveLength(8);
  });

  it('the retention sweep deletes kept reversals of payments never credited here once old; recent ones and credited payments stay', async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const age = (pi: string, d: number) =>
      db()
        .update(stripePayments)
        .set({ createdAt: daysAgo(d), updatedAt: daysAgo(d) })
        .where(eq(stripePayments.paymentIntentId, pi));
    const oldForeign = [`pi_test_foreign_${hex()}`, `pi_test_foreign_${hex()}`];
    const recentForeign = `pi_test_foreign_${hex()}`;
    for (const pi of oldForeign) expect(await outcome(refunded(pi, 5000, 5000))).toBe('pending');
    expect(await outcome(disputed(recentForeign, 5000))).toBe('pending');
    // Ours, credited: one refunded in part, one never reversed (its row comes from the completion).
    const u = await onboarded();
    const refundedPack = await paidCheckout(u);
    expect(await outcome(completed(refundedPack.session))).toBe('credited');
    expect(await outcome(refunded(refundedPack.pi, 3696, 1848))).toBe('reversed');
    const plainPack = await paidCheckout(u);
    expect(await outcome(completed(plainPack.session))).toBe('credited');
    for (const pi of oldForeign) await age(pi, 31);
    await age(recentForeign, 29);
    await age(refundedPack.pi, 400);
    await age(plainPack.pi, 400);

    // Two sweeps at once (two processes' scheduled runs): each old row deleted once.
    const swept = await Promise.all([
      sweepForeignPayments({ ctx: { db: db() }, input: { now, retentionDays: 30 } }),
      sweepForeignPayments({ ctx: { db: db() }, input: { now, retentionDays: 30 } }),
    ]);
    expect(swept[0]! + swept[1]!).toBe(2);
    for (const pi of oldForeign) expect(await paymentRow(pi)).toBeUndefined();
    expect(await paymentRow(recentForeign)).toMatchObject({ disputed: true });
    expect(await paymentRow(refundedPack.pi)).toMatchObject({ refundedCents: 1848 });
    expect(await paymentRow(plainPack.pi)).toBeDefined();
    expect(await sweepForeignPayments({ ctx: { db: db() }, input: { now, retentionDays: 30 } })).toBe(0);

    // The credited payments' state is intact: the rest of the refund takes exactly the rest.
    expect(await outcome(refunded(refundedPack.pi, 3696, 3696))).toBe('reversed');
    expect(await books(u)).toEqual({ balance: 700, debt: 0, plan: 'PRO' });
    // A payment heard of again after its row went is kept again, as the first time.
    expect(await outcome(refunded(oldForeign[0]!, 5000, 5000))).toBe('pending');
    expect(await paymentRow(oldForeign[0]!)).toMatchObject({ refundedCents: 5000 });
  });
});

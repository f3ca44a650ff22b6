import { CheckoutBody, CheckoutResponse, ErrorBody, StripeWebhookAck } from '@soundfoundry/contract';
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createCheckout,
  createStripeClient,
  handleStripeEvent,
  type PaymentsCtx,
  verifyStripeEvent,
} from '../../services/payments.ts';
import { type ApiContext, requireUserId } from '../context.ts';

export async function paymentsCtx(ctx: ApiContext): Promise<PaymentsCtx> {
  const c = ctx.rt.config;
  return {
    db: ctx.rt.database.db,
    stripe: c.stripe ? await createStripeClient(c.stripe) : null,
    webhookSecret: c.stripe?.webhookSecret ?? null,
    pricing: c.pricing,
    publicUrl: c.publicUrl,
    trustedOrigins: c.auth.trustedOrigins,
  };
}

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };

/** POST /api/credits/checkout: a Stripe Checkout Session for one pack at the caller's price. */
export function checkoutRoutes(ctx: ApiContext, payments: PaymentsCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/credits/checkout',
      {
        schema: {
          tags: ['credits'],
          summary: "Start buying a credit pack: a Stripe Checkout page at the caller's price",
          body: CheckoutBody,
          response: { 201: CheckoutResponse, ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const out = await createCheckout({
          ctx: payments,
          input: {
            userId,
            packCredits: request.body.pack_credits,
            now: new Date(),
            returnOrigin: request.headers.origin,
          },
        });
        return reply.status(201).send(out);
      },
    );
  };
}

/**
 * POST /api/webhooks/stripe in its own plugin: its JSON arrives as raw bytes (the
 * signature covers them exactly), parsed by the SDK only after verification. The
 * buffer parser is encapsulated here; every other route keeps the JSON parser.
 */
export function stripeWebhookRoutes(payments: PaymentsCtx): FastifyPluginAsync {
  return async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/api/webhooks/stripe',
      {
        schema: {
          tags: ['credits'],
          summary: 'Stripe events (signed): purchases, refunds, disputes',
          response: {
            200: StripeWebhookAck,
            ...errors,
          },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const sig = request.headers['stripe-signature'];
        const event = verifyStripeEvent(payments, raw, Array.isArray(sig) ? sig[0] : sig);
        const outcome = await handleStripeEvent({ ctx: payments, input: { event, now: new Date() } });
        request.log.info({ event: event.id, type: event.type, outcome }, 'stripe event');
        return { received: true as const, outcome };
      },
    );
  };
}

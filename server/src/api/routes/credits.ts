import {
  CostPreview,
  CostPreviewQuery,
  CreditPacks,
  CreditsBalance,
  ErrorBody,
  LedgerPage,
  LedgerQuery,
  PacksQuery,
} from '@soundfoundry/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AccountCtx, getCreditsStatus, listPacks, previewCost } from '../../services/credit-account.ts';
import { listLedger } from '../../services/credits.ts';
import { pppBandForCountry } from '../../services/ppp.ts';
import { type ApiContext, optionalUserId, requireUserId } from '../context.ts';
import { proxyHeader } from '../trusted-peer.ts';
import { loadMe } from './me.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

/** The credits API (DESIGN.md §5): balance and plan, ledger, packs at the caller's prices, cost preview. */
export function creditsRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const db = ctx.rt.database.db;
  const config = ctx.rt.config;
  const account: AccountCtx = {
    db,
    plans: config.credits,
    pricing: config.pricing,
    paymentsEnabled: config.stripe !== null,
    qualityRefundDays: config.credits.qualityRefundDays,
  };
  return async (app) => {
    app.get(
      '/api/credits',
      {
        schema: {
          tags: ['credits'],
          summary: 'Balance, plan, debt and free-mode status (limits today, trial)',
          response: { 200: CreditsBalance, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        await loadMe(db, userId, config.credits); // onboards a user a crash left without a trial
        return getCreditsStatus({ ctx: account, input: { userId, now: new Date() } });
      },
    );

    app.get(
      '/api/credits/ledger',
      {
        schema: {
          tags: ['credits'],
          summary: 'Every change of the balance, newest first',
          querystring: LedgerQuery,
          response: { 200: LedgerPage, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const { page, limit } = request.query;
        const { items, total } = await listLedger(db, userId, page, limit);
        return {
          items: items.map(({ entry: r, trackId, trackTitle }) => ({
            id: r.id,
            amount: r.amount,
            reason: r.reason,
            balance_after: r.balanceAfter,
            job_id: r.jobId,
            track: trackId && trackTitle !== null ? { id: trackId, title: trackTitle } : null,
            meta: r.meta,
            pricing_snapshot: r.pricingSnapshot,
            created_at: r.createdAt.toISOString(),
          })),
          page,
          limit,
          total,
        };
      },
    );

    app.get(
      '/api/credits/packs',
      {
        schema: {
          tags: ['credits'],
          summary:
            "Credit packs at the caller's prices (PPP band, solidarity) with the price breakdown; signed out: the request's country band",
          querystring: PacksQuery,
          response: { 200: CreditPacks, ...errors },
        },
      },
      async (request) => {
        const userId = await optionalUserId(ctx, request);
        const visitor = {
          pppBand: pppBandForCountry(proxyHeader(request, config.countryHeader, ctx.isTrustedPeer)),
          solidarityOptIn: request.query.solidarity === 'true',
        };
        return listPacks({ ctx: account, input: { userId, visitor } });
      },
    );

    app.get(
      '/api/credits/cost-preview',
      {
        schema: {
          tags: ['credits'],
          summary:
            'What a track of this duration costs, the balance after, and whether it would be accepted now',
          querystring: CostPreviewQuery,
          response: { 200: CostPreview, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        return previewCost({
          ctx: account,
          input: { userId, durationS: request.query.duration_s, now: new Date() },
        });
      },
    );
  };
}

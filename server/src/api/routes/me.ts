import {
  CostPreview,
  CostPreviewQuery,
  CreditsBalance,
  ErrorBody,
  LedgerPage,
  LedgerQuery,
  Me,
  PatchMeBody,
} from '@soundfoundry/contract';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { listLedger } from '../../services/credits.ts';
import { creditsForDuration } from '../../services/credits-rules.ts';
import { notFound } from '../../services/errors.ts';
import { type OnboardingRules, onboardUser } from '../../services/onboarding.ts';
import { type ApiContext, requireUserId } from '../context.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

async function loadMe(db: Db, userId: string, rules: OnboardingRules) {
  let row = (await db.select().from(users).where(eq(users.id, userId)))[0];
  if (row && !row.onboardedAt) {
    await onboardUser(db, userId, rules);
    row = (await db.select().from(users).where(eq(users.id, userId)))[0];
  }
  if (!row) throw notFound('user');
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    plan: row.plan,
    credits: row.credits,
    ppp_band: row.pppBand,
    solidarity_opt_in: row.solidarityOptIn,
    trial_expires_at: row.trialExpiresAt?.toISOString() ?? null,
    user_style_seed: String(row.userStyleSeed ?? ''),
    style_unlocks: row.styleUnlocks,
    created_at: row.createdAt.toISOString(),
  };
}

export function meRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const db = ctx.rt.database.db;
  const rules = ctx.rt.config.credits;
  return async (app) => {
    app.get('/api/me', { schema: { tags: ['me'], response: { 200: Me, ...errors } } }, async (request) => {
      return loadMe(db, await requireUserId(ctx, request), rules);
    });

    app.patch(
      '/api/me',
      { schema: { tags: ['me'], body: PatchMeBody, response: { 200: Me, ...errors } } },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const b = request.body;
        await db
          .update(users)
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.solidarity_opt_in !== undefined ? { solidarityOptIn: b.solidarity_opt_in } : {}),
            updatedAt: new Date(),
          })
          .where(eq(users.id, userId));
        return loadMe(db, userId, rules);
      },
    );

    app.get(
      '/api/credits',
      { schema: { tags: ['credits'], response: { 200: CreditsBalance, ...errors } } },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        // loadMe also onboards a user a crash left without trial credits.
        const me = await loadMe(db, userId, rules);
        return { balance: me.credits, plan: me.plan, trial_expires_at: me.trial_expires_at };
      },
    );

    app.get(
      '/api/credits/ledger',
      { schema: { tags: ['credits'], querystring: LedgerQuery, response: { 200: LedgerPage, ...errors } } },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const { page, limit } = request.query;
        const { items, total } = await listLedger(db, userId, page, limit);
        return {
          items: items.map((r) => ({
            id: r.id,
            amount: r.amount,
            reason: r.reason,
            balance_after: r.balanceAfter,
            job_id: r.jobId,
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
      '/api/credits/cost-preview',
      {
        schema: {
          tags: ['credits'],
          querystring: CostPreviewQuery,
          response: { 200: CostPreview, ...errors },
        },
      },
      async (request) => {
        const d = request.query.duration_s;
        return { duration_s: d, credits_required: creditsForDuration(d) };
      },
    );
  };
}

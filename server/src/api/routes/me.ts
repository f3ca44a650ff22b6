import { ErrorBody, IdParams, Me, PatchMeBody, SessionList } from '@soundfoundry/contract';
import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { notFound } from '../../services/errors.ts';
import { type OnboardingRules, onboardUser } from '../../services/onboarding.ts';
import { endSession, listSessions } from '../../services/sessions.ts';
import { type ApiContext, requireUserId } from '../context.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export async function loadMe(db: Db, userId: string, rules: OnboardingRules) {
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
    debt_credits: row.debtCredits,
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

    app.get(
      '/api/me/sessions',
      {
        schema: {
          tags: ['me'],
          summary: 'Where the account is signed in (no tokens), the current session marked',
          response: { 200: SessionList, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const current = await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
        const items = await listSessions({
          ctx: { db },
          input: { userId, currentSessionId: current?.session.id ?? null, now: new Date() },
        });
        return { items };
      },
    );

    app.delete(
      '/api/me/sessions/:id',
      {
        schema: {
          tags: ['me'],
          summary: 'Sign one session out (another device, or this one)',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        await endSession({ ctx: { db }, input: { userId, sessionId: request.params.id } });
        // Ended at once on every API process, as sign-out is (dropping the user's cached sessions
        // drops this one's token too).
        await ctx.sessionsEnded(userId);
        return reply.status(204).send(null);
      },
    );

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
  };
}

import { timingSafeEqual } from 'node:crypto';
import {
  AdminCreditsBody,
  AdminCreditsResponse,
  AdminPasswordResetBody,
  AdminPasswordResetResponse,
  AdminSetPlanBody,
  AdminSetPlanResponse,
  AdminSetPppBandBody,
  AdminSetPppBandResponse,
  ErrorBody,
} from '@soundfoundry/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { operatorToken } from '../../secrets.ts';
import { adjustCredits, setPlan, setPppBand } from '../../services/credit-ops.ts';
import { AppError } from '../../services/errors.ts';
import { issuePasswordResetLink } from '../auth.ts';
import type { ApiContext } from '../context.ts';

function requireOperator(expected: Buffer, request: FastifyRequest) {
  const m = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  const given = Buffer.from(m?.[1] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError(
      401,
      'UNAUTHENTICATED',
      'The operator API needs `Authorization: Bearer <operator token>`.',
    );
  }
}

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Operator commands over HTTP: what `soundfoundry plan set` / `credits …` call while the server runs. */
export function adminRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const db = ctx.rt.database.db;
  const expected = Buffer.from(operatorToken(ctx.rt.config.operatorToken, ctx.rt.secret));
  return async (app) => {
    app.addHook('onRequest', async (request) => requireOperator(expected, request));

    app.post(
      '/api/admin/plan',
      {
        schema: {
          tags: ['admin'],
          summary: "Set a user's plan (operator)",
          body: AdminSetPlanBody,
          response: { 200: AdminSetPlanResponse, ...errors },
        },
      },
      async (request) => setPlan({ ctx: { db }, input: request.body }),
    );

    app.post(
      '/api/admin/ppp-band',
      {
        schema: {
          tags: ['admin'],
          summary: "Change a user's PPP band (operator; otherwise fixed at sign-up)",
          body: AdminSetPppBandBody,
          response: { 200: AdminSetPppBandResponse, ...errors },
        },
      },
      async (request) => setPppBand({ ctx: { db }, input: request.body }),
    );

    app.post(
      '/api/admin/credits',
      {
        schema: {
          tags: ['admin'],
          summary: 'Grant or adjust credits (operator): one ADJUSTMENT ledger row with the note',
          body: AdminCreditsBody,
          response: { 200: AdminCreditsResponse, ...errors },
        },
      },
      async (request) => adjustCredits({ ctx: { db }, input: request.body }),
    );

    app.post(
      '/api/admin/password-reset',
      {
        schema: {
          tags: ['admin'],
          summary: 'A one-time link (1 h) for a locked-out user to set a new password (operator)',
          body: AdminPasswordResetBody,
          response: { 200: AdminPasswordResetResponse, ...errors },
        },
      },
      async (request) => issuePasswordResetLink(ctx.auth, ctx.rt.config.publicUrl, request.body.email),
    );
  };
}

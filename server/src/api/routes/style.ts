import {
  CreateSeriesBody,
  ErrorBody,
  IdParams,
  PatchSeriesBody,
  Series,
  SeriesList,
  UnlocksResponse,
} from '@soundfoundry/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { onboardUser } from '../../services/onboarding.ts';
import { createSeries, deleteSeries, getSeries, listSeries, patchSeries } from '../../services/series.ts';
import { getUnlocks, recomputeUnlocks } from '../../services/style-unlocks.ts';
import { NotOnboardedError } from '../../services/tracks.ts';
import { type ApiContext, requireUserId } from '../context.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Series and unlocks (DESIGN.md §5): always the signed-in user's own; others' ids are 404s. */
export function styleRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const { rt } = ctx;
  const db = rt.database.db;
  /** Runs `fn`; a user whose onboarding was lost is onboarded (style seed, default series) first. */
  const onboarded = async <T>(userId: string, fn: () => Promise<T>): Promise<T> =>
    fn().catch(async (err) => {
      if (!(err instanceof NotOnboardedError)) throw err;
      await onboardUser(db, userId, rt.config.credits);
      return fn();
    });

  return async (app) => {
    app.get(
      '/api/style/series',
      { schema: { tags: ['style'], summary: 'Your series', response: { 200: SeriesList, ...errors } } },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        let items = await listSeries({ db, userId });
        if (items.length === 0) {
          await onboardUser(db, userId, rt.config.credits);
          items = await listSeries({ db, userId });
        }
        return { items };
      },
    );

    app.post(
      '/api/style/series',
      {
        schema: {
          tags: ['style'],
          summary: 'A new series; palette/geometry not given are derived from your style seed',
          body: CreateSeriesBody,
          response: { 201: Series, ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        const created = await onboarded(userId, () => createSeries({ db, userId, input: request.body }));
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/style/series/:id',
      { schema: { tags: ['style'], params: IdParams, response: { 200: Series, ...errors } } },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        return (await getSeries({ db, userId, seriesId: request.params.id })).dto;
      },
    );

    app.patch(
      '/api/style/series/:id',
      {
        schema: {
          tags: ['style'],
          summary: 'Rename, re-slug or change palette/geometry (given fields only)',
          params: IdParams,
          body: PatchSeriesBody,
          response: { 200: Series, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        const updated = await patchSeries({ db, userId, seriesId: request.params.id, input: request.body });
        rt.events.touchLibrary(userId);
        return updated;
      },
    );

    app.delete(
      '/api/style/series/:id',
      {
        schema: {
          tags: ['style'],
          summary: 'Delete a series; its tracks move to the default series',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const userId = await requireUserId(ctx, request);
        await deleteSeries({ db, userId, seriesId: request.params.id });
        rt.events.touchLibrary(userId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/style/unlocks',
      {
        schema: {
          tags: ['style'],
          summary: 'What is unlocked, what comes next and how far away',
          response: { 200: UnlocksResponse, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        return getUnlocks({ db, userId });
      },
    );

    app.post(
      '/api/style/unlocks/recompute',
      {
        schema: {
          tags: ['style'],
          summary: 'Recompute unlocks from your tracks (idempotent)',
          response: { 200: UnlocksResponse, ...errors },
        },
      },
      async (request) => {
        const userId = await requireUserId(ctx, request);
        return recomputeUnlocks({ db, userId });
      },
    );
  };
}

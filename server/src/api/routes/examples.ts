import { ErrorBody, ExampleList, ExampleParams } from '@soundfoundry/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../services/errors.ts';
import { createExamples, type ExamplesDeps, renderWithLocalEngine } from '../../services/examples.ts';
import { listPublicTracks } from '../../services/tracks.ts';
import type { ApiContext } from '../context.ts';

/** The landing page's example tracks (public, signed out): see services/examples.ts. */
export function examplesRoutes(
  ctx: ApiContext,
  o: { render?: ExamplesDeps['render'] } = {},
): FastifyPluginAsyncZod {
  const { rt } = ctx;
  return async (app) => {
    const examples = createExamples({
      storage: rt.storage,
      render: o.render ?? renderWithLocalEngine,
      onRenderError: (demo, err) => app.log.error({ err, demo }, 'example render failed'),
      async newestPublic(limit) {
        const { items } = await listPublicTracks(rt.database.db, { page: 1, limit });
        return items.map(({ track: t }) => ({
          id: t.id,
          title: t.title,
          prompt: t.prompt,
          genre: t.genre,
          durationS: t.durationS,
          seed: t.seed,
          hasCover: Boolean(t.coverKey),
          hasCoverThumbs: Boolean(t.cover256Key && t.cover512Key),
        }));
      },
    });

    app.get(
      '/api/examples',
      {
        schema: {
          tags: ['tracks'],
          summary: 'Example tracks for the landing page: the newest public tracks, demos filling the rest',
          response: { 200: ExampleList },
        },
      },
      async (_request, reply) => {
        const items = await examples.listExamples();
        reply.header('cache-control', 'public, max-age=30');
        return { items };
      },
    );

    app.get(
      '/api/examples/:id/audio',
      {
        schema: {
          tags: ['tracks'],
          summary: "A demo's MP3 (rendered on first request, then stored): a redirect to the file",
          params: ExampleParams,
          response: { 302: z.null(), 404: ErrorBody, 503: ErrorBody },
        },
      },
      async (request, reply) => {
        const key = await examples.ensureDemo(request.params.id).catch((err) => {
          const retry =
            err instanceof AppError
              ? (err.details as { retry_after_s?: unknown } | undefined)?.retry_after_s
              : undefined;
          if (typeof retry === 'number') reply.header('retry-after', String(retry));
          throw err;
        });
        // Someone is listening: the other demos are rendered next (one at a time), ready before the
        // next press of play. A mere visit renders nothing.
        examples.warmDemos();
        const ttl = rt.config.signedUrlTtlSec;
        const url = await rt.storage.signedUrl(key, { expiresInSec: ttl, public: true });
        // Our own file route answers at this origin whatever host the visitor used (PUBLIC_URL
        // may name another, and the page's CSP allows media from 'self' only): a relative Location.
        const u = new URL(url);
        const location = rt.storage.driver === 'fs' ? `${u.pathname}${u.search}` : url;
        // The redirect may be cached for part of the signed URL's life, never beyond it.
        reply.header('cache-control', `public, max-age=${Math.floor(ttl / 2)}`);
        return reply.redirect(location, 302);
      },
    );
  };
}

import { StyleList } from '@soundfoundry/contract';
import { publishedStyles } from '@soundfoundry/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The style vocabulary is fixed per deployment: built once, public and cacheable. */
export function stylesRoutes(): FastifyPluginAsyncZod {
  const body = {
    items: publishedStyles().map((s) => ({
      id: s.id,
      name: s.name,
      genre: s.genre,
      meter: s.meter,
      bpm_range: s.bpmRange,
      half_time: s.halfTime,
      drums: s.drums,
      exclusive_ensemble: s.exclusive,
      examples: s.examples,
    })),
  };
  return async (app) => {
    app.get(
      '/api/styles',
      {
        schema: {
          tags: ['styles'],
          summary: 'The style vocabulary with example prompts',
          response: { 200: StyleList },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return body;
      },
    );
  };
}

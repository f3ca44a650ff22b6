import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

const SHELL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../web/shell/index.html');

/**
 * Until the Next.js app lands (its own issue), `/` serves web/shell/index.html: one
 * page that signs up, creates a track, follows its progress, plays and downloads it.
 */
export function webShellRoutes(): FastifyPluginAsync {
  return async (app) => {
    const html = readFileSync(SHELL, 'utf8');
    const send = async (_req: unknown, reply: import('fastify').FastifyReply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    app.get('/', { schema: { hide: true } }, send);
    app.get('/create', { schema: { hide: true } }, send);
    app.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('User-agent: *\nAllow: /\nDisallow: /api/\n'),
    );
  };
}

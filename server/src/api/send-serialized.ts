import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already JSON text (from a read cache). Fastify does not
 * serialize string payloads, so the route's response schema was applied when the
 * text was made (schema.parse then JSON.stringify), not again here.
 */
export function sendSerialized(reply: FastifyReply, json: string) {
  return reply.type('application/json; charset=utf-8').send(json as never);
}

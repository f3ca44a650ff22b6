import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already JSON bytes (from a read cache). Fastify does not
 * serialize Buffer payloads, so the route's response schema was applied when the
 * bytes were made (schema.parse, JSON.stringify), not again here; keeping bytes
 * saves re-encoding the text on every hit.
 */
export function sendSerialized(reply: FastifyReply, json: Buffer) {
  return reply.type('application/json; charset=utf-8').send(json as never);
}

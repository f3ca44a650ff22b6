import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../../services/errors.ts';

/**
 * The one error handler: every error leaves as `{ error: { code, message, details } }`.
 * Client mistakes are 4xx with a useful message; anything unexpected is a 500
 * whose message is hidden (it is logged with the request id).
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message,
      }));
      const first = details[0];
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_ERROR',
          message: first ? `Invalid ${first.path}: ${first.message}` : 'Invalid request',
          details,
        },
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const code =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'PAYLOAD_TOO_LARGE'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
                err instanceof SyntaxError ||
                err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
              ? 'INVALID_JSON'
              : status === 429
                ? 'RATE_LIMITED'
                : status === 404
                  ? 'NOT_FOUND'
                  : 'VALIDATION_ERROR';
      const message =
        code === 'INVALID_JSON'
          ? 'The request body is not valid JSON.'
          : code === 'PAYLOAD_TOO_LARGE'
            ? 'The request body is too large.'
            : err.message;
      return reply.status(status).send({ error: { code, message } });
    }
    const outage = unavailableReason(err);
    if (outage) {
      // A dependency is down or stalled: say so (503, retry later), one readable log line.
      request.log.warn({ reason: outage.log }, 'dependency unavailable');
      reply.header('retry-after', '5');
      return reply.status(503).send({ error: { code: 'SERVICE_UNAVAILABLE', message: outage.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const STORAGE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/**
 * Whether an error means a dependency is unavailable (database or Redis unreachable
 * or stalled past its timeout, storage full) rather than a bug: walks the cause chain
 * (drizzle and the storage layer wrap the driver's error).
 */
export function unavailableReason(err: unknown): { message: string; log: string } | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    const message = String((e as { message?: unknown }).message ?? '');
    if (STORAGE_FULL_CODES.has(code)) {
      return {
        message: 'File storage is full or read-only; please try again later.',
        log: `storage ${code}`,
      };
    }
    if (
      CONNECTION_CODES.has(code) ||
      code.startsWith('08') || // connection exception
      code === '57P01' || // admin shutdown
      code === '57014' || // query cancelled (statement timeout)
      code === '53300' || // too many connections
      /Query read timeout|timeout exceeded when trying to connect|Connection terminated/i.test(message) ||
      (e as { name?: string }).name === 'QueueUnavailableError' ||
      ((e as { name?: string }).name === 'StorageError' && code === 'UNAVAILABLE')
    ) {
      return {
        message: 'A service we depend on is unavailable; please try again shortly.',
        log: `${code || 'timeout'}: ${message.slice(0, 200)}`,
      };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

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
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}

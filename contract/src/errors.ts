import { z } from 'zod';

/** Every error the API sends has this shape, whatever the status. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Machine-readable error codes; the message says the same for people. */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_CREDITS',
  'PAYMENT_REQUIRED',
  'PAYMENTS_NOT_CONFIGURED',
  'LIMIT_EXCEEDED',
  'CONTENT_POLICY',
  'IDEMPOTENCY_CONFLICT',
  'UNSUPPORTED_FORMAT',
  'AUDIO_LIMIT_EXCEEDED',
  'REFERENCE_UNUSABLE',
  'NOT_READY',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

import type { ErrorCode } from '@soundfoundry/contract';

/**
 * A failure a client can act on. Services throw these; the one error handler maps
 * them to `{ error: { code, message, details } }` with their status. Anything else
 * is a bug and answers 500 without its message.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'VALIDATION_ERROR', message, details);
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, 'CONFLICT', message, details);

/** A payment was reversed after its credits were spent: generations wait until the debt is paid. */
export const outstandingDebt = (debtCredits: number) =>
  new AppError(
    402,
    'PAYMENT_REQUIRED',
    `A payment of yours was refunded or disputed after its credits were spent; ${debtCredits} credits are owed. Buy a credit pack to settle them, then generate again.`,
    { debt_credits: debtCredits },
  );

export const insufficientCredits = (balance: number, required: number) =>
  new AppError(
    402,
    'INSUFFICIENT_CREDITS',
    `This track needs ${required} credits and you have ${balance}. Buy a credit pack or choose a shorter duration.`,
    { balance, required },
  );

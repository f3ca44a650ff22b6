import type { ErrorCode } from '@soundfoundry/contract';
import { LIMITS } from '@soundfoundry/contract/constants';
import { creditsForDuration } from './credits-rules.ts';

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

/** "1 credit", "2 credits". */
export const credits = (n: number) => `${n} ${n === 1 ? 'credit' : 'credits'}`;

/**
 * Where more credits come from: a credit pack where packs are on sale (Stripe configured), else
 * the operator of the server; a shorter track only where the balance pays for the shortest one.
 */
function moreCreditsText(o: { packsOnSale: boolean; shorterHelps: boolean }): string {
  if (o.packsOnSale)
    return o.shorterHelps
      ? 'Buy a credit pack on the Credits page, or choose a shorter duration.'
      : 'Buy a credit pack on the Credits page.';
  return o.shorterHelps
    ? 'Choose a shorter duration, or ask the operator of this server for more credits.'
    : 'Ask the operator of this server for more credits.';
}

/** A payment was reversed after its credits were spent: generations wait until the debt is paid. */
export const outstandingDebt = (debtCredits: number, packsOnSale: boolean) =>
  new AppError(
    402,
    'PAYMENT_REQUIRED',
    `A payment of yours was refunded or disputed after its credits were spent; ${credits(debtCredits)} ${debtCredits === 1 ? 'is' : 'are'} owed. ${
      packsOnSale
        ? 'Buy a credit pack on the Credits page to settle what is owed, then generate again.'
        : 'Ask the operator of this server to settle what is owed, then generate again.'
    }`,
    { debt_credits: debtCredits },
  );

/** The balance does not pay for the track; what to do says whether this server sells credit packs. */
export const insufficientCredits = (balance: number, required: number, packsOnSale: boolean) =>
  new AppError(
    402,
    'INSUFFICIENT_CREDITS',
    `This track needs ${credits(required)} and you have ${balance}. ${moreCreditsText({
      packsOnSale,
      shorterHelps: balance >= creditsForDuration(LIMITS.durationMin),
    })}`,
    { balance, required },
  );

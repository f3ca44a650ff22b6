// The quality refund as the API applies it (server/src/services/credit-ops.ts refundQuality):
// half a finished track's charge, rounded up, once per track, within QUALITY_REFUND_DAYS of its
// completion (GET /api/credits' quality_refund_days).

import { qualityRefundCredits } from '@soundfoundry/contract/constants';
import { creditCount } from './credit-words';

const credits = creditCount;

/**
 * The question asked before refunding, in plain words: "Refund 1 of the 2 credits this track
 * cost? Each track can be refunded once, up to 14 days after it was made." (`days` unknown
 * while /api/credits loads: the window is left out.)
 */
export function qualityRefundQuestion(charged: number, days: number | undefined): string {
  const back = qualityRefundCredits(charged);
  const what =
    back === charged
      ? `Refund the ${credits(charged)} this track cost?`
      : `Refund ${back} of the ${credits(charged)} this track cost?`;
  const rule =
    days === undefined
      ? 'Each track can be refunded once.'
      : `Each track can be refunded once, up to ${days} ${days === 1 ? 'day' : 'days'} after it was made.`;
  return `${what} ${rule}`;
}

/** The answer after a refund: "Refunded 1 credit. Your balance is 399." */
export const qualityRefundDone = (r: { refunded_credits: number; balance: number }): string =>
  `Refunded ${credits(r.refunded_credits)}. Your balance is ${r.balance}.`;

/** A refund already made, as the track page says it instead of offering one: "Refunded 1 credit on". */
export const qualityRefundedOn = (creditsBack: number): string => `Refunded ${credits(creditsBack)} on`;

/** The API's 409 for a second refund of the same track (another tab, a stale page): it was done. */
export const isAlreadyRefunded = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  (err as { status?: unknown }).status === 409 &&
  /already refunded/i.test(
    String((err as { serverMessage?: unknown }).serverMessage || (err as { message?: unknown }).message),
  );

import { LIMITS } from '@soundfoundry/contract/constants';
import { creditCount } from '../credit-words';
import { estimateCredits } from './rules';

/** A piece of a sentence: words, or a link in it. */
export type TextPart = string | { href: string; text: string };

const credits = creditCount;

/**
 * What the create form says when the balance does not pay for the track (the API's 402
 * INSUFFICIENT_CREDITS says the same words). Where packs are sold, the Credits page is a link;
 * where they are not (no Stripe keys), only the server's operator can add credits. A shorter
 * duration is offered only when the balance pays for the shortest track.
 */
export function notEnoughCredits(o: { required: number; balance: number; packsOnSale: boolean }): TextPart[] {
  const need = `This track needs ${credits(o.required)} and you have ${o.balance}. `;
  const shorterHelps = o.balance >= estimateCredits(LIMITS.durationMin);
  if (o.packsOnSale)
    return [
      need,
      'Buy a credit pack on the ',
      { href: '/credits', text: 'Credits page' },
      shorterHelps ? ', or choose a shorter duration.' : '.',
    ];
  return [
    need,
    shorterHelps
      ? 'Choose a shorter duration, or ask the operator of this server for more credits.'
      : 'Ask the operator of this server for more credits.',
  ];
}

/** The parts as plain text (for checks and logs). */
export const partsText = (parts: TextPart[]) =>
  parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');

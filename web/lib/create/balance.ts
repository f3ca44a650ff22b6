import { untilText } from '@soundfoundry/contract/constants';
import { creditCount } from '../credit-words';
import { planLabel } from '../plan-label';

/**
 * The cost line under Duration: "Costs 1 credit · balance after: 398", and when the balance does
 * not pay for it, "Costs 2 credits · not enough credits: you have 1" (never a negative balance).
 */
export function costLine(credits: number, balance: number | undefined): { text: string; short: boolean } {
  const cost = `Costs ${creditCount(credits)}`;
  if (balance === undefined) return { text: cost, short: false };
  const after = balance - credits;
  return after < 0
    ? { text: `${cost} · not enough credits: you have ${balance}`, short: true }
    : { text: `${cost} · balance after: ${after}`, short: false };
}

/**
 * Why Generate cannot start today, said before the press: the plan's daily tracks are used up
 * (GET /api/credits' free_mode). Null while tracks are left or there is no cap.
 */
export function dailyLimitReason(
  freeMode: { plan: string; daily_track_limit: number | null; remaining_today: number | null } | undefined,
  /** When it resets, in words: resetWords. */
  resetsAt: string,
): string | null {
  if (!freeMode || freeMode.remaining_today === null || freeMode.remaining_today > 0) return null;
  const n = freeMode.daily_track_limit ?? 0;
  return `You have made today's ${n} ${n === 1 ? 'track' : 'tracks'} on the ${planLabel(freeMode.plan)} plan. You can generate again ${resetsAt}.`;
}

/**
 * When the plan's daily tracks come back, in the reader's own clock: "at 01:00 (in 3 h 20 min)".
 * The server's day ends at midnight UTC, which is an odd hour almost everywhere; the wait is said
 * too, so the words hold whatever the reader's zone (and before the page knows it). `timeZone` is
 * for tests; the browser's own zone otherwise.
 */
export function resetWords(resetsAt: Date, now: Date, timeZone?: string): string {
  const clock = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const day = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  });
  const tomorrow = day.format(resetsAt) !== day.format(now) ? 'tomorrow ' : '';
  return `${tomorrow}at ${clock.format(resetsAt)} (in ${untilText(resetsAt.getTime() - now.getTime())})`;
}

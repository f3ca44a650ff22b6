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
  resetsAt: string,
): string | null {
  if (!freeMode || freeMode.remaining_today === null || freeMode.remaining_today > 0) return null;
  const n = freeMode.daily_track_limit ?? 0;
  return `You have made today's ${n} ${n === 1 ? 'track' : 'tracks'} on the ${planLabel(freeMode.plan)} plan. You can generate again at ${resetsAt}.`;
}

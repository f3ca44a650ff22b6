// Pure credit rules (DESIGN.md §4). No I/O: tested on their own.
import { DEFAULT_PLAN_RULES, type PlanName, planLimits } from './plans.ts';

export const SECONDS_PER_CREDIT = 30;

/** 1 credit = 30 s, rounded up: 60 s → 2, 61 s → 3. */
export function creditsForDuration(durationS: number): number {
  if (!Number.isInteger(durationS) || durationS <= 0)
    throw new RangeError('duration must be a positive integer');
  return Math.ceil(durationS / SECONDS_PER_CREDIT);
}

/** Queue priority: lower runs first (BullMQ semantics). Paid plans jump the free queue (plans.ts). */
export function jobPriorityForPlan(plan: PlanName): number {
  return planLimits(plan, DEFAULT_PLAN_RULES).queuePriority;
}

/** Start of the UTC day containing `now` and the next one: the free daily limit's window. */
export function utcDayWindow(now: Date): { start: Date; resetsAt: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { start, resetsAt: new Date(start.getTime() + 86_400_000) };
}

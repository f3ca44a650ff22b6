import { untilText } from '@soundfoundry/contract/constants';
import { utcDayWindow } from './credits-rules.ts';
import { AppError } from './errors.ts';
import { PLAN_LABEL, type PlanName, type PlanRules, planLimits } from './plans.ts';

// Plan limits on a track request (DESIGN.md §4), as the error the client sees.
// Pure. The create statement's gate enforces the same numbers atomically; this
// says which one refused and when it resets.

/** @deprecated name kept for callers from before plans: the plan rules. */
export type FreeTierRules = PlanRules;

/** How a free account reaches Pro: a credit pack, or, where no pack can be bought (no Stripe keys), the operator. */
function upgradeText(rules: PlanRules): string {
  const pro = planLimits('PRO', rules);
  const what = `Pro (up to ${pro.maxDurationS} s, ${pro.dailyTracks ?? 'unlimited'} tracks a day)`;
  return rules.packsOnSale === false
    ? `The operator of this server can move your account to ${what}.`
    : `Buying any credit pack moves a free account to ${what}.`;
}

export function checkPlanLimits(
  plan: PlanName,
  rules: PlanRules,
  state: { durationS: number; tracksToday: number; now: Date },
): void {
  const limits = planLimits(plan, rules);
  const label = PLAN_LABEL[plan];
  if (state.durationS > limits.maxDurationS) {
    throw new AppError(
      403,
      'LIMIT_EXCEEDED',
      `The ${label} plan makes tracks of up to ${limits.maxDurationS} seconds. Choose a shorter duration${plan === 'FREE' ? ` or upgrade. ${upgradeText(rules)}` : '.'}`,
      {
        limit: plan === 'FREE' ? 'free_max_duration' : 'max_duration',
        plan,
        max_duration_s: limits.maxDurationS,
      },
    );
  }
  if (limits.dailyTracks !== null && state.tracksToday >= limits.dailyTracks) {
    const { resetsAt } = utcDayWindow(state.now);
    throw new AppError(
      429,
      'LIMIT_EXCEEDED',
      `The ${label} plan makes ${limits.dailyTracks} tracks a day; the limit resets at 00:00 UTC, ${untilText(resetsAt.getTime() - state.now.getTime())} from now.${plan === 'FREE' ? ` ${upgradeText(rules)}` : ''}`,
      {
        limit: plan === 'FREE' ? 'free_daily_tracks' : 'daily_tracks',
        plan,
        max: limits.dailyTracks,
        resets_at: resetsAt.toISOString(),
      },
    );
  }
}

/** The free plan's check (kept for callers that know only the free plan). */
export function checkFreeTier(
  rules: Pick<PlanRules, 'freeDailyTrackLimit' | 'freeMaxDurationS'> & Partial<PlanRules>,
  state: { durationS: number; tracksToday: number; now: Date },
): void {
  checkPlanLimits('FREE', { proDailyTrackLimit: 200, ...rules }, state);
}

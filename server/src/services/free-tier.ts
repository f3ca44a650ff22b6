import { untilText } from '@soundfoundry/contract/constants';
import { utcDayWindow } from './credits-rules.ts';
import { AppError } from './errors.ts';
import { PLAN_LABEL, type PlanName, type PlanRules, planLimits } from './plans.ts';

// Plan limits on a track request (DESIGN.md §4), as the error the client sees.
// Pure. The create statement's gate enforces the same numbers atomically; this
// says which one refused and when it resets.

/** @deprecated name kept for callers from before plans: the plan rules. */
export type FreeTierRules = PlanRules;

const UPGRADE = 'Buying any credit pack moves a free account to Pro (up to 240 s, 200 tracks a day).';

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
      `The ${label} plan makes tracks of up to ${limits.maxDurationS} seconds. Choose a shorter duration${plan === 'FREE' ? ` or upgrade. ${UPGRADE}` : '.'}`,
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
      `The ${label} plan makes ${limits.dailyTracks} tracks a day; the limit resets at 00:00 UTC, ${untilText(resetsAt.getTime() - state.now.getTime())} from now.${plan === 'FREE' ? ` ${UPGRADE}` : ''}`,
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

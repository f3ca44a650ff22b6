import { utcDayWindow } from './credits-rules.ts';
import { AppError } from './errors.ts';

// Free-plan limits (DESIGN.md §4). Pure; the credit-economy issue widens this
// (trial lapse, PPP) behind the same seam.

export interface FreeTierRules {
  freeDailyTrackLimit: number;
  freeMaxDurationS: number;
}

export function checkFreeTier(
  rules: FreeTierRules,
  state: { durationS: number; tracksToday: number; now: Date },
): void {
  if (state.durationS > rules.freeMaxDurationS) {
    throw new AppError(
      403,
      'LIMIT_EXCEEDED',
      `The free plan makes tracks of up to ${rules.freeMaxDurationS} seconds. Choose a shorter duration or upgrade.`,
      { limit: 'free_max_duration', max_duration_s: rules.freeMaxDurationS },
    );
  }
  if (state.tracksToday >= rules.freeDailyTrackLimit) {
    const { resetsAt } = utcDayWindow(state.now);
    throw new AppError(
      429,
      'LIMIT_EXCEEDED',
      `The free plan makes ${rules.freeDailyTrackLimit} tracks a day; the limit resets at ${resetsAt.toISOString()} (00:00 UTC).`,
      { limit: 'free_daily_tracks', max: rules.freeDailyTrackLimit, resets_at: resetsAt.toISOString() },
    );
  }
}

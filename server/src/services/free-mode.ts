import { utcDayWindow } from './credits-rules.ts';
import { type PlanName, type PlanRules, planLimits } from './plans.ts';

// FreeModeService (spec "Services"): what the UI shows about a user's limits.
// Pure: it reads the user row's counters and the clock.

export interface PlanState {
  plan: PlanName;
  dayTrackCount: number;
  /** UTC date (YYYY-MM-DD) the counter belongs to. */
  dayTrackDate: string | null;
  trialExpiresAt: Date | null;
}

export interface FreeModeStatus {
  plan: PlanName;
  max_duration_s: number;
  daily_track_limit: number | null;
  tracks_today: number;
  remaining_today: number | null;
  resets_at: string;
  trial_expires_at: string | null;
  trial_days_left: number | null;
  queue_priority: number;
}

export function freeModeStatus(u: PlanState, rules: PlanRules, now: Date): FreeModeStatus {
  const limits = planLimits(u.plan, rules);
  const { start, resetsAt } = utcDayWindow(now);
  const tracksToday = u.dayTrackDate === start.toISOString().slice(0, 10) ? u.dayTrackCount : 0;
  return {
    plan: u.plan,
    max_duration_s: limits.maxDurationS,
    daily_track_limit: limits.dailyTracks,
    tracks_today: tracksToday,
    remaining_today: limits.dailyTracks === null ? null : Math.max(0, limits.dailyTracks - tracksToday),
    resets_at: resetsAt.toISOString(),
    trial_expires_at: u.trialExpiresAt?.toISOString() ?? null,
    trial_days_left: u.trialExpiresAt
      ? Math.max(0, Math.ceil((u.trialExpiresAt.getTime() - now.getTime()) / 86_400_000))
      : null,
    queue_priority: limits.queuePriority,
  };
}

// Plans as data (DESIGN.md §4): what each plan may do. One table; the create
// statement's gate, the refusal messages, the queue and the UI all read it.

export const PLAN_NAMES = ['FREE', 'PRO', 'ENTERPRISE'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

/** The longest track anyone may ask for (DESIGN.md §4: 15–240 s). */
export const MAX_DURATION_S = 240;

export interface PlanLimits {
  /** Longest track, seconds. */
  maxDurationS: number;
  /** Tracks per UTC day; null = no cap. */
  dailyTracks: number | null;
  /** Queue priority, lower runs first (BullMQ semantics): paid plans jump the free queue. */
  queuePriority: number;
}

/** The configurable numbers (env): the free plan's limits and the PRO daily cap. */
export interface PlanRules {
  freeMaxDurationS: number;
  freeDailyTrackLimit: number;
  proDailyTrackLimit: number;
  /** Credit packs can be bought here (Stripe configured): the limits' messages offer one only then. */
  packsOnSale?: boolean;
}

export const DEFAULT_PLAN_RULES: PlanRules = {
  freeMaxDurationS: 60,
  freeDailyTrackLimit: 10,
  proDailyTrackLimit: 200,
};

export function planLimits(plan: PlanName, r: PlanRules): PlanLimits {
  switch (plan) {
    case 'FREE':
      return { maxDurationS: r.freeMaxDurationS, dailyTracks: r.freeDailyTrackLimit, queuePriority: 10 };
    case 'PRO':
      return { maxDurationS: MAX_DURATION_S, dailyTracks: r.proDailyTrackLimit, queuePriority: 5 };
    case 'ENTERPRISE':
      return { maxDurationS: MAX_DURATION_S, dailyTracks: null, queuePriority: 1 };
  }
}

export const PLAN_LABEL: Record<PlanName, string> = { FREE: 'free', PRO: 'Pro', ENTERPRISE: 'Enterprise' };

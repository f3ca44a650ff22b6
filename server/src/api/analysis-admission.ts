// Who may put an upload in front of the audio analyser. Every user's reference upload shares one
// analyser thread that runs one analysis at a time (engine analyzer-worker.ts): without limits, a
// few accounts sending files that are slow to refuse kept everyone else's upload waiting past
// their client's timeout. So each user has at most one analysis admitted, and the waiting line
// is short.
//
// The two rules count different things, so they are counted in different places:
// - one analysis per user is about the account: it is a per-user slot (services/user-slots.ts),
//   shared by every API process in production, so an account behind a load balancer cannot hold
//   a place in each process's line at once;
// - the line (one running, 4 waiting) is about this process's analyser thread and the uploads
//   held in this process's memory: another process's line neither waits for this thread nor
//   holds its memory, so it is counted here, per process, and needs no shared store.
import { AppError } from '../services/errors.ts';
import type { UserSlots } from '../services/user-slots.ts';

/** The analyser runs one analysis at a time; every other admitted one waits behind it. */
const ANALYSES_RUNNING_AT_ONCE = 1;

/**
 * Analyses that may wait behind the running one. A normal reference is analysed in well under a
 * second and a hostile one is stopped by its 20 s budget (counted from when it was queued), so
 * the line stays short enough for an upload to be answered within the web client's timeout; and
 * every waiting upload holds its bytes (up to the upload limit) in memory. One analysis per user
 * means filling the line takes five accounts, and it is refused with a 503 rather than grown.
 */
const MAX_WAITING_ANALYSES = 4;

/** Analyses one user may have admitted at once, across every API process. */
const ANALYSES_PER_USER = 1;

/** How soon to come back when the line is full: a place frees up within seconds usually. */
const ANALYSER_BUSY_RETRY_AFTER_S = 5;

export interface AnalysisAdmission {
  /**
   * Admits one analysis for `userId`, or refuses it: 429 RATE_LIMITED while that user has one
   * admitted already (in any API process), 503 SERVICE_UNAVAILABLE (details.retry_after_s) when
   * this process's line is full. The returned release must be called once the analysis is over,
   * whatever its outcome.
   */
  admit(userId: string): Promise<() => void>;
}

export function createAnalysisAdmission(
  slots: UserSlots,
  maxWaiting = MAX_WAITING_ANALYSES,
): AnalysisAdmission {
  /** Analyses admitted in this process: the running one and those waiting behind it. */
  let admitted = 0;
  const capacity = ANALYSES_RUNNING_AT_ONCE + maxWaiting;
  return {
    async admit(userId) {
      const slot = await slots.take('analyses', userId, ANALYSES_PER_USER);
      if (!slot) throw analysisInProgress();
      // Checked and counted in one synchronous step: no other admission runs in between.
      if (admitted >= capacity) {
        slot.release();
        throw analyserBusy();
      }
      admitted++;
      let released = false;
      return () => {
        if (released) return; // a second call must not free another upload's place
        released = true;
        admitted--;
        slot.release();
      };
    },
  };
}

function analysisInProgress(): AppError {
  return new AppError(
    429,
    'RATE_LIMITED',
    'One reference is still being analysed; try again when it is done.',
    { reason: 'analysis_in_progress' },
  );
}

// The contract's ErrorCode has no SERVER_BUSY; SERVICE_UNAVAILABLE is what the API answers for
// every other 503, and the route sends the Retry-After header with it.
function analyserBusy(): AppError {
  return new AppError(
    503,
    'SERVICE_UNAVAILABLE',
    'The audio analyser is busy with other uploads; please try again in a few seconds.',
    { reason: 'analyser_busy', retry_after_s: ANALYSER_BUSY_RETRY_AFTER_S },
  );
}

import type { Db } from '../db/client.ts';
import { lapseExpiredTrials } from '../services/credit-ops.ts';

/**
 * Runs the trial lapse (services/credit-ops.ts) now and every `intervalSec`: unspent
 * TRIAL credits of expired trials lapse through one ADJUSTMENT each. A stand-in
 * schedule until the job registry's `trial-lapse` kind takes over (runtime branch);
 * running it from several processes at once is safe.
 */
export function startTrialLapseTimer(
  db: Db,
  intervalSec: number,
  log?: { warn(o: object, m?: string): void; info?(o: object, m?: string): void },
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await lapseExpiredTrials({ ctx: { db }, input: { now: new Date() } });
      if (r.users > 0) log?.info?.(r, 'trial credits lapsed');
    } catch (err) {
      log?.warn({ err }, 'trial lapse failed; retried at the next tick');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, intervalSec * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

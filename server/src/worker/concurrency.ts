import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';

/**
 * What WORKER_CONCURRENCY means, honestly: N jobs at once per process. Remote
 * providers (fal, replicate) wait on the network and need no thread, so N of them
 * run at once. A local render needs an engine thread of its own (its job uses up to
 * two cores), so the local provider gets min(N, cores) engines; past that a local
 * job waits for a free engine (its progress says so), and a note explains the cap.
 */
export function jobConcurrency(
  config: Pick<Config, 'worker' | 'providers'>,
  cores = availableParallelism(),
): { jobs: number; localEngines: number; note?: string } {
  const jobs = config.worker.concurrency;
  if (!config.providers.includes('local')) return { jobs, localEngines: 0 };
  const localEngines = Math.max(1, Math.min(jobs, cores));
  if (localEngines === jobs) return { jobs, localEngines };
  return {
    jobs,
    localEngines,
    note:
      `WORKER_CONCURRENCY=${jobs}, but local rendering is capped at ${localEngines} engine thread(s) ` +
      `(one per core on this machine): remote providers run ${jobs} jobs at once, local renders ` +
      `${localEngines} at a time and the rest wait for a free engine.`,
  };
}

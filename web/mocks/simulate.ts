import type { JobStatus } from '@soundfoundry/contract';

// A job's life in the mock backend: 2 s queued, rendering for most of the time, a short
// mastering step, then complete. Pure, so the handlers and their test agree.

export function simulatedJob(
  startedAt: number,
  now: number,
  durationS: number,
): { status: JobStatus; progress: number; eta: number | null } {
  const total = 4000 + durationS * 100; // ms: a 30 s track takes 7 s
  const t = now - startedAt;
  if (t < 2000) return { status: 'QUEUED', progress: 0, eta: Math.ceil(total / 1000) };
  if (t >= total) return { status: 'COMPLETE', progress: 100, eta: 0 };
  const progress = Math.min(99, Math.floor((t / total) * 100));
  const status: JobStatus = progress >= 85 ? 'MASTERING' : 'RENDERING';
  return { status, progress, eta: Math.max(1, Math.ceil((total - t) / 1000)) };
}

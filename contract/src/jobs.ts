import { z } from 'zod';
import { IsoDate, Uuid } from './common.ts';
import { FINAL_STATUSES, TRACK_STATUSES } from './constants.ts';

/**
 * A job's statuses are its track's (one list): CANCELLED, its owner stopped it before it finished
 * (POST /api/jobs/:id/cancel), credits returned.
 */
export const JOB_STATUSES = TRACK_STATUSES;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;
export const FINAL_JOB_STATUSES: readonly JobStatus[] = FINAL_STATUSES;

export const Job = z.object({
  id: Uuid,
  /** The job kind (server/src/worker/kinds.ts), e.g. generate-music. */
  kind: z.string(),
  /** Null for kinds that have no track. */
  track_id: Uuid.nullable(),
  status: JobStatus,
  progress: z.number().int().min(0).max(100),
  eta: z.number().int().nullable().describe('Seconds until COMPLETE, estimated from history'),
  error: z.string().nullable(),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export type Job = z.infer<typeof Job>;

/** One SSE message of GET /api/jobs/:id/events (event: "progress"; id = seq). */
export const JobEvent = z.object({
  seq: z.number().int(),
  job_id: Uuid,
  status: JobStatus,
  progress: z.number().int(),
  eta: z.number().int().nullable(),
  message: z.string().nullable(),
  at: IsoDate,
});
export type JobEvent = z.infer<typeof JobEvent>;

export const JobLogEntry = z.object({
  provider: z.string(),
  attempt: z.number().int(),
  outcome: z.enum(['success', 'error']),
  error_code: z.string().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
  at: IsoDate,
});
export const JobLogs = z.object({ job_id: Uuid, entries: z.array(JobLogEntry) });

/** POST /api/jobs/:id/cancel: the job as it ended, and the credits that came back (one REFUND row). */
export const CancelJobResponse = z.object({
  job_id: Uuid,
  track_id: Uuid.nullable(),
  status: z.literal('CANCELLED'),
  credits_refunded: z.number().int().min(0),
});
export type CancelJobResponse = z.infer<typeof CancelJobResponse>;

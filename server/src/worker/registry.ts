import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/client.ts';
import type { CircuitBreaker } from '../providers/circuit.ts';
import type { HostedRequestRef, MusicProvider } from '../providers/types.ts';
import type { JobEventBus } from '../services/job-events.ts';
import type { JobRow } from '../services/jobs.ts';
import type { ObjectStorage } from '../services/storage/index.ts';
import type { Failure } from './retry.ts';

// The job registry: every kind of background work declares its payload schema and
// its handler here; worker/runner.ts does the rest (claim, lease, validation,
// progress, retries, the attempt log). How to add a kind: worker/README.md.

export interface Logger {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
  error(o: object, m?: string): void;
}

/** What every handler may use; built once by the composition root (runtime.ts). */
export interface JobDeps {
  db: Db;
  storage: ObjectStorage;
  events: JobEventBus;
  providers: MusicProvider[];
  /** Provider circuit breaker (Redis-shared in production). */
  circuit: CircuitBreaker;
  config: Config;
  log?: Logger;
}

export interface ProgressUpdate {
  /** RENDERING while working; MASTERING for a finishing stage (track kinds). */
  status?: 'RENDERING' | 'MASTERING';
  /** 0..99, monotone (lower values are ignored). */
  progress: number;
  etaSec?: number | null;
  message?: string;
}

/**
 * Why a run's `signal` was aborted (its `reason`): 'lease-lost' — another worker owns the job now
 * (or it was deleted), drop everything; 'shutdown' — this worker is stopping and the grace period
 * (WORKER_SHUTDOWN_GRACE_SEC) ran out: stop, and the runner puts the job back in the queue for
 * another worker. Paid work is cancelled unless it was handed on (`ctx.rememberRequest`: a hosted
 * request the next run resumes). A result already in hand may still be returned: it is kept.
 * 'cancelled' — its owner cancelled the job (already CANCELLED and refunded): stop, cancelling paid
 * work (the job is final, so a hosted request is not handed on); nothing is kept (the runner calls
 * the kind's `discard`).
 */
export class JobInterrupted extends Error {
  override name = 'JobInterrupted';
  constructor(readonly reason: 'lease-lost' | 'shutdown' | 'cancelled') {
    super(
      reason === 'shutdown'
        ? 'interrupted by a worker shutdown'
        : reason === 'cancelled'
          ? 'cancelled by its owner'
          : 'this worker lost the job',
    );
  }
}

/** The interruption a run's signal carries, if it was aborted. */
export function interruptionOf(signal: AbortSignal): JobInterrupted | null {
  if (!signal.aborted) return null;
  return signal.reason instanceof JobInterrupted ? signal.reason : new JobInterrupted('lease-lost');
}

/** One run (attempt) of one job, as its handler sees it. */
export interface JobContext {
  /** The claimed row: id, userId, trackId (null for kinds without), attempts (this run's number). */
  job: JobRow;
  deps: JobDeps;
  /**
   * Aborted when this worker lost the job (lease taken over, job deleted), its owner cancelled it,
   * or the worker is shutting down and the grace period ran out: stop soon. `interruptionOf(signal)`
   * says which.
   */
  signal: AbortSignal;
  /** Throttled progress event (≤ 4/s, one per whole percent; status changes always). */
  progress(u: ProgressUpdate): void;
  /**
   * Notes the provider this attempt is calling now: if the worker is lost midway, the log row the
   * next worker writes for the lost attempt names it. Best effort (never throws).
   */
  usingProvider(name: string): Promise<void>;
  /**
   * The hosted request an earlier run of this job submitted and left running (a shutdown, a crash):
   * resume it rather than submit again (ProviderCallOptions.resume). Null if none.
   */
  hostedRequest: HostedRequestRef | null;
  /**
   * Records the hosted request this run waits on, before waiting (null: none any more, it failed),
   * so a run stopped from then on hands it to the next one. Best effort (never throws).
   */
  rememberRequest(ref: HostedRequestRef | null): Promise<void>;
  /**
   * For a run that stops (`signal` aborted): may it leave `ref` running? True when the job is still
   * live and its row names `ref` (the next run resumes it); false when it was deleted or ended, or the
   * request was never recorded: then cancel it (ProviderCallOptions.leaveRunning).
   */
  mayLeaveRunning(ref: HostedRequestRef): Promise<boolean>;
  /** One row of GET /api/jobs/:id/logs (e.g. per provider call). */
  recordAttempt(a: {
    provider: string;
    outcome: 'success' | 'error';
    errorCode?: string | null;
    error?: string | null;
    durationMs: number;
    audioSeconds?: number;
  }): Promise<void>;
}

/** What a handler returns on success; `apply` runs in the transaction that marks the job COMPLETE. */
export interface JobResult {
  provider?: string | null;
  message?: string;
  apply?: (tx: Tx, job: JobRow) => Promise<void>;
}

export interface JobKind<S extends z.ZodType = z.ZodType> {
  /** Unique name, stored in jobs.kind (kebab-case). */
  kind: string;
  /** The payload (jobs.payload), validated before every run; a mismatch fails the job at once. */
  schema: S;
  /**
   * Does the work. Throw `permanent(...)`/`transient(...)` (worker/retry.ts), or a
   * ProviderError, to say how a failure is treated; anything else counts as transient.
   */
  handle(ctx: JobContext, payload: z.infer<S>): Promise<JobResult | undefined>;
  /**
   * Removes what a run left behind (stored files) once its job was cancelled: the job is final
   * and refunded, so nothing of it may stay. Runs after the handler returned or threw.
   */
  discard?(ctx: JobContext): Promise<void>;
  /** Runs at most this many times (default JOB_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** User-readable texts for the job's events; defaults are generic. */
  messages?: {
    retrying?(f: Failure, delaySec: number): string;
    failed?(f: Failure): string;
  };
}

/** Declares a kind with its payload type inferred from the schema. */
export function defineJobKind<S extends z.ZodType>(k: JobKind<S>): JobKind<S> {
  return k;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds kinds of every payload type
export type AnyJobKind = JobKind<any>;

export class JobRegistry {
  private readonly byKind = new Map<string, AnyJobKind>();

  constructor(kinds: readonly AnyJobKind[]) {
    for (const k of kinds) {
      if (this.byKind.has(k.kind)) throw new Error(`job kind "${k.kind}" registered twice`);
      this.byKind.set(k.kind, k);
    }
  }

  get(kind: string): AnyJobKind | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}

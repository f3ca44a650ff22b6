import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { files, tracks } from '../../db/schema/index.ts';
import type { MusicProvider, MusicRequest, MusicResult } from '../../providers/types.ts';
import { ProviderError } from '../../providers/types.ts';
import { afterTrackCompleted } from '../../services/cover-art.ts';
import type { JobEventBus } from '../../services/job-events.ts';
import {
  advanceJob,
  claimJob,
  completeJob,
  failJob,
  measuredSpeed,
  recordAttempt,
  renewLease,
} from '../../services/jobs.ts';
import type { ObjectStorage } from '../../services/storage/index.ts';
import { contentTypeForKind, type TrackObjectKind, trackObjectKey } from '../../services/storage/index.ts';

// The pipeline of one track: QUEUED → RENDERING → MASTERING → COMPLETE, or FAILED
// with a readable error and a refund. Runs in the embedded dispatcher or a BullMQ
// worker alike; the jobs table (claim + lease) makes a second delivery harmless.

export const name = 'generate-music';
export const schema = z.object({ jobId: z.uuid() });
export type Payload = z.infer<typeof schema>;

export interface PipelineDeps {
  db: Db;
  storage: ObjectStorage;
  providers: MusicProvider[];
  events: JobEventBus;
  leaseSec: number;
  maxAttempts: number;
  workerId: string;
  log?: {
    info(o: object, m?: string): void;
    warn(o: object, m?: string): void;
    error(o: object, m?: string): void;
  };
  onOutcome?: (outcome: 'complete' | 'failed', durationSec: number) => void;
}

/** Thrown when another live worker holds the job: a queue should retry later. */
export class JobBusyError extends Error {
  override name = 'JobBusyError';
}

// Progress budget of the stages, in percent.
const RENDER_START = 5;
const RENDER_END = 85;
const MASTER_END = 99;

export async function handle(
  deps: PipelineDeps,
  payload: Payload,
): Promise<'complete' | 'failed' | 'skipped'> {
  const { db, events, workerId, leaseSec } = deps;
  const claim = await claimJob(db, payload.jobId, workerId, { leaseSec, maxAttempts: deps.maxAttempts });
  if (claim.outcome === 'final') return 'skipped';
  if (claim.outcome === 'busy') throw new JobBusyError(`job ${payload.jobId} is held by another worker`);
  if (claim.outcome === 'exhausted') {
    events.publish(claim.event, claim.userId);
    return 'failed';
  }
  const job = claim.job;
  events.publish(claim.event, job.userId);
  const startedAt = Date.now();

  // Heartbeat: the lease outlives a long provider call; if we lose it, we stop.
  const abort = new AbortController();
  const heartbeat = setInterval(
    () => {
      renewLease(db, job.id, workerId, leaseSec)
        .then((held) => {
          if (!held) abort.abort();
        })
        .catch(() => {});
    },
    Math.max(1000, (leaseSec * 1000) / 3),
  );

  try {
    const track = (await db.select().from(tracks).where(eq(tracks.id, job.trackId)))[0];
    if (!track) throw new ProviderError('TRACK_GONE', 'The track was deleted.', false);
    const request = await buildRequest(db, track);

    // Progress with ETA, throttled: one event per whole percent and at most 4 a second.
    let lastPct = -1;
    let lastAt = 0;
    let lastStatus: string = 'RENDERING';
    let pending: Promise<unknown> = Promise.resolve();
    const speed = (await measuredSpeed(db, deps.providers[0]?.name ?? 'local')) ?? 0.1;
    const expectedSec = Math.max(1, speed * track.durationS * 1.15);
    const report = (status: 'RENDERING' | 'MASTERING', pct: number, message?: string) => {
      const now = Date.now();
      const p = Math.floor(pct);
      if (p <= lastPct || (now - lastAt < 250 && status === 'RENDERING')) return;
      lastPct = p;
      lastAt = now;
      const statusChanged = status !== lastStatus;
      lastStatus = status;
      const elapsed = (now - startedAt) / 1000;
      const byProgress = p > RENDER_START ? (elapsed / p) * (100 - p) : expectedSec - elapsed;
      const etaSec = Math.max(
        0,
        Math.round(p > 30 ? byProgress : Math.max(byProgress, expectedSec - elapsed)),
      );
      pending = pending
        .then(() => advanceJob(db, job.id, workerId, { status, progress: p, etaSec, leaseSec, message }))
        .then((ev) => {
          if (ev) events.publish(ev, job.userId, statusChanged);
          else abort.abort();
        })
        .catch((err) => deps.log?.warn({ err, jobId: job.id }, 'progress update failed'));
    };
    report('RENDERING', RENDER_START, 'Composing');

    const result = await generateWithFallback(deps, job.id, job.attempts, request, abort.signal, (f) =>
      report('RENDERING', RENDER_START + f * (RENDER_END - RENDER_START)),
    );
    await pending;
    if (abort.signal.aborted) return 'skipped'; // lost the lease: someone else finishes it

    report('MASTERING', RENDER_END, 'Storing your files');
    await pending;
    const keys = await storeOutputs(
      deps.storage,
      track.userId,
      track.id,
      track.visualVersion,
      result.result,
      (f) => report('MASTERING', RENDER_END + f * (MASTER_END - RENDER_END)),
    );
    await pending;
    const done = await completeJob(db, job.id, workerId, {
      provider: result.provider,
      ...keys,
      plan: result.result.plan,
      bpm: result.result.bpm,
      key: result.result.key,
      genre: result.result.genre,
    });
    if (!done) return 'skipped';
    events.publish(done, job.userId);
    // Unlocks and cover version 1, after COMPLETE and off the job: they neither delay the worker's
    // next job nor fail this one (afterTrackCompleted never rejects).
    void afterTrackCompleted({ db, storage: deps.storage, log: deps.log, events }, track.id);
    deps.onOutcome?.('complete', (Date.now() - startedAt) / 1000);
    deps.log?.info({ jobId: job.id, ms: Date.now() - startedAt }, 'job complete');
    return 'complete';
  } catch (err) {
    if (err instanceof JobBusyError) throw err;
    const message = userMessage(err);
    deps.log?.error({ err, jobId: job.id }, 'job failed');
    const ev = await failJob(db, job.id, message, workerId);
    if (ev) events.publish(ev, job.userId);
    deps.onOutcome?.('failed', (Date.now() - startedAt) / 1000);
    return 'failed';
  } finally {
    clearInterval(heartbeat);
  }
}

async function buildRequest(db: Db, track: typeof tracks.$inferSelect): Promise<MusicRequest> {
  let reference: MusicRequest['reference'];
  if (track.referenceFileId) {
    const ref = (await db.select().from(files).where(eq(files.id, track.referenceFileId)))[0];
    const m = (ref?.metadata ?? {}) as Record<string, unknown>;
    reference = {
      bpm: typeof m.bpm === 'number' ? m.bpm : undefined,
      tonic: typeof m.key === 'string' ? m.key : undefined,
      mode: m.mode === 'major' || m.mode === 'minor' ? m.mode : undefined,
      energy: typeof m.energy === 'number' ? m.energy : undefined,
    };
  }
  return {
    prompt: track.prompt,
    durationS: track.durationS,
    seed: track.seed,
    genre: track.genre ?? undefined,
    key: track.key ?? undefined,
    bpm: track.bpm ?? undefined,
    styleStrength: track.styleStrength,
    hasVocals: track.hasVocals,
    lyrics: track.lyrics ?? undefined,
    reference,
  };
}

/** Tries each provider in order; every attempt is logged for GET /api/jobs/:id/logs. */
async function generateWithFallback(
  deps: PipelineDeps,
  jobId: string,
  attempt: number,
  request: MusicRequest,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<{ provider: string; result: MusicResult }> {
  let lastError: unknown = new ProviderError('NO_PROVIDER', 'No music provider is configured.', false);
  for (const provider of deps.providers) {
    const t0 = Date.now();
    try {
      const result = await provider.generate(request, { onProgress, signal });
      await recordAttempt(deps.db, {
        jobId,
        provider: provider.name,
        attempt,
        outcome: 'success',
        durationMs: Date.now() - t0,
        audioSeconds: request.durationS,
      });
      return { provider: provider.name, result };
    } catch (err) {
      const pe = err instanceof ProviderError ? err : null;
      await recordAttempt(deps.db, {
        jobId,
        provider: provider.name,
        attempt,
        outcome: 'error',
        errorCode: pe?.code ?? 'UNEXPECTED',
        error: (err as Error).message?.slice(0, 500) ?? String(err),
        durationMs: Date.now() - t0,
        audioSeconds: request.durationS,
      });
      lastError = err;
      if (pe && !pe.retryable) break; // the next provider would refuse the same input
      if (signal.aborted) break;
    }
  }
  throw lastError;
}

async function storeOutputs(
  storage: ObjectStorage,
  userId: string,
  trackId: string,
  version: number,
  out: MusicResult,
  onProgress: (fraction: number) => void,
) {
  const items: { kind: TrackObjectKind; body: Uint8Array | null }[] = [
    { kind: 'audio', body: out.mp3 },
    { kind: 'audio-wav', body: out.wav },
    { kind: 'preview', body: out.preview },
    { kind: 'stems', body: out.stemsZip },
    { kind: 'midi', body: out.midi },
  ];
  const keys: Record<string, string | null> = {};
  let done = 0;
  for (const item of items) {
    if (!item.body) {
      keys[item.kind] = null;
      continue;
    }
    const key = trackObjectKey({ userId, trackId, kind: item.kind, version });
    await storage.put(key, item.body, { contentType: contentTypeForKind(item.kind) });
    keys[item.kind] = key;
    onProgress(++done / items.length);
  }
  return {
    audioKey: keys.audio!,
    wavKey: keys['audio-wav'] ?? null,
    previewKey: keys.preview ?? null,
    stemsKey: keys.stems ?? null,
    midiKey: keys.midi ?? null,
  };
}

function userMessage(err: unknown): string {
  if (err instanceof ProviderError) {
    if (err.code === 'INVALID_PARAMS') return `The request could not be rendered: ${err.message}`;
    if (err.code === 'TRACK_GONE') return err.message;
    return 'Music generation failed. Your credits were refunded; please try again.';
  }
  return 'Something went wrong while making your track. Your credits were refunded; please try again.';
}

import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { files, tracks } from '../../db/schema/index.ts';
import { selectProviders } from '../../providers/chain.ts';
import type { MusicRequest, MusicResult } from '../../providers/types.ts';
import { ProviderError } from '../../providers/types.ts';
import { measuredSpeed } from '../../services/jobs.ts';
import type { ObjectStorage } from '../../services/storage/index.ts';
import {
  contentTypeForKind,
  type TrackObjectKind,
  trackObjectKey,
  trackPrefix,
} from '../../services/storage/index.ts';
import { defineJobKind, interruptionOf, type JobContext } from '../registry.ts';
import { permanent, transient } from '../retry.ts';
import { queueCoverArt } from './cover-art.ts';

// The pipeline of one track: QUEUED → RENDERING → MASTERING → COMPLETE. The runner
// (../runner.ts) owns the lifecycle: a transient provider failure puts the job back
// in the queue with backoff, a permanent one (or the last attempt) ends it FAILED
// with a refund. The track is the job's trackId; the payload carries nothing.

// Progress budget of the stages, in percent.
const RENDER_START = 5;
const RENDER_END = 85;
const MASTER_END = 99;

export const generateMusic = defineJobKind({
  kind: 'generate-music',
  schema: z.object({}),
  messages: {
    retrying: (_f, sec) => `The music service is busy; retrying in about ${sec} s.`,
    failed: (f) =>
      f.code === 'INVALID_PARAMS'
        ? `The request could not be rendered: ${f.message}. Your credits were refunded.`
        : f.code === 'TRACK_GONE'
          ? 'The track was deleted.'
          : 'Generation failed; your credits were refunded. Please try again.',
  },
  // A cancelled track keeps no files: whatever this run (or an earlier one) stored goes. Track ids
  // are never reused and a cancelled job never runs again, so no other run's files are touched.
  async discard(ctx) {
    if (ctx.job.trackId) await ctx.deps.storage.deletePrefix(trackPrefix(ctx.job.trackId));
  },
  async handle(ctx) {
    const { db, storage } = ctx.deps;
    const job = ctx.job;
    if (!job.trackId) throw permanent('NO_TRACK', 'generate-music job without a track');
    const track = (await db.select().from(tracks).where(eq(tracks.id, job.trackId)))[0];
    if (!track) throw permanent('TRACK_GONE', 'The track was deleted.');
    const request = await buildRequest(db, storage, track);
    // A resumed wait (a hosted request an earlier run left running) is timed from its submission:
    // the ETA does not start over.
    const resumedAt = ctx.hostedRequest ? Date.parse(ctx.hostedRequest.submittedAt) : Number.NaN;
    const startedAt = Number.isFinite(resumedAt) ? Math.min(resumedAt, Date.now()) : Date.now();

    // ETA: from the provider's measured speed until 30 % progress, then from progress itself.
    // The first provider that can make this request is the one whose history predicts it.
    const likely =
      ctx.hostedRequest?.provider ??
      selectProviders(ctx.deps.providers, request).eligible[0]?.name ??
      'local';
    const speed = (await measuredSpeed(db, likely)) ?? 0.1;
    const expectedSec = Math.max(1, speed * track.durationS * 1.15);
    const report = (status: 'RENDERING' | 'MASTERING', pct: number, message?: string) => {
      const p = Math.floor(pct);
      const elapsed = (Date.now() - startedAt) / 1000;
      const byProgress = p > RENDER_START ? (elapsed / p) * (100 - p) : expectedSec - elapsed;
      const etaSec = Math.max(
        0,
        Math.round(p > 30 ? byProgress : Math.max(byProgress, expectedSec - elapsed)),
      );
      ctx.progress({ status, progress: p, etaSec, message });
    };
    report('RENDERING', RENDER_START, 'Composing');

    let renderPct = RENDER_START;
    const result = await generateWithFallback(
      ctx,
      request,
      (f) => {
        renderPct = RENDER_START + f * (RENDER_END - RENDER_START);
        report('RENDERING', renderPct);
      },
      (message) => report('RENDERING', renderPct, message),
    );
    // Lost to another worker, or cancelled by its owner: drop it (the runner discards a cancelled
    // run). Interrupted by a shutdown with the music in hand: storing it takes seconds, so it is
    // kept rather than paid for again elsewhere.
    const stop = interruptionOf(ctx.signal)?.reason;
    if (stop === 'lease-lost' || stop === 'cancelled') return undefined;

    report('MASTERING', RENDER_END, 'Storing your files');
    const keys = await storeOutputs(
      storage,
      track.id,
      track.visualVersion,
      result.result,
      (f) => report('MASTERING', RENDER_END + f * (MASTER_END - RENDER_END)),
      // A cancel stops the writes at the next file (the runner then removes the ones written).
      () => interruptionOf(ctx.signal)?.reason === 'cancelled',
    );
    // Deleting a track removes its rows, then its prefix. If the rows are gone now, that prefix delete
    // may have run before our writes: remove them ourselves (track ids are never reused, so this
    // cannot touch another run's files). If the rows are still here, the delete comes after our writes.
    if (!(await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, track.id)))[0]) {
      await storage.deletePrefix(trackPrefix(track.id));
      throw permanent('TRACK_GONE', 'The track was deleted.');
    }
    const r = result.result;
    return {
      provider: result.provider,
      message: 'Your track is ready',
      async apply(tx) {
        await tx
          .update(tracks)
          .set({
            status: 'COMPLETE',
            provider: result.provider,
            ...keys,
            plan: r.plan,
            peaks: r.peaks ?? null,
            bpm: sql`coalesce(${tracks.bpm}, ${r.bpm})`,
            key: sql`coalesce(${tracks.key}, ${r.key})`,
            genre: sql`coalesce(${tracks.genre}, ${r.genre})`,
            // The library's style filter: the asked style, else the one the provider made.
            resolvedStyle: sql`coalesce(${tracks.style}, ${r.style ?? null}::text)`,
            completedAt: new Date(),
            updatedAt: new Date(),
          })
          .where(eq(tracks.id, track.id));
        // Cover version 1 (and the unlock recompute) as a job of its own: queued with COMPLETE,
        // drawn after it. In a savepoint: not even failing to queue it can fail this track.
        await tx
          .transaction((sp) => queueCoverArt(sp, { userId: track.userId, trackId: track.id, version: 1 }))
          .catch((err) => ctx.deps.log?.warn({ err, trackId: track.id }, 'cover-art job not queued'));
      },
    };
  },
});

/** A hosted model fetches the reference within minutes; the link dies soon after. */
const REFERENCE_URL_TTL_SEC = 15 * 60;

async function buildRequest(
  db: Db,
  storage: ObjectStorage,
  track: typeof tracks.$inferSelect,
): Promise<MusicRequest> {
  let reference: MusicRequest['reference'];
  let referenceUrl: string | undefined;
  if (track.referenceFileId) {
    const ref = (await db.select().from(files).where(eq(files.id, track.referenceFileId)))[0];
    if (ref) referenceUrl = await storage.signedUrl(ref.storageKey, { expiresInSec: REFERENCE_URL_TTL_SEC });
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
    style: track.style ?? undefined,
    key: track.key ?? undefined,
    bpm: track.bpm ?? undefined,
    styleStrength: track.styleStrength,
    hasVocals: track.hasVocals,
    lyrics: track.lyrics ?? undefined,
    reference,
    referenceUrl,
  };
}

/** Chain errors that end the chain: the next provider would fare no better. */
const STOP_CHAIN = new Set(['INVALID_PARAMS', 'CANCELLED', 'TRACK_GONE']);

/**
 * Tries the providers that can make this request, in MUSIC_PROVIDERS order, skipping
 * those whose shared circuit is open; every call is a row of GET /api/jobs/:id/logs.
 * When all fail, the job's failure is transient (retried later, after the shortest
 * Retry-After or circuit wait heard) if any failure was; else permanent.
 */
async function generateWithFallback(
  ctx: JobContext,
  request: MusicRequest,
  onProgress: (fraction: number) => void,
  onWaiting: (message: string) => void,
): Promise<{ provider: string; result: MusicResult }> {
  const { circuit } = ctx.deps;
  const { eligible, skipped } = selectProviders(ctx.deps.providers, request);
  // An earlier run's request still running at a provider is waited on first (resumed, not paid for
  // again); one at a provider no longer configured for it cannot be: forgotten.
  const resume = ctx.hostedRequest;
  const resumeAt = resume ? eligible.findIndex((p) => p.name === resume.provider) : -1;
  if (resumeAt > 0) eligible.unshift(...eligible.splice(resumeAt, 1));
  else if (resume && resumeAt === -1) await ctx.rememberRequest(null);
  if (eligible.length === 0) {
    const why = skipped.map((s) => `${s.name} ${s.reason}`).join('; ');
    throw permanent(
      'NO_CAPABLE_PROVIDER',
      `no configured provider can make this request (${why || 'none configured'})`,
      'No configured music service can make this request. Your credits were refunded.',
    );
  }
  let lastError: unknown = null;
  let transientSeen = false;
  let waitMs: number | undefined;
  const noteWait = (ms: number | undefined) => {
    if (ms !== undefined) waitMs = waitMs === undefined ? ms : Math.min(waitMs, ms);
  };
  for (const provider of eligible) {
    const resuming = resume?.provider === provider.name;
    // Polling a request already paid for is no load on a failing provider: no circuit check.
    const gate = resuming ? ({ ok: true } as const) : await circuit.allow(provider.name);
    if (!gate.ok) {
      transientSeen = true;
      noteWait(gate.retryAfterMs);
      await ctx.recordAttempt({
        provider: provider.name,
        outcome: 'error',
        errorCode: 'CIRCUIT_OPEN',
        error: `${provider.name} is skipped for now after repeated failures`,
        durationMs: 0,
        audioSeconds: request.durationS,
      });
      continue;
    }
    const t0 = Date.now();
    await ctx.usingProvider(provider.name);
    let handedOn = false;
    try {
      const result = await provider.generate(request, {
        onProgress,
        signal: ctx.signal,
        resume: resuming ? resume : null,
        onSubmitted: (ref) => ctx.rememberRequest(ref),
        leaveRunning: async (ref) => {
          handedOn = await ctx.mayLeaveRunning(ref);
          return handedOn;
        },
        onStatus: (st) => {
          if (st.queuePosition && st.queuePosition > 0)
            onWaiting(`Waiting at the music service (position ${st.queuePosition})`);
        },
      });
      await circuit.success(provider.name, Date.now() - t0);
      await ctx.recordAttempt({
        provider: provider.name,
        outcome: 'success',
        durationMs: Date.now() - t0,
        audioSeconds: Math.round(result.durationS ?? request.durationS),
      });
      return { provider: provider.name, result };
    } catch (err) {
      const pe = err instanceof ProviderError ? err : null;
      // A shutdown or its owner's cancel stopped this call: not the provider's fault, and no other
      // provider is tried. After a shutdown the request is left running for the next run (or
      // cancelled); after a cancel the provider cancelled it (the job is final).
      const stop = interruptionOf(ctx.signal)?.reason;
      const shutdown = stop === 'shutdown';
      const cancelled = stop === 'cancelled';
      const code = shutdown ? 'INTERRUPTED' : cancelled ? 'CANCELLED' : (pe?.code ?? 'UNEXPECTED');
      await ctx.recordAttempt({
        provider: provider.name,
        outcome: 'error',
        errorCode: code,
        // Our own texts (keys redacted by the adapters); an unknown error's text stays in the server log.
        error: shutdown
          ? handedOn
            ? `Interrupted by a worker shutdown: the ${provider.name} request was left running; the next run resumes it.`
            : `Interrupted by a worker shutdown: the ${provider.name} request was cancelled; the job runs again.`
          : cancelled
            ? `Cancelled by its owner: the ${provider.name} request was cancelled.`
            : pe
              ? pe.message.slice(0, 500)
              : 'Internal error',
        durationMs: Date.now() - t0,
        audioSeconds: request.durationS,
      });
      if (shutdown || cancelled) throw err;
      // That request failed (or was cancelled): nothing to resume; a retry submits anew.
      await ctx.rememberRequest(null);
      ctx.deps.log?.warn({ jobId: ctx.job.id, provider: provider.name, code, err }, 'provider failed');
      lastError = err;
      const retryable = pe ? pe.retryable : true;
      if (retryable && code !== 'CANCELLED') {
        transientSeen = true;
        noteWait(pe?.retryAfterMs);
        await circuit.failure(provider.name, code).catch(() => {});
      }
      if (STOP_CHAIN.has(code) || ctx.signal.aborted) break;
    }
  }
  const pe = lastError instanceof ProviderError ? lastError : null;
  if (pe && STOP_CHAIN.has(pe.code)) throw permanent(pe.code, pe.message);
  if (transientSeen)
    throw transient(pe?.code ?? 'UNEXPECTED', pe?.message ?? 'every provider failed', waitMs);
  throw permanent(pe?.code ?? 'UNEXPECTED', pe?.message ?? 'every provider failed');
}

async function storeOutputs(
  storage: ObjectStorage,
  trackId: string,
  version: number,
  out: MusicResult,
  onProgress: (fraction: number) => void,
  stopped: () => boolean,
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
    if (stopped()) throw permanent('CANCELLED', 'cancelled while storing its files');
    if (!item.body) {
      keys[item.kind] = null;
      continue;
    }
    const key = trackObjectKey({ trackId, kind: item.kind, version });
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

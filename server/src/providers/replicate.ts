import Replicate from 'replicate';
import { CANCEL_WAIT_MS, guardedFetch, providerErrorOf, redact, settleWithin, tolerantPoll } from './http.ts';
import { hostedKeyFingerprint, KeyRing, submitWithKeyRotation } from './keys.ts';
import { closeRemoteAudio, describeRequest, finishRemoteAudio, fitText } from './remote-result.ts';
import type { ResultHosts } from './result-hosts.ts';
import type {
  HostedRequestRef,
  MusicProvider,
  MusicRequest,
  MusicResult,
  ProviderCallOptions,
  ProviderCapabilities,
} from './types.ts';
import { ProviderError } from './types.ts';

// Replicate's predictions API with the official client: POST /v1/predictions
// {version, input} (meta/musicgen is a community model: by version) or
// POST /v1/models/{owner}/{name}/predictions (official models: minimax/music-1.5);
// poll GET /v1/predictions/{id}; cancel POST …/cancel; `Authorization: Bearer …`.

/** Instrumentals (and melody from a reference) by MusicGen; songs with lyrics by MiniMax. */
export const REPLICATE_CAPABILITIES: ProviderCapabilities = {
  maxDurationS: 120,
  lyrics: true,
  instrumental: true,
  referenceAudio: true,
  stems: false,
  seed: true,
};

export interface ReplicateCall {
  /** `version` for community models, `model` for official ones. */
  target: { version: string } | { model: string };
  input: Record<string, unknown>;
  label: string;
}

/**
 * Our request in the chosen model's published inputs only (DEPENDENCY-NOTES):
 * meta/musicgen: prompt, model_version, duration, input_audio, continuation,
 * output_format, seed. minimax/music-1.5: prompt 10–300, lyrics 10–600.
 */
export function replicateCall(
  r: MusicRequest,
  models: { musicgenVersion: string; songModel: string },
): ReplicateCall {
  if (r.hasVocals) {
    const lyrics = r.lyrics?.trim() ?? '';
    if (lyrics.length < 10)
      throw new ProviderError('UNSUPPORTED', 'the song model needs lyrics of 10+ characters', false);
    if (r.referenceUrl)
      throw new ProviderError('UNSUPPORTED', 'the song model takes no reference audio', false);
    return {
      target: { model: models.songModel },
      input: { prompt: fitText(describeRequest(r), 10, 300), lyrics: fitText(lyrics, 10, 600) },
      label: models.songModel,
    };
  }
  const input: Record<string, unknown> = {
    prompt: describeRequest(r),
    model_version: r.referenceUrl ? 'stereo-melody-large' : 'stereo-large',
    duration: Math.round(r.durationS),
    output_format: 'wav',
    seed: r.seed,
  };
  if (r.referenceUrl) {
    input.input_audio = r.referenceUrl; // melody conditioning, not a continuation
    input.continuation = false;
  }
  return { target: { version: models.musicgenVersion }, input, label: 'meta/musicgen' };
}

export interface ReplicateOptions {
  tokens: string[];
  baseUrl: string;
  musicgenVersion: string;
  songModel: string;
  timeoutMs: number;
  pollMs: number;
  keyCooldownMs: number;
  /** Hosts a result may be downloaded from (REPLICATE_RESULT_HOSTS). */
  resultHosts: ResultHosts;
}

interface Prediction {
  id: string;
  status: 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'aborted';
  output?: unknown;
  error?: unknown;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

export function createReplicateProvider(o: ReplicateOptions): MusicProvider {
  const ring = new KeyRing(o.tokens, o.keyCooldownMs);
  const requestTimeoutMs = Math.min(o.timeoutMs, 30_000);
  const clients = o.tokens.map(
    (auth, i) =>
      new Replicate({
        auth,
        baseUrl: o.baseUrl,
        userAgent: 'soundfoundry',
        fetch: guardedFetch({
          provider: 'replicate',
          keyLabel: `#${i + 1}`,
          requestTimeoutMs,
          secrets: o.tokens,
          mode: 'hand-back',
        }),
      }),
  );
  const fingerprints = o.tokens.map(hostedKeyFingerprint);
  const err = (e: unknown) =>
    providerErrorOf(e) ??
    new ProviderError('PROVIDER_ERROR', redact(`replicate: ${(e as Error)?.message ?? e}`, o.tokens), true);

  async function create(call: ReplicateCall, signal: AbortSignal) {
    const { index, result } = await submitWithKeyRotation({
      ring,
      provider: 'replicate',
      noun: 'token',
      submit: async (i) =>
        (await clients[i]!.predictions.create({
          ...call.target,
          input: call.input,
          signal,
        } as Parameters<Replicate['predictions']['create']>[0])) as Prediction,
      toError: err,
    });
    return { index, prediction: result };
  }

  /**
   * The prediction an earlier run created, if Replicate still has it (starting, processing or
   * succeeded) and one of our tokens made it; null when it must be created anew (unknown, expired,
   * failed, cancelled, another token).
   */
  async function find(ref: HostedRequestRef, signal: AbortSignal) {
    const index = fingerprints.indexOf(ref.key);
    if (index === -1) return null;
    try {
      const p = (await tolerantPoll(
        () => clients[index]!.predictions.get(ref.id, { signal }),
        err,
      )) as Prediction;
      if (p.status !== 'starting' && p.status !== 'processing' && p.status !== 'succeeded') return null;
      return { index, prediction: p, started: Date.parse(ref.submittedAt) || Date.now() };
    } catch (e) {
      const pe = err(e);
      if (pe.code === 'NOT_FOUND') return null;
      // Unreachable for now: as when a wait's polls fail, stop paying for it (the retry creates anew;
      // the job's record of it is cleared with this failure).
      if (!signal.aborted) await settleWithin(clients[index]!.predictions.cancel(ref.id), CANCEL_WAIT_MS);
      throw pe;
    }
  }

  return {
    name: 'replicate',
    capabilities: REPLICATE_CAPABILITIES,
    async generate(request: MusicRequest, options: ProviderCallOptions = {}): Promise<MusicResult> {
      const call = replicateCall(request, o);
      const deadline = AbortSignal.timeout(o.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
      const resumed = options.resume?.provider === 'replicate' ? await find(options.resume, signal) : null;
      const label = resumed ? options.resume!.model : call.label;
      const { index, prediction, started } = resumed ?? {
        ...(await create(call, signal)),
        started: Date.now(),
      };
      const client = clients[index]!;
      let p = prediction;
      const ref: HostedRequestRef = {
        provider: 'replicate',
        id: p.id,
        model: label,
        key: fingerprints[index]!,
        submittedAt: new Date(started).toISOString(),
      };
      try {
        // Recorded before the wait: a worker stopped from here on hands this prediction over.
        await options.onSubmitted?.(ref);
        while (p.status === 'starting' || p.status === 'processing') {
          if (p.status === 'starting') options.onStatus?.({ message: 'starting' });
          // From the creation: a resumed wait goes on where the last one was.
          else options.onProgress?.(Math.min(0.9, (Date.now() - started) / 60_000));
          await sleep(o.pollMs, signal);
          if (signal.aborted) throw new Error('aborted');
          const id = p.id;
          p = (await tolerantPoll(() => client.predictions.get(id, { signal }), err)) as Prediction;
        }
        if (p.status !== 'succeeded')
          throw new ProviderError(
            'GENERATION_FAILED',
            `replicate prediction ${p.status}: ${redact(String(p.error ?? 'no detail'), o.tokens).slice(0, 200)}`,
            true,
          );
        const out = p.output;
        const url = Array.isArray(out) ? out[0] : out;
        options.onProgress?.(0.95);
        return await finishRemoteAudio(url, {
          provider: 'replicate',
          model: label,
          maxDurationS: request.durationS,
          requestTimeoutMs: Math.max(requestTimeoutMs, 60_000),
          resultHosts: o.resultHosts,
          resultHostsSetting: 'REPLICATE_RESULT_HOSTS',
          signal,
        });
      } catch (e) {
        // Stop paying for work nobody will collect, unless the caller stopped and hands the
        // prediction on (a worker shutdown: the next worker resumes it). Awaited briefly (a worker
        // shutting down exits next).
        const handedOn =
          options.signal?.aborted === true &&
          (await (options.leaveRunning?.(ref) ?? Promise.resolve(false)).catch(() => false));
        if (!handedOn && (p.status === 'starting' || p.status === 'processing'))
          await settleWithin(client.predictions.cancel(p.id), CANCEL_WAIT_MS);
        if (signal.aborted) {
          if (deadline.aborted && !options.signal?.aborted)
            throw new ProviderError(
              'TIMEOUT',
              `replicate did not finish within ${o.timeoutMs / 1000} s`,
              true,
            );
          throw new ProviderError('CANCELLED', 'replicate call cancelled', true);
        }
        throw err(e);
      }
    },
    async cancelRequest(ref: HostedRequestRef) {
      const index = fingerprints.indexOf(ref.key);
      if (ref.provider !== 'replicate' || index === -1) return;
      await settleWithin(clients[index]!.predictions.cancel(ref.id), CANCEL_WAIT_MS);
    },
    async health() {
      const k = ring.summary();
      return { ok: k.available > 0, detail: `${k.available}/${k.keys} tokens usable` };
    },
    async close() {
      await closeRemoteAudio();
    },
  };
}

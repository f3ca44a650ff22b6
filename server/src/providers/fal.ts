import { createFalClient } from '@fal-ai/client';
import { CANCEL_WAIT_MS, guardedFetch, redact, settleWithin, tolerantPoll } from './http.ts';
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

// FAL.ai's MiniMax Music through its queue protocol, with the official client:
// submit POST {base}/{owner}/{alias}/{path}; status GET {base}/{owner}/{alias}/requests/{id}/status;
// result GET …/requests/{id}; cancel PUT …/requests/{id}/cancel; `Authorization: Key …`.
// The client builds queue.fal.run URLs; a request middleware swaps in FAL_BASE_URL.

export type FalModel = 'fal-ai/minimax-music/v2' | 'fal-ai/minimax-music/v2.5' | 'fal-ai/minimax-music/v2.6';
const FAL_ORIGIN = 'https://queue.fal.run';

/** v2 needs lyrics (lyrics_prompt is required); v2.5/v2.6 also make instrumentals. */
export function falCapabilities(model: string): ProviderCapabilities {
  return {
    maxDurationS: 240,
    lyrics: true,
    instrumental: model !== 'fal-ai/minimax-music/v2',
    referenceAudio: false,
    stems: false,
    seed: false,
  };
}

/**
 * Our request in the model's published inputs, nothing else (DEPENDENCY-NOTES):
 * v2: prompt 10–300, lyrics_prompt 10–3000 (required), audio_setting;
 * v2.5/v2.6: prompt ≤ 2000, lyrics ≤ 3500 or is_instrumental, lyrics_optimizer.
 * MiniMax takes no duration or seed: the song's length follows its lyrics.
 */
export function falInput(model: string, r: MusicRequest): Record<string, unknown> {
  const lyrics = r.hasVocals ? r.lyrics?.trim() : undefined;
  if (model === 'fal-ai/minimax-music/v2') {
    if (!lyrics || lyrics.length < 10)
      throw new ProviderError('UNSUPPORTED', 'MiniMax v2 needs lyrics of 10+ characters', false);
    return {
      prompt: fitText(describeRequest(r), 10, 300),
      lyrics_prompt: fitText(lyrics, 10, 3000),
      audio_setting: { sample_rate: 44100, bitrate: 256000, format: 'mp3' },
    };
  }
  const prompt = fitText(describeRequest(r), 10, 2000);
  if (!r.hasVocals) return { prompt, is_instrumental: true };
  if (lyrics && lyrics.length >= 10) return { prompt, lyrics: fitText(lyrics, 10, 3500) };
  return { prompt, lyrics_optimizer: true }; // MiniMax writes the words from the prompt
}

export interface FalOptions {
  keys: string[];
  baseUrl: string;
  model: string;
  timeoutMs: number;
  pollMs: number;
  keyCooldownMs: number;
  /** Hosts a result may be downloaded from (FAL_RESULT_HOSTS). */
  resultHosts: ResultHosts;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

export function createFalProvider(o: FalOptions): MusicProvider {
  const ring = new KeyRing(o.keys, o.keyCooldownMs);
  const base = o.baseUrl.replace(/\/$/, '');
  const requestTimeoutMs = Math.min(o.timeoutMs, 30_000);
  const clients = o.keys.map((key, i) =>
    createFalClient({
      credentials: key,
      fetch: guardedFetch({ provider: 'fal', keyLabel: `#${i + 1}`, requestTimeoutMs, secrets: o.keys }),
      requestMiddleware: async (req) =>
        req.url.startsWith(FAL_ORIGIN) ? { ...req, url: base + req.url.slice(FAL_ORIGIN.length) } : req,
    }),
  );
  const model = o.model;
  const fingerprints = o.keys.map(hostedKeyFingerprint);

  /** Submits with the next usable key; a 429 or refused key moves on to the next one. */
  async function submit(input: Record<string, unknown>, signal: AbortSignal) {
    const { index, result } = await submitWithKeyRotation({
      ring,
      provider: 'fal',
      noun: 'key',
      submit: (i) => clients[i]!.queue.submit(model, { input, abortSignal: signal }),
      toError: (err) => asProviderError(err, o.keys),
    });
    return { index, requestId: result.request_id };
  }

  /**
   * The request an earlier run submitted, if FAL still has it (queued, running or done) and one of
   * our keys made it; null when it must be submitted anew (unknown, expired, failed, another key).
   */
  async function find(ref: HostedRequestRef, signal: AbortSignal) {
    const index = fingerprints.indexOf(ref.key);
    if (index === -1) return null;
    try {
      const s = await tolerantPoll(
        () =>
          clients[index]!.queue.status(ref.model, { requestId: ref.id, logs: false, abortSignal: signal }),
        (e) => asProviderError(e, o.keys),
      );
      // A request that ended in an error says so on its status (FAL's `error`): its result is lost.
      if ((s as { error?: unknown }).error) return null;
      return {
        index,
        requestId: ref.id,
        endpoint: ref.model,
        started: Date.parse(ref.submittedAt) || Date.now(),
      };
    } catch (err) {
      if (err instanceof ProviderError && err.code === 'NOT_FOUND') return null;
      // Unreachable for now: as when a wait's polls fail, stop paying for it (the retry submits anew;
      // the job's record of it is cleared with this failure).
      if (!signal.aborted)
        await settleWithin(clients[index]!.queue.cancel(ref.model, { requestId: ref.id }), CANCEL_WAIT_MS);
      throw err;
    }
  }

  return {
    name: 'fal',
    capabilities: falCapabilities(model),
    async generate(request: MusicRequest, options: ProviderCallOptions = {}): Promise<MusicResult> {
      const input = falInput(model, request);
      const deadline = AbortSignal.timeout(o.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
      const resumed = options.resume?.provider === 'fal' ? await find(options.resume, signal) : null;
      const { index, requestId, endpoint, started } = resumed ?? {
        ...(await submit(input, signal)),
        endpoint: model,
        started: Date.now(),
      };
      const client = clients[index]!;
      const ref: HostedRequestRef = {
        provider: 'fal',
        id: requestId,
        model: endpoint,
        key: fingerprints[index]!,
        submittedAt: new Date(started).toISOString(),
      };
      try {
        // Recorded before the wait: a worker stopped from here on hands this request over.
        await options.onSubmitted?.(ref);
        for (;;) {
          const s = await tolerantPoll(
            () => client.queue.status(endpoint, { requestId, logs: false, abortSignal: signal }),
            (e) => asProviderError(e, o.keys),
          );
          if (s.status === 'COMPLETED') break;
          if (s.status === 'IN_QUEUE') options.onStatus?.({ queuePosition: s.queue_position });
          else {
            options.onStatus?.({ queuePosition: 0 });
            // MiniMax reports no percentage: an honest crawl towards 90 % over about a minute
            // (from the submission: a resumed wait goes on where the last one was).
            options.onProgress?.(Math.min(0.9, (Date.now() - started) / 60_000));
          }
          await sleep(o.pollMs, signal);
          if (signal.aborted) throw new Error('aborted');
        }
        const result = await client.queue.result(endpoint, { requestId, abortSignal: signal });
        const audio = (result.data as { audio?: { url?: unknown } } | null)?.audio;
        options.onProgress?.(0.95);
        return await finishRemoteAudio(audio?.url, {
          provider: 'fal',
          model: endpoint,
          maxDurationS: request.durationS,
          requestTimeoutMs: Math.max(requestTimeoutMs, 60_000),
          resultHosts: o.resultHosts,
          resultHostsSetting: 'FAL_RESULT_HOSTS',
          signal,
        });
      } catch (err) {
        // Stop paying for work nobody will collect (a no-op once it completed), unless the caller
        // stopped and hands the request on (a worker shutdown: the next worker resumes it). Awaited,
        // briefly: a worker shutting down exits right after, and the request must have reached FAL.
        const handedOn =
          options.signal?.aborted === true &&
          (await (options.leaveRunning?.(ref) ?? Promise.resolve(false)).catch(() => false));
        if (!handedOn) await settleWithin(client.queue.cancel(endpoint, { requestId }), CANCEL_WAIT_MS);
        if (signal.aborted) {
          if (deadline.aborted && !options.signal?.aborted)
            throw new ProviderError('TIMEOUT', `fal did not finish within ${o.timeoutMs / 1000} s`, true);
          throw new ProviderError('CANCELLED', 'fal call cancelled', true);
        }
        throw asProviderError(err, o.keys);
      }
    },
    async cancelRequest(ref: HostedRequestRef) {
      const index = fingerprints.indexOf(ref.key);
      if (ref.provider !== 'fal' || index === -1) return;
      await settleWithin(clients[index]!.queue.cancel(ref.model, { requestId: ref.id }), CANCEL_WAIT_MS);
    },
    async health() {
      const k = ring.summary();
      return { ok: k.available > 0, detail: `${model}; ${k.available}/${k.keys} keys usable` };
    },
    async close() {
      await closeRemoteAudio();
    },
  };
}

function asProviderError(err: unknown, keys: readonly string[]): ProviderError {
  if (err instanceof ProviderError) return err;
  return new ProviderError('PROVIDER_ERROR', redact(`fal: ${(err as Error)?.message ?? err}`, keys), true);
}

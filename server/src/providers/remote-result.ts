import { promptWithStyle } from '../services/style-vocabulary.ts';
import { guardedFetch } from './http.ts';
import { fetchResult, type ResultHosts } from './result-hosts.ts';
import type { MusicResult } from './types.ts';
import { ProviderError } from './types.ts';

const MAX_RESULT_BYTES = 200 * 1024 * 1024;

/** One audio thread per process, shared by the hosted providers (started on first use). */
let finisher: import('@soundfoundry/engine').FinishWorker | null = null;

/** Stops the audio thread (the provider chain's close). */
export async function closeRemoteAudio(): Promise<void> {
  const f = finisher;
  finisher = null;
  await f?.close();
}

/**
 * A hosted model's result becomes ours: downloaded into memory (no credentials sent
 * to its CDN), decoded, mastered to our loudness, encoded as our WAV/MP3/preview, its
 * duration measured. The provider's URL goes nowhere else: users get our storage's
 * signed URLs. Anything that is not readable audio is BAD_OUTPUT (worth another
 * provider or a later try).
 */
export async function finishRemoteAudio(
  url: unknown,
  o: {
    provider: string;
    model: string;
    maxDurationS: number;
    requestTimeoutMs: number;
    /** Hosts the result may be downloaded from (and redirected to); the env var naming them. */
    resultHosts: ResultHosts;
    resultHostsSetting: string;
    signal?: AbortSignal;
  },
): Promise<MusicResult> {
  if (typeof url !== 'string' || !/^https?:\/\//.test(url))
    throw new ProviderError('BAD_OUTPUT', `${o.provider} returned no audio URL`, true);
  const get = guardedFetch({
    provider: o.provider,
    keyLabel: 'cdn',
    requestTimeoutMs: o.requestTimeoutMs,
    secrets: [],
  });
  const res = await fetchResult(url, {
    provider: o.provider,
    hosts: o.resultHosts,
    setting: o.resultHostsSetting,
    fetch: get,
    signal: o.signal,
  });
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_RESULT_BYTES)
    throw new ProviderError('BAD_OUTPUT', `${o.provider} returned a ${length}-byte file`, true);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const engine = await import('@soundfoundry/engine');
  finisher ??= engine.createFinishWorker();
  let out: Awaited<ReturnType<typeof engine.finishExternalAudio>>;
  try {
    // Some slack over the request: a model may run a little long; far longer is refused.
    // In a worker thread: seconds of DSP must not stall lease and lock renewals.
    out = await finisher.finish(bytes, {
      maxDurationSec: Math.max(30, o.maxDurationS * 2),
      signal: o.signal,
    });
  } catch (err) {
    if (engine.isAudioAnalysisError(err))
      throw new ProviderError(
        'BAD_OUTPUT',
        `${o.provider} returned a file that is not usable audio (${err.code}: ${err.message})`,
        true,
      );
    throw err;
  }
  return {
    mp3: out.mp3,
    wav: out.wav,
    preview: out.previewMp3,
    stemsZip: null,
    midi: null,
    peaks: out.peaks,
    plan: {
      source: o.provider,
      model: o.model,
      durationSec: Math.round(out.durationSec * 100) / 100,
      integratedLufs: Math.round(out.integratedLufs * 10) / 10,
      truePeakDbtp: Math.round(out.truePeakDbtp * 10) / 10,
    },
    bpm: null,
    key: null,
    genre: null,
    style: null,
    durationS: out.durationSec,
  };
}

/** Our request as a text prompt: the user's words, then the musical settings they chose. */
export function describeRequest(r: {
  prompt: string;
  genre?: string;
  style?: string;
  bpm?: number;
  key?: string;
  hasVocals: boolean;
}): string {
  // Hosted models take text only: an explicit style reaches them as its name in the prompt.
  const parts = [promptWithStyle(r.prompt.trim(), r.style)];
  if (r.genre) parts.push(r.genre);
  if (r.bpm) parts.push(`${r.bpm} BPM`);
  if (r.key) parts.push(`in ${r.key}`);
  if (!r.hasVocals) parts.push('instrumental');
  return parts.join(', ');
}

/** Clips to `max` characters at a word boundary where possible; pads to `min` (models refuse shorter). */
export function fitText(text: string, min: number, max: number): string {
  let t = text.trim();
  if (t.length > max) {
    const cut = t.slice(0, max);
    const space = cut.lastIndexOf(' ');
    t = (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,\s]+$/, '');
  }
  while (t.length < min) t = `${t} music`.trim();
  return t;
}

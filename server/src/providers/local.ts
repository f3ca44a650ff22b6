import type { GeneratedTrack, GenerateParams, Genre, KeyName, Tonic } from '@soundfoundry/engine';
import type {
  MusicProvider,
  MusicRequest,
  MusicResult,
  ProviderCallOptions,
  ProviderCapabilities,
} from './types.ts';
import { ProviderError } from './types.ts';

/** Our engine: any duration the API allows, sung or instrumental, stems and MIDI, seeded. */
export const LOCAL_CAPABILITIES: ProviderCapabilities = {
  maxDurationS: 240,
  lyrics: true,
  instrumental: true,
  referenceAudio: true, // uses the reference's analysed tempo/key/energy
  stems: true,
  seed: true,
};

type EngineWorker = ReturnType<typeof import('@soundfoundry/engine')['createEngineWorker']>;

/**
 * The embedded default: our own engine, rendering in long-lived worker threads,
 * `engines` of them (one render each at a time: WORKER_CONCURRENCY local jobs need
 * that many; worker/concurrency.ts caps it). A job beyond them waits for a free one.
 */
export function createLocalProvider(opts: { engines?: number } = {}): MusicProvider {
  const size = Math.max(1, opts.engines ?? 1);
  // The engine (and its 40 MB soundfont) loads on first use, in this process only
  // if it runs jobs: an API process behind BullMQ never pays for it.
  const idle: EngineWorker[] = [];
  const all: EngineWorker[] = [];
  const waiters: ((w: EngineWorker) => void)[] = [];
  let starting = 0; // engines being created (the import is async: count them at once)
  let warmed = 0; // engines whose warm() resolved (soundfont parsed, job samples decoded)
  let closed = false;
  const acquire = async (): Promise<EngineWorker> => {
    const free = idle.pop();
    if (free) return free;
    if (all.length + starting < size) {
      starting++;
      try {
        const engine = await import('@soundfoundry/engine');
        const w = engine.createEngineWorker();
        all.push(w);
        return w;
      } finally {
        starting--;
      }
    }
    return new Promise((resolve) => waiters.push(resolve));
  };
  const release = (w: EngineWorker) => {
    const next = waiters.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    name: 'local',
    capabilities: LOCAL_CAPABILITIES,
    async generate(request: MusicRequest, options: ProviderCallOptions = {}): Promise<MusicResult> {
      let out: GeneratedTrack;
      if (idle.length === 0 && all.length + starting >= size)
        options.onStatus?.({ queuePosition: waiters.length + 1 });
      const worker = await acquire();
      try {
        out = await worker.generate(toEngineParams(request), {
          onProgress: (p: { fraction: number }) => options.onProgress?.(p.fraction),
          signal: options.signal,
        });
      } catch (err) {
        if ((err as Error)?.name === 'EngineParamError') {
          throw new ProviderError('INVALID_PARAMS', (err as Error).message, false);
        }
        if ((err as Error)?.name === 'EngineCancelledError') {
          throw new ProviderError('CANCELLED', 'Rendering was cancelled.', false);
        }
        throw new ProviderError('ENGINE_ERROR', `The local engine failed: ${(err as Error).message}`, true);
      } finally {
        release(worker);
      }
      return {
        mp3: out.mp3,
        wav: out.wav,
        preview: out.previewMp3,
        stemsZip: out.stemsZip,
        midi: out.midi,
        plan: out.plan as Record<string, unknown>,
        peaks: out.peaks,
        bpm: Math.round(out.plan.bpm),
        key: out.plan.key,
        genre: out.plan.genre,
        style: typeof out.plan.style === 'string' ? out.plan.style : null,
      };
    },
    async health() {
      return {
        ok: true,
        detail: `local engine (no network); ${all.length} of ${size} engines started, ${warmed} warm`,
      };
    },
    /**
     * Starts the first engine and waits until it is warm, so the process's first job does not
     * parse the soundfont and decode samples (≈1 s of CPU per thread) on its critical path.
     * Only the first: the others start with the jobs that need them, so an idle process holds
     * one engine's memory. The engine is idle meanwhile: a job that arrives takes it at once
     * (its preload pauses while a job runs).
     */
    async warm() {
      if (closed || all.length + starting > 0) return;
      const w = await acquire();
      release(w);
      if (closed) return;
      await w.warm();
      if (!closed && all.includes(w)) warmed++;
    },
    async close() {
      closed = true;
      await Promise.all(all.splice(0).map((w) => w.close()));
      idle.length = 0;
    },
  };
}

export function toEngineParams(r: MusicRequest): GenerateParams {
  return {
    prompt: r.prompt,
    durationSec: r.durationS,
    seed: r.seed,
    genre: r.genre as Genre | undefined,
    style: r.style,
    key: r.key as KeyName | undefined,
    bpm: r.bpm,
    styleStrength: r.styleStrength,
    hasVocals: r.hasVocals,
    lyrics: r.lyrics,
    reference: r.reference
      ? {
          bpm: r.reference.bpm,
          tonic: r.reference.tonic as Tonic | undefined,
          mode: r.reference.mode,
          energy: r.reference.energy,
        }
      : undefined,
  };
}

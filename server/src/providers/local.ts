import type { GeneratedTrack, GenerateParams, Genre, KeyName, Tonic } from '@soundfoundry/engine';
import type { MusicProvider, MusicRequest, MusicResult, ProviderCallOptions } from './types.ts';
import { ProviderError } from './types.ts';

/** The embedded default: our own engine, rendering in a long-lived worker thread. */
export function createLocalProvider(): MusicProvider {
  // The engine (and its 40 MB soundfont) loads on first use, in this process only
  // if it runs jobs: an API process behind BullMQ never pays for it.
  type EngineWorker = ReturnType<typeof import('@soundfoundry/engine')['createEngineWorker']>;
  let worker: EngineWorker | null = null;
  const getWorker = async (): Promise<EngineWorker> => {
    if (!worker) {
      const engine = await import('@soundfoundry/engine');
      worker = engine.createEngineWorker();
    }
    return worker;
  };
  return {
    name: 'local',
    async generate(request: MusicRequest, options: ProviderCallOptions = {}): Promise<MusicResult> {
      let out: GeneratedTrack;
      try {
        out = await (await getWorker()).generate(toEngineParams(request), {
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
      }
      return {
        mp3: out.mp3,
        wav: out.wav,
        preview: out.previewMp3,
        stemsZip: out.stemsZip,
        midi: out.midi,
        plan: out.plan as Record<string, unknown>,
        bpm: Math.round(out.plan.bpm),
        key: out.plan.key,
        genre: out.plan.genre,
      };
    },
    async health() {
      return { ok: true, detail: 'local engine (no network)' };
    },
    async close() {
      await worker?.close();
      worker = null;
    },
  };
}

export function toEngineParams(r: MusicRequest): GenerateParams {
  return {
    prompt: r.prompt,
    durationSec: r.durationS,
    seed: r.seed,
    genre: r.genre as Genre | undefined,
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

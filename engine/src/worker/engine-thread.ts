// Entry point of the engine's worker thread: runs generateTrack for the parent, one job at a time,
// forwarding progress and honouring cancel messages. The soundfont stays parsed between jobs.
import { parentPort, workerData } from 'node:worker_threads';
import { BasicSoundBank } from 'spessasynth_core';
import { generateTrackWith, IN_THREAD_RUNTIME } from '../generate.ts';
import { loadSoundfont } from '../render/soundfont.ts';
import { EngineCancelledError, EngineParamError } from '../types.ts';
import { collectGarbage } from './collect-garbage.ts';
import { createHelperRuntime } from './helper-client.ts';
import { decodeInSteps, preloadSamples } from './preload-samples.ts';
import type { ToThread } from './protocol.ts';
import { transferables } from './transfer.ts';

if (!parentPort) throw new Error('engine-thread.ts must run in a worker thread');
const port = parentPort;
const controllers = new Map<number, AbortController>();
// With the helper (parallel, the default) the mix bus runs there; without it everything runs here,
// in sequence. Same bytes.
const helper =
  (workerData as { parallel?: boolean } | undefined)?.parallel === false ? undefined : createHelperRuntime();
const runtime = helper ?? IN_THREAD_RUNTIME;

/**
 * From the thread's start: each thread decodes the samples it will play (preload-samples.ts), the
 * helper its own; paused while a job runs. Settles when both have.
 */
async function preload(): Promise<void> {
  loadSoundfont();
  // Until the Vorbis decoder (WebAssembly) is ready a sample "decodes" to silence, and stays so.
  await BasicSoundBank.isSF3DecoderReady;
  const busy = () => controllers.size > 0;
  const lanes = await preloadSamples(helper !== undefined, busy);
  const helperDone = helper?.preload(lanes.helper);
  await decodeInSteps(lanes.engine, busy);
  await helperDone;
}
// A failed preload costs only speed: jobs decode the samples they play on demand.
const preloaded = preload().catch(() => undefined);

port.on('message', (message: ToThread) => {
  if (message.type === 'warm') {
    helper?.warm();
    loadSoundfont();
    void preloaded.then(() => port.postMessage({ type: 'warmed' }));
    return;
  }
  if (message.type === 'cancel') {
    controllers.get(message.id)?.abort();
    return;
  }
  const { id, params } = message;
  const controller = new AbortController();
  controllers.set(id, controller);
  generateTrackWith(
    params,
    {
      signal: controller.signal,
      onProgress: (progress) => port.postMessage({ type: 'progress', id, progress }),
    },
    runtime,
  )
    .then((track) =>
      port.postMessage(
        { type: 'result', id, track },
        transferables([track.wav, track.mp3, track.previewMp3, track.stemsZip, track.midi]),
      ),
    )
    .catch((error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        type: 'error',
        id,
        name: e.name,
        message: e.message,
        field: e instanceof EngineParamError ? e.field : undefined,
        cancelled: e instanceof EngineCancelledError,
      });
    })
    .finally(() => {
      controllers.delete(id);
      collectGarbage();
    });
});

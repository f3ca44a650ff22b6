// Entry point of the engine's worker thread: runs generateTrack for the parent, one job at a time,
// forwarding progress and honouring cancel messages. The soundfont stays parsed between jobs.
import { parentPort, workerData } from 'node:worker_threads';
import { generateTrackWith, IN_THREAD_RUNTIME } from '../generate.ts';
import { loadSoundfont } from '../render/soundfont.ts';
import { EngineCancelledError, EngineParamError, type GeneratedTrack } from '../types.ts';
import { createHelperRuntime } from './helper-client.ts';
import type { ToThread } from './protocol.ts';

if (!parentPort) throw new Error('engine-thread.ts must run in a worker thread');
const port = parentPort;
const controllers = new Map<number, AbortController>();
// Without the helper (parallel: false, the default) everything runs here, in sequence; same bytes.
const helper =
  (workerData as { parallel?: boolean } | undefined)?.parallel === true ? createHelperRuntime() : undefined;
const runtime = helper ?? IN_THREAD_RUNTIME;

function transferList(track: GeneratedTrack): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const b of [track.wav, track.mp3, track.previewMp3, track.stemsZip, track.midi]) {
    if (b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
      buffers.add(b.buffer);
  }
  return [...buffers];
}

port.on('message', (message: ToThread) => {
  if (message.type === 'warm') {
    helper?.warm();
    loadSoundfont();
    port.postMessage({ type: 'warmed' });
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
    .then((track) => port.postMessage({ type: 'result', id, track }, transferList(track)))
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
    .finally(() => controllers.delete(id));
});

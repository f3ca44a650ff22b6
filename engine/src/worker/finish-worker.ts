// finishExternalAudio (decode, master, encode a hosted model's file) in a long-lived worker
// thread, so seconds of DSP never block the caller's event loop (a job runner renewing
// leases, a queue worker renewing locks). Requests queue and run one at a time.
import { Worker } from 'node:worker_threads';
import { AudioAnalysisError, type AudioAnalysisErrorCode } from '../analyze/errors.ts';
import type { FinishAudioOptions, FinishedAudio } from '../finish-audio.ts';
import { workerEntry } from './thread-url.ts';

export interface FinishWorker {
  finish(bytes: Uint8Array, options: FinishAudioOptions): Promise<FinishedAudio>;
  close(): Promise<void>;
}

type Reply =
  | { id: number; ok: true; result: FinishedAudio }
  | { id: number; ok: false; error: { name: string; code?: string; message: string } };

export function createFinishWorker(): FinishWorker {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: FinishedAudio) => void; reject: (e: Error) => void }>();
  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new AudioAnalysisError('CORRUPT', message));
    waiting.clear();
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const entry = workerEntry(import.meta.url, './finish-thread');
    const w = new Worker(entry.url, entry.options);
    w.on('message', (r: Reply) => {
      const p = waiting.get(r.id);
      if (!p) return;
      waiting.delete(r.id);
      if (waiting.size === 0) w.unref();
      if (r.ok) p.resolve(r.result);
      else if (r.error.name === 'AudioAnalysisError')
        p.reject(new AudioAnalysisError(r.error.code as AudioAnalysisErrorCode, r.error.message));
      else p.reject(new Error(r.error.message));
    });
    w.on('error', (err) => {
      worker = null;
      failAll(`The audio could not be processed (${err.message}).`);
    });
    w.on('exit', () => {
      if (worker === w) {
        worker = null;
        failAll('The audio worker stopped unexpectedly.');
      }
    });
    w.unref();
    worker = w;
    return w;
  };
  return {
    finish(bytes, options) {
      const { signal, ...rest } = options;
      if (signal?.aborted) return Promise.reject(new AudioAnalysisError('TIMEOUT', 'cancelled'));
      const id = nextId++;
      return new Promise<FinishedAudio>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const w = ensure();
        w.ref();
        w.postMessage({ id, bytes, options: rest });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      failAll('The audio worker was closed.');
      if (w) {
        w.removeAllListeners();
        await w.terminate();
      }
    },
  };
}

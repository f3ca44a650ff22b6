// Runs the engine in ONE long-lived worker thread so the server's event loop never blocks and the
// 40 MB soundfont is parsed once. Jobs run one after another (rendering is CPU-bound: two at once
// on one thread would only interleave); progress and cancellation are forwarded. If the thread dies,
// pending jobs fail and the next job starts a fresh thread.
import { Worker } from 'node:worker_threads';
import { validateGenerateParams } from '../compose/validate.ts';
import {
  EngineCancelledError,
  EngineParamError,
  type GeneratedTrack,
  type GenerateOptions,
  type GenerateParams,
} from '../types.ts';
import type { FromThread, ToThread } from './protocol.ts';
import { ENGINE_THREAD_LIMITS } from './thread-limits.ts';
import { workerEntry } from './thread-url.ts';

export interface EngineWorker {
  generate(params: GenerateParams, options?: GenerateOptions): Promise<GeneratedTrack>;
  /**
   * Starts the thread(s) now and resolves once the soundfont is parsed and the samples jobs play are
   * decoded (preload-samples.ts; ≈1 s of CPU on each thread, 3.3–4.8 s wall measured at load 6–9),
   * so the next job does not decode them.
   */
  warm(): Promise<void>;
  /** Stops the thread; pending jobs reject with EngineCancelledError. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  params: GenerateParams;
  options: GenerateOptions;
  resolve: (t: GeneratedTrack) => void;
  reject: (e: Error) => void;
  onAbort?: () => void;
}

export interface EngineWorkerOptions {
  /**
   * Share each job with a helper thread beside the engine thread (it synthesises the harmony stem
   * and usually the lead; masters and writes the WAV while the engine thread renders the other
   * stems; each encodes half the MP3), so a job uses two cores (figures: bench:engine). The
   * helper parses the same shared soundfont bytes and decodes the samples of its own instruments.
   * Same bytes either way.
   * Default true; false keeps a job on one core.
   */
  parallel?: boolean;
}

export function createEngineWorker(options: EngineWorkerOptions = {}): EngineWorker {
  const parallel = options.parallel ?? true;
  let worker: Worker | undefined;
  let nextId = 1;
  const queue: Job[] = [];
  let running: Job | undefined;
  const warmWaiters: (() => void)[] = [];
  let closed = false;

  const settle = (job: Job): void => {
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    if (running === job) running = undefined;
    pump();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const entry = workerEntry(import.meta.url, './engine-thread', { parallel });
    const w = new Worker(entry.url, { ...entry.options, resourceLimits: ENGINE_THREAD_LIMITS });
    w.on('message', (m: FromThread) => {
      if (m.type === 'warmed') {
        for (const f of warmWaiters.splice(0)) f();
        return;
      }
      const job = running;
      if (!job || job.id !== m.id) return;
      if (m.type === 'progress') job.options.onProgress?.(m.progress);
      else if (m.type === 'result') {
        settle(job);
        job.resolve(m.track);
      } else {
        settle(job);
        if (m.cancelled) job.reject(new EngineCancelledError());
        else if (m.field !== undefined) job.reject(new EngineParamError(m.field, m.message));
        else job.reject(Object.assign(new Error(m.message), { name: m.name }));
      }
    });
    const fail = (error: Error): void => {
      worker = undefined;
      for (const f of warmWaiters.splice(0)) f();
      const job = running;
      running = undefined;
      if (job) {
        if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
        job.reject(error);
      }
      pump();
    };
    w.on('error', (e) => fail(e));
    w.on('exit', (code) => {
      if (worker === w) fail(new Error(`engine worker exited with code ${code}`));
    });
    worker = w;
    return w;
  };

  const pump = (): void => {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) return;
    running = job;
    const msg: ToThread = { type: 'generate', id: job.id, params: job.params };
    ensureWorker().postMessage(msg);
  };

  return {
    generate(params, options = {}) {
      return new Promise<GeneratedTrack>((resolve, reject) => {
        if (closed) return reject(new Error('engine worker is closed'));
        validateGenerateParams(params);
        if (options.signal?.aborted) return reject(new EngineCancelledError());
        const job: Job = { id: nextId++, params, options, resolve, reject };
        job.onAbort = () => {
          const queued = queue.indexOf(job);
          if (queued >= 0) {
            queue.splice(queued, 1);
            reject(new EngineCancelledError());
          } else if (running === job) {
            worker?.postMessage({ type: 'cancel', id: job.id } satisfies ToThread);
          }
        };
        options.signal?.addEventListener('abort', job.onAbort, { once: true });
        queue.push(job);
        pump();
      });
    },
    warm() {
      return new Promise<void>((resolve) => {
        if (closed) return resolve();
        warmWaiters.push(resolve);
        ensureWorker().postMessage({ type: 'warm' } satisfies ToThread);
      });
    },
    async close() {
      closed = true;
      // A warm() still waiting resolves: there is nothing left to get ready.
      for (const f of warmWaiters.splice(0)) f();
      for (const job of queue.splice(0)) job.reject(new EngineCancelledError());
      if (running) running.reject(new EngineCancelledError());
      running = undefined;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

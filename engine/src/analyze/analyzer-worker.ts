// A long-lived worker thread that runs analyzeAudio off the caller's event loop. Requests are
// queued and run one at a time. A request aborted while it waits leaves the queue at once and
// never runs. A request that is aborted or overruns its wall-time budget while running cannot be
// interrupted inside synchronous DSP, so the thread is terminated and replaced: the caller gets
// TIMEOUT at once and later requests start on a fresh thread.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker/thread-url.ts';
import type { AnalyzeOptions, AudioAnalysis } from './analyze-audio.ts';
import { DEFAULT_TIMEOUT_MS } from './analyze-audio.ts';
import { AudioAnalysisError, type AudioAnalysisErrorCode } from './errors.ts';

export interface AnalyzerWorker {
  /**
   * Queues one analysis. `options.signal` may abort it at any time: while it waits (it is dropped
   * without running) or while it runs (its thread is ended). Either way it rejects with TIMEOUT.
   */
  analyze(bytes: Uint8Array, options?: AnalyzeOptions): Promise<AudioAnalysis>;
  /** Terminates the thread; pending requests reject with TIMEOUT ("cancelled"). */
  close(): Promise<void>;
  /** Threads started so far (a recycled thread is replaced by a new one on the next job). */
  threadsStarted(): number;
}

export interface AnalyzerWorkerOptions {
  /** V8 heap limit of the thread in MB (decoded PCM lives in ArrayBuffers outside this heap). */
  maxOldGenerationSizeMb?: number;
  /**
   * A job that decoded more than this many bytes of PCM, or failed, ends its thread:
   * the thread's heaps and decoder memories go back to the system at once instead of
   * staying with an idle thread (default 64 MB). The next job starts a fresh thread.
   */
  recycleAboveBytes?: number;
  /**
   * When a thread ends (recycled, failed, timed out or aborted) and no job is waiting, start its
   * replacement at once and get it ready while idle (decoders compiled, helper thread started,
   * one short synthetic analysis so the stages' hot loops are compiled), so the next job does not
   * pay a cold start (a 3-minute 48 kHz MP3 after a recycle: 1133 → 872 ms, bench:analysis
   * --speed-only). Default true; the replacement is unref'd like any idle analyser.
   */
  prewarm?: boolean;
}

/** Bytes of float PCM an analysis held (all channels), from its result. */
function decodedBytesOf(a: AudioAnalysis): number {
  return a.duration_s * a.sample_rate * a.channels * 4;
}

type Reply =
  | { id: number; ok: true; result: AudioAnalysis }
  | { id: number; ok: false; error: { code: AudioAnalysisErrorCode; message: string } };

interface Job {
  id: number;
  bytes: Uint8Array;
  options: AnalyzeOptions;
  resolve: (a: AudioAnalysis) => void;
  reject: (e: Error) => void;
  /** Stops listening for an abort while queued (set while the job waits). */
  stopWatchingQueue?: () => void;
}

const CANCELLED = 'The analysis was cancelled.';
const TOO_SLOW = 'The audio took too long to analyse; try a shorter or simpler file.';
const NOT_STARTED_IN_TIME = 'The analyser was too busy to start on this audio in time; try again shortly.';

/** A caller's deadline (AbortSignal.timeout) says so in the message; any other abort is a cancel. */
function abortError(signal: AbortSignal, whileQueued: boolean): AudioAnalysisError {
  const deadline = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  const message = !deadline ? CANCELLED : whileQueued ? NOT_STARTED_IN_TIME : TOO_SLOW;
  return new AudioAnalysisError('TIMEOUT', message);
}

function spawn(options: AnalyzerWorkerOptions): Worker {
  // From TS source (tsx, vitest) the entry goes through the tsx bootstrap; built JS runs as is.
  const entry = workerEntry(import.meta.url, './worker');
  return new Worker(entry.url, {
    ...entry.options,
    resourceLimits: options.maxOldGenerationSizeMb
      ? { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb }
      : undefined,
  });
}

export function createAnalyzerWorker(workerOptions: AnalyzerWorkerOptions = {}): AnalyzerWorker {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;
  let started = 0;
  const queue: Job[] = [];
  let current: { job: Job; timer: NodeJS.Timeout; onAbort: () => void } | null = null;

  const finish = () => {
    if (!current) return;
    clearTimeout(current.timer);
    current.job.options.signal?.removeEventListener('abort', current.onAbort);
    current = null;
  };

  const kill = () => {
    const w = worker;
    worker = null;
    if (w) {
      w.removeAllListeners();
      void w.terminate();
      // After the pump that follows: a queued job starts its own thread.
      queueMicrotask(prewarm);
    }
  };

  // Id 0 is never a job's: the answer is ignored by the message handler.
  const prewarm = () => {
    if (closed || worker || current || queue.length > 0 || workerOptions.prewarm === false) return;
    ensureWorker().postMessage({ id: 0, warm: true });
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = spawn(workerOptions);
    started++;
    w.on('message', (reply: Reply) => {
      if (!current || reply.id !== current.job.id) return;
      const { job } = current;
      finish();
      w.unref();
      const recycle =
        !reply.ok || decodedBytesOf(reply.result) > (workerOptions.recycleAboveBytes ?? 64 * 1024 * 1024);
      if (recycle) kill();
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new AudioAnalysisError(reply.error.code, reply.error.message));
      pump();
    });
    w.on('error', (err) => {
      // An out-of-memory or crashed thread: fail the running job and start afresh next time.
      const job = current?.job;
      finish();
      kill();
      job?.reject(new AudioAnalysisError('CORRUPT', `The audio could not be analysed (${err.message}).`));
      pump();
    });
    w.on('exit', () => {
      if (worker === w) {
        worker = null;
        const job = current?.job;
        finish();
        job?.reject(new AudioAnalysisError('CORRUPT', 'The analyser stopped unexpectedly.'));
        pump();
      }
    });
    // An idle analyser must not keep the process alive.
    w.unref();
    worker = w;
    return w;
  };

  const abortCurrent = (error: AudioAnalysisError) => {
    const job = current?.job;
    finish();
    kill();
    job?.reject(error);
    pump();
  };

  function pump(): void {
    if (current || closed) return;
    const job = queue.shift();
    if (!job) return;
    // An aborted job is never here: its abort took it out of the queue (dropFromQueueOnAbort).
    job.stopWatchingQueue?.();
    const w = ensureWorker();
    const timeoutMs = job.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The worker enforces the budget between stages; this is the backstop for a stage that hangs.
    const timer = setTimeout(
      () => abortCurrent(new AudioAnalysisError('TIMEOUT', TOO_SLOW)),
      timeoutMs + 2000,
    );
    const { signal } = job.options;
    const onAbort = () => {
      if (signal) abortCurrent(abortError(signal, false));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    current = { job, timer, onAbort };
    w.ref();
    w.postMessage({
      id: job.id,
      bytes: job.bytes,
      options: {
        maxDurationSec: job.options.maxDurationSec,
        timeoutMs,
        maxChannels: job.options.maxChannels,
        maxSampleRate: job.options.maxSampleRate,
        maxDecodedBytes: job.options.maxDecodedBytes,
      },
    });
  }

  /**
   * A job aborted while it waits leaves the queue at once: it never runs, its caller hears at once
   * (an abandoned upload no longer holds its caller, nor the queue, until its turn), and the jobs
   * behind it move up.
   */
  const dropFromQueueOnAbort = (job: Job, signal: AbortSignal) => {
    const onAbort = () => {
      const at = queue.indexOf(job);
      if (at >= 0) queue.splice(at, 1);
      job.reject(abortError(signal, true));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    job.stopWatchingQueue = () => signal.removeEventListener('abort', onAbort);
  };

  return {
    analyze(bytes, options = {}) {
      if (closed) return Promise.reject(new Error('The analyser worker is closed.'));
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(abortError(signal, true));
      return new Promise<AudioAnalysis>((resolve, reject) => {
        const job: Job = { id: nextId++, bytes, options, resolve, reject };
        if (signal) dropFromQueueOnAbort(job, signal);
        queue.push(job);
        pump();
      });
    },
    threadsStarted: () => started,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        job.stopWatchingQueue?.();
        job.reject(new AudioAnalysisError('TIMEOUT', CANCELLED));
      }
      const job = current?.job;
      finish();
      job?.reject(new AudioAnalysisError('TIMEOUT', CANCELLED));
      const w = worker;
      worker = null;
      if (w) {
        w.removeAllListeners();
        await w.terminate();
      }
    },
  };
}

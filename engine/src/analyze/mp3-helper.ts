// The helper thread that decodes the second part of a long MP3 while the calling thread decodes
// the first (decode.ts, mp3-split.ts). One warm thread per calling thread, reused across calls
// (its WASM decoder is compiled once); unref'd while idle so it never keeps a process alive. A
// call that finds it busy (concurrent analyses on one thread) decodes on one thread. On abort,
// timeout or any failure the thread is terminated and the next call starts a fresh one.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker/thread-url.ts';
import { AudioAnalysisError } from './errors.ts';
import type { TailReply, TailRequest } from './mp3-thread.ts';

export interface TailJob {
  /** The tail's samples, or null when it must be decoded on the calling thread after all. */
  result(deadlineMs: number, signal?: AbortSignal): Promise<Extract<TailReply, { ok: true }> | null>;
  /** Stops the job (terminating the thread if it is still decoding); idempotent. */
  cancel(): void;
}

let helper: Worker | null = null;
let busy = false;
let nextId = 1;
let started = 0;

/** Threads started so far in this thread (tests: reuse, and no leak after failures). */
export function mp3HelperThreadsStarted(): number {
  return started;
}

/** Whether a helper thread is alive right now (tests). */
export function mp3HelperAlive(): boolean {
  return helper !== null;
}

function spawnHelper(): Worker {
  const entry = workerEntry(import.meta.url, './mp3-thread');
  const w = new Worker(entry.url, entry.options);
  started++;
  w.unref();
  return w;
}

function kill(w: Worker): void {
  if (helper === w) helper = null;
  w.removeAllListeners();
  void w.terminate();
}

/** Starts decoding `req` on the helper thread; null when the helper is busy. */
export function startTailDecode(req: Omit<TailRequest, 'id'>): TailJob | null {
  if (busy) return null;
  let w: Worker;
  try {
    w = helper ?? spawnHelper();
  } catch {
    return null;
  }
  helper = w;
  busy = true;
  const id = nextId++;
  let settled = false;
  let resolveReply!: (r: TailReply | null) => void;
  const reply = new Promise<TailReply | null>((resolve) => {
    resolveReply = resolve;
  });
  const done = (r: TailReply | null, keepThread: boolean) => {
    if (settled) return;
    settled = true;
    w.off('message', onMessage);
    w.off('error', onFailure);
    w.off('exit', onFailure);
    if (keepThread) w.unref();
    else kill(w);
    busy = false;
    resolveReply(r);
  };
  const onMessage = (r: TailReply) => {
    if (r.id === id) done(r, r.ok);
  };
  const onFailure = () => done(null, false);
  w.on('message', onMessage);
  w.on('error', onFailure);
  w.on('exit', onFailure);
  // Referenced while it works: the caller is waiting for it.
  w.ref();
  // Only the tail is copied to the thread (a view would carry the whole buffer).
  const bytes = req.bytes.slice();
  w.postMessage({ ...req, id, bytes } satisfies TailRequest, [bytes.buffer]);

  return {
    cancel: () => done(null, false),
    async result(deadlineMs, signal) {
      if (signal?.aborted) {
        done(null, false);
        throw new AudioAnalysisError('TIMEOUT', 'The analysis was cancelled.');
      }
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<'timeout' | 'abort'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlineMs - performance.now()));
        onAbort = () => resolve('abort');
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const first = await Promise.race([reply, stop]);
        if (first === 'timeout' || first === 'abort') {
          done(null, false);
          throw first === 'abort'
            ? new AudioAnalysisError('TIMEOUT', 'The analysis was cancelled.')
            : new AudioAnalysisError(
                'TIMEOUT',
                'The audio took too long to analyse; try a shorter or simpler file.',
              );
        }
        return first?.ok ? first : null;
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

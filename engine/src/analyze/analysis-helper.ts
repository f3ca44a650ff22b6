// The analysis helper thread (analysis-helper-thread.ts): it decodes the second part of a long
// MP3 while the calling thread decodes the first (decode.ts, mp3-split.ts), then measures the
// loudness while the calling thread works on tempo and key (analyze-audio.ts). One warm thread
// per calling thread, reused across calls (its WASM decoder is compiled once); unref'd while
// idle so it never keeps a process alive. A call that finds it busy (concurrent analyses on one
// thread) does the work itself. On abort, timeout or any failure the thread is terminated and
// the next call starts a fresh one.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker/thread-url.ts';
import type { HelperRequest, LoudnessReply, TailReply, WarmReply } from './analysis-helper-thread.ts';
import { AudioAnalysisError } from './errors.ts';

/** The longest delay setTimeout honours (2³¹ − 1 ms, ≈ 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Ok<R> = Extract<R, { ok: true }>;

export interface HelperJob<R> {
  /** The answer, or null when the caller must do the work itself after all. */
  result(deadlineMs: number, signal?: AbortSignal): Promise<Ok<R> | null>;
  /** Stops the job (terminating the thread if it is still working); idempotent. */
  cancel(): void;
}

const HEAP_MB = 128;

let helper: Worker | null = null;
let busy = false;
let nextId = 1;
let started = 0;

/** Threads started so far by this thread (tests: reuse, and no leak after failures). */
export function helperThreadsStarted(): number {
  return started;
}

/** Whether a helper thread is alive right now (tests). */
export function helperAlive(): boolean {
  return helper !== null;
}

function kill(w: Worker): void {
  if (helper === w) helper = null;
  w.removeAllListeners();
  void w.terminate();
}

type Request = HelperRequest extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

function startJob<R extends { id: number; ok: boolean }>(
  request: Request,
  transfer: ArrayBuffer[],
): HelperJob<R> | null {
  if (busy) return null;
  let w: Worker;
  try {
    if (!helper) {
      const entry = workerEntry(import.meta.url, './analysis-helper-thread');
      // Its heap holds little (PCM is shared, decoder output lives in ArrayBuffers): a bound
      // like the analyser thread's, so a runaway helper dies (and the caller works alone).
      helper = new Worker(entry.url, {
        ...entry.options,
        resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
      });
      started++;
    }
    w = helper;
  } catch {
    return null;
  }
  busy = true;
  const id = nextId++;
  let settled = false;
  let resolveReply!: (r: R | null) => void;
  const reply = new Promise<R | null>((resolve) => {
    resolveReply = resolve;
  });
  const done = (r: R | null, keepThread: boolean) => {
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
  const onMessage = (r: R) => {
    if (r.id === id) done(r, r.ok);
  };
  const onFailure = () => done(null, false);
  w.on('message', onMessage);
  w.on('error', onFailure);
  w.on('exit', onFailure);
  // Referenced while it works: the caller is waiting for it.
  w.ref();
  w.postMessage({ ...request, id }, transfer);

  return {
    cancel: () => done(null, false),
    async result(deadlineMs, signal) {
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<'timeout' | 'abort'>((resolve) => {
        if (signal?.aborted) resolve('abort');
        // setTimeout takes a 32-bit delay: a longer one (a far deadline) would fire at once.
        const delay = Math.min(MAX_TIMER_MS, Math.max(0, deadlineMs - performance.now()));
        timer = setTimeout(() => resolve('timeout'), delay);
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
        return first?.ok ? (first as Ok<R>) : null;
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/** Decodes an MP3's tail on the helper thread (see TailRequest); null when the helper is busy. */
export function startTailDecode(
  request: Omit<Extract<HelperRequest, { kind: 'tail' }>, 'id' | 'kind'>,
): HelperJob<TailReply> | null {
  // Only the tail is copied to the thread (a view would carry the whole buffer).
  const bytes = request.bytes.slice();
  return startJob<TailReply>({ ...request, kind: 'tail', bytes }, [bytes.buffer]);
}

/** Whether PCM lives in shared memory, so the helper can read it in place. */
export function isShared(channels: Float32Array[]): boolean {
  return channels.every((c) => c.buffer instanceof SharedArrayBuffer);
}

/** measureLoudness on the helper thread over shared PCM; null when busy or not shared. */
export function startLoudness(channels: Float32Array[], sampleRate: number): HelperJob<LoudnessReply> | null {
  if (!isShared(channels)) return null;
  return startJob<LoudnessReply>({ kind: 'loudness', channels, sampleRate }, []);
}

/**
 * Starts the helper thread now and compiles its decoder, so the next long MP3 does not wait for
 * either (a fresh analyser thread calls it while idle). Resolves when done; never rejects.
 */
export async function warmHelper(deadlineMs = performance.now() + 30_000): Promise<void> {
  const job = startJob<WarmReply>({ kind: 'warm' }, []);
  await job?.result(deadlineMs).catch(() => null);
}

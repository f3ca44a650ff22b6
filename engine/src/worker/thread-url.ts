import type { WorkerOptions } from 'node:worker_threads';

/**
 * How to start a worker thread on `entry` (a sibling module of the caller, given
 * without extension): directly from built JS, or through ts-bootstrap.mjs when
 * running from TypeScript source. `workerData` of the caller is kept.
 */
export function workerEntry(
  callerUrl: string,
  entry: string,
  workerData?: Record<string, unknown>,
): {
  url: URL;
  options: WorkerOptions;
} {
  if (!callerUrl.endsWith('.ts')) {
    return { url: new URL(`${entry}.js`, callerUrl), options: { workerData } };
  }
  return {
    url: new URL('./ts-bootstrap.mjs', import.meta.url),
    options: { workerData: { ...workerData, __entry: new URL(`${entry}.ts`, callerUrl).href } },
  };
}
